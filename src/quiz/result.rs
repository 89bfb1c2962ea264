//! Turning answers into a stored result, and reading back what a stored result says.

use chrono::{DateTime, Utc};

use super::scoring::{self, Answer, Outcome, ScaleRange, Thresholds, Verdict, Withheld};
use crate::content::{QuizFile, QuizItem};
use crate::store::quiz::{StoredResult, StoredVerdict};

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

pub fn to_stored(outcome: &Outcome, session_id: i64, finished_at: DateTime<Utc>) -> StoredResult {
    let verdict = match &outcome.verdict {
        Verdict::Incomplete => StoredVerdict::Incomplete,
        Verdict::Withheld(Withheld::SameAnswerThroughout) => StoredVerdict::WithheldSame,
        Verdict::Withheld(Withheld::Inconsistent(d)) => StoredVerdict::WithheldInconsistent(*d),
        Verdict::OnTheLine(styles) => StoredVerdict::OnTheLine(styles.clone()),
        Verdict::Leaning { style, close_to_middle: false } => StoredVerdict::Leaning(*style),
        Verdict::Leaning { style, close_to_middle: true } => StoredVerdict::LeaningClose(*style),
    };
    StoredResult {
        session_id,
        finished_at,
        anxiety: outcome.anxiety.map(|s| s.mean),
        avoidance: outcome.avoidance.map(|s| s.mean),
        anxiety_answered: outcome.anxiety.map_or(0, |s| s.answered as u32),
        avoidance_answered: outcome.avoidance.map_or(0, |s| s.answered as u32),
        verdict,
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

/// The steps a result suggests starting with. A clear leaning has its style's steps. Between styles, withheld
/// or incomplete, they come from the person's own strongest answers (the steps that work on what those
/// statements ask about, strongest first), then the neighbouring styles' first steps, then the first steps of
/// the guide, which help anyone: at most three.
pub fn start_steps<'a>(
    quiz: &'a QuizFile,
    r: &StoredResult,
    answered: &[(&'a QuizItem, u8)],
) -> Vec<&'a str> {
    if let StoredVerdict::Leaning(style) | StoredVerdict::LeaningClose(style) = r.verdict {
        return quiz.styles.get(style).start_steps.iter().map(String::as_str).collect();
    }
    let styles = r.verdict.styles();
    let scale = scale(quiz);
    let middle = f64::from(scale.min + scale.max) / 2.0;
    let mut strong: Vec<(u8, usize, &QuizItem)> = answered
        .iter()
        .enumerate()
        .map(|(i, (item, raw))| {
            (
                scoring::keyed(Answer { dimension: item.dimension, reverse: item.reverse, raw: *raw }, scale),
                i,
                *item,
            )
        })
        .filter(|(keyed, _, _)| f64::from(*keyed) > middle)
        .collect();
    strong.sort_by_key(|(keyed, i, _)| (std::cmp::Reverse(*keyed), *i));
    let mut steps: Vec<&str> = Vec::new();
    let neighbours = styles.iter().filter_map(|s| quiz.styles.get(*s).start_steps.first());
    let fallback = quiz.unsure_start_steps.iter();
    for slug in strong.iter().map(|(_, _, item)| &item.step).chain(neighbours).chain(fallback) {
        if steps.len() == 3 {
            break;
        }
        if !steps.contains(&slug.as_str()) {
            steps.push(slug);
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz() -> QuizFile {
        crate::content::Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"))
            .quiz
    }

    fn result_of<'a>(q: &'a QuizFile, raws: &[u8]) -> (StoredResult, Vec<(&'a QuizItem, u8)>) {
        let answers: Vec<(String, Option<u8>)> =
            q.items.iter().map(|i| i.id.clone()).zip(raws.iter().map(|r| Some(*r))).collect();
        let answered = answered(q, &answers);
        (to_stored(&outcome(q, &answered), 1, chrono::Utc::now()), answered)
    }

    #[test]
    fn all_neutral_answers_start_with_the_first_steps_not_the_last() {
        let q = quiz();
        let (r, answered) = result_of(&q, &[4; 12]);
        assert_eq!(r.verdict, StoredVerdict::WithheldSame);
        let steps = start_steps(&q, &r, &answered);
        let unsure: Vec<&str> = q.unsure_start_steps.iter().map(String::as_str).collect();
        assert_eq!(steps, unsure);
    }

    #[test]
    fn a_clear_leaning_keeps_its_styles_steps() {
        let q = quiz();
        // Every statement keyed 7 on anxiety and 1 on avoidance: a clear anxious leaning.
        let raws: Vec<u8> = q
            .items
            .iter()
            .map(|i| match (i.dimension, i.reverse) {
                (crate::quiz::scoring::Dimension::Anxiety, false) => 7,
                (crate::quiz::scoring::Dimension::Anxiety, true) => 1,
                (_, false) => 1,
                (_, true) => 7,
            })
            .collect();
        let (r, answered) = result_of(&q, &raws);
        let own: Vec<&str> = q.styles.anxious.start_steps.iter().map(String::as_str).collect();
        assert_eq!(start_steps(&q, &r, &answered), own);
    }
}
