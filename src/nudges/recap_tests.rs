use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::TimeZone;
use chrono_tz::Europe::Berlin;

use super::*;
use crate::app::App;
use crate::clock::ManualClock;
use crate::content::Content;
use crate::groups::posts::{PostToChannel, Posted};
use crate::ids::{ChannelId, UserId};
use crate::progress::PracticeRef;
use crate::reply::Reply;
use crate::schedule::{run_due, Settings};
use crate::store::Store;

#[derive(Default)]
struct Recorded {
    sent: Mutex<Vec<String>>,
    answer: Mutex<Option<Delivery>>,
}

#[async_trait]
impl Deliver for Recorded {
    async fn deliver(&self, _user_id: UserId, reply: &Reply, _nonce: &str) -> Delivery {
        self.sent.lock().unwrap().push(reply.plain_text());
        self.answer.lock().unwrap().take().unwrap_or(Delivery::Delivered)
    }
}

#[async_trait]
impl PostToChannel for Recorded {
    async fn post(&self, _channel_id: ChannelId, _reply: &Reply, _nonce: &str) -> Posted {
        Posted::TryLater("no server channels in these tests".into())
    }
}

const USER: UserId = UserId(7);

fn utc(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
}

async fn app() -> (Arc<App>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&crate::store::test_database::url(dir.path(), "r.db").await).await.unwrap();
    let content = Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap();
    let app = Arc::new(App::new(Arc::new(content), store, Arc::new(ManualClock::starting_at(utc(1, 9)))));
    app.store.set_time_zone(USER, Berlin, utc(1, 9)).await.unwrap();
    // Tuesday 1 December: the first recap is Sunday 6 December, 19:00 in Berlin (18:00 UTC).
    let due = schedule::next_weekly(utc(1, 9), DAY, time(), Berlin);
    assert_eq!(due.1, utc(6, 18));
    app.store.recap_on(USER, due).await.unwrap();
    for day in 1..=3 {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        let p = PracticeRef { step_slug: "self-trust".into(), number: 1 };
        app.store.log_practice(USER, &p, d, utc(day, 9), "step").await.unwrap();
    }
    (app, dir)
}

#[tokio::test]
async fn the_recap_comes_once_on_sunday_evening_with_the_week_and_a_next_step() {
    let (app, _dir) = app().await;
    let d = Recorded::default();
    let s = Settings::default();
    assert_eq!(run_due(&app, &d, utc(6, 17), &s).await.sent(Kind::Recap), 0);
    assert_eq!(run_due(&app, &d, utc(6, 18), &s).await.sent(Kind::Recap), 1);
    assert_eq!(run_due(&app, &d, utc(6, 19), &s).await.sent(Kind::Recap), 0, "once");
    let text = d.sent.lock().unwrap()[0].clone();
    assert!(text.contains("**3** practices") && text.contains("**0** check-ins"), "{text}");
    assert!(text.contains(&app.content.steps()[0].title), "{text}");
    // The next one a week later.
    assert_eq!(run_due(&app, &d, utc(13, 18), &s).await.sent(Kind::Recap), 1);
}

#[tokio::test]
async fn a_recap_missed_during_downtime_is_skipped_and_the_next_week_still_comes() {
    let (app, _dir) = app().await;
    let d = Recorded::default();
    let s = Settings::default();
    let late = run_due(&app, &d, utc(7, 9), &s).await;
    assert_eq!((late.sent(Kind::Recap), late.skipped_late), (0, 1));
    assert_eq!(run_due(&app, &d, utc(13, 18), &s).await.sent(Kind::Recap), 1);
}

#[tokio::test]
async fn closed_dms_stop_the_recap_and_turning_it_off_sends_nothing() {
    let (app, _dir) = app().await;
    let d = Recorded::default();
    *d.answer.lock().unwrap() = Some(Delivery::Unreachable { code: 50007 });
    let s = Settings::default();
    assert_eq!(run_due(&app, &d, utc(6, 18), &s).await.stopped, 1);
    assert!(!app.store.recap_enabled(USER).await.unwrap());
    assert_eq!(run_due(&app, &d, utc(13, 18), &s).await.handled(), 0);
}
