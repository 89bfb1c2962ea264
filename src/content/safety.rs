//! `content/safety.toml`: the fixed, reviewed replies to words that signal a crisis.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyFile {
    pub reply_title: String,
    pub reply: String,
    pub others_reply: String,
}
