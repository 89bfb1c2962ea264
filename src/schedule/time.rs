//! When a daily nudge is due: a local time in the person's zone, turned into UTC, right across
//! daylight-saving changes. Pure functions; the tick and the commands call them with the clock's `now`.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant `time` happens on `day` in `zone`. A time skipped by a clock change happens at the first
/// valid minute after it; a time that happens twice counts once, at its first occurrence.
pub fn local_instant(day: NaiveDate, time: NaiveTime, zone: Tz) -> DateTime<Utc> {
    let mut wall = day.and_time(time);
    // Gaps are at most a few hours (two at the most in the zone database); search a little beyond.
    for _ in 0..=(24 * 60) {
        match zone.from_local_datetime(&wall) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            LocalResult::None => wall += Duration::minutes(1),
        }
    }
    // Unreachable for real zones; fall back to reading the wall time as UTC rather than panicking.
    Utc.from_utc_datetime(&day.and_time(time))
}

/// What decides the next nudge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub time: NaiveTime,
    pub zone: Tz,
    /// The local day the last nudge went out for: never two on one day.
    pub last_sent: Option<NaiveDate>,
    /// No nudges up to and including this local day.
    pub paused_through: Option<NaiveDate>,
}

/// The first nudge strictly after `after`: its local day and its instant.
pub fn next_due(after: DateTime<Utc>, plan: &Plan) -> (NaiveDate, DateTime<Utc>) {
    let mut day = after.with_timezone(&plan.zone).date_naive() - Duration::days(1);
    loop {
        let blocked =
            plan.last_sent.is_some_and(|d| day <= d) || plan.paused_through.is_some_and(|d| day <= d);
        if !blocked {
            let at = local_instant(day, plan.time, plan.zone);
            if at > after {
                return (day, at);
            }
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => return (day, after + Duration::days(1)),
        };
    }
}

/// "Skip today": the next nudge after the local day that `now` falls on.
pub fn after_today(now: DateTime<Utc>, plan: &Plan) -> (NaiveDate, DateTime<Utc>) {
    let today = now.with_timezone(&plan.zone).date_naive();
    let plan = Plan { last_sent: Some(plan.last_sent.map_or(today, |d| d.max(today))), ..*plan };
    next_due(now, &plan)
}

#[cfg(test)]
#[path = "time_tests.rs"]
mod tests;

/// The next weekly instant strictly after `after`: `weekday` at `time` in `zone`, with the same rules for
/// clock changes as daily nudges.
pub fn next_weekly(
    after: DateTime<Utc>,
    weekday: chrono::Weekday,
    time: NaiveTime,
    zone: Tz,
) -> (NaiveDate, DateTime<Utc>) {
    use chrono::Datelike;
    let mut day = after.with_timezone(&zone).date_naive();
    for _ in 0..15 {
        if day.weekday() == weekday {
            let at = local_instant(day, time, zone);
            if at > after {
                return (day, at);
            }
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    (day, after + Duration::weeks(1))
}
