//! SQLite or PostgreSQL through sqlx: the only place SQL lives. One module per table or aggregate; how one
//! statement serves both backends is in `backend`.

pub mod backend;
pub mod claims;
pub mod group_posts;
pub mod groups;
pub mod move_to_postgres;
pub mod mydata;
pub mod nudges;
pub mod partner_resets;
pub mod partner_rituals;
pub mod partners;
pub mod people;
pub mod practice;
pub mod processes;
pub mod quiz;
pub mod quiz_results;
pub mod recaps;
pub mod reflect;
pub mod steps;
#[doc(hidden)]
pub mod test_database;

use std::path::Path;

use std::str::FromStr;
use std::time::Duration;

use crate::ids::UserId;
use backend::Pool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the database URL {url:?} is not usable: {source} (example: DATABASE_URL=sqlite://data/steady.db, or postgres://steady:secret@localhost:5432/steady)")]
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
    #[error("cannot open the database {url}: {source}; check that DATABASE_URL names it and that it can be reached (example: DATABASE_URL=sqlite://data/steady.db, or postgres://steady:secret@localhost:5432/steady)")]
    Open {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("the database has migration {version}, which this version of Steady does not know: a newer release has run on it, and nothing was changed; start that release again with the same DATABASE_URL, or restore a backup taken before the upgrade (example: DATABASE_URL=sqlite://data/steady.db with the newer steady binary)")]
    NewerSchema { version: i64 },
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(sqlx::migrate::MigrateError),
    #[error("DATA_KEY is not the key this database's text was sealed with; start with the original key (see the README on rotating it)")]
    WrongKey,
    #[error("no DATA_KEY is set, so free text is not stored")]
    NoKey,
    #[error(transparent)]
    Query(#[from] sqlx::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// A migration the database has and this binary lacks is a newer release's, and is said so.
    fn migrating(error: sqlx::migrate::MigrateError) -> Self {
        match error {
            sqlx::migrate::MigrateError::VersionMissing(version) => StoreError::NewerSchema { version },
            other => StoreError::Migrate(other),
        }
    }
}

/// A pool of database connections with the bot's settings and its schema applied.
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
    /// Seals free text at rest; `None` means free text is not stored.
    key: Option<crate::crypto::DataKey>,
    /// Who has a nudge stop reason not yet told, kept beside the table so that the question every command
    /// asks is answered without a query. On SQLite one process owns the database file, so every change
    /// passes here; on PostgreSQL several processes share the table, so there is no set and the table is
    /// asked each time.
    untold: Option<std::sync::Arc<std::sync::Mutex<std::collections::HashSet<UserId>>>>,
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (authority, path) = rest.split_once('/').map_or((rest, None), |(a, p)| (a, Some(p)));
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    match path {
        Some(path) => format!("{scheme}://{authority}/{path}"),
        None => format!("{scheme}://{authority}"),
    }
}

/// The file a SQLite URL names.
pub fn sqlite_file(url: &str) -> StoreResult<std::path::PathBuf> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| StoreError::BadUrl { url: without_password(url), source })?;
    Ok(options.get_filename().to_owned())
}

/// Whether a database URL names PostgreSQL rather than SQLite.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl Store {
    /// Opens and migrates the database: SQLite (creating the file and its folder if needed) or PostgreSQL,
    /// by the URL's scheme.
    pub async fn open(url: &str) -> StoreResult<Self> {
        if is_postgres_url(url) {
            Self::open_postgres(url).await
        } else {
            Self::open_sqlite(url).await
        }
    }

    async fn open_sqlite(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|source| StoreError::BadUrl { url: without_password(url), source })?
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
            .map_err(|source| StoreError::Open { url: without_password(url), source })?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await.map_err(StoreError::migrating)?;
        let pool = Pool::Sqlite(pool);
        let untold = nudges::untold_stop_reasons(&pool).await?;
        Ok(Self { pool, key: None, untold: Some(std::sync::Arc::new(std::sync::Mutex::new(untold))) })
    }

    async fn open_postgres(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|source| StoreError::BadUrl { url: without_password(url), source })?
            .application_name("steady");
        // One connection first, so that a server that cannot be reached is named with its own error rather
        // than as a pool that timed out.
        let first =
            tokio::time::timeout(Duration::from_secs(10), sqlx::ConnectOptions::connect(&options)).await;
        match first {
            Ok(Ok(connection)) => {
                let _ = sqlx::Connection::close(connection).await;
            }
            Ok(Err(source)) => return Err(StoreError::Open { url: without_password(url), source }),
            Err(_) => {
                return Err(StoreError::Open {
                    url: without_password(url),
                    source: sqlx::Error::PoolTimedOut,
                })
            }
        }
        let pool = PgPoolOptions::new()
            .max_connections(POSTGRES_CONNECTIONS)
            // Opened at start-up rather than under the first load, when opening one (a round trip for the
            // start-up, another for authentication) would be paid by someone waiting for an answer.
            .min_connections(POSTGRES_CONNECTIONS)
            // An unreachable database fails a command fast enough to apologise within Discord's 3 seconds.
            .acquire_timeout(Duration::from_millis(1500))
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open { url: without_password(url), source })?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await.map_err(StoreError::migrating)?;
        Ok(Self { pool: Pool::Postgres(pool), key: None, untold: None })
    }

    /// Uses `key` for free text, after checking it is the key this database's text was sealed with.
    pub async fn with_key(mut self, key: Option<crate::crypto::DataKey>) -> StoreResult<Self> {
        const CHECK: &str = "steady key check";
        if let Some(key) = &key {
            let sealed: Option<String> = crate::on_pool!(self, |pool| {
                q::query_scalar("SELECT sealed FROM key_check WHERE id = 1").fetch_optional(pool).await
            })?;
            match sealed {
                Some(s) if key.open(&s).as_deref() == Ok(CHECK) => {}
                Some(_) => return Err(StoreError::WrongKey),
                None => {
                    let sealed = key.seal(CHECK);
                    crate::on_pool!(self, |pool| {
                        q::query("INSERT INTO key_check (id, sealed) VALUES (1, ?)")
                            .bind(&sealed)
                            .execute(pool)
                            .await
                            .map(|_| ())
                    })?;
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

    /// The pool, for [`on_pool!`](crate::on_pool).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The SQLite pool, when the store runs on SQLite: for checks that only SQLite has (its pragmas, its
    /// triggers) in tests and benchmarks.
    pub fn sqlite_pool(&self) -> Option<&sqlx::SqlitePool> {
        match &self.pool {
            Pool::Sqlite(pool) => Some(pool),
            Pool::Postgres(_) => None,
        }
    }

    pub fn backend(&self) -> backend::Backend {
        self.pool.backend()
    }

    pub async fn close(&self) {
        crate::on_pool!(self, |pool| pool.close().await);
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

/// Connections each process keeps to PostgreSQL: enough for a burst of commands beside the scheduler,
/// few enough that several processes stay well inside the server's default limit of 100.
const POSTGRES_CONNECTIONS: u32 = 10;

/// Discord snowflakes are below 2^63, so they fit signed 64-bit integers unchanged.
pub(crate) fn db_id(id: impl Into<u64>) -> i64 {
    id.into() as i64
}

#[cfg(test)]
mod tests;
