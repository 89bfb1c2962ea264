//! Retrying the bot's own bulk sends. Behind `DISCORD_API_BASE` serenity's rate limiter is off, so a 429 or a
//! passing server error reaches the caller; the bot waits and tries again instead of giving up.

use std::future::Future;
use std::time::Duration;

use serenity::all::{HttpError, StatusCode};

const ATTEMPTS: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_millis(500);

/// Whether an error is worth another try: rate limits, server errors and failed connections.
pub fn is_transient(error: &serenity::Error) -> bool {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            response.status_code == StatusCode::TOO_MANY_REQUESTS || response.status_code.is_server_error()
        }
        serenity::Error::Http(HttpError::Request(_)) => true,
        _ => false,
    }
}

/// Runs `op` until it succeeds, fails for good, or has been tried `ATTEMPTS` times, doubling the wait each time.
pub async fn with_backoff<T, F, Fut>(what: &str, mut op: F) -> serenity::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<T>>,
{
    let mut wait = FIRST_WAIT;
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) if attempt < ATTEMPTS && is_transient(&error) => {
                tracing::warn!(what, attempt, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
                tokio::time::sleep(wait).await;
                wait *= 2;
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}
