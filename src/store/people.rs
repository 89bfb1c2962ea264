//! The `people` table: one row per Discord user who has used the bot, across servers and DMs.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{db_id, Store, StoreResult};
use crate::ids::UserId;

impl Store {
    /// Records the person on first use; later calls change nothing.
    #[tracing::instrument(skip_all, fields(user_id = user_id.get()))]
    pub async fn ensure_person(&self, user_id: UserId, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
                "INSERT INTO people (user_id, first_seen_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
            )
            .bind(db_id(user_id))
            .bind(now)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// The person's time zone, when they have chosen one and it is still a known zone.
    pub async fn time_zone(&self, user_id: UserId) -> StoreResult<Option<Tz>> {
        crate::on_pool!(self, |pool| {
            let name: Option<Option<String>> =
                q::query_scalar("SELECT time_zone FROM people WHERE user_id = ?")
                    .bind(db_id(user_id))
                    .fetch_optional(pool)
                    .await?;
            Ok(name.flatten().and_then(|n| n.parse::<Tz>().ok()))
        })
    }

    pub async fn set_time_zone(&self, user_id: UserId, zone: Tz, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            q::query("UPDATE people SET time_zone = ? WHERE user_id = ?")
                .bind(zone.name())
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }
}

impl Store {
    /// The country whose crisis lines the person sees first.
    pub async fn country(&self, user_id: UserId) -> StoreResult<Option<String>> {
        crate::on_pool!(self, |pool| {
            let c: Option<Option<String>> = q::query_scalar("SELECT country FROM people WHERE user_id = ?")
                .bind(db_id(user_id))
                .fetch_optional(pool)
                .await?;
            Ok(c.flatten())
        })
    }

    pub async fn set_country(&self, user_id: UserId, country: &str, now: DateTime<Utc>) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            q::query("UPDATE people SET country = ? WHERE user_id = ?")
                .bind(country)
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// What the person's nudges follow: `None` for the first open step, `"all"`, or a step's slug.
    pub async fn nudge_follow(&self, user_id: UserId) -> StoreResult<Option<String>> {
        crate::on_pool!(self, |pool| {
            let follow: Option<Option<String>> =
                q::query_scalar("SELECT nudge_follow FROM people WHERE user_id = ?")
                    .bind(db_id(user_id))
                    .fetch_optional(pool)
                    .await?;
            Ok(follow.flatten())
        })
    }

    pub async fn set_nudge_follow(
        &self,
        user_id: UserId,
        follow: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            q::query("UPDATE people SET nudge_follow = ? WHERE user_id = ?")
                .bind(follow)
                .bind(db_id(user_id))
                .execute(pool)
                .await?;
            Ok(())
        })
    }
}
