//! The one REST call the bot makes beside serenity: creating a message in a bulk send (nudges, recaps, group
//! posts, on the reqwest client serenity also uses). Behind `DISCORD_API_BASE` serenity drops a 429's
//! `retry_after` (from the body and the headers alike), and a bulk send must wait exactly as long as Discord
//! asks: earlier is another 429, later is a slower crowd.

use std::time::Duration;

use serde_json::Value;

/// How a message could not be created.
#[derive(Debug, Clone, PartialEq)]
pub enum SendError {
    /// 429: wait this long, then try again.
    RateLimited { retry_after: Duration },
    /// Any other answer from Discord: its status and JSON error code.
    Discord { status: u16, code: Option<u32> },
    /// No answer: the connection failed.
    Network(String),
}

impl SendError {
    /// A server error or a failed connection: worth another try after a back-off.
    pub fn passing(&self) -> bool {
        match self {
            SendError::Discord { status, .. } => *status >= 500,
            SendError::Network(_) => true,
            SendError::RateLimited { .. } => false,
        }
    }

    pub fn code(&self) -> Option<u32> {
        match self {
            SendError::Discord { code, .. } => *code,
            _ => None,
        }
    }
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::RateLimited { retry_after } => write!(f, "429, retry after {retry_after:?}"),
            SendError::Discord { status, code } => write!(f, "HTTP {status}, Discord code {code:?}"),
            SendError::Network(why) => write!(f, "no answer: {why}"),
        }
    }
}

pub struct BulkRest {
    client: reqwest::Client,
    /// `https://discord.com/api/v10`, or the same path under `DISCORD_API_BASE`.
    base: String,
    authorization: String,
}

/// How long a 429 asks to wait: the body's `retry_after` (seconds, with a fraction), else the `Retry-After` or
/// `X-RateLimit-Reset-After` header; one second if none says.
pub fn retry_after(headers: &reqwest::header::HeaderMap, body: &[u8]) -> Duration {
    let from_body = serde_json::from_slice::<Value>(body).ok().and_then(|v| v.get("retry_after")?.as_f64());
    let from_header = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<f64>().ok();
    let seconds =
        from_body.or_else(|| from_header("retry-after")).or_else(|| from_header("x-ratelimit-reset-after"));
    seconds.filter(|s| s.is_finite() && *s >= 0.0).map_or(Duration::from_secs(1), Duration::from_secs_f64)
}

impl BulkRest {
    pub fn new(client: reqwest::Client, api_base: Option<&str>, token: &str) -> Self {
        let host = api_base.unwrap_or("https://discord.com").trim_end_matches('/');
        let token = token.trim();
        let authorization = if token.starts_with("Bot ") { token.to_owned() } else { format!("Bot {token}") };
        Self { client, base: format!("{host}/api/v10"), authorization }
    }

    /// Creates a message in `channel_id` from a serialised `CreateMessage`; the new message's id.
    pub async fn create_message(&self, channel_id: u64, body: &Value) -> Result<u64, SendError> {
        let response = self
            .client
            .post(format!("{}/channels/{channel_id}/messages", self.base))
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| SendError::Network(e.to_string()))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(|e| SendError::Network(e.to_string()))?;
        if status == 429 {
            return Err(SendError::RateLimited { retry_after: retry_after(&headers, &bytes) });
        }
        let json = serde_json::from_slice::<Value>(&bytes).unwrap_or(Value::Null);
        if !(200..300).contains(&status) {
            let code = json
                .get("code")
                .and_then(Value::as_u64)
                .and_then(|c| u32::try_from(c).ok())
                .filter(|&c| c != 0);
            return Err(SendError::Discord { status, code });
        }
        Ok(json.get("id").and_then(Value::as_str).and_then(|id| id.parse().ok()).unwrap_or(0))
    }
}

/// Bulk sends try this many times before the row is left due for the next tick.
const ATTEMPTS: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_millis(500);
/// A 429 asking for longer than this leaves the row for a later tick instead of holding a send slot.
const LONGEST_WAIT: Duration = Duration::from_secs(60);

/// Runs `op` until it succeeds or fails for good: after a 429 it waits exactly the `retry_after` Discord
/// gave, after a server error or a failed connection a doubling back-off.
pub async fn with_retries<T, F, Fut>(what: &str, mut op: F) -> Result<T, SendError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, SendError>>,
{
    let mut backoff = FIRST_WAIT;
    let mut attempt = 1;
    loop {
        let error = match op().await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let wait = match &error {
            SendError::RateLimited { retry_after } if *retry_after <= LONGEST_WAIT => *retry_after,
            e if e.passing() => backoff,
            _ => return Err(error),
        };
        if attempt >= ATTEMPTS {
            return Err(error);
        }
        tracing::warn!(what, attempt, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
        tokio::time::sleep(wait).await;
        if error.passing() {
            backoff *= 2;
        }
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    #[test]
    fn retry_after_comes_from_the_body_then_the_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("3"));
        headers.insert("x-ratelimit-reset-after", HeaderValue::from_static("4.5"));
        let body = br#"{"message": "You are being rate limited.", "retry_after": 0.75, "global": false}"#;
        assert_eq!(retry_after(&headers, body), Duration::from_millis(750));
        assert_eq!(retry_after(&headers, b"not json"), Duration::from_secs(3));
        headers.remove("retry-after");
        assert_eq!(retry_after(&headers, b""), Duration::from_millis(4500));
        assert_eq!(retry_after(&HeaderMap::new(), br#"{"retry_after": -1}"#), Duration::from_secs(1));
    }
}
