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
    /// A `sqlite:` URL.
    pub database_url: String,
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
        if !database_url.starts_with("sqlite:") {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                problem: format!("must be a sqlite: URL, got {database_url:?}"),
                example: DEFAULT_DATABASE_URL,
            });
        }

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
    fn malformed_values_are_refused_with_their_name() {
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DEV_GUILD_ID", "my server")]).unwrap_err();
        assert_eq!(err.variable, "DEV_GUILD_ID");
        let err = config(&[("DISCORD_TOKEN", "abc"), ("DATABASE_URL", "postgres://x")]).unwrap_err();
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
