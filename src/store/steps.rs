//! The `step_progress` table: which steps a person has marked complete.

use chrono::{DateTime, Utc};

use super::{db_id, Store, StoreResult};
use crate::ids::UserId;

impl Store {
    #[tracing::instrument(skip_all, fields(user_id, step = slug))]
    pub async fn set_step_completed(
        &self,
        user_id: UserId,
        slug: &str,
        completed: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            if completed {
                q::query(
                    "INSERT INTO step_progress (user_id, step_slug, completed_at) VALUES (?, ?, ?) \
                 ON CONFLICT (user_id, step_slug) DO NOTHING",
                )
                .bind(db_id(user_id))
                .bind(slug)
                .bind(now)
                .execute(pool)
                .await?;
            } else {
                q::query("DELETE FROM step_progress WHERE user_id = ? AND step_slug = ?")
                    .bind(db_id(user_id))
                    .bind(slug)
                    .execute(pool)
                    .await?;
            }
            Ok(())
        })
    }

    pub async fn is_step_completed(&self, user_id: UserId, slug: &str) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let found: Option<i64> = q::query_scalar(
                "SELECT CAST(1 AS BIGINT) FROM step_progress WHERE user_id = ? AND step_slug = ?",
            )
            .bind(db_id(user_id))
            .bind(slug)
            .fetch_optional(pool)
            .await?;
            Ok(found.is_some())
        })
    }

    pub async fn completed_steps(&self, user_id: UserId) -> StoreResult<Vec<String>> {
        crate::on_pool!(self, |pool| {
            Ok(q::query_scalar("SELECT step_slug FROM step_progress WHERE user_id = ? ORDER BY completed_at")
                .bind(db_id(user_id))
                .fetch_all(pool)
                .await?)
        })
    }
}
