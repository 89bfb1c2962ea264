//! `content/safety.toml`: the fixed, reviewed replies to words that signal a crisis, and the lines that say
//! what happened to those words.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyFile {
    pub reply_title: String,
    pub reply: String,
    pub others_title: String,
    pub others_reply: String,
    pub concern_title: String,
    pub concern_reply: String,
    pub someone_else_title: String,
    pub someone_else_reply: String,
    pub quiz_paused: String,
    pub kept_journal: String,
    pub kept_checkin: String,
    pub not_posted: String,
}
