//! Group accountability channels: what a server's daily post shows, and the group's streak. Pure functions;
//! the tick (`tick.rs`) and the flows call them.

pub mod posts;

use chrono::{NaiveDate, Weekday};

use crate::content::{Content, Step};

/// The focus that walks through the guide, one step a week.
pub const FOLLOW_THE_GUIDE: &str = "guide";

/// The step a server practises on `day`: its chosen step, or the week's step of the guide.
pub fn step_for<'a>(content: &'a Content, focus: &str, started_on: NaiveDate, day: NaiveDate) -> &'a Step {
    let steps = content.steps();
    if focus == FOLLOW_THE_GUIDE {
        let weeks = (day - started_on).num_days().max(0) / 7;
        return &steps[usize::try_from(weeks).unwrap_or(0) % steps.len()];
    }
    content.step(focus).unwrap_or(&steps[0])
}

/// The day's practice, 1 to 3, rotating day by day.
pub fn practice_for(started_on: NaiveDate, day: NaiveDate) -> u8 {
    u8::try_from((day - started_on).num_days().rem_euclid(3)).unwrap_or(0) + 1
}

/// Days in a row with at least one check-in, ending on `through` (or the day before, when `through` has none
/// yet: the week's summary comes in the evening and today may still fill up).
pub fn streak(counts: &[(NaiveDate, u32)], through: NaiveDate) -> u32 {
    let has = |d: NaiveDate| counts.iter().any(|(day, n)| *day == d && *n > 0);
    let mut day = if has(through) { through } else { through.pred_opt().unwrap_or(through) };
    let mut n = 0;
    while has(day) {
        n += 1;
        match day.pred_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    n
}

/// Reads a weekday as people type it ("sunday", "Sun").
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    text.trim().parse::<Weekday>().ok()
}

/// The seven days ending on `last`, each with its count (zero when there was no post or no check-in).
pub fn week(counts: &[(NaiveDate, u32)], last: NaiveDate) -> Vec<(NaiveDate, u32)> {
    (0..7)
        .rev()
        .filter_map(|back| last.checked_sub_days(chrono::Days::new(back)))
        .map(|d| (d, counts.iter().find(|(day, _)| *day == d).map_or(0, |(_, n)| *n)))
        .collect()
}

/// Why a server's daily posts paused by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    /// The channel was deleted.
    ChannelGone,
    /// The bot may no longer post there.
    NoAccess,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, day).unwrap()
    }

    #[test]
    fn the_guide_focus_moves_one_step_a_week() {
        let content =
            crate::content::Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
                .unwrap();
        assert_eq!(step_for(&content, FOLLOW_THE_GUIDE, d(1), d(1)).number, 1);
        assert_eq!(step_for(&content, FOLLOW_THE_GUIDE, d(1), d(7)).number, 1);
        assert_eq!(step_for(&content, FOLLOW_THE_GUIDE, d(1), d(8)).number, 2);
        assert_eq!(step_for(&content, "repair", d(1), d(20)).slug, "repair");
    }

    #[test]
    fn practices_rotate_daily() {
        assert_eq!([0, 1, 2, 3].map(|i| practice_for(d(1), d(1 + i))), [1, 2, 3, 1]);
    }

    #[test]
    fn the_streak_counts_back_from_today_or_yesterday() {
        let counts = vec![(d(1), 2), (d(2), 1), (d(3), 0), (d(4), 3), (d(5), 1)];
        assert_eq!(streak(&counts, d(5)), 2);
        assert_eq!(streak(&counts, d(6)), 2, "today may still fill up");
        assert_eq!(streak(&counts, d(3)), 2);
        assert_eq!(streak(&[], d(3)), 0);
    }

    #[test]
    fn a_week_has_seven_days_with_zeros_filled_in() {
        let week = week(&[(d(5), 4)], d(7));
        assert_eq!(week.len(), 7);
        assert_eq!(week[0].0, d(1));
        assert_eq!(week[4], (d(5), 4));
        assert_eq!(week[6], (d(7), 0));
    }
}
