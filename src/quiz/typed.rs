//! Reading an answer typed in the DM: a number on the scale, the scale's words, or back/skip/stop.
//! Anything else is not guessed at: the person gets a hint instead.

use crate::content::QuizFile;
use crate::safety::normalise;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Answer(u8),
    Back,
    Skip,
    Stop,
    NotAnAnswer,
}

pub fn parse(text: &str, quiz: &QuizFile) -> Typed {
    let text = normalise(text);
    let text = text.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    if text.is_empty() || text.len() > 60 {
        return Typed::NotAnAnswer;
    }
    if let Ok(n) = text.parse::<u8>() {
        return if (quiz.scale.min..=quiz.scale.max).contains(&n) {
            Typed::Answer(n)
        } else {
            Typed::NotAnAnswer
        };
    }
    let is = |words: &[String]| words.iter().any(|w| normalise(w) == text);
    if let Some(point) = quiz.scale.points.iter().find(|p| is(&p.typed) || normalise(&p.label) == text) {
        return Typed::Answer(point.value);
    }
    let m = &quiz.messages;
    if is(&m.typed_back) {
        Typed::Back
    } else if is(&m.typed_skip) {
        Typed::Skip
    } else if is(&m.typed_stop) {
        Typed::Stop
    } else {
        Typed::NotAnAnswer
    }
}
