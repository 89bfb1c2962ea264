//! Finished quiz results: scores, the verdict in the database's words, and reading them back.

use chrono::{DateTime, Utc};

use super::{db_id, Store, StoreResult};
use crate::ids::UserId;
use crate::quiz::scoring::{Dimension, Style};

/// A finished result as stored: enough to show it again and to compare it with later ones.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResult {
    /// The quiz it finished: its answers give the personal notes again when the result is reopened.
    pub session_id: i64,
    pub finished_at: DateTime<Utc>,
    pub anxiety: Option<f64>,
    pub avoidance: Option<f64>,
    pub anxiety_answered: u32,
    pub avoidance_answered: u32,
    pub verdict: StoredVerdict,
}

/// What a finished quiz said, typed; its words in the database (`verdict`, `styles`, `dimension`) are read and
/// written only here.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredVerdict {
    Leaning(Style),
    /// A leaning with a score close to the middle: a gentle hint.
    LeaningClose(Style),
    /// A score exactly on a middle line: the two neighbouring styles, or all four on both lines.
    OnTheLine(Vec<Style>),
    /// The same answer to every statement.
    WithheldSame,
    /// A dimension's answers contradicted each other.
    WithheldInconsistent(Dimension),
    Incomplete,
}

impl StoredVerdict {
    /// Straight-lined or contradictory: the scores say nothing fair to compare or draw.
    pub fn is_withheld(&self) -> bool {
        matches!(self, StoredVerdict::WithheldSame | StoredVerdict::WithheldInconsistent(_))
    }

    /// The styles it names.
    pub fn styles(&self) -> Vec<Style> {
        match self {
            StoredVerdict::Leaning(s) | StoredVerdict::LeaningClose(s) => vec![*s],
            StoredVerdict::OnTheLine(styles) => styles.clone(),
            _ => Vec::new(),
        }
    }

    pub(super) fn to_row(&self) -> (&'static str, String, Option<&'static str>) {
        let keys = |styles: &[Style]| styles.iter().map(|s| s.key()).collect::<Vec<_>>().join(",");
        match self {
            StoredVerdict::Leaning(s) => ("leaning", s.key().to_owned(), None),
            StoredVerdict::LeaningClose(s) => ("leaning_close", s.key().to_owned(), None),
            StoredVerdict::OnTheLine(styles) => ("on_the_line", keys(styles), None),
            StoredVerdict::WithheldSame => ("withheld_same", String::new(), None),
            StoredVerdict::WithheldInconsistent(d) => {
                ("withheld_inconsistent", String::new(), Some(dimension_key(*d)))
            }
            StoredVerdict::Incomplete => ("incomplete", String::new(), None),
        }
    }

    fn from_row(verdict: &str, styles: &str, dimension: Option<&str>) -> Option<StoredVerdict> {
        let styles: Option<Vec<Style>> =
            styles.split(',').filter(|s| !s.is_empty()).map(Style::from_key).collect();
        Some(match (verdict, styles?.as_slice()) {
            ("leaning", [s]) => StoredVerdict::Leaning(*s),
            ("leaning_close", [s]) => StoredVerdict::LeaningClose(*s),
            ("on_the_line", styles) if !styles.is_empty() => StoredVerdict::OnTheLine(styles.to_vec()),
            ("withheld_same", []) => StoredVerdict::WithheldSame,
            ("withheld_inconsistent", []) => StoredVerdict::WithheldInconsistent(match dimension? {
                "anxiety" => Dimension::Anxiety,
                "avoidance" => Dimension::Avoidance,
                _ => return None,
            }),
            ("incomplete", []) => StoredVerdict::Incomplete,
            _ => return None,
        })
    }
}

fn dimension_key(d: Dimension) -> &'static str {
    match d {
        Dimension::Anxiety => "anxiety",
        Dimension::Avoidance => "avoidance",
    }
}

impl Store {
    /// Every result of the person, oldest first.
    pub async fn quiz_results(&self, user_id: UserId) -> StoreResult<Vec<StoredResult>> {
        crate::on_pool!(self, |pool| {
            let rows: Vec<ResultRow> = q::query_as(&format!(
                "SELECT {RESULT_COLUMNS} FROM quiz_results WHERE user_id = ? ORDER BY finished_at, id"
            ))
            .bind(db_id(user_id))
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().filter_map(stored_result).collect())
        })
    }

    /// The person's result of one quiz; `None` when there is none, or it is someone else's.
    pub async fn quiz_result(&self, user_id: UserId, session_id: i64) -> StoreResult<Option<StoredResult>> {
        crate::on_pool!(self, |pool| {
            let row: Option<ResultRow> = q::query_as(&format!(
                "SELECT {RESULT_COLUMNS} FROM quiz_results WHERE user_id = ? AND session_id = ?"
            ))
            .bind(db_id(user_id))
            .bind(session_id)
            .fetch_optional(pool)
            .await?;
            Ok(row.and_then(stored_result))
        })
    }
}

/// A `quiz_results` row as stored, column by column (`RESULT_COLUMNS`).
#[derive(sqlx::FromRow)]
struct ResultRow {
    session_id: i64,
    finished_at: DateTime<Utc>,
    anxiety: Option<f64>,
    avoidance: Option<f64>,
    anxiety_answered: i64,
    avoidance_answered: i64,
    verdict: String,
    styles: String,
    dimension: Option<String>,
}

/// The columns of [`ResultRow`] (a constant, joined into the queries' SQL by `format!`).
const RESULT_COLUMNS: &str =
    "session_id, finished_at, anxiety, avoidance, anxiety_answered, avoidance_answered, verdict, styles, dimension";

/// A result row, or `None` (logged with its table and key) when its verdict is not one this version reads, so
/// it is left out of what is shown rather than shown wrongly.
fn stored_result(row: ResultRow) -> Option<StoredResult> {
    let Some(typed) = StoredVerdict::from_row(&row.verdict, &row.styles, row.dimension.as_deref()) else {
        tracing::warn!(table = "quiz_results", session_id = row.session_id, verdict = ?row.verdict, "a quiz result this version cannot read");
        return None;
    };
    Some(StoredResult {
        session_id: row.session_id,
        finished_at: row.finished_at,
        anxiety: row.anxiety,
        avoidance: row.avoidance,
        anxiety_answered: u32::try_from(row.anxiety_answered).unwrap_or(0),
        avoidance_answered: u32::try_from(row.avoidance_answered).unwrap_or(0),
        verdict: typed,
    })
}

#[cfg(test)]
mod verdict_tests {
    use super::StoredVerdict::{self, *};
    use crate::quiz::scoring::{Dimension, Style};

    #[test]
    fn every_verdict_survives_the_database_and_foreign_words_are_refused() {
        for v in [
            Leaning(Style::Anxious),
            LeaningClose(Style::Secure),
            OnTheLine(vec![Style::Dismissive, Style::Fearful]),
            OnTheLine(Style::ALL.to_vec()),
            WithheldSame,
            WithheldInconsistent(Dimension::Avoidance),
            Incomplete,
        ] {
            let (verdict, styles, dimension) = v.to_row();
            assert_eq!(StoredVerdict::from_row(verdict, &styles, dimension), Some(v));
        }
        for (verdict, styles, dimension) in [
            ("leaning", "", None),
            ("leaning", "anxious,secure", None),
            ("leaning", "brave", None),
            ("on_the_line", "", None),
            ("withheld_inconsistent", "", None),
            ("withheld_inconsistent", "", Some("joy")),
            ("glowing", "", None),
        ] {
            assert_eq!(StoredVerdict::from_row(verdict, styles, dimension), None, "{verdict} {styles}");
        }
    }
}
