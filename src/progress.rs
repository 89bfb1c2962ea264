//! Practice progress as plain values: which practice, which day, and a person's summary.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// One of a step's three practices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeRef {
    pub step_slug: String,
    /// 1, 2 or 3.
    pub number: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoggedPractice {
    pub practice: PracticeRef,
    pub day: NaiveDate,
    pub logged_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgressSummary {
    /// Slugs of completed steps.
    pub completed: Vec<String>,
    /// Practices logged per step slug.
    pub counts: Vec<(String, u32)>,
    /// Newest first.
    pub recent: Vec<LoggedPractice>,
    /// Check-ins on servers' shared daily posts.
    pub group_checkins: u32,
    pub streaks: crate::streak::Streaks,
}

impl ProgressSummary {
    pub fn count_for(&self, slug: &str) -> u32 {
        self.counts.iter().find(|(s, _)| s == slug).map_or(0, |(_, n)| *n)
    }

    pub fn is_completed(&self, slug: &str) -> bool {
        self.completed.iter().any(|s| s == slug)
    }

    pub fn is_empty(&self) -> bool {
        self.completed.is_empty()
            && self.counts.is_empty()
            && self.group_checkins == 0
            && self.streaks.longest == 0
    }
}

/// How many recent practices `/progress` lists.
pub const RECENT_SHOWN: u32 = 5;

/// The calendar day `now` falls on for the person: their own zone when they have set one, else UTC.
pub fn local_day(now: DateTime<Utc>, zone: Option<Tz>) -> NaiveDate {
    match zone {
        Some(tz) => now.with_timezone(&tz).date_naive(),
        None => now.date_naive(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_day_follows_the_persons_zone() {
        let late_evening_in_new_york = Utc.with_ymd_and_hms(2026, 12, 2, 3, 30, 0).unwrap();
        assert_eq!(local_day(late_evening_in_new_york, None), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(
            local_day(late_evening_in_new_york, Some(chrono_tz::America::New_York)),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
    }
}
