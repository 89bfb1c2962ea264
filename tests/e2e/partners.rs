//! `/partner`: two people who choose each other. Consent first (nothing reaches a person until they accept),
//! a refusal that never reveals a block, and leaving at once, with one neutral line to the other and nothing
//! after.

use chrono::{Duration, TimeZone};
use discord_standin::Actor;
use serde_json::{json, Value};

use crate::helpers::*;

const CAROL: u64 = 300_000_000_000_000_003;

fn invite_options(user: u64) -> Value {
    json!([{ "type": 1, "name": "invite", "options": [{ "type": 6, "name": "user", "value": user.to_string() }] }])
}

fn sub(name: &str) -> Value {
    json!([{ "type": 1, "name": name, "options": [] }])
}

fn share(on: bool) -> Value {
    json!([{ "type": 1, "name": "share", "options": [{ "type": 5, "name": "streak", "value": on }] }])
}

fn bob_in_dm() -> Actor {
    Actor::in_dm(BOB, "bob")
}

fn carol_in_server() -> Actor {
    Actor::in_guild(CAROL, "carol", discord_standin::DEFAULT_GUILD_ID, discord_standin::DEFAULT_CHANNEL_ID)
}

/// The newest DM to `user` once it has `count` messages.
async fn dm(world: &World, user: u64, count: usize) -> discord_standin::ShownMessage {
    wait_until("the DM arrives", || world.standin.dm_messages(user).len() >= count).await;
    world.standin.dm_messages(user)[count - 1].clone()
}

/// Alice invites Bob and he accepts.
async fn partnered(world: &World) {
    let sent = world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    assert!(sent.ephemeral() && sent.text().contains("Invitation sent to"), "{}", sent.text());
    let invitation = dm(world, BOB, 1).await;
    updated(world.click(&bob_in_dm(), &invitation, "Accept").await);
}

#[tokio::test]
async fn an_invitation_accepted_makes_two_partners_who_each_see_only_what_the_other_shares() {
    let world = World::start().await;
    let sent = world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    assert!(sent.ephemeral(), "the answer is private");
    assert!(sent.text().contains(&format!("<@{BOB}>")), "{}", sent.text());
    let invitation = dm(&world, BOB, 1).await;
    let text = invitation.text();
    assert!(
        text.contains(&format!("<@{ALICE}>")) && text.contains("never sees your quiz, journal or check-ins"),
        "{text}"
    );
    let labels: Vec<String> = invitation.buttons().into_iter().map(|b| b.label).collect();
    assert_eq!(labels, ["Accept", "Decline", "Decline and don't ask again"]);
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 0, "nothing shared before an answer");

    let accepted = updated(world.click(&bob_in_dm(), &invitation, "Accept").await);
    assert!(
        accepted.text().contains("now practice partners") && accepted.buttons().is_empty(),
        "{}",
        accepted.text()
    );
    let told = dm(&world, ALICE, 1).await;
    assert!(told.text().contains("accepted your invitation"), "{}", told.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 2);

    let status = world.command(&alice_in_server(), "partner", sub("status")).await;
    assert!(status.ephemeral());
    let text = status.text();
    assert!(text.contains(&format!("<@{BOB}>")) && text.contains("keeps their streak private"), "{text}");
    assert!(text.contains("never sees your quiz, journal, check-ins or reflections"), "{text}");
    // Bob chooses to show his streak; he logs a practice, and Alice sees one day.
    let on = world.command(&bob_in_server(), "partner", share(true)).await;
    assert!(on.text().contains("can now see your current streak"), "{}", on.text());
    let shown = world.step(&bob_in_server(), "self-trust", false).await;
    let picker = message_of(world.click(&bob_in_server(), &shown, "I did a practice").await);
    let name = picker.buttons()[0].label.clone();
    world.click(&bob_in_server(), &picker, &name).await;
    let status = world.command(&alice_in_server(), "partner", sub("status")).await;
    assert!(status.text().contains("current streak: 1 day."), "{}", status.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn someone_else_cannot_answer_an_invitation_and_an_old_one_says_so() {
    let world = World::start().await;
    world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    let invitation = dm(&world, BOB, 1).await;
    let foreign = message_of(world.click(&alice_in_dm(), &invitation, "Accept").await);
    assert!(foreign.text().contains("belong to someone else"), "{}", foreign.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 0, "a foreign click changes nothing");
    updated(world.click(&bob_in_dm(), &invitation, "Decline").await);
    // The same answer again, from a copy of the button still on another screen.
    let accept = invitation.button_by_label("Accept").unwrap().custom_id;
    let copy = world.old_message_with_buttons(&[&accept]).await;
    let text = message_of(world.click_id(&bob_in_server(), &copy, &accept).await).text();
    assert!(text.contains("no longer open"), "{text}");
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 0);
}

#[tokio::test]
async fn a_decline_and_a_block_read_the_same_to_the_inviter_and_a_block_stops_the_next_invitation() {
    let world = World::start().await;
    world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    let invitation = dm(&world, BOB, 1).await;
    let blocked = updated(world.click(&bob_in_dm(), &invitation, "Decline and don't ask again").await);
    assert!(blocked.text().contains("can't invite you again"), "{}", blocked.text());
    let told = dm(&world, ALICE, 1).await;
    assert!(told.text().contains("can't be your practice partner right now"), "{}", told.text());
    assert!(
        !told.text().to_lowercase().contains("block") && !told.text().contains("again"),
        "{}",
        told.text()
    );

    let again = world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    assert!(again.text().contains("I can't send that invitation"), "{}", again.text());
    assert_eq!(world.standin.dm_messages(BOB).len(), 1, "nothing more reaches Bob");
    // Carol, who never blocked anyone, gets an invitation from Alice as usual.
    let carol = world.command(&alice_in_server(), "partner", invite_options(CAROL)).await;
    assert!(carol.text().contains("Invitation sent"), "{}", carol.text());
}

#[tokio::test]
async fn a_plain_decline_is_not_asked_again_for_thirty_days_then_an_invitation_from_a_dm_goes_out() {
    let world = World::start().await;
    world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    let invitation = dm(&world, BOB, 1).await;
    updated(world.click(&bob_in_dm(), &invitation, "Decline").await);
    dm(&world, ALICE, 1).await;
    // Asked again at once, or a few weeks later: the same neutral words as a block, and nothing reaches Bob.
    let at_once = world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    assert!(at_once.text().contains("I can't send that invitation"), "{}", at_once.text());
    world.clock.advance(Duration::days(29));
    let later = world.command(&alice_in_dm(), "partner", invite_options(BOB)).await;
    assert!(later.text().contains("I can't send that invitation"), "{}", later.text());
    assert_eq!(world.standin.dm_messages(BOB).len(), 1, "a no is not asked again soon");
    // After thirty days a new invitation may go, here from Alice's DM with the bot.
    world.clock.advance(Duration::days(2));
    let anew = world.command(&alice_in_dm(), "partner", invite_options(BOB)).await;
    assert!(anew.text().contains("Invitation sent"), "{}", anew.text());
    let second = dm(&world, BOB, 2).await;
    updated(world.click(&bob_in_dm(), &second, "Accept").await);
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 2);
    world.assert_all_valid();
}

/// How many times the bot tried to write in `user`'s DM channel and was refused.
fn refused_sends_to(world: &World, user: u64) -> usize {
    let path = format!("/channels/{}/messages", world.standin.dm_channel_id(user));
    world.standin.requests().iter().filter(|r| r.status == 403 && r.path == path).count()
}

#[tokio::test]
async fn with_the_partners_dms_closed_a_reset_and_a_ritual_are_tried_once_and_the_asker_is_told_kindly() {
    let world = World::start().await;
    partnered(&world).await;
    world.command(&alice_in_server(), "timezone", zone("Europe/Berlin")).await;
    world.standin.user_blocks_dms(BOB);
    let reset = world.command(&alice_in_server(), "partner", sub("reset")).await;
    assert!(reset.ephemeral() && reset.text().contains("couldn't deliver"), "{}", reset.text());
    assert_eq!(refused_sends_to(&world, BOB), 1, "tried once, no retry storm");
    // Not counted as a request waiting for an answer: once Bob's DMs open, Alice may ask.
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_resets").await, 0);
    let ritual = world.command(&alice_in_server(), "partner", ritual("Sun", "10:00", "Sunday walk")).await;
    assert!(ritual.ephemeral() && ritual.text().contains("couldn't deliver"), "{}", ritual.text());
    assert_eq!(refused_sends_to(&world, BOB), 2);
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_rituals WHERE status = 'proposed'").await, 0);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(refused_sends_to(&world, BOB), 2, "nothing is tried again later");
    world.standin.user_unblocks_dms(BOB);
    let now_open = world.command(&alice_in_server(), "partner", sub("reset")).await;
    assert!(!now_open.text().contains("couldn't deliver"), "{}", now_open.text());
    dm(&world, BOB, 2).await;
    world.assert_all_valid();
}

#[tokio::test]
async fn yourself_a_bot_a_taken_person_closed_dms_and_a_second_invitation_each_get_a_kind_word() {
    let world = World::start().await;
    let me = world.command(&alice_in_server(), "partner", invite_options(ALICE)).await;
    assert!(me.text().contains("can't be your own practice partner"), "{}", me.text());
    let bot_id = 300_000_000_000_000_099;
    world.standin.add_bot_user(bot_id);
    let bot = world.command(&alice_in_server(), "partner", invite_options(bot_id)).await;
    assert!(bot.text().contains("Bots can't be practice partners"), "{}", bot.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_invites").await, 0);

    world.standin.user_blocks_dms(CAROL);
    let closed = world.command(&alice_in_server(), "partner", invite_options(CAROL)).await;
    assert!(closed.text().contains("I can't send that invitation"), "{}", closed.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_invites WHERE status = 'withdrawn'").await, 1);

    partnered(&world).await;
    let second = world.command(&alice_in_server(), "partner", invite_options(CAROL)).await;
    assert!(second.text().contains("already have a practice partner"), "{}", second.text());
    // Carol asking Bob, who has a partner, hears the same neutral words as any refusal.
    world.standin.user_unblocks_dms(CAROL);
    let taken = world.command(&carol_in_server(), "partner", invite_options(BOB)).await;
    assert!(taken.text().contains("I can't send that invitation"), "{}", taken.text());
    assert_eq!(world.standin.dm_messages(BOB).len(), 1, "only the first invitation reached Bob");

    // One invitation at a time.
    let dave = 300_000_000_000_000_004;
    world.command(&carol_in_server(), "partner", invite_options(dave)).await;
    let waiting = world.command(&carol_in_server(), "partner", invite_options(ALICE)).await;
    assert!(waiting.text().contains("still open"), "{}", waiting.text());
}

#[tokio::test]
async fn an_invitation_expires_after_seven_days() {
    let world = World::start().await;
    world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    let invitation = dm(&world, BOB, 1).await;
    world.clock.advance(Duration::days(7) + Duration::minutes(1));
    let late = updated(world.click(&bob_in_dm(), &invitation, "Accept").await);
    assert!(late.text().contains("expired"), "{}", late.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 0);
    let anew = world.command(&alice_in_server(), "partner", invite_options(BOB)).await;
    assert!(
        anew.text().contains("Invitation sent"),
        "an expired invitation no longer holds the place: {}",
        anew.text()
    );
}

#[tokio::test]
async fn leaving_ends_it_for_both_at_once_and_the_other_hears_one_line_then_nothing() {
    let world = World::start().await;
    partnered(&world).await;
    let alice_dms = world.standin.dm_messages(ALICE).len();
    let left = world.command(&bob_in_server(), "partner", sub("leave")).await;
    assert!(left.ephemeral() && left.text().contains("has ended"), "{}", left.text());
    let told = dm(&world, ALICE, alice_dms + 1).await;
    assert_eq!(told.text().trim(), "Your practice partnership has ended.");
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 0);
    let again = world.command(&bob_in_server(), "partner", sub("leave")).await;
    assert!(again.text().contains("don't have a practice partner"), "{}", again.text());
    let status = world.command(&alice_in_server(), "partner", sub("status")).await;
    assert!(status.text().contains("don't have a practice partner"), "{}", status.text());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(world.standin.dm_messages(ALICE).len(), alice_dms + 1, "one line, then nothing");
}

#[tokio::test]
async fn deleting_my_data_ends_the_partnership_and_the_export_holds_it() {
    let world = World::start().await;
    partnered(&world).await;
    let exported = world.app().store.export_person(steady::ids::UserId(ALICE)).await.unwrap();
    assert_eq!(exported["partners"][0]["partner_id"], json!(BOB));
    assert_eq!(exported["partner_invites"][0]["invitee_id"], json!(BOB));
    let shown = world.command(&alice_in_server(), "mydata", sub("show")).await.text();
    assert!(
        shown.contains("practice partnership") && shown.contains("**1** partner invitation you sent"),
        "{shown}"
    );
    world.command(&alice_in_server(), "partner", sub("reset")).await;
    dm(&world, BOB, 2).await;
    let alice_dms = world.standin.dm_messages(ALICE).len();
    let confirm = world.command(&bob_in_server(), "mydata", sub("delete")).await;
    updated(world.click(&bob_in_server(), &confirm, "Delete everything").await);
    let told = dm(&world, ALICE, alice_dms + 1).await;
    assert_eq!(told.text().trim(), "Your practice partnership has ended.");
    assert_eq!(world.count("SELECT COUNT(*) FROM partners").await, 0);
    assert_eq!(
        world.count(&format!("SELECT COUNT(*) FROM partner_invites WHERE invitee_id = {BOB}")).await,
        0
    );
    let resets = world.count(&format!("SELECT COUNT(*) FROM partner_resets WHERE partner_id = {BOB}")).await;
    assert_eq!(resets, 0, "no row names Bob after his data is deleted");
}

fn appreciate(options: Value) -> Value {
    json!([{ "type": 1, "name": "appreciate", "options": options }])
}

#[tokio::test]
async fn appreciation_sends_a_warm_line_or_a_short_note_and_a_note_with_crisis_words_is_not_sent() {
    let world = World::start().await;
    let none = world.command(&alice_in_server(), "partner", appreciate(json!([]))).await;
    assert!(none.text().contains("don't have a practice partner"), "{}", none.text());
    partnered(&world).await;
    let bob_dms = world.standin.dm_messages(BOB).len();

    let line = world
        .command(
            &alice_in_server(),
            "partner",
            appreciate(json!([{ "type": 4, "name": "line", "value": 2 }])),
        )
        .await;
    assert!(line.ephemeral() && line.text().contains("Sent to"), "{}", line.text());
    let got = dm(&world, BOB, bob_dms + 1).await;
    assert!(
        got.text().contains(&format!("<@{ALICE}>"))
            && got.text().contains("Thank you for being steady with me."),
        "{}",
        got.text()
    );

    let note = "Proud of you for the walk today — see you Sunday";
    world
        .command(
            &alice_in_server(),
            "partner",
            appreciate(json!([{ "type": 3, "name": "note", "value": note }])),
        )
        .await;
    let got = dm(&world, BOB, bob_dms + 2).await;
    assert!(got.text().contains(note), "{}", got.text());
    // Bob answers the warm words with "Can we reset?": Alice gets the request, as from /partner reset.
    let alice_dms = world.standin.dm_messages(ALICE).len();
    let asked = message_of(world.click(&bob_in_dm(), &got, "Can we reset?").await);
    assert!(asked.text().contains("no pressure"), "{}", asked.text());
    let request = dm(&world, ALICE, alice_dms + 1).await;
    assert!(request.text().contains(&format!("<@{BOB}> would like to reset")), "{}", request.text());

    // Words a stranger might write: a veiled goodbye is not sent; its writer gets care, privately.
    let goodbye = "tell him I loved him, I won't be around to say it much longer";
    let care = world
        .command(
            &alice_in_server(),
            "partner",
            appreciate(json!([{ "type": 3, "name": "note", "value": goodbye }])),
        )
        .await;
    assert!(care.ephemeral());
    assert!(care.text().contains("I haven't sent this to your partner."), "{}", care.text());
    let blank = world
        .command(
            &alice_in_server(),
            "partner",
            appreciate(json!([{ "type": 3, "name": "note", "value": "   " }])),
        )
        .await;
    assert!(blank.text().contains("empty"), "{}", blank.text());
    // Over 200 characters (a forged request: Discord's own form stops at 200).
    let long = world
        .command(
            &alice_in_server(),
            "partner",
            appreciate(json!([{ "type": 3, "name": "note", "value": "a".repeat(201) }])),
        )
        .await;
    assert!(long.text().contains("up to 200 characters"), "{}", long.text());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        world.standin.dm_messages(BOB).len(),
        bob_dms + 3,
        "only the line, the note and the answer to his own reset click reached Bob"
    );

    // Bob's DMs close: Alice is told kindly, once, and nothing is retried in a storm.
    world.standin.user_blocks_dms(BOB);
    let closed = world.command(&alice_in_server(), "partner", appreciate(json!([]))).await;
    assert!(closed.text().contains("couldn't deliver"), "{}", closed.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_reset_request_gets_each_answer_to_the_asker_privately_and_cannot_become_pressure() {
    let world = World::start().await;
    let none = world.command(&alice_in_server(), "partner", sub("reset")).await;
    assert!(none.text().contains("don't have a practice partner"), "{}", none.text());
    partnered(&world).await;

    let asked = world.command(&alice_in_server(), "partner", sub("reset")).await;
    assert!(asked.ephemeral() && asked.text().contains("no pressure"), "{}", asked.text());
    let request = dm(&world, BOB, 2).await;
    assert!(request
        .text()
        .contains("would like to reset after a hard moment. No reply is needed right now."));
    let labels: Vec<String> = request.buttons().into_iter().map(|b| b.label).collect();
    assert_eq!(labels, ["I'm ready to talk", "I need a little time", "Set a time to reconnect"]);
    // Another request while this one waits is held back, and Alice's own click on Bob's buttons does nothing.
    let waiting = world.command(&alice_in_server(), "partner", sub("reset")).await;
    assert!(waiting.text().contains("still with"), "{}", waiting.text());
    let foreign = message_of(world.click(&alice_in_dm(), &request, "I'm ready to talk").await);
    assert!(foreign.text().contains("belong to someone else"), "{}", foreign.text());

    let alice_dms = world.standin.dm_messages(ALICE).len();
    let ready = updated(world.click(&bob_in_dm(), &request, "I'm ready to talk").await);
    assert!(ready.text().contains("told them you're ready"), "{}", ready.text());
    let told = dm(&world, ALICE, alice_dms + 1).await;
    assert!(told.text().contains("is ready to talk"), "{}", told.text());

    world.command(&alice_in_server(), "partner", sub("reset")).await;
    let second = dm(&world, BOB, 3).await;
    updated(world.click(&bob_in_dm(), &second, "I need a little time").await);
    let told = dm(&world, ALICE, alice_dms + 2).await;
    assert!(
        told.text().contains("needs a little time") && told.text().contains("isn't a no"),
        "{}",
        told.text()
    );

    world.command(&alice_in_server(), "partner", sub("reset")).await;
    let third = dm(&world, BOB, 4).await;
    updated(world.click(&bob_in_dm(), &third, "I need a little time").await);
    // Three a day at most.
    let limit = world.command(&alice_in_server(), "partner", sub("reset")).await;
    assert!(limit.text().contains("3 requests today"), "{}", limit.text());
    assert_eq!(world.standin.dm_messages(BOB).len(), 4, "no fourth request reached Bob");
    world.clock.advance(Duration::hours(25));
    let next_day = world.command(&alice_in_server(), "partner", sub("reset")).await;
    assert!(next_day.text().contains("no pressure"), "{}", next_day.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_time_to_reconnect_reminds_both_at_that_time_and_not_after_a_leave() {
    let world = World::start().await;
    partnered(&world).await;
    let alice_dms = world.standin.dm_messages(ALICE).len();
    world.command(&alice_in_server(), "partner", sub("reset")).await;
    let request = dm(&world, BOB, 2).await;
    let times = updated(world.click(&bob_in_dm(), &request, "Set a time to reconnect").await);
    let labels: Vec<String> = times.buttons().into_iter().map(|b| b.label).collect();
    assert!(
        labels.contains(&"In an hour".to_owned()) && labels.contains(&"Tomorrow, this time".to_owned()),
        "{labels:?}"
    );
    let set = updated(world.click(&bob_in_dm(), &times, "In an hour").await);
    assert!(set.text().contains("you'll both get a reminder"), "{}", set.text());
    let told = dm(&world, ALICE, alice_dms + 1).await;
    assert!(
        told.text().contains("would like to reconnect") && told.text().contains("<t:"),
        "{}",
        told.text()
    );
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_resets WHERE reconnect_at IS NOT NULL").await, 1);

    world.clock.advance(Duration::minutes(59));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(world.standin.dm_messages(ALICE).len(), alice_dms + 1, "not before its time");
    world.clock.advance(Duration::minutes(2));
    let reminder = dm(&world, ALICE, alice_dms + 2).await;
    assert!(
        reminder.text().contains("time you set to reconnect")
            && reminder.text().contains(&format!("<@{BOB}>")),
        "{}",
        reminder.text()
    );
    let bobs = dm(&world, BOB, 3).await;
    assert!(bobs.text().contains(&format!("<@{ALICE}>")), "{}", bobs.text());
    // Recorded once both sends are back.
    world
        .wait_for_count(
            "the reminder is recorded",
            "SELECT COUNT(*) FROM partner_resets WHERE reconnect_at IS NOT NULL",
            0,
        )
        .await;

    // A second time set, then a leave: no reminder comes.
    world.command(&alice_in_server(), "partner", sub("reset")).await;
    let again = dm(&world, BOB, 4).await;
    let times = updated(world.click(&bob_in_dm(), &again, "Set a time to reconnect").await);
    updated(world.click(&bob_in_dm(), &times, "In 30 minutes").await);
    world.command(&bob_in_server(), "partner", sub("leave")).await;
    let alice_now = world.standin.dm_messages(ALICE).len();
    world.clock.advance(Duration::minutes(31));
    world
        .wait_for_count(
            "the reminder is dropped",
            "SELECT COUNT(*) FROM partner_resets WHERE reconnect_at IS NOT NULL",
            0,
        )
        .await;
    assert_eq!(world.standin.dm_messages(ALICE).len(), alice_now, "nothing after the end");
}

fn ritual(day: &str, time: &str, what: &str) -> Value {
    json!([{ "type": 1, "name": "ritual", "options": [
        { "type": 3, "name": "day", "value": day },
        { "type": 3, "name": "time", "value": time },
        { "type": 3, "name": "what", "value": what }
    ] }])
}

fn zone(name: &str) -> Value {
    json!([{ "type": 3, "name": "zone", "value": name }])
}

#[tokio::test]
async fn a_weekly_ritual_across_two_zones_reminds_both_an_hour_before_and_counts_once_a_week_for_both() {
    let world = World::start().await;
    partnered(&world).await;
    // Alice has no zone yet: she is asked for one first, and nothing reaches Bob.
    let no_zone = world.command(&alice_in_server(), "partner", ritual("Sun", "10:00", "Sunday walk")).await;
    assert!(no_zone.text().contains("/timezone"), "{}", no_zone.text());
    world.command(&alice_in_server(), "timezone", zone("Europe/Berlin")).await;
    world.command(&bob_in_server(), "timezone", zone("America/New_York")).await;
    let bad = world.command(&alice_in_server(), "partner", ritual("Sun", "half past", "Sunday walk")).await;
    assert!(bad.text().contains("couldn't read that as a time"), "{}", bad.text());
    let dark = world
        .command(&alice_in_server(), "partner", ritual("Sun", "10:00", "our goodbye, I won't be here after"))
        .await;
    assert!(dark.text().contains("I haven't sent this to your partner."), "{}", dark.text());
    assert_eq!(world.standin.dm_messages(BOB).len(), 1, "only the invitation so far");

    // The clock starts on Tuesday 1 December 2026; Sunday 10:00 in Berlin is 09:00 UTC on the 6th.
    let proposed = world.command(&alice_in_server(), "partner", ritual("Sun", "10:00", "Sunday walk")).await;
    assert!(proposed.ephemeral() && proposed.text().contains("Sunday walk"), "{}", proposed.text());
    let proposal = dm(&world, BOB, 2).await;
    let instant = chrono::Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap().timestamp();
    assert!(
        proposal.text().contains(&format!("<t:{instant}:F>")),
        "one instant, shown in each zone: {}",
        proposal.text()
    );
    let alice_dms = world.standin.dm_messages(ALICE).len();
    let accepted = updated(world.click(&bob_in_dm(), &proposal, "Accept").await);
    assert!(accepted.text().contains("It's set"), "{}", accepted.text());
    let told = dm(&world, ALICE, alice_dms + 1).await;
    assert!(told.text().contains("accepted") && told.text().contains("Sunday walk"), "{}", told.text());
    let status = world.command(&bob_in_server(), "partner", sub("status")).await;
    assert!(status.text().contains("Your weekly ritual: **Sunday walk**"), "{}", status.text());

    // A zone change of Alice's keeps the shared instant.
    world.command(&alice_in_server(), "timezone", zone("Asia/Tokyo")).await;
    let status = world.command(&alice_in_server(), "partner", sub("status")).await;
    assert!(status.text().contains(&format!("<t:{instant}:F>")), "{}", status.text());

    // An hour before, both are reminded; not earlier.
    let now = steady::clock::Clock::now(&world.clock);
    let remind_at = chrono::DateTime::from_timestamp(instant - 3600, 0).unwrap();
    world.clock.advance(remind_at - now - Duration::minutes(1));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(world.standin.dm_messages(BOB).len(), 2, "no reminder before its hour");
    world.clock.advance(Duration::minutes(2));
    let bobs = dm(&world, BOB, 3).await;
    let alices = dm(&world, ALICE, alice_dms + 2).await;
    assert!(
        bobs.text().contains("In an hour: **Sunday walk**") && bobs.text().contains(&format!("<@{ALICE}>")),
        "{}",
        bobs.text()
    );
    assert!(alices.text().contains(&format!("<@{BOB}>")), "{}", alices.text());
    let labels: Vec<String> = bobs.buttons().into_iter().map(|b| b.label).collect();
    assert_eq!(labels, ["We did it", "Not this week", "Can we reset?"]);

    // Not before it has begun: the reminder comes an hour ahead, "We did it" counts from the ritual's time.
    let early = message_of(world.click(&bob_in_dm(), &bobs, "We did it").await);
    assert!(early.text().contains("once it has begun"), "{}", early.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM practice_log").await, 0);
    world.clock.advance(Duration::minutes(70));
    // "We did it" counts for both, once; the second click (from either) says so.
    let done = message_of(world.click(&bob_in_dm(), &bobs, "We did it").await);
    assert!(done.text().contains("Marked for both of you"), "{}", done.text());
    let logs = "SELECT COUNT(*) FROM practice_log WHERE step_slug = 'closeness-and-space' AND practice = 1";
    assert_eq!(world.count(logs).await, 2, "a practice of step 4 for each");
    let again = message_of(world.click(&alice_in_dm(), &alices, "We did it").await);
    assert!(again.text().contains("Already marked for this week"), "{}", again.text());
    assert_eq!(world.count(logs).await, 2);
    // A forged button for another week marks nothing.
    let forged = format!("v1:{BOB}:k:rd:1:{}", instant + 7 * 86_400);
    let copy = world.old_message_with_buttons(&[&forged]).await;
    let refused = message_of(world.click_id(&bob_in_server(), &copy, &forged).await);
    assert!(refused.text().contains("no longer set"), "{}", refused.text());
    assert_eq!(world.count(logs).await, 2);
    let skip = message_of(world.click(&alice_in_dm(), &alices, "Not this week").await);
    assert!(skip.text().contains("another chance"), "{}", skip.text());
    // The next reminder is a week later, and a leave ends the ritual for both.
    let next = world.count("SELECT COUNT(*) FROM partner_rituals WHERE remind_at > '2026-12-13'").await;
    assert_eq!(next, 1, "the next week's reminder is set");
    world.command(&alice_in_server(), "partner", sub("leave")).await;
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_rituals").await, 0);
    world.assert_all_valid();
}

#[tokio::test]
async fn a_ritual_at_a_time_the_clocks_skip_is_refused_kindly_and_nothing_reaches_the_partner() {
    let world = World::start().await;
    partnered(&world).await;
    world.command(&alice_in_server(), "timezone", zone("Europe/Berlin")).await;
    // Berlin's clocks go from 02:00 to 03:00 on Sunday 28 March 2027: 02:30 does not exist that night.
    let now = steady::clock::Clock::now(&world.clock);
    world.clock.advance(chrono::Utc.with_ymd_and_hms(2027, 3, 22, 12, 0, 0).unwrap() - now);
    let proposed =
        world.command(&alice_in_server(), "partner", ritual("Sun", "2:30am", "Slow breakfast")).await;
    assert!(
        proposed.ephemeral()
            && proposed.text().contains("doesn't exist in your zone on Sunday 28 March 2027")
            && proposed.text().contains("Nothing was sent"),
        "{}",
        proposed.text()
    );
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_rituals").await, 0);
    assert_eq!(world.standin.dm_messages(BOB).len(), 1, "only the invitation reached Bob");
    let ordinary =
        world.command(&alice_in_server(), "partner", ritual("Sun", "10:00", "Slow breakfast")).await;
    assert!(!ordinary.text().contains("clocks"), "{}", ordinary.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM partner_rituals").await, 1);
    dm(&world, BOB, 2).await;
}
