//! Measuring the detector on labelled sets (JSONL files of crisis, ordinary and ambiguous messages), for
//! `cargo run --release --example safety_eval` and the test that holds it to its floors. Texts are read,
//! never printed: a report names kinds, counts, rules and ids.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{check, Detector, Outcome};

/// What a labelled message should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A crisis kind: the crisis or concern reply (or the harm-to-others one).
    Alarm,
    /// A threat toward someone else: the harm-to-others reply.
    HarmToOthers,
    /// Ordinary text: no alarm.
    NoAlarm,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// "crisis", "ordinary" or "ambiguous".
    pub file: &'static str,
    /// The kind ("ideation", "plain", "trap"), or the lean of an ambiguous one ("alarm", "no_alarm").
    pub kind: String,
    pub split: String,
    pub expect: Expect,
}

#[derive(Deserialize)]
struct Line {
    id: String,
    text: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    lean: Option<String>,
    #[serde(default)]
    split: Option<String>,
}

/// Reads `crisis.jsonl`, `ordinary.jsonl` and `ambiguous.jsonl` (each optional) from `dir`.
pub fn load(dir: &Path) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    for file in ["crisis", "ordinary", "ambiguous"] {
        let path = dir.join(format!("{file}.jsonl"));
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for (n, raw) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let line: Line =
                serde_json::from_str(raw).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            let kind =
                line.kind.or(line.lean).ok_or_else(|| format!("{}:{}: no kind", path.display(), n + 1))?;
            let expect = match (file, kind.as_str()) {
                ("crisis", "other_directed") => Expect::HarmToOthers,
                ("crisis", _) | ("ambiguous", "alarm") => Expect::Alarm,
                _ => Expect::NoAlarm,
            };
            items.push(Item {
                id: line.id,
                text: line.text,
                file,
                kind,
                split: line.split.unwrap_or_else(|| "all".to_owned()),
                expect,
            });
        }
    }
    if items.is_empty() {
        return Err(format!("{}: no labelled messages", dir.display()));
    }
    Ok(items)
}

/// How one group of messages fared.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub total: usize,
    /// Answered as expected: an alarm for crisis kinds (the harm-to-others reply for threats), none for
    /// ordinary text.
    pub right: usize,
    /// Crisis kinds answered with some alarm, even if not the expected reply.
    pub any_alarm: usize,
    /// Which rule answered, with how many.
    pub rules: BTreeMap<String, usize>,
    /// The ids answered wrongly.
    pub wrong: Vec<String>,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// Tallies by (file, split, kind).
pub fn evaluate(items: &[Item], detector: &Detector) -> BTreeMap<(&'static str, String, String), Tally> {
    let mut out: BTreeMap<(&'static str, String, String), Tally> = BTreeMap::new();
    for item in items {
        let finding = check(&item.text, detector);
        let alarm = finding.as_ref().is_some_and(|f| f.outcome.is_alarm());
        let right = match item.expect {
            Expect::Alarm => alarm,
            Expect::HarmToOthers => finding.as_ref().is_some_and(|f| f.outcome == Outcome::HarmToOthers),
            Expect::NoAlarm => !alarm,
        };
        for split in [item.split.clone(), "all".to_owned()] {
            let tally = out.entry((item.file, split, item.kind.clone())).or_default();
            tally.total += 1;
            tally.right += usize::from(right);
            tally.any_alarm += usize::from(alarm);
            if let Some(f) = &finding {
                *tally.rules.entry(format!("{:?}: {}", f.outcome, f.rule)).or_default() += 1;
            }
            if !right {
                tally.wrong.push(item.id.clone());
            }
            if item.split == "all" {
                break;
            }
        }
    }
    out
}
