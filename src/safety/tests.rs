//! The shipped lexicon, rule by rule and guard by guard, each with a sentence that needs it and an
//! everyday sentence beside it that must not raise it. The sentences are written here, not taken from
//! the labelled sets the evaluation measures.

use std::sync::OnceLock;

use super::*;

fn detector() -> &'static Detector {
    static CONTENT: OnceLock<crate::content::Content> = OnceLock::new();
    &CONTENT
        .get_or_init(|| {
            crate::content::Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
                .expect("content loads")
        })
        .crisis_language
}

/// The rules alone, without the learned weights: what a rule's own test is about.
fn rules_only() -> &'static Detector {
    static RULES_ONLY: OnceLock<Detector> = OnceLock::new();
    RULES_ONLY.get_or_init(|| {
        crate::content::crisis_rules(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .expect("lexicon loads")
    })
}

fn outcome(text: &str) -> Option<Outcome> {
    check(text, detector()).map(|f| f.outcome)
}

fn fired(text: &str) -> Vec<String> {
    explain_rules(text, detector()).0
}

/// (rule, a sentence it must fire on, a sentence beside it it must not fire on)
const RULES: &[(&str, &str, &str)] = &[
    (
        "someone else may be at risk",
        "my cousin says she wants to kill herself",
        "my cousin says she wants a cat",
    ),
    ("suicide said", "i have been suicidal since march", "i have been anxious since march"),
    ("intent with suicide", "i'm going to kill myself after the party", "i'm going to the party after work"),
    ("a plan or time for suicide", "ending my life this friday", "ending my lease this friday"),
    ("wish to die", "honestly i just wanna be dead", "honestly i just wanna be held"),
    ("wish not to live", "i dont want to exist any more", "i dont want to text him any more"),
    (
        "one's own death as a relief",
        "being dead sounds peaceful to me",
        "being outside sounds peaceful to me",
    ),
    (
        "if I were dead",
        "if i was dead nobody would have to deal with me",
        "if i was late nobody would notice",
    ),
    ("waiting not to be alive", "im just waiting until im not alive", "im just waiting until im not tired"),
    ("thinking of death", "i keep thinking about dying", "i keep thinking about dinner"),
    (
        "thinking of ending it",
        "for the first time i am thinking about ending it",
        "for the first time i am thinking about ending the lease",
    ),
    ("thinking of not living", "i think about not existing a lot", "i think about not texting him a lot"),
    (
        "thinking of not being here",
        "i keep thinking about not being around",
        "i keep thinking about being around him",
    ),
    ("thinking of vanishing for good", "i want to vanish forever", "i want to travel forever"),
    ("done with life", "im so tired of living", "im so tired of cooking"),
    ("no reason to live", "i have no reason to live", "i have no reason to stay up"),
    ("why go on living", "why bother living", "why bother texting"),
    ("intent to end it", "i am going to end it tonight", "i am going to end the call now"),
    ("a time to end it", "tonight i end it", "tonight i end the week with pizza"),
    ("not alive by a time", "i wont make it to next month", "i wont make it to the gym next month"),
    ("gone by a time", "by sunday i will be gone", "by sunday i will be home"),
    ("intent to die", "im going to die tonight", "im going to dinner tonight"),
    ("how and when", "i know how and when now", "i know how to cook now"),
    ("a plan with a time", "my plan is for this weekend", "my plan is a picnic with friends"),
    (
        "burden and death",
        "im such a burden, they would be fine if i died",
        "im such a burden when i ask my flatmate for lifts",
    ),
    (
        "better off without me",
        "my friends are better off without me",
        "my friends are better off with a bigger flat",
    ),
    (
        "a burden nobody would miss",
        "im a burden and nobody would miss me",
        "im a burden when i ask for lifts",
    ),
    ("a relapse", "relapsed last night and cut my arm", "relapsed last night and smoked"),
    ("wanting someone dead", "i want my stepdad dead", "i want my stepdad to visit"),
    ("nobody would miss me", "honestly nobody would miss me", "honestly nobody would text me back"),
    (
        "hopeless and death",
        "everything is hopeless and i want to disappear",
        "its hopeless trying to fix the printer",
    ),
    (
        "my existence is the problem",
        "me being alive just makes things worse for everyone",
        "me being late makes my boss cross",
    ),
    ("no longer a burden", "i wont be a burden for much longer", "i wont be late for much longer"),
    (
        "means with intent",
        "i have pills and im going to take them all tonight",
        "i have pills for my hay fever",
    ),
    ("means within reach", "i have been saving up my pills", "i have been saving up for a bike"),
    (
        "saved up enough to die",
        "i have saved up enough to never wake up",
        "i have saved up enough for a trip",
    ),
    (
        "looking up the wrong things",
        "been reading up on the wrong things, for me",
        "been reading up on dog training",
    ),
    ("looking up ways to die", "i looked up what dying feels like", "i looked up what dinner to make"),
    ("self-harm said", "i relapsed with self harm", "i relapsed with smoking"),
    ("hurting oneself", "i burned my arm on purpose", "i burned the toast"),
    ("an urge to hurt", "i need to bleed", "i need to sleep"),
    ("holding off an urge", "trying so hard not to cut tonight", "trying so hard not to text him tonight"),
    ("hurting on purpose", "i scratched until it bled on purpose", "i scratched the car door by accident"),
    ("tools kept for self-harm", "i hid my blades in a sock", "i hid the presents in a sock"),
    (
        "hiding the marks",
        "wearing a jacket so nobody can see my arms",
        "wearing a jacket so nobody can see my dress",
    ),
    (
        "long sleeves and a reason not said",
        "long sleeves again in this heat. you know why",
        "long sleeves in this wind",
    ),
    (
        "a farewell for good",
        "goodbye everyone, this is my last message",
        "goodbye everyone, see you tomorrow",
    ),
    (
        "settling affairs for good",
        "i gave away my things, i wont need them anymore",
        "i gave away my things before moving house",
    ),
    (
        "a last message to pass on",
        "tell my brother i forgive him. it's not his fault",
        "tell my brother dinner is at six",
    ),
    (
        "a last time no one knows",
        "nobody knows this was the last time i will see them",
        "nobody knows the answer",
    ),
    ("gone for good", "you wont hear from me again", "you will hear from me tomorrow"),
    (
        "letters left to be found",
        "i left a note for my sister on the table",
        "i left a cake for my sister on the table",
    ),
    ("revenge on someone", "ill make my ex regret this", "ill make my ex a card"),
    ("taking others along", "if she leaves, none of us will be here tomorrow", "none of us liked the film"),
    (
        "many signs of a threat",
        "they will regret it. friday. i have a knife and i know where they sit",
        "they will regret missing the film on friday",
    ),
    (
        "many signs of a threat, the writer unnamed",
        "gonna make everyone at that office pay. they'll be on the news. already picked the day",
        "everyone at the office will pay for lunch on friday",
    ),
    ("harm done, and again", "i slapped my wife and i cant control it", "i slapped my forehead and laughed"),
    (
        "won't be heard from again",
        "this is my final post, i wont be around anymore",
        "this is my final post about the quiz",
    ),
    ("intent to harm someone", "im going to stab him", "im going to call him"),
    ("a wish to harm someone", "i want to hurt my stepdad", "i want to hug my stepdad"),
    ("harm to someone, meant", "i will kill him, i mean it", "i will call him, i promise"),
    (
        "a weapon, and meant",
        "at the match i'll end him. i mean it. bringing the bat",
        "at the match i'll cheer. i mean it. bringing the flag",
    ),
    ("harm to a group", "im going to shoot up the school", "im going to show up at the school"),
    ("fear of one's own urge to harm", "im scared i might hurt my baby", "im scared i might wake my baby"),
    ("a weapon and a grudge", "my ex ruined my life and i have a knife", "my ex bought me a knife set"),
    (
        "thinking of harming someone",
        "i keep thinking about strangling my boss",
        "i keep thinking about my boss",
    ),
    ("a wish for it all to end", "i want it all to end", "i want the semester to end"),
    (
        "it will never get better, and death",
        "things will not get better, i want to disappear",
        "things will not get better at this rate",
    ),
    (
        "a bus that is not a bus",
        "catching the bus friday, the other kind",
        "catching the bus friday to see mum",
    ),
    ("one's own funeral, and goodbye", "i planned my funeral. goodbye", "i planned my wedding. see you"),
    ("calm now that it is settled", "everything is sorted and i feel calm now", "i feel calm now"),
    (
        "researching how people died",
        "reading about how people killed themselves",
        "reading about how people kill time",
    ),
    (
        "many signs of harm toward someone",
        "my neighbour wrecked my life. i know where he lives and tomorrow he gets hurt",
        "my neighbour is nice",
    ),
    (
        "many signs of a goodbye",
        "gave my guitar to my cousin, left a note. won't need any of it",
        "gave my guitar to my cousin",
    ),
    (
        "many signs of risk",
        "nobody would care, i think about dying, whats the point, i want to disappear",
        "nobody texted today",
    ),
    ("can't go on", "i cant do this anymore", "i cant do this maths homework"),
    ("a burden", "i feel like a burden to everyone", "i feel like a pizza"),
    ("wanting not to be here", "i dont want to be here anymore", "i dont want to be late"),
    ("wanting to disappear", "i want to disappear", "i want to dance"),
    ("hopeless", "its hopeless, i cant go on", "its hopeless, the wifi is down"),
    (
        "it will never get better",
        "nothing will ever get better in my life",
        "nothing will ever get better than this pizza",
    ),
    ("what's the point", "whats the point of anything", "whats the plan for today"),
    ("someone else's suicide risk", "my friend is suicidal", "my friend is moving"),
    ("someone else's wish to die", "my brother says he wants to die", "my brother says he wants a dog"),
    ("someone else is self-harming", "my son has been self harming", "my son has been skateboarding"),
];

/// (guard, a sentence it turns off, the sentence without what the guard reads, which alarms)
const GUARDS: &[(&str, &str, &str)] = &[
    ("a topic, not the writer", "we are studying suicide in psych class", "i am thinking about suicide"),
    ("a past that is over", "i used to self harm years ago, now i am doing well", "i self harm"),
    ("a hypothetical question", "what if someone wants to die, how do i help", "i want to die"),
    (
        "hyperbole about something small",
        "if i have to do this homework again i will die lol",
        "i will die tonight",
    ),
    (
        "said in jest",
        "i'm going to murder my brother for eating my fries lol",
        "i'm going to murder my brother",
    ),
    ("something small", "i'm going to kill him if he eats my leftovers", "i'm going to kill him"),
    ("an accident", "i cut myself chopping onions, ouch", "i cut myself"),
    (
        "asked, and honestly no",
        "my doctor asked if i have thoughts of suicide and i said no, which was true",
        "i have thoughts of suicide",
    ),
    ("safe use of means", "got a new rope for climbing", "got a new rope, nobody knows"),
    (
        "a break, not a goodbye",
        "goodbye everyone, this is my last message for tonight, see you tomorrow",
        "goodbye everyone, this is my last message",
    ),
];

#[test]
fn every_rule_fires_on_its_sentence_and_not_on_the_one_beside_it() {
    let mut problems = Vec::new();
    for (rule, yes, no) in RULES {
        if !fired(yes).iter().any(|r| r == rule) {
            problems.push(format!("{rule:?} did not fire on {yes:?}: {:?}", fired(yes)));
        }
        if fired(no).iter().any(|r| r == rule) {
            problems.push(format!("{rule:?} fired on {no:?}"));
        }
        // The sentence beside a rule's is a near miss on purpose; the rules alone leave it quiet (the
        // weighed reading is measured on everyday sentences below, and on the labelled sets).
        if check(no, rules_only()).is_some_and(|f| f.outcome.is_alarm()) {
            problems.push(format!("{no:?} raised an alarm: {:?}", check(no, rules_only())));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_rule_in_the_file_has_a_sentence_here() {
    let tested: Vec<&str> = RULES.iter().map(|(r, _, _)| *r).collect();
    let untested: Vec<&str> = detector().rule_names().filter(|r| !tested.contains(r)).collect();
    assert!(untested.is_empty(), "rules without a unit test: {untested:?}");
}

#[test]
fn every_guard_turns_off_its_reading_and_only_that() {
    let mut problems = Vec::new();
    for (guard, guarded, plain) in GUARDS {
        let (_, held) = explain_rules(guarded, detector());
        if !held.iter().any(|g| g == guard) {
            problems.push(format!("{guard:?} did not hold on {guarded:?}: {held:?}"));
        }
        if outcome(guarded).is_some_and(Outcome::is_alarm) {
            problems.push(format!("{guarded:?} still alarmed: {:?}", check(guarded, detector())));
        }
        if !outcome(plain).is_some_and(Outcome::is_alarm) {
            problems.push(format!("{plain:?} should alarm without the guard"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn explicit_intent_is_never_turned_off_by_a_guard_or_a_negation() {
    for text in [
        "I'm not joking, I'm going to kill myself",
        "not gonna lie, i'm going to kill myself tonight lol",
        "we studied it in class, but i'm going to end my life this weekend",
        "I used to self-harm years ago, I'm doing well now, but I'm going to kill myself tonight",
        "im not going to lie to you, i have pills and im taking them tonight",
    ] {
        assert_eq!(outcome(text), Some(Outcome::Crisis), "{text}");
    }
}

#[test]
fn a_negation_turns_a_statement_around() {
    for text in [
        "I would never kill myself",
        "I'm not suicidal, just sad about the breakup",
        "i dont want to die, i want to get better",
        "I'm not going to hurt myself",
    ] {
        assert!(!outcome(text).is_some_and(Outcome::is_alarm), "{text}: {:?}", check(text, detector()));
    }
    for text in [
        "I don't want to die, I just want to hurt myself",
        "I'm not going to do anything, but I think about killing myself every day",
        "i dont want to be alive anymore",
    ] {
        assert_eq!(outcome(text), Some(Outcome::Crisis), "{text}");
    }
}

#[test]
fn word_forms_spelling_and_slang_are_one_concept() {
    for text in [
        "I keep thinking about dying",
        "i keep thinkin about dyin",
        "I keep thinking about death",
        "i wanna dieeee",
        "I WANT TO DIE",
        "i want to kms",
        "thinking about sewerslide",
        "gonna ctb tonight",
        "i want to unalive myself",
        "i dont want to be alive anymore",
        "im so done with being alive",
        "I don\u{2019}t want to be alive anymore",
        "i\u{200b} want to die",
        "ｉ ｗａｎｔ ｔｏ ｄｉｅ",
        "i want to off myself",
    ] {
        assert_eq!(outcome(text), Some(Outcome::Crisis), "{text}: {:?}", check(text, detector()));
    }
}

#[test]
fn idioms_and_distances_are_not_alarms() {
    for text in [
        "I'm dying to see the new film",
        "you killed it at the open mic",
        "my phone died halfway through the call",
        "I'd kill for a coffee right now",
        "ran 12 kms before breakfast",
        "we live 300 kms apart",
        "I'm dead tired after the night shift",
        "that cake is to die for",
        "killing time before my train",
        "I could die of embarrassment",
    ] {
        assert!(!outcome(text).is_some_and(Outcome::is_alarm), "{text}: {:?}", check(text, detector()));
    }
}

#[test]
fn emoji_count_only_where_the_words_carry_the_risk() {
    assert_eq!(outcome("💊💊💊"), None);
    assert_eq!(outcome("🔪"), None);
    assert_eq!(outcome("💀💀💀 im dead"), None);
    assert_eq!(outcome("been saving these 💊 for when im ready"), Some(Outcome::Crisis));
}

#[test]
fn bad_input_gets_an_answer_and_never_a_panic() {
    let long_ordinary = "I made tea and felt a little steadier. ".repeat(110);
    let long_with_crisis =
        format!("{}I am going to kill myself tonight. {}", &long_ordinary[..2000], &long_ordinary[..1900]);
    for text in [
        "",
        "   \n\t  ",
        "\u{200b}\u{200d}\u{feff}",
        "🙂🙂🙂🙂",
        "мне грустно 今日は悲しい i feel sad",
        "\u{202e}reversed text",
        "'''\"\"\"...,,,;;;",
        &"a".repeat(5_000),
        &"🙂".repeat(4_000),
        &long_ordinary,
    ] {
        assert!(
            !outcome(text).is_some_and(Outcome::is_alarm),
            "{:?}",
            text.chars().take(40).collect::<String>()
        );
    }
    assert_eq!(outcome(&long_with_crisis), Some(Outcome::Crisis), "one crisis line in a long entry is found");
}

#[test]
fn threats_toward_others_get_their_own_outcome() {
    for text in ["I'm going to kill him", "im gonna hurt my ex so bad, i mean it", "I want my stepdad dead"] {
        assert_eq!(outcome(text), Some(Outcome::HarmToOthers), "{text}: {:?}", check(text, detector()));
    }
    for text in ["my mum would kill me if she knew", "my boyfriend said he'd kill me for spoiling the show"] {
        assert!(!outcome(text).is_some_and(Outcome::is_alarm), "{text}: {:?}", check(text, detector()));
    }
}

#[test]
fn someone_elses_risk_is_not_the_writers() {
    for text in [
        "my best friend told me she wants to die, how do i help",
        "my son has been cutting himself",
        "I'm worried my dad is suicidal",
    ] {
        assert_eq!(outcome(text), Some(Outcome::SomeoneElse), "{text}: {:?}", check(text, detector()));
    }
}

/// Everyday sentences with the words of risk in them, said safely. Written here, not taken from a labelled
/// set; the shipped check, weights included, must leave every one of them quiet.
const EVERYDAY: &[&str] = &[
    "my laptop battery is about to die, brb",
    "that presentation killed me, in a good way",
    "we're ending the lease in june and moving closer to work",
    "the doctor changed my pills and i sleep better now",
    "walked over the old bridge with my sister, lovely view",
    "saying goodbye to my flatmate tomorrow, she got a job in leeds",
    "last message from me tonight, off to bed",
    "i gave my old winter coats to the charity shop",
    "i'm so done with this week lol",
    "the hero dies at the end of the book and i cried",
    "i could murder a pizza right now",
    "my sister is going to kill me for borrowing her car",
    "i'll be gone for the weekend, camping with no signal",
    "i feel like a burden when i ask for help with the dishes",
    "we watched a documentary about the war and it was heavy",
    "i'm dying to hear how your date went",
    "haha i'd rather die than sing karaoke again",
    "i've been thinking about the end of the relationship a lot, it still stings",
    "writing my will now that the baby is here feels grown up",
    "the game has a level where you jump off a cliff, so fun",
];

#[test]
fn everyday_sentences_stay_quiet_with_the_weights() {
    let loud: Vec<String> = EVERYDAY
        .iter()
        .filter_map(|s| {
            check(s, detector()).filter(|f| f.outcome.is_alarm()).map(|f| format!("{s:?}: {f:?}"))
        })
        .collect();
    assert!(loud.is_empty(), "\n{}", loud.join("\n"));
}
