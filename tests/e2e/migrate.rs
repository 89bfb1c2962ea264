//! `steady migrate-to`: a SQLite database someone has used, copied into PostgreSQL by the shipped binary, then
//! the bot on PostgreSQL shows that person the same. Runs only in the PostgreSQL pass.

use std::process::{Command, Output};

use discord_standin::Response;
use serde_json::{json, Value};

use crate::helpers::*;

fn sub(name: &str) -> Value {
    json!([{ "type": 1, "name": name, "options": [] }])
}

/// `steady migrate-to <target>` with DATABASE_URL set to `source`.
async fn migrate_to(source: &str, target: &str) -> Output {
    let (source, target) = (source.to_owned(), target.to_owned());
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_steady"))
            .env_clear()
            .env("DATABASE_URL", source)
            .arg("migrate-to")
            .arg(target)
            .output()
            .expect("run the binary")
    })
    .await
    .unwrap()
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr)
}

/// What Alice sees of what is kept about her: `/mydata show`, `/journal read` and `/partner status`.
async fn what_alice_sees(world: &World) -> Vec<String> {
    let alice = alice_in_server();
    let mut seen = Vec::new();
    seen.push(world.command(&alice, "mydata", sub("show")).await.text());
    seen.push(world.command(&alice, "journal", sub("read")).await.text());
    seen.push(world.command(&alice, "partner", sub("status")).await.text());
    seen.push(world.command(&alice, "progress", json!([])).await.text());
    seen
}

#[tokio::test]
async fn a_used_sqlite_database_moves_to_postgresql_and_the_bot_there_shows_the_same() {
    let Some(server) = postgres_or_skip("migrate::a_used_sqlite_database_…") else {
        return;
    };
    let mut world = World::start_on_sqlite().await;
    crate::mydata::lots_of_data(&world).await;
    let alice = alice_in_server();
    let interaction = world.standin.run_command(&alice, "journal", sub("write")).await;
    let Response::Modal(modal) = world.response(&interaction).await else { panic!("a journal form") };
    let entry = world.standin.submit_modal(&alice, &modal, &[("entry", "A calm walk by the canal")]).await;
    world.response(&entry).await;
    world
        .command(
            &alice,
            "partner",
            json!([{ "type": 1, "name": "invite", "options": [{ "type": 6, "name": "user", "value": BOB.to_string() }] }]),
        )
        .await;
    wait_until("the invitation", || !world.standin.dm_messages(BOB).is_empty()).await;
    let invitation = world.standin.dm_messages(BOB)[0].clone();
    updated(world.click(&discord_standin::Actor::in_dm(BOB, "bob"), &invitation, "Accept").await);
    world.command(&alice, "partner", json!([{ "type": 1, "name": "share", "options": [{ "type": 5, "name": "streak", "value": true }] }])).await;
    let before = what_alice_sees(&world).await;
    assert!(before[1].contains("A calm walk by the canal"), "{}", before[1]);
    world.stop_bot().await;

    // Wrong input first: each refused with one line, and nothing is written.
    let sqlite = world.db_url.clone();
    let not_postgres = migrate_to(&sqlite, "sqlite://elsewhere.db").await;
    assert!(!not_postgres.status.success());
    assert!(said(&not_postgres).contains("is not a PostgreSQL URL (example: steady migrate-to postgres://"));
    let missing = migrate_to("sqlite:///nowhere/at/all.db", &server).await;
    assert!(
        said(&missing).contains("there is no SQLite database at /nowhere/at/all.db"),
        "{}",
        said(&missing)
    );
    let unreachable = migrate_to(&sqlite, "postgres://steady:hunter2@127.0.0.1:1/steady").await;
    assert!(!unreachable.status.success());
    assert!(said(&unreachable).contains("nothing was copied"), "{}", said(&unreachable));
    assert!(!said(&unreachable).contains("hunter2"), "the password stays out: {}", said(&unreachable));

    let dir = tempfile::tempdir().unwrap();
    let target = steady::store::test_database::url(dir.path(), "unused").await;
    let moved = migrate_to(&sqlite, &target).await;
    assert!(moved.status.success(), "{}", said(&moved));
    let report = said(&moved);
    assert!(report.contains("every table's row count matches"), "{report}");
    for table in ["people", "practice_log", "journal", "partners", "checkins", "quiz_answers"] {
        let line = report.lines().find(|l| l.split_whitespace().nth(1) == Some(table));
        let rows: i64 =
            line.and_then(|l| l.split_whitespace().next()).and_then(|n| n.parse().ok()).unwrap_or(0);
        assert!(rows > 0, "{table} was copied with its rows: {report}");
    }
    // A second copy into the same database is refused: it already holds data.
    let again = migrate_to(&sqlite, &target).await;
    assert!(!again.status.success());
    assert!(said(&again).contains("already holds data"), "{}", said(&again));

    world.db_url = target;
    world.start_bot().await;
    let after = what_alice_sees(&world).await;
    assert_eq!(before, after, "the same, read from PostgreSQL");
    // New rows take new ids after the copied ones: another journal entry and another invitation work.
    let interaction = world.standin.run_command(&alice, "journal", sub("write")).await;
    let Response::Modal(modal) = world.response(&interaction).await else { panic!("a journal form") };
    let entry = world.standin.submit_modal(&alice, &modal, &[("entry", "Written on PostgreSQL")]).await;
    assert!(message_of(world.response(&entry).await).text().contains("/journal read"));
    assert_eq!(world.count("SELECT COUNT(*) FROM journal").await, 2);
    world.assert_all_valid();
}
