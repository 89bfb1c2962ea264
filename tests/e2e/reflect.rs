//! Check-ins and the private journal, through their forms.

use discord_standin::{Response, ShownModal};
use serde_json::json;

use crate::helpers::*;

async fn form(world: &World, name: &str, options: serde_json::Value) -> ShownModal {
    let interaction = world.standin.run_command(&alice_in_server(), name, options).await;
    match world.response(&interaction).await {
        Response::Modal(m) => m,
        other => panic!("/{name} should open a form, got {other:?}"),
    }
}

#[tokio::test]
async fn a_check_in_through_its_form_is_saved_privately_and_counts_for_the_streak() {
    let world = World::start().await;
    let modal = form(&world, "checkin", json!([])).await;
    assert_eq!(modal.inputs.len(), 3);
    assert!(modal.inputs.iter().all(|i| i.label.as_deref().is_some_and(|l| l.chars().count() <= 45)));
    let submitted = world
        .standin
        .submit_modal(
            &alice_in_server(),
            &modal,
            &[("feeling", "a bit tender"), ("need", "an early night"), ("steadiness", "3")],
        )
        .await;
    let saved = message_of(world.response(&submitted).await);
    assert!(saved.ephemeral());
    assert!(
        saved.text().contains("a bit tender") && saved.text().contains("an early night"),
        "{}",
        saved.text()
    );
    assert!(saved.text().contains("**3** of 5"), "{}", saved.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins WHERE steadiness = 3").await, 1);
    let progress = world.command(&alice_in_server(), "progress", json!([])).await;
    assert!(progress.text().contains("**1** day now"), "one day, not one days: {}", progress.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_check_in_with_crisis_words_gets_care_first() {
    let world = World::start().await;
    let modal = form(&world, "checkin", json!([])).await;
    let submitted = world
        .standin
        .submit_modal(
            &alice_in_server(),
            &modal,
            &[("feeling", "hopeless"), ("need", "to end my life"), ("steadiness", "")],
        )
        .await;
    let reply = message_of(world.response(&submitted).await);
    assert!(reply.ephemeral() && reply.text().contains("findahelpline.com"), "{}", reply.text());
    assert!(reply.text().contains(content().safety.kept_checkin.trim()), "{}", reply.text());
    assert!(!reply.text().contains("Saved privately"), "care instead of the usual words: {}", reply.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 1, "still kept for her");
    world.assert_all_valid();
}

#[tokio::test]
async fn journal_entries_are_written_through_the_form_and_read_back_a_page_at_a_time() {
    let world = World::start().await;
    let with_prompt = form(
        &world,
        "journal",
        json!([{ "type": 1, "name": "write", "options": [{ "type": 5, "name": "prompt", "value": true }] }]),
    )
    .await;
    let prompt = with_prompt.inputs[0].placeholder.clone().unwrap();
    assert!(
        content().reflect.journal.prompts.contains(&prompt),
        "a prompt from the guide's strategies: {prompt}"
    );
    let saved = message_of(
        world
            .response(
                &world
                    .standin
                    .submit_modal(&alice_in_server(), &with_prompt, &[("entry", "Entry number 0")])
                    .await,
            )
            .await,
    );
    assert!(saved.ephemeral() && saved.text().contains("/journal read"));
    for i in 1..6 {
        world.clock.advance(chrono::Duration::hours(1));
        let plain = form(&world, "journal", json!([{ "type": 1, "name": "write", "options": [] }])).await;
        world
            .response(
                &world
                    .standin
                    .submit_modal(&alice_in_server(), &plain, &[("entry", &format!("Entry number {i}"))])
                    .await,
            )
            .await;
    }
    let page = world
        .command(&alice_in_server(), "journal", json!([{ "type": 1, "name": "read", "options": [] }]))
        .await;
    assert!(page.ephemeral());
    let text = page.text();
    assert!(
        text.contains("Entry number 5")
            && text.contains("Entry number 2")
            && !text.contains("Entry number 1"),
        "{text}"
    );
    assert!(text.contains("<t:") && text.contains("Page 1 of 2"), "{text}");
    let older = updated(world.click(&alice_in_server(), &page, "Older ▶").await);
    assert!(older.text().contains("Entry number 0") && older.text().contains(&prompt), "{}", older.text());
    assert!(older.button_by_label("Older ▶").unwrap().disabled);
    // Nobody else can page through it.
    let refused = message_of(world.click(&bob_in_server(), &older, "◀ Newer").await);
    assert!(refused.text().contains("someone else"), "{}", refused.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_nudge_offers_a_check_in() {
    let world = World::start().await;
    let on = json!([{ "type": 1, "name": "on", "options": [
        { "type": 3, "name": "time", "value": "10:01" }, { "type": 3, "name": "timezone", "value": "Europe/Berlin" }
    ] }]);
    world.command(&alice_in_dm(), "nudges", on).await;
    world.clock.advance(chrono::Duration::minutes(1));
    wait_until("the nudge", || {
        world.standin.dm_messages(ALICE).iter().any(|m| m.button_by_label("Check in").is_some())
    })
    .await;
    let nudge = world
        .standin
        .dm_messages(ALICE)
        .into_iter()
        .find(|m| m.button_by_label("Check in").is_some())
        .unwrap();
    match world.click(&alice_in_dm(), &nudge, "Check in").await {
        Response::Modal(m) => assert_eq!(m.inputs.len(), 3),
        other => panic!("{other:?}"),
    }
    world.assert_all_valid();
}

#[tokio::test]
async fn progress_comes_with_its_picture_attached_privately() {
    let world = World::start().await;
    let alice = alice_in_server();
    let empty = world.command(&alice, "progress", json!([])).await;
    assert!(empty.attachments.is_empty(), "no picture before anything is logged");

    let shown = world.step(&alice, "self-trust", false).await;
    let picker = message_of(world.click(&alice, &shown, "I did a practice").await);
    let name = picker.buttons()[0].label.clone();
    updated(world.click(&alice, &picker, &name).await);
    let progress = world.command(&alice, "progress", json!([])).await;
    assert!(progress.ephemeral());
    assert_eq!(progress.attachments.len(), 1, "{:?}", progress.attachments);
    assert_eq!(progress.attachments[0].filename, "progress.png");
    assert!(progress.attachments[0].size > 1_000);
    assert_eq!(progress.embeds[0]["image"]["url"], json!("attachment://progress.png"));
    // Paging away from it leaves no stale picture behind.
    let guide = updated(world.click(&alice, &progress, "All steps").await);
    assert!(guide.attachments.is_empty(), "{:?}", guide.attachments);
    world.assert_all_valid();
}

#[tokio::test]
async fn a_check_in_can_be_typed_in_the_dm_after_the_bot_asks() {
    let world = World::start().await;
    assert!(say_in_dm(&world, "check in").await.text().contains("what are you feeling"));
    assert!(say_in_dm(&world, "tired but okay").await.text().contains("what do you need"));
    let saved = say_in_dm(&world, "a slow walk").await.text();
    assert!(saved.contains("tired but okay") && saved.contains("a slow walk"), "{saved}");
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 1);
    assert!(say_in_dm(&world, "hello").await.text().contains("/guide"), "back to the usual pointer");

    // Following the questions' own words is not echoed twice, and "skip" skips the need.
    assert!(say_in_dm(&world, "check in").await.text().contains("what are you feeling"));
    assert!(say_in_dm(&world, "I’m feeling a bit lost.").await.text().contains("what do you need"));
    let skipped = say_in_dm(&world, "skip").await.text();
    assert!(skipped.contains("You feel **a bit lost**.") && !skipped.contains("skip"), "{skipped}");
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 2, "the feeling is kept");
    world.assert_all_valid();
}

#[tokio::test]
async fn check_ins_show_back_as_a_steadiness_trend_and_a_private_history_newest_first() {
    let world = World::start().await;
    let alice = alice_in_server();
    let now = json!([{ "type": 1, "name": "now", "options": [] }]);
    let empty =
        world.command(&alice, "checkin", json!([{ "type": 1, "name": "history", "options": [] }])).await;
    assert!(empty.ephemeral() && empty.text().contains(content().reflect.checkin.history_empty.trim()));
    // Eight check-ins over eight days, steadier as they go; the fourth says nothing about steadiness.
    let steadiness = ["1", "2", "2", "", "3", "4", "4", "5"];
    for (day, steady) in steadiness.iter().enumerate() {
        let modal = form(&world, "checkin", now.clone()).await;
        let feeling = format!("I feel number {day}.");
        let answers = [("feeling", feeling.as_str()), ("need", "I need rest."), ("steadiness", steady)];
        let submitted = world.standin.submit_modal(&alice, &modal, &answers).await;
        message_of(world.response(&submitted).await);
        world.clock.advance(chrono::Duration::days(1));
    }
    let progress = world.command(&alice, "progress", json!([])).await;
    let text = progress.text();
    let p = &content().ui.progress;
    assert!(text.contains(&p.steadiness_heading) && text.contains("▁▃▃▄▆▆█"), "{text}");
    assert!(text.contains("your last 7 check-ins"), "the one without a number is left out: {text}");
    assert!(text.contains(p.steadiness_steadier.as_str()), "{text}");

    let history = |page: i64| {
        let options =
            if page == 0 { json!([]) } else { json!([{ "type": 4, "name": "page", "value": page }]) };
        world.command(&alice, "checkin", json!([{ "type": 1, "name": "history", "options": options }]))
    };
    let first = history(0).await;
    assert!(first.ephemeral(), "private");
    let shown = first.text();
    let newest = shown.find("number 7").expect("the newest");
    let older = shown.find("number 2").expect("six a page");
    assert!(newest < older && !shown.contains("number 1"), "newest first, six a page: {shown}");
    assert!(shown.contains("You felt **number 7**, and needed **rest**."), "echoed once: {shown}");
    assert!(shown.contains("**5** of 5"), "{shown}");
    let second = updated(world.click(&alice, &first, &content().reflect.journal.older).await);
    assert!(second.text().contains("number 0") && !second.text().contains("number 7"), "{}", second.text());
    // A page past the end shows the last one, and an old registration's bare /checkin still opens the form.
    assert!(history(99).await.text().contains("number 0"));
    form(&world, "checkin", json!([])).await;
    world.assert_all_valid();
}
