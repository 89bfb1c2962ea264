//! A server's daily posts, the check-ins to them, and who asked to be named in the weekly summary.

use chrono::{DateTime, NaiveDate, Utc};

use super::{db_id, Store, StoreResult};
use crate::ids::{ChannelId, GuildId, UserId};

/// A day's post and how many people have checked in to it.
#[derive(Debug, Clone, PartialEq)]
pub struct PostRow {
    pub day: NaiveDate,
    pub channel_id: ChannelId,
    pub message_id: u64,
    pub step_slug: String,
    pub practice: u8,
    pub checkins: u32,
}

impl Store {
    /// Records the day's post before it is sent, so a click that arrives the moment it appears already finds it;
    /// its message id follows once Discord has it.
    pub async fn prepare_post(&self, guild_id: GuildId, post: &PostRow) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            q::query(
            "INSERT INTO group_posts (guild_id, day, channel_id, message_id, step_slug, practice) VALUES (?, ?, ?, 0, ?, ?) \
             ON CONFLICT (guild_id, day) DO NOTHING",
        )
        .bind(db_id(guild_id))
        .bind(post.day)
        .bind(db_id(post.channel_id))
        .bind(&post.step_slug)
        .bind(i64::from(post.practice))
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Records the day's post and schedules the next, unless an admin changed the setup while it was being
    /// posted: then their new schedule stands.
    pub async fn group_posted(
        &self,
        guild_id: GuildId,
        post: &PostRow,
        next: (NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            q::query(
            "INSERT INTO group_posts (guild_id, day, channel_id, message_id, step_slug, practice) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (guild_id, day) DO UPDATE SET message_id = excluded.message_id, channel_id = excluded.channel_id",
        )
        .bind(db_id(guild_id))
        .bind(post.day)
        .bind(db_id(post.channel_id))
        .bind(db_id(post.message_id))
        .bind(&post.step_slug)
        .bind(i64::from(post.practice))
        .execute(&mut *tx)
        .await?;
            let record = format!(
                "UPDATE groups SET last_post_day = ?, {}, claimed_at = NULL WHERE guild_id = ?",
                super::next_due_unless_changed("claimed_at", "due_day", "due_at")
            );
            q::query(&record)
                .bind(post.day)
                .bind(next.0)
                .bind(next.1)
                .bind(db_id(guild_id))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    pub async fn group_post(&self, guild_id: GuildId, day: NaiveDate) -> StoreResult<Option<PostRow>> {
        crate::on_pool!(self, |pool| {
            let r: Option<(NaiveDate, i64, i64, String, i64, i64)> = q::query_as(
            "SELECT day, channel_id, message_id, step_slug, practice, checkins FROM group_posts WHERE guild_id = ? AND day = ?",
        )
        .bind(db_id(guild_id))
        .bind(day)
        .fetch_optional(pool)
        .await?;
            Ok(r.map(|(day, channel, message, step_slug, practice, checkins)| PostRow {
                day,
                channel_id: ChannelId(channel as u64),
                message_id: message as u64,
                step_slug,
                practice: u8::try_from(practice).unwrap_or(1),
                checkins: u32::try_from(checkins).unwrap_or(0),
            }))
        })
    }

    /// Counts the person once for the day's post; `true` when this click counted them.
    pub async fn check_in(
        &self,
        guild_id: GuildId,
        day: NaiveDate,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            let mut tx = pool.begin().await?;
            let added = q::query(
                "INSERT INTO group_checkins (guild_id, day, user_id, at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (guild_id, day, user_id) DO NOTHING",
            )
            .bind(db_id(guild_id))
            .bind(day)
            .bind(db_id(user_id))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let newly = added.rows_affected() == 1;
            if newly {
                q::query("UPDATE group_posts SET checkins = checkins + 1 WHERE guild_id = ? AND day = ?")
                    .bind(db_id(guild_id))
                    .bind(day)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(newly)
        })
    }

    /// Check-ins per day for the server's posts from `from` to `to`, inclusive.
    pub async fn group_counts(
        &self,
        guild_id: GuildId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<(NaiveDate, u32)>> {
        crate::on_pool!(self, |pool| {
            let rows: Vec<(NaiveDate, i64)> = q::query_as(
            "SELECT day, checkins FROM group_posts WHERE guild_id = ? AND day BETWEEN ? AND ? ORDER BY day",
        )
        .bind(db_id(guild_id))
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?;
            Ok(rows.into_iter().map(|(d, n)| (d, u32::try_from(n).unwrap_or(0))).collect())
        })
    }

    /// Members who opted in to shout-outs and checked in between `from` and `to`.
    pub async fn shoutout_names(
        &self,
        guild_id: GuildId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<UserId>> {
        crate::on_pool!(self, |pool| {
            let ids: Vec<i64> = q::query_scalar(
                "SELECT DISTINCT c.user_id FROM group_checkins c JOIN group_shoutouts s \
             ON s.guild_id = c.guild_id AND s.user_id = c.user_id \
             WHERE c.guild_id = ? AND c.day BETWEEN ? AND ? ORDER BY c.user_id",
            )
            .bind(db_id(guild_id))
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
            Ok(ids.into_iter().map(|i| UserId(i as u64)).collect())
        })
    }

    pub async fn set_shoutouts(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        on: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        crate::on_pool!(self, |pool| {
            self.ensure_person(user_id, now).await?;
            let sql = if on {
                "INSERT INTO group_shoutouts (guild_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
            } else {
                "DELETE FROM group_shoutouts WHERE guild_id = ? AND user_id = ?"
            };
            q::query(sql).bind(db_id(guild_id)).bind(db_id(user_id)).execute(pool).await?;
            Ok(())
        })
    }

    /// Group check-ins a person has made, for their own progress.
    pub async fn group_checkin_count(&self, user_id: UserId) -> StoreResult<u32> {
        crate::on_pool!(self, |pool| {
            let n: i64 = q::query_scalar("SELECT COUNT(*) FROM group_checkins WHERE user_id = ?")
                .bind(db_id(user_id))
                .fetch_one(pool)
                .await?;
            Ok(u32::try_from(n).unwrap_or(0))
        })
    }
}
