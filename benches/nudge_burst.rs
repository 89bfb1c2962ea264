//! Many people due in the same minute: the release bot, as a separate process, against the stand-in.
//!
//!   cargo bench --bench nudge_burst                         # 100,000 people, no rate limit
//!   BENCH_LIMIT=50 BENCH_PEOPLE=2000 cargo bench --bench nudge_burst   # the stand-in enforcing 50/s
//!   BENCH_LIMIT=50 BENCH_PEOPLE=2000 BENCH_KILL_AT=1000 cargo bench --bench nudge_burst   # SIGKILL mid-burst
//!   BENCH_POSTGRES=postgres://… BENCH_PROCESSES=2 BENCH_LIMIT=1000 BENCH_RATE=900 cargo bench --bench nudge_burst
//!
//! BENCH_POSTGRES names a PostgreSQL server (a fresh database is made on it for the run, as the tests do);
//! BENCH_PROCESSES (default 1) bot processes then share it, each with its own range of the shards, all drawing
//! on one global pace. With several processes, BENCH_KILL_AT kills the first and does not restart it: the
//! others take over what it had claimed.
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
    let processes = env_or("BENCH_PROCESSES", 1).max(1) as u32;
    let mut config = StandInConfig::default().heartbeat_interval_ms(5_000);
    if processes > 1 {
        config = config.recommended_shards(2 * processes);
    }
    if let Some(l) = limit {
        config = config.global_rate_limit(l);
    }
    let standin = StandIn::start_with(config).await.expect("the stand-in starts");
    let dir = tempfile::tempdir().unwrap();
    let postgres = std::env::var("BENCH_POSTGRES").ok().filter(|u| !u.is_empty());
    assert!(
        processes == 1 || postgres.is_some(),
        "several processes share a PostgreSQL database: set BENCH_POSTGRES"
    );
    let db = match &postgres {
        Some(server) => {
            std::env::set_var(steady::store::test_database::VARIABLE, server);
            steady::store::test_database::url(dir.path(), "unused").await
        }
        None => format!("sqlite://{}/bench.db", dir.path().display()),
    };

    // Everyone due a few seconds from now, at 08:00 in their own (UTC) morning; DM channels already known.
    let store = Store::open(&db).await.unwrap();
    let due = Utc::now() + chrono::Duration::seconds(4 + 2 * i64::from(processes));
    let first_user: u64 = 700_000_000_000_000_000;
    let users: Vec<i64> = (0..people).map(|i| (first_user + i) as i64).collect();
    let channels: Vec<i64> = users.iter().map(|&u| standin.dm_channel_id(u as u64) as i64).collect();
    store.close().await;
    if postgres.is_some() {
        let pool = sqlx::PgPool::connect(&db).await.unwrap();
        sqlx::query(
            "INSERT INTO people (user_id, first_seen_at, time_zone, dm_channel_id) \
             SELECT u, now(), 'UTC', c FROM UNNEST($1::BIGINT[], $2::BIGINT[]) AS t (u, c)",
        )
        .bind(&users)
        .bind(&channels)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO nudges (user_id, enabled, local_time, time_zone, due_at, due_day) \
             SELECT u, TRUE, '08:00', 'UTC', $2, $3 FROM UNNEST($1::BIGINT[]) AS t (u)",
        )
        .bind(&users)
        .bind(due)
        .bind(due.date_naive())
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    } else {
        let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
        let mut tx = pool.begin().await.unwrap();
        for (user, channel) in users.iter().zip(&channels) {
            sqlx::query(
                "INSERT INTO people (user_id, first_seen_at, time_zone, dm_channel_id) VALUES (?, ?, 'UTC', ?)",
            )
            .bind(user)
            .bind(Utc::now())
            .bind(channel)
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::query(
                "INSERT INTO nudges (user_id, enabled, local_time, time_zone, due_at, due_day) VALUES (?, 1, '08:00', 'UTC', ?, ?)",
            )
            .bind(user)
            .bind(due)
            .bind(due.date_naive())
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        pool.close().await;
    }

    // Two shards per process, of 2 × processes in all.
    let total_shards = 2 * processes;
    let start_bot = |index: u32| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_steady"));
        command
            .env_clear()
            .env("DISCORD_TOKEN", "bench")
            .env("DISCORD_API_BASE", standin.api_base())
            .env("DATABASE_URL", &db)
            .env("CONTENT_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
            .env("SENDS_PER_SECOND", rate.to_string())
            .env("TICK_INTERVAL_MS", "100")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if processes > 1 {
            command.env("SHARDS", format!("{}-{}/{total_shards}", 2 * index, 2 * index + 1));
        }
        command.spawn().expect("start the release bot")
    };
    let kill_at = std::env::var("BENCH_KILL_AT").ok().and_then(|v| v.parse::<u64>().ok());
    let mut bots: Vec<std::process::Child> = (0..processes).map(start_bot).collect();
    if processes > 1 {
        standin.wait_for_shards(total_shards, Duration::from_secs(60)).await.expect("every shard connects");
    } else {
        standin.wait_for_ready(Duration::from_secs(30)).await.expect("the bot connects");
    }
    let mut cpu_ready: Vec<f64> = bots.iter().map(|b| cpu_seconds(b.id())).collect();

    let messages = r"^/channels/\d+/messages$";
    let delivered_now = || standin.count_statuses("POST", messages).get(&200).copied().unwrap_or(0) as u64;
    let mut first_sent: Option<Instant> = None;
    let mut killed = false;
    let deadline = Instant::now() + Duration::from_secs(4 * 3600);
    let delivered = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let ok = delivered_now();
        if ok > 0 && first_sent.is_none() {
            first_sent = Some(Instant::now());
        }
        if kill_at.is_some_and(|k| ok >= k) && !killed {
            killed = true;
            let mut dead = bots.remove(0);
            cpu_ready.remove(0);
            let _ = Command::new("kill").arg("-KILL").arg(dead.id().to_string()).status();
            let _ = dead.wait();
            let before = delivered_now();
            let at = Instant::now();
            if processes == 1 {
                bots.insert(0, start_bot(0));
                cpu_ready.insert(0, cpu_seconds(bots[0].id()));
                while delivered_now() <= before && at.elapsed() < Duration::from_secs(600) {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                println!("killed with SIGKILL after {before} deliveries; the next delivery came {:.2} s after the restart", at.elapsed().as_secs_f64());
            } else {
                println!("the first of {processes} processes killed with SIGKILL after {before} deliveries; not restarted");
            }
        }
        if ok >= people || Instant::now() > deadline {
            break ok;
        }
    };
    let wall = first_sent.map_or(Duration::ZERO, |t| t.elapsed());
    let cpu: f64 = bots.iter().zip(&cpu_ready).map(|(b, ready)| cpu_seconds(b.id()) - ready).sum();
    let peak_rss = bots.iter().map(|b| status_kib(b.id(), "VmHWM:")).max().unwrap_or(0);
    let fds = bots.iter().map(|b| open_fds(b.id())).max().unwrap_or(0);
    let counts = standin.count_statuses("", ".");
    let limited: usize = counts.get(&429).copied().unwrap_or(0);
    let per_person = standin.dm_message_counts();
    let duplicates = per_person.values().filter(|&&n| n > 1).count();
    let misses = people as usize - per_person.values().filter(|&&n| n >= 1).count();
    for bot in &mut bots {
        let _ = Command::new("kill").arg("-TERM").arg(bot.id().to_string()).status();
        let _ = bot.wait();
    }

    println!(
        "database: {}; processes: {processes}",
        if postgres.is_some() { "PostgreSQL" } else { "SQLite" }
    );
    if kill_at.is_some() {
        println!("CPU and RSS below are the surviving or restarted processes'");
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
        "bot CPU time while sending (all processes): {cpu:.2} s ({:.1} ms per 1,000 nudges)",
        1000.0 * cpu / (delivered.max(1) as f64 / 1000.0)
    );
    println!(
        "bot peak RSS (largest process): {} MiB; open file descriptors at the end: {fds}",
        peak_rss / 1024
    );
}
