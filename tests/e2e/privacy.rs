//! Free text at rest: sealed with DATA_KEY, never stored without one, and a wrong key refused at start-up.

use std::sync::Arc;

use discord_standin::Response;
use serde_json::json;

use crate::helpers::*;

async fn check_in(world: &World, feeling: &str) -> discord_standin::ShownMessage {
    let interaction = world.standin.run_command(&alice_in_server(), "checkin", json!([])).await;
    match world.response(&interaction).await {
        Response::Modal(modal) => {
            let submitted = world
                .standin
                .submit_modal(
                    &alice_in_server(),
                    &modal,
                    &[("feeling", feeling), ("need", "quiet"), ("steadiness", "")],
                )
                .await;
            message_of(world.response(&submitted).await)
        }
        Response::Message(m) => m,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn free_text_is_not_readable_in_the_sqlite_file() {
    let world = World::start().await;
    let secret = "marmalade-umbrella-feeling";
    let saved = check_in(&world, secret).await;
    assert!(saved.text().contains(secret), "the person sees their own words: {}", saved.text());
    let journal = world
        .standin
        .run_command(&alice_in_server(), "journal", json!([{ "type": 1, "name": "write", "options": [] }]))
        .await;
    let Response::Modal(modal) = world.response(&journal).await else { panic!("a form") };
    world
        .response(
            &world
                .standin
                .submit_modal(&alice_in_server(), &modal, &[("entry", "zebra-lighthouse-entry")])
                .await,
        )
        .await;
    let read = world
        .command(&alice_in_server(), "journal", json!([{ "type": 1, "name": "read", "options": [] }]))
        .await;
    assert!(read.text().contains("zebra-lighthouse-entry"), "read back in the clear: {}", read.text());

    if world.app().store.sqlite_pool().is_none() {
        // On PostgreSQL there is no file to read: the journal's rows themselves must not hold the words.
        let clear = world.count("SELECT COUNT(*) FROM journal WHERE text LIKE '%zebra-lighthouse%'").await;
        assert_eq!(clear, 0, "the journal holds the words in the clear");
        assert_eq!(world.count("SELECT COUNT(*) FROM journal").await, 1, "the entry was kept, sealed");
        return;
    }
    steady::on_pool!(world.app().store, |pool| {
        q::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await.map(|_| ())
    })
    .unwrap();
    let path = world.db_url.trim_start_matches("sqlite://").to_owned();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
    let file = String::from_utf8_lossy(&bytes);
    assert!(!file.contains(secret), "check-ins must be sealed at rest");
    assert!(!file.contains("zebra-lighthouse-entry"), "journal entries must be sealed at rest");
    assert!(file.contains("sealed1:"));
}

#[tokio::test]
async fn without_a_data_key_free_text_is_declined_and_not_stored() {
    let mut world = World::start().await;
    world.stop_bot().await;
    let mut config = world.config();
    config.data_key = None;
    world.bot = Some(steady::discord::launch(&config, Arc::new(world.clock.clone())).await.unwrap());
    wait_until("connected", || world.standin.ready_count() >= 2).await;
    let reply = check_in(&world, "anything").await;
    assert!(reply.ephemeral() && reply.text().contains("DATA_KEY"), "{}", reply.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 0);
}

#[tokio::test]
async fn crisis_words_in_a_form_that_cannot_be_kept_get_care_without_saying_it_was_kept() {
    let mut world = World::start().await;
    let journal = world
        .standin
        .run_command(&alice_in_server(), "journal", json!([{ "type": 1, "name": "write", "options": [] }]))
        .await;
    let Response::Modal(modal) = world.response(&journal).await else { panic!("a form") };
    // The form was opened while the server could seal; it is sent after the key was taken away.
    world.stop_bot().await;
    let mut config = world.config();
    config.data_key = None;
    world.bot = Some(steady::discord::launch(&config, Arc::new(world.clock.clone())).await.unwrap());
    wait_until("connected", || world.standin.ready_count() >= 2).await;
    let answer = world.standin.submit_modal(&alice_in_server(), &modal, &[("entry", "I want to die")]).await;
    let care = message_of(world.response(&answer).await);
    assert!(care.text().contains("findahelpline.com"), "care first: {}", care.text());
    assert!(!care.text().contains(content().safety.kept_journal.trim()), "{}", care.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM journal").await, 0);
    world.assert_all_valid();
}

#[tokio::test]
async fn a_wrong_data_key_stops_start_up_with_a_clear_message() {
    let mut world = World::start().await;
    check_in(&world, "sealed with the first key").await;
    world.stop_bot().await;
    let mut config = world.config();
    config.data_key = Some(steady::crypto::DataKey::from_hex(&"ab".repeat(32)).unwrap());
    let error = steady::discord::launch(&config, Arc::new(world.clock.clone())).await.err().expect("refused");
    let message = error.to_string();
    assert!(message.contains("DATA_KEY") && message.contains("rotating"), "{message}");
}

#[tokio::test]
async fn a_chosen_country_puts_its_crisis_lines_first_everywhere() {
    let world = World::start().await;
    let support = world
        .command(&alice_in_dm(), "support", json!([{ "type": 3, "name": "country", "value": "ie" }]))
        .await;
    let first = support.embeds[0]["fields"][0]["name"].as_str().unwrap().to_owned();
    assert!(first.contains("Ireland"), "{first}");
    let before = world.standin.dm_messages(ALICE).len();
    // A crisis, not a concern: only a crisis (or harm to others) is answered over the crisis lines.
    world.standin.send_dm(&alice_in_dm(), "I want to die").await;
    wait_until("the crisis reply", || world.standin.dm_messages(ALICE).len() > before).await;
    let reply = world.standin.dm_messages(ALICE).last().unwrap().clone();
    assert!(reply.embeds[0]["fields"][0]["name"].as_str().unwrap().contains("Ireland"));
    assert!(reply.text().contains("findahelpline.com"), "the fallback is always there");
    world.assert_all_valid();
}

#[tokio::test]
async fn a_country_is_read_by_name_and_one_the_bot_cannot_read_is_refused_with_every_line_still_shown() {
    let world = World::start().await;
    let alice = alice_in_dm();
    let support = |value: &str| {
        world.command(&alice, "support", json!([{ "type": 3, "name": "country", "value": value }]))
    };
    let m = content().support.country;
    // Discord itself lets a name through: the option is not limited to two letters.
    let registered = world.standin.registered_commands(None).unwrap();
    let command = registered.as_array().unwrap().iter().find(|c| c["name"] == "support").unwrap().clone();
    let option =
        command["options"].as_array().unwrap().iter().find(|o| o["name"] == "country").unwrap().clone();
    assert!(
        option["max_length"].as_u64().unwrap() >= "United Kingdom of Great Britain".len() as u64,
        "{option}"
    );
    let saved = support("Germany").await;
    assert!(saved.content.starts_with("Saved") && saved.content.contains("Germany"), "{}", saved.content);
    let stored = || world.count("SELECT COUNT(*) FROM people WHERE country = 'DE'");
    assert_eq!(stored().await, 1, "kept as its code");
    assert!(saved.embeds[0]["fields"][0]["value"].as_str().unwrap().contains("116 123"), "its lines first");

    for typed in ["XX", "Atlantis"] {
        let refused = support(typed).await;
        let expected = steady::content::fill(&m.unknown, &[("typed", typed)]);
        assert_eq!(refused.content, expected);
        assert!(refused.text().contains("findahelpline.com") && refused.text().contains("988"), "every line");
        assert_eq!(stored().await, 1, "{typed:?} changed nothing");
    }
    let japan = support("japan").await;
    assert!(
        japan.content.contains("Japan") && japan.content.contains("Find A Helpline"),
        "{}",
        japan.content
    );
    assert_eq!(world.count("SELECT COUNT(*) FROM people WHERE country = 'JP'").await, 1);
    world.assert_all_valid();
}

#[tokio::test]
async fn crisis_words_in_the_journal_and_a_typed_check_in_meet_care() {
    let world = World::start().await;
    let journal = world
        .standin
        .run_command(&alice_in_server(), "journal", json!([{ "type": 1, "name": "write", "options": [] }]))
        .await;
    let Response::Modal(modal) = world.response(&journal).await else { panic!("a form") };
    let answer = world
        .standin
        .submit_modal(&alice_in_server(), &modal, &[("entry", "I keep thinking about suicide")])
        .await;
    let care = message_of(world.response(&answer).await);
    assert!(care.ephemeral() && care.text().contains("findahelpline.com"), "{}", care.text());
    assert!(care.text().contains(content().safety.kept_journal.trim()), "{}", care.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM journal").await, 1, "kept for her, as she wrote it");

    let dm = alice_in_dm();
    for (text, expected) in [("check in", "feeling"), ("I don't want to wake up", "findahelpline.com")] {
        let before = world.standin.dm_messages(ALICE).len();
        world.standin.send_dm(&dm, text).await;
        wait_until("an answer", || world.standin.dm_messages(ALICE).len() > before).await;
        let last = world.standin.dm_messages(ALICE).last().unwrap().text();
        assert!(last.contains(expected), "{text}: {last}");
    }
    world.assert_all_valid();
}
