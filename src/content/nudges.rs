//! `content/nudges.toml`: everything a person reads about daily nudges.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NudgesFile {
    pub commands: NudgeCommands,
    pub buttons: NudgeButtons,
    pub messages: NudgeMessages,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NudgeCommands {
    pub nudges: String,
    pub on: String,
    pub time_option: String,
    pub timezone_option: String,
    pub off: String,
    pub pause: String,
    pub days_option: String,
    pub status: String,
    pub recap: String,
    pub recap_option: String,
    pub timezone: String,
    pub zone_option: String,
    pub step: String,
    pub follow_option: String,
    pub follow_first_open: String,
    pub follow_all: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NudgeButtons {
    pub done: String,
    pub snooze: String,
    pub skip: String,
    pub stop: String,
    /// "Use America/New_York", after an abbreviation.
    pub use_zone: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NudgeMessages {
    pub nudge_title: String,
    pub nudge_intro: String,
    pub nudge_footer: String,
    pub on: String,
    pub on_by_dm: String,
    /// After `/nudges on` when today's nudge was already sent and the new time is still ahead today.
    pub on_today_done: String,
    pub off: String,
    pub already_off: String,
    pub paused: String,
    pub status_on: String,
    pub status_paused: String,
    /// Above the first nudge after a pause.
    pub resumed: String,
    pub status_step: String,
    pub follow_first_open: String,
    pub follow_all: String,
    pub follow_step: String,
    pub all_steps_done: String,
    pub all_steps_next: String,
    pub status_off: String,
    pub bad_time: String,
    pub zone_abbreviation: String,
    pub zone_abbreviation_retry: String,
    pub bad_zone: String,
    pub bad_days: String,
    pub no_zone_yet: String,
    pub done: String,
    pub already_done: String,
    pub snoozed: String,
    pub skipped: String,
    pub stopped: String,
    pub dm_closed: String,
    pub not_current: String,
    pub zone_set: String,
    pub zone_moves_nudge: String,
    pub zone_moves_recap: String,
    pub status_soon: String,
    pub recap_title: String,
    pub recap_body: String,
    /// After the week's counts when the streak is not zero.
    pub recap_streak: String,
    /// A week with no practice and no check-in: said kindly, without zeros.
    pub recap_quiet: String,
    pub recap_next: String,
    pub recap_on: String,
    pub recap_off: String,
}
