//! Second chances for the bot's requests. Behind `DISCORD_API_BASE` serenity's rate limiter is off, so a 429 or
//! a passing server error reaches the caller; the bot waits and tries again instead of giving up:
//! - bulk sends (DMs, channel posts): a few attempts with a doubling back-off;
//! - the first answer to an interaction: as long as a retry can still start inside Discord's 3 seconds;
//! - edits and follow-ups of an answer: for about a minute (the interaction's token lasts 15).

use std::fmt;
use std::future::Future;
use std::time::Duration;

use serenity::all::{HttpError, StatusCode};
use tokio::time::Instant;

const ATTEMPTS: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_millis(500);
/// The first answer's retries start quickly: the whole window is three seconds.
const FIRST_ANSWER_WAIT: Duration = Duration::from_millis(100);
/// How long after the interaction arrived a retry of its first answer may still start.
pub const FIRST_ANSWER_WINDOW: Duration = Duration::from_millis(2500);
/// Edits and follow-ups: waits of 0.5, 1, 2, 4, 8, 15, 15 and 15 s, about a minute in all.
const TOKEN_WAITS: [u64; 8] = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000];
/// "Interaction has already been acknowledged": a retried first answer whose first try had landed.
const ALREADY_ACKNOWLEDGED: isize = 40060;

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

/// Discord's HTTP status and JSON error code for a failed request, when it answered at all.
pub fn status_and_code(error: &serenity::Error) -> (Option<u16>, Option<isize>) {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            (Some(response.status_code.as_u16()), Some(response.error.code).filter(|&c| c != 0))
        }
        _ => (None, None),
    }
}

/// A request that failed for good: which call it was, Discord's status and code, and the error.
#[derive(Debug)]
pub struct Failed {
    /// "callback", "edit", "follow-up", "dm", "post".
    pub call: &'static str,
    pub status: Option<u16>,
    pub code: Option<isize>,
    pub error: serenity::Error,
}

impl Failed {
    pub fn new(call: &'static str, error: serenity::Error) -> Self {
        let (status, code) = status_and_code(&error);
        Self { call, status, code, error }
    }

    /// Logs the failure as one ERROR record naming the call, the status and the code.
    pub fn log(&self, what: &str) {
        tracing::error!(call = self.call, status = self.status, code = self.code, error = %self.error, "{what}");
    }
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed (status {:?}, code {:?}): {}", self.call, self.status, self.code, self.error)
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

/// The first answer to an interaction (its callback), retried on a passing failure for as long as a retry can
/// start before `deadline`. An answer Discord says is already there counts as given.
pub async fn first_answer<F, Fut>(deadline: Instant, mut op: F) -> Result<(), Failed>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<()>>,
{
    let mut wait = FIRST_ANSWER_WAIT;
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(()) => return Ok(()),
            Err(error) if status_and_code(&error).1 == Some(ALREADY_ACKNOWLEDGED) && attempt > 1 => {
                return Ok(())
            }
            Err(error) if is_transient(&error) && Instant::now() + wait < deadline => {
                let (status, code) = status_and_code(&error);
                tracing::warn!(
                    call = "callback",
                    attempt,
                    status,
                    code,
                    wait_ms = wait.as_millis() as u64,
                    "retrying"
                );
                tokio::time::sleep(wait).await;
                wait *= 2;
                attempt += 1;
            }
            Err(error) => return Err(Failed::new("callback", error)),
        }
    }
}

/// An edit of an answer or a follow-up to it, retried on a passing failure for about a minute. Editing is safe to
/// repeat; a follow-up whose first try landed unseen may come twice, which is better than not at all.
pub async fn within_token<T, F, Fut>(call: &'static str, mut op: F) -> Result<T, Failed>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<T>>,
{
    let mut waits = TOKEN_WAITS.iter();
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) if is_transient(&error) => match waits.next() {
                Some(&ms) => {
                    let (status, code) = status_and_code(&error);
                    tracing::warn!(call, attempt, status, code, wait_ms = ms, "retrying");
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                    attempt += 1;
                }
                None => return Err(Failed::new(call, error)),
            },
            Err(error) => return Err(Failed::new(call, error)),
        }
    }
}
