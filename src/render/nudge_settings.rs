//! The private answers of `/nudges`, `/timezone` and `/nudges recap`: what was set, and when the next one comes.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::format::{self, quoted, when};
use crate::content::{fill, Content, Step};
use crate::reply::Reply;

/// A time that could not be read, quoted back.
pub fn bad_time(content: &Content, typed: &str) -> Reply {
    Reply::text(fill(&content.nudges.messages.bad_time, &[("input", &quoted(typed))]))
}

/// A zone that could not be read, quoted back.
pub fn bad_zone(content: &Content, typed: &str) -> Reply {
    Reply::text(fill(&content.nudges.messages.bad_zone, &[("input", &quoted(typed))]))
}

/// Nudges and recaps need a zone first.
pub fn no_zone_yet(content: &Content) -> Reply {
    Reply::text(content.nudges.messages.no_zone_yet.clone())
}

/// What `/nudges on` set.
pub struct TurnedOn {
    pub time: NaiveTime,
    pub zone: Tz,
    pub next: DateTime<Utc>,
    /// The new time is still ahead today, but today's nudge has come: the next one is tomorrow.
    pub today_done: bool,
    /// The weekly recap moved with a new zone, to this moment.
    pub recap_next: Option<DateTime<Utc>>,
    /// Asked in a server: the nudges come by DM.
    pub in_guild: bool,
}

pub fn turned_on(content: &Content, on: &TurnedOn) -> Reply {
    let m = &content.nudges.messages;
    let mut lines = vec![fill(
        &m.on,
        &[("time", &format::time(content, on.time)), ("zone", on.zone.name()), ("when", &when(on.next))],
    )];
    if on.today_done {
        lines.push(m.on_today_done.clone());
    }
    if let Some(recap) = on.recap_next {
        lines.push(fill(&m.zone_moves_recap, &[("when", &when(recap))]));
    }
    if on.in_guild {
        lines.push(m.on_by_dm.clone());
    }
    Reply::text(lines.join("\n"))
}

/// `/nudges off`, saying whether they were on.
pub fn turned_off(content: &Content, were_on: bool) -> Reply {
    let m = &content.nudges.messages;
    Reply::text(if were_on { m.off.clone() } else { m.already_off.clone() })
}

/// A pause outside 1 to the longest allowed.
pub fn bad_days(content: &Content) -> Reply {
    Reply::text(content.nudges.messages.bad_days.clone())
}

/// `/nudges pause`: for how many days, and when the next nudge comes.
pub fn paused(content: &Content, days: i64, next: DateTime<Utc>) -> Reply {
    let m = &content.nudges.messages;
    Reply::text(fill(&m.paused, &[("days", &days.to_string()), ("when", &when(next))]))
}

/// Where a person's nudges stand.
pub enum Status {
    Off,
    /// Due now: on its way.
    Soon,
    Paused {
        through: NaiveDate,
        next: DateTime<Utc>,
        zone: Tz,
    },
    On {
        next: DateTime<Utc>,
        zone: Tz,
    },
}

/// `/nudges status`, with the step the next nudge comes from when one is ahead.
pub fn status(content: &Content, status: &Status, step: Option<&Step>) -> Reply {
    let m = &content.nudges.messages;
    let mut text = match status {
        Status::Off => m.status_off.clone(),
        Status::Soon => m.status_soon.clone(),
        Status::Paused { through, next, zone } => fill(
            &m.status_paused,
            &[
                ("day", &format::day(content, *through)),
                ("when", &when(*next)),
                ("local", &format::local_moment(content, *next, *zone)),
            ],
        ),
        Status::On { next, zone } => fill(
            &m.status_on,
            &[("when", &when(*next)), ("local", &format::local_moment(content, *next, *zone))],
        ),
    };
    if let Some(step) = step {
        let line = fill(&m.status_step, &[("number", &step.number.to_string()), ("step", &step.title)]);
        text = format!("{text}\n{line}");
    }
    Reply::text(text)
}

/// What `/nudges step follow:` chose.
pub enum Follow<'a> {
    FirstOpen,
    All,
    Step(&'a Step),
}

pub fn follow(content: &Content, follow: &Follow) -> Reply {
    let m = &content.nudges.messages;
    Reply::text(match follow {
        Follow::FirstOpen => m.follow_first_open.clone(),
        Follow::All => m.follow_all.clone(),
        Follow::Step(step) => {
            fill(&m.follow_step, &[("number", &step.number.to_string()), ("step", &step.title)])
        }
    })
}

/// What `/timezone` set, and what moved with it.
pub struct ZoneSet {
    pub zone: Tz,
    pub now: DateTime<Utc>,
    pub nudge_next: Option<DateTime<Utc>>,
    pub recap_next: Option<DateTime<Utc>>,
}

pub fn zone_set(content: &Content, set: &ZoneSet) -> Reply {
    let m = &content.nudges.messages;
    let local = format::local_now(content, set.now, set.zone);
    let mut lines = vec![fill(&m.zone_set, &[("zone", set.zone.name()), ("local", &local)])];
    if let Some(next) = set.nudge_next {
        lines.push(fill(&m.zone_moves_nudge, &[("when", &when(next))]));
    }
    if let Some(next) = set.recap_next {
        lines.push(fill(&m.zone_moves_recap, &[("when", &when(next))]));
    }
    Reply::text(lines.join("\n"))
}

/// `/nudges recap`: when the next one comes, or that they are off.
pub fn recap(content: &Content, next: Option<DateTime<Utc>>) -> Reply {
    let m = &content.nudges.messages;
    Reply::text(match next {
        Some(next) => fill(&m.recap_on, &[("when", &when(next))]),
        None => m.recap_off.clone(),
    })
}
