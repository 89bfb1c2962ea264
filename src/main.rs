//! Runs the bot until SIGINT or SIGTERM, then shuts it down gracefully.

use std::process::ExitCode;
use std::sync::Arc;

use steady::clock::SystemClock;
use steady::config::Config;

#[tokio::main]
async fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("rotate-key") => return rotate_key().await,
        Some("migrate-to") => return migrate_to(std::env::args().nth(2)).await,
        Some("playground") => {
            // Logs and pictures go to a folder of their own (PLAYGROUND_FILES, or one in the temp folder), kept
            // after the session, so the chat reads cleanly.
            let files = std::env::var_os("PLAYGROUND_FILES").map_or_else(
                || std::env::temp_dir().join(format!("steady-playground-{}", std::process::id())),
                std::path::PathBuf::from,
            );
            let log = std::fs::create_dir_all(&files)
                .and_then(|()| std::fs::File::create(files.join("steady.log")));
            match log {
                Ok(file) => steady::telemetry::init_to_file(file),
                Err(error) => {
                    eprintln!("steady playground: cannot write to {}: {error}", files.display());
                    return ExitCode::FAILURE;
                }
            }
            return match steady::playground::run(files).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("steady playground: {error}");
                    ExitCode::FAILURE
                }
            };
        }
        _ => {}
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("steady cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    steady::telemetry::init();
    steady::memory::spawn_trimmer(steady::memory::TRIM_INTERVAL);
    let mut bot = match steady::discord::launch(&config, Arc::new(SystemClock)).await {
        Ok(bot) => bot,
        Err(error) => {
            eprintln!("steady cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Building the content (the crisis check's lexicon above all) freed a few MiB the allocator would keep
    // until the trimmer's first tick: hand them back now.
    let _ = tokio::task::spawn_blocking(steady::memory::trim).await;
    tokio::select! {
        () = shutdown_signal() => {
            bot.shutdown().await;
            ExitCode::SUCCESS
        }
        result = bot.wait() => {
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("steady stopped: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT received"),
        () = terminate => tracing::info!("SIGTERM received"),
    }
}

/// `steady rotate-key`: re-seals the stored free text from DATA_KEY to NEW_DATA_KEY, with the bot stopped.
async fn rotate_key() -> ExitCode {
    dotenvy::dotenv().ok();
    let key = |name: &str| match std::env::var(name).ok().map(|v| steady::crypto::DataKey::from_hex(&v)) {
        Some(Ok(key)) => Ok(key),
        Some(Err(e)) => Err(format!("{name}: {e}")),
        None => Err(format!("{name}: is required (example: {name}=$(openssl rand -hex 32))")),
    };
    let (old, new) = match (key("DATA_KEY"), key("NEW_DATA_KEY")) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("steady rotate-key: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| steady::config::DEFAULT_DATABASE_URL.to_owned());
    let result = async {
        let store = steady::store::Store::open(&url).await?;
        store.rotate_key(&old, &new).await
    }
    .await;
    match result {
        Ok(count) => {
            println!("re-sealed {count} values; start the bot with DATA_KEY set to the new key");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("steady rotate-key: nothing changed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `steady migrate-to postgres://…`: copies the SQLite database DATABASE_URL names into an empty PostgreSQL
/// database, with the bot stopped, and checks every table's row count.
async fn migrate_to(target: Option<String>) -> ExitCode {
    dotenvy::dotenv().ok();
    let Some(target) = target.filter(|t| !t.trim().is_empty()) else {
        eprintln!(
            "steady migrate-to: name the PostgreSQL database to copy into (example: steady migrate-to postgres://steady:secret@db.example.org/steady)"
        );
        return ExitCode::FAILURE;
    };
    let source =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| steady::config::DEFAULT_DATABASE_URL.to_owned());
    match steady::store::move_to_postgres::migrate_to(&source, &target).await {
        Ok(tables) => {
            let rows: i64 = tables.iter().map(|t| t.rows).sum();
            for table in &tables {
                println!("{:>10}  {}", table.rows, table.name);
            }
            println!(
                "copied {} tables, {rows} rows, from {} to {}; every table's row count matches",
                tables.len(),
                steady::store::without_password(&source),
                steady::store::without_password(&target)
            );
            println!("start the bot with DATABASE_URL set to the PostgreSQL URL and the same DATA_KEY");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("steady migrate-to: nothing was copied: {error}");
            ExitCode::FAILURE
        }
    }
}
