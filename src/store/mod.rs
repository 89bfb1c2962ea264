//! SQLite through sqlx: the only place SQL lives. One module per table or aggregate.

pub mod claims;
pub mod group_posts;
pub mod groups;
pub mod mydata;
pub mod nudges;
pub mod partner_resets;
pub mod partner_rituals;
pub mod partners;
pub mod people;
pub mod practice;
pub mod quiz;
pub mod quiz_results;
pub mod recaps;
pub mod reflect;
pub mod steps;

use std::path::Path;

use std::str::FromStr;
use std::time::Duration;

use crate::ids::UserId;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the database URL {url:?} is not usable: {source}")]
    BadUrl {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot create the database folder {folder}: {source}")]
    Folder {
        folder: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Open(#[source] sqlx::Error),
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("DATA_KEY is not the key this database's text was sealed with; start with the original key (see the README on rotating it)")]
    WrongKey,
    #[error("no DATA_KEY is set, so free text is not stored")]
    NoKey,
    #[error(transparent)]
    Query(#[from] sqlx::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A pool of SQLite connections with the bot's settings and its schema applied.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    /// Seals free text at rest; `None` means free text is not stored.
    key: Option<crate::crypto::DataKey>,
    /// Who has a nudge stop reason not yet told, kept beside the table so that the question every command
    /// asks is answered without a query. One process owns the database file, so every change passes here.
    untold: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<UserId>>>,
}

impl Store {
    /// Opens (creating the file and its folder if needed) and migrates the database.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|source| StoreError::BadUrl { url: url.to_owned(), source })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Short enough that a locked database still leaves time to answer within Discord's 3 seconds.
            .busy_timeout(Duration::from_millis(1500));
        let file = options.get_filename();
        if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            if file != Path::new(":memory:") {
                std::fs::create_dir_all(folder)
                    .map_err(|source| StoreError::Folder { folder: folder.display().to_string(), source })?;
            }
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(StoreError::Open)?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        let untold = nudges::untold_stop_reasons(&pool).await?;
        Ok(Self { pool, key: None, untold: std::sync::Arc::new(std::sync::Mutex::new(untold)) })
    }

    /// Uses `key` for free text, after checking it is the key this database's text was sealed with.
    pub async fn with_key(mut self, key: Option<crate::crypto::DataKey>) -> StoreResult<Self> {
        const CHECK: &str = "steady key check";
        if let Some(key) = &key {
            let sealed: Option<String> = sqlx::query_scalar("SELECT sealed FROM key_check WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?;
            match sealed {
                Some(s) if key.open(&s).as_deref() == Ok(CHECK) => {}
                Some(_) => return Err(StoreError::WrongKey),
                None => {
                    sqlx::query("INSERT INTO key_check (id, sealed) VALUES (1, ?)")
                        .bind(key.seal(CHECK))
                        .execute(&self.pool)
                        .await?;
                }
            }
        }
        self.key = key;
        Ok(self)
    }

    /// Whether free text can be stored (sealed).
    pub fn can_seal(&self) -> bool {
        self.key.is_some()
    }

    /// Seals text for storage. Callers check `can_seal` first; without a key nothing is stored.
    pub(crate) fn seal(&self, text: &str) -> Option<String> {
        self.key.as_ref().map(|k| k.seal(text))
    }

    /// Opens stored text; text that cannot be opened reads as a short placeholder rather than failing.
    pub(crate) fn open_text(&self, stored: &str) -> String {
        match &self.key {
            Some(k) if crate::crypto::is_sealed(stored) => {
                k.open(stored).unwrap_or_else(|_| "[sealed]".to_owned())
            }
            None if crate::crypto::is_sealed(stored) => "[sealed]".to_owned(),
            _ => stored.to_owned(),
        }
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The `SET` part that moves a claimed row's next due day and instant (two `?`, bound in that order) after the
/// tick sent what was due. Anyone changing the schedule meanwhile (a new time, a snooze, a pause, off, a new
/// setup) clears the claim, and then their change wins: the columns keep their values. SQLite evaluates every
/// `SET` expression against the row as it was, so clearing the claim in the same statement does not matter.
pub(crate) fn next_due_unless_changed(claim: &str, due_day: &str, due_at: &str) -> String {
    format!(
        "{due_day} = CASE WHEN {claim} IS NULL THEN {due_day} ELSE ? END, \
         {due_at} = CASE WHEN {claim} IS NULL THEN {due_at} ELSE ? END"
    )
}

/// Discord snowflakes are below 2^63, so they fit SQLite's signed integers unchanged.
pub(crate) fn db_id(id: impl Into<u64>) -> i64 {
    id.into() as i64
}

#[cfg(test)]
mod tests;
