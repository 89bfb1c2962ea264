//! Dates, times, Discord timestamps and quoted input, written one way for every reply. The date patterns come
//! from `content/ui.toml` (`[formats]`), checked at start-up.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::content::{fill, Content};

/// One value written with one pattern; a pattern that cannot write it (the loader refuses those) gives the
/// ISO form rather than a panic.
fn write(value: impl Fn(&mut String) -> std::fmt::Result, iso: impl Fn() -> String) -> String {
    let mut out = String::new();
    match value(&mut out) {
        Ok(()) => out,
        Err(_) => iso(),
    }
}

/// A day written with a pattern from `[formats]`.
pub fn with_pattern(day: NaiveDate, pattern: &str) -> String {
    write(|out| write!(out, "{}", day.format(pattern)), || day.to_string())
}

/// A time of day: "08:30".
pub fn time(content: &Content, at: NaiveTime) -> String {
    let pattern = &content.ui.formats.time;
    write(|out| write!(out, "{}", at.format(pattern)), || at.format("%H:%M").to_string())
}

/// A person's own day, as a date (a Discord timestamp would shift it to the reader's zone):
/// "Monday 1 December 2026".
pub fn day(content: &Content, day: NaiveDate) -> String {
    with_pattern(day, &content.ui.formats.day)
}

/// A day in a list: "Mon 30 Nov".
pub fn list_day(content: &Content, day: NaiveDate) -> String {
    with_pattern(day, &content.ui.formats.list_day)
}

/// A day with its year, short: "1 Dec 2026".
pub fn short_date(content: &Content, day: NaiveDate) -> String {
    with_pattern(day, &content.ui.formats.date)
}

/// A month: "November 2026".
pub fn month(content: &Content, day: NaiveDate) -> String {
    with_pattern(day, &content.ui.formats.month)
}

/// A date that falls on `weekday`.
fn a_day_on(weekday: Weekday) -> NaiveDate {
    NaiveDate::from_isoywd_opt(2026, 2, weekday).unwrap_or_default()
}

/// A weekday's name: "Sunday".
pub fn weekday(content: &Content, weekday: Weekday) -> String {
    with_pattern(a_day_on(weekday), &content.ui.formats.weekday)
}

/// A weekday's short name: "Sun".
pub fn short_weekday(content: &Content, day: NaiveDate) -> String {
    with_pattern(day, &content.ui.formats.short_weekday)
}

/// A weekly time: "Sunday at 19:00".
pub fn weekly(content: &Content, on: Weekday, at: NaiveTime) -> String {
    fill(&content.ui.formats.weekly, &[("weekday", &weekday(content, on)), ("time", &time(content, at))])
}

fn local(at: DateTime<Utc>, zone: Tz, pattern: &str) -> String {
    let there = zone.from_utc_datetime(&at.naive_utc());
    write(|out| write!(out, "{}", there.format(pattern)), || there.to_rfc3339())
}

/// A moment in a person's own zone: "08:30 on Tuesday 2 December".
pub fn local_moment(content: &Content, at: DateTime<Utc>, zone: Tz) -> String {
    local(at, zone, &content.ui.formats.local_moment)
}

/// Now in a person's zone: "08:30 on Tuesday".
pub fn local_now(content: &Content, at: DateTime<Utc>, zone: Tz) -> String {
    local(at, zone, &content.ui.formats.local_now)
}

/// A Discord timestamp, shown in each reader's own time zone and language.
pub fn discord_time(at: DateTime<Utc>, style: char) -> String {
    format!("<t:{}:{style}>", at.timestamp())
}

/// A coming moment as Discord timestamps: "in 3 hours (1 December 2026 08:30)", in the reader's zone.
pub fn when(at: DateTime<Utc>) -> String {
    format!("{} ({})", discord_time(at, 'R'), discord_time(at, 'f'))
}

/// Bullet lines for an embed.
pub fn bullets<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    items.into_iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n")
}

/// The longest part of typed text that is quoted back.
pub const QUOTED_MAX: usize = 40;

/// Text a person typed, shortened and stripped of what would change the reply's markdown, for quoting back.
pub fn quoted(text: &str) -> String {
    let cleaned: String =
        text.chars().filter(|c| !c.is_control() && *c != '*' && *c != '`').take(QUOTED_MAX).collect();
    cleaned.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

    use super::*;

    fn content() -> Content {
        Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_shipped_patterns_write_the_forms_the_replies_use() {
        let content = content();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let at = NaiveTime::from_hms_opt(8, 5, 0).unwrap();
        assert_eq!(time(&content, at), "08:05");
        assert_eq!(super::day(&content, day), "Tuesday 1 December 2026");
        assert_eq!(list_day(&content, day), "Tue 1 Dec");
        // Under a chart (the picture is given the pattern with its labels).
        assert_eq!(with_pattern(day, &content.ui.formats.chart_day), "1 Dec");
        assert_eq!(short_date(&content, day), "1 Dec 2026");
        assert_eq!(month(&content, day), "December 2026");
        assert_eq!(short_weekday(&content, day), "Tue");
        for (w, name) in [(Weekday::Mon, "Monday"), (Weekday::Sun, "Sunday")] {
            assert_eq!(weekday(&content, w), name);
        }
        assert_eq!(
            weekly(&content, Weekday::Sun, NaiveTime::from_hms_opt(19, 0, 0).unwrap()),
            "Sunday at 19:00"
        );
        // 23:30 UTC on 1 December is already the 2nd in Auckland.
        let moment = Utc.with_ymd_and_hms(2026, 12, 1, 23, 30, 0).unwrap();
        assert_eq!(
            local_moment(&content, moment, chrono_tz::Pacific::Auckland),
            "12:30 on Wednesday 2 December"
        );
        assert_eq!(local_now(&content, moment, chrono_tz::America::New_York), "18:30 on Tuesday");
    }

    #[test]
    fn a_pattern_that_cannot_write_its_value_gives_the_plain_form_not_a_panic() {
        let mut content = content();
        content.ui.formats.time = "%A".to_owned();
        content.ui.formats.day = "%Q".to_owned();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(time(&content, NaiveTime::from_hms_opt(8, 5, 0).unwrap()), "08:05");
        assert_eq!(super::day(&content, day), "2026-12-01");
    }

    #[test]
    fn quoted_input_is_short_and_cannot_change_the_markdown() {
        assert_eq!(quoted("  **8pm**`\n"), "8pm");
        assert_eq!(quoted(&"ä".repeat(100)).chars().count(), QUOTED_MAX);
    }
}
