//! Runs the bot until SIGINT or SIGTERM, then shuts it down gracefully.

use std::process::ExitCode;
use std::sync::Arc;

use steady::clock::SystemClock;
use steady::config::Config;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("steady cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    steady::telemetry::init();
    let mut bot = match steady::discord::launch(&config, Arc::new(SystemClock)).await {
        Ok(bot) => bot,
        Err(error) => {
            eprintln!("steady cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
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
