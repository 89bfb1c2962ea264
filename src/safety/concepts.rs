//! Finding the concepts in a message: each phrase family's longest match, which of them a negation turns
//! around, and whose they are (the writer's, or someone else's).

use super::compile::Detector;
use super::text::Token;
use super::trie::Longest;

/// Whose words a concept is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    Writer,
    SomeoneElse,
}

/// A concept found in the text.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub concept: usize,
    /// Token positions, end exclusive.
    pub start: usize,
    pub end: usize,
    pub sentence: u16,
    pub clause: u16,
    pub negated: bool,
    pub owner: Owner,
    /// Inside quotation marks: someone else's words, or words reported.
    pub quoted: bool,
}

/// How far a negation reaches: "not really going to" still negates "going to".
const NEGATION_REACH: usize = 3;

/// Every concept in `tokens`, left to right; at each place the longest phrase wins, and idioms win ties.
pub(super) fn find(detector: &Detector, tokens: &[Token]) -> Vec<Found> {
    let mut found = Vec::with_capacity(tokens.len() / 2);
    let mut negators = Vec::new();
    let mut best = Longest::default();
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens[at];
        let matched = detector.trie.longest(tokens, at, &mut best);
        // An idiom of the same length wins: it is read and ignored.
        if matched && best.concepts.contains(&detector.neutral) {
            best.concepts.retain(|&c| c == detector.neutral);
        }
        match matched.then_some(best.end) {
            Some(end) => {
                let last = &tokens[end - 1];
                for &concept in &best.concepts {
                    found.push(Found {
                        concept,
                        start: at,
                        end,
                        sentence: token.sentence,
                        clause: last.clause,
                        negated: false,
                        owner: Owner::Writer,
                        quoted: token.quoted,
                    });
                }
                at = end;
            }
            None => {
                if detector.negations.contains(&token.stem) {
                    negators.push(at);
                } else if token.name {
                    found.push(Found {
                        concept: detector.named,
                        start: at,
                        end: at + 1,
                        sentence: token.sentence,
                        clause: token.clause,
                        negated: false,
                        owner: Owner::SomeoneElse,
                        quoted: token.quoted,
                    });
                }
                at += 1;
            }
        }
    }
    // The writer is in the text wherever "I", "me" or "my" is, inside a phrase or not; each comes after
    // the phrases that start where it is, or before it.
    let writers: Vec<Found> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| detector.speaker_words.contains(&t.stem))
        .map(|(i, t)| Found {
            concept: detector.writer,
            start: i,
            end: i + 1,
            sentence: t.sentence,
            clause: t.clause,
            negated: false,
            owner: Owner::Writer,
            quoted: t.quoted,
        })
        .collect();
    if !writers.is_empty() {
        let mut merged = Vec::with_capacity(found.len() + writers.len());
        let mut rest = writers.into_iter().peekable();
        for f in found {
            while rest.peek().is_some_and(|w| w.start < f.start) {
                merged.extend(rest.next());
            }
            merged.push(f);
        }
        merged.extend(rest);
        found = merged;
    }
    // Concepts that negate ("nothing left", "run out of") act as negation words at their last word.
    negators.extend(found.iter().filter(|f| detector.negating[f.concept]).map(|f| f.end - 1));
    negators.sort_unstable();
    negate(detector, tokens, &mut found, &negators);
    assign_owners(detector, tokens, &mut found);
    found.retain(|f| f.concept != detector.neutral);
    found
}

/// A negation turns the next concept in its clause around, and through a concept that carries it
/// ("going to", "want"), the one after that too. A new speaker ends its reach ("she doesn't know I cut").
fn negate(detector: &Detector, tokens: &[Token], found: &mut [Found], negators: &[usize]) {
    for &n in negators {
        let clause = tokens[n].clause;
        let mut reach_from = n;
        let mut i = found.partition_point(|f| f.start < n);
        while i < found.len() {
            let start = found[i].start;
            let span = i..found[i..].iter().position(|f| f.start != start).map_or(found.len(), |k| i + k);
            let f = &found[i];
            if f.clause != clause || f.start > reach_from + NEGATION_REACH {
                break;
            }
            if found[span.clone()].iter().all(|f| f.concept == detector.writer) {
                i = span.end;
                continue;
            }
            let speaker = found[span.clone()]
                .iter()
                .any(|f| f.concept == detector.speaker || f.concept == detector.someone_else);
            if speaker {
                break;
            }
            let carries = found[span.clone()].iter().any(|f| detector.carries[f.concept]);
            reach_from = f.end;
            for f in &mut found[span.clone()] {
                f.negated = true;
            }
            if !carries {
                break;
            }
            i = span.end;
        }
    }
}

/// Each concept belongs to the nearest speaker before it in its sentence: the writer (I, my) or someone
/// else (she, my friend, the character). With no one named, it is the writer's. A phrase that says "I"
/// itself ("I want", "if I") is the writer's. A person named as an object ("him", "for my wife") changes
/// nothing, and words in quotation marks are someone else's.
fn assign_owners(detector: &Detector, tokens: &[Token], found: &mut [Found]) {
    let mut current: Option<(u16, Owner)> = None;
    // Someone else's words reported in this sentence: "my son said I'm going to...".
    let mut reporting: Option<u16> = None;
    let mut i = 0;
    while i < found.len() {
        let (start, end, sentence) = (found[i].start, found[i].end, found[i].sentence);
        let span = i..found[i..].iter().position(|f| f.start != start).map_or(found.len(), |k| i + k);
        if current.is_some_and(|(s, _)| s != sentence) {
            current = None;
        }
        if reporting.is_some_and(|s| s != sentence) {
            reporting = None;
        }
        let reports = found[span.clone()].iter().any(|f| Some(f.concept) == detector.reported);
        if reports && current.is_some_and(|(_, o)| o == Owner::SomeoneElse) {
            reporting = Some(sentence);
        }
        if found[span.clone()].iter().all(|f| f.concept == detector.writer) {
            i = span.end;
            continue;
        }
        let names_other = found[span.clone()].iter().any(|f| f.concept == detector.someone_else);
        let names_writer = !names_other
            && (found[span.clone()].iter().any(|f| f.concept == detector.speaker)
                || tokens[start..end].iter().any(|t| detector.speaker_words.contains(&t.stem)));
        let after_preposition =
            start.checked_sub(1).is_some_and(|p| detector.prepositions.contains(&tokens[p].stem));
        let object = detector.objects.contains(&tokens[end - 1].stem) || after_preposition;
        let owner = if names_writer && reporting.is_some() {
            Owner::SomeoneElse
        } else if names_writer {
            Owner::Writer
        } else if names_other {
            Owner::SomeoneElse
        } else {
            current.map_or(Owner::Writer, |(_, o)| o)
        };
        for f in &mut found[span.clone()] {
            f.owner = if f.quoted { Owner::SomeoneElse } else { owner };
        }
        if !object && (names_writer || names_other) {
            current = Some((sentence, owner));
        }
        i = span.end;
    }
}
