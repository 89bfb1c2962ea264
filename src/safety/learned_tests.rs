//! The weighed reading: its features keep their names through the weights file, a broken or stale file is
//! refused with the line that is wrong, it answers only when no rule did and a risk concept was read, and
//! training is deterministic. The sentences are written here, not taken from the labelled sets.

use std::path::Path;

use super::learned::HEADS;
use super::learned::{keys, name, scores, weigh};
use super::training::{example, train, Training};
use super::*;

fn lexicon() -> Detector {
    crate::content::crisis_rules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .expect("lexicon loads")
}

fn with(tsv: &str) -> Detector {
    lexicon().with_weights(tsv).expect("weights load")
}

fn features(detector: &Detector, text: &str) -> Vec<u64> {
    let tokens = text::tokens(text, &detector.rewrites);
    let found = concepts::find(detector, &tokens);
    let mut out = Vec::new();
    keys(&tokens, &found, &mut out);
    out
}

/// Read with risk concepts in it (a bridge, a goodbye), but no rule answers it.
const WEIGHED: &str = "the movie was about a bridge and a goodbye";
/// No risk concept at all.
const PLAIN: &str = "we watched a film and made pancakes";

#[test]
fn every_feature_keeps_its_name_through_the_weights_file() {
    let d = lexicon();
    let text = "I said \"she wants to die\" but i do not want to die, i bought rope and zxqv blorp";
    let keys = features(&d, text);
    assert!(keys.len() > 20, "{} features", keys.len());
    let mut tsv = String::from("bias\t0\t0\n");
    for k in &keys {
        tsv.push_str(&format!("{}\t0.5\t-0.5\n", name(&d, *k)));
    }
    let loaded = d.clone().with_weights(&tsv).expect("its own names load");
    assert_eq!(loaded.learned.weights.len(), keys.len(), "every name is read back as one feature");
    for k in &keys {
        assert_eq!(loaded.learned.weights.get(k).map(|w| w.1), Some([0.5, -0.5]), "{}", name(&d, *k));
    }
    let names: Vec<String> = keys.iter().map(|k| name(&d, *k)).collect();
    for kind in ["c:", "p:", "w:", "b:"] {
        assert!(names.iter().any(|n| n.starts_with(kind)), "no {kind} feature in {names:?}");
    }
    assert!(names.iter().any(|n| n == "w:?"), "an unknown word is one feature: {names:?}");
}

#[test]
fn a_broken_or_stale_weights_file_is_refused_with_its_line() {
    let d = lexicon();
    for (tsv, says) in [
        ("bias\t0\t0\nc:no_such_concept\t1\t1\n", "line 2: \"c:no_such_concept\""),
        ("bias\t0\t0\nw:zzqqxxv\t1\t1\n", "line 2: \"w:zzqqxxv\""),
        ("bias\t0\t0\nw:die\t1\n", "line 2: a name and two numbers"),
        ("# header\nbias\t0\tNaN\n", "line 2: a name and two numbers"),
        ("w:die\t1\t1\n", "no bias line"),
        ("bias\t0\t0\nw:die\t1\t1\nw:die\t2\t2\n", "line 3: \"w:die\" is given twice"),
    ] {
        let problems = d.clone().with_weights(tsv).expect_err(tsv);
        assert!(problems.iter().any(|p| p.contains(says)), "{tsv:?}: {problems:?}");
    }
}

#[test]
fn the_weighed_reading_answers_only_when_no_rule_did_and_a_risk_concept_was_read() {
    let plain = lexicon();
    assert_eq!(check(WEIGHED, &plain), None, "no rule answers it, and no weights: no answer");
    // Every message scores high on risk: only one with a risk concept is weighed.
    let sure = with("bias\t10\t-10\n");
    assert_eq!(
        check(WEIGHED, &sure),
        Some(Finding { outcome: Outcome::Concern, rule: LEARNED_CONCERN.to_owned() })
    );
    assert_eq!(check(PLAIN, &sure), None, "no risk concept, never weighed");
    assert_eq!(check("", &sure), None);
    // A rule's answer stands.
    let rule = check("i am going to kill myself tonight", &sure).expect("a rule answers");
    assert_eq!(rule.outcome, Outcome::Crisis);
    assert_ne!(rule.rule, LEARNED_CONCERN);
    // The threat score is read first, and has its own reply.
    let threat = with("bias\t10\t10\n");
    assert_eq!(check(WEIGHED, &threat).map(|f| f.outcome), Some(Outcome::HarmToOthers));
    assert_eq!(explain_rules(WEIGHED, &threat).0, vec![LEARNED_HARM.to_owned()]);
    // Below the lexicon's thresholds, nothing.
    let unsure = with("bias\t-10\t-10\n");
    assert_eq!(check(WEIGHED, &unsure), None);
}

#[test]
fn a_weight_moves_the_score_of_a_message_that_has_its_feature() {
    let d = with("bias\t-5\t-5\nc:means\t12\t0\n");
    let [risk, threat] = scores(&d.learned, &features(&d, WEIGHED));
    assert!(risk > 0.99 && threat < 0.01, "{risk} {threat}");
    assert_eq!(check(WEIGHED, &d).map(|f| f.outcome), Some(Outcome::Concern));
    let other = "the movie was about a long goodbye";
    let [risk, _] = scores(&d.learned, &features(&d, other));
    assert!(risk < 0.01, "no means, no weight: {risk}");
}

#[test]
fn training_is_deterministic_and_learns_its_examples() {
    let d = lexicon();
    let labelled = [
        ("i keep thinking about the bridge and not coming home", true),
        ("i want to go to the bridge and never come back", true),
        ("we walked across the bridge to the market", false),
        ("the bridge was closed so we took the bus home", false),
    ];
    let examples: Vec<_> = labelled.iter().filter_map(|(t, risk)| example(&d, t, *risk, false)).collect();
    assert_eq!(examples.len(), labelled.len(), "each has a risk concept");
    let settings = Training { epochs: 30, ..Training::default() };
    let (a, b) = (train(&d, &examples, &settings), train(&d, &examples, &settings));
    assert_eq!(a.to_tsv("h"), b.to_tsv("h"), "one seed, one result");
    let learned = d.clone().with_weights(&a.to_tsv("h")).expect("its own output loads");
    let risk = |t: &str| scores(&learned.learned, &features(&learned, t))[0];
    for (t, at_risk) in labelled {
        assert_eq!(risk(t) > 0.5, at_risk, "{t}: {}", risk(t));
    }
}

fn weighed_scores(detector: &Detector, text: &str) -> [f32; HEADS] {
    let tokens = text::tokens(text, &detector.rewrites);
    let found = concepts::find(detector, &tokens);
    weigh(detector, &tokens, &found)
}

#[test]
fn a_short_message_is_weighed_whole_as_it_was_learned_and_a_long_one_around_each_risk() {
    let d = with(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content").join(crate::content::WEIGHTS),
        )
        .expect("weights"),
    );
    let short = "Work was long. I keep thinking about the bridge. Nobody would notice. Anyway, dinner.";
    let whole = scores(&d.learned, &features(&d, short));
    let weighed = weighed_scores(&d, short);
    for h in 0..HEADS {
        assert!((whole[h] - weighed[h]).abs() < 1e-5, "{whole:?} {weighed:?}");
    }
    // Far from the only risk sentence, a weighted word does not count: eight sentences away.
    let far = with("bias\t-5\t-5\nc:means\t3\t0\nw:cake\t10\t0\n");
    let risk = "the movie was about a bridge.";
    let cake = "we ate cake.";
    let near_text = format!("{risk} {cake}");
    let far_text = format!("{risk} a. b. c. d. e. f. g. {cake}");
    assert!(weighed_scores(&far, &near_text)[0] > 0.99, "cake beside the bridge counts");
    assert!(weighed_scores(&far, &far_text)[0] < 0.2, "cake far from it does not");
    assert_eq!(weighed_scores(&far, "we ate cake. then more cake."), [0.0; HEADS], "no risk, not weighed");
}
