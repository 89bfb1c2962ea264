//! Nobody acts on someone else's buttons or forms, and only server managers run the admin commands.

use chrono::Duration;
use discord_standin::{Actor, Response, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID};
use serde_json::json;

use crate::helpers::*;

/// A refusal in a server is ephemeral; in the clicker's own DM with the bot it is theirs alone anyway.
fn refused(shown: &discord_standin::ShownMessage) {
    refused_in(shown, true);
}

fn refused_in(shown: &discord_standin::ShownMessage, ephemeral: bool) {
    assert_eq!(
        shown.ephemeral(),
        ephemeral,
        "refusals are private: ephemeral in a server, in the own DM not needed"
    );
    assert!(
        shown.text().contains("someone else") || shown.text().contains("older message"),
        "{}",
        shown.text()
    );
}

#[tokio::test]
async fn every_kind_of_personal_button_refuses_someone_else() {
    let world = World::start().await;
    let (alice, bob) = (alice_in_server(), bob_in_server());

    // A quiz question.
    let question =
        world.command(&alice, "quiz", json!([{ "type": 1, "name": "start", "options": [] }])).await;
    for button in question.buttons().into_iter().filter(|b| !b.disabled) {
        refused(&message_of(world.click_id(&bob, &question, &button.custom_id).await));
    }
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 0);

    // The practice picker, and the journal's pages.
    let step = world.step(&alice, "repair", false).await;
    let picker = message_of(world.click(&alice, &step, "I did a practice").await);
    for button in picker.buttons() {
        refused(&message_of(world.click_id(&bob, &picker, &button.custom_id).await));
    }
    assert_eq!(world.count("SELECT COUNT(*) FROM practice_log").await, 0);

    // A nudge in Alice's DM.
    let on = json!([{ "type": 1, "name": "on", "options": [
        { "type": 3, "name": "time", "value": "10:01" }, { "type": 3, "name": "timezone", "value": "Europe/Berlin" }
    ] }]);
    world.command(&alice, "nudges", on).await;
    world.clock.advance(Duration::minutes(1));
    wait_until("the nudge", || {
        world.standin.dm_messages(ALICE).iter().any(|m| m.button_by_label("Done ✓").is_some())
    })
    .await;
    let nudge =
        world.standin.dm_messages(ALICE).into_iter().find(|m| m.button_by_label("Done ✓").is_some()).unwrap();
    for button in nudge.buttons() {
        let answer = world.click_id(&bob_in_dm(), &nudge, &button.custom_id).await;
        match answer {
            Response::Message(m) => refused_in(&m, false),
            other => panic!("{} should be refused, got {other:?}", button.label),
        }
    }
    assert!(
        world.count("SELECT COUNT(*) FROM nudges WHERE enabled = TRUE").await == 1,
        "Bob could not stop Alice's nudges"
    );
    world.assert_all_valid();
}

#[tokio::test]
async fn a_form_submitted_for_someone_else_is_refused_and_stores_nothing() {
    let world = World::start().await;
    let interaction = world.standin.run_command(&alice_in_server(), "checkin", json!([])).await;
    let Response::Modal(modal) = world.response(&interaction).await else { panic!("a form") };
    let forged = world
        .standin
        .submit_modal(&bob_in_server(), &modal, &[("feeling", "x"), ("need", "y"), ("steadiness", "")])
        .await;
    let answer = message_of(world.response(&forged).await);
    assert!(answer.ephemeral() && answer.text().contains("/guide"), "{}", answer.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 0);
}

#[tokio::test]
async fn a_non_admin_is_refused_on_each_admin_command_and_may_read_the_status() {
    let world = World::start().await;
    let member = Actor::in_guild(BOB, "bob", DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID);
    let reply =
        world.command(&member, "accountability", json!([{ "type": 1, "name": "off", "options": [] }])).await;
    assert!(reply.ephemeral() && reply.text().contains("manage this server"), "off: {}", reply.text());
    // Reading the status changes nothing: any member may, privately.
    let status = world
        .command(&member, "accountability", json!([{ "type": 1, "name": "status", "options": [] }]))
        .await;
    assert!(status.ephemeral() && !status.text().contains("manage this server"), "{}", status.text());
    assert_eq!(status.text().trim(), content().groups.messages.already_off.trim());
    // In a DM there is no server to manage.
    let reply = world
        .command(&alice_in_dm(), "accountability", json!([{ "type": 1, "name": "status", "options": [] }]))
        .await;
    assert!(reply.text().contains("server"), "{}", reply.text());
    world.assert_all_valid();
}

fn bob_in_dm() -> Actor {
    Actor::in_dm(BOB, "bob")
}
