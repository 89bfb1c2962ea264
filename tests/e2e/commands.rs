//! Registration and every command, as a person in a server sees them.

use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn commands_are_registered_once_globally_with_valid_bodies() {
    let world = World::start().await;
    let commands = world.standin.registered_commands(None).expect("a global bulk overwrite");
    let names: Vec<&str> = commands.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    // Registered as the registry lists them, once each.
    assert_eq!(names, steady::discord::commands::names().collect::<Vec<_>>());
    assert_eq!(names.len(), 15);

    let step = commands.as_array().unwrap().iter().find(|c| c["name"] == "step").unwrap();
    let subcommands: Vec<&str> =
        step["options"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(subcommands, step_slugs());
    for command in commands.as_array().unwrap() {
        assert!(total_chars(command) <= 8000);
        if ["accountability", "shoutouts"].contains(&command["name"].as_str().unwrap()) {
            // Server features: in servers only, installed to a server.
            assert_eq!(command["contexts"], json!([0]), "{}", command["name"]);
            assert_eq!(command["integration_types"], json!([0]), "{}", command["name"]);
            continue;
        }
        // Usable in servers, the bot's DM and other DMs; installable to a server and to a person.
        assert_eq!(command["contexts"], json!([0, 1, 2]), "{}", command["name"]);
        assert_eq!(command["integration_types"], json!([0, 1]), "{}", command["name"]);
    }
    let puts = world.standin.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 1, "one bulk overwrite");
    world.assert_all_valid();
}

/// Discord's 8000-character budget per command: names, descriptions and choices, counted together.
fn total_chars(v: &Value) -> usize {
    let own = ["name", "description"]
        .iter()
        .filter_map(|k| v[k].as_str())
        .map(|s| s.chars().count())
        .sum::<usize>();
    own + v["options"].as_array().map_or(0, |o| o.iter().map(total_chars).sum())
        + v["choices"].as_array().map_or(0, |c| c.iter().map(total_chars).sum())
}

#[tokio::test]
async fn a_dev_guild_gets_the_commands_instead_of_the_global_scope() {
    let mut world = World::start().await;
    world.stop_bot().await;
    let mut config = world.config();
    config.dev_guild_id = Some(discord_standin::DEFAULT_GUILD_ID);
    let bot = steady::discord::launch(&config, std::sync::Arc::new(world.clock.clone())).await.unwrap();
    wait_until("guild commands are registered", || {
        world.standin.registered_commands(Some(discord_standin::DEFAULT_GUILD_ID)).is_some()
    })
    .await;
    let commands = world.standin.registered_commands(Some(discord_standin::DEFAULT_GUILD_ID)).unwrap();
    assert_eq!(commands.as_array().unwrap().len(), 15);
    // Contexts and install types belong to global commands only.
    assert!(commands[0].get("contexts").is_none_or(Value::is_null));
    bot.shutdown().await;
    world.assert_all_valid();
}

#[tokio::test]
async fn every_step_subcommand_shows_its_step_privately() {
    let world = World::start().await;
    let content = content();
    for step in content.steps() {
        let shown = world.step(&alice_in_server(), &step.slug, false).await;
        assert!(shown.ephemeral(), "/step {} is private in a server", step.slug);
        let text = shown.text();
        assert!(text.contains(&step.title), "{text}");
        assert!(text.contains(step.what.trim()), "{text}");
        for practice in &step.practices {
            assert!(text.contains(&practice.name), "/step {} lists {:?}", step.slug, practice.name);
        }
        assert!(shown.button_by_label("I did a practice").is_some());
        assert!(shown.button_by_label("Mark step complete").is_some());
    }
    world.assert_all_valid();
}

#[tokio::test]
async fn guide_strategies_support_and_help_answer_with_their_content() {
    let world = World::start().await;
    let content = content();
    let alice = alice_in_server();

    let guide = world.command(&alice, "guide", json!([])).await;
    assert!(guide.ephemeral());
    assert!(guide.text().contains(&content.guide.opening.title));
    for takeaway in &content.guide.opening.takeaways {
        assert!(guide.text().contains(takeaway.as_str()));
    }
    let step_buttons = guide.buttons().iter().filter(|b| b.custom_id.contains(":open:")).count();
    assert_eq!(step_buttons, 8, "a button for each step");
    // As the guide does, it invites to the quiz, and points to the strategies and support.
    let m = &content.ui.messages;
    assert!(
        guide.text().contains("2-minute quiz") && guide.text().contains("/strategies"),
        "{}",
        guide.text()
    );
    let quiz = message_of(world.click(&alice, &guide, &m.guide_quiz_button).await);
    assert!(quiz.ephemeral() && quiz.text().contains("Question 1 of 12"), "{}", quiz.text());
    let more = message_of(world.click(&alice, &guide, &m.guide_strategies_button).await);
    assert!(more.text().contains(&content.strategies.strategies[0].name), "{}", more.text());
    let help = message_of(world.click(&alice, &guide, &m.guide_support_button).await);
    assert!(help.text().contains("findahelpline.com"), "{}", help.text());

    let strategies = world.command(&alice, "strategies", json!([])).await;
    for s in &content.strategies.strategies {
        assert!(strategies.text().contains(&s.name));
    }

    let support = world.command(&alice, "support", json!([])).await;
    assert!(support.ephemeral());
    assert!(support.text().contains("findahelpline.com"));
    assert!(support.text().contains("988"));
    assert!(support.text().contains(content.support.disclaimer.text.trim()));

    let help = world.command(&alice, "help", json!([])).await;
    // Every command Discord was given, with its subcommands and its description, from the same registry.
    let registered = world.standin.registered_commands(None).expect("registered");
    for command in registered.as_array().unwrap() {
        let name = command["name"].as_str().unwrap();
        assert!(help.text().contains(&format!("`/{name}")), "/help lists /{name}: {}", help.text());
        assert!(help.text().contains(command["description"].as_str().unwrap()), "{name}'s description");
        for sub in command["options"].as_array().into_iter().flatten().filter(|o| o["type"] == 1) {
            assert!(help.text().contains(sub["name"].as_str().unwrap()), "/{name} {}", sub["name"]);
        }
    }
    // What is kept, truly: not only steps and practices.
    for kept in ["quiz answers", "check-ins", "journal", "time zone", "/mydata"] {
        assert!(help.text().contains(kept), "/help says it keeps {kept}: {}", help.text());
    }
    assert!(
        help.text().contains("A partner never sees your quiz, journal, check-ins or reflections"),
        "/help says what a partner never sees: {}",
        help.text()
    );
    assert!(help.text().contains(content.support.disclaimer.text.trim()));
    world.assert_all_valid();
}

#[tokio::test]
async fn sharing_posts_in_the_channel_without_personal_state() {
    let world = World::start().await;
    let alice = alice_in_server();
    let shared = world.step(&alice, "self-trust", true).await;
    assert!(!shared.ephemeral(), "share:true posts for everyone");
    let guide = world.command(&alice, "guide", json!([{ "type": 5, "name": "share", "value": true }])).await;
    assert!(!guide.ephemeral());
    world.assert_all_valid();
}

#[tokio::test]
async fn an_unknown_command_gets_a_clear_private_answer() {
    let world = World::start().await;
    let shown = world.command(&alice_in_server(), "meditate", json!([])).await;
    assert!(shown.ephemeral());
    assert!(shown.text().contains("/guide"), "{}", shown.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn private_answers_are_ephemeral_where_others_read_along_and_stay_in_the_own_dm() {
    let world = World::start().await;
    // A DM between Alice and Bob, the bot installed to Alice: Bob reads whatever is not ephemeral.
    let with_bob = alice_in_dm().at(discord_standin::Place::PrivateChannel {
        channel_id: 700_000_000_000_000_001,
        other_user_id: BOB,
    });
    let share = json!([{ "type": 5, "name": "share", "value": true }]);
    let asked: [(&str, Value); 6] = [
        ("progress", json!([])),
        ("mydata", json!([{ "type": 1, "name": "show", "options": [] }])),
        ("nudges", json!([{ "type": 1, "name": "status", "options": [] }])),
        ("step", json!([{ "type": 1, "name": "repair", "options": [] }])),
        ("quiz", json!([{ "type": 1, "name": "history", "options": [] }])),
        // `share` posts only in a server's channel.
        ("guide", share),
    ];
    for (name, options) in &asked {
        let shown = world.command(&with_bob, name, options.clone()).await;
        assert!(shown.ephemeral(), "/{name} in a DM between people is for Alice alone");
    }
    // A button on that ephemeral answer answers in place, still for Alice alone.
    let step =
        world.command(&with_bob, "step", json!([{ "type": 1, "name": "repair", "options": [] }])).await;
    let picker = message_of(world.click(&with_bob, &step, "I did a practice").await);
    assert!(picker.ephemeral(), "{}", picker.text());
    // In her own DM with the bot the same answers are ordinary messages, which stay when Discord reloads.
    for (name, options) in &asked {
        let shown = world.command(&alice_in_dm(), name, options.clone()).await;
        assert!(!shown.ephemeral(), "/{name} in Alice's own DM with the bot");
    }
    world.assert_all_valid();
}
