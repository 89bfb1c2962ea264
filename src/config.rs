//! One typed configuration, read once from the environment (and `.env`).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;

/// The bot token. `Debug` and `Display` never show it, so it cannot leak into logs.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The only way to read the token: named so every use is easy to find.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub token: Secret,
    /// A `sqlite:` URL (the default) or a `postgres://` one.
    pub database_url: String,
    /// Which of Discord's shards this process runs.
    pub shards: Shards,
    /// Where REST calls go instead of `https://discord.com` (a rate-limiting proxy or the local stand-in).
    pub api_base: Option<String>,
    /// Register commands on this one server (instant updates) instead of globally.
    pub dev_guild_id: Option<u64>,
    /// Where `content/` lives.
    pub content_dir: PathBuf,
    /// How often the scheduler looks for due nudges at the least (it also wakes when one is due).
    pub tick_every: Duration,
    /// Nudges missed by more than this (the bot was down) are skipped, not sent late.
    pub nudge_grace: Duration,
    /// The bot's own limit on requests per second for bulk sends such as nudges.
    pub sends_per_second: u32,
    /// Seals the free text people write; without it, free text is not stored.
    pub data_key: Option<crate::crypto::DataKey>,
}

/// A start-up configuration problem, phrased as one line that names the variable and shows an example.
#[derive(Debug, Error, PartialEq)]
#[error("{variable}: {problem} (example: {variable}={example})")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
    pub example: &'static str,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/steady.db";

/// Which of Discord's shards a process runs (`SHARDS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shards {
    /// Every shard of the count Discord recommends, in this one process.
    All,
    /// Shards `first` to `last` (both included) of `total`.
    Range { first: u32, last: u32, total: u32 },
}

impl Shards {
    const EXAMPLE: &'static str = "0-1/4";

    /// Reads `a-b/n` (shards a to b of n) or `a/n` (shard a of n).
    fn parse(raw: &str) -> Result<Self, ConfigError> {
        let problem = |problem: String| ConfigError { variable: "SHARDS", problem, example: Self::EXAMPLE };
        let shape = || {
            problem(format!(
                "must be a range of shards and their total, as first-last/total or shard/total, got {raw:?}"
            ))
        };
        let (range, total) = raw.split_once('/').ok_or_else(shape)?;
        let (first, last) = range.split_once('-').unwrap_or((range, range));
        let number = |s: &str| s.trim().parse::<u32>().map_err(|_| shape());
        let (first, last, total) = (number(first)?, number(last)?, number(total)?);
        if total == 0 || total > MAX_SHARDS {
            return Err(problem(format!("the total must be from 1 to {MAX_SHARDS}, got {total}")));
        }
        if first > last {
            return Err(problem(format!("the first shard ({first}) comes after the last ({last})")));
        }
        if last >= total {
            return Err(problem(format!(
                "shards are numbered from 0 to {} when there are {total}, got {last}",
                total - 1
            )));
        }
        Ok(Self::Range { first, last, total })
    }

    /// Reads how the `processes` table spells a process's shards (see `Display`).
    pub fn from_stored(text: &str) -> Option<Self> {
        if text == "all" {
            Some(Shards::All)
        } else {
            Self::parse(text).ok()
        }
    }

    /// Whether two processes running these shards would run one shard twice, or would disagree on how
    /// servers map to shards (different totals). Running every shard overlaps anything.
    pub fn conflicts_with(&self, other: &Shards) -> bool {
        match (self, other) {
            (Shards::All, _) | (_, Shards::All) => true,
            (
                Shards::Range { first: a, last: b, total: n },
                Shards::Range { first: c, last: d, total: m },
            ) => n != m || (a <= d && c <= b),
        }
    }

    /// Whether this process runs shard 0, the one Discord sends every direct message to.
    pub fn holds_shard_zero(&self) -> bool {
        matches!(self, Shards::All | Shards::Range { first: 0, .. })
    }
}

impl fmt::Display for Shards {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shards::All => f.write_str("all"),
            Shards::Range { first, last, total } if first == last => write!(f, "{first}/{total}"),
            Shards::Range { first, last, total } => write!(f, "{first}-{last}/{total}"),
        }
    }
}

/// More shards than any bot needs (Discord asks for one per 1,000 to 2,500 servers).
const MAX_SHARDS: u32 = 4096;

impl Config {
    /// Reads `.env` if present, then the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        dotenvy::dotenv().ok();
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Builds the configuration from any key lookup, so the rules are testable without touching the environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let value = |key: &str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

        let token = value("DISCORD_TOKEN").ok_or(ConfigError {
            variable: "DISCORD_TOKEN",
            problem: "is required: the bot token from the Discord developer portal (Bot → Reset Token)"
                .into(),
            example: "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.xxxxxxxx",
        })?;
        if token.chars().any(char::is_whitespace) {
            return Err(ConfigError {
                variable: "DISCORD_TOKEN",
                problem: "contains spaces; paste the token alone, without \"Bot \" in front".into(),
                example: "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.xxxxxxxx",
            });
        }

        let database_url = value("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !database_url.starts_with("sqlite:") && !crate::store::is_postgres_url(&database_url) {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                problem: format!(
                    "must be a sqlite: URL or a postgres:// one (for example postgres://steady@db.example/steady), got {:?}",
                    crate::store::without_password(&database_url)
                ),
                example: DEFAULT_DATABASE_URL,
            });
        }
        let shards = match value("SHARDS") {
            None => Shards::All,
            Some(raw) => Shards::parse(&raw)?,
        };

        let api_base = match value("DISCORD_API_BASE") {
            None => None,
            Some(base) => {
                let trimmed = base.trim_end_matches('/');
                let valid = (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
                    && !trimmed.contains("/api");
                if !valid {
                    return Err(ConfigError {
                        variable: "DISCORD_API_BASE",
                        problem: format!(
                            "must be an http(s) base URL without a path such as /api, got {base:?}"
                        ),
                        example: "http://127.0.0.1:8080",
                    });
                }
                Some(trimmed.to_owned())
            }
        };

        let dev_guild_id = match value("DEV_GUILD_ID") {
            None => None,
            Some(raw) => match raw.parse::<u64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    return Err(ConfigError {
                        variable: "DEV_GUILD_ID",
                        problem: format!("must be a server id (digits only), got {raw:?}"),
                        example: "123456789012345678",
                    })
                }
            },
        };

        let content_dir = value("CONTENT_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("content"));

        let number = |variable: &'static str,
                      default: u64,
                      range: std::ops::RangeInclusive<u64>,
                      example: &'static str| {
            match value(variable) {
                None => Ok(default),
                Some(raw) => match raw.parse::<u64>() {
                    Ok(n) if range.contains(&n) => Ok(n),
                    _ => Err(ConfigError {
                        variable,
                        problem: format!(
                            "must be a whole number from {} to {}, got {raw:?}",
                            range.start(),
                            range.end()
                        ),
                        example,
                    }),
                },
            }
        };
        let tick_every = Duration::from_millis(number("TICK_INTERVAL_MS", 5_000, 10..=60_000, "5000")?);
        let nudge_grace = Duration::from_secs(60 * number("NUDGE_GRACE_MINUTES", 120, 0..=1_440, "120")?);
        let sends_per_second = number("SENDS_PER_SECOND", 20, 1..=100_000, "20")? as u32;

        let data_key = match value("DATA_KEY") {
            None => None,
            Some(raw) => Some(crate::crypto::DataKey::from_hex(&raw).map_err(|e| ConfigError {
                variable: "DATA_KEY",
                problem: format!("{e}; make one with `openssl rand -hex 32`"),
                example: "5f1c…(64 hexadecimal characters)",
            })?),
        };

        Ok(Self {
            data_key,
            token: Secret::new(token),
            database_url,
            shards,
            api_base,
            dev_guild_id,
            content_dir,
            tick_every,
            nudge_grace,
            sends_per_second,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn a_missing_token_names_the_variable_and_an_example() {
        let err = config(&[]).unwrap_err();
        assert_eq!(err.variable, "DISCORD_TOKEN");
        assert!(err.to_string().starts_with("DISCORD_TOKEN: is required"));
        assert!(err.to_string().contains("example: DISCORD_TOKEN="));
    }

    #[test]
    fn defaults_fill_in_the_optional_values() {
        let c = config(&[("DISCORD_TOKEN", "abc")]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.api_base, None);
        assert_eq!(c.dev_guild_id, None);
    }

    #[test]
    fn a_postgres_url_is_taken_and_its_password_never_shown() {
        let c = config(&[("DISCORD_TOKEN", "abc"), ("DATABASE_URL", "postgres://steady@db/steady")]).unwrap();
        assert_eq!(c.database_url, "postgres://steady@db/steady");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DATABASE_URL", "postgress://bot:hunter2@db/steady")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("postgress://bot:***@db/steady"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn shards_are_read_as_a_range_of_a_total_and_refused_kindly_otherwise() {
        let shards = |raw: &str| config(&[("DISCORD_TOKEN", "abc"), ("SHARDS", raw)]).map(|c| c.shards);
        assert_eq!(config(&[("DISCORD_TOKEN", "abc")]).unwrap().shards, Shards::All);
        assert_eq!(shards("0-1/4"), Ok(Shards::Range { first: 0, last: 1, total: 4 }));
        assert_eq!(shards(" 2 - 3 / 4 "), Ok(Shards::Range { first: 2, last: 3, total: 4 }));
        assert_eq!(shards("3/4"), Ok(Shards::Range { first: 3, last: 3, total: 4 }));
        for (raw, says) in [
            ("0-4/4", "numbered from 0 to 3"),
            ("2-1/4", "comes after"),
            ("0/0", "from 1 to"),
            ("0-1", "first-last/total"),
            ("a-b/c", "first-last/total"),
            ("-1/4", "first-last/total"),
            ("0-1/4/8", "first-last/total"),
            ("1-2/99999", "from 1 to 4096"),
        ] {
            let err = shards(raw).unwrap_err();
            assert_eq!(err.variable, "SHARDS");
            assert!(err.to_string().contains(says), "{raw}: {err}");
            assert!(err.to_string().contains("example: SHARDS=0-1/4"), "{raw}: {err}");
        }
    }

    #[test]
    fn shard_ranges_conflict_when_they_share_a_shard_or_disagree_on_the_total() {
        let r = |first, last, total| Shards::Range { first, last, total };
        assert!(!r(0, 1, 4).conflicts_with(&r(2, 3, 4)));
        assert!(r(0, 2, 4).conflicts_with(&r(2, 3, 4)));
        assert!(r(0, 0, 4).conflicts_with(&r(1, 1, 8)), "different totals map servers differently");
        assert!(Shards::All.conflicts_with(&r(3, 3, 4)));
        for s in [Shards::All, r(0, 1, 4), r(3, 3, 4)] {
            assert_eq!(Shards::from_stored(&s.to_string()), Some(s));
        }
        assert!(
            r(0, 1, 4).holds_shard_zero() && !r(2, 3, 4).holds_shard_zero() && Shards::All.holds_shard_zero()
        );
    }

    #[test]
    fn malformed_values_are_refused_with_their_name() {
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DEV_GUILD_ID", "my server")]).unwrap_err();
        assert_eq!(err.variable, "DEV_GUILD_ID");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DATABASE_URL", "mysql://x")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DATABASE_URL", "steady.db")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DISCORD_API_BASE", "127.0.0.1:80")]).unwrap_err();
        assert_eq!(err.variable, "DISCORD_API_BASE");
        let err = config(&[("DISCORD_TOKEN", "Bot abc")]).unwrap_err();
        assert_eq!(err.variable, "DISCORD_TOKEN");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("SENDS_PER_SECOND", "0")]).unwrap_err();
        assert_eq!(err.variable, "SENDS_PER_SECOND");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DATA_KEY", "short")]).unwrap_err();
        assert_eq!(err.variable, "DATA_KEY");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("NUDGE_GRACE_MINUTES", "soon")]).unwrap_err();
        assert_eq!(err.variable, "NUDGE_GRACE_MINUTES");
    }

    #[test]
    fn the_api_base_loses_its_trailing_slash() {
        let c = config(&[("DISCORD_TOKEN", "abc"), ("DISCORD_API_BASE", "http://127.0.0.1:9/")]).unwrap();
        assert_eq!(c.api_base.as_deref(), Some("http://127.0.0.1:9"));
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let c = config(&[("DISCORD_TOKEN", "super-secret-token")]).unwrap();
        let printed = format!("{c:?}");
        assert!(!printed.contains("super-secret-token"), "{printed}");
        assert!(printed.contains("redacted"));
    }
}
