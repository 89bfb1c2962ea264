//! Scheduled sends as people meet them: a zone change and the weekly recap, a snooze that keeps its practice,
//! a status that never shows a past instant, a re-run setup that keeps its place, and a member in New York in a
//! London server.

use chrono::{Duration, TimeZone, Utc};
use discord_standin::{Actor, ShownMessage, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID};
use serde_json::{json, Value};

use crate::helpers::*;

const MANAGE_GUILD: u64 = 1 << 5;
const ADMIN: u64 = 300_000_000_000_000_019;

fn admin() -> Actor {
    Actor::in_guild(ADMIN, "admin", DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
        .with_permissions(discord_standin::DEFAULT_MEMBER_PERMISSIONS | MANAGE_GUILD)
}

fn zone(name: &str) -> Value {
    json!([{ "type": 3, "name": "zone", "value": name }])
}

fn nudges_on(time: &str, zone: &str) -> Value {
    json!([{ "type": 1, "name": "on", "options": [
        { "type": 3, "name": "time", "value": time }, { "type": 3, "name": "timezone", "value": zone }
    ] }])
}

fn recap_on() -> Value {
    json!([{ "type": 1, "name": "recap", "options": [{ "type": 5, "name": "enabled", "value": true }] }])
}

fn setup(time: &str, zone: &str, focus: Option<&str>) -> Value {
    let mut options = vec![
        json!({ "type": 7, "name": "channel", "value": DEFAULT_CHANNEL_ID.to_string() }),
        json!({ "type": 3, "name": "time", "value": time }),
        json!({ "type": 3, "name": "timezone", "value": zone }),
    ];
    if let Some(f) = focus {
        options.push(json!({ "type": 3, "name": "focus", "value": f }));
    }
    json!([{ "type": 1, "name": "setup", "options": options }])
}

/// The weekly recaps in Alice's DM (scheduled sends carry a nonce; command answers do not).
fn recaps(world: &World) -> Vec<ShownMessage> {
    let title = content().nudges.messages.recap_title.clone();
    world
        .standin
        .dm_messages(ALICE)
        .into_iter()
        .filter(|m| m.raw.get("nonce").is_some_and(|n| !n.is_null()) && m.text().contains(&title))
        .collect()
}

/// Bot posts in the channel (not answers to commands).
fn posts(world: &World) -> Vec<ShownMessage> {
    world
        .standin
        .channel_messages(DEFAULT_CHANNEL_ID)
        .into_iter()
        .filter(|m| !m.ephemeral() && m.raw.get("interaction_metadata").is_none_or(Value::is_null))
        .collect()
}

async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

#[tokio::test]
async fn a_zone_change_moves_the_recap_and_never_brings_a_second_one_in_a_week() {
    let world = World::start().await;
    let alice = alice_in_dm();
    // Tuesday 1 December, 09:00 UTC. Alice is in Tokyo: her recap is Sunday 19:00 there (10:00 UTC).
    world.command(&alice, "timezone", zone("Asia/Tokyo")).await;
    world.command(&alice, "nudges", recap_on()).await;
    world.clock.set(Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap());
    wait_until("the recap arrives on Sunday evening in Tokyo", || recaps(&world).len() == 1).await;

    // She flies to New York on the same Sunday (05:00 there): her recap follows, next week's.
    let moved = world.command(&alice, "timezone", zone("America/New_York")).await;
    let recap_line = content().nudges.messages.zone_moves_recap.split('{').next().unwrap().to_owned();
    // Her own DM with the bot: the answer stays there, not ephemeral.
    assert!(!moved.ephemeral() && moved.text().contains(&recap_line), "{}", moved.text());
    assert!(moved.text().contains("America/New_York"), "{}", moved.text());
    // Sunday 19:00 in New York (Monday 00:00 UTC): the same local week, so no second recap.
    world.clock.set(Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).unwrap());
    settle().await;
    assert_eq!(recaps(&world).len(), 1, "one recap a local week");
    // The next Sunday at 19:00 New York time, not 18:00 or 05:00.
    world.clock.set(Utc.with_ymd_and_hms(2026, 12, 13, 23, 59, 0).unwrap());
    settle().await;
    assert_eq!(recaps(&world).len(), 1, "not before 19:00 in New York");
    world.clock.set(Utc.with_ymd_and_hms(2026, 12, 14, 0, 0, 0).unwrap());
    wait_until("the next recap arrives at 19:00 New York time", || recaps(&world).len() == 2).await;
    world.assert_all_valid();
}

#[tokio::test]
async fn a_zone_change_moves_the_nudge_and_says_when_it_comes() {
    let world = World::start().await;
    let alice = alice_in_dm();
    world.command(&alice, "nudges", nudges_on("20:00", "Europe/Berlin")).await;
    let moved = world.command(&alice, "timezone", zone("Europe/London")).await;
    let nudge_line = content().nudges.messages.zone_moves_nudge.split('{').next().unwrap().to_owned();
    assert!(moved.text().contains(&nudge_line), "{}", moved.text());
    // 20:00 in London is 20:00 UTC in December.
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 20, 0, 0).unwrap();
    assert!(moved.text().contains(&format!("<t:{}:R>", at.timestamp())), "{}", moved.text());
}

#[tokio::test]
async fn a_snoozed_nudge_keeps_its_practice_in_view_and_brings_the_same_one_back() {
    let world = World::start().await;
    let alice = alice_in_dm();
    world.command(&alice, "nudges", nudges_on("10:01", "Europe/Berlin")).await;
    // A first day, so the next nudge would rotate to another practice.
    world.clock.advance(Duration::minutes(1));
    wait_until("the first nudge", || world.standin.dm_messages(ALICE).len() >= 2).await;
    world.clock.advance(Duration::days(1));
    wait_until("the second nudge", || world.standin.dm_messages(ALICE).len() >= 3).await;
    // The send is recorded just after the DM goes out; a person's click comes later than that.
    for _ in 0..500 {
        if world.count("SELECT COUNT(*) FROM nudges WHERE last_sent_day = '2026-12-02'").await > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(world.count("SELECT COUNT(*) FROM nudges WHERE last_sent_day = '2026-12-02'").await, 1);
    let nudge = world.standin.dm_messages(ALICE).last().unwrap().clone();
    let practices = content().steps()[0].practices.clone();
    let shown = practices.iter().find(|p| nudge.text().contains(p.name.as_str())).unwrap().name.clone();
    let snoozed = updated(world.click(&alice, &nudge, "Snooze 1 hour").await);
    assert!(snoozed.text().contains(shown.as_str()), "what was snoozed stays in view: {}", snoozed.text());
    assert!(snoozed.text().contains("<t:"), "{}", snoozed.text());
    world.clock.advance(Duration::minutes(61));
    wait_until("the snoozed nudge comes back", || world.standin.dm_messages(ALICE).len() >= 4).await;
    let back = world.standin.dm_messages(ALICE).last().unwrap().clone();
    assert!(back.text().contains(shown.as_str()), "the same practice: {}", back.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn the_status_never_shows_a_past_instant() {
    let world = World::start().await;
    let alice = alice_in_dm();
    world.command(&alice, "nudges", nudges_on("10:30", "Europe/Berlin")).await;
    // The nudge is due and on its way (claimed, its answer not back yet).
    steady::on_pool!(world.app().store, |pool| {
        q::query("UPDATE nudges SET claimed_at = due_at").execute(pool).await.map(|_| ())
    })
    .unwrap();
    world.clock.advance(Duration::minutes(32));
    let status =
        world.command(&alice, "nudges", json!([{ "type": 1, "name": "status", "options": [] }])).await;
    assert_eq!(status.text(), content().nudges.messages.status_soon, "{}", status.text());
}

#[tokio::test]
async fn running_setup_again_keeps_the_guides_week_unless_the_focus_changes() {
    let world = World::start().await;
    let steps = content().steps().to_vec();
    // 09:00 UTC = 10:00 Berlin; the first post at 10:01, following the guide.
    let first = world.command(&admin(), "accountability", setup("10:01", "Europe/Berlin", None)).await;
    assert!(!first.text().contains(&content().groups.messages.setup_kept), "a first setup keeps nothing");
    world.clock.advance(Duration::minutes(1));
    wait_until("the first post", || posts(&world).len() == 1).await;
    assert!(posts(&world)[0].text().contains(&steps[0].title));
    // A week on, the guide is at step 2.
    for day in 2..=8 {
        world.clock.advance(Duration::days(1));
        wait_until("the day's post", || posts(&world).len() == day).await;
    }
    assert!(posts(&world)[7].text().contains(&steps[1].title), "{}", posts(&world)[7].text());
    // The post is recorded once Discord has it; the admin acts after that, as a person would.
    let recorded = "SELECT COUNT(*) FROM group_posts WHERE message_id != 0";
    for _ in 0..500 {
        if world.count(recorded).await == 8 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    // The admin moves the time: the guide stays at step 2.
    let moved = world.command(&admin(), "accountability", setup("18:00", "Europe/Berlin", None)).await;
    assert!(moved.text().contains(&content().groups.messages.setup_kept), "{}", moved.text());
    // Today's post went out already; tomorrow's comes at 18:00.
    world.clock.advance(Duration::hours(32));
    wait_until("the post at the new time", || posts(&world).len() == 9).await;
    assert!(posts(&world)[8].text().contains(&steps[1].title), "still step 2: {}", posts(&world)[8].text());

    // A new focus starts again.
    let refocused = world
        .command(&admin(), "accountability", setup("18:00", "Europe/Berlin", Some(&steps[3].slug)))
        .await;
    assert!(refocused.text().contains(&content().groups.messages.setup_restarted), "{}", refocused.text());
    let status = world
        .command(&admin(), "accountability", json!([{ "type": 1, "name": "status", "options": [] }]))
        .await;
    assert!(status.text().contains("Sunday at 19:00"), "the summary's day and time: {}", status.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_member_in_new_york_practises_on_her_own_day_in_a_london_server() {
    let world = World::start().await;
    // The server's day follows London; its post comes at 09:00 London.
    world.command(&admin(), "accountability", setup("09:00", "Europe/London", None)).await;
    world.clock.set(Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap());
    wait_until("Wednesday's post", || posts(&world).len() == 1).await;
    let post = posts(&world)[0].clone();
    let alice = alice_in_server();
    world.command(&alice, "timezone", zone("America/New_York")).await;
    // 19:30 on Wednesday in New York is 00:30 on Thursday in London; Thursday's post has not come yet.
    world.clock.set(Utc.with_ymd_and_hms(2026, 12, 3, 0, 30, 0).unwrap());
    let counted = updated(world.click(&alice, &post, "I practised today").await);
    assert!(counted.text().contains("**1** person"), "counted on the newest post: {}", counted.text());
    let day: String = steady::on_pool!(world.app().store, |pool| {
        q::query_scalar("SELECT CAST(practice_day AS TEXT) FROM practice_log WHERE user_id = ?")
            .bind(ALICE as i64)
            .fetch_one(pool)
            .await
    })
    .unwrap();
    assert_eq!(day, "2026-12-02", "her own Wednesday");
    world.assert_all_valid();
}

#[tokio::test]
async fn a_held_answer_for_one_person_does_not_delay_the_next_persons_nudge() {
    use discord_standin::{Fault, FaultKind};
    let world = World::start().await;
    world.command(&alice_in_server(), "nudges", nudges_on("10:01", "Europe/Berlin")).await;
    world.command(&bob_in_server(), "nudges", nudges_on("10:01", "Europe/Berlin")).await;
    // Alice's DM is answered only after 4 s (Discord slow for her); Bob's as usual.
    let alice_dm = world.standin.dm_channel_id(ALICE);
    world.standin.inject(
        Fault::new(&format!("^/channels/{alice_dm}/messages$"), 1, FaultKind::Slow { millis: 4_000 })
            .method("POST"),
    );
    let due = std::time::Instant::now();
    world.clock.advance(Duration::minutes(1));
    let has_nudge = |user: u64| {
        world.standin.dm_messages(user).iter().any(|m| m.raw.get("nonce").is_some_and(|n| !n.is_null()))
    };
    wait_until("Bob's nudge arrives", || has_nudge(BOB)).await;
    assert!(!has_nudge(ALICE), "Alice's answer is still held");
    assert!(due.elapsed() < std::time::Duration::from_secs(3), "Bob waited {:?}", due.elapsed());
    wait_until("Alice's nudge arrives once Discord answers", || has_nudge(ALICE)).await;
    world.assert_all_valid();
}
