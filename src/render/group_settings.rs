//! The private answers of `/accountability` and `/shoutouts`, and of the buttons on a server's daily post.

use chrono::{DateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use super::format::{self, when};
use crate::content::{fill, Content, Step};
use crate::groups::PauseReason;
use crate::ids::ChannelId;
use crate::reply::Reply;

/// What a server practises: one step, or the guide a step a week (`None`).
fn focus_name(content: &Content, step: Option<&Step>) -> String {
    match step {
        Some(step) => format!("{}. {}", step.number, step.title),
        None => content.groups.commands.focus_guide.clone(),
    }
}

fn channel(channel_id: ChannelId) -> String {
    format!("<#{channel_id}>")
}

/// The bot cannot post in the chosen channel: which permissions it lacks there.
pub fn missing_permissions(content: &Content, channel_id: ChannelId, missing: &[&str]) -> Reply {
    let m = &content.groups.messages;
    let (channel, permissions) = (channel(channel_id), missing.join(", "));
    Reply::text(fill(&m.missing_permissions, &[("channel", &channel), ("permissions", &permissions)]))
}

/// A server's setup as it is shown: where, when, what, and when the next post and summary come.
pub struct Setup<'a> {
    pub channel_id: ChannelId,
    pub time: NaiveTime,
    pub zone: Tz,
    pub focus: Option<&'a Step>,
    pub next: DateTime<Utc>,
    pub summary_weekday: Weekday,
    pub summary_time: NaiveTime,
}

/// How a setup run again relates to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Before {
    None,
    /// The same focus: the guide's week and the rotation keep their place.
    Kept,
    /// A new focus: the practices start again.
    Restarted,
}

/// `template` filled with a setup's channel, time, zone, focus, next post and summary, and `more`.
fn fill_setup(content: &Content, template: &str, setup: &Setup, more: &[(&str, &str)]) -> String {
    let vars = [
        ("channel", channel(setup.channel_id)),
        ("time", format::time(content, setup.time)),
        ("zone", setup.zone.name().to_owned()),
        ("focus", focus_name(content, setup.focus)),
        ("when", when(setup.next)),
        ("summary", format::weekly(content, setup.summary_weekday, setup.summary_time)),
    ];
    let mut all: Vec<(&str, &str)> = vars.iter().map(|(name, value)| (*name, value.as_str())).collect();
    all.extend_from_slice(more);
    fill(template, &all)
}

pub fn set_up(content: &Content, setup: &Setup, before: Before) -> Reply {
    let m = &content.groups.messages;
    let mut text = fill_setup(content, &m.setup_done, setup, &[]);
    match before {
        Before::Kept => text = format!("{text}\n{}", m.setup_kept),
        Before::Restarted => text = format!("{text}\n{}", m.setup_restarted),
        Before::None => {}
    }
    Reply::text(text)
}

/// Where a server's daily practice stands.
pub enum Status<'a> {
    Off,
    On { setup: Setup<'a>, summary_next: Option<DateTime<Utc>> },
    Paused(PauseReason),
}

pub fn status(content: &Content, status: &Status) -> Reply {
    let m = &content.groups.messages;
    Reply::text(match status {
        Status::Off => m.already_off.clone(),
        Status::Paused(reason) => paused_notice(content, *reason),
        Status::On { setup, summary_next } => {
            let summary_when = summary_next.map_or_else(String::new, when);
            fill_setup(content, &m.status_on, setup, &[("summary_when", &summary_when)])
        }
    })
}

/// Why the server's posts paused by themselves, and what fixes it.
pub fn paused_notice(content: &Content, reason: PauseReason) -> String {
    let m = &content.groups.messages;
    let why = match reason {
        PauseReason::ChannelGone => &m.reason_channel_gone,
        PauseReason::NoAccess => &m.reason_no_access,
    };
    fill(&m.paused, &[("reason", why)])
}

/// A pause told above a manager's next answer, unless the answer already says it.
pub fn with_pause_notice(notice: &str, mut reply: Reply) -> Reply {
    let text = reply.content.unwrap_or_default();
    reply.content = Some(if text.contains(notice) { text } else { format!("{notice}\n\n{text}") });
    reply
}

/// `/accountability off`, saying whether posts were on.
pub fn turned_off(content: &Content, were_on: bool) -> Reply {
    let m = &content.groups.messages;
    Reply::text(if were_on { m.off.clone() } else { m.already_off.clone() })
}

pub fn shoutouts(content: &Content, on: bool) -> Reply {
    let m = &content.groups.messages;
    Reply::text(if on { m.shoutouts_on.clone() } else { m.shoutouts_off.clone() })
}

/// A short private answer to a button on a daily post or to a shared reflection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    /// No accountability channel is set up any more.
    Off,
    OldPost,
    AlreadyCounted,
    Counted,
    ReflectionThanks,
    /// A server's command used in a DM.
    ServerOnly,
    /// Setting up or turning off needs a server manager.
    NotAdmin,
    /// The channel cannot be read.
    BadChannel,
}

pub fn told(content: &Content, told: Told) -> Reply {
    let m = &content.groups.messages;
    Reply::text(match told {
        Told::Off => m.already_off.clone(),
        Told::OldPost => m.old_post.clone(),
        Told::AlreadyCounted => m.already_counted.clone(),
        Told::Counted => m.counted.clone(),
        Told::ReflectionThanks => m.reflection_thanks.clone(),
        Told::ServerOnly => m.server_only.clone(),
        Told::NotAdmin => m.not_admin.clone(),
        Told::BadChannel => m.bad_channel.clone(),
    })
}
