//! Passing failures from Discord on the way back to a person: a 500 or a 429 on the first answer, a 502 on the
//! edit of a deferred answer and on a follow-up. Each is retried and the person sees the answer once. And forms
//! that Discord would never send (a required field empty) are refused kindly, with nothing stored.

use discord_standin::{Actor, Fault, FaultKind, Response, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID};
use serde_json::json;

use crate::helpers::*;

const CALLBACK: &str = r"^/interactions/\d+/[^/]+/callback$";
const EDIT: &str = r"^/webhooks/\d+/[^/]+/messages/@original$";
const FOLLOWUP: &str = r"^/webhooks/\d+/[^/]+$";
const MANAGE_GUILD: u64 = 1 << 5;

fn admin() -> Actor {
    Actor::in_guild(300_000_000_000_000_029, "admin", DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
        .with_permissions(discord_standin::DEFAULT_MEMBER_PERMISSIONS | MANAGE_GUILD)
}

#[tokio::test]
async fn a_500_on_the_first_answer_is_retried_and_the_person_sees_it() {
    let world = World::start().await;
    world.standin.inject(Fault::new(CALLBACK, 1, FaultKind::ServerError(500)).method("POST"));
    let shown = world.command(&alice_in_server(), "step", step_options("self-trust")).await;
    assert!(shown.text().contains("Strengthen self-trust"), "{}", shown.text());
    let statuses = world.standin.count_statuses("POST", CALLBACK);
    assert_eq!(
        (statuses.get(&500), statuses.get(&204).or(statuses.get(&200))),
        (Some(&1), Some(&1)),
        "{statuses:?}"
    );
    world.assert_all_valid();
}

#[tokio::test]
async fn a_429_on_the_first_answer_is_retried_within_discords_three_seconds() {
    let world = World::start().await;
    world.standin.inject(
        Fault::new(CALLBACK, 1, FaultKind::RateLimited { retry_after_secs: 0.5, global: false })
            .method("POST"),
    );
    let asked = world.standin.run_command(&alice_in_server(), "step", step_options("self-trust")).await;
    let Response::Message(shown) = world.response(&asked).await else { panic!("a message") };
    assert!(shown.text().contains("Strengthen self-trust"), "{}", shown.text());
    let timing = world.standin.response_timing(&asked).expect("answered");
    assert!(timing.to_callback < std::time::Duration::from_secs(3), "{timing:?}");
}

#[tokio::test]
async fn a_502_on_the_edit_of_a_deferred_answer_is_retried_and_the_answer_arrives() {
    let world = World::start().await;
    // Reading the channel takes long enough that the answer is deferred; then the edit meets a 502 once.
    world.standin.inject(Fault::new(r"^/channels/\d+$", 1, FaultKind::Slow { millis: 2_300 }).method("GET"));
    world.standin.inject(Fault::new(EDIT, 1, FaultKind::ServerError(502)).method("PATCH"));
    let options = json!([{ "type": 1, "name": "setup", "options": [
        { "type": 7, "name": "channel", "value": DEFAULT_CHANNEL_ID.to_string() },
        { "type": 3, "name": "time", "value": "10:30" },
        { "type": 3, "name": "timezone", "value": "Europe/Berlin" }
    ] }]);
    let asked = world.standin.run_command(&admin(), "accountability", options).await;
    let Response::Message(shown) = world.response(&asked).await else { panic!("a message") };
    wait_until("the deferred answer is filled in", || {
        world.standin.requests_matching("PATCH", EDIT).iter().any(|r| r.status == 200)
    })
    .await;
    let filled = match world.standin.wait_response(&asked, WAIT).await.unwrap() {
        Response::Message(m) => m,
        other => panic!("{other:?}"),
    };
    assert!(filled.text().contains("10:30"), "the setup's answer, after the retried edit: {}", filled.text());
    let _ = shown;
    assert_eq!(world.count("SELECT COUNT(*) FROM groups").await, 1, "the setup was saved");
    let edits = world.standin.count_statuses("PATCH", EDIT);
    assert_eq!(edits.get(&502), Some(&1), "{edits:?}");
}

#[tokio::test]
async fn a_502_on_a_follow_up_is_retried_and_the_private_word_arrives() {
    let world = World::start().await;
    world.standin.inject(Fault::new(FOLLOWUP, 1, FaultKind::ServerError(502)).method("POST"));
    // "Move to DM" style answers aside, a practice log from a shared step answers with an update and a word.
    let admin_setup = json!([{ "type": 1, "name": "setup", "options": [
        { "type": 7, "name": "channel", "value": DEFAULT_CHANNEL_ID.to_string() },
        { "type": 3, "name": "time", "value": "10:01" },
        { "type": 3, "name": "timezone", "value": "Europe/Berlin" }
    ] }]);
    world.command(&admin(), "accountability", admin_setup).await;
    world.clock.advance(chrono::Duration::minutes(1));
    let post = {
        let posts = || {
            world
                .standin
                .channel_messages(DEFAULT_CHANNEL_ID)
                .into_iter()
                .filter(|m| m.button_by_label("I practised today").is_some())
                .collect::<Vec<_>>()
        };
        wait_until("the day's post", || !posts().is_empty()).await;
        posts()[0].clone()
    };
    let custom_id = post.button_by_label("I practised today").unwrap().custom_id;
    let clicked = world.standin.click(&alice_in_server(), &post, &custom_id).await;
    world.response(&clicked).await;
    wait_until("the private word arrives after the retry", || {
        world.standin.followups(&clicked).iter().any(|m| m.ephemeral() && m.text().contains("Counted"))
    })
    .await;
    let posted = world.standin.count_statuses("POST", FOLLOWUP);
    assert_eq!(posted.get(&502), Some(&1), "{posted:?}");
    assert_eq!(world.standin.followups(&clicked).len(), 1, "shown once");
}

#[tokio::test]
async fn a_forged_form_with_an_empty_required_field_is_refused_and_nothing_is_stored() {
    let world = World::start().await;
    let opened = world.standin.run_command(&alice_in_server(), "checkin", json!([])).await;
    let Response::Modal(modal) = world.response(&opened).await else { panic!("a form") };
    for (feeling, need) in [("", "rest"), ("   ", "rest"), ("tired", "\n")] {
        let submitted = world
            .standin
            .submit_modal(
                &alice_in_server(),
                &modal,
                &[("feeling", feeling), ("need", need), ("steadiness", "")],
            )
            .await;
        let reply = message_of(world.response(&submitted).await);
        assert!(reply.ephemeral(), "private");
        assert!(reply.text().contains("nothing was saved"), "{}", reply.text());
        assert!(!reply.text().contains("****"), "{}", reply.text());
    }
    // A forged field far over its limit, and a journal entry of only spaces.
    let long = "a".repeat(5_000);
    let submitted = world
        .standin
        .submit_modal(&alice_in_server(), &modal, &[("feeling", &long), ("need", "rest"), ("steadiness", "")])
        .await;
    assert!(message_of(world.response(&submitted).await).text().contains("longer than"));
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 0, "nothing stored");
    let opened = world
        .standin
        .run_command(&alice_in_server(), "journal", json!([{ "type": 1, "name": "write", "options": [] }]))
        .await;
    let Response::Modal(journal) = world.response(&opened).await else { panic!("a form") };
    let submitted = world.standin.submit_modal(&alice_in_server(), &journal, &[("entry", "    ")]).await;
    assert!(message_of(world.response(&submitted).await).text().contains("nothing was saved"));
    assert_eq!(world.count("SELECT COUNT(*) FROM journal").await, 0);
}

#[tokio::test]
async fn a_429_on_a_nudge_is_retried_no_sooner_than_discords_retry_after() {
    let world = World::start().await;
    let on = json!([{ "type": 1, "name": "on", "options": [
        { "type": 3, "name": "time", "value": "10:01" }, { "type": 3, "name": "timezone", "value": "Europe/Berlin" }
    ] }]);
    world.command(&alice_in_dm(), "nudges", on).await;
    let dm = world.standin.dm_channel_id(ALICE);
    let path = format!("^/channels/{dm}/messages$");
    world.standin.inject(
        Fault::new(&path, 1, FaultKind::RateLimited { retry_after_secs: 1.5, global: false }).method("POST"),
    );
    world.clock.advance(chrono::Duration::minutes(1));
    wait_until("the nudge arrives after the 429", || {
        world.standin.requests_matching("POST", &path).iter().any(|r| r.status == 200)
    })
    .await;
    let tries = world.standin.requests_matching("POST", &path);
    let limited = tries.iter().find(|r| r.status == 429).expect("the 429");
    let sent = tries.iter().find(|r| r.status == 200).expect("the retry");
    let waited = sent.at.duration_since(limited.at);
    assert!(
        waited >= std::time::Duration::from_millis(1_450),
        "retried after {waited:?}, Discord asked for 1.5 s"
    );
    assert!(waited < std::time::Duration::from_millis(3_000), "and not much later: {waited:?}");
    assert_eq!(tries.len(), 2, "one 429, one delivery");
}
