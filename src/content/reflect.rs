//! `content/reflect.toml`: check-ins and the private journal.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectFile {
    pub commands: ReflectCommands,
    pub checkin: CheckinTexts,
    /// Said instead of opening a form when free text cannot be stored (no `DATA_KEY`).
    pub not_stored: String,
    /// A form field that arrived missing, empty or only spaces (Discord checks this; a forged form does not).
    pub form_empty: String,
    /// A form field that arrived longer than the form allows.
    pub form_too_long: String,
    pub journal: JournalTexts,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectCommands {
    pub checkin: String,
    pub checkin_now: String,
    pub checkin_history: String,
    pub checkin_page_option: String,
    pub journal: String,
    pub journal_write: String,
    pub journal_prompt_option: String,
    pub journal_read: String,
    pub journal_page_option: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinTexts {
    pub title: String,
    pub feeling_label: String,
    pub feeling_placeholder: String,
    pub need_label: String,
    pub need_placeholder: String,
    pub steadiness_label: String,
    pub steadiness_placeholder: String,
    pub saved: String,
    /// A typed check-in whose need was skipped.
    pub saved_feeling_only: String,
    /// Openings left out when a feeling or need is quoted back, so the echo does not double them.
    pub echo_feeling_openings: Vec<String>,
    pub echo_need_openings: Vec<String>,
    pub steadiness_line: String,
    pub bad_steadiness: String,
    pub button: String,
    pub typed_start: Vec<String>,
    pub ask_feeling: String,
    pub ask_need: String,
    /// Answers to "what do you need?" that skip it.
    pub typed_skip: Vec<String>,
    pub typed_stopped: String,
    pub history_title: String,
    pub history_empty: String,
    pub history_entry: String,
    pub history_entry_feeling_only: String,
    pub history_footer: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalTexts {
    pub title: String,
    pub label: String,
    pub placeholder: String,
    pub prompts: Vec<String>,
    pub saved: String,
    pub read_title: String,
    pub empty: String,
    pub page_footer: String,
    pub shortened: String,
    pub newer: String,
    pub older: String,
}
