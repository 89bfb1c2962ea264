//! The quiz tables: sessions in progress, their answers, and finished results.

use chrono::{DateTime, Utc};

use super::{db_id, Store, StoreResult};
use crate::quiz::scoring::{Dimension, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct QuizSession {
    pub id: i64,
    pub user_id: u64,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub item_ids: Vec<String>,
    pub position: usize,
    pub status: SessionStatus,
    /// Stopped for now: typed DMs are not its answers until it is resumed.
    pub paused: bool,
}

impl QuizSession {
    pub fn is_active(&self) -> bool {
        self.status == SessionStatus::Active
    }

    pub fn is_complete(&self) -> bool {
        self.position >= self.item_ids.len()
    }
}

/// Where a quiz session stands; its words in the database (`status`) are read and written only here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    Active,
    Finished,
    /// Left unfinished past the quiz's expiry.
    Expired,
}

impl SessionStatus {
    const ALL: [SessionStatus; 3] = [SessionStatus::Active, SessionStatus::Finished, SessionStatus::Expired];

    fn text(self) -> &'static str {
        match self {
            SessionStatus::Active => "active",
            SessionStatus::Finished => "finished",
            SessionStatus::Expired => "expired",
        }
    }
}

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

    fn to_row(&self) -> (&'static str, String, Option<&'static str>) {
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

type SessionRow = (i64, i64, DateTime<Utc>, DateTime<Utc>, String, i64, String, Option<DateTime<Utc>>);

fn session(row: SessionRow) -> QuizSession {
    let (id, user_id, started_at, updated_at, items, position, status, paused_at) = row;
    // The schema allows only the three; anything else would be a newer version's, and is never taken as active.
    let status = SessionStatus::ALL.into_iter().find(|s| s.text() == status).unwrap_or_else(|| {
        tracing::warn!(session_id = id, status = ?status, "a quiz status this version cannot read; read as expired");
        SessionStatus::Expired
    });
    QuizSession {
        id,
        user_id: user_id as u64,
        started_at,
        updated_at,
        item_ids: items.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        position: usize::try_from(position).unwrap_or(0),
        status,
        paused: paused_at.is_some(),
    }
}

const SESSION_COLUMNS: &str = "id, user_id, started_at, updated_at, item_ids, position, status, paused_at";

impl Store {
    pub async fn active_quiz(&self, user_id: u64) -> StoreResult<Option<QuizSession>> {
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "SELECT {SESSION_COLUMNS} FROM quiz_sessions WHERE user_id = ? AND status = 'active'"
        ))
        .bind(db_id(user_id))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(session))
    }

    /// "Stop for now": the quiz keeps its place and stops reading typed DMs.
    pub async fn pause_quiz(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE quiz_sessions SET paused_at = ? WHERE id = ? AND status = 'active'")
            .bind(now)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Asked to go on: typed DMs are its answers again.
    pub async fn resume_quiz(&self, id: i64) -> StoreResult<()> {
        sqlx::query("UPDATE quiz_sessions SET paused_at = NULL WHERE id = ? AND paused_at IS NOT NULL")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn quiz_session(&self, id: i64) -> StoreResult<Option<QuizSession>> {
        let row: Option<SessionRow> =
            sqlx::query_as(&format!("SELECT {SESSION_COLUMNS} FROM quiz_sessions WHERE id = ?"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(session))
    }

    /// Starts a quiz, or returns the one already in progress (two quick clicks on "Start" make one quiz).
    #[tracing::instrument(skip_all, fields(user_id))]
    pub async fn start_quiz(
        &self,
        user_id: u64,
        item_ids: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<QuizSession> {
        self.ensure_person(user_id, now).await?;
        sqlx::query(
            "INSERT INTO quiz_sessions (user_id, started_at, updated_at, item_ids) VALUES (?, ?, ?, ?) \
             ON CONFLICT (user_id) WHERE status = 'active' DO NOTHING",
        )
        .bind(db_id(user_id))
        .bind(now)
        .bind(now)
        .bind(item_ids.join(","))
        .execute(self.pool())
        .await?;
        self.active_quiz(user_id).await?.ok_or(super::StoreError::Query(sqlx::Error::RowNotFound))
    }

    pub async fn quiz_answers(&self, session_id: i64) -> StoreResult<Vec<(String, Option<u8>)>> {
        let rows: Vec<(String, Option<i64>)> =
            sqlx::query_as("SELECT item_id, raw FROM quiz_answers WHERE session_id = ?")
                .bind(session_id)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(|(id, raw)| (id, raw.and_then(|r| u8::try_from(r).ok()))).collect())
    }

    /// Records the answer (or a skip, `None`) to the question at `position` and moves on, only if that
    /// question is still the one on screen. `false` means the click was stale: nothing was written.
    #[tracing::instrument(skip_all, fields(session_id, position))]
    pub async fn answer_quiz(
        &self,
        session_id: i64,
        position: usize,
        item_id: &str,
        raw: Option<u8>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let moved = sqlx::query(
            "UPDATE quiz_sessions SET position = position + 1, updated_at = ? \
             WHERE id = ? AND position = ? AND status = 'active'",
        )
        .bind(now)
        .bind(session_id)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO quiz_answers (session_id, item_id, raw, answered_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (session_id, item_id) DO UPDATE SET raw = excluded.raw, answered_at = excluded.answered_at",
        )
        .bind(session_id)
        .bind(item_id)
        .bind(raw.map(i64::from))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Goes back one question, only from the question on screen. `false` means stale.
    pub async fn quiz_back(&self, session_id: i64, position: usize, now: DateTime<Utc>) -> StoreResult<bool> {
        let moved = sqlx::query(
            "UPDATE quiz_sessions SET position = position - 1, updated_at = ? \
             WHERE id = ? AND position = ? AND position > 0 AND status = 'active'",
        )
        .bind(now)
        .bind(session_id)
        .bind(position as i64)
        .execute(self.pool())
        .await?;
        Ok(moved.rows_affected() == 1)
    }

    /// Marks a quiz expired and drops its answers.
    pub async fn expire_quiz(&self, session_id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE quiz_sessions SET status = 'expired', updated_at = ? WHERE id = ? AND status = 'active'",
        )
        .bind(now)
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM quiz_answers WHERE session_id = ?")
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Finishes a fully answered quiz and saves its result, once: `false` if it was already finished.
    #[tracing::instrument(skip_all, fields(session_id))]
    pub async fn finish_quiz(&self, session: &QuizSession, result: &StoredResult) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE quiz_sessions SET status = 'finished', updated_at = ? \
             WHERE id = ? AND status = 'active' AND position >= ?",
        )
        .bind(result.finished_at)
        .bind(session.id)
        .bind(session.item_ids.len() as i64)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let (verdict, styles, dimension) = result.verdict.to_row();
        sqlx::query(
            "INSERT INTO quiz_results (user_id, session_id, finished_at, anxiety, avoidance, anxiety_answered, \
             avoidance_answered, verdict, styles, dimension) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(db_id(session.user_id))
        .bind(session.id)
        .bind(result.finished_at)
        .bind(result.anxiety)
        .bind(result.avoidance)
        .bind(i64::from(result.anxiety_answered))
        .bind(i64::from(result.avoidance_answered))
        .bind(verdict)
        .bind(styles)
        .bind(dimension)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Every result of the person, oldest first.
    pub async fn quiz_results(&self, user_id: u64) -> StoreResult<Vec<StoredResult>> {
        let rows: Vec<ResultRow> = sqlx::query_as(&format!(
            "SELECT {RESULT_COLUMNS} FROM quiz_results WHERE user_id = ? ORDER BY finished_at, id"
        ))
        .bind(db_id(user_id))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().filter_map(stored_result).collect())
    }

    /// The person's result of one quiz; `None` when there is none, or it is someone else's.
    pub async fn quiz_result(&self, user_id: u64, session_id: i64) -> StoreResult<Option<StoredResult>> {
        let row: Option<ResultRow> = sqlx::query_as(&format!(
            "SELECT {RESULT_COLUMNS} FROM quiz_results WHERE user_id = ? AND session_id = ?"
        ))
        .bind(db_id(user_id))
        .bind(session_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.and_then(stored_result))
    }
}

const RESULT_COLUMNS: &str =
    "session_id, finished_at, anxiety, avoidance, anxiety_answered, avoidance_answered, \
                              verdict, styles, dimension";

type ResultRow = (i64, DateTime<Utc>, Option<f64>, Option<f64>, i64, i64, String, String, Option<String>);

/// A result row, or `None` (logged with its table and key) when its verdict is not one this version reads, so
/// it is left out of what is shown rather than shown wrongly.
fn stored_result(row: ResultRow) -> Option<StoredResult> {
    let (session_id, finished_at, anxiety, avoidance, aa, va, verdict, styles, dimension) = row;
    let Some(typed) = StoredVerdict::from_row(&verdict, &styles, dimension.as_deref()) else {
        tracing::warn!(table = "quiz_results", session_id, verdict = %verdict, "a quiz result this version cannot read");
        return None;
    };
    Some(StoredResult {
        session_id,
        finished_at,
        anxiety,
        avoidance,
        anxiety_answered: u32::try_from(aa).unwrap_or(0),
        avoidance_answered: u32::try_from(va).unwrap_or(0),
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
