//! Scoring the attachment quiz: two dimensions, reverse keying, means, and an honest verdict.
//!
//! Pure functions only. The rules: a reverse item is keyed as `(min + max) − raw`; a dimension's score is
//! the mean of its keyed answers; fewer than four answers in a dimension leave the result incomplete;
//! above its threshold a dimension is high, below it low, exactly on it "on the line"; within the close
//! margin of a threshold the style is only a gentle leaning; and the style is withheld when every raw
//! answer is the same although reverse items were answered, or when a dimension's forward and reverse
//! keyed means differ by 3 or more.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Anxiety,
    Avoidance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Secure,
    Anxious,
    Dismissive,
    Fearful,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Secure, Style::Anxious, Style::Dismissive, Style::Fearful];

    pub fn from_levels(anxiety_high: bool, avoidance_high: bool) -> Style {
        match (anxiety_high, avoidance_high) {
            (false, false) => Style::Secure,
            (true, false) => Style::Anxious,
            (false, true) => Style::Dismissive,
            (true, true) => Style::Fearful,
        }
    }

    /// The name stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            Style::Secure => "secure",
            Style::Anxious => "anxious",
            Style::Dismissive => "dismissive",
            Style::Fearful => "fearful",
        }
    }

    pub fn from_key(key: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The least number of answers per dimension for a result.
pub const MIN_ANSWERED: usize = 4;
/// Forward and reverse keyed means this far apart mean the answers contradict each other.
pub const INCONSISTENT_GAP: f64 = 3.0;
const EPSILON: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub anxiety: f64,
    pub avoidance: f64,
    pub close_margin: f64,
}

impl Thresholds {
    fn of(&self, d: Dimension) -> f64 {
        match d {
            Dimension::Anxiety => self.anxiety,
            Dimension::Avoidance => self.avoidance,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleRange {
    pub min: u8,
    pub max: u8,
}

/// One answered item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub dimension: Dimension,
    pub reverse: bool,
    pub raw: u8,
}

pub fn keyed(answer: Answer, scale: ScaleRange) -> u8 {
    if answer.reverse {
        scale.min + scale.max - answer.raw
    } else {
        answer.raw
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Low,
    OnTheLine,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DimensionScore {
    pub mean: f64,
    pub answered: usize,
    pub position: Position,
    /// Within the close margin of the threshold (and not exactly on it).
    pub close_to_middle: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Withheld {
    SameAnswerThroughout,
    Inconsistent(Dimension),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Too few answers in at least one dimension.
    Incomplete,
    Withheld(Withheld),
    /// At least one score exactly on its threshold: the neighbouring styles (two, or all four).
    OnTheLine(Vec<Style>),
    Leaning {
        style: Style,
        close_to_middle: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub anxiety: Option<DimensionScore>,
    pub avoidance: Option<DimensionScore>,
    pub verdict: Verdict,
}

impl Outcome {
    pub fn score(&self, d: Dimension) -> Option<&DimensionScore> {
        match d {
            Dimension::Anxiety => self.anxiety.as_ref(),
            Dimension::Avoidance => self.avoidance.as_ref(),
        }
    }
}

fn mean(values: impl Iterator<Item = u8>) -> Option<(f64, usize)> {
    let (sum, n) = values.fold((0u32, 0usize), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| (f64::from(sum) / n as f64, n))
}

fn dimension_score(
    answers: &[Answer],
    d: Dimension,
    scale: ScaleRange,
    t: &Thresholds,
) -> Option<DimensionScore> {
    let (mean, answered) = mean(answers.iter().filter(|a| a.dimension == d).map(|a| keyed(*a, scale)))?;
    let threshold = t.of(d);
    let distance = mean - threshold;
    let position = if distance.abs() < EPSILON {
        Position::OnTheLine
    } else if distance > 0.0 {
        Position::High
    } else {
        Position::Low
    };
    let close_to_middle = position != Position::OnTheLine && distance.abs() <= t.close_margin + EPSILON;
    Some(DimensionScore { mean, answered, position, close_to_middle })
}

/// Scores the answers given (skipped items are simply absent).
pub fn score(answers: &[Answer], scale: ScaleRange, thresholds: &Thresholds) -> Outcome {
    let anxiety = dimension_score(answers, Dimension::Anxiety, scale, thresholds);
    let avoidance = dimension_score(answers, Dimension::Avoidance, scale, thresholds);
    let verdict = verdict(answers, scale, anxiety.as_ref(), avoidance.as_ref());
    Outcome { anxiety, avoidance, verdict }
}

fn verdict(
    answers: &[Answer],
    scale: ScaleRange,
    anx: Option<&DimensionScore>,
    avo: Option<&DimensionScore>,
) -> Verdict {
    let (Some(anx), Some(avo)) = (anx, avo) else {
        return Verdict::Incomplete;
    };
    if anx.answered < MIN_ANSWERED || avo.answered < MIN_ANSWERED {
        return Verdict::Incomplete;
    }
    let first = answers[0].raw;
    if answers.iter().any(|a| a.reverse) && answers.iter().all(|a| a.raw == first) {
        return Verdict::Withheld(Withheld::SameAnswerThroughout);
    }
    for d in [Dimension::Anxiety, Dimension::Avoidance] {
        let part = |reverse: bool| {
            mean(
                answers.iter().filter(|a| a.dimension == d && a.reverse == reverse).map(|a| keyed(*a, scale)),
            )
        };
        if let (Some((forward, _)), Some((reverse, _))) = (part(false), part(true)) {
            if (forward - reverse).abs() >= INCONSISTENT_GAP - EPSILON {
                return Verdict::Withheld(Withheld::Inconsistent(d));
            }
        }
    }
    let sides = |s: &DimensionScore| match s.position {
        Position::Low => vec![false],
        Position::High => vec![true],
        Position::OnTheLine => vec![false, true],
    };
    if anx.position == Position::OnTheLine || avo.position == Position::OnTheLine {
        let styles = sides(anx)
            .into_iter()
            .flat_map(|a| sides(avo).into_iter().map(move |v| Style::from_levels(a, v)))
            .collect();
        return Verdict::OnTheLine(styles);
    }
    Verdict::Leaning {
        style: Style::from_levels(anx.position == Position::High, avo.position == Position::High),
        close_to_middle: anx.close_to_middle || avo.close_to_middle,
    }
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod tests;
