//! Logging practices and completing steps, and seeing them in /progress.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn logging_a_practice_shows_in_progress_and_a_double_click_counts_once() {
    let world = World::start().await;
    let alice = alice_in_server();
    let content = content();
    let step = &content.steps()[0];

    let shown = world.step(&alice, &step.slug, false).await;
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    assert!(picker.ephemeral());
    let names: Vec<String> = picker.buttons().into_iter().map(|b| b.label).collect();
    for practice in &step.practices {
        assert!(names.contains(&practice.name), "{names:?}");
    }

    let practice = &step.practices[1].name;
    let logged = updated(world.click(&alice, &picker, practice).await);
    assert!(logged.text().contains("Logged"), "{}", logged.text());
    assert!(logged.text().contains(practice.as_str()));

    // The same button again (a double click on the picker as it was).
    let button = picker.button_by_label(practice).unwrap();
    let stale_click = world.standin.click_stale(&alice, &picker, &button.custom_id).await;
    let again = world.response(&stale_click).await;
    let again = match again {
        discord_standin::Response::Updated(m) | discord_standin::Response::Message(m) => m,
        other => panic!("{other:?}"),
    };
    assert!(again.text().contains("already logged"), "{}", again.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM practice_log").await, 1);

    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(progress.ephemeral());
    let text = progress.text();
    assert!(text.contains(practice.as_str()), "{text}");
    assert!(text.contains("Tue 1 Dec"), "the day the practice counts for: {text}");
    assert!(text.contains("practices logged: 1"), "{text}");
    world.assert_all_valid();
}

#[tokio::test]
async fn a_new_day_lets_the_same_practice_count_again() {
    let world = World::start().await;
    let alice = alice_in_server();
    let shown = world.step(&alice, "self-trust", false).await;
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    let name = picker.buttons()[0].label.clone();
    updated(world.click(&alice, &picker, &name).await);
    world.clock.advance(chrono::Duration::days(1));
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    let logged = updated(world.click(&alice, &picker, &name).await);
    assert!(logged.text().contains("Logged"));
    assert_eq!(world.count("SELECT COUNT(*) FROM practice_log").await, 2);
}

#[tokio::test]
async fn marking_a_step_complete_toggles_and_shows_in_progress() {
    let world = World::start().await;
    let alice = alice_in_server();
    let shown = world.step(&alice, "self-trust", false).await;
    let done = updated(world.click(&alice, &shown, "Mark step complete").await);
    assert!(done.text().contains("marked complete"), "{}", done.text());
    assert!(done.button_by_label("Completed ✓").is_some());
    assert_eq!(world.count("SELECT COUNT(*) FROM step_progress").await, 1);

    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(progress.text().contains("1 of 8"), "{}", progress.text());

    let reopened = updated(world.click(&alice, &done, "Completed ✓").await);
    assert!(reopened.text().contains("open again"), "{}", reopened.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM step_progress").await, 0);
    world.assert_all_valid();
}

#[tokio::test]
async fn progress_before_any_practice_is_kind_and_points_the_way() {
    let world = World::start().await;
    let progress = world.command(&alice_in_server(), "progress", json!([])).await;
    assert!(progress.text().contains("Nothing logged yet"), "{}", progress.text());
    assert!(progress.text().contains("/guide"));
}

#[tokio::test]
async fn yesterdays_practice_can_be_logged_today_and_keeps_the_streak() {
    let world = World::start().await;
    let alice = alice_in_server();
    world.command(&alice, "timezone", json!([{ "type": 3, "name": "zone", "value": "Europe/Berlin" }])).await;
    let shown = world.step(&alice, "self-trust", false).await;
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    let first = content().steps()[0].practices[0].name.clone();
    let logged = updated(world.click(&alice, &picker, &format!("Yesterday: {first}")).await);
    assert!(logged.text().contains("for yesterday"), "{}", logged.text());
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    updated(world.click(&alice, &picker, &first).await);
    let days: Vec<String> = steady::on_pool!(world.app().store, |pool| {
        q::query_scalar("SELECT CAST(practice_day AS TEXT) FROM practice_log ORDER BY practice_day")
            .fetch_all(pool)
            .await
    })
    .unwrap();
    assert_eq!(days, ["2026-11-30", "2026-12-01"], "Berlin's calendar");
    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(progress.text().contains("**2** days now"), "{}", progress.text());
    // "Latest practices" names the day each counts for, so yesterday's log reads as yesterday's.
    let text = progress.text();
    let latest: Vec<&str> = text.lines().filter(|l| l.contains(&first)).collect();
    assert!(latest.iter().any(|l| l.ends_with("Mon 30 Nov")), "{latest:?}");
    assert!(latest.iter().any(|l| l.ends_with("Tue 1 Dec")), "{latest:?}");
    world.assert_all_valid();
}
