use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{NaiveTime, TimeZone};
use chrono_tz::Europe::Berlin;

use super::*;
use crate::clock::ManualClock;
use crate::content::Content;
use crate::groups::posts::{PostToChannel, Posted};
use crate::ids::{ChannelId, UserId};
use crate::nudges::StopReason;
use crate::schedule::{run_due, Settings};
use crate::store::Store;
use chrono::Duration;

/// Records every delivery; answers from a script, then "delivered".
#[derive(Default)]
struct FakeDelivery {
    sent: Mutex<Vec<(u64, String)>>,
    script: Mutex<VecDeque<Delivery>>,
    panic_after_sending: Mutex<bool>,
}

#[async_trait]
impl Deliver for FakeDelivery {
    async fn deliver(&self, user_id: UserId, _reply: &Reply, nonce: &str) -> Delivery {
        self.sent.lock().unwrap().push((user_id.get(), nonce.to_owned()));
        if std::mem::take(&mut *self.panic_after_sending.lock().unwrap()) {
            panic!("the process dies between sending and recording");
        }
        self.script.lock().unwrap().pop_front().unwrap_or(Delivery::Delivered)
    }
}

const USER: UserId = UserId(42);

struct Fixture {
    app: Arc<App>,
    clock: ManualClock,
    _dir: tempfile::TempDir,
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    // Berlin is UTC+1 in December.
    Utc.with_ymd_and_hms(2026, 12, 1, h - 1, m, 0).unwrap()
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&crate::store::test_database::url(dir.path(), "t.db").await).await.unwrap();
    let content = Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap();
    let clock = ManualClock::starting_at(at(7, 0));
    let app = Arc::new(App::new(Arc::new(content), store, Arc::new(clock.clone())));
    let time = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    let due =
        schedule::next_due(at(7, 0), &Plan { time, zone: Berlin, last_sent: None, paused_through: None });
    app.store.nudges_on(USER, time, Berlin, due, at(7, 0)).await.unwrap();
    Fixture { app, clock, _dir: dir }
}

fn settings() -> Settings {
    Settings::default()
}

/// The nudge tests have no servers: a post would be a test bug.
macro_rules! no_posts {
    ($t:ty) => {
        #[async_trait]
        impl PostToChannel for $t {
            async fn post(&self, _channel_id: ChannelId, _reply: &Reply, _nonce: &str) -> Posted {
                Posted::TryLater("no server channels in these tests".into())
            }
        }
    };
}
no_posts!(FakeDelivery);
no_posts!(ChangesTimeWhileSending);

#[tokio::test]
async fn a_nudge_goes_out_once_at_its_time_and_the_next_is_tomorrow() {
    let f = fixture().await;
    let d = FakeDelivery::default();
    assert_eq!(run_due(&f.app, &d, at(7, 59), &settings()).await.sent(Kind::Nudge), 0);
    assert_eq!(run_due(&f.app, &d, at(8, 0), &settings()).await.sent(Kind::Nudge), 1);
    assert_eq!(run_due(&f.app, &d, at(8, 1), &settings()).await.sent(Kind::Nudge), 0);
    let row = f.app.store.nudge_settings(USER).await.unwrap().unwrap();
    assert_eq!(row.due_at, Some(at(8, 0) + Duration::days(1)));
    assert_eq!(d.sent.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn the_practice_rotates_from_day_to_day() {
    let f = fixture().await;
    let d = FakeDelivery::default();
    run_due(&f.app, &d, at(8, 0), &settings()).await;
    assert_eq!(f.app.store.nudge_settings(USER).await.unwrap().unwrap().last_practice, Some(1));
    run_due(&f.app, &d, at(8, 0) + Duration::days(1), &settings()).await;
    assert_eq!(f.app.store.nudge_settings(USER).await.unwrap().unwrap().last_practice, Some(2));
}

#[tokio::test]
async fn a_crash_between_sending_and_recording_resends_with_the_same_nonce() {
    let f = fixture().await;
    let d = Arc::new(FakeDelivery::default());
    *d.panic_after_sending.lock().unwrap() = true;
    let (app, delivery) = (f.app.clone(), d.clone());
    let crashed = tokio::spawn(async move { run_due(&app, &*delivery, at(8, 0), &settings()).await }).await;
    assert!(crashed.is_err(), "the tick died mid-send");
    // While the claim is fresh nobody else takes it; once it is old it is taken again.
    assert_eq!(run_due(&f.app, &*d, at(8, 1), &settings()).await.sent(Kind::Nudge), 0);
    assert_eq!(run_due(&f.app, &*d, at(8, 6), &settings()).await.sent(Kind::Nudge), 1);
    let sent = d.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].1, sent[1].1, "the same nonce, so Discord shows the message once");
    assert_eq!(
        sent[0].1,
        nonce(Kind::Nudge, USER.get(), at(8, 0).with_timezone(&Berlin).date_naive(), at(8, 0))
    );
    assert!(sent[0].1.len() <= 25);
}

#[tokio::test]
async fn discord_refusing_dms_turns_nudges_off_and_the_person_is_told_once() {
    let f = fixture().await;
    let d = FakeDelivery::default();
    d.script.lock().unwrap().push_back(Delivery::Unreachable { code: 50007 });
    let outcome = run_due(&f.app, &d, at(8, 0), &settings()).await;
    assert_eq!(outcome.stopped, 1);
    let row = f.app.store.nudge_settings(USER).await.unwrap().unwrap();
    assert!(!row.enabled && row.due_at.is_none());
    assert_eq!(f.app.store.take_untold_stop_reason(USER).await.unwrap(), Some(StopReason::DmClosed));
    assert_eq!(f.app.store.take_untold_stop_reason(USER).await.unwrap(), None);
    assert_eq!(run_due(&f.app, &d, at(8, 0) + Duration::days(1), &settings()).await.handled(), 0);
}

#[tokio::test]
async fn a_failing_delivery_stays_due_and_ends_in_exactly_one_delivery() {
    let f = fixture().await;
    let d = FakeDelivery::default();
    d.script.lock().unwrap().extend([Delivery::TryLater("429".into()), Delivery::TryLater("502".into())]);
    assert_eq!(run_due(&f.app, &d, at(8, 0), &settings()).await.try_later, 1);
    assert_eq!(run_due(&f.app, &d, at(8, 0), &settings()).await.try_later, 1);
    assert_eq!(run_due(&f.app, &d, at(8, 1), &settings()).await.sent(Kind::Nudge), 1);
    assert_eq!(run_due(&f.app, &d, at(8, 2), &settings()).await.handled(), 0);
}

#[tokio::test]
async fn after_downtime_late_nudges_are_skipped_not_flooded() {
    let f = fixture().await;
    let d = FakeDelivery::default();
    let outcome = run_due(&f.app, &d, at(11, 0), &settings()).await;
    assert_eq!((outcome.sent(Kind::Nudge), outcome.skipped_late), (0, 1));
    let row = f.app.store.nudge_settings(USER).await.unwrap().unwrap();
    assert_eq!(row.due_at, Some(at(8, 0) + Duration::days(1)), "tomorrow, at the usual time");
    assert!(d.sent.lock().unwrap().is_empty());
}

#[tokio::test]
async fn within_the_grace_period_a_missed_nudge_is_sent_once() {
    let f = fixture().await;
    let d = FakeDelivery::default();
    assert_eq!(run_due(&f.app, &d, at(9, 30), &settings()).await.sent(Kind::Nudge), 1);
    assert_eq!(run_due(&f.app, &d, at(9, 31), &settings()).await.handled(), 0);
    let _ = &f.clock;
}

#[tokio::test]
async fn stopped_nudges_send_nothing() {
    let f = fixture().await;
    let d = FakeDelivery::default();
    f.app.store.nudges_off(USER).await.unwrap();
    assert_eq!(run_due(&f.app, &d, at(8, 0), &settings()).await.handled(), 0);
}

#[test]
fn nonces_are_short_stable_and_differ_by_person_and_day() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let due = at(8, 0);
    assert_eq!(nonce(Kind::Nudge, 1, day, due), nonce(Kind::Nudge, 1, day, due));
    assert_ne!(nonce(Kind::Nudge, 1, day, due), nonce(Kind::Nudge, 2, day, due));
    assert_ne!(nonce(Kind::Nudge, 1, day, due), nonce(Kind::Nudge, 1, day.succ_opt().unwrap(), due));
    assert_ne!(
        nonce(Kind::Nudge, 1, day, due),
        nonce(Kind::Nudge, 1, day, due + Duration::hours(1)),
        "a snoozed nudge is a new message"
    );
    assert_eq!(nonce(Kind::Nudge, u64::MAX, day, due).len(), 17);
    assert_ne!(
        nonce(Kind::Nudge, 1, day, due),
        nonce(Kind::Recap, 1, day, due),
        "each kind is its own message"
    );
}

/// Changes the person's nudge time while their nudge is on its way, as `/nudges on` in another window would.
struct ChangesTimeWhileSending {
    store: Store,
}

#[async_trait]
impl Deliver for ChangesTimeWhileSending {
    async fn deliver(&self, _user_id: UserId, _reply: &Reply, _nonce: &str) -> Delivery {
        let time = NaiveTime::from_hms_opt(20, 0, 0).unwrap();
        self.store.nudges_on(USER, time, Berlin, (at(8, 0).date_naive(), at(20, 0)), at(8, 0)).await.unwrap();
        Delivery::Delivered
    }
}

#[tokio::test]
async fn a_change_made_while_a_nudge_is_sent_is_kept() {
    let f = fixture().await;
    let d = ChangesTimeWhileSending { store: f.app.store.clone() };
    assert_eq!(run_due(&f.app, &d, at(8, 0), &settings()).await.sent(Kind::Nudge), 1);
    let row = f.app.store.nudge_settings(USER).await.unwrap().unwrap();
    assert_eq!(row.due_at, Some(at(20, 0)), "the person's new time wins over the schedule the tick computed");
    assert_eq!(row.last_sent_day, Some(at(8, 0).date_naive()), "the nudge that went out is still recorded");
}

#[tokio::test]
async fn a_time_changed_while_the_days_nudge_was_sent_brings_no_second_one_that_day() {
    let f = fixture().await;
    let d = ChangesTimeWhileSending { store: f.app.store.clone() };
    assert_eq!(run_due(&f.app, &d, at(8, 0), &settings()).await.sent(Kind::Nudge), 1);
    let plain = FakeDelivery::default();
    let report = run_due(&f.app, &plain, at(20, 0), &settings()).await;
    assert_eq!(report.sent(Kind::Nudge), 0, "one nudge a day");
    assert!(plain.sent.lock().unwrap().is_empty());
    let row = f.app.store.nudge_settings(USER).await.unwrap().unwrap();
    assert_eq!(row.due_at, Some(at(20, 0) + Duration::days(1)), "tomorrow, at the new time");
    assert_eq!(
        run_due(&f.app, &plain, at(20, 0) + Duration::days(1), &settings()).await.sent(Kind::Nudge),
        1
    );
}

mod followed_step {
    use chrono::NaiveDate;

    use crate::content::Content;
    use crate::flows::nudges::{followed_step, FOLLOW_ALL};

    fn content() -> Content {
        Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn by_default_the_first_open_step_and_once_all_are_done_every_step_a_week_at_a_time() {
        let content = content();
        let steps = content.steps();
        let done: Vec<String> = steps[..2].iter().map(|s| s.slug.clone()).collect();
        assert_eq!(followed_step(steps, &done, None, day(1)).slug, steps[2].slug);
        let all: Vec<String> = steps.iter().map(|s| s.slug.clone()).collect();
        // 7 December 2026 is a Monday: the turn changes there, and holds through Sunday.
        let (sunday, monday, next_sunday) = (day(6), day(7), day(13));
        let before = followed_step(steps, &all, None, sunday).number;
        let after = followed_step(steps, &all, None, monday).number;
        assert_eq!(after, before % 8 + 1, "the next step on Monday");
        assert_eq!(followed_step(steps, &all, None, next_sunday).number, after, "all week");
        let mut seen: Vec<u8> = (0..8)
            .map(|w| followed_step(steps, &all, None, monday + chrono::Duration::weeks(w)).number)
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (1..=8).collect::<Vec<u8>>(), "every step in eight weeks");
    }

    #[test]
    fn a_chosen_step_or_every_step_in_turn_is_followed_whatever_is_complete() {
        let content = content();
        let steps = content.steps();
        let none: Vec<String> = Vec::new();
        assert_eq!(followed_step(steps, &none, Some("repair"), day(1)).slug, "repair");
        let turn = followed_step(steps, &none, Some(FOLLOW_ALL), day(7)).number;
        assert_eq!(followed_step(steps, &none, Some(FOLLOW_ALL), day(14)).number, turn % 8 + 1);
        // A step the content no longer has: the first open one, never a panic.
        assert_eq!(followed_step(steps, &none, Some("gone-step"), day(1)).slug, steps[0].slug);
    }
}
