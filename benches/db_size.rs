//! The database's size per 1,000 active people after 90 days of simulated use, through the bot's own store:
//! every day each person logs one or two practices and checks in (sealed text).
//!
//!   cargo bench --bench db_size          (BENCH_PEOPLE, default 1000; BENCH_DAYS, default 90)

use chrono::{Duration, TimeZone, Utc};
use steady::crypto::DataKey;
use steady::ids::UserId;
use steady::progress::PracticeRef;
use steady::store::Store;

#[tokio::main]
async fn main() {
    let people: u64 = std::env::var("BENCH_PEOPLE").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let days: i64 = std::env::var("BENCH_DAYS").ok().and_then(|v| v.parse().ok()).unwrap_or(90);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("size.db");
    let key = DataKey::from_hex(&"5a".repeat(32)).unwrap();
    let store = Store::open(&format!("sqlite://{}", path.display()))
        .await
        .unwrap()
        .with_key(Some(key))
        .await
        .unwrap();
    let start = Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap();
    let slugs = ["self-trust", "clear-needs", "repair", "closeness-and-space"];
    for day in 0..days {
        let at = start + Duration::days(day);
        let date = at.date_naive();
        for p in 0..people {
            let user = 600_000_000_000_000_000 + p;
            let slug = slugs[((day / 14) as usize) % slugs.len()];
            for n in 1..=(1 + (p + day as u64) % 2) as u8 {
                let practice = PracticeRef { step_slug: slug.to_owned(), number: n };
                store.log_practice(UserId(user), &practice, date, at, "step").await.unwrap();
            }
            store
                .save_checkin(
                    UserId(user),
                    date,
                    at,
                    "I feel a little unsettled today",
                    "I need a quiet evening with a friend",
                    Some(3),
                )
                .await
                .unwrap();
        }
    }
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
    store.close().await;
    let bytes = std::fs::metadata(&path).unwrap().len();
    println!(
        "{people} people, {days} days: {:.1} MiB in all, {:.1} MiB per 1,000 active people",
        bytes as f64 / 1_048_576.0,
        bytes as f64 / 1_048_576.0 / (people as f64 / 1000.0)
    );
}
