//! The quiz tables: sessions in progress and their answers; finished results are in `quiz_results`.

use crate::ids::UserId;
use chrono::{DateTime, Utc};

pub use super::quiz_results::{StoredResult, StoredVerdict};
use super::{db_id, Store, StoreResult};

#[derive(Debug, Clone, PartialEq)]
pub struct QuizSession {
    pub id: i64,
    pub user_id: UserId,
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

/// A `quiz_sessions` row as stored, column by column (`SESSION_COLUMNS`).
#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    user_id: i64,
    started_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    item_ids: String,
    position: i64,
    status: String,
    paused_at: Option<DateTime<Utc>>,
}

fn session(row: SessionRow) -> QuizSession {
    // The schema allows only the three; anything else would be a newer version's, and is never taken as active.
    let status = SessionStatus::ALL.into_iter().find(|s| s.text() == row.status).unwrap_or_else(|| {
        tracing::warn!(table = "quiz_sessions", session_id = row.id, status = ?row.status, "a quiz status this version cannot read; read as expired");
        SessionStatus::Expired
    });
    QuizSession {
        id: row.id,
        user_id: UserId(row.user_id as u64),
        started_at: row.started_at,
        updated_at: row.updated_at,
        item_ids: row.item_ids.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        position: usize::try_from(row.position).unwrap_or(0),
        status,
        paused: row.paused_at.is_some(),
    }
}

/// The columns of [`SessionRow`] (a constant, joined into the queries' SQL by `format!`).
const SESSION_COLUMNS: &str = "id, user_id, started_at, updated_at, item_ids, position, status, paused_at";

impl Store {
    pub async fn active_quiz(&self, user_id: UserId) -> StoreResult<Option<QuizSession>> {
        crate::on_pool!(self, |pool| {
            let row: Option<SessionRow> = q::query_as(&format!(
                "SELECT {SESSION_COLUMNS} FROM quiz_sessions WHERE user_id = ? AND status = 'active'"
            ))
            .bind(db_id(user_id))
            .fetch_optional(pool)
            .await?;
            Ok(row.map(session))
        })
    }

    /// "Stop for now": the quiz keeps its place and stops reading typed DMs.
    pub async fn pause_quiz(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE quiz_sessions SET paused_at = ? WHERE id = ? AND status = 'active'")
                .bind(now)
                .bind(id)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Asked to go on: typed DMs are its answers again.
    pub async fn resume_quiz(&self, id: i64) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query("UPDATE quiz_sessions SET paused_at = NULL WHERE id = ? AND paused_at IS NOT NULL")
                .bind(id)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    pub async fn quiz_session(&self, id: i64) -> StoreResult<Option<QuizSession>> {
        crate::on_pool!(self, |pool| {
            let row: Option<SessionRow> =
                q::query_as(&format!("SELECT {SESSION_COLUMNS} FROM quiz_sessions WHERE id = ?"))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?;
            Ok(row.map(session))
        })
    }

    /// Starts a quiz, or returns the one already in progress (two quick clicks on "Start" make one quiz).
    #[tracing::instrument(skip_all, fields(user_id = user_id.get()))]
    pub async fn start_quiz(
        &self,
        user_id: UserId,
        item_ids: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<QuizSession> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            q::query(
                "INSERT INTO quiz_sessions (user_id, started_at, updated_at, item_ids) VALUES (?, ?, ?, ?) \
             ON CONFLICT (user_id) WHERE status = 'active' DO NOTHING",
            )
            .bind(db_id(user_id))
            .bind(now)
            .bind(now)
            .bind(item_ids.join(","))
            .execute(pool)
            .await?;
            self.active_quiz(user_id).await?.ok_or(super::StoreError::Query(sqlx::Error::RowNotFound))
        })
    }

    pub async fn quiz_answers(&self, session_id: i64) -> StoreResult<Vec<(String, Option<u8>)>> {
        crate::on_pool!(self, |pool| {
            let rows: Vec<(String, Option<i64>)> =
                q::query_as("SELECT item_id, raw FROM quiz_answers WHERE session_id = ?")
                    .bind(session_id)
                    .fetch_all(pool)
                    .await?;
            Ok(rows.into_iter().map(|(id, raw)| (id, raw.and_then(|r| u8::try_from(r).ok()))).collect())
        })
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
        crate::on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let moved = q::query(
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
            q::query(
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
        })
    }

    /// Goes back one question, only from the question on screen. `false` means stale.
    pub async fn quiz_back(&self, session_id: i64, position: usize, now: DateTime<Utc>) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let moved = q::query(
                "UPDATE quiz_sessions SET position = position - 1, updated_at = ? \
             WHERE id = ? AND position = ? AND position > 0 AND status = 'active'",
            )
            .bind(now)
            .bind(session_id)
            .bind(position as i64)
            .execute(pool)
            .await?;
            Ok(moved.rows_affected() == 1)
        })
    }

    /// Marks a quiz expired and drops its answers.
    pub async fn expire_quiz(&self, session_id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            q::query(
            "UPDATE quiz_sessions SET status = 'expired', updated_at = ? WHERE id = ? AND status = 'active'",
        )
        .bind(now)
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
            q::query("DELETE FROM quiz_answers WHERE session_id = ?")
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Finishes a fully answered quiz and saves its result, once: `false` if it was already finished.
    #[tracing::instrument(skip_all, fields(session_id))]
    pub async fn finish_quiz(&self, session: &QuizSession, result: &StoredResult) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let done = q::query(
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
            q::query(
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
        })
    }
}
