//! Tracing set up once: `RUST_LOG` wins; by default the bot logs at info and serenity's chatter is quiet.

use tracing_subscriber::EnvFilter;

pub const DEFAULT_FILTER: &str = "info,serenity=warn,sqlx=warn,tracing::span=warn";

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    // A second call (tests start many bots in one process) keeps the first subscriber.
    // Colours only on a terminal: a log file or a collector gets plain records, one per line.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(true).with_ansi(ansi).try_init();
}

/// The same records written to `file` instead of the terminal: the playground's chat stays readable.
pub fn init_to_file(file: std::fs::File) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(true)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}

/// The most of any outside text (a custom id, a command or option name) a log record holds.
pub const OUTSIDE_TEXT_MAX: usize = 100;

/// Outside text for a log field, cut to a bounded length. Log it with `?`: Debug formatting escapes newlines,
/// quotes and control characters, so a forged value cannot start a record of its own.
pub fn outside(text: &str) -> &str {
    match text.char_indices().nth(OUTSIDE_TEXT_MAX) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}
