//! `content/partners.toml`: practice partners, from the invitation to the end.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnersFile {
    pub commands: PartnerCommands,
    pub buttons: PartnerButtons,
    pub appreciation: PartnerAppreciation,
    pub ritual: PartnerRitual,
    pub messages: PartnerMessages,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerRitual {
    pub step: String,
    pub practice: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerAppreciation {
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerCommands {
    pub partner: String,
    pub invite: String,
    pub user_option: String,
    pub leave: String,
    pub status: String,
    pub share: String,
    pub streak_option: String,
    pub appreciate: String,
    pub line_option: String,
    pub note_option: String,
    pub reset: String,
    pub ritual: String,
    pub day_option: String,
    pub time_option: String,
    pub what_option: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerButtons {
    pub accept: String,
    pub decline: String,
    pub block: String,
    pub ready: String,
    pub need_time: String,
    pub reconnect: String,
    pub in_30_minutes: String,
    pub in_an_hour: String,
    pub this_evening: String,
    pub tomorrow: String,
    pub ask_reset: String,
    pub another_time: String,
    pub we_did_it: String,
    pub not_this_week: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerMessages {
    pub invitation_title: String,
    pub invitation: String,
    pub invite_sent: String,
    pub cannot_invite: String,
    pub not_yourself: String,
    pub not_a_bot: String,
    pub you_have_partner: String,
    pub invite_waiting: String,
    pub accepted_you: String,
    pub accepted_them: String,
    pub declined_you: String,
    pub blocked_you: String,
    pub declined_them: String,
    pub expired: String,
    pub no_longer_open: String,
    pub ended_you: String,
    pub ended_them: String,
    pub no_partner: String,
    pub status_title: String,
    pub status_partner: String,
    pub status_their_streak: String,
    pub status_their_streak_private: String,
    pub status_you_share: String,
    pub status_you_keep: String,
    pub status_never: String,
    pub status_invite_out: String,
    pub share_on: String,
    pub share_off: String,
    pub streak_days: String,
    pub appreciation: String,
    pub appreciation_sent: String,
    pub note_empty: String,
    pub note_too_long: String,
    pub not_delivered: String,
    pub not_sent: String,
    pub reset_request: String,
    pub reset_sent: String,
    pub reset_waiting: String,
    pub reset_limit: String,
    pub reset_ready_you: String,
    pub reset_time_you: String,
    pub reset_when: String,
    pub reset_reconnect_you: String,
    pub reset_ready_them: String,
    pub reset_time_them: String,
    pub reset_reconnect_them: String,
    pub reset_answered: String,
    pub reconnect_reminder: String,
    pub ritual_proposal: String,
    pub ritual_proposed: String,
    pub ritual_accepted_you: String,
    pub ritual_accepted_them: String,
    pub ritual_another_you: String,
    pub ritual_another_them: String,
    pub ritual_need_zone: String,
    pub ritual_bad_time: String,
    pub ritual_bad_day: String,
    pub ritual_what_empty: String,
    pub ritual_what_too_long: String,
    pub ritual_reminder: String,
    pub ritual_done_you: String,
    pub ritual_done_them: String,
    pub ritual_already_done: String,
    pub ritual_skipped: String,
    pub ritual_gone: String,
    pub status_ritual: String,
    pub ritual_clock_change: String,
    pub ritual_not_yet: String,
}
