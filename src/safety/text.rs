//! From what a person typed to the words the detector reads: Unicode folded (NFKC), invisible characters
//! dropped, lower case, straight apostrophes, emoji that carry meaning turned into words, contractions,
//! slang and misspellings rewritten, stretched letters ("sooo") shrunk, and every word stemmed, in
//! sentences and clauses.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// A stem by number: the lexicon's stems are numbered once at start-up, so a word is compared as a
/// number, not as text.
pub type StemId = u32;

/// A word whose stem the lexicon does not know.
pub const UNKNOWN: StemId = StemId::MAX;

/// One word as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word's stem ("dying" and "died" are both "die"), by number.
    pub stem: StemId,
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
    pub words: rustc_hash::FxHashMap<String, Vec<String>>,
    /// Slang read literally only away from numbers and the words that make it a distance ("5 kms", "kms away").
    pub slang: rustc_hash::FxHashMap<String, Slang>,
    /// An emoji to the word it stands for.
    pub emoji: rustc_hash::FxHashMap<char, String>,
    /// Words that end a clause: negation and who-is-speaking stop at them.
    pub clause_words: rustc_hash::FxHashSet<String>,
    /// The number of every stem the lexicon knows, and each number's stem.
    pub stems: Stems,
    /// The first five letters of known stems of five letters or more.
    pub stem_starts: rustc_hash::FxHashSet<String>,
    /// Every word typed that the detector knows, with how it is read: every form of every word the lexicon
    /// uses ("dying", "died", "dies": "die"), stemmed once at start-up, and the rewrites, slang and clause
    /// words. A word that is not here cannot stem to anything the lexicon knows, so it is not stemmed at
    /// all, unless it starts like a long stem that is known ("suicidally").
    pub vocabulary: Vocabulary,
}

/// Every word the detector knows, as typed, with how it is read. It is probed for every word of a message,
/// so a word of up to 16 bytes (nearly all of them) is its key packed into one number: one probe of a small
/// table, with no text to follow and compare. Longer words have their own table. Nearly every word is read as
/// one plain stem, kept in the table itself; only rewrites and slang have an entry of their own beside it, so
/// the tens of thousands of word forms cost no allocation each.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    short: rustc_hash::FxHashMap<Packed, Slot>,
    long: rustc_hash::FxHashMap<Box<str>, Slot>,
    special: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Plain(Read),
    Special(u32),
}

/// How a word was found: read as one plain stem, or with an entry of its own (a rewrite, slang).
#[derive(Debug, Clone, Copy)]
pub enum Looked<'a> {
    Plain(Read),
    Special(&'a Entry),
}

impl Looked<'_> {
    pub fn rewritten(&self) -> bool {
        matches!(self, Looked::Special(e) if e.rewritten)
    }
}

/// A word of at most 16 bytes as two numbers (words hold no NUL byte, so the padding cannot collide). Two
/// `u64`s rather than one `u128`: the table's entries align to 8 bytes, not 16, so each is 24 bytes, not 32.
type Packed = (u64, u64);

fn packed(word: &str) -> Option<Packed> {
    let bytes = word.as_bytes();
    (bytes.len() <= 16).then(|| {
        let mut key = [0u8; 16];
        key[..bytes.len()].copy_from_slice(bytes);
        let (low, high) = key.split_at(8);
        let half = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
        (half(low), half(high))
    })
}

impl Vocabulary {
    /// Adds `word`, or replaces how it is read.
    pub fn insert(&mut self, word: &str, entry: Entry) {
        let plain = !entry.rewritten && entry.literal.is_none() && entry.not_before.is_empty();
        let slot = match entry.reads.as_slice() {
            [read] if plain => Slot::Plain(*read),
            _ => {
                self.special.push(entry);
                Slot::Special(u32::try_from(self.special.len() - 1).unwrap_or(u32::MAX))
            }
        };
        match packed(word) {
            Some(key) => self.short.insert(key, slot),
            None => self.long.insert(word.into(), slot),
        };
    }

    pub fn get(&self, word: &str) -> Option<Looked<'_>> {
        let slot = match packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }?;
        match *slot {
            Slot::Plain(read) => Some(Looked::Plain(read)),
            Slot::Special(i) => self.special.get(i as usize).map(Looked::Special),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// Gives back the room the tables grew into while the lexicon was built.
    pub fn shrink_to_fit(&mut self) {
        self.short.shrink_to_fit();
        self.long.shrink_to_fit();
        self.special.shrink_to_fit();
    }
}

/// The lexicon's stems, numbered: found by their text through packed keys (as the vocabulary's words are), and
/// by their number in one buffer of text, with no allocation per stem.
#[derive(Debug, Clone, Default)]
pub struct Stems {
    short: rustc_hash::FxHashMap<Packed, StemId>,
    long: rustc_hash::FxHashMap<Box<str>, StemId>,
    text: String,
    /// Where each stem ends in `text`, by number.
    ends: Vec<u32>,
}

impl Stems {
    pub fn id(&self, stem: &str) -> Option<StemId> {
        match packed(stem) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(stem).copied(),
        }
    }

    /// The number of `stem`, numbering it if it is new.
    pub fn intern(&mut self, stem: &str) -> StemId {
        if let Some(id) = self.id(stem) {
            return id;
        }
        let id = StemId::try_from(self.ends.len()).unwrap_or(UNKNOWN - 1);
        match packed(stem) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(stem.into(), id),
        };
        self.text.push_str(stem);
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        id
    }

    pub fn name(&self, id: StemId) -> Option<&str> {
        let i = id as usize;
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }

    /// How many stems are numbered.
    pub fn count(&self) -> usize {
        self.ends.len()
    }

    /// Every stem, by number.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).filter_map(|i| self.name(i as StemId))
    }

    pub fn shrink_to_fit(&mut self) {
        self.short.shrink_to_fit();
        self.long.shrink_to_fit();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// How one word of the vocabulary is read: its stem, and what kind of word it is.
#[derive(Debug, Clone, Copy)]
pub struct Read {
    pub stem: StemId,
    pub clause: bool,
    pub number: bool,
    /// The word "i": never a name, even with a capital.
    pub i: bool,
}

/// Everything known about a word as typed, found with one lookup.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The words it is read as (one, or a rewrite's several).
    pub reads: Vec<Read>,
    /// It was rewritten (a contraction, slang, shorthand): not a name.
    pub rewritten: bool,
    /// Slang: how it is read as a distance ("5 kms"), and the next words that make it one.
    pub literal: Option<Vec<Read>>,
    pub not_before: Vec<String>,
}

impl Rewrites {
    fn knows(&self, word: &str) -> bool {
        self.vocabulary.contains(word)
    }

    /// The number of `stem`, numbering it if it is new (only while the lexicon is built).
    pub fn intern(&mut self, stem: &str) -> StemId {
        self.stems.intern(stem)
    }

    pub fn stem_name(&self, id: StemId) -> &str {
        self.stems.name(id).unwrap_or("?")
    }

    /// The stem of a word the vocabulary does not hold: only a long word that starts like a known stem is
    /// stemmed, and only a stem the lexicon knows has a number.
    pub fn stem(&self, word: &str, stemmer: &Stemmer) -> StemId {
        let long = word.len() > 5 && word.is_char_boundary(5);
        if long && self.stem_starts.contains(&word[..5]) {
            self.stems.id(stemmer.stem(word).as_ref()).unwrap_or(UNKNOWN)
        } else {
            UNKNOWN
        }
    }
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
    matches!(
        c,
        '.' | '!' | '?' | ';' | ':' | '\n' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '¿' | '¡'
    )
}

fn clause_end(c: char) -> bool {
    matches!(c, ',' | '(' | ')' | '\u{2013}' | '\u{2014}' | '/')
}

/// A raw piece of text: a word, or a boundary.
#[derive(Debug, PartialEq)]
enum Piece {
    /// A word, lower-cased, as a range of the words' buffer, and whether it was written with a capital
    /// (a name, mid-sentence).
    Word(std::ops::Range<usize>, bool),
    /// A word an emoji stands for.
    Emoji(char),
    ClauseEnd,
    SentenceEnd,
    Quote,
}

/// Characters NFKC leaves alone: ASCII, and the emoji blocks. Everything else is folded.
fn stable(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
        other => other,
    }
}

/// Splits folded text into words (lower-cased into one buffer) and boundaries; emoji that carry meaning
/// become words.
fn pieces(text: &str, rewrites: &Rewrites) -> (String, Vec<Piece>) {
    // A text of no more bytes than the limit has no more characters either.
    let limited: &str = if text.len() > MAX_CHARS {
        text.char_indices().nth(MAX_CHARS).map_or(text, |(at, _)| &text[..at])
    } else {
        text
    };
    let mut chars: Vec<char> = Vec::with_capacity(limited.len());
    for c in limited.chars() {
        if c.is_ascii() {
            chars.push(if c == '`' { '\'' } else { c });
            continue;
        }
        if invisible(c) {
            continue;
        }
        if stable(c) {
            chars.push(fold(c));
        } else {
            chars.extend(std::iter::once(c).nfkc().filter(|c| !invisible(*c)).map(fold));
        }
    }
    let mut buffer = String::with_capacity(chars.len());
    // About one piece in five characters of prose.
    let mut out = Vec::with_capacity(chars.len() / 4 + 1);
    let mut start: Option<usize> = None;
    let flush = |start: &mut Option<usize>, end: usize, buffer: &mut String, out: &mut Vec<Piece>| {
        let Some(from) = start.take() else { return };
        let word = &chars[from..end];
        let trimmed_from = word.iter().position(|&c| c != '\'').map_or(word.len(), |p| p);
        let trimmed_to = word.iter().rposition(|&c| c != '\'').map_or(0, |p| p + 1);
        if trimmed_from >= trimmed_to {
            return;
        }
        let word = &word[trimmed_from..trimmed_to];
        // Titlecase ("Jayden"), not an abbreviation ("PR") or shouting.
        let capital = word[0].is_uppercase() && word[1..].iter().any(|c| c.is_lowercase());
        let at = buffer.len();
        for &c in word {
            if c.is_ascii() {
                buffer.push(c.to_ascii_lowercase());
            } else {
                buffer.extend(c.to_lowercase());
            }
        }
        out.push(Piece::Word(at..buffer.len(), capital));
    };
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // "w/o" and "w/": without, with.
        if (c == 'w' || c == 'W') && chars.get(i + 1) == Some(&'/') && start.is_none() {
            let o = chars.get(i + 2).is_some_and(|n| *n == 'o' || *n == 'O')
                && !chars.get(i + 3).is_some_and(|n| n.is_alphanumeric());
            let word = if o { "without" } else { "with" };
            let at = buffer.len();
            buffer.push_str(word);
            out.push(Piece::Word(at..buffer.len(), false));
            i += if o { 3 } else { 2 };
            continue;
        }
        let alphanumeric =
            if c.is_ascii() { c.is_ascii_alphanumeric() } else { !stable(c) && c.is_alphanumeric() };
        if alphanumeric || c == '\'' {
            start.get_or_insert(i);
        } else if (c == '.' || c == ',') && start.is_some() && i > 0 && digit(i - 1) && digit(i + 1) {
            // 5.5 or 1,000: part of the number
        } else if c == '-' && start.is_some() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) {
            // self-harm, t-shirt: two words
            flush(&mut start, i, &mut buffer, &mut out);
        } else {
            flush(&mut start, i, &mut buffer, &mut out);
            if c == '"' {
                out.push(Piece::Quote);
            } else if !c.is_ascii() && rewrites.emoji.contains_key(&c) {
                out.push(Piece::Emoji(c));
            } else if sentence_end(c) {
                out.push(Piece::SentenceEnd);
            } else if clause_end(c) {
                out.push(Piece::ClauseEnd);
            }
        }
        i += 1;
    }
    flush(&mut start, chars.len(), &mut buffer, &mut out);
    (buffer, out)
}

/// Runs of three or more of one letter shrink to one when that form is known ("diiie" to "die"), or to two.
fn shrink<'w>(word: &'w str, rewrites: &Rewrites) -> std::borrow::Cow<'w, str> {
    let bytes = word.as_bytes();
    if !bytes.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return std::borrow::Cow::Borrowed(word);
    }
    let chars: Vec<char> = word.chars().collect();
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
    let knows = |w: &str| rewrites.knows(w);
    std::borrow::Cow::Owned(if knows(&one) { one } else { two })
}

/// "cuttin", "dyin", "nothin": the g put back when only that form is known.
fn dropped_g<'w>(word: std::borrow::Cow<'w, str>, rewrites: &Rewrites) -> std::borrow::Cow<'w, str> {
    if word.len() > 4 && word.ends_with("in") && !rewrites.knows(&word) {
        let with_g = format!("{word}g");
        if rewrites.knows(&with_g) {
            return std::borrow::Cow::Owned(with_g);
        }
    }
    word
}

pub fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The words of `text`, rewritten, stemmed, and placed in sentences and clauses.
pub fn tokens(text: &str, rewrites: &Rewrites) -> Vec<Token> {
    let stemmer = Stemmer::create(Algorithm::English);
    let (buffer, raw) = pieces(text, rewrites);
    let word_of = |piece: &Piece| -> Option<&str> {
        match piece {
            Piece::Word(range, _) => Some(&buffer[range.clone()]),
            Piece::Emoji(c) => rewrites.emoji.get(c).map(String::as_str),
            _ => None,
        }
    };
    let mut out = Vec::with_capacity(raw.len());
    let (mut sentence, mut clause) = (0u16, 0u16);
    let mut pending_break = false;
    let mut quoted = false;
    // An unpaired quotation mark quotes nothing.
    let quotes_pair = raw.iter().filter(|p| **p == Piece::Quote).count() % 2 == 0;
    let words = raw.iter().filter(|p| matches!(p, Piece::Word(..) | Piece::Emoji(_))).count();
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
            Piece::Word(_, capital) => {
                // A capital mid-sentence names someone ("Jayden", "Mrs Hart"), unless every word shouts.
                capital_name =
                    *capital && !shouting && out.last().is_some_and(|t: &Token| t.sentence == sentence);
                word_of(piece).unwrap_or_default()
            }
            Piece::Emoji(_) => {
                capital_name = false;
                word_of(piece).unwrap_or_default()
            }
        };
        if pending_break && out.last().is_some_and(|t: &Token| t.clause == clause) {
            clause = clause.saturating_add(1);
        }
        pending_break = false;
        let word = shrink(word, rewrites);
        let word = dropped_g(word, rewrites);
        let previous_is_number =
            i.checked_sub(1).and_then(|j| raw.get(j)).and_then(word_of).is_some_and(is_number);
        let next = raw.get(i + 1).and_then(word_of);
        let unquoted;
        let without_apostrophe: &str = if word.contains('\'') {
            unquoted = word.replace('\'', "");
            &unquoted
        } else {
            &word
        };
        let entry =
            rewrites.vocabulary.get(word.as_ref()).or_else(|| rewrites.vocabulary.get(without_apostrophe));
        let plain_word = !entry.is_some_and(|e| e.rewritten()) && word.chars().all(char::is_alphabetic);
        let capital_name = capital_name && plain_word;
        let unknown;
        let one;
        let reads: &[Read] = match entry {
            Some(Looked::Plain(read)) => {
                one = [read];
                &one
            }
            Some(Looked::Special(Entry { literal: Some(literal), not_before, reads, .. })) => {
                let distance = previous_is_number || next.is_some_and(|n| not_before.iter().any(|b| b == n));
                if distance {
                    literal
                } else {
                    reads
                }
            }
            Some(Looked::Special(entry)) => &entry.reads,
            None => {
                let stem = rewrites.stem(without_apostrophe, &stemmer);
                unknown = [Read { stem, clause: false, number: is_number(without_apostrophe), i: false }];
                &unknown
            }
        };
        for read in reads {
            if read.clause {
                if out.last().is_some_and(|t: &Token| t.clause == clause) {
                    clause = clause.saturating_add(1);
                }
                continue;
            }
            out.push(Token {
                stem: read.stem,
                number: read.number,
                sentence,
                clause,
                quoted,
                name: capital_name && !read.i,
            });
        }
    }
    out
}

/// The words of a lexicon phrase, rewritten the way a person's text is ("don't" is "do not"); clause
/// words are left out, as they are in text. `*`, `**` and `#` stay as they are.
pub fn phrase_words(phrase: &str, rewrites: &Rewrites) -> Vec<String> {
    phrase
        .split_whitespace()
        .flat_map(|w| {
            let w = w.to_lowercase().replace('\u{2019}', "'");
            if rewrites.clause_words.contains(&w) {
                return Vec::new();
            }
            if matches!(w.as_str(), "*" | "**" | "#") {
                return vec![w];
            }
            rewrites
                .words
                .get(&w)
                .or_else(|| rewrites.words.get(&w.replace('\'', "")))
                .cloned()
                .unwrap_or_else(|| vec![w.replace('\'', "")])
        })
        .collect()
}

/// The stems of a lexicon phrase, read the way a person's text is read.
pub fn phrase_stems(phrase: &str, rewrites: &Rewrites) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    phrase_words(phrase, rewrites)
        .into_iter()
        .map(|w| if matches!(w.as_str(), "*" | "**" | "#") { w } else { stemmer.stem(&w).into_owned() })
        .collect()
}

/// The forms a word may take in text: plural, past, -ing, -er, -ly, with the spelling changes English makes
/// ("die", "dying", "died"; "stop", "stopped"; "cry", "cried"), and the base of a form given.
pub fn forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let mut bases = vec![word.to_owned()];
    for suffix in ["ing", "ed", "es", "s", "ly", "er", "d"] {
        if let Some(base) = word.strip_suffix(suffix).filter(|b| b.len() >= 2) {
            bases.push(base.to_owned());
            bases.push(format!("{base}e"));
            let mut chars = base.chars();
            if let (Some(last), Some(before)) = (chars.next_back(), chars.next_back()) {
                if last == before {
                    bases.push(base[..base.len() - last.len_utf8()].to_owned());
                }
            }
        }
    }
    if let Some(base) = word.strip_suffix("ying") {
        bases.push(format!("{base}ie"));
    }
    if let Some(base) = word.strip_suffix("ied").or_else(|| word.strip_suffix("ies")) {
        bases.push(format!("{base}y"));
    }
    for base in bases {
        let last = base.chars().last();
        out.push(base.clone());
        for suffix in ["s", "es", "ed", "ing", "er", "ers", "est", "ly", "d", "ment", "ness", "ful"] {
            out.push(format!("{base}{suffix}"));
        }
        if let Some(stem) = base.strip_suffix('e') {
            for suffix in ["ing", "ed", "er", "ion"] {
                out.push(format!("{stem}{suffix}"));
            }
        }
        if let Some(stem) = base.strip_suffix("ie") {
            out.push(format!("{stem}ying"));
        }
        if let Some(stem) = base.strip_suffix('y') {
            for suffix in ["ies", "ied", "ier", "iest", "ily", "iness"] {
                out.push(format!("{stem}{suffix}"));
            }
        }
        if let Some(c) = last.filter(|c| c.is_ascii_alphabetic() && !"aeiouwxy".contains(*c)) {
            for suffix in ["ing", "ed", "er", "y"] {
                out.push(format!("{base}{c}{suffix}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
