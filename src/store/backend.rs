//! The two databases the store runs on, and how one piece of SQL serves both.
//!
//! Every query is written once, with `?` for its bound values, in SQL that SQLite and PostgreSQL both
//! read the same way. [`on_pool!`](crate::on_pool) runs a store method's body once per backend: in each arm
//! `pool` is that backend's own pool and `q::query`, `q::query_as` and `q::query_scalar` are that backend's
//! query builders, so rows decode with the native drivers (chrono times, booleans) and nothing is converted
//! through a lowest-common-denominator type. PostgreSQL's builders number the `?` as `$1, $2, …` once per
//! distinct statement; the store's statements are a fixed set, so that table stays small.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use sqlx::{PgPool, SqlitePool};

/// A pool of connections to one of the two backends.
#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// How a transaction that reads and then writes what it read begins, by backend: SQLite takes the write lock
/// first, so a write committed in between makes it wait rather than work on a stale read; PostgreSQL runs
/// it serializable, so such a write makes it fail whole rather than half-apply.
pub const BEGIN_WRITE: [&str; 2] = ["BEGIN IMMEDIATE", "BEGIN ISOLATION LEVEL SERIALIZABLE"];

/// Which backend a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite = 0,
    Postgres = 1,
}

impl Pool {
    /// The pool itself, so that [`on_pool!`](crate::on_pool) takes a pool as well as a store.
    pub fn pool(&self) -> &Pool {
        self
    }

    pub fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Runs `$body` with `$pool` bound to the store's pool, once per backend (see [`crate::store::backend`]).
/// Inside, `q::query`, `q::query_as` and `q::query_scalar` build that backend's queries.
#[macro_export]
macro_rules! on_pool {
    ($pool_source:expr, |$pool:ident| $body:expr) => {
        match $pool_source.pool() {
            $crate::store::backend::Pool::Sqlite($pool) => {
                #[allow(unused_imports)]
                use $crate::store::backend::sqlite as q;
                $body
            }
            $crate::store::backend::Pool::Postgres($pool) => {
                #[allow(unused_imports)]
                use $crate::store::backend::postgres as q;
                $body
            }
        }
    };
}

/// SQLite's query builders, taking the SQL as written.
pub mod sqlite {
    use sqlx::query::{Query, QueryAs, QueryScalar};
    use sqlx::sqlite::SqliteArguments;
    use sqlx::Sqlite;

    pub fn query(sql: &str) -> Query<'_, Sqlite, SqliteArguments<'_>> {
        sqlx::query(sql)
    }

    pub fn query_as<'q, O>(sql: &'q str) -> QueryAs<'q, Sqlite, O, SqliteArguments<'q>>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
    {
        sqlx::query_as(sql)
    }

    pub fn query_scalar<'q, O>(sql: &'q str) -> QueryScalar<'q, Sqlite, O, SqliteArguments<'q>>
    where
        (O,): for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
    {
        sqlx::query_scalar(sql)
    }
}

/// PostgreSQL's query builders, taking the SQL with its `?` numbered.
pub mod postgres {
    use sqlx::postgres::PgArguments;
    use sqlx::query::{Query, QueryAs, QueryScalar};
    use sqlx::Postgres;

    pub fn query<'q>(sql: &str) -> Query<'q, Postgres, PgArguments> {
        sqlx::query(super::numbered(sql))
    }

    pub fn query_as<'q, O>(sql: &str) -> QueryAs<'q, Postgres, O, PgArguments>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        sqlx::query_as(super::numbered(sql))
    }

    pub fn query_scalar<'q, O>(sql: &str) -> QueryScalar<'q, Postgres, O, PgArguments>
    where
        (O,): for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        sqlx::query_scalar(super::numbered(sql))
    }
}

/// The statement numbered for PostgreSQL, made once per distinct statement and kept for the process's life:
/// every statement is built from constants (values are always bound), so the set is fixed and small.
fn numbered(sql: &str) -> &'static str {
    static KEPT: OnceLock<RwLock<HashMap<String, &'static str>>> = OnceLock::new();
    let kept = KEPT.get_or_init(Default::default);
    if let Some(found) = kept.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(sql) {
        return found;
    }
    let mut kept = kept.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(found) = kept.get(sql) {
        return found;
    }
    let made: &'static str = Box::leak(number_placeholders(sql).into_boxed_str());
    kept.insert(sql.to_owned(), made);
    made
}

/// Writes each `?` outside quotes as `$1`, `$2`, … in order. Quoted text ('…' and "…") is copied as is.
pub fn number_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::number_placeholders;

    #[test]
    fn placeholders_are_numbered_in_order_and_quoted_text_is_left_alone() {
        assert_eq!(
            number_placeholders("UPDATE t SET a = ?, b = '?' WHERE \"c?\" = ? AND d IN (?, ?)"),
            "UPDATE t SET a = $1, b = '?' WHERE \"c?\" = $2 AND d IN ($3, $4)"
        );
        assert_eq!(number_placeholders("SELECT 1"), "SELECT 1");
        assert_eq!(number_placeholders("SELECT 'it''s ?' , ?"), "SELECT 'it''s ?' , $1");
    }
}
