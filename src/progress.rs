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
    /// How steady the person felt at their latest check-ins, oldest first: (day, 1 to 5).
    pub steadiness: Vec<(NaiveDate, u8)>,
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
            && self.steadiness.is_empty()
    }
}

/// How many recent practices `/progress` lists.
pub const RECENT_SHOWN: u32 = 5;

/// How many check-ins the steadiness trend shows.
pub const STEADINESS_SHOWN: u32 = 14;

/// Which way steadiness has moved: the later half of the check-ins against the earlier half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Too few check-ins to tell (fewer than four).
    TooFew,
    Steadier,
    Same,
    LessSteady,
}

pub fn steadiness_trend(values: &[u8]) -> Trend {
    if values.len() < 4 {
        return Trend::TooFew;
    }
    let half = values.len() / 2;
    let mean = |v: &[u8]| v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len() as f64;
    let change = mean(&values[values.len() - half..]) - mean(&values[..half]);
    if change >= 0.5 {
        Trend::Steadier
    } else if change <= -0.5 {
        Trend::LessSteady
    } else {
        Trend::Same
    }
}

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
    fn steadiness_trends_compare_the_later_half_with_the_earlier() {
        assert_eq!(steadiness_trend(&[1, 5, 1]), Trend::TooFew, "three say too little");
        assert_eq!(steadiness_trend(&[2, 2, 3, 4]), Trend::Steadier);
        assert_eq!(
            steadiness_trend(&[4, 4, 3, 2, 2]),
            Trend::LessSteady,
            "the middle one counts for neither"
        );
        assert_eq!(steadiness_trend(&[3, 4, 3, 4, 4, 3]), Trend::Same);
        assert_eq!(steadiness_trend(&[5; 14]), Trend::Same);
    }

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
