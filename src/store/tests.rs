//! Every query in the store, run against a real SQLite file.

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::practice::LogOutcome;
use super::Store;
use crate::ids::{ChannelId, GuildId, UserId};
use crate::progress::PracticeRef;

async fn fresh() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = super::test_database::url(dir.path(), "nested/folder/test.db").await;
    let store = Store::open(&url).await.expect("open store");
    (store, dir)
}

fn practice(slug: &str, number: u8) -> PracticeRef {
    PracticeRef { step_slug: slug.to_owned(), number }
}

#[tokio::test]
async fn opening_creates_the_folder_and_sets_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Store::open(&format!("sqlite://{}/nested/folder/test.db", dir.path().display())).await.unwrap();
    assert!(dir.path().join("nested/folder/test.db").exists());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
    assert!(timeout > 0);
}

#[tokio::test]
async fn reopening_an_existing_database_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let url = super::test_database::url(dir.path(), "db.sqlite").await;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.unwrap();
    store.log_practice(UserId(7), &practice("repair", 1), now.date_naive(), now, "step").await.unwrap();
    store.close().await;
    let again = Store::open(&url).await.unwrap();
    assert_eq!(again.practice_counts(UserId(7)).await.unwrap(), vec![("repair".to_owned(), 1)]);
}

#[tokio::test]
async fn a_practice_counts_once_a_day() {
    let (store, _dir) = fresh().await;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let today = now.date_naive();
    let p = practice("self-trust", 2);
    assert_eq!(store.log_practice(UserId(1), &p, today, now, "step").await.unwrap(), LogOutcome::Logged);
    assert_eq!(
        store.log_practice(UserId(1), &p, today, now, "step").await.unwrap(),
        LogOutcome::AlreadyLogged
    );
    let tomorrow = today.succ_opt().unwrap();
    assert_eq!(
        store.log_practice(UserId(1), &p, tomorrow, now + Duration::days(1), "step").await.unwrap(),
        LogOutcome::Logged
    );
    // Another person's log is their own.
    assert_eq!(store.log_practice(UserId(2), &p, today, now, "step").await.unwrap(), LogOutcome::Logged);
    assert_eq!(store.practice_counts(UserId(1)).await.unwrap(), vec![("self-trust".to_owned(), 2)]);
}

#[tokio::test]
async fn recent_practices_come_newest_first_with_their_day() {
    let (store, _dir) = fresh().await;
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    for i in 0..4u8 {
        let at = start + Duration::hours(i64::from(i));
        store
            .log_practice(
                UserId(1),
                &practice("repair", i % 3 + 1),
                NaiveDate::from_ymd_opt(2026, 12, 1 + u32::from(i)).unwrap(),
                at,
                "step",
            )
            .await
            .unwrap();
    }
    let recent = store.recent_practices(UserId(1), 2).await.unwrap();
    assert_eq!(recent.len(), 2);
    assert_eq!(recent[0].logged_at, start + Duration::hours(3));
    assert_eq!(recent[0].practice, practice("repair", 1));
    assert_eq!(recent[0].day, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
    assert_eq!(recent[1].logged_at, start + Duration::hours(2));
}

#[tokio::test]
async fn steps_can_be_completed_and_reopened() {
    let (store, _dir) = fresh().await;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    assert!(!store.is_step_completed(UserId(1), "repair").await.unwrap());
    store.set_step_completed(UserId(1), "repair", true, now).await.unwrap();
    store.set_step_completed(UserId(1), "repair", true, now).await.unwrap();
    assert!(store.is_step_completed(UserId(1), "repair").await.unwrap());
    assert_eq!(store.completed_steps(UserId(1)).await.unwrap(), vec!["repair".to_owned()]);
    store.set_step_completed(UserId(1), "repair", false, now).await.unwrap();
    assert!(store.completed_steps(UserId(1)).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_time_zone_is_remembered_and_people_are_created_once() {
    let (store, _dir) = fresh().await;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    assert_eq!(store.time_zone(UserId(1)).await.unwrap(), None);
    store.ensure_person(UserId(1), now).await.unwrap();
    store.ensure_person(UserId(1), now + Duration::days(1)).await.unwrap();
    store.set_time_zone(UserId(1), chrono_tz::Europe::Berlin, now).await.unwrap();
    assert_eq!(store.time_zone(UserId(1)).await.unwrap(), Some(chrono_tz::Europe::Berlin));
    let people: i64 =
        crate::on_pool!(store, |pool| q::query_scalar("SELECT COUNT(*) FROM people").fetch_one(pool).await)
            .unwrap();
    assert_eq!(people, 1);
}

#[tokio::test]
async fn a_bad_database_url_is_a_clear_error() {
    let err = Store::open("sqlite://\0/nowhere").await.unwrap_err();
    assert!(!err.to_string().is_empty());
}

#[tokio::test]
async fn rotating_the_key_reseals_everything_and_a_wrong_old_key_changes_nothing() {
    use crate::crypto::DataKey;
    let dir = tempfile::tempdir().unwrap();
    let url = super::test_database::url(dir.path(), "k.db").await;
    let old = DataKey::from_hex(&"11".repeat(32)).unwrap();
    let new = DataKey::from_hex(&"22".repeat(32)).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.unwrap().with_key(Some(old.clone())).await.unwrap();
    store.save_checkin(UserId(1), now.date_naive(), now, "tender", "rest", None).await.unwrap();
    store.save_journal(UserId(1), now, None, "a long day").await.unwrap();
    assert!(store.rotate_key(&new, &old).await.is_err(), "the wrong old key");
    assert_eq!(
        store.rotate_key(&old, &new).await.unwrap(),
        4,
        "two check-in fields, one entry, the key check"
    );
    store.close().await;
    assert!(
        Store::open(&url).await.unwrap().with_key(Some(old)).await.is_err(),
        "the old key no longer opens it"
    );
    let store = Store::open(&url).await.unwrap().with_key(Some(new)).await.unwrap();
    assert_eq!(store.journal_page(UserId(1), 0, 4).await.unwrap().0[0].text, "a long day");
}

#[tokio::test]
async fn a_schedule_changed_while_a_group_post_or_recap_is_sent_is_kept() {
    use super::groups::{GroupSetup, PostRow};
    use chrono::{NaiveTime, Weekday};

    let (store, _dir) = fresh().await;
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let at = |h: u32| Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0).unwrap();
    let setup = |hour: u32| GroupSetup {
        guild_id: GuildId(5),
        channel_id: ChannelId(6),
        time: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
        zone: chrono_tz::UTC,
        focus: "rotate",
        started_on: day,
        due: (day, at(hour)),
        summary_due: (day, at(hour)),
        summary_weekday: Weekday::Tue,
        summary_time: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
    };
    store.set_up_group(&setup(8)).await.unwrap();
    assert_eq!(store.claim_due_posts(at(8), at(7), 10, "boot").await.unwrap().len(), 1);
    assert_eq!(store.claim_due_summaries(at(8), at(7), 10, "boot").await.unwrap().len(), 1);
    // An admin moves the posts to 20:00 while the 08:00 post and summary are going out.
    store.set_up_group(&setup(20)).await.unwrap();
    let post = PostRow {
        day,
        channel_id: ChannelId(6),
        message_id: 7,
        step_slug: "self-trust".into(),
        practice: 1,
        checkins: 0,
    };
    let tomorrow = (day.succ_opt().unwrap(), at(8) + Duration::days(1));
    store.group_posted(GuildId(5), &post, tomorrow).await.unwrap();
    store.summary_sent(GuildId(5), day, (day + Duration::days(7), at(8) + Duration::days(7))).await.unwrap();
    let group = store.group(GuildId(5)).await.unwrap().unwrap();
    assert_eq!(group.due_at, Some(at(20)), "the admin's new time stands");
    assert_eq!(group.summary_due_at, Some(at(20)));
    assert_eq!(group.last_post_day, Some(day), "the post that went out is recorded");

    // Without a change, the tick's next time is what is kept.
    assert_eq!(store.claim_due_posts(at(20), at(19), 10, "boot").await.unwrap().len(), 1);
    store.group_posted(GuildId(5), &post, tomorrow).await.unwrap();
    assert_eq!(store.group(GuildId(5)).await.unwrap().unwrap().due_at, Some(tomorrow.1));

    // A recap: the person turns recaps off while one is being sent; they stay off, with nothing due.
    store.ensure_person(UserId(9), at(7)).await.unwrap();
    store.recap_on(UserId(9), (day, at(8))).await.unwrap();
    assert_eq!(store.claim_due_recaps(at(8), at(7), 10, "boot").await.unwrap().len(), 1);
    store.recap_off(UserId(9)).await.unwrap();
    store
        .recap_done(UserId(9), Some(day), (day + Duration::days(7), at(8) + Duration::days(7)))
        .await
        .unwrap();
    let due: Option<chrono::DateTime<Utc>> = crate::on_pool!(store, |pool| {
        q::query_scalar("SELECT due_at FROM recaps WHERE user_id = 9").fetch_one(pool).await
    })
    .unwrap();
    assert_eq!(due, None);
}

#[tokio::test]
async fn an_untold_stop_reason_is_told_once_even_after_a_restart() {
    use crate::nudges::StopReason;
    let dir = tempfile::tempdir().unwrap();
    let url = super::test_database::url(dir.path(), "db.sqlite").await;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let time = chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    let store = Store::open(&url).await.unwrap();
    store.nudges_on(UserId(7), time, chrono_tz::Europe::Berlin, (now.date_naive(), now), now).await.unwrap();
    assert_eq!(store.take_untold_stop_reason(UserId(7)).await.unwrap(), None, "nothing to tell yet");
    store.nudges_unreachable(UserId(7), StopReason::DmClosed).await.unwrap();
    store.close().await;
    // Read again from the table when the database opens.
    let again = Store::open(&url).await.unwrap();
    assert_eq!(again.take_untold_stop_reason(UserId(8)).await.unwrap(), None);
    assert_eq!(again.take_untold_stop_reason(UserId(7)).await.unwrap(), Some(StopReason::DmClosed));
    assert_eq!(again.take_untold_stop_reason(UserId(7)).await.unwrap(), None, "told once");
    // Turned on again and unreachable again: told again.
    again.nudges_on(UserId(7), time, chrono_tz::Europe::Berlin, (now.date_naive(), now), now).await.unwrap();
    again.nudges_unreachable(UserId(7), StopReason::DmClosed).await.unwrap();
    assert_eq!(again.take_untold_stop_reason(UserId(7)).await.unwrap(), Some(StopReason::DmClosed));
}

#[tokio::test]
async fn a_dm_channel_is_remembered_and_a_zero_reads_as_none() {
    let (store, _dir) = fresh().await;
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    store.ensure_person(UserId(3), now).await.unwrap();
    assert_eq!(store.dm_channel(UserId(3)).await.unwrap(), None);
    store.set_dm_channel(UserId(3), ChannelId(77)).await.unwrap();
    assert_eq!(store.dm_channel(UserId(3)).await.unwrap(), Some(ChannelId(77)));
    // Zero is never a Discord id; serenity would panic on it, so it is treated as no channel at all.
    store.set_dm_channel(UserId(3), ChannelId(0)).await.unwrap();
    assert_eq!(store.dm_channel(UserId(3)).await.unwrap(), None);
}

#[tokio::test]
async fn a_ritual_marked_for_one_week_is_never_marked_again_for_that_week_or_an_earlier_one() {
    let (store, _dir) = fresh().await;
    let week_one = Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap();
    let proposal = super::partner_rituals::Proposal {
        proposer: UserId(1),
        partner: UserId(2),
        weekday: chrono::Weekday::Sun,
        time: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        zone: chrono_tz::Europe::Berlin,
        what: "Sunday walk",
        next_at: week_one,
    };
    let id = store.propose_ritual(&proposal, week_one - Duration::days(3)).await.unwrap();
    let week_two = week_one + Duration::days(7);
    assert!(store.mark_ritual_done(id, week_one).await.unwrap());
    assert!(!store.mark_ritual_done(id, week_one).await.unwrap(), "the same week twice");
    assert!(store.mark_ritual_done(id, week_two).await.unwrap(), "the next week");
    assert!(!store.mark_ritual_done(id, week_one).await.unwrap(), "an earlier week's button, pressed late");
}
