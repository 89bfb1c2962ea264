//! Tracing set up once: `RUST_LOG` wins; by default the bot logs at info and serenity's chatter is quiet.

use tracing_subscriber::EnvFilter;

pub const DEFAULT_FILTER: &str = "info,serenity=warn,sqlx=warn,tracing::span=warn";

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    // A second call (tests start many bots in one process) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(true).try_init();
}
