//! Navigation, ownership and stale buttons.

use crate::helpers::*;

#[tokio::test]
async fn the_navigation_buttons_page_through_the_steps_in_place() {
    let world = World::start().await;
    let alice = alice_in_server();
    let content = content();
    let steps = content.steps();

    let first = world.step(&alice, &steps[0].slug, false).await;
    let previous = first.button_by_label("◀ Previous").unwrap();
    assert!(previous.disabled, "nothing before the first step");

    let mut shown = first;
    for step in &steps[1..] {
        shown = updated(world.click(&alice, &shown, "Next ▶").await);
        assert!(shown.text().contains(&step.title), "Next shows {}", step.title);
    }
    assert!(shown.button_by_label("Next ▶").unwrap().disabled, "nothing after the last step");

    let back = updated(world.click(&alice, &shown, "◀ Previous").await);
    assert!(back.text().contains(&steps[steps.len() - 2].title));

    let guide = updated(world.click(&alice, &back, "All steps").await);
    assert!(guide.text().contains(&content.guide.opening.title));
    let label = format!("3. {}", steps[2].title);
    let third = updated(world.click(&alice, &guide, &label).await);
    assert!(third.text().contains(steps[2].what.trim()));
    world.assert_all_valid();
}

#[tokio::test]
async fn another_persons_click_is_refused_privately_and_changes_nothing() {
    let world = World::start().await;
    let alice = alice_in_server();
    let bob = bob_in_server();
    let shared = world.step(&alice, "self-trust", true).await;

    for label in ["Next ▶", "I did a practice", "Mark step complete", "My progress"] {
        let answer = message_of(world.click(&bob, &shared, label).await);
        assert!(answer.ephemeral(), "the refusal is private");
        assert!(answer.text().contains("someone else"), "{}", answer.text());
    }
    let unchanged = world.standin.message(shared.id).expect("the shared message");
    assert_eq!(unchanged.text(), shared.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM practice_log").await, 0);
    assert_eq!(world.count("SELECT COUNT(*) FROM step_progress").await, 0);
    world.assert_all_valid();
}

#[tokio::test]
async fn the_owner_clicking_a_shared_message_gets_a_private_answer() {
    let world = World::start().await;
    let alice = alice_in_server();
    let shared = world.step(&alice, "self-trust", true).await;
    let answer = message_of(world.click(&alice, &shared, "Next ▶").await);
    assert!(answer.ephemeral(), "personal views never replace a shared message");
    let unchanged = world.standin.message(shared.id).expect("the shared message");
    assert_eq!(unchanged.text(), shared.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn an_unknown_or_malformed_button_gets_a_clear_private_message() {
    let world = World::start().await;
    let alice = alice_in_server();
    let removed_step = format!("v1:{ALICE}:open:a-step-that-was-removed");
    let future_version = format!("v9:{ALICE}:open:self-trust");
    let long = "x".repeat(100);
    let ids = ["quiz:answer:3", removed_step.as_str(), future_version.as_str(), long.as_str()];
    let old = world.old_message_with_buttons(&ids).await;
    for custom_id in ids {
        let answer = message_of(world.click_id(&alice, &old, custom_id).await);
        assert!(answer.ephemeral());
        let text = answer.text();
        assert!(text.contains("/guide"), "{custom_id}: {text}");
    }
    world.assert_all_valid();
}
