//! The attachment-style quiz, as a person takes it: buttons in a server, typing in the DM.

use discord_standin::{Actor, Response, ShownMessage};
use serde_json::json;
use steady::content::QuizFile;

use crate::helpers::*;

fn quiz() -> QuizFile {
    content().quiz
}

/// The raw answer for each item: `anxiety`/`avoidance` are the keyed values wanted for that dimension.
fn raws_for(anxiety: u8, avoidance: u8) -> Vec<u8> {
    quiz()
        .items
        .iter()
        .map(|item| {
            let keyed = match item.dimension {
                steady::quiz::scoring::Dimension::Anxiety => anxiety,
                steady::quiz::scoring::Dimension::Avoidance => avoidance,
            };
            if item.reverse {
                8 - keyed
            } else {
                keyed
            }
        })
        .collect()
}

fn quiz_start() -> serde_json::Value {
    json!([{ "type": 1, "name": "start", "options": [] }])
}

fn answer_button(message: &ShownMessage, value: u8) -> String {
    let prefix = format!("{value} · ");
    message
        .buttons()
        .into_iter()
        .find(|b| b.label.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no answer button {value} on {:?}", message.buttons()))
        .custom_id
}

/// From the intro, takes the whole quiz with buttons; returns the result as shown.
async fn take_with_buttons(world: &World, who: &Actor, raws: &[u8]) -> ShownMessage {
    let mut shown = world.command(who, "quiz", quiz_start()).await;
    let total = raws.len();
    for (i, raw) in raws.iter().enumerate() {
        assert!(shown.text().contains(&format!("Question {} of {total}", i + 1)), "{}", shown.text());
        assert!(shown.text().contains(&quiz().items[i].text), "the item's own words");
        shown = updated(world.click_id(who, &shown, &answer_button(&shown, *raw)).await);
    }
    shown
}

#[tokio::test]
async fn a_whole_quiz_with_buttons_in_a_server_is_private_and_gives_scores_and_a_leaning() {
    let world = World::start().await;
    let alice = alice_in_server();
    let intro = world.command(&alice, "quiz", quiz_start()).await;
    assert!(intro.ephemeral());
    assert!(intro.text().contains("Question 1 of 12"), "/quiz start begins at once");
    assert!(intro.text().contains("2 minutes") || intro.text().contains("two minutes"), "{}", intro.text());
    assert!(intro.text().contains(content().support.disclaimer.text.trim()), "the disclaimer at the start");

    let result = take_with_buttons(&world, &alice, &raws_for(6, 2)).await;
    let text = result.text();
    assert!(text.contains("**Anxiety** 6.0") && text.contains("**Avoidance** 2.0"), "{text}");
    assert!(text.contains(&quiz().styles.anxious.name), "{text}");
    for trigger in &quiz().styles.anxious.triggers {
        assert!(text.contains(trigger.as_str()));
    }
    assert!(text.contains(content().support.disclaimer.text.trim()), "the disclaimer with the result");
    // The steps to start with are buttons into /step.
    let first = content().step(&quiz().styles.anxious.start_steps[0]).unwrap().clone();
    let step = message_of(world.click(&alice, &result, &format!("{}. {}", first.number, first.title)).await);
    assert!(step.text().contains(first.what.trim()));

    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_results").await, 1);
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 12);
    world.assert_all_valid();
}

#[tokio::test]
async fn straight_lined_answers_withhold_the_style_and_keep_the_scores() {
    let world = World::start().await;
    let result = take_with_buttons(&world, &alice_in_server(), &[5; 12]).await;
    let text = result.text();
    assert!(text.contains(quiz().messages.withheld_same.trim()), "{text}");
    // Forward items keyed 5, reverse keyed 3: means (4×5 + 2×3) / 6 = 4.3.
    assert!(text.contains("**Anxiety** 4.3"), "{text}");
    // The words point where the scores are: after the verdict.
    let said = text.find(quiz().messages.withheld_same.trim()).unwrap_or_default();
    let scores = text.find("**Anxiety** 4.3").unwrap_or_default();
    assert!(said < scores && text.contains("shown below") && !text.contains("shown above"), "{text}");
    assert!(result.button_by_label(&quiz().messages.new_quiz).is_some(), "a retake is offered");
}

#[tokio::test]
async fn a_whole_quiz_typed_in_the_dm() {
    let world = World::start().await;
    let alice = alice_in_dm();
    let intro = world.command(&alice, "quiz", quiz_start()).await;
    assert!(!intro.ephemeral());

    let q = quiz();
    let mut raws = raws_for(6, 2);
    let first_forward_anxiety = q
        .items
        .iter()
        .position(|i| i.dimension == steady::quiz::scoring::Dimension::Anxiety && !i.reverse)
        .unwrap();
    raws[first_forward_anxiety] = 7;
    // Numbers, the scale's labels and its typed words, in any case and with punctuation.
    let words: Vec<String> = raws
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let point = &q.scale.points[usize::from(*raw) - 1];
            match i % 3 {
                0 => format!("{raw}."),
                1 => point.label.clone(),
                _ => format!("{}!", point.typed[0].to_uppercase()),
            }
        })
        .collect();
    // The DM already holds the quiz's own message.
    let mut sent = world.standin.dm_messages(ALICE).len();
    world.standin.send_dm(&alice, "banana").await;
    sent += 1;
    wait_until("a hint", || world.standin.dm_messages(ALICE).len() == sent).await;
    let hint = world.standin.dm_messages(ALICE).last().unwrap().text();
    assert_eq!(hint, quiz().messages.typed_hint, "the hint, not a guessed answer");
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 0, "a non-answer is never guessed");

    for word in &words {
        world.standin.send_dm(&alice, word).await;
        sent += 1;
        wait_until("the bot answers", || world.standin.dm_messages(ALICE).len() == sent).await;
    }
    let result = world.standin.dm_messages(ALICE).last().unwrap().clone();
    let text = result.text();
    // Anxiety keyed 7 once and 6 five times → 6.2; avoidance keyed 2 throughout → 2.0.
    assert!(text.contains("**Anxiety** 6.2") && text.contains("**Avoidance** 2.0"), "{text}");
    assert!(text.contains(&quiz().styles.anxious.name), "{text}");
    world.assert_all_valid();
}

#[tokio::test]
async fn a_stopped_quiz_leaves_the_dm_alone_until_it_is_asked_to_go_on() {
    let world = World::start().await;
    let alice = alice_in_dm();
    world.command(&alice, "quiz", quiz_start()).await;
    say_in_dm(&world, "agree").await;
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 1);
    let stopped = say_in_dm(&world, "stop").await.text();
    assert!(stopped.contains("stopped for now"), "{stopped}");
    // Stopped: a greeting is a greeting, and "agree" is not an answer.
    let hello = say_in_dm(&world, "hello").await.text();
    assert!(hello.contains("/guide") && !hello.contains(&quiz().messages.typed_hint), "{hello}");
    let agree = say_in_dm(&world, "agree").await.text();
    assert!(agree.contains("/guide"), "not read as an answer: {agree}");
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 1, "nothing recorded while stopped");
    // Asked to go on, it picks up at the same question and reads typed answers again.
    let resumed = world.command(&alice, "quiz", quiz_start()).await;
    assert!(resumed.text().contains(&quiz().items[1].text), "{}", resumed.text());
    say_in_dm(&world, "agree").await;
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 2);
    world.assert_all_valid();
}

#[tokio::test]
async fn back_changes_an_answer_and_a_double_click_records_once() {
    let world = World::start().await;
    let alice = alice_in_server();
    let q1 = world.command(&alice, "quiz", quiz_start()).await;
    assert!(q1.button_by_label("◀ Back").unwrap().disabled, "nothing before the first question");
    let seven = answer_button(&q1, 7);
    let q2 = updated(world.click_id(&alice, &q1, &seven).await);

    // A double click: the first question's message as it was, clicked again.
    let again = message_of(world.response(&world.standin.click_stale(&alice, &q1, &seven).await).await);
    assert!(again.ephemeral());
    assert!(again.text().contains(quiz().messages.stale.trim()), "{}", again.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 1);
    assert_eq!(world.count("SELECT position FROM quiz_sessions").await, 1);

    let back = updated(world.click(&alice, &q2, "◀ Back").await);
    assert!(back.text().contains("Question 1 of 12"));
    let marked = back.buttons().into_iter().find(|b| b.label.starts_with("7 · ")).unwrap();
    assert_eq!(marked.style, 3, "the earlier answer is shown as chosen");
    let q2_again = updated(world.click_id(&alice, &back, &answer_button(&back, 1)).await);
    assert!(q2_again.text().contains("Question 2 of 12"));
    let raw: i64 = steady::on_pool!(world.app().store, |pool| {
        q::query_scalar("SELECT raw FROM quiz_answers").fetch_one(pool).await
    })
    .unwrap();
    assert_eq!(raw, 1, "Back then a new answer replaces the old one");
    world.assert_all_valid();
}

#[tokio::test]
async fn a_restart_mid_quiz_resumes_at_the_same_question() {
    let mut world = World::start().await;
    let alice = alice_in_server();
    let intro = world.command(&alice, "quiz", quiz_start()).await;
    let mut shown = intro;
    for _ in 0..3 {
        shown = updated(world.click_id(&alice, &shown, &answer_button(&shown, 3)).await);
    }
    world.restart_bot().await;
    let resumed = world.command(&alice, "quiz", quiz_start()).await;
    assert!(resumed.text().contains("Question 4 of 12"), "{}", resumed.text());
    assert!(resumed.text().contains(quiz().messages.resume.trim()));
    // The question's buttons from before the restart still work.
    let next = updated(world.click_id(&alice, &shown, &answer_button(&shown, 4)).await);
    assert!(next.text().contains("Question 5 of 12"));
    world.assert_all_valid();
}

#[tokio::test]
async fn stop_for_now_pauses_and_buttons_of_a_finished_quiz_say_so() {
    let world = World::start().await;
    let alice = alice_in_server();
    let q1 = world.command(&alice, "quiz", quiz_start()).await;
    let paused = updated(world.click(&alice, &q1, "Stop for now").await);
    assert!(paused.text().contains("7"), "how long answers are kept: {}", paused.text());
    let resumed = updated(world.click(&alice, &paused, &quiz().messages.start).await);
    assert!(resumed.text().contains("Question 1 of 12"));

    let first_question = resumed.clone();
    let mut shown = resumed;
    for raw in raws_for(2, 2) {
        shown = updated(world.click_id(&alice, &shown, &answer_button(&shown, raw)).await);
    }
    let old = message_of(
        world
            .response(
                &world.standin.click_stale(&alice, &first_question, &answer_button(&first_question, 4)).await,
            )
            .await,
    );
    assert!(old.text().contains(quiz().messages.finished_already.trim()), "{}", old.text());
    assert!(old.button_by_label(&quiz().messages.new_quiz).is_some());
    world.assert_all_valid();
}

#[tokio::test]
async fn the_history_shows_two_results_and_the_change_between_them() {
    let world = World::start().await;
    let alice = alice_in_server();
    take_with_buttons(&world, &alice, &raws_for(6, 2)).await;
    world.clock.advance(chrono::Duration::weeks(3));
    take_with_buttons(&world, &alice, &raws_for(2, 2)).await;
    let history =
        world.command(&alice, "quiz", json!([{ "type": 1, "name": "history", "options": [] }])).await;
    assert!(history.ephemeral());
    let text = history.text();
    assert_eq!(text.matches("<t:").count(), 2, "{text}");
    assert!(
        text.contains(&quiz().styles.anxious.name) && text.contains(&quiz().styles.secure.name),
        "{text}"
    );
    assert!(text.contains("Anxiety −4.0") && text.contains("Avoidance ±0.0"), "{text}");
    // A result whose verdict this version cannot read (written by another) is left out, not shown wrongly.
    let store = world.app().store.clone();
    steady::on_pool!(store, |pool| q::query(&format!(
        "INSERT INTO quiz_sessions (id, user_id, started_at, updated_at, item_ids, position, status) \
         VALUES (999, {ALICE}, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', 'a', 1, 'finished')"
    ))
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    steady::on_pool!(store, |pool| q::query(&format!(
        "INSERT INTO quiz_results (user_id, session_id, finished_at, anxiety, avoidance, anxiety_answered, \
         avoidance_answered, verdict, styles) VALUES ({ALICE}, 999, '2026-12-02T00:00:00Z', 4, 4, 6, 6, 'glowing', '')"
    ))
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    let again = world.command(&alice, "quiz", json!([{ "type": 1, "name": "history", "options": [] }])).await;
    assert_eq!(again.text().matches("<t:").count(), 2, "{}", again.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn crisis_words_typed_during_the_quiz_pause_it_and_offer_help() {
    let world = World::start().await;
    let alice = alice_in_dm();
    world.command(&alice, "quiz", quiz_start()).await;
    let before = world.standin.dm_messages(ALICE).len();
    world.standin.send_dm(&alice, "honestly I want to die").await;
    wait_until("the bot answers", || world.standin.dm_messages(ALICE).len() == before + 1).await;
    let reply = world.standin.dm_messages(ALICE).last().unwrap().clone();
    let text = reply.text();
    assert!(text.contains("findahelpline.com") && text.contains("988"), "{text}");
    assert!(!text.contains("Question"), "no quiz question after crisis words");
    assert!(text.contains(content().safety.quiz_paused.trim()), "the quiz waits, and says so: {text}");
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 0);
    let resumed = world.click(&alice, &reply, &quiz().messages.crisis_continue).await;
    let resumed = match resumed {
        Response::Updated(m) | Response::Message(m) => m,
        other => panic!("{other:?}"),
    };
    assert!(resumed.text().contains("Question 1 of 12"), "{}", resumed.text());
    // Right after the care reply, going on is offered gently, never cheerfully.
    assert!(resumed.text().contains(quiz().messages.resume.trim()), "{}", resumed.text());
    for breezy in ["Welcome back", "let's", "!"] {
        assert!(!resumed.text().contains(breezy), "{breezy:?} in {}", resumed.text());
    }
    world.assert_all_valid();
}

#[tokio::test]
async fn the_quiz_moves_to_the_dm_with_one_click_or_stays_when_dms_are_closed() {
    let world = World::start().await;
    let alice = alice_in_server();
    let intro = world.command(&alice, "quiz", quiz_start()).await;
    let moved = updated(world.click(&alice, &intro, "Continue in my DMs").await);
    assert!(moved.text().contains(quiz().messages.moved_to_dm.trim()));
    let dm = world.standin.dm_messages(ALICE);
    assert_eq!(dm.len(), 1);
    assert!(dm[0].text().contains("Question 1 of 12"));

    let bob = bob_in_server();
    world.standin.user_blocks_dms(BOB);
    let intro = world.command(&bob, "quiz", quiz_start()).await;
    let stayed = updated(world.click(&bob, &intro, "Continue in my DMs").await);
    assert!(stayed.text().contains(quiz().messages.dm_closed.trim()), "{}", stayed.text());
    assert!(stayed.text().contains("Question 1 of 12"), "the quiz carries on here");
}

#[tokio::test]
async fn an_unfinished_quiz_expires_after_the_configured_days() {
    let world = World::start().await;
    let alice = alice_in_server();
    let q1 = world.command(&alice, "quiz", quiz_start()).await;
    updated(world.click_id(&alice, &q1, &answer_button(&q1, 5)).await);
    world.clock.advance(chrono::Duration::days(i64::from(quiz().expiry_days) + 1));
    let fresh = world.command(&alice, "quiz", quiz_start()).await;
    assert!(fresh.text().contains("Question 1 of 12"), "a fresh quiz: {}", fresh.text());
    assert!(fresh.text().contains("days"), "the expiry is explained: {}", fresh.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_answers").await, 0, "old answers are cleared");
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_sessions WHERE status = 'expired'").await, 1);
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_sessions WHERE status = 'active'").await, 1);
}

#[tokio::test]
async fn typed_numbers_in_the_dm_give_the_scores_and_verdict_the_rules_give_for_many_patterns() {
    use steady::quiz::result;
    let world = World::start().await;
    let q = quiz();
    let mut seed: u64 = 2026;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as u8
    };
    let mut patterns: Vec<Vec<Option<u8>>> = vec![
        vec![Some(4); 12],
        raws_for(7, 7).into_iter().map(Some).collect(),
        raws_for(4, 2).into_iter().map(Some).collect(),
    ];
    for _ in 0..5 {
        patterns.push((0..12).map(|_| if next() % 9 == 0 { None } else { Some(next() % 7 + 1) }).collect());
    }
    for (n, pattern) in patterns.iter().enumerate() {
        let user = 500_000_000_000_000_000 + n as u64;
        let person = discord_standin::Actor::in_dm(user, "typist");
        world.command(&person, "quiz", quiz_start()).await;
        for answer in pattern {
            let before = world.standin.dm_messages(user).len();
            let text = answer.map_or_else(|| "skip".to_owned(), |raw| raw.to_string());
            world.standin.send_dm(&person, &text).await;
            wait_until("the next question", || world.standin.dm_messages(user).len() == before + 1).await;
        }
        let shown = world.standin.dm_messages(user).last().unwrap().text();

        let answers: Vec<(String, Option<u8>)> =
            q.items.iter().map(|i| i.id.clone()).zip(pattern.iter().copied()).collect();
        let answered = result::answered(&q, &answers);
        let outcome = result::outcome(&q, &answered);
        let stored = result::to_stored(&outcome, 0, chrono::Utc::now());
        let sentence = steady::render::quiz::verdict_sentence(&q, &stored);
        assert!(shown.contains(&sentence), "pattern {pattern:?}: expected {sentence:?} in\n{shown}");
        for (label, score) in [("Anxiety", stored.anxiety), ("Avoidance", stored.avoidance)] {
            let expected = score.map_or("–".to_owned(), |s| format!("{s:.1}"));
            assert!(
                shown.contains(&format!("**{label}** {expected}")),
                "pattern {pattern:?}: {label} {expected}\n{shown}"
            );
        }
    }
    assert_eq!(world.count("SELECT COUNT(*) FROM quiz_results").await, patterns.len() as i64);
    world.assert_all_valid();
}

/// Takes the whole quiz by typing numbers in Alice's DM; returns the result as shown.
async fn take_typed(world: &World, raws: &[u8]) -> ShownMessage {
    world.command(&alice_in_dm(), "quiz", quiz_start()).await;
    let mut shown = None;
    for raw in raws {
        shown = Some(say_in_dm(world, &raw.to_string()).await);
    }
    shown.expect("at least one answer")
}

#[tokio::test]
async fn a_result_in_the_dm_stays_when_its_buttons_are_pressed_and_the_history_opens_it_again_in_full() {
    let world = World::start().await;
    let alice = alice_in_dm();
    let q = quiz();
    let result = take_typed(&world, &raws_for(6, 2)).await;
    let before = result.text();
    assert!(before.contains(q.messages.breakdown_personal.as_str()), "{before}");
    let first = content().step(&q.styles.anxious.start_steps[0]).unwrap().clone();
    for label in [
        q.messages.history.clone(),
        format!("{}. {}", first.number, first.title),
        q.messages.new_quiz.clone(),
    ] {
        let answer = message_of(world.click(&alice, &result, &label).await);
        assert_ne!(answer.id, result.id, "{label}: a new message");
        let now = world.standin.message(result.id).expect("the result is still there");
        assert_eq!(now.text(), before, "{label}: the result is unchanged");
        assert_eq!(now.buttons(), result.buttons(), "{label}: its buttons still work");
    }
    // "Take it again" began a new quiz; stop it, and the history still opens the first result in full.
    say_in_dm(&world, "stop").await;
    let history =
        world.command(&alice, "quiz", json!([{ "type": 1, "name": "history", "options": [] }])).await;
    assert!(history.text().contains("**1.**"), "{}", history.text());
    let open = history.buttons().into_iter().find(|b| b.label.starts_with("1 · ")).expect("an open button");
    let reopened = message_of(world.click_id(&alice, &history, &open.custom_id).await);
    for part in [
        q.styles.anxious.triggers[0].as_str(),
        q.styles.anxious.strengths[0].as_str(),
        q.messages.breakdown_personal.as_str(),
        q.messages.start_with.as_str(),
        "**Anxiety** 6.0",
    ] {
        assert!(reopened.text().contains(part), "{part:?} in the reopened result:\n{}", reopened.text());
    }
    assert!(reopened.text().starts_with("Your result from <t:"), "{}", reopened.text());
    assert!(world.standin.message(history.id).is_some_and(|h| h.text() == history.text()), "history stays");

    // A result that is not Alice's, or no longer kept, is answered kindly.
    let forged = format!("v1:{ALICE}:k:qr:999999");
    let old = world.old_message_with_buttons(&[&forged]).await;
    let gone = message_of(world.click_id(&alice_in_server(), &old, &forged).await);
    assert_eq!(gone.text().trim(), q.messages.result_gone.trim());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_result_between_styles_shows_a_little_of_each_and_steps_from_the_strongest_answers() {
    let world = World::start().await;
    let q = quiz();
    // Anxiety exactly 4.0 (on the line), avoidance leaning high: between dismissive and fearful.
    let mut raws = raws_for(4, 6);
    // The strongest answer: the avoidance statement about sorting things out alone, strongly agreed.
    let alone = q.items.iter().position(|i| i.id == "avo-sort-it-alone").unwrap();
    raws[alone] = 7;
    let result = take_typed(&world, &raws).await;
    let text = result.text();
    let (dismissive, fearful) = (&q.styles.dismissive, &q.styles.fearful);
    for part in [
        dismissive.triggers[0].as_str(),
        fearful.triggers[0].as_str(),
        dismissive.strengths[0].as_str(),
        fearful.strengths[0].as_str(),
        dismissive.growth[0].as_str(),
        fearful.growth[0].as_str(),
    ] {
        assert!(text.contains(part), "{part:?} in\n{text}");
    }
    assert!(!text.contains("shown above") && !text.contains("scores above"), "{text}");
    // The first step suggested is the one the strongest answer asks about, not the secure fallback.
    let strongest = content().step(&q.items[alone].step).unwrap().clone();
    let steps: Vec<String> =
        result.buttons().iter().map(|b| b.label.clone()).filter(|l| l.contains(". ")).collect();
    assert_eq!(steps.first(), Some(&format!("{}. {}", strongest.number, strongest.title)), "{steps:?}");
    world.assert_all_valid();
}
