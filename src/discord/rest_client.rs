//! The HTTP client behind serenity's REST calls, with a bounded pool of idle connections.
//!
//! HTTP/1.1 carries one request per connection at a time, so a burst of answers opens a connection for each
//! answer in flight. reqwest's default keeps every one of them idle for 90 seconds, with its buffers (and, to
//! Discord, its TLS session): thousands after a busy minute. The bot keeps a few warm and lets the rest close.

use std::time::Duration;

/// Idle connections kept per host: enough for the answers in flight at once at a few hundred interactions per
/// second with Discord's round trip (so busy times do not pay a TLS handshake per answer), few enough that
/// their memory stays small (a few MiB) after a burst.
pub const MAX_IDLE_CONNECTIONS: usize = 64;
/// How long an idle connection is kept before it closes.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

pub fn build() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .pool_max_idle_per_host(MAX_IDLE_CONNECTIONS)
        .pool_idle_timeout(IDLE_TIMEOUT)
        .tcp_nodelay(true)
        .build()
}
