//! The lexicon file checked and turned into the form the detector reads fast: phrases stemmed and
//! indexed by their first word, rules and guards with concepts by number.

use std::collections::{HashMap, HashSet};

use super::lexicon::{GuardEntry, LexiconFile, OutcomeEntry, RuleEntry, Whose, Window};
use super::rules::Concepts;
use super::text::{forms, is_number, phrase_stems, phrase_words, Entry, Read, Rewrites, Slang, StemId};
use super::Outcome;

/// One piece of a phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Elem {
    Word(StemId),
    /// Any one word.
    Any,
    /// Up to three words.
    Gap,
    Number,
}

/// A phrase and every concept it belongs to ("hurt" is a harm to oneself and to others).
#[derive(Debug, Clone)]
pub(super) struct Phrase {
    pub elems: Vec<Elem>,
    pub concepts: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Polarity {
    Said,
    Negated,
    Either,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Term {
    pub concept: usize,
    pub polarity: Polarity,
    /// Written `^concept`: it must be the writer's, whatever the rule's `whose`.
    pub writers: bool,
}

#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub name: String,
    pub outcome: Outcome,
    pub all: Vec<Term>,
    pub any: Vec<Term>,
    /// Concepts that stop the rule in a window that has one.
    pub none: Concepts,
    pub window: Window,
    pub ordered: bool,
    pub near: u16,
    pub whose: Whose,
    pub firm: bool,
    pub at_least: u8,
    /// The concepts of `all`, and of `any`: a window without them is skipped at once.
    pub needs: Concepts,
    pub wants: Concepts,
}

#[derive(Debug, Clone)]
pub(super) struct Guard {
    pub name: String,
    pub all: Vec<Term>,
    pub any: Vec<Term>,
    /// Concepts that stop the guard anywhere in the message.
    pub unless: Concepts,
    pub window: Window,
    pub suppresses: Vec<Outcome>,
    pub needs: Concepts,
}

/// A set of stems, by number: one look at a slot, no hashing.
#[derive(Debug, Clone, Default)]
pub(super) struct StemSet(Vec<bool>);

impl StemSet {
    fn of(stems: &rustc_hash::FxHashSet<StemId>, size: usize) -> Self {
        let mut slots = vec![false; size];
        for &s in stems {
            if let Some(slot) = slots.get_mut(s as usize) {
                *slot = true;
            }
        }
        Self(slots)
    }

    pub fn contains(&self, stem: &StemId) -> bool {
        self.0.get(*stem as usize).copied().unwrap_or(false)
    }
}

/// The crisis-language detector, built once from `content/crisis_language.toml`.
#[derive(Debug, Clone)]
pub struct Detector {
    pub(super) rewrites: Rewrites,
    pub(super) concepts: Vec<String>,
    /// Every phrase in one tree, for finding the longest at each place.
    pub(super) trie: super::trie::Trie,
    pub(super) negations: StemSet,
    pub(super) carries: Vec<bool>,
    pub(super) negating: Vec<bool>,
    pub(super) things: Vec<bool>,
    /// Stems of object words ("him", "me").
    pub(super) objects: StemSet,
    pub(super) prepositions: StemSet,
    /// One-word speaker phrases ("i", "my"): a phrase that holds one is the writer's.
    pub(super) speaker_words: StemSet,
    pub(super) speaker: usize,
    pub(super) someone_else: usize,
    pub(super) neutral: usize,
    /// The concept given to a capitalised word mid-sentence: a person named, as a target.
    pub(super) named: usize,
    /// The concept given to every "I", "me" or "my" in the text, even inside a phrase: the writer is in it.
    pub(super) writer: usize,
    pub(super) reported: Option<usize>,
    pub(super) rules: Vec<Rule>,
    pub(super) guards: Vec<Guard>,
    /// The weighed reading after the rules; without weights it never answers.
    pub(super) learned: super::learned::Learned,
}

fn outcome(entry: OutcomeEntry) -> Outcome {
    match entry {
        OutcomeEntry::Crisis => Outcome::Crisis,
        OutcomeEntry::HarmToOthers => Outcome::HarmToOthers,
        OutcomeEntry::Concern => Outcome::Concern,
        OutcomeEntry::SomeoneElse => Outcome::SomeoneElse,
    }
}

struct Compiler<'a> {
    index: HashMap<&'a str, usize>,
    problems: Vec<String>,
}

impl Compiler<'_> {
    fn concept(&mut self, at: &str, name: &str) -> usize {
        match self.index.get(name) {
            Some(&i) => i,
            None => {
                self.problems.push(format!("{at}: no concept named {name:?}"));
                0
            }
        }
    }

    fn learned(&mut self, entry: &super::lexicon::LearnedEntry) -> super::learned::Learned {
        let needs: Vec<usize> =
            entry.needs_any.iter().map(|n| self.concept("learned.needs_any", n)).collect();
        if needs.is_empty() {
            self.problems.push("learned.needs_any: at least one concept".to_owned());
        }
        for (field, at) in [("concern_at", entry.concern_at), ("harm_at", entry.harm_at)] {
            if !(at > 0.0 && at < 1.0) {
                self.problems.push(format!("learned.{field}: a likelihood between 0 and 1, not {at}"));
            }
        }
        super::learned::Learned {
            needs: Concepts::of(needs),
            concern_at: entry.concern_at,
            harm_at: entry.harm_at,
            // Until weights are added, no message is likely enough to be answered.
            bias: [f32::NEG_INFINITY; super::learned::HEADS],
            weights: Default::default(),
        }
    }

    fn term(&mut self, at: &str, written: &str) -> Term {
        let (writers, written) = match written.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, written),
        };
        let (polarity, name) = match written.split_at(written.chars().next().map_or(0, char::len_utf8)) {
            ("!", rest) => (Polarity::Negated, rest),
            ("?", rest) => (Polarity::Either, rest),
            _ => (Polarity::Said, written),
        };
        Term { concept: self.concept(at, name), polarity, writers }
    }

    fn terms(&mut self, at: &str, written: &[String]) -> Vec<Term> {
        written.iter().map(|w| self.term(at, w)).collect()
    }

    fn rule(&mut self, i: usize, r: &RuleEntry) -> Rule {
        let at = format!("rules[{i}] ({:?})", r.name);
        if r.all.is_empty() && (r.any.is_empty() || r.at_least == 0) {
            self.problems.push(format!("{at}: `all` names no concept (or give `any` with `at_least`)"));
        }
        if usize::from(r.at_least) > r.any.len() {
            self.problems.push(format!("{at}: `at_least` is more than `any` holds"));
        }
        let all = self.terms(&at, &r.all);
        let any = self.terms(&at, &r.any);
        Rule {
            name: r.name.clone(),
            outcome: outcome(r.outcome),
            needs: Concepts::of(all.iter().map(|t| t.concept)),
            wants: Concepts::of(any.iter().map(|t| t.concept)),
            all,
            any,
            none: Concepts::of(r.none.iter().map(|n| self.concept(&at, n)).collect::<Vec<_>>()),
            window: r.window,
            ordered: r.ordered,
            near: r.near,
            whose: r.whose,
            firm: r.firm,
            at_least: r.at_least.max(1),
        }
    }

    fn guard(&mut self, i: usize, g: &GuardEntry) -> Guard {
        let at = format!("guards[{i}] ({:?})", g.name);
        if g.all.is_empty() || g.suppresses.is_empty() {
            self.problems.push(format!("{at}: needs `all` and `suppresses`"));
        }
        let all = self.terms(&at, &g.all);
        Guard {
            name: g.name.clone(),
            needs: Concepts::of(all.iter().map(|t| t.concept)),
            all,
            any: self.terms(&at, &g.any),
            unless: Concepts::of(g.unless.iter().map(|n| self.concept(&at, n)).collect::<Vec<_>>()),
            window: g.window,
            suppresses: g.suppresses.iter().copied().map(outcome).collect(),
        }
    }
}

fn split(words: &str) -> Vec<String> {
    words.split_whitespace().map(str::to_lowercase).collect()
}

/// One lookup per word typed: every form, rewrite, slang word and clause word, with how it is read.
fn build_vocabulary(
    rewrites: &mut Rewrites,
    forms: rustc_hash::FxHashMap<String, StemId>,
    stemmer: &rust_stemmers::Stemmer,
) {
    let read = |rewrites: &mut Rewrites, word: &str| -> Read {
        let stem = match forms.get(word) {
            Some(&id) => id,
            None => {
                let stem = stemmer.stem(word).into_owned();
                rewrites.intern(&stem)
            }
        };
        Read { stem, clause: rewrites.clause_words.contains(word), number: is_number(word), i: word == "i" }
    };
    for form in forms.keys() {
        let r = read(rewrites, form);
        rewrites
            .vocabulary
            .insert(form, Entry { reads: vec![r], rewritten: false, literal: None, not_before: Vec::new() });
    }
    let clause_words: Vec<String> = rewrites.clause_words.iter().cloned().collect();
    for word in clause_words {
        let r = read(rewrites, &word);
        rewrites
            .vocabulary
            .insert(&word, Entry { reads: vec![r], rewritten: true, literal: None, not_before: Vec::new() });
    }
    let words: Vec<(String, Vec<String>)> =
        rewrites.words.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (word, means) in words {
        let reads = means.iter().map(|m| read(rewrites, m)).collect();
        rewrites
            .vocabulary
            .insert(&word, Entry { reads, rewritten: true, literal: None, not_before: Vec::new() });
    }
    let slang: Vec<(String, Slang)> = rewrites.slang.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (word, s) in slang {
        let reads = s.means.iter().map(|m| read(rewrites, m)).collect();
        let literal = Some(vec![read(rewrites, &word)]);
        rewrites
            .vocabulary
            .insert(&word, Entry { reads, rewritten: true, literal, not_before: s.not_before });
    }
}

impl Detector {
    /// Checks the file and builds the detector; each problem names the entry and what is wrong with it.
    pub fn compile(file: &LexiconFile) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut rewrites = Rewrites {
            words: file.words.iter().map(|(k, v)| (k.to_lowercase(), split(v))).collect(),
            slang: file
                .slang
                .iter()
                .map(|s| {
                    (
                        s.word.to_lowercase(),
                        Slang { means: split(&s.means), not_before: split(&s.not_before.join(" ")) },
                    )
                })
                .collect(),
            emoji: Default::default(),
            clause_words: file.clause_words.iter().map(|w| w.to_lowercase()).collect(),
            stems: Default::default(),
            stem_starts: Default::default(),
            vocabulary: Default::default(),
        };
        for (emoji, word) in &file.emoji {
            let mut chars = emoji.chars().filter(|c| !matches!(c, '\u{FE0E}' | '\u{FE0F}'));
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_alphanumeric() => {
                    rewrites.emoji.insert(c, word.to_lowercase());
                }
                _ => problems.push(format!("emoji: {emoji:?} must be one symbol")),
            }
        }
        for (word, means) in &file.words {
            if means.trim().is_empty() || word.split_whitespace().count() != 1 {
                problems.push(format!("words.{word:?}: one word, to one or more words"));
            }
        }
        let concepts: Vec<String> = file.concepts.keys().cloned().collect();
        if concepts.len() > Concepts::CAPACITY {
            problems.push(format!("concepts: at most {} families", Concepts::CAPACITY));
            return Err(problems);
        }
        let index: HashMap<&str, usize> = concepts.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
        let mut c = Compiler { index, problems };
        let speaker = c.concept("speaker", &file.speaker);
        let someone_else = c.concept("someone_else", &file.someone_else);
        let neutral = c.concept("concepts", "neutral");
        let named = c.concept("concepts", "named");
        let writer = c.concept("concepts", "writer");
        let reported = file.reported.as_ref().map(|r| c.concept("reported", r));
        let mut carries = vec![false; concepts.len()];
        for name in &file.carries_negation {
            let i = c.concept("carries_negation", name);
            if let Some(slot) = carries.get_mut(i) {
                *slot = true;
            }
        }
        let mut flags = |field: &str, names: &[String]| {
            let mut out = vec![false; concepts.len()];
            for name in names {
                let i = c.concept(field, name);
                if let Some(slot) = out.get_mut(i) {
                    *slot = true;
                }
            }
            out
        };
        let negating = flags("negating", &file.negating);
        let things = flags("things", &file.things);
        let ids = |rewrites: &mut Rewrites, list: &[String]| -> rustc_hash::FxHashSet<StemId> {
            let stems: Vec<String> = list.iter().flat_map(|o| phrase_stems(o, rewrites)).collect();
            stems.iter().map(|stem| rewrites.intern(stem)).collect()
        };
        let objects = ids(&mut rewrites, &file.objects);
        let prepositions = ids(&mut rewrites, &file.prepositions);
        let mut phrases: Vec<Phrase> = Vec::new();
        let mut seen: HashMap<Vec<Elem>, usize> = HashMap::new();
        for (concept, (name, list)) in file.concepts.iter().enumerate() {
            if list.is_empty() {
                c.problems.push(format!("concepts.{name}: has no phrases"));
            }
            for phrase in list {
                let at = format!("concepts.{name}: {phrase:?}");
                let elems: Vec<Elem> = phrase_stems(phrase, &rewrites)
                    .into_iter()
                    .map(|s| match s.as_str() {
                        "*" => Elem::Any,
                        "**" => Elem::Gap,
                        "#" => Elem::Number,
                        _ => Elem::Word(rewrites.intern(&s)),
                    })
                    .collect();
                if !matches!(elems.first(), Some(Elem::Word(_) | Elem::Number))
                    || !matches!(elems.last(), Some(Elem::Word(_) | Elem::Number))
                {
                    c.problems.push(format!("{at}: must start and end with a word"));
                    continue;
                }
                match seen.get(&elems) {
                    // Word forms are one after stemming: listing "die" and "dying" is harmless.
                    Some(&p) if phrases[p].concepts.contains(&concept) => {}
                    Some(&p) if concept == neutral || phrases[p].concepts.contains(&neutral) => {
                        c.problems.push(format!("{at}: an idiom (neutral) cannot also be a concept"));
                    }
                    Some(&p) => phrases[p].concepts.push(concept),
                    None => {
                        seen.insert(elems.clone(), phrases.len());
                        phrases.push(Phrase { elems, concepts: vec![concept] });
                    }
                }
            }
        }
        let rules: Vec<Rule> = file.rules.iter().enumerate().map(|(i, r)| c.rule(i, r)).collect();
        let guards: Vec<Guard> = file.guards.iter().enumerate().map(|(i, g)| c.guard(i, g)).collect();
        let learned = c.learned(&file.learned);
        let mut names = HashSet::new();
        for name in rules.iter().map(|r| &r.name).chain(guards.iter().map(|g| &g.name)) {
            if !names.insert(name) {
                c.problems.push(format!("rules: the name {name:?} is used twice"));
            }
        }
        let negations = ids(&mut rewrites, &file.negations);
        let mut problems = c.problems;
        if problems.is_empty() {
            // Every word the lexicon uses, in every form, stemmed once here.
            let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
            let mut words: Vec<String> = file
                .concepts
                .values()
                .flatten()
                .chain(&file.negations)
                .chain(&file.objects)
                .chain(&file.prepositions)
                .flat_map(|p| phrase_words(p, &rewrites))
                .chain(rewrites.words.values().flatten().cloned())
                .chain(rewrites.slang.values().flat_map(|s| s.means.clone()))
                .chain(rewrites.emoji.values().cloned())
                .filter(|w| !matches!(w.as_str(), "*" | "**" | "#"))
                .collect();
            words.sort();
            words.dedup();
            let mut stems_of_forms: rustc_hash::FxHashMap<String, StemId> = Default::default();
            for word in &words {
                for form in forms(word) {
                    let stem = stemmer.stem(&form).into_owned();
                    let id = rewrites.intern(&stem);
                    stems_of_forms.insert(form, id);
                }
            }
            let starts: Vec<String> = rewrites
                .stems
                .iter()
                .filter(|stem| stem.len() >= 5 && stem.is_char_boundary(5))
                .map(|stem| stem[..5].to_owned())
                .collect();
            rewrites.stem_starts.extend(starts);
            build_vocabulary(&mut rewrites, stems_of_forms, &stemmer);
            let mut trie = super::trie::Trie::default();
            for p in &phrases {
                trie.insert(&p.elems, &p.concepts, rewrites.stems.count());
            }
            let speaker_words: rustc_hash::FxHashSet<StemId> = phrases
                .iter()
                .filter(|p| p.concepts.contains(&speaker) && p.elems.len() == 1)
                .filter_map(|p| match &p.elems[0] {
                    Elem::Word(w) => Some(*w),
                    _ => None,
                })
                .collect();
            // Built once and kept for the life of the bot: no spare room.
            trie.shrink_to_fit();
            rewrites.vocabulary.shrink_to_fit();
            rewrites.stems.shrink_to_fit();
            let n = rewrites.stems.count();
            let (negations, objects, prepositions, speaker_words) = (
                StemSet::of(&negations, n),
                StemSet::of(&objects, n),
                StemSet::of(&prepositions, n),
                StemSet::of(&speaker_words, n),
            );
            return Ok(Self {
                rewrites,
                concepts,
                trie,
                negations,
                carries,
                negating,
                things,
                objects,
                prepositions,
                speaker_words,
                speaker,
                someone_else,
                neutral,
                named,
                writer,
                reported,
                rules,
                guards,
                learned,
            });
        }
        problems.sort();
        problems.dedup();
        Err(problems)
    }

    /// Adds the learned weights (`crisis_weights.tsv`); each problem names the line.
    pub fn with_weights(mut self, tsv: &str) -> Result<Self, Vec<String>> {
        if self.rewrites.stems.count() as u64 >= super::learned::STEM_LIMIT {
            return Err(vec!["the lexicon has too many word stems for the weights file".to_owned()]);
        }
        let (bias, weights) = super::learned::read_weights(&self, tsv)?;
        self.learned.bias = bias;
        self.learned.weights = weights;
        Ok(self)
    }

    /// The names of the rules, in the file's order, for tests and the evaluation.
    pub fn rule_names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.name.as_str())
    }
}
