use super::*;
use chrono::Timelike;
use chrono_tz::{America, Asia, Australia, Europe};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn plan(h: u32, m: u32, zone: Tz) -> Plan {
    Plan { time: time(h, m), zone, last_sent: None, paused_through: None }
}

#[test]
fn new_york_spring_forward_skips_to_the_first_valid_minute() {
    // 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT.
    let at = local_instant(date(2026, 3, 8), time(2, 30), America::New_York);
    assert_eq!(at, utc(2026, 3, 8, 7, 0), "03:00 EDT");
    assert_eq!(at.with_timezone(&America::New_York).hour(), 3);
}

#[test]
fn new_york_fall_back_fires_once_at_the_first_occurrence() {
    // 2026-11-01 01:30 happens twice in New York; the first is 01:30 EDT (05:30 UTC).
    let at = local_instant(date(2026, 11, 1), time(1, 30), America::New_York);
    assert_eq!(at, utc(2026, 11, 1, 5, 30));
    let p = plan(1, 30, America::New_York);
    let (day, first) = next_due(utc(2026, 11, 1, 0, 0), &p);
    assert_eq!((day, first), (date(2026, 11, 1), utc(2026, 11, 1, 5, 30)));
    // Once sent for that day, the second 01:30 (06:30 UTC) brings nothing; the next is the 2nd at 01:30 EST.
    let sent = Plan { last_sent: Some(day), ..p };
    assert_eq!(next_due(first, &sent), (date(2026, 11, 2), utc(2026, 11, 2, 6, 30)));
}

#[test]
fn london_spring_forward_and_fall_back() {
    // 2026-03-29 01:30 does not exist in London (01:00 GMT → 02:00 BST): fires at 02:00 BST = 01:00 UTC.
    assert_eq!(local_instant(date(2026, 3, 29), time(1, 30), Europe::London), utc(2026, 3, 29, 1, 0));
    // 2026-10-25 01:30 happens twice: first as BST (00:30 UTC).
    assert_eq!(local_instant(date(2026, 10, 25), time(1, 30), Europe::London), utc(2026, 10, 25, 0, 30));
}

#[test]
fn lord_howe_shifts_by_half_an_hour() {
    // Lord Howe moves from +10:30 to +11:00 on 2026-10-04 at 02:00; 02:15 does not exist that day.
    let at = local_instant(date(2026, 10, 4), time(2, 15), Australia::Lord_Howe);
    assert_eq!(at.with_timezone(&Australia::Lord_Howe).time(), time(2, 30));
    // And on 2026-04-05 it moves back at 02:00 → 01:30, so 01:45 happens twice: first at +11:00.
    let at = local_instant(date(2026, 4, 5), time(1, 45), Australia::Lord_Howe);
    assert_eq!(at, utc(2026, 4, 4, 14, 45));
}

#[test]
fn kathmandu_keeps_its_quarter_hour_offset() {
    let at = local_instant(date(2026, 12, 1), time(8, 0), Asia::Kathmandu);
    assert_eq!(at, utc(2026, 12, 1, 2, 15));
}

#[test]
fn the_next_nudge_is_today_if_still_ahead_otherwise_tomorrow() {
    let p = plan(20, 0, Europe::Berlin);
    assert_eq!(next_due(utc(2026, 12, 1, 18, 0), &p), (date(2026, 12, 1), utc(2026, 12, 1, 19, 0)));
    assert_eq!(next_due(utc(2026, 12, 1, 19, 0), &p), (date(2026, 12, 2), utc(2026, 12, 2, 19, 0)));
    // Late in the UTC day but already tomorrow in Auckland.
    let p = plan(8, 0, chrono_tz::Pacific::Auckland);
    assert_eq!(next_due(utc(2026, 12, 1, 22, 0), &p).0, date(2026, 12, 3));
}

#[test]
fn never_two_nudges_on_one_local_day() {
    let p = Plan { last_sent: Some(date(2026, 12, 1)), ..plan(20, 0, Europe::Berlin) };
    // Even asked right before today's time, the next one is tomorrow.
    assert_eq!(next_due(utc(2026, 12, 1, 10, 0), &p).0, date(2026, 12, 2));
}

#[test]
fn a_pause_resumes_by_itself_the_day_after() {
    let p = Plan { paused_through: Some(date(2026, 12, 4)), ..plan(8, 0, Europe::Berlin) };
    assert_eq!(next_due(utc(2026, 12, 1, 6, 0), &p), (date(2026, 12, 5), utc(2026, 12, 5, 7, 0)));
}

#[test]
fn skipping_today_moves_to_tomorrow() {
    let p = plan(20, 0, Europe::Berlin);
    assert_eq!(after_today(utc(2026, 12, 1, 10, 0), &p), (date(2026, 12, 2), utc(2026, 12, 2, 19, 0)));
}
