//! Forgiving streaks: a day counts when the person practised, checked in, or checked in with a group, by their
//! own calendar. One missed day in any seven does not break a streak, and today is still open.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};

/// Two misses closer than this break a streak.
const WINDOW_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Streaks {
    /// Days from the first active day of the streak still alive today to its latest active day.
    pub current: u32,
    pub longest: u32,
}

/// The streak ending at `end` (inclusive): walks back while no two missed days fall within seven days of each
/// other. `open_end`: `end` is today, which may still be logged, so it is never counted as missed.
fn ending_at(active: &BTreeSet<NaiveDate>, end: NaiveDate, open_end: bool) -> u32 {
    let first_active = active.iter().next().copied();
    let mut day = end;
    let mut last_miss: Option<NaiveDate> = None;
    let mut earliest: Option<NaiveDate> = None;
    let mut latest: Option<NaiveDate> = None;
    loop {
        if first_active.is_none_or(|f| day < f) {
            break;
        }
        if active.contains(&day) {
            earliest = Some(day);
            latest = latest.or(Some(day));
        } else if !(open_end && day == end) {
            if last_miss.is_some_and(|m| (m - day).num_days() < WINDOW_DAYS) {
                break;
            }
            last_miss = Some(day);
        }
        day -= Duration::days(1);
    }
    match (earliest, latest) {
        (Some(e), Some(l)) => u32::try_from((l - e).num_days() + 1).unwrap_or(u32::MAX),
        _ => 0,
    }
}

pub fn streaks(active: &BTreeSet<NaiveDate>, today: NaiveDate) -> Streaks {
    let current = ending_at(active, today, true);
    let longest = active.iter().map(|d| ending_at(active, *d, false)).max().unwrap_or(0).max(current);
    Streaks { current, longest }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).unwrap()
    }

    fn days(list: &[(u32, u32)]) -> BTreeSet<NaiveDate> {
        list.iter().map(|(m, day)| d(*m, *day)).collect()
    }

    #[test]
    fn consecutive_days_make_a_streak_and_today_is_still_open() {
        let active = days(&[(12, 1), (12, 2), (12, 3)]);
        assert_eq!(streaks(&active, d(12, 3)).current, 3);
        assert_eq!(streaks(&active, d(12, 4)).current, 3, "today not logged yet breaks nothing");
    }

    #[test]
    fn one_missed_day_in_seven_is_forgiven_two_are_not() {
        let one_gap = days(&[(12, 1), (12, 2), (12, 4), (12, 5)]);
        assert_eq!(streaks(&one_gap, d(12, 5)).current, 5);
        let two_gaps = days(&[(12, 1), (12, 3), (12, 5), (12, 6)]);
        assert_eq!(streaks(&two_gaps, d(12, 6)).current, 4, "the run since the first of two close misses");
        // Two misses a week apart are both forgiven.
        let spaced =
            days(&[(12, 1), (12, 3), (12, 4), (12, 5), (12, 6), (12, 7), (12, 8), (12, 9), (12, 11)]);
        assert_eq!(streaks(&spaced, d(12, 11)).current, 11);
    }

    #[test]
    fn missing_yesterday_keeps_the_streak_alive_for_today() {
        let active = days(&[(12, 1), (12, 2), (12, 3)]);
        assert_eq!(streaks(&active, d(12, 5)).current, 3, "yesterday forgiven, today open");
        assert_eq!(streaks(&active, d(12, 6)).current, 0, "two days missed in a row end it");
    }

    #[test]
    fn the_longest_streak_is_remembered() {
        let active = days(&[(11, 1), (11, 2), (11, 3), (11, 4), (11, 5), (12, 1), (12, 2)]);
        let s = streaks(&active, d(12, 2));
        assert_eq!((s.current, s.longest), (2, 5));
        assert_eq!(streaks(&BTreeSet::new(), d(12, 2)), Streaks::default());
    }

    #[test]
    fn days_follow_the_persons_own_zone() {
        use chrono::TimeZone;
        // 23:30 and 00:30 in New York: two of her days, though both fall on 2 December in UTC.
        let late = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 4, 30, 0).unwrap();
        let early = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 5, 30, 0).unwrap();
        let ny = Some(chrono_tz::America::New_York);
        let active: BTreeSet<NaiveDate> =
            [crate::progress::local_day(late, ny), crate::progress::local_day(early, ny)]
                .into_iter()
                .collect();
        assert_eq!(active.len(), 2);
        assert_eq!(streaks(&active, crate::progress::local_day(early, ny)).current, 2);
        let in_utc: BTreeSet<NaiveDate> =
            [crate::progress::local_day(late, None), crate::progress::local_day(early, None)]
                .into_iter()
                .collect();
        assert_eq!(in_utc.len(), 1, "in UTC they would be one day");
    }

    #[test]
    fn a_daylight_saving_week_counts_calendar_days_not_hours() {
        // Days are the person's own calendar days, recorded when logged; a 23-hour day is still one day.
        let active = days(&[(3, 26), (3, 27), (3, 28), (3, 29), (3, 30), (3, 31), (4, 1)]);
        assert_eq!(streaks(&active, d(4, 1)).current, 7);
    }
}
