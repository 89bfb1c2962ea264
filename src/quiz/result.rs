//! Turning answers into a stored result, and reading back what a stored result says.

use chrono::{DateTime, Utc};

use super::scoring::{self, Answer, Dimension, Outcome, ScaleRange, Style, Thresholds, Verdict, Withheld};
use crate::content::{QuizFile, QuizItem};
use crate::store::quiz::StoredResult;

pub fn scale(quiz: &QuizFile) -> ScaleRange {
    ScaleRange { min: quiz.scale.min, max: quiz.scale.max }
}

pub fn thresholds(quiz: &QuizFile) -> Thresholds {
    Thresholds {
        anxiety: quiz.thresholds.anxiety,
        avoidance: quiz.thresholds.avoidance,
        close_margin: quiz.thresholds.close_margin,
    }
}

/// The answered items (skips and items no longer in the content left out), with their raw answers.
pub fn answered<'a>(quiz: &'a QuizFile, answers: &[(String, Option<u8>)]) -> Vec<(&'a QuizItem, u8)> {
    answers
        .iter()
        .filter_map(|(id, raw)| Some((quiz.item(id)?, (*raw)?)))
        .filter(|(_, raw)| (quiz.scale.min..=quiz.scale.max).contains(raw))
        .collect()
}

pub fn outcome(quiz: &QuizFile, answered: &[(&QuizItem, u8)]) -> Outcome {
    let answers: Vec<Answer> = answered
        .iter()
        .map(|(item, raw)| Answer { dimension: item.dimension, reverse: item.reverse, raw: *raw })
        .collect();
    scoring::score(&answers, scale(quiz), &thresholds(quiz))
}

pub fn to_stored(outcome: &Outcome, finished_at: DateTime<Utc>) -> StoredResult {
    let (verdict, styles, dimension): (&str, Vec<Style>, Option<Dimension>) = match &outcome.verdict {
        Verdict::Incomplete => ("incomplete", vec![], None),
        Verdict::Withheld(Withheld::SameAnswerThroughout) => ("withheld_same", vec![], None),
        Verdict::Withheld(Withheld::Inconsistent(d)) => ("withheld_inconsistent", vec![], Some(*d)),
        Verdict::OnTheLine(styles) => ("on_the_line", styles.clone(), None),
        Verdict::Leaning { style, close_to_middle: false } => ("leaning", vec![*style], None),
        Verdict::Leaning { style, close_to_middle: true } => ("leaning_close", vec![*style], None),
    };
    StoredResult {
        finished_at,
        anxiety: outcome.anxiety.map(|s| s.mean),
        avoidance: outcome.avoidance.map(|s| s.mean),
        anxiety_answered: outcome.anxiety.map_or(0, |s| s.answered as u32),
        avoidance_answered: outcome.avoidance.map_or(0, |s| s.answered as u32),
        verdict: verdict.to_owned(),
        styles: styles.iter().map(|s| s.key().to_owned()).collect(),
        dimension: dimension.map(|d| match d {
            Dimension::Anxiety => "anxiety".to_owned(),
            Dimension::Avoidance => "avoidance".to_owned(),
        }),
    }
}

/// The notes of the person's most strongly keyed items (keyed 6 or more), strongest first, at most three.
pub fn personal_notes<'a>(quiz: &'a QuizFile, answered: &[(&'a QuizItem, u8)]) -> Vec<&'a str> {
    let scale = scale(quiz);
    let mut strong: Vec<(u8, &QuizItem)> = answered
        .iter()
        .map(|(item, raw)| {
            (
                scoring::keyed(Answer { dimension: item.dimension, reverse: item.reverse, raw: *raw }, scale),
                *item,
            )
        })
        .filter(|(k, item)| *k >= scale.max.saturating_sub(1) && item.note.is_some())
        .collect();
    strong.sort_by_key(|(keyed, _)| std::cmp::Reverse(*keyed));
    strong.into_iter().filter_map(|(_, item)| item.note.as_deref()).take(3).collect()
}
