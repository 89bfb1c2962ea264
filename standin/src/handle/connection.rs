//! Test controls over the gateway connection: dropping, closing and reconnecting it, counting
//! IDENTIFYs and RESUMEs, waiting for READY, and sending dispatches.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{StandIn, POLL};
use crate::error::StandInError;
use crate::gateway;
use crate::state::{ConnCmd, IdentifyInfo};

impl StandIn {
    /// Closes the gateway's TCP stream without a close frame (the client should RESUME). This and
    /// the other controls below act on every open connection, all shards at once.
    pub fn drop_connection(&self) -> bool {
        gateway::end_connection(&mut self.shared.lock(), ConnCmd::Drop)
    }

    pub fn close_with_code(&self, code: u16) -> bool {
        gateway::end_connection(&mut self.shared.lock(), ConnCmd::Close(code, "closed by the stand-in"))
    }

    /// Sends op 7 RECONNECT.
    pub fn send_reconnect(&self) -> bool {
        gateway::send_op(&mut self.shared.lock(), 7, Value::Null)
    }

    /// Sends op 9 INVALID SESSION; with `resumable` false the session is forgotten.
    pub fn invalidate_session(&self, resumable: bool) -> bool {
        gateway::send_op(&mut self.shared.lock(), 9, json!(resumable))
    }

    pub fn identify_count(&self) -> usize {
        self.shared.lock().gateway.identifies.len()
    }

    /// Token and intents of every IDENTIFY, in order.
    pub fn identifies(&self) -> Vec<IdentifyInfo> {
        self.shared.lock().gateway.identifies.clone()
    }

    pub fn resume_count(&self) -> usize {
        self.shared.lock().gateway.resume_count
    }

    pub fn ready_count(&self) -> usize {
        self.shared.lock().gateway.ready_count
    }

    /// How many REST connections the client holds open right now (busy or idle in its pool).
    pub fn open_rest_connections(&self) -> usize {
        self.shared.rest_connections.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn connection_count(&self) -> usize {
        self.shared.lock().gateway.connection_count
    }

    /// Whether the newest open connection has identified or resumed.
    fn current_ready(&self) -> bool {
        self.shared.lock().gateway.conns.values().next_back().is_some_and(|c| c.ready)
    }

    /// Resolves once a client has identified (or resumed) on the newest open connection. A
    /// sharded bot may still be starting other shards then; see [`StandIn::wait_for_shards`].
    pub async fn wait_for_ready(&self, timeout: Duration) -> Result<(), StandInError> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.current_ready() {
                return Ok(());
            }
            tokio::time::sleep(POLL).await;
        }
        let data = self.shared.lock();
        let requests = data.requests.len();
        let conns = data.gateway.connection_count;
        let why = if requests == 0 && conns == 0 {
            format!(
                "the stand-in saw no traffic at all (no HTTP request, no gateway connection) in {timeout:?}. \
                 Is the bot's Http built with .proxy({}) AND .ratelimiter_disabled(true)? Without the \
                 latter serenity ignores the proxy and talks to the real discord.com.",
                self.shared.api_base
            )
        } else {
            format!(
                "no READY within {timeout:?}: the stand-in saw {requests} HTTP requests, {conns} gateway \
                 connections, {} IDENTIFYs and {} RESUMEs",
                data.gateway.identifies.len(),
                data.gateway.resume_count
            )
        };
        Err(StandInError::timeout(why))
    }

    pub(super) async fn wait_briefly_for_ready(&self) {
        let wait = Duration::from_millis(self.shared.config.dispatch_wait_ms);
        let _ = self.wait_for_ready(wait).await;
    }

    /// Sends an op-0 dispatch to the client (waiting briefly for one to be connected). Returns
    /// the sequence number, or `None` when no session exists yet and the event waits for READY.
    pub async fn dispatch(&self, event_name: &str, data: Value) -> Option<u64> {
        self.wait_briefly_for_ready().await;
        gateway::dispatch_locked(&mut self.shared.lock(), event_name, data)
    }
}
