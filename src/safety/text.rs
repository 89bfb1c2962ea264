//! From what a person typed to the words the detector reads: Unicode folded (NFKC), invisible characters
//! dropped, lower case, straight apostrophes, emoji that carry meaning turned into words, contractions,
//! slang and misspellings rewritten, stretched letters ("sooo") shrunk, and every word stemmed, in
//! sentences and clauses.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// One word as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word's stem ("dying" and "died" are both "die").
    pub stem: String,
    /// True for a number ("5", "10k"): distances and counts are not slang.
    pub number: bool,
    pub sentence: u16,
    pub clause: u16,
    /// Inside quotation marks.
    pub quoted: bool,
    /// Written with a capital mid-sentence: most likely someone's name.
    pub name: bool,
}

/// Rewrites applied to single words before stemming.
#[derive(Debug, Clone, Default)]
pub struct Rewrites {
    /// A word (as typed, lower case, apostrophes kept or dropped) to the words it stands for.
    pub words: HashMap<String, Vec<String>>,
    /// Slang read literally only away from numbers and the words that make it a distance ("5 kms", "kms away").
    pub slang: HashMap<String, Slang>,
    /// An emoji to the word it stands for.
    pub emoji: HashMap<char, String>,
    /// Words that end a clause: negation and who-is-speaking stop at them.
    pub clause_words: Vec<String>,
    /// Stems the lexicon knows: a stretched word ("diiie") is shrunk to the form it knows.
    pub known: std::collections::HashSet<String>,
}

#[derive(Debug, Clone)]
pub struct Slang {
    pub means: Vec<String>,
    /// Next words that make it something else ("kms away").
    pub not_before: Vec<String>,
}

/// Longest text read: a journal entry is at most 4,000 characters; anything longer is read in part.
const MAX_CHARS: usize = 16_000;

fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

fn sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | ':' | '\n' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '¿' | '¡')
}

fn clause_end(c: char) -> bool {
    matches!(c, ',' | '(' | ')' | '\u{2013}' | '\u{2014}' | '/')
}

/// A raw piece of text: a word, or a boundary.
#[derive(Debug, PartialEq)]
enum Piece {
    /// A word, lower-cased, and whether it was written with a capital (a name, mid-sentence).
    Word(String, bool),
    ClauseEnd,
    SentenceEnd,
    Quote,
}

/// Splits folded text into words and boundaries; emoji that carry meaning become words.
fn pieces(text: &str, rewrites: &Rewrites) -> Vec<Piece> {
    let folded: String = text
        .chars()
        .take(MAX_CHARS)
        .nfkc()
        .filter(|c| !invisible(*c))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
            other => other,
        })
        .collect();
    let folded = folded.replace("w/o", " without ").replace("W/o", " without ").replace("w/", " with ");
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Piece>| {
        let w = word.trim_matches('\'');
        if !w.is_empty() {
            // Titlecase ("Jayden"), not an abbreviation ("PR") or shouting.
            let capital = w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase);
            out.push(Piece::Word(w.to_lowercase(), capital));
        }
        word.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        let digit_around = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else if (c == '.' || c == ',') && digit_around(i.checked_sub(1)) && digit_around(Some(i + 1)) {
            word.push(c); // 5.5 or 1,000
        } else if c == '-' && !word.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) {
            // self-harm, t-shirt: two words
            flush(&mut word, &mut out);
        } else {
            flush(&mut word, &mut out);
            if c == '"' {
                out.push(Piece::Quote);
            } else if let Some(w) = rewrites.emoji.get(&c) {
                out.push(Piece::Word(w.clone(), false));
            } else if sentence_end(c) {
                out.push(Piece::SentenceEnd);
            } else if clause_end(c) {
                out.push(Piece::ClauseEnd);
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Runs of three or more of one letter shrink to two ("sooo" to "soo"), or to one when only that form is known.
fn shrink(word: &str, stemmer: &Stemmer, rewrites: &Rewrites) -> String {
    let chars: Vec<char> = word.chars().collect();
    if !chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return word.to_owned();
    }
    let squeeze = |keep: usize| {
        let mut out = String::new();
        let mut run = 0;
        for (i, &c) in chars.iter().enumerate() {
            run = if i > 0 && chars[i - 1] == c { run + 1 } else { 1 };
            if run <= keep {
                out.push(c);
            }
        }
        out
    };
    let (two, one) = (squeeze(2), squeeze(1));
    let knows = |w: &str| rewrites.words.contains_key(w) || rewrites.known.contains(stemmer.stem(w).as_ref());
    if !knows(&two) && knows(&one) {
        one
    } else {
        two
    }
}

/// "cuttin", "dyin", "nothin": the g put back when only that form is known.
fn dropped_g(word: String, stemmer: &Stemmer, rewrites: &Rewrites) -> String {
    if word.len() > 4 && word.ends_with("in") && !rewrites.known.contains(stemmer.stem(&word).as_ref()) {
        let with_g = format!("{word}g");
        if rewrites.known.contains(stemmer.stem(&with_g).as_ref()) {
            return with_g;
        }
    }
    word
}

fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The words of `text`, rewritten, stemmed, and placed in sentences and clauses.
pub fn tokens(text: &str, rewrites: &Rewrites) -> Vec<Token> {
    let stemmer = Stemmer::create(Algorithm::English);
    let raw = pieces(text, rewrites);
    let mut out = Vec::new();
    let (mut sentence, mut clause) = (0u16, 0u16);
    let mut pending_break = false;
    let mut quoted = false;
    // An unpaired quotation mark quotes nothing.
    let quotes_pair = raw.iter().filter(|p| **p == Piece::Quote).count() % 2 == 0;
    let words = raw.iter().filter(|p| matches!(p, Piece::Word(..))).count();
    let capitals = raw.iter().filter(|p| matches!(p, Piece::Word(_, true))).count();
    let shouting = capitals * 2 > words;
    let mut capital_name;
    for (i, piece) in raw.iter().enumerate() {
        let word = match piece {
            Piece::Quote => {
                quoted = !quoted && quotes_pair;
                pending_break = true;
                continue;
            }
            Piece::SentenceEnd => {
                if out.last().is_some_and(|t: &Token| t.sentence == sentence) {
                    sentence = sentence.saturating_add(1);
                    clause = clause.saturating_add(1);
                }
                continue;
            }
            Piece::ClauseEnd => {
                pending_break = true;
                continue;
            }
            Piece::Word(w, capital) => {
                // A capital mid-sentence names someone ("Jayden", "Mrs Hart"), unless every word shouts.
                capital_name = *capital && !shouting && out.last().is_some_and(|t: &Token| t.sentence == sentence);
                w
            }
        };
        if pending_break && out.last().is_some_and(|t: &Token| t.clause == clause) {
            clause = clause.saturating_add(1);
        }
        pending_break = false;
        let word = shrink(word, &stemmer, rewrites);
        let word = dropped_g(word, &stemmer, rewrites);
        let previous_is_number = i
            .checked_sub(1)
            .and_then(|j| raw.get(j))
            .is_some_and(|p| matches!(p, Piece::Word(w, _) if is_number(w)));
        let next = match raw.get(i + 1) {
            Some(Piece::Word(w, _)) => Some(w.as_str()),
            _ => None,
        };
        let plain_word = word.chars().all(char::is_alphabetic)
            && !rewrites.words.contains_key(&word)
            && !rewrites.slang.contains_key(&word);
        let capital_name = capital_name && plain_word;
        let expanded: Vec<String> = if let Some(slang) = rewrites.slang.get(&word) {
            let distance =
                previous_is_number || next.is_some_and(|n| slang.not_before.iter().any(|b| b == n));
            if distance {
                vec![word.clone()]
            } else {
                slang.means.clone()
            }
        } else if let Some(words) =
            rewrites.words.get(&word).or_else(|| rewrites.words.get(&word.replace('\'', "")))
        {
            words.clone()
        } else {
            vec![word.replace('\'', "")]
        };
        for w in expanded {
            if rewrites.clause_words.contains(&w) {
                if out.last().is_some_and(|t: &Token| t.clause == clause) {
                    clause = clause.saturating_add(1);
                }
                continue;
            }
            out.push(Token {
                stem: stemmer.stem(&w).into_owned(),
                number: is_number(&w),
                sentence,
                clause,
                quoted,
                name: capital_name && w != "i",
            });
        }
    }
    out
}

/// The stems of a lexicon phrase, read the way a person's text is read.
pub fn phrase_stems(phrase: &str, rewrites: &Rewrites) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    phrase
        .split_whitespace()
        .flat_map(|w| {
            let w = w.to_lowercase().replace('\u{2019}', "'");
            if matches!(w.as_str(), "*" | "**" | "#") {
                return vec![w];
            }
            let expanded = rewrites
                .words
                .get(&w)
                .or_else(|| rewrites.words.get(&w.replace('\'', "")))
                .cloned()
                .unwrap_or_else(|| vec![w.replace('\'', "")]);
            expanded.into_iter().map(|e| stemmer.stem(&e).into_owned()).collect()
        })
        .collect()
}
