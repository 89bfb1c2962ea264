//! `content/mydata.toml`: showing, exporting and deleting a person's data.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MyDataFile {
    pub commands: MyDataCommands,
    pub messages: MyDataMessages,
    pub labels: MyDataLabels,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MyDataCommands {
    pub mydata: String,
    pub show: String,
    pub export: String,
    pub delete: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MyDataMessages {
    pub show_title: String,
    pub show_intro: String,
    pub show_line: String,
    pub show_nothing: String,
    pub export_done: String,
    pub delete_confirm: String,
    pub delete_button: String,
    pub keep_button: String,
    pub export_button: String,
    pub deleted: String,
    pub kept: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MyDataLabels {
    pub practices: String,
    pub steps: String,
    pub quiz_results: String,
    pub quiz_in_progress: String,
    pub zone: String,
    pub country: String,
    pub checkins: String,
    pub journal: String,
    pub group_checkins: String,
    pub shoutouts: String,
    pub nudges: String,
    pub recaps: String,
    pub partners: String,
    pub partner_invites: String,
    pub partner_blocks: String,
    pub partner_resets: String,
    pub partner_rituals: String,
}
