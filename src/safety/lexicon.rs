//! `content/crisis_language.toml` as written: word rewrites, concepts as phrase families, the rules that
//! combine concepts, and the guards against false alarms. [`super::Detector::compile`] checks it.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// A word as people type it to what it means: contractions with and without apostrophes, chat
    /// shorthand, euphemisms and common misspellings.
    pub words: BTreeMap<String, String>,
    /// Slang that is read literally only when it is not a distance or a count.
    #[serde(default)]
    pub slang: Vec<SlangEntry>,
    /// An emoji to a word; it only matters where the words around it carry the risk.
    #[serde(default)]
    pub emoji: BTreeMap<String, String>,
    /// Words that end a clause ("but", "because"): negation and who-is-speaking stop at them.
    pub clause_words: Vec<String>,
    /// Words that turn the concept after them around ("not", "never").
    pub negations: Vec<String>,
    /// Concepts that pass a negation on to the next concept: "not going to kill myself" negates the killing.
    pub carries_negation: Vec<String>,
    /// The concept that marks the writer, and the one that marks someone else; the nearest one before a
    /// word in its clause says whose it is.
    pub speaker: String,
    pub someone_else: String,
    /// Words that name a person as the object ("him", "me"): they do not change whose words follow.
    pub objects: Vec<String>,
    /// Words after which a person is an object ("for my wife", "to her"): they do not change whose words
    /// follow either.
    #[serde(default)]
    pub prepositions: Vec<String>,
    /// The concept of reporting words ("said", "told me"): after someone else's, "I" is theirs.
    #[serde(default)]
    pub reported: Option<String>,
    /// Concepts that negate the next concept as a negation word does ("nothing left", "run out of").
    #[serde(default)]
    pub negating: Vec<String>,
    /// Concepts that are things, not acts (pills, a knife, tonight): whose they are does not matter.
    #[serde(default)]
    pub things: Vec<String>,
    /// Phrase families. A phrase is words, `*` (any one word) or `**` (up to three words); `#` is a number.
    /// The concept `neutral` holds idioms: they are read and then ignored ("dying to", "killing it").
    pub concepts: BTreeMap<String, Vec<String>>,
    pub rules: Vec<RuleEntry>,
    #[serde(default)]
    pub guards: Vec<GuardEntry>,
    /// The weighed reading that follows the rules (`crisis_weights.tsv`).
    pub learned: LearnedEntry,
}

/// When the weighed reading is consulted, and how sure it must be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnedEntry {
    /// It only weighs a message in which one of these concepts was read (death, harm, means, farewell...).
    pub needs_any: Vec<String>,
    /// From this likelihood of risk to the writer (0 to 1), the gentle concern reply.
    pub concern_at: f32,
    /// From this likelihood of a threat toward someone else, the harm-to-others reply.
    pub harm_at: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlangEntry {
    pub word: String,
    pub means: String,
    #[serde(default)]
    pub not_before: Vec<String>,
}

/// Where a rule's concepts must all be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    Clause,
    #[default]
    Sentence,
    /// This sentence and the next one.
    TwoSentences,
    Message,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Whose {
    /// The writer's own words about themselves (the default).
    #[default]
    Writer,
    /// Someone else's: a friend, a character, the news.
    SomeoneElse,
    Anyone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeEntry {
    Crisis,
    HarmToOthers,
    Concern,
    SomeoneElse,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleEntry {
    pub name: String,
    pub outcome: OutcomeEntry,
    /// Every one of these concepts. `concept` must be said, `!concept` said negated, `?concept` either;
    /// `^concept` must be the writer's even when `whose` is "anyone".
    #[serde(default)]
    pub all: Vec<String>,
    /// At least one of these, when given (or `at_least` of them).
    #[serde(default)]
    pub any: Vec<String>,
    /// How many different concepts of `any` must be found (default 1): many weak signals together.
    #[serde(default)]
    pub at_least: u8,
    /// None of these anywhere in the window.
    #[serde(default)]
    pub none: Vec<String>,
    #[serde(default)]
    pub window: Window,
    /// `all` in the order written.
    #[serde(default)]
    pub ordered: bool,
    /// At most this many words from the first concept to the last (0: anywhere in the window).
    #[serde(default)]
    pub near: u16,
    #[serde(default)]
    pub whose: Whose,
    /// Explicit intent, a plan, a time, or means with intent: no guard suppresses it.
    #[serde(default)]
    pub firm: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardEntry {
    pub name: String,
    /// Every one of these concepts in the message (`!` and `?` as in rules).
    pub all: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    /// The guard does not hold when one of these is in the message ("still", "again").
    #[serde(default)]
    pub unless: Vec<String>,
    /// Where the guard's concepts must be found: a sentence, or anywhere in the message.
    #[serde(default)]
    pub window: Window,
    /// The outcomes it turns off; firm rules are never turned off.
    pub suppresses: Vec<OutcomeEntry>,
}
