//! The one crisis-language check that every piece of typed text passes through before it is read.

use crate::content::SafetyFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    /// Words about suicide or self-harm. `negated` when a negation came right before: the reply is the
    /// same, gentle and with resources; it only changes what is logged.
    SelfHarm {
        negated: bool,
    },
    HarmToOthers,
}

/// Lower-case, straight apostrophes, single spaces: the form phrases are matched in.
pub fn normalise(text: &str) -> String {
    let lowered = text.to_lowercase().replace(['\u{2019}', '\u{2018}', '`'], "'");
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where `phrase` occurs in `text` as whole words.
fn find_phrase(text: &str, phrase: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'';
    let mut from = 0;
    while let Some(found) = text[from..].find(phrase) {
        let start = from + found;
        let end = start + phrase.len();
        let before_ok = text[..start].chars().next_back().is_none_or(|c| !is_word(c));
        let after_ok = text[end..].chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Errs towards a match: a false alarm costs one kind message, a miss could cost far more.
pub fn check(text: &str, phrases: &SafetyFile) -> Option<Concern> {
    let text = normalise(text);
    let self_harm = phrases.self_harm.iter().filter_map(|p| find_phrase(&text, &normalise(p))).min();
    if let Some(at) = self_harm {
        let before = text[..at].trim_end();
        let negated = phrases.negations.iter().any(|n| before.ends_with(&normalise(n)));
        return Some(Concern::SelfHarm { negated });
    }
    if phrases.harm_to_others.iter().any(|p| find_phrase(&text, &normalise(p)).is_some()) {
        return Some(Concern::HarmToOthers);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases() -> SafetyFile {
        SafetyFile {
            self_harm: vec!["kill myself".into(), "want to die".into(), "suicide".into(), "kms".into()],
            harm_to_others: vec!["hurt someone".into()],
            negations: vec!["not going to".into(), "don't".into()],
            reply_title: String::new(),
            reply: String::new(),
            others_reply: String::new(),
        }
    }

    #[test]
    fn phrases_match_whole_words_in_any_case_and_spacing() {
        let p = phrases();
        assert_eq!(check("I   WANT to die", &p), Some(Concern::SelfHarm { negated: false }));
        assert_eq!(check("thinking about suicide.", &p), Some(Concern::SelfHarm { negated: false }));
        assert_eq!(check("kms", &p), Some(Concern::SelfHarm { negated: false }));
        assert_eq!(check("I might hurt someone", &p), Some(Concern::HarmToOthers));
    }

    #[test]
    fn ordinary_text_and_parts_of_words_do_not_match() {
        let p = phrases();
        for text in ["5", "agree a little", "skip", "the suicidesquad movie", "bookms", "I want to dine out"]
        {
            assert_eq!(check(text, &p), None, "{text}");
        }
    }

    #[test]
    fn a_negation_still_matches_but_is_marked() {
        let p = phrases();
        assert_eq!(check("I'm not going to kill myself", &p), Some(Concern::SelfHarm { negated: true }));
        assert_eq!(check("I don’t want to die", &p), Some(Concern::SelfHarm { negated: true }));
    }
}

/// The shipped phrase list against many phrasings: what must meet care, and everyday sentences that must not.
#[cfg(test)]
mod shipped_list {
    use super::*;

    fn phrases() -> SafetyFile {
        crate::content::Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .expect("content loads")
            .safety
    }

    #[test]
    fn crisis_phrasings_are_caught() {
        let p = phrases();
        for text in [
            "I want to kill myself",
            "i keep thinking about killing myself",
            "I just want to end my life",
            "sometimes I want to die",
            "honestly i wanna die lol",
            "I've been feeling suicidal again",
            "thinking about suicide",
            "I started self-harming again",
            "I cut myself last night",
            "everyone would be better off without me",
            "There's no reason to live anymore",
            "I don't want to be here anymore",
            "I dont want to wake up tomorrow",
            "I'm going to end it all",
            "I won’t be a problem much longer",
            "this is my final goodbye",
            "I've been saving up sleeping pills",
            "💊💊💊",
            "kms",
            "I overdosed once and I might again",
            "I can't go on like this",
            "I'm so tired of living",
            "life is not worth living",
            "I'm writing a suicide note",
            "I think this is goodbye",
            "I want to hang myself",
            "I'm thinking of jumping in front of a train",
            "I could take my life tonight",
            "I wish I wasn't here",
            "I'm NOT GOING TO kill myself, I promise",
        ] {
            assert!(matches!(check(text, &p), Some(Concern::SelfHarm { .. })), "missed: {text:?}");
        }
    }

    #[test]
    fn threats_to_others_take_their_own_path() {
        let p = phrases();
        for text in [
            "I could kill him right now",
            "I want them dead",
            "I'm going to hurt someone",
            "I might stab her",
        ] {
            assert_eq!(check(text, &p), Some(Concern::HarmToOthers), "{text:?}");
        }
    }

    #[test]
    fn everyday_sentences_do_not_raise_an_alarm() {
        let p = phrases();
        for text in [
            "I killed it at work today",
            "this traffic is killing me",
            "I could die of embarrassment",
            "my phone battery died",
            "my plants are dying",
            "I need to skill myself up",
            "I'm dead tired",
            "I'm dying to see you",
            "she cut me off mid-sentence",
            "we said goodbye at the station",
            "I want to end things with my ex kindly",
            "the pills for my allergies helped",
            "agree a little",
            "5",
            "I feel tender and I need a quiet evening",
            "a slow walk",
            "I'm going to the train station",
        ] {
            assert_eq!(check(text, &p), None, "false alarm: {text:?}");
        }
    }
}
