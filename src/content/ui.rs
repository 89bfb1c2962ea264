//! `content/ui.toml`: command descriptions, button labels and the bot's short messages.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiFile {
    pub commands: CommandTexts,
    pub buttons: ButtonTexts,
    pub messages: MessageTexts,
    pub help: HelpTexts,
    pub progress: ProgressTexts,
    pub formats: Formats,
}

/// Descriptions shown in Discord's command picker (at most 100 characters each).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandTexts {
    pub guide: String,
    pub step: String,
    pub share_option: String,
    pub progress: String,
    pub strategies: String,
    pub support: String,
    pub help: String,
    pub country_option: String,
    pub quiz: String,
    pub quiz_start: String,
    pub quiz_history: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ButtonTexts {
    pub previous: String,
    pub next: String,
    pub did_practice: String,
    pub mark_complete: String,
    pub completed: String,
    pub progress: String,
    pub back_to_step: String,
    pub guide: String,
    pub more_help: String,
    pub yesterday: String,
}

/// Short replies. `{placeholders}` are filled in by the renderers; the loader checks each one is known.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageTexts {
    pub not_yours: String,
    pub unknown_button: String,
    pub unknown_step: String,
    pub something_went_wrong: String,
    pub restarting: String,
    pub dm_hint: String,
    pub pick_practice: String,
    pub logged: String,
    pub logged_yesterday: String,
    pub already_logged: String,
    pub step_completed: String,
    pub step_reopened: String,
    pub guide_steps_heading: String,
    pub guide_begin_heading: String,
    pub guide_begin: String,
    pub guide_quiz_button: String,
    pub guide_strategies_button: String,
    pub guide_support_button: String,
    pub guide_takeaways_heading: String,
    pub step_what_heading: String,
    pub step_why_heading: String,
    pub step_practices_heading: String,
    pub step_footer: String,
    pub step_done_footer: String,
    pub try_today_label: String,
    pub crisis_checked: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpTexts {
    pub title: String,
    pub intro: String,
    pub commands_heading: String,
    /// When the commands need a second field.
    pub commands_more_heading: String,
    pub privacy_heading: String,
    pub privacy: String,
    pub disclaimer_heading: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressTexts {
    pub title: String,
    pub empty: String,
    pub steps_heading: String,
    pub steps_line: String,
    pub recent_heading: String,
    pub recent_line: String,
    pub step_line_done: String,
    pub step_line_open: String,
    pub group_heading: String,
    pub group_line: String,
    pub steadiness_heading: String,
    pub steadiness_line: String,
    pub steadiness_steadier: String,
    pub steadiness_same: String,
    pub steadiness_less: String,
    pub picture_steadiness: String,
    pub streak_heading: String,
    pub streak_line: String,
    /// No streak yet: how one starts, without a zero.
    pub streak_none: String,
    /// No current streak, but an earlier one.
    pub streak_fresh: String,
    pub picture_weeks: String,
    pub picture_steps: String,
    pub picture_quiz: String,
}

/// How dates and times are written: chrono strftime patterns, checked at start-up, and `weekly`, a template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    pub time: String,
    pub day: String,
    pub list_day: String,
    pub chart_day: String,
    pub date: String,
    pub weekday: String,
    pub short_weekday: String,
    pub month: String,
    pub local_moment: String,
    pub local_now: String,
    pub weekly: String,
}
