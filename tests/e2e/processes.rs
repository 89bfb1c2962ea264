//! Several processes of the shipped binary on one PostgreSQL database: each holds its own shards, every
//! scheduled send goes out once whichever process is alive, and the sum of their sends keeps one pace.
//! Runs only in the PostgreSQL pass (`STEADY_TEST_POSTGRES`); on SQLite it says so and returns.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use discord_standin::{StandIn, StandInConfig};
use sqlx::postgres::PgPool;

use crate::helpers::postgres_or_skip;

const PEOPLE: u64 = 2_000;
const FIRST_USER: u64 = 700_000_000_000_000_000;
/// The stand-in refuses more than this many requests a second, as Discord's global limit does.
const DISCORD_LIMIT: u32 = 50;
/// What the processes are told they may send together, a little under the limit.
const SENDS_PER_SECOND: u32 = 45;

/// A bot process, killed if the test ends before it does.
struct Bot {
    child: Child,
    log: std::path::PathBuf,
}

/// The shipped binary on `db` with `shards`, against the stand-in at `api_base`.
fn bot_command(api_base: &str, db: &str, shards: &str, dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steady"));
    command
        .current_dir(dir)
        .env_clear()
        .env("DISCORD_TOKEN", "two-processes-token")
        .env("DISCORD_API_BASE", api_base)
        .env("CONTENT_DIR", std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .env("DATABASE_URL", db)
        .env("SHARDS", shards)
        .env("SENDS_PER_SECOND", SENDS_PER_SECOND.to_string())
        .env("TICK_INTERVAL_MS", "100")
        .env("RUST_LOG", "warn");
    command
}

impl Bot {
    fn start(standin: &StandIn, db: &str, shards: &str, dir: &std::path::Path) -> Bot {
        let log = dir.join(format!("bot-{}.log", shards.replace('/', "-of-")));
        let file = std::fs::File::create(&log).expect("a log file");
        let child = bot_command(&standin.api_base(), db, shards, dir)
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .expect("start the binary");
        Bot { child, log }
    }

    fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Everyone with a daily nudge and a known DM channel, due far ahead until the test makes them due.
async fn people_with_nudges(pool: &PgPool, standin: &StandIn) {
    let users: Vec<i64> = (0..PEOPLE).map(|i| (FIRST_USER + i) as i64).collect();
    let channels: Vec<i64> = users.iter().map(|&u| standin.dm_channel_id(u as u64) as i64).collect();
    sqlx::query(
        "INSERT INTO people (user_id, first_seen_at, time_zone, dm_channel_id) \
         SELECT u, now(), 'UTC', c FROM UNNEST($1::BIGINT[], $2::BIGINT[]) AS t (u, c)",
    )
    .bind(&users)
    .bind(&channels)
    .execute(pool)
    .await
    .expect("people");
    sqlx::query(
        "INSERT INTO nudges (user_id, enabled, local_time, time_zone, due_at, due_day) \
         SELECT u, TRUE, '08:00', 'UTC', now() + INTERVAL '1 day', CURRENT_DATE FROM UNNEST($1::BIGINT[]) AS t (u)",
    )
    .bind(&users)
    .execute(pool)
    .await
    .expect("nudges");
}

async fn count(pool: &PgPool, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql).bind(bind).fetch_one(pool).await.expect("a count")
}

/// How many processes the `processes` table holds.
async fn processes(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM processes").fetch_one(pool).await.expect("a count")
}

/// A fresh PostgreSQL database with the bot's schema (from its own migrations), in a folder for the bots' logs.
async fn fresh_database() -> (tempfile::TempDir, String, PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let db = steady::store::test_database::url(dir.path(), "unused").await;
    steady::store::Store::open(&db).await.expect("the store opens").close().await;
    let pool = PgPool::connect(&db).await.unwrap();
    (dir, db, pool)
}

#[tokio::test]
async fn two_processes_share_four_shards_and_a_burst_survives_a_sigkill_with_every_nudge_shown_once() {
    if postgres_or_skip("processes::two_processes_…").is_none() {
        return;
    }
    let standin = StandIn::start_with(
        StandInConfig::default()
            .heartbeat_interval_ms(2_000)
            .recommended_shards(4)
            .global_rate_limit(DISCORD_LIMIT),
    )
    .await
    .unwrap();
    let (dir, db, pool) = fresh_database().await;
    people_with_nudges(&pool, &standin).await;

    let mut first = Some(Bot::start(&standin, &db, "0-1/4", dir.path()));
    let second = Bot::start(&standin, &db, "2-3/4", dir.path());
    let logs = |first: &Option<Bot>| {
        format!("first:\n{}\nsecond:\n{}", first.as_ref().map(Bot::logs).unwrap_or_default(), second.logs())
    };
    if let Err(e) = standin.wait_for_shards(4, Duration::from_secs(60)).await {
        panic!("{e}\n{}", logs(&first));
    }
    assert!(standin.shards_held_twice().is_empty(), "{:?}", standin.shard_sessions());
    assert_eq!(standin.shard_sessions().len(), 4, "{:?}", standin.shard_sessions());
    // Commands are registered once, by the process that holds shard 0.
    let registrations = || standin.requests_matching("PUT", r"^/applications/\d+/commands$").len();
    wait_for("the commands are registered", Duration::from_secs(30), || async move { registrations() >= 1 })
        .await;
    let db_pool = &pool;
    wait_for(
        "both processes heartbeat",
        Duration::from_secs(30),
        || async move { processes(db_pool).await == 2 },
    )
    .await;
    let dead_boot: String = sqlx::query_scalar("SELECT boot FROM processes WHERE shards = '0-1/4'")
        .fetch_one(&pool)
        .await
        .unwrap();

    // Everyone is due in the same minute.
    let today = chrono::Utc::now().date_naive();
    sqlx::query("UPDATE nudges SET due_at = now(), due_day = $1").bind(today).execute(&pool).await.unwrap();
    let messages = r"^/channels/\d+/messages$";
    let shown = || standin.dm_message_counts().values().filter(|&&n| n >= 1).count() as u64;
    let started = Instant::now();
    while shown() < PEOPLE / 2 {
        assert!(started.elapsed() < Duration::from_secs(240), "only {} shown\n{}", shown(), logs(&first));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // SIGKILL in the middle: whatever the first process had claimed and not yet sent is still claimed by it (a
    // claim is its `claimed_at`; `claimed_by` names whose it is while it is set).
    drop(first.take());
    let shown_at_kill = shown();
    let held_by_dead = count(
        &pool,
        "SELECT COUNT(*) FROM nudges WHERE claimed_at IS NOT NULL AND claimed_by = $1",
        &dead_boot,
    )
    .await;
    assert!(held_by_dead > 0, "the killed process held claims when it died ({shown_at_kill} shown then)");
    let killed = Instant::now();

    let shown = &shown;
    wait_for("every nudge is shown", Duration::from_secs(240), || async move { shown() >= PEOPLE }).await;
    let taken_over = killed.elapsed();
    let statuses = standin.count_statuses("", ".");
    let per_person: HashMap<u64, usize> = standin.dm_message_counts();
    let duplicates = per_person.values().filter(|&&n| n > 1).count();
    let misses = (0..PEOPLE).filter(|i| !per_person.contains_key(&(FIRST_USER + i))).count();
    let requests = standin.count_statuses("POST", messages).values().sum::<usize>();
    eprintln!(
        "two processes: {PEOPLE} nudges, {shown_at_kill} shown when the first was killed holding {held_by_dead} claims; \
         the rest shown {:.1} s later; {requests} message requests; statuses {statuses:?}",
        taken_over.as_secs_f64()
    );
    assert_eq!(duplicates, 0, "every nudge shown once\n{}", logs(&first));
    assert_eq!(misses, 0, "no one missed");
    assert_eq!(statuses.get(&429), None, "no request went past Discord's limit: {statuses:?}");
    // The survivor released the dead process's claims and forgot it; its own shards were never held twice.
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM nudges WHERE claimed_at IS NOT NULL AND claimed_by = $1",
            &dead_boot
        )
        .await,
        0
    );
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM processes WHERE boot = $1", &dead_boot).await, 0);
    // Each send was recorded: every nudge moves on to its next day, and no claim is left.
    wait_for("every send is recorded", Duration::from_secs(30), || async move {
        let (left, claimed): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*) FILTER (WHERE due_day <= $1), COUNT(*) FILTER (WHERE claimed_at IS NOT NULL) \
             FROM nudges",
        )
        .bind(today)
        .fetch_one(db_pool)
        .await
        .unwrap();
        (left, claimed) == (0, 0)
    })
    .await;
    assert!(standin.shards_held_twice().is_empty(), "{:?}", standin.shard_sessions());
    assert_eq!(registrations(), 1, "registered by one process only");
    standin.assert_all_valid();
}

async fn wait_for<F, Fut>(what: &str, within: Duration, condition: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + within;
    while !condition().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_second_process_whose_shards_overlap_a_live_ones_or_fall_outside_the_total_stops_with_one_line() {
    if postgres_or_skip("processes::a_second_process_…").is_none() {
        return;
    }
    let standin =
        StandIn::start_with(StandInConfig::default().heartbeat_interval_ms(2_000).recommended_shards(4))
            .await
            .unwrap();
    let (dir, db, pool) = fresh_database().await;
    let first = Bot::start(&standin, &db, "0-1/4", dir.path());
    let db_pool = &pool;
    wait_for("the first process heartbeats", Duration::from_secs(30), || async move {
        processes(db_pool).await == 1
    })
    .await;

    let refused = |shards: &'static str| {
        let (api, db, dir) = (standin.api_base(), db.clone(), dir.path().to_owned());
        tokio::task::spawn_blocking(move || {
            bot_command(&api, &db, shards, &dir).output().expect("run the binary")
        })
    };
    for (shards, says) in [
        ("1-2/4", "this process would run 1-2/4 but a live process already runs 0-1/4"),
        ("2-3/8", "this process would run 2-3/8 but a live process already runs 0-1/4"),
        ("4-5/4", "SHARDS"),
    ] {
        let output = refused(shards).await.unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert!(!output.status.success(), "{shards}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{shards}: {stderr}");
        assert!(stderr.contains(says) && stderr.contains("example"), "{shards}: {stderr}");
        assert_eq!(processes(&pool).await, 1, "{shards}: nothing is written");
    }
    assert!(standin.shards_held_twice().is_empty(), "{:?}", standin.shard_sessions());
    // The other half of the shards is free to take.
    let second = Bot::start(&standin, &db, "2-3/4", dir.path());
    if let Err(e) = standin.wait_for_shards(4, Duration::from_secs(60)).await {
        panic!("{e}\n{}\n{}", first.logs(), second.logs());
    }
    assert!(standin.shards_held_twice().is_empty(), "{:?}", standin.shard_sessions());
}
