//! Group accountability channels, as a server admin and its members see them.

use chrono::{Duration, TimeZone, Utc};
use discord_standin::{
    Actor, GuildSpec, Response, ShownMessage, StandInConfig, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID,
};
use serde_json::{json, Value};

use crate::helpers::*;

const MANAGE_GUILD: u64 = 1 << 5;
const EMBED_LINKS: u64 = 1 << 14;
const ADMIN: u64 = 300_000_000_000_000_009;

fn admin() -> Actor {
    Actor::in_guild(ADMIN, "admin", DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
        .with_permissions(discord_standin::DEFAULT_MEMBER_PERMISSIONS | MANAGE_GUILD)
}

fn setup(channel: u64, time: &str, extra: &[(&str, &str)]) -> Value {
    let mut options = vec![
        json!({ "type": 7, "name": "channel", "value": channel.to_string() }),
        json!({ "type": 3, "name": "time", "value": time }),
        json!({ "type": 3, "name": "timezone", "value": "Europe/Berlin" }),
    ];
    for (name, value) in extra {
        options.push(json!({ "type": 3, "name": name, "value": value }));
    }
    json!([{ "type": 1, "name": "setup", "options": options }])
}

fn sub(name: &str) -> Value {
    json!([{ "type": 1, "name": name, "options": [] }])
}

/// What the bot posted in the channel by itself (not answers to commands).
fn posts(world: &World, channel: u64) -> Vec<ShownMessage> {
    world
        .standin
        .channel_messages(channel)
        .into_iter()
        .filter(|m| !m.ephemeral() && m.raw.get("interaction_metadata").is_none_or(Value::is_null))
        .collect()
}

async fn post_arrives(world: &World, channel: u64, count: usize) -> ShownMessage {
    wait_until("the post arrives", || posts(world, channel).len() >= count).await;
    posts(world, channel)[count - 1].clone()
}

#[tokio::test]
async fn an_admin_sets_up_the_channel_and_a_member_cannot() {
    let world = World::start().await;
    let registered = world.standin.registered_commands(None).unwrap();
    let accountability =
        registered.as_array().unwrap().iter().find(|c| c["name"] == "accountability").unwrap();
    assert_eq!(accountability["default_member_permissions"], json!(MANAGE_GUILD.to_string()));
    assert_eq!(accountability["contexts"], json!([0]));

    let refused =
        world.command(&alice_in_server(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    assert!(refused.ephemeral() && refused.text().contains("manage this server"), "{}", refused.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM groups").await, 0);

    let done = world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    assert!(done.ephemeral(), "confirmed privately");
    assert!(
        done.text().contains(&format!("<#{DEFAULT_CHANNEL_ID}>")) && done.text().contains("10:01"),
        "{}",
        done.text()
    );
    let status = world.command(&admin(), "accountability", sub("status")).await;
    assert!(status.text().contains("Europe/Berlin"), "{}", status.text());
    // The confirmation names the summary day and time chosen, not a default.
    let chosen =
        setup(DEFAULT_CHANNEL_ID, "10:01", &[("summary_day", "wednesday"), ("summary_time", "6:30pm")]);
    let again = world.command(&admin(), "accountability", chosen).await;
    assert!(again.text().contains("every Wednesday at 18:30"), "{}", again.text());
    assert!(!again.text().contains("Sunday"), "{}", again.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_missing_permission_is_named() {
    let world = World::start().await;
    world.standin.deny_in_channel(DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID, EMBED_LINKS);
    let reply = world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    assert!(reply.text().contains("Embed Links"), "{}", reply.text());
    assert!(!reply.text().contains("Send Messages"), "only what is missing: {}", reply.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM groups").await, 0);
}

#[tokio::test]
async fn the_daily_post_arrives_and_each_click_counts_once_and_edits_the_count() {
    let world = World::start().await;
    world
        .command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[("focus", "repair")]))
        .await;
    assert!(posts(&world, DEFAULT_CHANNEL_ID).is_empty());
    world.clock.advance(Duration::minutes(1));
    let post = post_arrives(&world, DEFAULT_CHANNEL_ID, 1).await;
    assert!(!post.ephemeral());
    assert!(post.text().contains(&content().step("repair").unwrap().title), "{}", post.text());
    assert!(post.text().contains("Be the first"), "{}", post.text());

    let alice = alice_in_server();
    let interaction = world
        .standin
        .click(&alice, &post, &post.button_by_label("I practised today").unwrap().custom_id)
        .await;
    let shown = updated(world.response(&interaction).await);
    assert!(shown.text().contains("**1** person practised today"), "{}", shown.text());
    wait_until("the private word follows", || !world.standin.followups(&interaction).is_empty()).await;
    let told = world.standin.followups(&interaction);
    assert!(told.iter().any(|m| m.ephemeral() && m.text().contains("Counted")), "{told:?}");

    let again = message_of(world.click(&alice, &shown, "I practised today").await);
    assert!(again.ephemeral() && again.text().contains("already counted"), "{}", again.text());
    let by_bob = updated(world.click(&bob_in_server(), &shown, "I practised today").await);
    assert!(by_bob.text().contains("**2** people practised today"), "{}", by_bob.text());
    assert_eq!(posts(&world, DEFAULT_CHANNEL_ID).len(), 1, "edited, never posted again");

    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(
        progress.text().contains("practices logged: 1"),
        "the check-in is in her own progress: {}",
        progress.text()
    );
    world.assert_all_valid();
}

#[tokio::test]
async fn a_reflection_is_posted_only_when_chosen_and_never_with_crisis_words() {
    let world = World::start().await;
    world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    world.clock.advance(Duration::minutes(1));
    let post = post_arrives(&world, DEFAULT_CHANNEL_ID, 1).await;
    let alice = alice_in_server();
    let modal = match world.click(&alice, &post, "Share a reflection").await {
        Response::Modal(m) => m,
        other => panic!("{other:?}"),
    };
    assert!(modal.title.chars().count() <= 45);
    let submitted = world
        .standin
        .submit_modal(&alice, &modal, &[("reflection", "Asking for a hug felt scary, and it went well.")])
        .await;
    let thanks = message_of(world.response(&submitted).await);
    assert!(thanks.ephemeral());
    let shared = post_arrives(&world, DEFAULT_CHANNEL_ID, 2).await;
    assert!(
        shared.text().contains("Asking for a hug felt scary") && shared.text().contains("alice"),
        "{}",
        shared.text()
    );
    assert_eq!(shared.raw["mentions"], json!([]));

    let worried =
        world.standin.submit_modal(&alice, &modal, &[("reflection", "honestly I want to die")]).await;
    let care = message_of(world.response(&worried).await);
    assert!(care.ephemeral() && care.text().contains("findahelpline.com"), "{}", care.text());
    assert!(care.text().contains("I haven't posted this in the channel."), "{}", care.text());
    assert!(!care.text().contains("Shared in the channel"), "{}", care.text());
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(posts(&world, DEFAULT_CHANNEL_ID).len(), 2, "crisis words are never posted");

    // Worry for a friend is shared as written, and how to help her is told privately.
    let friend = "My friend told me she wants to kill herself";
    let shared = world.standin.submit_modal(&alice, &modal, &[("reflection", friend)]).await;
    let help = message_of(world.response(&shared).await);
    assert!(
        help.ephemeral() && help.text().contains(&content().safety.someone_else_title),
        "{}",
        help.text()
    );
    assert!(post_arrives(&world, DEFAULT_CHANNEL_ID, 3).await.text().contains(friend));
    world.assert_all_valid();
}

#[tokio::test]
async fn the_weekly_summary_counts_days_the_streak_and_only_opted_in_names() {
    let world = World::start().await;
    world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    world
        .command(&alice_in_server(), "shoutouts", json!([{ "type": 5, "name": "enabled", "value": true }]))
        .await;
    // Tuesday to Sunday: posts on six days; Alice checks in on three, Bob on one.
    let mut shown = Vec::new();
    for day in 0..5 {
        world.clock.advance(Duration::minutes(1));
        let post = post_arrives(&world, DEFAULT_CHANNEL_ID, day + 1).await;
        if day >= 2 {
            updated(world.click(&alice_in_server(), &post, "I practised today").await);
        }
        if day == 4 {
            updated(world.click(&bob_in_server(), &post, "I practised today").await);
        }
        shown.push(post);
        world.clock.advance(Duration::days(1) - Duration::minutes(1));
    }
    // Sunday 6 December, 19:00 in Berlin.
    world.clock.set(Utc.with_ymd_and_hms(2026, 12, 6, 18, 0, 0).unwrap());
    wait_until("the summary arrives", || {
        posts(&world, DEFAULT_CHANNEL_ID).iter().any(|m| m.text().contains("This week"))
    })
    .await;
    let summary =
        posts(&world, DEFAULT_CHANNEL_ID).into_iter().find(|m| m.text().contains("This week")).unwrap();
    let text = summary.text();
    assert!(text.contains("**3** days in a row"), "{text}");
    assert!(text.contains(&format!("<@{ALICE}>")), "{text}");
    assert!(!text.contains(&format!("<@{BOB}>")), "Bob did not opt in: {text}");
    assert_eq!(summary.raw["mentions"], json!([]), "names without pings");
    world.assert_all_valid();
}

#[tokio::test]
async fn two_servers_keep_their_own_channel_time_and_counts() {
    const GUILD_2: u64 = 1_150_000_000_000_000_200;
    const CHANNEL_2: u64 = 1_150_000_000_000_000_201;
    let config = StandInConfig::default()
        .guild(GuildSpec::new(GUILD_2, "Second Server").channel(CHANNEL_2, "practice"));
    let world = World::start_with(config).await;
    let admin_2 = Actor::in_guild(ADMIN, "admin", GUILD_2, CHANNEL_2)
        .with_permissions(discord_standin::DEFAULT_MEMBER_PERMISSIONS | MANAGE_GUILD);
    world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    world.command(&admin_2, "accountability", setup(CHANNEL_2, "10:05", &[])).await;
    world.clock.advance(Duration::minutes(1));
    let first = post_arrives(&world, DEFAULT_CHANNEL_ID, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(posts(&world, CHANNEL_2).is_empty(), "the second server's time has not come");
    updated(world.click(&alice_in_server(), &first, "I practised today").await);
    world.clock.advance(Duration::minutes(4));
    let second = post_arrives(&world, CHANNEL_2, 1).await;
    assert!(second.text().contains("Be the first"), "counts are per server: {}", second.text());
    assert_eq!(posts(&world, DEFAULT_CHANNEL_ID).len(), 1);
    world.assert_all_valid();
}

#[tokio::test]
async fn a_deleted_channel_pauses_the_setup_and_an_admin_is_told() {
    let world = World::start().await;
    world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    world.standin.delete_channel(DEFAULT_CHANNEL_ID);
    world.clock.advance(Duration::minutes(1));
    for _ in 0..200 {
        if world.count("SELECT COUNT(*) FROM groups WHERE enabled = FALSE").await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(world.count("SELECT COUNT(*) FROM groups WHERE enabled = FALSE").await, 1);
    let status = world.command(&admin(), "accountability", sub("status")).await;
    assert!(status.text().contains("channel was deleted"), "{}", status.text());
}

#[tokio::test]
async fn the_post_keeps_its_local_time_across_a_daylight_saving_change() {
    let world = World::start().await;
    // Saturday 28 March 2026, 07:30 in Berlin (CET, UTC+1); clocks go forward that night.
    world.clock.set(Utc.with_ymd_and_hms(2026, 3, 28, 6, 30, 0).unwrap());
    world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "08:00", &[])).await;
    world.clock.set(Utc.with_ymd_and_hms(2026, 3, 28, 7, 0, 0).unwrap());
    post_arrives(&world, DEFAULT_CHANNEL_ID, 1).await;
    // Sunday 08:00 in Berlin is now 06:00 UTC (CEST, UTC+2).
    world.clock.set(Utc.with_ymd_and_hms(2026, 3, 29, 5, 59, 0).unwrap());
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    assert_eq!(posts(&world, DEFAULT_CHANNEL_ID).len(), 1);
    world.clock.set(Utc.with_ymd_and_hms(2026, 3, 29, 6, 0, 0).unwrap());
    post_arrives(&world, DEFAULT_CHANNEL_ID, 2).await;
}

#[tokio::test]
async fn removed_from_a_server_its_data_goes_after_the_grace_period() {
    let world = World::start().await;
    world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    world
        .standin
        .dispatch("GUILD_DELETE", json!({ "id": DEFAULT_GUILD_ID.to_string(), "unavailable": false }))
        .await;
    for _ in 0..200 {
        if world.count("SELECT COUNT(*) FROM groups WHERE removed_at IS NOT NULL").await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    world.clock.advance(Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    assert!(posts(&world, DEFAULT_CHANNEL_ID).is_empty(), "no posts once removed");
    world.clock.advance(Duration::days(8));
    for _ in 0..200 {
        if world.count("SELECT COUNT(*) FROM groups").await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(world.count("SELECT COUNT(*) FROM groups").await, 0);
}

#[tokio::test]
async fn losing_permission_to_post_pauses_the_setup_and_says_why() {
    let world = World::start().await;
    world.command(&admin(), "accountability", setup(DEFAULT_CHANNEL_ID, "10:01", &[])).await;
    world.standin.deny_in_channel(DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID, 1 << 11);
    world.clock.advance(Duration::minutes(1));
    for _ in 0..200 {
        if world.count("SELECT COUNT(*) FROM groups WHERE enabled = FALSE").await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let status = world.command(&admin(), "accountability", sub("status")).await;
    assert!(status.text().contains("lost permission"), "{}", status.text());
    assert_eq!(status.text().matches("lost permission").count(), 1, "said once: {}", status.text());
    // Told once at the top; the status itself keeps saying it while paused.
    let off = world.command(&admin(), "accountability", sub("off")).await;
    assert!(!off.text().contains("lost permission"), "{}", off.text());
}
