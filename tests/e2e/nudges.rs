//! Daily nudges: turning them on, the DM arriving at the person's time, its buttons, and stopping.

use chrono::Duration;
use discord_standin::{Response, ShownMessage};
use serde_json::{json, Value};

use crate::helpers::*;

fn on(time: &str, zone: Option<&str>) -> Value {
    let mut options = vec![json!({ "type": 3, "name": "time", "value": time })];
    if let Some(z) = zone {
        options.push(json!({ "type": 3, "name": "timezone", "value": z }));
    }
    json!([{ "type": 1, "name": "on", "options": options }])
}

fn sub(name: &str) -> Value {
    json!([{ "type": 1, "name": name, "options": [] }])
}

/// The nudges in Alice's DM (they carry a nonce; command answers there do not).
fn nudges(world: &World) -> Vec<ShownMessage> {
    world
        .standin
        .dm_messages(ALICE)
        .into_iter()
        .filter(|m| m.raw.get("nonce").is_some_and(|n| !n.is_null()))
        .collect()
}

/// The clock starts at 2026-12-01 09:00 UTC, which is 10:00 in Berlin.
async fn nudge_arrives(world: &World, count: usize) -> ShownMessage {
    wait_until("the nudge arrives by DM", || nudges(world).len() >= count).await;
    nudges(world)[count - 1].clone()
}

#[tokio::test]
async fn a_nudge_for_a_minute_ahead_arrives_by_dm_and_done_logs_the_practice() {
    let world = World::start().await;
    let alice = alice_in_server();
    let confirm = world.command(&alice, "nudges", on("10:01", Some("Europe/Berlin"))).await;
    assert!(confirm.ephemeral(), "confirmed privately");
    assert!(confirm.text().contains("10:01") && confirm.text().contains("DM"), "{}", confirm.text());
    assert!(nudges(&world).is_empty(), "not yet");

    world.clock.advance(Duration::minutes(1));
    let nudge = nudge_arrives(&world, 1).await;
    let first_practice = content().steps()[0].practices[0].name.clone();
    assert!(nudge.text().contains(first_practice.as_str()), "{}", nudge.text());
    for label in ["Done ✓", "Snooze 1 hour", "Skip today", "Stop nudges"] {
        assert!(nudge.button_by_label(label).is_some(), "{label}");
    }
    let sent = world.standin.requests_matching("POST", r"^/channels/\d+/messages$");
    assert_eq!(sent.len(), 1);
    let body = sent[0].body.clone().unwrap();
    assert_eq!(body["enforce_nonce"], json!(true));
    assert!(body["nonce"].as_str().is_some_and(|n| n.len() <= 25));

    let done = updated(world.click(&alice_in_dm(), &nudge, "Done ✓").await);
    assert!(done.text().contains("Logged"), "{}", done.text());
    let day: String = steady::on_pool!(world.app().store, |pool| {
        q::query_scalar("SELECT CAST(practice_day AS TEXT) FROM practice_log").fetch_one(pool).await
    })
    .unwrap();
    assert_eq!(day, "2026-12-01", "dated to the day the nudge was for");
    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(progress.text().contains(first_practice.as_str()), "{}", progress.text());

    // Only one a day, however long the clock runs today.
    world.clock.advance(Duration::hours(10));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(nudges(&world).len(), 1);
    // Tomorrow's arrives with the next practice.
    world.clock.advance(Duration::hours(14));
    let second = nudge_arrives(&world, 2).await;
    assert!(second.text().contains(content().steps()[0].practices[1].name.as_str()), "{}", second.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn stop_nudges_stops_them() {
    let world = World::start().await;
    world.command(&alice_in_dm(), "nudges", on("10:01", Some("Europe/Berlin"))).await;
    world.clock.advance(Duration::minutes(1));
    let nudge = nudge_arrives(&world, 1).await;
    let stopped = updated(world.click(&alice_in_dm(), &nudge, "Stop nudges").await);
    assert!(stopped.text().contains("off"), "{}", stopped.text());
    world.clock.advance(Duration::days(3));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(nudges(&world).len(), 1, "nothing more");
    let status = world.command(&alice_in_dm(), "nudges", sub("status")).await;
    assert!(status.text().contains("off"), "{}", status.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn snooze_brings_it_back_an_hour_later_and_skip_waits_for_tomorrow() {
    let world = World::start().await;
    world.command(&alice_in_dm(), "nudges", on("10:01", Some("Europe/Berlin"))).await;
    world.clock.advance(Duration::minutes(1));
    let nudge = nudge_arrives(&world, 1).await;
    let snoozed = updated(world.click(&alice_in_dm(), &nudge, "Snooze 1 hour").await);
    assert!(snoozed.text().contains("<t:"), "{}", snoozed.text());
    world.clock.advance(Duration::minutes(61));
    let again = nudge_arrives(&world, 2).await;
    let skipped = updated(world.click(&alice_in_dm(), &again, "Skip today").await);
    assert!(skipped.text().contains("<t:"), "{}", skipped.text());
    world.clock.advance(Duration::hours(12));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(nudges(&world).len(), 2, "nothing more today");
    world.clock.advance(Duration::hours(12));
    nudge_arrives(&world, 3).await;
}

#[tokio::test]
async fn bad_times_and_zones_get_a_clear_message_with_an_example() {
    let world = World::start().await;
    let alice = alice_in_server();
    let bad_time = world.command(&alice, "nudges", on("quarter past", Some("Europe/Berlin"))).await;
    assert!(bad_time.ephemeral() && bad_time.text().contains("8pm"), "{}", bad_time.text());
    let bad_zone = world.command(&alice, "nudges", on("8pm", Some("Mars/Olympus"))).await;
    assert!(bad_zone.text().contains("Europe/Berlin"), "{}", bad_zone.text());
    let no_zone = world.command(&alice, "nudges", on("8pm", None)).await;
    assert!(no_zone.text().contains("timezone:"), "{}", no_zone.text());
    let pause = world
        .command(
            &alice,
            "nudges",
            json!([{ "type": 1, "name": "pause", "options": [{ "type": 4, "name": "days", "value": 99 }] }]),
        )
        .await;
    assert!(pause.text().contains("1 to 30"), "{}", pause.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM nudges").await, 0);
    world.assert_all_valid();
}

#[tokio::test]
async fn time_zones_autocomplete_from_city_names() {
    let world = World::start().await;
    let alice = alice_in_server();
    let options = json!([{ "type": 1, "name": "on", "options": [
        { "type": 3, "name": "time", "value": "8pm" },
        { "type": 3, "name": "timezone", "value": "new york", "focused": true }
    ] }]);
    let typing = world.standin.autocomplete(&alice, "nudges", options).await;
    match world.response(&typing).await {
        Response::Autocomplete(choices) => {
            assert!(!choices.is_empty() && choices.len() <= 25);
            assert_eq!(choices[0].value, json!("America/New_York"));
        }
        other => panic!("{other:?}"),
    }
    world.assert_all_valid();
}

#[tokio::test]
async fn a_city_typed_without_the_list_is_taken_and_an_abbreviation_is_asked_about() {
    let world = World::start().await;
    let alice = alice_in_server();
    let zone = |z: &str| json!([{ "type": 3, "name": "zone", "value": z }]);
    // "berlin", sent without picking from autocomplete (as on a phone), is the one zone with that city.
    let set = world.command(&alice, "timezone", zone("berlin")).await;
    assert!(set.ephemeral() && set.text().contains("Europe/Berlin"), "{}", set.text());
    let stored = "SELECT COUNT(*) FROM people WHERE time_zone = 'Europe/Berlin'";
    assert_eq!(world.count(stored).await, 1);

    // "EST" keeps one offset all year: asked about, not stored, with a button for the zone meant.
    let asked = world.command(&alice, "timezone", zone("EST")).await;
    assert!(asked.ephemeral(), "{}", asked.text());
    assert!(asked.text().contains("America/New_York") && asked.text().contains("EST"), "{}", asked.text());
    assert_eq!(world.count(stored).await, 1, "nothing changed yet");
    let chosen = updated(world.click(&alice, &asked, "Use America/New_York").await);
    assert!(chosen.text().contains("America/New_York"), "{}", chosen.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM people WHERE time_zone = 'America/New_York'").await, 1);

    // In /nudges on it says how to run it again, and sets nothing.
    let again = world.command(&alice, "nudges", on("8pm", Some("cet"))).await;
    assert!(again.text().contains("Europe/Berlin") && again.text().contains("again"), "{}", again.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM nudges").await, 0);
    world.assert_all_valid();
}

#[tokio::test]
async fn closed_dms_turn_nudges_off_and_the_next_command_says_why() {
    let world = World::start().await;
    let alice = alice_in_server();
    world.command(&alice, "nudges", on("10:01", Some("Europe/Berlin"))).await;
    world.standin.user_blocks_dms(ALICE);
    world.clock.advance(Duration::minutes(1));
    wait_until("nudges turn off", || {
        world.standin.requests().iter().any(|r| r.status == 403 && r.path.contains("/messages"))
    })
    .await;
    wait_until_async(&world, "SELECT COUNT(*) FROM nudges WHERE enabled = FALSE").await;
    let next = world.command(&alice, "progress", json!([])).await;
    assert!(next.text().contains("privacy settings"), "{}", next.text());
    let after = world.command(&alice, "progress", json!([])).await;
    assert!(!after.text().contains("privacy settings"), "told once");
}

#[tokio::test]
async fn status_shows_the_next_nudge_in_local_time_and_as_a_relative_timestamp() {
    let world = World::start().await;
    let alice = alice_in_server();
    world.command(&alice, "nudges", on("8:30 pm", Some("europe/berlin"))).await;
    let status = world.command(&alice, "nudges", sub("status")).await;
    assert!(status.text().contains("20:30") && status.text().contains(":R>"), "{}", status.text());
    let paused = world
        .command(
            &alice,
            "nudges",
            json!([{ "type": 1, "name": "pause", "options": [{ "type": 4, "name": "days", "value": 3 }] }]),
        )
        .await;
    assert!(paused.text().contains("3 days"), "{}", paused.text());
    let status = world.command(&alice, "nudges", sub("status")).await;
    assert!(status.text().contains("4 December"), "resumes by itself after three days: {}", status.text());
    assert!(
        status.text().contains("paused through Thursday 3 December"),
        "says until when: {}",
        status.text()
    );
}

#[tokio::test]
async fn a_later_time_after_todays_nudge_says_the_next_one_is_tomorrow() {
    let world = World::start().await;
    let alice = alice_in_server();
    world.command(&alice, "nudges", on("10:01", Some("Europe/Berlin"))).await;
    world.clock.advance(Duration::minutes(1));
    nudge_arrives(&world, 1).await;
    wait_until_async(&world, "SELECT COUNT(*) FROM nudges WHERE last_sent_day IS NOT NULL").await;
    // 10:02 in Berlin; 21:00 is still ahead today, but today's nudge has come.
    let later = world.command(&alice, "nudges", on("9pm", None)).await;
    let said = &content().nudges.messages.on_today_done;
    assert!(later.text().contains(said.as_str()), "{}", later.text());
    // A time already past today needs no such word: tomorrow is plain.
    let earlier = world.command(&alice, "nudges", on("7am", None)).await;
    assert!(!earlier.text().contains(said.as_str()), "{}", earlier.text());
}

async fn wait_until_async(world: &World, sql: &str) {
    for _ in 0..500 {
        if world.count(sql).await > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("timed out waiting for {sql}");
}

#[tokio::test]
async fn a_resent_nudge_with_the_same_nonce_shows_once() {
    use serenity::all::{ChannelId, CreateMessage, HttpBuilder, Nonce};
    let world = World::start().await;
    let http =
        HttpBuilder::new("test-token").proxy(world.standin.api_base()).ratelimiter_disabled(true).build();
    let channel = ChannelId::new(world.standin.dm_channel_id(ALICE));
    let send = || {
        CreateMessage::new()
            .content("Today's small practice")
            .nonce(Nonce::String("n0123456789abcdef".into()))
            .enforce_nonce(true)
    };
    let first = channel.send_message(&http, send()).await.unwrap();
    let second = channel.send_message(&http, send()).await.unwrap();
    assert_eq!(first.id, second.id, "Discord returns the first message");
    assert_eq!(world.standin.dm_messages(ALICE).len(), 1);
    world.assert_all_valid();
}

#[tokio::test]
async fn rate_limits_and_server_errors_end_in_exactly_one_nudge() {
    use discord_standin::{Fault, FaultKind};
    let world = World::start().await;
    world.command(&alice_in_server(), "nudges", on("10:01", Some("Europe/Berlin"))).await;
    let path = r"^/channels/\d+/messages$";
    world.standin.inject(
        Fault::new(path, 1, FaultKind::RateLimited { retry_after_secs: 0.2, global: true }).method("POST"),
    );
    world.standin.inject(Fault::new(path, 1, FaultKind::ServerError(502)).method("POST"));
    world.clock.advance(Duration::minutes(1));
    nudge_arrives(&world, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(nudges(&world).len(), 1, "exactly one delivery");
    let statuses = world.standin.count_statuses("POST", path);
    assert_eq!((statuses.get(&429), statuses.get(&502), statuses.get(&200)), (Some(&1), Some(&1), Some(&1)));
    world.assert_all_valid();
}

#[tokio::test]
async fn the_weekly_recap_is_opted_into_and_arrives_on_sunday_evening() {
    use chrono::TimeZone;
    let world = World::start().await;
    let recap =
        json!([{ "type": 1, "name": "recap", "options": [{ "type": 5, "name": "enabled", "value": true }] }]);
    let no_zone = world.command(&alice_in_server(), "nudges", recap.clone()).await;
    assert!(no_zone.text().contains("timezone:"), "{}", no_zone.text());
    world
        .command(
            &alice_in_server(),
            "timezone",
            json!([{ "type": 3, "name": "zone", "value": "Europe/Berlin" }]),
        )
        .await;
    let on = world.command(&alice_in_server(), "nudges", recap).await;
    assert!(on.ephemeral() && on.text().contains("Sunday"), "{}", on.text());
    world.clock.set(chrono::Utc.with_ymd_and_hms(2026, 12, 6, 18, 0, 0).unwrap());
    wait_until("the recap arrives", || {
        world.standin.dm_messages(ALICE).iter().any(|m| m.text().contains("A quiet week"))
    })
    .await;
    // An empty week is said kindly, without a row of zeros.
    let recap =
        world.standin.dm_messages(ALICE).into_iter().find(|m| m.text().contains("A quiet week")).unwrap();
    assert!(!recap.text().contains("**0**") && !recap.text().contains("streak"), "{}", recap.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn the_first_nudge_after_a_pause_says_the_pause_is_over_and_the_next_does_not() {
    let world = World::start().await;
    let alice = alice_in_server();
    world.command(&alice, "nudges", on("10:01", Some("Europe/Berlin"))).await;
    let pause =
        json!([{ "type": 1, "name": "pause", "options": [{ "type": 4, "name": "days", "value": 1 }] }]);
    world.command(&alice, "nudges", pause).await;
    world.clock.advance(Duration::minutes(2));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(nudges(&world).is_empty(), "nothing during the pause");
    world.clock.advance(Duration::days(1));
    let back = nudge_arrives(&world, 1).await;
    let said = &content().nudges.messages.resumed;
    assert!(back.content.contains(said.as_str()), "{}", back.text());
    wait_until_async(
        &world,
        "SELECT COUNT(*) FROM nudges WHERE last_sent_day IS NOT NULL AND paused_through IS NULL",
    )
    .await;
    world.clock.advance(Duration::days(1));
    let next = nudge_arrives(&world, 2).await;
    assert!(!next.text().contains(said.as_str()), "{}", next.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn finishing_all_eight_steps_is_acknowledged_and_the_step_nudges_follow_can_be_chosen() {
    let world = World::start().await;
    let alice = alice_in_server();
    let n = content().nudges.messages;
    for (i, slug) in step_slugs().iter().enumerate() {
        let shown = world.step(&alice, slug, false).await;
        let done = updated(world.click(&alice, &shown, "Mark step complete").await);
        let last = i + 1 == step_slugs().len();
        assert_eq!(done.text().contains(n.all_steps_done.as_str()), last, "step {}: {}", i + 1, done.text());
        if last {
            assert!(done.text().contains(n.all_steps_next.as_str()), "{}", done.text());
        }
    }
    world.command(&alice, "nudges", on("10:01", Some("Europe/Berlin"))).await;
    let follow = |value: &str| json!([{ "type": 1, "name": "step", "options": [{ "type": 3, "name": "follow", "value": value }] }]);
    let chosen = world.command(&alice, "nudges", follow("repair")).await;
    let repair = content().step("repair").unwrap().clone();
    assert!(chosen.ephemeral() && chosen.text().contains(&repair.title), "{}", chosen.text());
    let status = world.command(&alice, "nudges", sub("status")).await;
    assert!(status.text().contains(&format!("{}. {}", repair.number, repair.title)), "{}", status.text());
    world.clock.advance(Duration::minutes(1));
    let nudge = nudge_arrives(&world, 1).await;
    assert!(nudge.text().contains(&repair.title), "the chosen step: {}", nudge.text());
    // A choice Discord would not offer is refused kindly and changes nothing.
    let refused = world.command(&alice, "nudges", follow("nonsense")).await;
    assert!(!refused.text().contains(&repair.title) && refused.ephemeral(), "{}", refused.text());
    let kept: Option<String> = steady::on_pool!(world.app().store, |pool| {
        q::query_scalar("SELECT nudge_follow FROM people").fetch_one(pool).await
    })
    .unwrap();
    assert_eq!(kept.as_deref(), Some("repair"));
    let first = world.command(&alice, "nudges", follow("first")).await;
    assert_eq!(first.text().trim(), n.follow_first_open.trim());
    world.assert_all_valid();
}
