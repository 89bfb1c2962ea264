//! Everything a person reads, loaded from `content/` and validated once at start-up.

mod groups;
mod model;
mod mydata;
mod nudges;
mod partners;
mod quiz;
mod reflect;
mod safety;
mod template;
mod ui;
mod validate;
mod validate_groups;
mod validate_mydata;
mod validate_partners;
mod validate_quiz;
mod validate_reflect;
mod validate_safety;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use thiserror::Error;

pub use groups::*;
pub use model::*;
pub use mydata::*;
pub use nudges::*;
pub use partners::*;
pub use quiz::*;
pub use reflect::*;
pub use safety::*;
pub use template::fill;
pub use ui::*;

#[derive(Debug, Clone)]
pub struct Content {
    pub guide: GuideFile,
    pub strategies: StrategiesFile,
    pub support: SupportFile,
    pub ui: UiFile,
    pub quiz: QuizFile,
    pub safety: SafetyFile,
    /// The crisis-language detector, from `crisis_language.toml`.
    pub crisis_language: crate::safety::Detector,
    pub nudges: NudgesFile,
    pub groups: GroupsFile,
    pub reflect: ReflectFile,
    pub mydata: MyDataFile,
    pub partners: PartnersFile,
}

#[derive(Debug, Error)]
pub enum ContentError {
    #[error("content file {file}: cannot be read: {source}")]
    Unreadable {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("content file {file}: {message}")]
    Malformed { file: PathBuf, message: String },
    #[error("content is invalid:\n  {}", problems.join("\n  "))]
    Invalid { problems: Vec<String> },
}

impl Content {
    /// Reads and checks every file. Each problem names the file, the field and the reason.
    pub fn load(dir: &Path) -> Result<Self, ContentError> {
        let content = Self {
            guide: read(dir, "guide.toml")?,
            strategies: read(dir, "strategies.toml")?,
            support: read(dir, "support.toml")?,
            ui: read(dir, "ui.toml")?,
            quiz: read(dir, "quiz.toml")?,
            safety: read(dir, "safety.toml")?,
            crisis_language: detector(dir)?,
            nudges: read(dir, "nudges.toml")?,
            groups: read(dir, "groups.toml")?,
            reflect: read(dir, "reflect.toml")?,
            mydata: read(dir, "mydata.toml")?,
            partners: read(dir, "partners.toml")?,
        };
        // Whole messages are checked against Discord's limits by rendering them (`render::limits::check`).
        let problems = validate::fields(&content);
        if problems.is_empty() {
            Ok(content)
        } else {
            Err(ContentError::Invalid { problems })
        }
    }

    pub fn steps(&self) -> &[Step] {
        &self.guide.steps
    }

    pub fn step(&self, slug: &str) -> Option<&Step> {
        self.guide.steps.iter().find(|s| s.slug == slug)
    }

    /// The step before and after `slug`, for the navigation buttons.
    pub fn neighbours(&self, slug: &str) -> (Option<&Step>, Option<&Step>) {
        let steps = self.steps();
        match steps.iter().position(|s| s.slug == slug) {
            Some(i) => (i.checked_sub(1).map(|p| &steps[p]), steps.get(i + 1)),
            None => (None, None),
        }
    }
}

/// The crisis-language lexicon, checked and built; its problems are reported like any other content's.
fn detector(dir: &Path) -> Result<crate::safety::Detector, ContentError> {
    let detector = crisis_rules(dir)?;
    let path = dir.join(WEIGHTS);
    let weights = std::fs::read_to_string(&path)
        .map_err(|source| ContentError::Unreadable { file: path.clone(), source })?;
    detector.with_weights(&weights).map_err(|problems| ContentError::Invalid {
        problems: problems.into_iter().map(|p| format!("{WEIGHTS}: {p}")).collect(),
    })
}

/// The crisis-language lexicon from `dir` alone, checked and built, without its learned weights: what the
/// weights are trained on, and what a rule's own test reads.
pub fn crisis_rules(dir: &Path) -> Result<crate::safety::Detector, ContentError> {
    let file: crate::safety::LexiconFile = read(dir, "crisis_language.toml")?;
    crate::safety::Detector::compile(&file).map_err(|problems| ContentError::Invalid {
        problems: problems.into_iter().map(|p| format!("crisis_language.toml: {p}")).collect(),
    })
}

/// The crisis check's learned weights, written by `cargo run --release --example safety_train`.
pub const WEIGHTS: &str = "crisis_weights.tsv";

fn read<T: DeserializeOwned>(dir: &Path, name: &str) -> Result<T, ContentError> {
    let file = dir.join(name);
    let text = std::fs::read_to_string(&file)
        .map_err(|source| ContentError::Unreadable { file: file.clone(), source })?;
    toml::from_str(&text)
        .map_err(|e| ContentError::Malformed { file, message: e.to_string().trim().replace('\n', " ") })
}
