//! The bot in a DM: no server, no ephemeral flag needed, typed text answered.

use crate::helpers::*;

#[tokio::test]
async fn commands_and_buttons_work_in_the_dm() {
    let world = World::start().await;
    let alice = alice_in_dm();
    let shown = world.step(&alice, "clear-needs", false).await;
    assert!(!shown.ephemeral(), "a DM is private already");
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    let name = picker.buttons()[0].label.clone();
    let logged = updated(world.click(&alice, &picker, &name).await);
    assert!(logged.text().contains("Logged"));
    // The same person's progress is shared between the DM and servers.
    let progress = world.command(&alice_in_server(), "progress", serde_json::json!([])).await;
    assert!(progress.text().contains(&name));
    world.assert_all_valid();
}

#[tokio::test]
async fn typed_text_in_the_dm_gets_a_gentle_pointer() {
    let world = World::start().await;
    world.standin.send_dm(&alice_in_dm(), "hello?").await;
    wait_until("the bot answers in the DM", || !world.standin.dm_messages(ALICE).is_empty()).await;
    let answer = &world.standin.dm_messages(ALICE)[0];
    assert!(answer.text().contains("/guide"), "{}", answer.text());
    world.assert_all_valid();
}
