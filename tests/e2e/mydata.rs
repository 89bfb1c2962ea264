//! `/mydata`: seeing, exporting and deleting everything the bot keeps about a person.

use chrono::Duration;
use discord_standin::{Actor, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID};
use serde_json::{json, Value};

use crate::helpers::*;

fn sub(name: &str) -> Value {
    json!([{ "type": 1, "name": name, "options": [] }])
}

/// Alice uses every feature once, and Bob a little, so deletion can be seen to spare him.
pub(crate) async fn lots_of_data(world: &World) {
    let alice = alice_in_server();
    let shown = world.step(&alice, "self-trust", false).await;
    updated(world.click(&alice, &shown, "Mark step complete").await);
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    let name = picker.buttons()[0].label.clone();
    updated(world.click(&alice, &picker, &name).await);
    let q1 = world.command(&alice, "quiz", sub("start")).await;
    let seven = q1.buttons().into_iter().find(|b| b.label.starts_with("7 · ")).unwrap().custom_id;
    updated(world.click_id(&alice, &q1, &seven).await);
    let on = json!([{ "type": 1, "name": "on", "options": [
        { "type": 3, "name": "time", "value": "10:01" }, { "type": 3, "name": "timezone", "value": "Europe/Berlin" }
    ] }]);
    world.command(&alice, "nudges", on).await;
    world.command(&alice, "nudges", json!([{ "type": 1, "name": "recap", "options": [{ "type": 5, "name": "enabled", "value": true }] }])).await;
    let interaction = world.standin.run_command(&alice, "checkin", json!([])).await;
    let modal = match world.response(&interaction).await {
        discord_standin::Response::Modal(m) => m,
        other => panic!("{other:?}"),
    };
    world
        .response(
            &world
                .standin
                .submit_modal(&alice, &modal, &[("feeling", "calm"), ("need", "rest"), ("steadiness", "4")])
                .await,
        )
        .await;
    // A group check-in and a shout-out choice.
    let admin = Actor::in_guild(9, "admin", DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
        .with_permissions(discord_standin::DEFAULT_MEMBER_PERMISSIONS | (1 << 5));
    let setup = json!([{ "type": 1, "name": "setup", "options": [
        { "type": 7, "name": "channel", "value": DEFAULT_CHANNEL_ID.to_string() },
        { "type": 3, "name": "time", "value": "10:02" },
        { "type": 3, "name": "timezone", "value": "Europe/Berlin" }
    ] }]);
    world.command(&admin, "accountability", setup).await;
    world.command(&alice, "shoutouts", json!([{ "type": 5, "name": "enabled", "value": true }])).await;
    world.clock.advance(Duration::minutes(2));
    wait_until("the group post", || {
        world
            .standin
            .channel_messages(DEFAULT_CHANNEL_ID)
            .iter()
            .any(|m| m.button_by_label("I practised today").is_some())
    })
    .await;
    let post = world
        .standin
        .channel_messages(DEFAULT_CHANNEL_ID)
        .into_iter()
        .find(|m| m.button_by_label("I practised today").is_some())
        .unwrap();
    updated(world.click(&alice, &post, "I practised today").await);
    updated(world.click(&bob_in_server(), &post, "I practised today").await);
}

#[tokio::test]
async fn export_holds_every_table_and_delete_leaves_no_row_of_the_person() {
    let world = World::start().await;
    lots_of_data(&world).await;
    let alice = alice_in_server();

    world.command(&alice, "support", json!([{ "type": 3, "name": "country", "value": "Ireland" }])).await;
    let shown = world.command(&alice, "mydata", sub("show")).await;
    assert!(shown.ephemeral());
    let text = shown.text();
    // What is kept that is not a count is said as what it is.
    for part in ["at question 2 of 12", "**Europe/Berlin**", "Ireland (IE)"] {
        assert!(text.contains(part), "{part:?} in\n{text}");
    }
    assert!(!text.contains("quiz taken") && !text.contains("quizzes"), "no count of quiz sessions: {text}");
    assert!(text.contains(" logged") && text.contains("check-in"), "{text}");
    // Words that add up: one of a thing is singular, more are plural.
    for line in text.lines().filter(|l| l.starts_with("**")) {
        let one = line.starts_with("**1** ");
        let plural = ["practices", "check-ins", "entries", "results", "quizzes", "steps", "servers"]
            .iter()
            .any(|w| line.contains(w));
        assert!(!(one && plural), "one, with a plural: {line}");
    }

    let export = world.command(&alice, "mydata", sub("export")).await;
    assert!(export.ephemeral());
    assert_eq!(export.attachments.len(), 1);
    let file = world
        .standin
        .requests()
        .into_iter()
        .flat_map(|r| r.files)
        .find(|f| f.filename == "my-data.json")
        .expect("the export was uploaded");
    let data: Value = serde_json::from_slice(&file.bytes).unwrap();
    let tables = world.app().store.tables_with_people().await.unwrap();
    for table in &tables {
        let rows = data[table].as_array().unwrap_or_else(|| panic!("{table} missing from the export"));
        let expected =
            world.count(&format!("SELECT COUNT(*) FROM \"{table}\" WHERE user_id = {ALICE}")).await;
        assert_eq!(rows.len() as i64, expected, "{table}");
    }
    assert!(!data["quiz_answers"].as_array().unwrap().is_empty());
    assert!(data["checkins"][0]["feeling"] == json!("calm"));

    let nudges_before = world
        .standin
        .dm_messages(ALICE)
        .iter()
        .filter(|m| m.raw.get("nonce").is_some_and(|n| !n.is_null()))
        .count();
    let confirm = world.command(&alice, "mydata", sub("delete")).await;
    assert!(confirm.ephemeral() && confirm.text().contains("can't be undone"), "{}", confirm.text());
    assert!(confirm.text().contains("already shared in a server stay"), "{}", confirm.text());
    // A copy first, in a message of its own; the question stays to be answered.
    let uploads = || {
        world
            .standin
            .requests()
            .into_iter()
            .flat_map(|r| r.files)
            .filter(|f| f.filename == "my-data.json")
            .count()
    };
    let before = uploads();
    let copy = message_of(world.click(&alice, &confirm, "Download my data first").await);
    assert!(copy.ephemeral() && copy.attachments.len() == 1, "{copy:?}");
    assert_eq!(uploads(), before + 1);
    let done = updated(world.click(&alice, &confirm, "Delete everything").await);
    assert!(done.text().contains("deleted"), "{}", done.text());
    for table in &tables {
        assert_eq!(
            world.count(&format!("SELECT COUNT(*) FROM \"{table}\" WHERE user_id = {ALICE}")).await,
            0,
            "{table}"
        );
    }
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 0);
    assert!(
        world.count(&format!("SELECT COUNT(*) FROM group_checkins WHERE user_id = {BOB}")).await == 1,
        "Bob's data stays"
    );
    assert_eq!(world.count("SELECT checkins FROM group_posts").await, 2, "only anonymous counts remain");
    // Nudges and the quiz are cancelled: nothing more comes.
    world.clock.advance(Duration::days(1));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let nudges_after = world
        .standin
        .dm_messages(ALICE)
        .iter()
        .filter(|m| m.raw.get("nonce").is_some_and(|n| !n.is_null()))
        .count();
    assert_eq!(nudges_after, nudges_before, "no nudge after deletion");
    let after = world.command(&alice, "mydata", sub("show")).await;
    assert!(after.text().contains("Nothing at all"), "{}", after.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn keeping_the_data_deletes_nothing_and_nobody_else_can_press_delete() {
    let world = World::start().await;
    lots_of_data(&world).await;
    let alice = alice_in_server();
    let confirm = world.command(&alice, "mydata", sub("delete")).await;
    let refused = message_of(world.click(&bob_in_server(), &confirm, "Delete everything").await);
    assert!(refused.text().contains("someone else"));
    let kept = updated(world.click(&alice, &confirm, "Keep my data").await);
    assert!(kept.text().contains("Nothing was deleted"));
    assert!(world.count(&format!("SELECT COUNT(*) FROM practice_log WHERE user_id = {ALICE}")).await > 0);
}
