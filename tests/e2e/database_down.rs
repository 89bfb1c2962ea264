//! PostgreSQL out of reach while the bot runs: people are answered with a short apology within Discord's 3
//! seconds, scheduled work waits in its rows, and everything carries on by itself once the database is back.
//! Runs only in the PostgreSQL pass, where the test can close the bot's database to connections.

use std::time::{Duration, Instant};

use serde_json::json;
use sqlx::postgres::PgPool;

use crate::helpers::*;

/// Closes (or opens) `database` to new connections and, when closing, ends the ones it has: to the bot, the
/// server is gone.
async fn reachable(admin: &PgPool, database: &str, open: bool) {
    sqlx::query(&format!("ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {open}"))
        .execute(admin)
        .await
        .expect("the test may change its own database");
    if !open {
        sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
            .bind(database)
            .execute(admin)
            .await
            .expect("the bot's connections are ended");
    }
}

#[tokio::test]
async fn while_postgresql_is_out_of_reach_people_get_an_apology_in_time_and_all_resumes_without_a_restart() {
    let Some(server) = postgres_or_skip("database_down::while_postgresql_is_out_of_reach_…") else {
        return;
    };
    let world = World::start().await;
    let alice = alice_in_server();
    // A nudge at 09:10 UTC; the clock stands at 09:00.
    let on = json!([{ "type": 1, "name": "on", "options": [
        { "type": 3, "name": "time", "value": "09:10" }, { "type": 3, "name": "timezone", "value": "UTC" }
    ] }]);
    assert!(world.command(&alice, "nudges", on).await.text().contains("09:10"));
    let database = world.db_url.rsplit('/').next().unwrap().to_owned();
    let admin = PgPool::connect(&server).await.unwrap();

    reachable(&admin, &database, false).await;
    let asked = Instant::now();
    let interaction = world.standin.run_command(&alice, "progress", json!([])).await;
    let answered = world.standin.wait_response(&interaction, WAIT).await.expect("an answer");
    let first_callback = asked.elapsed();
    let shown = match answered {
        discord_standin::Response::Message(m) => m,
        other => panic!("a message, got {other:?}"),
    };
    assert!(
        shown.ephemeral() && shown.text().contains("Something went wrong on my side"),
        "the short apology: {}",
        shown.text()
    );
    assert!(first_callback < Duration::from_secs(3), "answered after {first_callback:?}");
    // The nudge falls due while the database is away: it waits, it is not lost.
    world.clock.advance(chrono::Duration::minutes(11));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(world.standin.dm_messages(ALICE).is_empty(), "nothing can be sent or recorded yet");

    // Back: with no restart, the nudge goes out once and commands are answered again.
    reachable(&admin, &database, true).await;
    wait_until("the waiting nudge goes out", || !world.standin.dm_messages(ALICE).is_empty()).await;
    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(!progress.text().contains("Something went wrong"), "{}", progress.text());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(world.standin.dm_messages(ALICE).len(), 1, "sent once");
    world.assert_all_valid();
}
