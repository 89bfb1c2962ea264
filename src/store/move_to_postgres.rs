//! `steady migrate-to postgres://…`: copies a SQLite database into an empty PostgreSQL one, every table in one
//! transaction, and commits only when each table's row count matches; otherwise nothing is kept.
//!
//! Tables and columns are read from the two schemas (`sqlite_master`, `pragma_table_info`,
//! `information_schema`), so a table added by a later migration is copied without changing this file; the
//! names joined into SQL come only from those schemas and are quoted. Each value is read from SQLite as the type
//! the PostgreSQL column has, so a timestamp stays a timestamp and a flag becomes a boolean.

use chrono::{DateTime, NaiveDate, Utc};
use futures::TryStreamExt;
use sqlx::postgres::PgArguments;
use sqlx::sqlite::SqliteRow;
use sqlx::{Arguments, Row};

use super::backend::Pool;
use super::{Store, StoreError};

/// Tables that are not copied: the processes of a running bot (the copy is made with the bot stopped, and the
/// new processes register themselves) and PostgreSQL's own shared send pace.
const NOT_COPIED: [&str; 2] = ["processes", "send_pace"];

/// PostgreSQL takes at most 65,535 bound values in one statement.
const MAX_BINDS: usize = 60_000;
const MAX_ROWS_PER_INSERT: usize = 1_000;

/// One table copied, and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedTable {
    pub name: String,
    pub rows: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    #[error("{0} is not a SQLite database; DATABASE_URL names the database to copy from (example: DATABASE_URL=sqlite://data/steady.db)")]
    SourceNotSqlite(String),
    #[error("{0} is not a PostgreSQL URL (example: steady migrate-to postgres://steady:secret@db.example.org/steady)")]
    TargetNotPostgres(String),
    #[error("there is no SQLite database at {0}; set DATABASE_URL to the file the bot uses (example: DATABASE_URL=sqlite://data/steady.db)")]
    NoSource(String),
    #[error("the bot is still running on the SQLite database (a process heartbeated at {0}); stop it first, so nothing changes during the copy")]
    SourceInUse(DateTime<Utc>),
    #[error("the PostgreSQL database already holds data (table {table} has {rows} rows); copy into a new, empty database")]
    TargetNotEmpty { table: String, rows: i64 },
    #[error("table {table} is not the same in the two schemas: {why}")]
    SchemaDiffers { table: String, why: String },
    #[error("table {table}, column {column}: a stored value cannot be read as {wanted}: {source}")]
    Unreadable {
        table: String,
        column: String,
        wanted: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("table {table}: {source_rows} rows in SQLite but {copied} in PostgreSQL after the copy")]
    CountsDiffer { table: String, source_rows: i64, copied: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for MoveError {
    fn from(error: sqlx::Error) -> Self {
        MoveError::Store(StoreError::Query(error))
    }
}

/// A column of the target, with the type its values are read as.
#[derive(Debug, Clone)]
struct Column {
    name: String,
    kind: Kind,
    identity: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Text,
    Boolean,
    Timestamp,
    Date,
    Real,
}

impl Kind {
    fn of(data_type: &str) -> Option<Kind> {
        Some(match data_type {
            "bigint" | "integer" | "smallint" => Kind::Integer,
            "text" | "character varying" => Kind::Text,
            "boolean" => Kind::Boolean,
            "timestamp with time zone" => Kind::Timestamp,
            "date" => Kind::Date,
            "double precision" | "real" => Kind::Real,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Integer => "an integer",
            Kind::Text => "text",
            Kind::Boolean => "a true/false flag",
            Kind::Timestamp => "a timestamp",
            Kind::Date => "a date",
            Kind::Real => "a number",
        }
    }
}

/// A table to copy: its name and its columns as the target has them.
#[derive(Debug, Clone)]
struct Table {
    name: String,
    columns: Vec<Column>,
    /// The tables its foreign keys reference.
    parents: Vec<String>,
}

/// Copies every table of `source` (SQLite) into `target` (PostgreSQL, freshly migrated and empty), in one
/// transaction that is committed only when every table's row count matches.
pub async fn copy(source: &Store, target: &Store) -> Result<Vec<CopiedTable>, MoveError> {
    let Pool::Sqlite(from) = &source.pool else {
        return Err(MoveError::SourceNotSqlite("the source".to_owned()));
    };
    let Pool::Postgres(to) = &target.pool else {
        return Err(MoveError::TargetNotPostgres("the target".to_owned()));
    };
    let alive_since = Utc::now() - chrono::Duration::seconds(30);
    let latest: Option<DateTime<Utc>> =
        sqlx::query_scalar("SELECT MAX(heartbeat_at) FROM processes").fetch_one(from).await?;
    if let Some(at) = latest.filter(|at| *at >= alive_since) {
        return Err(MoveError::SourceInUse(at));
    }
    let tables = tables(from, to).await?;
    let mut tx = to.begin().await?;
    for table in &tables {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{}\"", table.name))
            .fetch_one(&mut *tx)
            .await?;
        if rows > 0 {
            return Err(MoveError::TargetNotEmpty { table: table.name.clone(), rows });
        }
    }
    let mut copied = Vec::with_capacity(tables.len());
    for table in &tables {
        copy_table(from, &mut tx, table).await?;
        let source_rows: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{}\"", table.name)).fetch_one(from).await?;
        let target_rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{}\"", table.name))
            .fetch_one(&mut *tx)
            .await?;
        if source_rows != target_rows {
            return Err(MoveError::CountsDiffer {
                table: table.name.clone(),
                source_rows,
                copied: target_rows,
            });
        }
        for column in table.columns.iter().filter(|c| c.identity) {
            // The next generated id follows the copied ones.
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('\"{t}\"', '{c}'), COALESCE(MAX(\"{c}\"), 0) + 1, false) \
                 FROM \"{t}\"",
                t = table.name,
                c = column.name
            ))
            .execute(&mut *tx)
            .await?;
        }
        copied.push(CopiedTable { name: table.name.clone(), rows: source_rows });
    }
    tx.commit().await?;
    Ok(copied)
}

/// The tables to copy, referenced tables before the tables that reference them, each checked to have the
/// same columns on both sides.
async fn tables(from: &sqlx::SqlitePool, to: &sqlx::PgPool) -> Result<Vec<Table>, MoveError> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY name",
    )
    .fetch_all(from)
    .await?;
    let mut tables = Vec::new();
    for name in names.into_iter().filter(|n| !NOT_COPIED.contains(&n.as_str())) {
        let source_columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind(&name)
                .fetch_all(from)
                .await?;
        let target: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT), CAST(is_identity AS TEXT) \
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 \
             ORDER BY ordinal_position",
        )
        .bind(&name)
        .fetch_all(to)
        .await?;
        let differs = |why: String| MoveError::SchemaDiffers { table: name.clone(), why };
        if target.is_empty() {
            return Err(differs("PostgreSQL has no such table".to_owned()));
        }
        let mut columns = Vec::new();
        for (column, data_type, identity) in &target {
            if !source_columns.contains(column) {
                return Err(differs(format!("column {column} is missing in SQLite")));
            }
            let kind = Kind::of(data_type).ok_or_else(|| {
                differs(format!("column {column} has a type this copy does not know: {data_type}"))
            })?;
            columns.push(Column { name: column.clone(), kind, identity: identity == "YES" });
        }
        if let Some(extra) = source_columns.iter().find(|c| !target.iter().any(|(t, _, _)| t == *c)) {
            return Err(differs(format!("column {extra} is missing in PostgreSQL")));
        }
        let parents: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)")
                .bind(&name)
                .fetch_all(from)
                .await?;
        tables.push(Table { name, columns, parents });
    }
    // Referenced tables first: repeatedly take every table whose parents are all placed.
    let mut ordered: Vec<Table> = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let placed: Vec<String> = ordered.iter().map(|t| t.name.clone()).collect();
        let ready = |t: &Table| t.parents.iter().all(|p| *p == t.name || placed.contains(p));
        let (now, later): (Vec<Table>, Vec<Table>) = tables.into_iter().partition(|t| ready(t));
        if now.is_empty() {
            // A cycle (none in the schema today): the rest in name order, as a foreign key error would say.
            ordered.extend(later);
            break;
        }
        ordered.extend(now);
        tables = later;
    }
    Ok(ordered)
}

/// Copies one table's rows, a batch of rows per INSERT.
async fn copy_table(
    from: &sqlx::SqlitePool,
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &Table,
) -> Result<(), MoveError> {
    let names: Vec<String> = table.columns.iter().map(|c| format!("\"{}\"", c.name)).collect();
    let select = format!("SELECT {} FROM \"{}\"", names.join(", "), table.name);
    let per_insert = (MAX_BINDS / table.columns.len().max(1)).clamp(1, MAX_ROWS_PER_INSERT);
    let mut rows = sqlx::query(&select).fetch(from);
    let mut batch: Vec<SqliteRow> = Vec::with_capacity(per_insert);
    loop {
        let next = rows.try_next().await?;
        let done = next.is_none();
        if let Some(row) = next {
            batch.push(row);
        }
        if batch.len() >= per_insert || (done && !batch.is_empty()) {
            insert(tx, table, &names, &batch).await?;
            batch.clear();
        }
        if done {
            return Ok(());
        }
    }
}

async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    table: &Table,
    names: &[String],
    rows: &[SqliteRow],
) -> Result<(), MoveError> {
    let width = table.columns.len();
    let mut arguments = PgArguments::default();
    let mut values = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let places: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
        values.push(format!("({})", places.join(", ")));
        for (i, column) in table.columns.iter().enumerate() {
            bind(&mut arguments, row, i, column).map_err(|source| MoveError::Unreadable {
                table: table.name.clone(),
                column: column.name.clone(),
                wanted: column.kind.name().to_owned(),
                source,
            })?;
        }
    }
    let sql = format!("INSERT INTO \"{}\" ({}) VALUES {}", table.name, names.join(", "), values.join(", "));
    sqlx::query_with(&sql, arguments).execute(&mut **tx).await?;
    Ok(())
}

/// Reads value `i` of a SQLite row as the target column's type and binds it.
fn bind(arguments: &mut PgArguments, row: &SqliteRow, i: usize, column: &Column) -> Result<(), sqlx::Error> {
    let added = match column.kind {
        Kind::Integer => arguments.add(row.try_get::<Option<i64>, _>(i)?),
        Kind::Text => arguments.add(row.try_get::<Option<String>, _>(i)?),
        Kind::Boolean => arguments.add(row.try_get::<Option<bool>, _>(i)?),
        Kind::Timestamp => arguments.add(row.try_get::<Option<DateTime<Utc>>, _>(i)?),
        Kind::Date => arguments.add(row.try_get::<Option<NaiveDate>, _>(i)?),
        Kind::Real => arguments.add(row.try_get::<Option<f64>, _>(i)?),
    };
    added.map_err(sqlx::Error::Encode)
}

/// Opens an existing SQLite database (never creating one) and a PostgreSQL one, and copies the first into the
/// second.
pub async fn migrate_to(source_url: &str, target_url: &str) -> Result<Vec<CopiedTable>, MoveError> {
    if super::is_postgres_url(source_url) {
        return Err(MoveError::SourceNotSqlite(super::without_password(source_url)));
    }
    if !super::is_postgres_url(target_url) {
        return Err(MoveError::TargetNotPostgres(super::without_password(target_url)));
    }
    let file = super::sqlite_file(source_url)?;
    if !file.is_file() {
        return Err(MoveError::NoSource(file.display().to_string()));
    }
    let source = Store::open(source_url).await?;
    let target = Store::open(target_url).await?;
    let copied = copy(&source, &target).await;
    source.close().await;
    target.close().await;
    copied
}
