//! `content/quiz.toml`: the scale, the items, the four styles, the caveats and the quiz's own texts.

use serde::Deserialize;

use crate::quiz::scoring::{Dimension, Style};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub title: String,
    pub intro: String,
    pub expiry_days: u32,
    pub unsure_start_steps: Vec<String>,
    pub scale: Scale,
    pub thresholds: ThresholdsFile,
    pub items: Vec<QuizItem>,
    pub styles: Styles,
    pub caveats: Vec<String>,
    pub messages: QuizMessages,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    pub points: Vec<ScalePoint>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    pub value: u8,
    pub label: String,
    pub typed: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdsFile {
    pub anxiety: f64,
    pub avoidance: f64,
    pub close_margin: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizItem {
    pub id: String,
    pub text: String,
    pub dimension: Dimension,
    pub reverse: bool,
    #[serde(default)]
    pub note: Option<String>,
    /// The guide's step that works on what the statement asks about.
    pub step: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Styles {
    pub secure: StyleText,
    pub anxious: StyleText,
    pub dismissive: StyleText,
    pub fearful: StyleText,
}

impl Styles {
    pub fn get(&self, style: Style) -> &StyleText {
        match style {
            Style::Secure => &self.secure,
            Style::Anxious => &self.anxious,
            Style::Dismissive => &self.dismissive,
            Style::Fearful => &self.fearful,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleText {
    pub name: String,
    pub description: String,
    pub triggers: Vec<String>,
    pub strengths: Vec<String>,
    pub growth: Vec<String>,
    pub start_steps: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizMessages {
    pub question_counter: String,
    pub start: String,
    pub move_to_dm: String,
    pub back: String,
    pub skip: String,
    pub stop: String,
    pub new_quiz: String,
    /// The same button before any result: nothing to take again yet.
    pub first_quiz: String,
    pub history: String,
    pub resume: String,
    pub paused: String,
    pub moved_to_dm: String,
    pub dm_closed: String,
    pub stale: String,
    pub finished_already: String,
    pub expired: String,
    pub typed_hint: String,
    pub typed_back: Vec<String>,
    pub typed_skip: Vec<String>,
    pub typed_stop: Vec<String>,
    pub result_title: String,
    pub scores_heading: String,
    pub anxiety_label: String,
    pub avoidance_label: String,
    pub anxiety_explain: String,
    pub avoidance_explain: String,
    pub leaning: String,
    pub leaning_close: String,
    pub on_the_line: String,
    pub on_both_lines: String,
    pub withheld_same: String,
    pub withheld_inconsistent: String,
    pub incomplete: String,
    pub breakdown_triggers: String,
    pub breakdown_strengths: String,
    pub breakdown_growth: String,
    pub breakdown_personal: String,
    pub start_with: String,
    pub caveats_heading: String,
    pub history_title: String,
    pub history_empty: String,
    pub history_line: String,
    pub history_change: String,
    pub verdict_withheld: String,
    pub verdict_incomplete: String,
    pub verdict_between: String,
    pub verdict_slightly: String,
    pub history_open: String,
    pub result_from: String,
    pub result_gone: String,
    pub crisis_continue: String,
}

impl QuizFile {
    pub fn item(&self, id: &str) -> Option<&QuizItem> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn label(&self, dimension: Dimension) -> &str {
        match dimension {
            Dimension::Anxiety => &self.messages.anxiety_label,
            Dimension::Avoidance => &self.messages.avoidance_label,
        }
    }
}
