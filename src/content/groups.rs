//! `content/groups.toml`: everything a person reads about group accountability channels.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupsFile {
    pub commands: GroupCommands,
    pub buttons: GroupButtons,
    pub messages: GroupMessages,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCommands {
    pub accountability: String,
    pub setup: String,
    pub channel_option: String,
    pub time_option: String,
    pub timezone_option: String,
    pub focus_option: String,
    pub off: String,
    pub status: String,
    pub shoutouts: String,
    pub shoutouts_option: String,
    pub focus_guide: String,
    pub summary_day_option: String,
    pub summary_time_option: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupButtons {
    pub practiced: String,
    pub reflect: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupMessages {
    pub post_title: String,
    pub post_intro: String,
    pub count_none: String,
    pub count_one: String,
    pub count_many: String,
    pub counted: String,
    pub already_counted: String,
    pub old_post: String,
    pub reflect_title: String,
    pub reflect_label: String,
    pub reflect_placeholder: String,
    pub reflection_posted: String,
    pub reflection_thanks: String,
    pub setup_done: String,
    pub setup_kept: String,
    pub setup_restarted: String,
    pub missing_permissions: String,
    pub not_admin: String,
    pub server_only: String,
    pub bad_channel: String,
    pub off: String,
    pub already_off: String,
    pub status_on: String,
    pub paused: String,
    pub reason_channel_gone: String,
    pub reason_no_access: String,
    pub summary_title: String,
    pub summary_days: String,
    pub summary_streak: String,
    pub summary_streak_fresh: String,
    pub summary_streak_none: String,
    pub summary_shoutouts: String,
    pub summary_quiet: String,
    pub shoutouts_on: String,
    pub shoutouts_off: String,
}
