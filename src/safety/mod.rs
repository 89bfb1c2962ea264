//! The one crisis-language check that every piece of typed text passes through before it is read.
//!
//! It reads for meaning, not for exact phrases: the text is normalised and stemmed (`text`), phrase
//! families from `content/crisis_language.toml` are found as concepts through a phrase tree (`trie`), with
//! negation and whose words they are (`concepts`), and named rules combine concepts within a clause, a
//! sentence or the message, while guards turn off figurative, fictional, hypothetical and resolved-past
//! readings (`rules`). When no rule answered, a weighed reading with learned weights may still answer with
//! the gentle concern reply or the harm-to-others reply (`learned`, trained by `training`). The lexicon is
//! checked and built once at start-up (`compile`). Pure: no I/O and no state between calls.

mod compile;
mod concepts;
pub mod evaluate;
mod learned;
mod lexicon;
mod rules;
mod text;
pub mod training;
mod trie;

#[cfg(test)]
mod learned_tests;
#[cfg(test)]
mod tests;

pub use compile::Detector;
pub use lexicon::LexiconFile;

/// What a message calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Suicide or self-harm risk: the crisis reply.
    Crisis,
    /// A threat or a feared urge to harm another person: its own reply.
    HarmToOthers,
    /// Distress that may or may not be risk ("I can't do this anymore"): a gentle reply that asks how they
    /// are and offers `/support`, without an alarm.
    Concern,
    /// Someone else may be at risk (a friend, a relative): how to help someone else.
    SomeoneElse,
}

impl Outcome {
    /// An alarm is the crisis reply, the harm-to-others reply, or the gentle concern reply.
    pub fn is_alarm(self) -> bool {
        !matches!(self, Self::SomeoneElse)
    }
}

/// What the check found, and the name of the rule that found it (from the content file, never the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub outcome: Outcome,
    pub rule: String,
}

/// Every free-text path calls this before the text is read for anything else. `None`: ordinary text.
pub fn check(text: &str, detector: &Detector) -> Option<Finding> {
    let tokens = text::tokens(text, &detector.rewrites);
    if tokens.is_empty() {
        return None;
    }
    let found = concepts::find(detector, &tokens);
    rules::decide(detector, &found).or_else(|| weighed(detector, &tokens, &found))
}

/// The rule names the weighed reading answers with.
pub const LEARNED_CONCERN: &str = "learned: risk to the writer";
pub const LEARNED_HARM: &str = "learned: a threat toward someone else";

/// When no rule answered: the weighed reading, for a message with a risk concept in it.
fn weighed(detector: &Detector, tokens: &[text::Token], found: &[concepts::Found]) -> Option<Finding> {
    let learned = &detector.learned;
    if !learned.bias.iter().any(|b| b.is_finite()) || !learned::consulted(detector, found) {
        return None;
    }
    let scores = learned::weigh(detector, tokens, found);
    let (outcome, rule) = if scores[learned::OTHERS] >= learned.harm_at {
        (Outcome::HarmToOthers, LEARNED_HARM)
    } else if scores[learned::SELF] >= learned.concern_at {
        (Outcome::Concern, LEARNED_CONCERN)
    } else {
        return None;
    };
    Some(Finding { outcome, rule: rule.to_owned() })
}

/// The names of every rule that matched `text` (not only the strongest), and of the guards that held:
/// for tests and the evaluation, so they can say which rule fired.
pub fn explain_rules(text: &str, detector: &Detector) -> (Vec<String>, Vec<String>) {
    let tokens = text::tokens(text, &detector.rewrites);
    let found = concepts::find(detector, &tokens);
    let (rules, guards) = rules::matches(detector, &found);
    let mut names: Vec<String> = rules.into_iter().map(|r| r.name.clone()).collect();
    if names.is_empty() {
        names.extend(weighed(detector, &tokens, &found).map(|f| f.rule));
    }
    (names, guards.into_iter().map(str::to_owned).collect())
}

/// Lower-case, straight apostrophes, single spaces: the form typed commands and answers are compared in.
pub fn normalise(text: &str) -> String {
    let lowered = text.to_lowercase().replace(['\u{2019}', '\u{2018}', '`'], "'");
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the detector read in `text`, for a person tuning the lexicon (`cargo run --example safety_explain`):
/// each concept found with its words' stems, whether it was negated and whose it is, then the finding.
/// Never for logs: it repeats the text's words.
pub fn explain(text: &str, detector: &Detector) -> String {
    let tokens = text::tokens(text, &detector.rewrites);
    let found = concepts::find(detector, &tokens);
    let mut out = String::new();
    for f in &found {
        let words: Vec<&str> =
            tokens[f.start..f.end].iter().map(|t| detector.rewrites.stem_name(t.stem)).collect();
        out.push_str(&format!(
            "  s{} c{} {}{} [{}]{}\n",
            f.sentence,
            f.clause,
            if f.negated { "!" } else { "" },
            detector.concepts[f.concept],
            words.join(" "),
            if f.owner == concepts::Owner::SomeoneElse { " (someone else)" } else { "" },
        ));
    }
    if learned::consulted(detector, &found) {
        let [risk, threat] = learned::weigh(detector, &tokens, &found);
        out.push_str(&format!("  weighed: risk {risk:.3}, threat {threat:.3}\n"));
    }
    out.push_str(&format!(
        "  => {:?}\n",
        rules::decide(detector, &found).or_else(|| weighed(detector, &tokens, &found))
    ));
    out
}
