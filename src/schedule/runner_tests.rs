//! The runner with a chosen `now`, for every kind: one tick sends each kind, an error on one row touches no
//! other, a crashed run's claims are released at start, a held answer holds up only its own send, unreadable
//! rows are held back until they change, and the daylight-saving change in Berlin.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Berlin;
use tokio::sync::Notify;

use super::*;
use crate::app::App;
use crate::clock::ManualClock;
use crate::content::Content;
use crate::groups::posts::{PostToChannel, Posted};
use crate::ids::{ChannelId, GuildId, UserId};
use crate::nudges::daily::{Deliver, Delivery};
use crate::reply::Reply;
use crate::schedule::time::{next_due, Plan};
use crate::schedule::{Boot, Kind};
use crate::store::groups::GroupSetup;
use crate::store::Store;

/// Records every send (a person's DM or a server's channel) with its nonce, in the order they finished.
#[derive(Default)]
struct Outbox {
    sent: Mutex<Vec<(u64, String)>>,
    /// A person whose answer does not come until `release` is notified.
    held: Mutex<Option<u64>>,
    release: Notify,
}

impl Outbox {
    fn sent_to(&self) -> Vec<u64> {
        self.sent.lock().unwrap().iter().map(|(to, _)| *to).collect()
    }
}

#[async_trait]
impl Deliver for Outbox {
    async fn deliver(&self, user_id: UserId, _reply: &Reply, nonce: &str) -> Delivery {
        if *self.held.lock().unwrap() == Some(user_id.get()) {
            self.release.notified().await;
        }
        self.sent.lock().unwrap().push((user_id.get(), nonce.to_owned()));
        Delivery::Delivered
    }
}

#[async_trait]
impl PostToChannel for Outbox {
    async fn post(&self, channel_id: ChannelId, _reply: &Reply, nonce: &str) -> Posted {
        let mut sent = self.sent.lock().unwrap();
        sent.push((channel_id.get(), nonce.to_owned()));
        Posted::Posted { message_id: 1000 + sent.len() as u64 }
    }
}

fn berlin(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Berlin.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap().with_timezone(&Utc)
}

async fn app() -> (Arc<App>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}/s.db", dir.path().display())).await.unwrap();
    let content = Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap();
    let clock = ManualClock::starting_at(berlin(1, 7, 0));
    (Arc::new(App::new(Arc::new(content), store, Arc::new(clock))), dir)
}

async fn nudge_at(app: &App, user: UserId, h: u32, m: u32, now: DateTime<Utc>) {
    let time = NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let due = next_due(now, &Plan { time, zone: Berlin, last_sent: None, paused_through: None });
    app.store.nudges_on(user, time, Berlin, due, now).await.unwrap();
}

#[tokio::test]
async fn one_tick_sends_every_kind_that_is_due_each_with_its_own_nonce() {
    let (app, _dir) = app().await;
    let now = berlin(6, 19, 0); // Sunday 6 December, 19:00
    nudge_at(&app, UserId(1), 19, 0, berlin(6, 8, 0)).await;
    app.store
        .recap_on(UserId(1), crate::nudges::recap::next_recap(berlin(6, 8, 0), Berlin, None))
        .await
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let time = NaiveTime::from_hms_opt(19, 0, 0).unwrap();
    app.store
        .set_up_group(&GroupSetup {
            guild_id: GuildId(50),
            channel_id: ChannelId(60),
            time,
            zone: Berlin,
            focus: "guide",
            started_on: day,
            due: (day, now),
            summary_due: (day, now),
            summary_weekday: Weekday::Sun,
            summary_time: time,
        })
        .await
        .unwrap();
    let out = Outbox::default();
    let report = run_due(&app, &out, now, &Settings::default()).await;
    assert_eq!(Kind::ALL.map(|k| report.sent(k)), [1, 1, 1, 1, 0, 0], "{report:?}");
    let nonces: HashSet<String> = out.sent.lock().unwrap().iter().map(|(_, n)| n.clone()).collect();
    assert_eq!(nonces.len(), 4, "four messages, four nonces");
    // Nothing is due any more, of any kind.
    assert_eq!(run_due(&app, &out, now, &Settings::default()).await.handled(), 0);
    assert!(app.store.next_due().await.unwrap().unwrap() > now);
}

#[tokio::test]
async fn an_error_on_one_row_is_logged_and_leaves_only_that_row_due() {
    let (app, _dir) = app().await;
    for user in 1..=3 {
        nudge_at(&app, UserId(user), 8, 0, berlin(1, 7, 0)).await;
    }
    // The database refuses to record person 2's nudge, as a full disk would.
    sqlx::query(
        "CREATE TRIGGER refuse_two BEFORE UPDATE OF last_sent_day ON nudges WHEN NEW.user_id = 2 \
         BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    .execute(app.store.sqlite_pool().expect("a SQLite store"))
    .await
    .unwrap();
    let out = Outbox::default();
    let report = run_due(&app, &out, berlin(1, 8, 0), &Settings::default()).await;
    assert_eq!((report.sent(Kind::Nudge), report.failed), (2, 1), "{report:?}");
    for user in [1, 3] {
        let row = app.store.nudge_settings(UserId(user)).await.unwrap().unwrap();
        assert_eq!(row.due_at, Some(berlin(2, 8, 0)), "person {user}'s next nudge is tomorrow's");
    }
    let two = app.store.nudge_settings(UserId(2)).await.unwrap().unwrap();
    assert_eq!(two.due_at, Some(berlin(1, 8, 0)), "person 2's nudge is still today's, still due");
}

#[tokio::test]
async fn a_crashed_runs_claims_are_released_at_start_and_go_out_with_the_same_nonce() {
    let (app, _dir) = app().await;
    for user in 1..=4 {
        nudge_at(&app, UserId(user), 12, 19, berlin(1, 7, 0)).await;
    }
    let now = berlin(1, 12, 19);
    // The crashed run claimed all four and sent two before it died.
    let crashed = Boot::new();
    let claimed = app.store.claim_due_nudges(now, now, 10, crashed.as_str()).await.unwrap();
    assert_eq!(claimed.len(), 4);
    // A restart one minute later: nothing would be taken before the five-minute claim timeout...
    let next_run = Settings::default();
    let out = Outbox::default();
    let later = now + chrono::Duration::minutes(1);
    assert_eq!(run_due(&app, &out, later, &next_run).await.handled(), 0);
    // ...but the new run releases the dead run's claims as it starts, and everything goes out now.
    assert_eq!(app.store.release_claims_of_other_runs(next_run.boot.as_str()).await.unwrap(), 4);
    let report = run_due(&app, &out, later, &next_run).await;
    assert_eq!(report.sent(Kind::Nudge), 4);
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut sent = out.sent.lock().unwrap().clone();
    sent.sort();
    for (user, nonce) in sent {
        assert_eq!(nonce, crate::schedule::nonce(Kind::Nudge, user, day, now), "the nonce the dead run used");
    }
    // The new run's own claims are not released by itself.
    nudge_at(&app, UserId(9), 12, 30, later).await;
    let at = berlin(1, 12, 30);
    app.store.claim_due_nudges(at, at, 10, next_run.boot.as_str()).await.unwrap();
    assert_eq!(app.store.release_claims_of_other_runs(next_run.boot.as_str()).await.unwrap(), 0);
}

#[tokio::test]
async fn a_held_answer_for_one_person_does_not_delay_the_next() {
    let (app, _dir) = app().await;
    for user in 1..=4 {
        nudge_at(&app, UserId(user), 8, 0, berlin(1, 7, 0)).await;
    }
    let out = Arc::new(Outbox::default());
    *out.held.lock().unwrap() = Some(1);
    let (a, o) = (app.clone(), out.clone());
    let tick = tokio::spawn(async move { run_due(&a, &*o, berlin(1, 8, 0), &Settings::default()).await });
    // The other three are delivered while the first person's answer is still held.
    for _ in 0..200 {
        if out.sent_to().len() == 3 {
            break;
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let mut first = out.sent_to();
    first.sort_unstable();
    assert_eq!(first, vec![2, 3, 4], "the held answer holds up no one else");
    out.release.notify_one();
    assert_eq!(tick.await.unwrap().sent(Kind::Nudge), 4);
}

#[tokio::test]
async fn an_unreadable_row_is_held_back_until_it_changes_and_never_stops_the_others() {
    let (app, _dir) = app().await;
    nudge_at(&app, UserId(1), 8, 0, berlin(1, 7, 0)).await;
    nudge_at(&app, UserId(2), 8, 0, berlin(1, 7, 0)).await;
    sqlx::query("UPDATE nudges SET time_zone = 'Mars/Olympus_Mons' WHERE user_id = 1")
        .execute(app.store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
    let out = Outbox::default();
    let report = run_due(&app, &out, berlin(1, 8, 0), &Settings::default()).await;
    assert_eq!((report.sent(Kind::Nudge), report.unreadable), (1, 1));
    // Not claimed again: not at the next tick, not after the claim timeout, not after a restart.
    assert_eq!(run_due(&app, &out, berlin(1, 8, 1), &Settings::default()).await.handled(), 0);
    assert_eq!(run_due(&app, &out, berlin(1, 9, 0), &Settings::default()).await.handled(), 0);
    app.store.release_claims_of_other_runs(Boot::new().as_str()).await.unwrap();
    assert_eq!(run_due(&app, &out, berlin(1, 9, 1), &Settings::default()).await.handled(), 0);
    // The person sets their nudges again: the row is read and sent as usual.
    nudge_at(&app, UserId(1), 9, 30, berlin(1, 9, 1)).await;
    assert_eq!(run_due(&app, &out, berlin(1, 9, 30), &Settings::default()).await.sent(Kind::Nudge), 1);
}

#[tokio::test]
async fn across_the_spring_change_in_berlin_the_nudge_comes_at_the_first_valid_minute_and_once() {
    let (app, _dir) = app().await;
    // 02:30 does not exist in Berlin on Sunday 29 March 2026: clocks go from 02:00 to 03:00.
    let before = Utc.with_ymd_and_hms(2026, 3, 28, 12, 0, 0).unwrap();
    let time = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
    let plan = Plan { time, zone: Berlin, last_sent: None, paused_through: None };
    app.store.nudges_on(UserId(1), time, Berlin, next_due(before, &plan), before).await.unwrap();
    let out = Outbox::default();
    // Set up on Saturday at noon, so the first is Sunday's.
    let sunday_three = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap(); // 03:00 CEST
    assert_eq!(
        run_due(&app, &out, sunday_three - chrono::Duration::minutes(1), &Settings::default())
            .await
            .handled(),
        0
    );
    assert_eq!(run_due(&app, &out, sunday_three, &Settings::default()).await.sent(Kind::Nudge), 1);
    let row = app.store.nudge_settings(UserId(1)).await.unwrap().unwrap();
    assert_eq!(row.due_at, Some(Utc.with_ymd_and_hms(2026, 3, 30, 0, 30, 0).unwrap()), "Monday 02:30 CEST");
    assert_eq!(
        run_due(&app, &out, sunday_three + chrono::Duration::minutes(30), &Settings::default())
            .await
            .handled(),
        0
    );
}

#[tokio::test]
async fn a_late_group_post_is_skipped_within_grace_only() {
    let (app, _dir) = app().await;
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let time = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    let setup = |guild_id| GroupSetup {
        guild_id,
        channel_id: ChannelId(guild_id.get() + 100),
        time,
        zone: Berlin,
        focus: "guide",
        started_on: day,
        due: (day, berlin(1, 8, 0)),
        summary_due: (day + chrono::Duration::days(5), berlin(6, 19, 0)),
        summary_weekday: Weekday::Sun,
        summary_time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
    };
    app.store.set_up_group(&setup(GuildId(1))).await.unwrap();
    let out = Outbox::default();
    // Three hours late (the bot was down): skipped, and tomorrow's comes at 08:00.
    let report = run_due(&app, &out, berlin(1, 11, 0), &Settings::default()).await;
    assert_eq!((report.sent(Kind::GroupPost), report.skipped_late), (0, 1));
    assert_eq!(app.store.group(GuildId(1)).await.unwrap().unwrap().due_at, Some(berlin(2, 8, 0)));
    // One hour late: still sent.
    app.store.set_up_group(&setup(GuildId(2))).await.unwrap();
    assert_eq!(run_due(&app, &out, berlin(1, 9, 0), &Settings::default()).await.sent(Kind::GroupPost), 1);
}

#[tokio::test]
async fn a_setup_run_again_while_the_days_post_was_on_its_way_never_posts_that_day_twice() {
    let (app, _dir) = app().await;
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let setup = |time: NaiveTime, due: DateTime<Utc>| GroupSetup {
        guild_id: GuildId(1),
        channel_id: ChannelId(101),
        time,
        zone: Berlin,
        focus: "guide",
        started_on: day,
        due: (day, due),
        summary_due: (day + chrono::Duration::days(5), berlin(6, 19, 0)),
        summary_weekday: Weekday::Sun,
        summary_time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
    };
    app.store.set_up_group(&setup(NaiveTime::from_hms_opt(8, 0, 0).unwrap(), berlin(1, 8, 0))).await.unwrap();
    let out = Outbox::default();
    assert_eq!(run_due(&app, &out, berlin(1, 8, 0), &Settings::default()).await.sent(Kind::GroupPost), 1);
    // The admin moved the time to 18:00 while the 08:00 post was still on its way, so the setup did not know
    // today's had gone out and scheduled today at 18:00.
    let evening = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
    app.store.set_up_group(&setup(evening, berlin(1, 18, 0))).await.unwrap();
    let report = run_due(&app, &out, berlin(1, 18, 0), &Settings::default()).await;
    assert_eq!(report.sent(Kind::GroupPost), 0, "one post a day");
    assert_eq!(out.sent_to(), vec![101]);
    assert_eq!(app.store.group(GuildId(1)).await.unwrap().unwrap().due_at, Some(berlin(2, 18, 0)));
    assert_eq!(run_due(&app, &out, berlin(2, 18, 0), &Settings::default()).await.sent(Kind::GroupPost), 1);
}
