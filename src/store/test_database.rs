//! Where tests keep their data: a SQLite file in the test's folder, or, when `STEADY_TEST_POSTGRES` names a
//! PostgreSQL server (as `.ci/run` sets it), a fresh database of its own on that server, so the same tests
//! run on both backends.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::Connection;

/// The variable naming the PostgreSQL server tests run against, as a URL to one of its databases.
pub const VARIABLE: &str = "STEADY_TEST_POSTGRES";

/// The server tests run against on PostgreSQL, when one is named.
pub fn postgres_server() -> Option<String> {
    std::env::var(VARIABLE).ok().filter(|url| !url.trim().is_empty())
}

/// A database URL for one test: a new SQLite file `name` in `dir`, or a new PostgreSQL database.
///
/// # Panics
/// When the named PostgreSQL server cannot make a database: the test cannot run, and says why.
pub async fn url(dir: &Path, name: &str) -> String {
    let Some(server) = postgres_server() else {
        return format!("sqlite://{}/{name}", dir.display());
    };
    static MADE: AtomicU32 = AtomicU32::new(0);
    let database = format!(
        "steady_test_{}_{}_{}",
        std::process::id(),
        MADE.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos())
    );
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("{VARIABLE}: cannot reach the PostgreSQL server for tests: {e}"));
    sqlx::query(&format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("{VARIABLE}: cannot create a database for a test: {e}"));
    let _ = admin.close().await;
    let base = server.rsplit_once('/').map_or(server.as_str(), |(base, _)| base);
    format!("{base}/{database}")
}
