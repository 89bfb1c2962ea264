//! Many people due in the same minute: the release bot, as a separate process, against the stand-in.
//!
//!   cargo bench --bench nudge_burst                         # 100,000 people, no rate limit
//!   BENCH_LIMIT=50 BENCH_PEOPLE=2000 cargo bench --bench nudge_burst   # the stand-in enforcing 50/s
//!   BENCH_LIMIT=50 BENCH_PEOPLE=2000 BENCH_KILL_AT=1000 cargo bench --bench nudge_burst   # SIGKILL mid-burst
//!
//! Settings (environment): BENCH_PEOPLE (default 100000), BENCH_LIMIT (the stand-in's global requests per
//! second; default none), BENCH_RATE (the bot's SENDS_PER_SECOND; default 100000 without a limit, 45 with one).
//! BENCH_KILL_AT: after that many deliveries the bot is killed with SIGKILL and started again; the time from the
//! restart to the next delivery is reported.
//! DM channels are cached, as for anyone who has had a nudge before: one request per nudge.
//! Reports the bot's wall time, CPU time and peak RSS, the achieved send rate, and 429s, duplicates, misses.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use discord_standin::{StandIn, StandInConfig};
use steady::store::Store;

#[path = "common/proc_stats.rs"]
mod proc_stats;
use proc_stats::{cpu_seconds, open_fds, status_kib};

fn env_or(key: &str, default: u64) -> u64 {
    std::env::var(key).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let people = env_or("BENCH_PEOPLE", 100_000);
    let limit = std::env::var("BENCH_LIMIT").ok().and_then(|v| v.parse::<u32>().ok());
    let rate = env_or("BENCH_RATE", if limit.is_some() { 45 } else { 100_000 });
    let mut config = StandInConfig::default().heartbeat_interval_ms(5_000);
    if let Some(l) = limit {
        config = config.global_rate_limit(l);
    }
    let standin = StandIn::start_with(config).await.expect("the stand-in starts");
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/bench.db", dir.path().display());

    // Everyone due a few seconds from now, at 08:00 in their own (UTC) morning; DM channels already known.
    let store = Store::open(&db).await.unwrap();
    let due = Utc::now() + chrono::Duration::seconds(4);
    let first_user: u64 = 700_000_000_000_000_000;
    let mut tx = store.sqlite_pool().expect("a SQLite store").begin().await.unwrap();
    for i in 0..people {
        let user = first_user + i;
        let channel = standin.dm_channel_id(user);
        sqlx::query(
            "INSERT INTO people (user_id, first_seen_at, time_zone, dm_channel_id) VALUES (?, ?, 'UTC', ?)",
        )
        .bind(user as i64)
        .bind(Utc::now())
        .bind(channel as i64)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO nudges (user_id, enabled, local_time, time_zone, due_at, due_day) VALUES (?, 1, '08:00', 'UTC', ?, ?)",
        )
        .bind(user as i64)
        .bind(due)
        .bind(due.date_naive())
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    store.close().await;

    let start_bot = || {
        Command::new(env!("CARGO_BIN_EXE_steady"))
            .env_clear()
            .env("DISCORD_TOKEN", "bench")
            .env("DISCORD_API_BASE", standin.api_base())
            .env("DATABASE_URL", &db)
            .env("CONTENT_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
            .env("SENDS_PER_SECOND", rate.to_string())
            .env("TICK_INTERVAL_MS", "100")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the release bot")
    };
    let kill_at = std::env::var("BENCH_KILL_AT").ok().and_then(|v| v.parse::<u64>().ok());
    let mut bot = start_bot();
    let mut pid = bot.id();
    standin.wait_for_ready(Duration::from_secs(30)).await.expect("the bot connects");
    let mut cpu_ready = cpu_seconds(pid);

    let messages = r"^/channels/\d+/messages$";
    let delivered_now = || standin.count_statuses("POST", messages).get(&200).copied().unwrap_or(0) as u64;
    let mut first_sent: Option<Instant> = None;
    let mut resumed_after: Option<Duration> = None;
    let deadline = Instant::now() + Duration::from_secs(4 * 3600);
    let delivered = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let ok = delivered_now();
        if ok > 0 && first_sent.is_none() {
            first_sent = Some(Instant::now());
        }
        if kill_at.is_some_and(|k| ok >= k) && resumed_after.is_none() {
            let _ = Command::new("kill").arg("-KILL").arg(pid.to_string()).status();
            let _ = bot.wait();
            let before = delivered_now();
            let restarted = Instant::now();
            bot = start_bot();
            pid = bot.id();
            cpu_ready = cpu_seconds(pid);
            while delivered_now() <= before && restarted.elapsed() < Duration::from_secs(600) {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            resumed_after = Some(restarted.elapsed());
            println!("killed with SIGKILL after {before} deliveries; the next delivery came {:.2} s after the restart", restarted.elapsed().as_secs_f64());
        }
        if ok >= people || Instant::now() > deadline {
            break ok;
        }
    };
    let wall = first_sent.map_or(Duration::ZERO, |t| t.elapsed());
    let cpu = cpu_seconds(pid) - cpu_ready;
    let peak_rss = status_kib(pid, "VmHWM:");
    let fds = open_fds(pid);
    let counts = standin.count_statuses("", ".");
    let limited: usize = counts.get(&429).copied().unwrap_or(0);
    let per_person = standin.dm_message_counts();
    let duplicates = per_person.values().filter(|&&n| n > 1).count();
    let misses = people as usize - per_person.values().filter(|&&n| n >= 1).count();
    let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status();
    let _ = bot.wait();

    if kill_at.is_some() {
        println!("CPU and RSS below are the restarted run's");
    }
    let achieved = delivered as f64 / wall.as_secs_f64().max(1e-9);
    println!(
        "people: {people}; stand-in global limit: {}; bot SENDS_PER_SECOND: {rate}",
        limit.map_or("none".to_owned(), |l| format!("{l}/s"))
    );
    println!("delivered: {delivered}; duplicates: {duplicates}; misses: {misses}; 429s: {limited}");
    println!("wall time from the first send to the last: {:.1} s", wall.as_secs_f64());
    println!(
        "achieved send rate: {achieved:.1}/s ({:.0}% of the bot's configured rate)",
        100.0 * achieved / rate as f64
    );
    println!(
        "bot CPU time while sending: {cpu:.2} s ({:.1} ms per 1,000 nudges)",
        1000.0 * cpu / (delivered.max(1) as f64 / 1000.0)
    );
    println!("bot peak RSS: {} MiB; open file descriptors at the end: {fds}", peak_rss / 1024);
}
