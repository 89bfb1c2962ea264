//! The reply to crisis words, fitted to where they were said: in a DM with nothing waiting, during a typed
//! check-in, and for each outcome.

use discord_standin::ShownMessage;
use steady::content::SafetyFile;

use crate::helpers::say_in_dm as say;
use crate::helpers::*;

fn safety() -> SafetyFile {
    content().safety
}

fn title(message: &ShownMessage) -> String {
    message.embeds.first().and_then(|e| e["title"].as_str()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn an_alarm_during_a_typed_check_in_ends_it_and_keeps_what_was_written() {
    let world = World::start().await;
    let s = safety();
    // At the first question: the words are the feeling.
    assert!(say(&world, "check in").await.text().contains("what are you feeling"));
    let care = say(&world, "I want to die").await;
    assert_eq!(title(&care), s.reply_title);
    assert!(care.text().contains(s.kept_checkin.trim()), "{}", care.text());
    assert!(!care.text().contains(s.quiz_paused.trim()), "no quiz was waiting: {}", care.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 1);
    assert_eq!(world.count("SELECT COUNT(*) FROM pending_checkins").await, 0, "the check-in has ended");
    let next = say(&world, "thank you").await;
    assert!(next.text().contains("/guide") && !next.text().contains("Saved privately"), "{}", next.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 1, "\"thank you\" is not a check-in");

    // At the second question: the feeling already given and the words as the need.
    assert!(say(&world, "check in").await.text().contains("what are you feeling"));
    assert!(say(&world, "tired but okay").await.text().contains("what do you need"));
    let care = say(&world, "I want to die").await;
    assert!(care.text().contains(s.kept_checkin.trim()), "{}", care.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 2);
    let next = say(&world, "thank you").await;
    assert!(next.text().contains("/guide"), "{}", next.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 2);
    world.assert_all_valid();
}

#[tokio::test]
async fn a_crisis_dm_with_nothing_waiting_says_nothing_of_a_quiz() {
    let world = World::start().await;
    let s = safety();
    let care = say(&world, "I want to die").await;
    assert_eq!(title(&care), s.reply_title);
    let text = care.text();
    assert!(text.contains("findahelpline.com") && text.contains("988"), "{text}");
    assert!(!text.contains(s.quiz_paused.trim()), "{text}");
    assert!(!text.contains(s.kept_checkin.trim()) && !text.contains(s.kept_journal.trim()), "{text}");
    assert!(care.button_by_label(&content().quiz.messages.crisis_continue).is_none(), "{:?}", care.buttons());
    assert!(care.button_by_label(&content().ui.buttons.more_help).is_some(), "{:?}", care.buttons());
    world.assert_all_valid();
}

#[tokio::test]
async fn harm_to_others_has_its_own_heading() {
    let world = World::start().await;
    let care = say(&world, "I'm going to kill him").await;
    assert_eq!(title(&care), safety().others_title);
    assert_ne!(title(&care), content().support.crisis.title);
    let opening = safety().others_reply.trim().lines().next().unwrap_or_default().to_owned();
    assert!(care.text().contains(&opening), "{}", care.text());
    assert!(care.button_by_label(&content().ui.buttons.more_help).is_some());
    world.assert_all_valid();
}

#[tokio::test]
async fn a_concern_gets_a_gentle_check_not_the_crisis_card() {
    let world = World::start().await;
    let s = safety();
    let care = say(&world, "I can't do this anymore").await;
    assert_eq!(title(&care), s.concern_title);
    assert_ne!(title(&care), s.reply_title);
    let text = care.text();
    assert!(text.contains("findahelpline.com") && text.contains("/support"), "{text}");
    assert!(!text.contains("988"), "no list of crisis lines: {text}");
    assert!(care.button_by_label(&content().ui.buttons.more_help).is_some(), "{:?}", care.buttons());
    world.assert_all_valid();
}

#[tokio::test]
async fn words_no_rule_names_but_the_weighed_reading_does_get_the_gentle_check() {
    let world = World::start().await;
    let s = safety();
    let text = "i keep wondering how long it would take them to find me";
    let finding =
        steady::safety::check(text, &content().crisis_language).expect("the weighed reading answers");
    assert_eq!(finding.rule, steady::safety::LEARNED_CONCERN, "no rule names it");
    let care = say(&world, text).await;
    assert_eq!(title(&care), s.concern_title);
    assert!(care.text().contains("/support"), "{}", care.text());
    assert!(!care.text().contains("/guide"), "care instead of the command hint: {}", care.text());
    world.assert_all_valid();
}

#[tokio::test]
async fn worry_for_someone_else_gets_how_to_help_them() {
    let world = World::start().await;
    let s = safety();
    let help = say(&world, "My friend told me she wants to kill herself").await;
    assert_eq!(title(&help), s.someone_else_title);
    assert!(help.text().contains("Look after yourself too"), "{}", help.text());
    assert!(!help.text().contains("/guide"), "help instead of the command hint: {}", help.text());
    assert!(help.button_by_label(&content().ui.buttons.more_help).is_some(), "{:?}", help.buttons());

    // During a typed check-in the words are its answer, as usual, and the help comes with the next question.
    assert!(say(&world, "check in").await.text().contains("what are you feeling"));
    let next = say(&world, "My friend told me she wants to kill herself").await;
    assert!(next.text().contains("what do you need"), "the check-in goes on: {}", next.text());
    assert_eq!(title(&next), s.someone_else_title);
    let saved = say(&world, "to call her tonight").await;
    assert!(saved.text().contains("Saved privately"), "{}", saved.text());
    assert_eq!(world.count("SELECT COUNT(*) FROM checkins").await, 1);
    world.assert_all_valid();
}
