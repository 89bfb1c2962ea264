//! The shipped binary, configured only by its environment, against the stand-in; stopped by SIGTERM.

use std::process::{Command, Stdio};
use std::time::Duration;

use discord_standin::{StandIn, StandInConfig};

use crate::helpers::*;

#[tokio::test]
async fn the_binary_runs_against_the_stand_in_and_stops_gracefully_on_sigterm() {
    let standin = StandIn::start_with(StandInConfig::default().heartbeat_interval_ms(2_000)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let child = KillOnDrop(
        bot_command(&standin, dir.path(), "binary-test-token")
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the binary"),
    );

    wait_until("the binary registers its commands", || standin.registered_commands(None).is_some()).await;
    // The default database is created, folder included, relative to where the bot runs.
    assert!(dir.path().join("data/steady.db").exists());
    assert!(standin.identifies()[0].token.ends_with("binary-test-token"));

    let interaction = standin.run_command(&alice_in_server(), "step", step_options("self-trust")).await;
    let shown = standin.wait_response(&interaction, WAIT).await.unwrap();
    assert!(shown.message().unwrap().text().contains("Strengthen self-trust"));

    // Free text a person types: answered, never logged.
    standin.send_dm(&alice_in_dm(), "periwinkle-dm-words").await;
    standin.send_dm(&alice_in_dm(), "I want to die, xylophone").await;
    wait_until("both DMs are answered", || standin.dm_messages(ALICE).len() >= 2).await;

    let status = Command::new("kill").arg("-TERM").arg(child.0.id().to_string()).status().unwrap();
    assert!(status.success());
    let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await.unwrap().unwrap();
    let logs = String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "exit status {:?}\n{logs}", output.status);
    assert!(logs.contains("SIGTERM received") && logs.contains("stopped"), "{logs}");
    assert!(logs.contains("scope=bot+applications.commands"), "the invite link is printed: {logs}");
    assert!(!logs.contains("binary-test-token"), "the token never appears in logs");
    assert!(!logs.contains("periwinkle") && !logs.contains("xylophone"), "no free text in logs:\n{logs}");
    assert!(logs.contains("crisis resources offered"), "the event is logged, without the words");
    standin.assert_all_valid();
}

/// The bot process, killed if the test fails before stopping it.
struct KillOnDrop(std::process::Child);

impl KillOnDrop {
    fn wait_with_output(mut self) -> std::io::Result<std::process::Output> {
        let child = std::mem::replace(&mut self.0, Command::new("true").spawn()?);
        child.wait_with_output()
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn a_missing_token_stops_start_up_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = tokio::time::timeout(
        Duration::from_secs(30),
        tokio::task::spawn_blocking({
            let path = dir.path().to_owned();
            move || Command::new(env!("CARGO_BIN_EXE_steady")).current_dir(path).env_clear().output()
        }),
    )
    .await
    .unwrap()
    .unwrap()
    .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("DISCORD_TOKEN") && stderr.contains("example"), "{stderr}");
}

#[tokio::test]
async fn broken_content_stops_start_up_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = tokio::task::spawn_blocking({
        let path = dir.path().to_owned();
        move || {
            Command::new(env!("CARGO_BIN_EXE_steady"))
                .current_dir(&path)
                .env_clear()
                .env("DISCORD_TOKEN", "t")
                .env("CONTENT_DIR", path.join("no-such-folder"))
                .output()
        }
    })
    .await
    .unwrap()
    .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("guide.toml") && stderr.contains("cannot be read"), "{stderr}");
}

/// Runs the binary in `dir` with `DATABASE_URL` set to `db`, and returns its exit status and what it wrote to
/// stderr.
async fn start_on(dir: &std::path::Path, db: &str) -> (std::process::ExitStatus, String) {
    let (dir, db) = (dir.to_owned(), db.to_owned());
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_steady"))
            .current_dir(&dir)
            .env_clear()
            .env("DISCORD_TOKEN", "t")
            .env("DATABASE_URL", db)
            .env("DISCORD_API_BASE", "http://127.0.0.1:9")
            .env("CONTENT_DIR", std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .output()
    })
    .await
    .unwrap()
    .unwrap();
    (output.status, String::from_utf8_lossy(&output.stderr).to_string())
}

#[tokio::test]
async fn an_unreachable_or_malformed_database_stops_start_up_with_one_line_and_an_example() {
    let dir = tempfile::tempdir().unwrap();
    let (status, stderr) = start_on(dir.path(), "postgres://steady:hunter2@127.0.0.1:1/steady").await;
    assert!(!status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot open the database postgres://steady:***@127.0.0.1:1/steady")
            && stderr.contains("refused")
            && stderr.contains("example: DATABASE_URL="),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
    let (status, stderr) = start_on(dir.path(), "postgres://steady@bad host/steady").await;
    assert!(!status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("is not usable") && stderr.contains("example: DATABASE_URL="), "{stderr}");
}

#[tokio::test]
async fn a_database_a_newer_release_has_migrated_stops_start_up_and_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/steady.db", dir.path().display());
    let store = steady::store::Store::open(&db).await.unwrap();
    let migrations = "SELECT COUNT(*) FROM _sqlx_migrations";
    let known: i64 =
        steady::on_pool!(store, |pool| q::query_scalar(migrations).fetch_one(pool).await).unwrap();
    steady::on_pool!(store, |pool| {
        q::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (9999, 'from a newer release', TRUE, ?, 0)",
        )
        .bind(vec![0_u8; 48])
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
    })
    .unwrap();
    store.close().await;

    let (status, stderr) = start_on(dir.path(), &db).await;
    assert!(!status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("migration 9999") && stderr.contains("newer release"), "{stderr}");
    let refused = steady::store::Store::open(&db).await.expect_err("still refused");
    assert!(refused.to_string().contains("migration 9999"));
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    let after: i64 = sqlx::query_scalar(migrations).fetch_one(&pool).await.unwrap();
    assert_eq!(after, known + 1, "nothing was applied or changed");
}

/// The shipped binary in `dir`, with nothing in its environment but `token`, the stand-in's address and the
/// shipped content.
fn bot_command(standin: &StandIn, dir: &std::path::Path, token: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steady"));
    command
        .current_dir(dir)
        .env_clear()
        .env("DISCORD_TOKEN", token)
        .env("DISCORD_API_BASE", standin.api_base())
        .env("CONTENT_DIR", std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    command
}

/// Starts the shipped binary on `db` against `standin`, checking for due sends every 100 ms.
fn start_bot(standin: &StandIn, db: &str, dir: &std::path::Path) -> KillOnDrop {
    KillOnDrop(
        bot_command(standin, dir, "crash-test-token")
            .env("DATABASE_URL", db)
            .env("TICK_INTERVAL_MS", "100")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the binary"),
    )
}

#[tokio::test]
async fn after_a_sigkill_mid_send_every_claimed_nudge_goes_out_within_seconds_of_the_restart_and_once() {
    use chrono::Utc;
    use discord_standin::{Fault, FaultKind};

    let standin = StandIn::start_with(StandInConfig::default().heartbeat_interval_ms(2_000)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/crash.db", dir.path().display());
    // Four people due in the same minute (a few seconds from now); their DM channels are known.
    let people: Vec<u64> = (1..=4).map(|i| 710_000_000_000_000_000 + i).collect();
    let store = steady::store::Store::open(&db).await.unwrap();
    let due = Utc::now() + chrono::Duration::seconds(3);
    for &user in &people {
        sqlx::query(
            "INSERT INTO people (user_id, first_seen_at, time_zone, dm_channel_id) VALUES (?, ?, 'UTC', ?)",
        )
        .bind(user as i64)
        .bind(Utc::now())
        .bind(standin.dm_channel_id(user) as i64)
        .execute(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO nudges (user_id, enabled, local_time, time_zone, due_at, due_day) VALUES (?, 1, '12:19', 'UTC', ?, ?)",
        )
        .bind(user as i64)
        .bind(due)
        .bind(due.date_naive())
        .execute(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
    }
    store.close().await;
    // The third person's answer is held back for a minute: the bot dies while it is pending.
    let third = standin.dm_channel_id(people[2]);
    standin.inject(
        Fault::new(&format!("^/channels/{third}/messages$"), 1, FaultKind::Slow { millis: 60_000 })
            .method("POST"),
    );
    let first = start_bot(&standin, &db, dir.path());
    let delivered = |user: u64| standin.dm_message_counts().get(&user).copied().unwrap_or(0);
    let others_delivered = || [0, 1, 3].iter().all(|&i| delivered(people[i]) == 1);
    wait_until("the other three are delivered while the third is held", others_delivered).await;
    assert_eq!(delivered(people[2]), 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let status = Command::new("kill").arg("-KILL").arg(first.0.id().to_string()).status().unwrap();
    assert!(status.success());
    drop(first);

    let restarted = std::time::Instant::now();
    let second = start_bot(&standin, &db, dir.path());
    while delivered(people[2]) == 0 && restarted.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = restarted.elapsed();
    assert!(delivered(people[2]) == 1, "the held nudge went out after the restart (waited {took:?})");
    assert!(took < Duration::from_secs(10), "within 10 s of the restart: {took:?}");
    // Each shown once, even if the first run's held request lands late: the same nonce.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for &user in &people {
        assert_eq!(delivered(user), 1, "person {user} sees one nudge");
    }
    drop(second);
}

#[tokio::test]
async fn a_forged_custom_id_with_a_newline_and_an_escape_cannot_write_a_log_line_of_its_own() {
    use serenity::all::{ChannelId, CreateActionRow, CreateButton, CreateMessage, HttpBuilder};

    let standin = StandIn::start_with(StandInConfig::default().heartbeat_interval_ms(2_000)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/forged.db", dir.path().display());
    let child = KillOnDrop(
        bot_command(&standin, dir.path(), "forged-test-token")
            .env("DATABASE_URL", &db)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the binary"),
    );
    wait_until("the binary registers its commands", || standin.registered_commands(None).is_some()).await;
    // A message whose button carries a forged id: a newline, a fake ERROR record and a terminal escape.
    let forged = "v1:1:x\nERROR steady: forged record\u{1b}[2J";
    let http = HttpBuilder::new("t").proxy(standin.api_base()).ratelimiter_disabled(true).build();
    let message = CreateMessage::new()
        .content("An old message")
        .components(vec![CreateActionRow::Buttons(vec![CreateButton::new(forged).label("Old")])]);
    let sent =
        ChannelId::new(discord_standin::DEFAULT_CHANNEL_ID).send_message(&http, message).await.unwrap();
    let shown = standin.message(sent.id.get()).unwrap();
    let clicked = standin.click(&alice_in_server(), &shown, forged).await;
    standin.wait_response(&clicked, WAIT).await.expect("answered");

    let _ = Command::new("kill").arg("-TERM").arg(child.0.id().to_string()).status();
    let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await.unwrap().unwrap();
    let logs = String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains(r#"x\nERROR steady: forged record\u{1b}[2J"#), "logged, escaped:\n{logs}");
    assert!(!logs.lines().any(|l| l.starts_with("ERROR steady: forged")), "no record of its own:\n{logs}");
    assert!(!logs.contains('\u{1b}'), "no raw escape reaches the log:\n{logs}");
}
