//! The weighed reading that follows the rules. When no rule answered a message in which the detector read
//! a risk concept (death, harm, means, farewell, hopelessness...), two logistic scores weigh everything it
//! read: each concept (negated or not, whose), each pair of concepts in one sentence, each known word and
//! each pair of neighbouring words. One score is the likelihood of risk to the writer, the other of a
//! threat toward someone else. The weights are learned from the labelled tune sets by `training::train`
//! (`cargo run --release --example safety_train`) and kept by name in `content/crisis_weights.tsv`, so a
//! change to the lexicon only needs a new training run, and a weight whose name the lexicon no longer
//! knows is reported at start-up like any broken content.

use rustc_hash::FxHashMap;

use super::compile::Detector;
use super::concepts::{Found, Owner};
use super::rules::Concepts;
use super::text::{StemId, Token, UNKNOWN};

/// The two scores: risk to the writer, and a threat toward someone else.
pub(super) const HEADS: usize = 2;
pub(super) const SELF: usize = 0;
pub(super) const OTHERS: usize = 1;

/// A feature, packed: its kind in the top bits, then concept or stem numbers.
pub(super) type Key = u64;

const CONCEPT: u64 = 1 << 60;
const PAIR: u64 = 2 << 60;
const WORD: u64 = 3 << 60;
const BIGRAM: u64 = 4 << 60;
const KIND: u64 = 0xF << 60;

const NEGATED: u64 = 1;
const ELSE: u64 = 2;
const QUOTED: u64 = 4;

/// Stems are numbered below this; the unknown word takes the last number.
const STEM_SPACE: u64 = 1 << 24;
const UNKNOWN_SLOT: u64 = STEM_SPACE - 1;
/// A lexicon with this many stems or more cannot be given weights.
pub(super) const STEM_LIMIT: u64 = UNKNOWN_SLOT;

/// Concepts in one sentence paired with at most this many after them: a long run-on entry stays cheap.
const PAIR_REACH: usize = 48;

/// Each feature's two weights, with the feature's number (for counting features in a window).
pub(super) type Weights = FxHashMap<Key, (u32, [f32; HEADS])>;

/// When the weighed reading is consulted, and its weights.
#[derive(Debug, Clone, Default)]
pub(super) struct Learned {
    pub needs: Concepts,
    pub concern_at: f32,
    pub harm_at: f32,
    pub bias: [f32; HEADS],
    pub weights: Weights,
}

fn stem_slot(stem: StemId) -> u64 {
    if stem == UNKNOWN {
        UNKNOWN_SLOT
    } else {
        u64::from(stem)
    }
}

/// Whether the message holds a concept the weighed reading needs.
pub(super) fn consulted(detector: &Detector, found: &[Found]) -> bool {
    found.iter().any(|f| detector.learned.needs.has(f.concept))
}

/// How many sentences either side of one with a risk concept are weighed with it: a labelled message is
/// at most four sentences, so it is always weighed whole, as it was learned; a long journal entry is
/// weighed a few sentences at a time around each risk, so its length alone does not add up to a score.
const SENTENCE_REACH: u16 = 3;

/// Every feature of a message, with the sentence it is in.
fn each_key(tokens: &[Token], found: &[Found], mut emit: impl FnMut(u16, Key)) {
    for f in found {
        let flags = u64::from(f.negated) * NEGATED
            + u64::from(f.owner == Owner::SomeoneElse) * ELSE
            + u64::from(f.quoted) * QUOTED;
        emit(f.sentence, CONCEPT | (f.concept as u64) << 3 | flags);
    }
    for (i, a) in found.iter().enumerate() {
        if a.negated {
            continue;
        }
        for b in found[i + 1..].iter().take(PAIR_REACH).take_while(|b| b.sentence == a.sentence) {
            if !b.negated {
                let (lo, hi) = (a.concept.min(b.concept) as u64, a.concept.max(b.concept) as u64);
                emit(a.sentence, PAIR | lo << 16 | hi);
            }
        }
    }
    let mut previous: Option<&Token> = None;
    for t in tokens {
        let slot = stem_slot(t.stem);
        emit(t.sentence, WORD | slot);
        if let Some(p) = previous.filter(|p| p.sentence == t.sentence) {
            emit(t.sentence, BIGRAM | stem_slot(p.stem) << 24 | slot);
        }
        previous = Some(t);
    }
}

/// Every feature of a message, sorted, each once: what training learns from.
pub(super) fn keys(tokens: &[Token], found: &[Found], out: &mut Vec<Key>) {
    out.clear();
    each_key(tokens, found, |_, k| out.push(k));
    out.sort_unstable();
    out.dedup();
}

/// The two likelihoods of the message, weighed around each sentence with a risk concept (see
/// [`SENTENCE_REACH`]); the highest of each. The window slides from one risk sentence to the next, adding
/// the features of the sentences that come into it and taking away those that leave, each counted once.
pub(super) fn weigh(detector: &Detector, tokens: &[Token], found: &[Found]) -> [f32; HEADS] {
    let learned = &detector.learned;
    let mut risky: Vec<u16> =
        found.iter().filter(|f| learned.needs.has(f.concept)).map(|f| f.sentence).collect();
    risky.dedup();
    let sentences = tokens.last().map_or(0, |t| usize::from(t.sentence) + 1);
    let span = |r: u16| {
        let to = usize::from(r.saturating_add(SENTENCE_REACH)).min(sentences.saturating_sub(1));
        (usize::from(r.saturating_sub(SENTENCE_REACH)), to)
    };
    let mut near = vec![false; sentences];
    for &r in &risky {
        let (from, to) = span(r);
        for slot in near.iter_mut().take(to + 1).skip(from) {
            *slot = true;
        }
    }
    // The features with a weight, with the sentence they are in.
    let mut numbered: Vec<(u16, u32, [f32; HEADS])> = Vec::with_capacity(tokens.len() * 2 + found.len() * 4);
    each_key(tokens, found, |sentence, key| {
        if near.get(usize::from(sentence)).copied().unwrap_or(false) {
            if let Some(&(id, w)) = learned.weights.get(&key) {
                numbered.push((sentence, id, w));
            }
        }
    });
    // Then in sentence order, with where each sentence starts.
    let mut starts = vec![0usize; sentences + 1];
    for w in &numbered {
        starts[usize::from(w.0) + 1] += 1;
    }
    for s in 1..starts.len() {
        starts[s] += starts[s - 1];
    }
    let mut by_sentence = vec![(0u16, 0u32, [0f32; HEADS]); numbered.len()];
    let mut fill = starts.clone();
    for w in numbered {
        let at = &mut fill[usize::from(w.0)];
        by_sentence[*at] = w;
        *at += 1;
    }
    let sentence = |s: usize| &by_sentence[starts[s]..starts[s + 1]];
    let mut window = Window { counts: vec![0; learned.weights.len()], z: learned.bias.map(f64::from) };
    let mut best = [0f32; HEADS];
    // Sentences lo..next are in the window.
    let (mut lo, mut next) = (0usize, 0usize);
    for &r in &risky {
        let (from, to) = span(r);
        for s in lo..from.min(next) {
            window.apply(sentence(s), false);
        }
        lo = lo.max(from);
        next = next.max(lo);
        for s in next..=to {
            window.apply(sentence(s), true);
        }
        next = to + 1;
        for (b, z) in best.iter_mut().zip(window.z) {
            *b = b.max(sigmoid(z as f32));
        }
    }
    best
}

/// The features in the sliding window, each counted once, and the sums they make.
struct Window {
    counts: Vec<u16>,
    z: [f64; HEADS],
}

impl Window {
    fn apply(&mut self, sentence: &[(u16, u32, [f32; HEADS])], add: bool) {
        for (_, id, w) in sentence {
            let Some(count) = self.counts.get_mut(*id as usize) else { continue };
            let edge = if add {
                *count += 1;
                *count == 1
            } else {
                *count = count.saturating_sub(1);
                *count == 0
            };
            if edge {
                let sign = if add { 1.0 } else { -1.0 };
                for (z, w) in self.z.iter_mut().zip(w) {
                    *z += sign * f64::from(*w);
                }
            }
        }
    }
}

pub(super) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

/// The two likelihoods for the features `keys` of a whole message, as training sees it.
#[cfg(test)]
pub(super) fn scores(learned: &Learned, keys: &[Key]) -> [f32; HEADS] {
    let mut z = learned.bias;
    for k in keys {
        if let Some((_, w)) = learned.weights.get(k) {
            for h in 0..HEADS {
                z[h] += w[h];
            }
        }
    }
    z.map(sigmoid)
}

/// A feature's name in the weights file: `c:die!~"`, `p:die+writer`, `w:pill`, `b:not wake`; `?` is a word
/// the lexicon does not know.
pub(super) fn name(detector: &Detector, key: Key) -> String {
    let stem = |slot: u64| -> &str {
        if slot == UNKNOWN_SLOT {
            "?"
        } else {
            detector.rewrites.stem_name(slot as StemId)
        }
    };
    let concept = |i: u64| detector.concepts.get(i as usize).map_or("?", String::as_str);
    match key & KIND {
        CONCEPT => {
            let flags = key & 7;
            format!(
                "c:{}{}{}{}",
                concept((key & !KIND) >> 3),
                if flags & NEGATED != 0 { "!" } else { "" },
                if flags & ELSE != 0 { "~" } else { "" },
                if flags & QUOTED != 0 { "\"" } else { "" },
            )
        }
        PAIR => {
            let (a, b) = (concept((key >> 16) & 0xFFFF), concept(key & 0xFFFF));
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            format!("p:{a}+{b}")
        }
        WORD => format!("w:{}", stem(key & (STEM_SPACE - 1))),
        _ => format!("b:{} {}", stem((key >> 24) & (STEM_SPACE - 1)), stem(key & (STEM_SPACE - 1))),
    }
}

/// The key of a feature named as [`name`] writes it, if the lexicon knows every part of it.
fn parse(detector: &Detector, name: &str) -> Option<Key> {
    let concept = |n: &str| detector.concepts.iter().position(|c| c == n).map(|i| i as u64);
    let stem = |s: &str| -> Option<u64> {
        if s == "?" {
            Some(UNKNOWN_SLOT)
        } else {
            detector.rewrites.stems.id(s).map(stem_slot)
        }
    };
    let (kind, rest) = name.split_once(':')?;
    match kind {
        "c" => {
            let base = rest.trim_end_matches(['!', '~', '"']);
            let tail = &rest[base.len()..];
            let flags = u64::from(tail.contains('!')) * NEGATED
                + u64::from(tail.contains('~')) * ELSE
                + u64::from(tail.contains('"')) * QUOTED;
            Some(CONCEPT | concept(base)? << 3 | flags)
        }
        "p" => {
            let (a, b) = rest.split_once('+')?;
            let (a, b) = (concept(a)?, concept(b)?);
            Some(PAIR | a.min(b) << 16 | a.max(b))
        }
        "w" => Some(WORD | stem(rest)?),
        "b" => {
            let (a, b) = rest.split_once(' ')?;
            Some(BIGRAM | stem(a)? << 24 | stem(b)?)
        }
        _ => None,
    }
}

/// Reads `crisis_weights.tsv`: `#` comments, one `bias` line, then one feature per line with its two
/// weights, tab-separated.
pub(super) fn read_weights(detector: &Detector, text: &str) -> Result<([f32; HEADS], Weights), Vec<String>> {
    let mut problems = Vec::new();
    let mut bias = None;
    let mut weights = FxHashMap::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let parsed: Option<[f32; HEADS]> = match fields.as_slice() {
            [_, a, b] => a.parse().ok().zip(b.parse().ok()).map(|(a, b)| [a, b]),
            _ => None,
        };
        let Some(w) = parsed.filter(|w| w.iter().all(|x: &f32| x.is_finite())) else {
            problems.push(format!("line {}: a name and two numbers, tab-separated", n + 1));
            continue;
        };
        if fields[0] == "bias" {
            bias = Some(w);
            continue;
        }
        match parse(detector, fields[0]) {
            Some(key) => {
                let id = u32::try_from(weights.len()).unwrap_or(u32::MAX);
                if weights.insert(key, (id, w)).is_some() {
                    problems.push(format!("line {}: {:?} is given twice", n + 1, fields[0]));
                }
            }
            None => problems.push(format!(
                "line {}: {:?} is not read by the lexicon any more; train the weights again \
                 (cargo run --release --example safety_train)",
                n + 1,
                fields[0]
            )),
        }
    }
    let Some(bias) = bias else {
        problems.push("no bias line".to_owned());
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    weights.shrink_to_fit();
    Ok((bias, weights))
}
