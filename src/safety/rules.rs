//! Rules that combine concepts within a clause, a sentence or the message, and the guards that turn a
//! match off; the strongest outcome that is left is the answer.

use std::cell::OnceCell;

use super::compile::{Detector, Guard, Polarity, Rule, Term};
use super::concepts::{Found, Owner};
use super::lexicon::{Whose, Window};
use super::{Finding, Outcome};

/// The occurrences inside one window: a run of the message's occurrences, which come in reading order.
type Unit<'a> = &'a [Found];

/// A set of concepts, to skip at once the windows that lack one a rule needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Concepts([u64; 4]);

impl Concepts {
    /// How many concepts a set can hold; the lexicon is checked against it.
    pub const CAPACITY: usize = 256;

    pub fn of(concepts: impl IntoIterator<Item = usize>) -> Self {
        let mut set = Self::default();
        for c in concepts {
            set.0[c / 64] |= 1 << (c % 64);
        }
        set
    }

    fn contains_all(self, other: Self) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| a & b == b)
    }

    fn meets(self, other: Self) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
    }

    pub(super) fn has(self, concept: usize) -> bool {
        self.0.get(concept / 64).is_some_and(|word| word & (1 << (concept % 64)) != 0)
    }
}

/// The windows of one kind, each with the set of concepts in it.
fn windows(found: &[Found], window: Window) -> Vec<(Concepts, Unit<'_>)> {
    units(found, window).into_iter().map(|u| (Concepts::of(u.iter().map(|f| f.concept)), u)).collect()
}

/// Runs of occurrences with the same clause, sentence (or this sentence and the next), or the whole message.
fn units(found: &[Found], window: Window) -> Vec<Unit<'_>> {
    let key = |f: &Found| match window {
        Window::Clause => u32::from(f.clause),
        Window::Sentence | Window::TwoSentences => u32::from(f.sentence),
        Window::Message => 0,
    };
    let mut runs: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        match runs.last_mut() {
            Some((k, run)) if *k == key(f) => run.end = i + 1,
            _ => runs.push((key(f), i..i + 1)),
        }
    }
    if window == Window::TwoSentences {
        return runs
            .iter()
            .enumerate()
            .map(|(i, (k, run))| match runs.get(i + 1).filter(|(n, _)| *n == k + 1) {
                Some((_, next)) => &found[run.start..next.end],
                None => &found[run.clone()],
            })
            .collect();
    }
    runs.into_iter().map(|(_, run)| &found[run]).collect()
}

fn polarity_ok(term: &Term, f: &Found) -> bool {
    f.concept == term.concept
        && match term.polarity {
            Polarity::Said => !f.negated,
            Polarity::Negated => f.negated,
            Polarity::Either => true,
        }
}

fn owner_ok(detector: &Detector, whose: Whose, f: &Found) -> bool {
    if f.concept == detector.speaker || f.concept == detector.someone_else || detector.things[f.concept] {
        return true;
    }
    match whose {
        Whose::Writer => f.owner == Owner::Writer,
        Whose::SomeoneElse => f.owner == Owner::SomeoneElse,
        Whose::Anyone => true,
    }
}

/// The first occurrence in `unit` that matches `terms` in order, or in any order, within `near` words.
fn all_found(
    detector: &Detector,
    unit: Unit<'_>,
    terms: &[Term],
    whose: Whose,
    ordered: bool,
    near: u16,
) -> bool {
    let fits = |t: &Term, f: &Found| {
        polarity_ok(t, f) && owner_ok(detector, if t.writers { Whose::Writer } else { whose }, f)
    };
    let Some((first, rest)) = terms.split_first() else { return true };
    unit.iter().filter(|f| fits(first, f)).any(|anchor| {
        let mut after = anchor.end;
        rest.iter().all(|t| {
            let hit = unit.iter().find(|f| {
                fits(t, f)
                    && (!ordered || f.start >= after)
                    && (near == 0 || f.start.abs_diff(anchor.start) <= usize::from(near))
            });
            if let Some(h) = hit {
                after = h.end;
            }
            hit.is_some()
        })
    })
}

/// The rule holds in `unit`, whose concepts are `present`: cheap set tests first, then the terms, and the
/// `any` terms only until enough are found.
fn holds(detector: &Detector, present: Concepts, unit: Unit<'_>, rule: &Rule) -> bool {
    if present.meets(rule.none) || !all_found(detector, unit, &rule.all, rule.whose, rule.ordered, rule.near)
    {
        return false;
    }
    if rule.any.is_empty() {
        return true;
    }
    let mut count = 0;
    for t in rule.any.iter().filter(|t| present.has(t.concept)) {
        let whose = if t.writers { Whose::Writer } else { rule.whose };
        if unit.iter().any(|f| polarity_ok(t, f) && owner_ok(detector, whose, f)) {
            count += 1;
            if count >= usize::from(rule.at_least) {
                return true;
            }
        }
    }
    false
}

/// The sentences where a guard holds, by number (all of them, for a guard over the message).
#[derive(Debug, Default)]
pub(super) struct Sentences(Vec<bool>);

impl Sentences {
    fn mark(&mut self, sentence: u16) {
        let i = usize::from(sentence);
        if self.0.len() <= i {
            self.0.resize(i + 1, false);
        }
        self.0[i] = true;
    }

    fn has(&self, sentence: u16) -> bool {
        self.0.get(usize::from(sentence)).copied().unwrap_or(false)
    }

    fn any(&self) -> bool {
        self.0.iter().any(|&b| b)
    }
}

fn guarded_sentences(reading: &Reading<'_, '_>, guard: &Guard) -> Sentences {
    let mut out = Sentences::default();
    if reading.message.meets(guard.unless) {
        return out;
    }
    for (present, unit) in reading.windows(guard.window) {
        if !present.contains_all(guard.needs) {
            continue;
        }
        let hit = all_found(reading.detector, unit, &guard.all, Whose::Anyone, false, 0)
            && (guard.any.is_empty() || guard.any.iter().any(|t| unit.iter().any(|f| polarity_ok(t, f))));
        if hit {
            for f in *unit {
                out.mark(f.sentence);
            }
        }
    }
    out
}

type Windows<'a> = Vec<(Concepts, Unit<'a>)>;

fn slot(window: Window) -> usize {
    match window {
        Window::Clause => 0,
        Window::Sentence => 1,
        Window::TwoSentences => 2,
        Window::Message => 3,
    }
}

fn rank(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::HarmToOthers => 3,
        Outcome::Crisis => 2,
        Outcome::Concern => 1,
        Outcome::SomeoneElse => 0,
    }
}

/// A message read for the rules: its windows of each kind and the sentences each guard holds in, each
/// worked out the first time a rule asks (most messages never need a guard), and the concepts anywhere in
/// it.
struct Reading<'a, 'd> {
    detector: &'d Detector,
    found: &'a [Found],
    all: [OnceCell<Windows<'a>>; 4],
    guards: OnceCell<Vec<(&'d Guard, Sentences)>>,
    message: Concepts,
}

impl<'a, 'd> Reading<'a, 'd> {
    fn new(detector: &'d Detector, found: &'a [Found]) -> Self {
        Self {
            detector,
            found,
            all: Default::default(),
            guards: OnceCell::new(),
            message: Concepts::of(found.iter().map(|f| f.concept)),
        }
    }

    fn windows(&self, window: Window) -> &Windows<'a> {
        self.all[slot(window)].get_or_init(|| windows(self.found, window))
    }

    fn guards(&self) -> &[(&'d Guard, Sentences)] {
        self.guards
            .get_or_init(|| self.detector.guards.iter().map(|g| (g, guarded_sentences(self, g))).collect())
    }

    /// The rule matched in some window of its kind, and no guard turned it off there.
    fn matched(&self, rule: &Rule) -> bool {
        // A rule whose concepts are nowhere in the message cannot match in any window of it.
        if !self.message.contains_all(rule.needs) || (!rule.any.is_empty() && !self.message.meets(rule.wants))
        {
            return false;
        }
        self.windows(rule.window).iter().any(|(present, unit)| {
            present.contains_all(rule.needs)
                && (rule.any.is_empty() || present.meets(rule.wants))
                && holds(self.detector, *present, unit, rule)
                && (rule.firm
                    || !self.guards().iter().any(|(g, at)| {
                        g.suppresses.contains(&rule.outcome) && unit.iter().any(|f| at.has(f.sentence))
                    }))
        })
    }
}

/// Every rule that matched and was not guarded against, in the file's order, and the guards that held.
pub(super) fn matches<'d>(detector: &'d Detector, found: &[Found]) -> (Vec<&'d Rule>, Vec<&'d str>) {
    let reading = Reading::new(detector, found);
    let rules = detector.rules.iter().filter(|rule| reading.matched(rule)).collect();
    let held = reading.guards().iter().filter(|(_, at)| at.any()).map(|(g, _)| g.name.as_str()).collect();
    (rules, held)
}

/// The strongest rule that matched and was not guarded against.
pub(super) fn decide(detector: &Detector, found: &[Found]) -> Option<Finding> {
    let reading = Reading::new(detector, found);
    let mut best: Option<&Rule> = None;
    for rule in &detector.rules {
        if best.is_some_and(|b| rank(b.outcome) >= rank(rule.outcome)) {
            continue;
        }
        if reading.matched(rule) {
            best = Some(rule);
        }
    }
    best.map(|rule| Finding { outcome: rule.outcome, rule: rule.name.clone() })
}
