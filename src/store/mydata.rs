//! Everything kept about one person: counted, exported, deleted. Tables are discovered from the schema, so a
//! table added later is covered without changing this file. The table and column names joined into SQL with
//! `format!` come only from the schema itself (`sqlite_master`, `PRAGMA table_info`) or from `THROUGH`, and are
//! quoted; the person's id is always bound.

use serde_json::{Map, Value};

use super::backend::Backend;
use super::{db_id, Store, StoreResult};
use crate::ids::UserId;

/// Tables that hold a person's rows through another table rather than a `user_id` column.
const THROUGH: [(&str, &str); 1] =
    [("quiz_answers", "session_id IN (SELECT id FROM quiz_sessions WHERE user_id = ?)")];

impl Store {
    /// The tables with a `user_id` column, by name.
    pub async fn tables_with_people(&self) -> StoreResult<Vec<String>> {
        crate::on_pool!(self, |pool| {
            let tables: Vec<String> = q::query_scalar(match self.backend() {
                Backend::Sqlite => {
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                     AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY name"
                }
                Backend::Postgres => {
                    "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                     AND table_name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY 1"
                }
            })
            .fetch_all(pool)
            .await?;
            let mut with_people = Vec::new();
            for table in tables {
                let columns = self.columns(&table).await?;
                if columns.iter().any(|c| c == "user_id") {
                    with_people.push(table);
                }
            }
            Ok(with_people)
        })
    }

    async fn columns(&self, table: &str) -> StoreResult<Vec<String>> {
        crate::on_pool!(self, |pool| {
            Ok(match self.backend() {
                Backend::Sqlite => {
                    let rows: Vec<(i64, String, String, i64, Option<String>, i64)> =
                        q::query_as(&format!("PRAGMA table_info(\"{table}\")")).fetch_all(pool).await?;
                    rows.into_iter().map(|r| r.1).collect()
                }
                Backend::Postgres => {
                    q::query_scalar(
                        "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                         WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                    )
                    .bind(table)
                    .fetch_all(pool)
                    .await?
                }
            })
        })
    }

    /// Every row about the person, table by table, as JSON.
    #[tracing::instrument(skip_all, fields(user_id = user_id.get()))]
    pub async fn export_person(&self, user_id: UserId) -> StoreResult<Value> {
        crate::on_pool!(self, |pool| {
            let mut out = Map::new();
            let mut sources: Vec<(String, String)> =
                self.tables_with_people().await?.into_iter().map(|t| (t, "user_id = ?".to_owned())).collect();
            sources.extend(THROUGH.iter().map(|(t, w)| ((*t).to_owned(), (*w).to_owned())));
            for (table, filter) in sources {
                let columns = self.columns(&table).await?;
                let object = columns.iter().map(|c| format!("'{c}', \"{c}\"")).collect::<Vec<_>>().join(", ");
                let rows_as_json = match self.backend() {
                    Backend::Sqlite => format!("COALESCE(json_group_array(json_object({object})), '[]')"),
                    Backend::Postgres => {
                        format!("CAST(COALESCE(json_agg(json_build_object({object})), '[]') AS TEXT)")
                    }
                };
                let json: String =
                    q::query_scalar(&format!("SELECT {rows_as_json} FROM \"{table}\" WHERE {filter}"))
                        .bind(db_id(user_id))
                        .fetch_one(pool)
                        .await?;
                let mut rows: Value = serde_json::from_str(&json).unwrap_or(Value::Array(Vec::new()));
                self.open_in_place(&mut rows);
                out.insert(table, rows);
            }
            Ok(Value::Object(out))
        })
    }

    /// The person's copy holds their own words, not the sealed form.
    fn open_in_place(&self, value: &mut Value) {
        match value {
            Value::String(s) if crate::crypto::is_sealed(s) => *s = self.open_text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.open_in_place(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.open_in_place(v)),
            _ => {}
        }
    }

    /// How many rows each table holds about the person (tables with none left out).
    pub async fn count_person_rows(&self, user_id: UserId) -> StoreResult<Vec<(String, u64)>> {
        crate::on_pool!(self, |pool| {
            let mut counts = Vec::new();
            for table in self.tables_with_people().await? {
                let n: i64 = q::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\" WHERE user_id = ?"))
                    .bind(db_id(user_id))
                    .fetch_one(pool)
                    .await?;
                if n > 0 {
                    counts.push((table, n as u64));
                }
            }
            Ok(counts)
        })
    }

    /// Deletes the person and, through the schema's cascades, every row tied to them; the anonymous counts on
    /// group posts stay. Returns whether there was anything to delete.
    #[tracing::instrument(skip_all, fields(user_id = user_id.get()))]
    pub async fn delete_person(&self, user_id: UserId) -> StoreResult<bool> {
        crate::on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut deleted = 0;
            // Tables without a cascade from `people` are cleared explicitly first.
            for table in self.tables_with_people().await? {
                if table != "people" {
                    deleted += q::query(&format!("DELETE FROM \"{table}\" WHERE user_id = ?"))
                        .bind(db_id(user_id))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
            }
            deleted += q::query("DELETE FROM people WHERE user_id = ?")
                .bind(db_id(user_id))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(deleted > 0)
        })
    }
}
