//! `content/safety.toml`: the phrases that signal a crisis, and the fixed replies.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyFile {
    pub self_harm: Vec<String>,
    pub harm_to_others: Vec<String>,
    pub negations: Vec<String>,
    pub reply_title: String,
    pub reply: String,
    pub others_reply: String,
}
