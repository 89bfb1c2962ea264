//! What a test reads about a sharded bot: which shard each live session holds, whether any
//! shard's events reach two sessions at once, and waiting for every shard to be up.

use std::time::{Duration, Instant};

use super::{StandIn, POLL};
use crate::error::StandInError;
use crate::shards::Shard;
use crate::state::GatewayData;

/// Live sessions: valid sessions that an open socket identified or resumed, once each.
fn live_sessions(gw: &GatewayData) -> Vec<(Shard, String)> {
    let mut out: Vec<(Shard, String)> = Vec::new();
    for id in gw.conns.values().filter_map(|c| c.session.as_ref()) {
        let Some(session) = gw.sessions.get(id).filter(|s| s.valid) else {
            continue;
        };
        if !out.iter().any(|(_, seen)| seen == id) {
            out.push((session.shard, id.clone()));
        }
    }
    out.sort_by_key(|(shard, _)| *shard);
    out
}

impl StandIn {
    /// The shard count `GET /gateway/bot` recommends.
    pub fn recommended_shards(&self) -> u32 {
        self.shared.config.recommended_shards.max(1)
    }

    /// `GET /gateway/bot`'s `session_start_limit.max_concurrency`.
    pub fn max_concurrency(&self) -> u32 {
        self.shared.config.max_concurrency.max(1)
    }

    /// `(shard_id, shard_count, session_id)` of every live session, by shard: a session is live
    /// while the socket that identified or resumed it is open. An unsharded client holds `(0, 1)`.
    pub fn shard_sessions(&self) -> Vec<(u32, u32, String)> {
        let data = self.shared.lock();
        live_sessions(&data.gateway).into_iter().map(|(s, id)| (s.id, s.count, id)).collect()
    }

    /// Each `(shard_id, shard_count)` whose events reach more than one live session: a shard held
    /// by two sessions at once, or overlapping a live session of another shard count (`[0, 1]`
    /// and `[1, 2]` both get the guilds of shard 1 of 2). Empty when every event reaches one
    /// session only.
    pub fn shards_held_twice(&self) -> Vec<(u32, u32)> {
        let data = self.shared.lock();
        let live = live_sessions(&data.gateway);
        let mut twice: Vec<(u32, u32)> = Vec::new();
        for (i, (a, _)) in live.iter().enumerate() {
            for (b, _) in live.iter().skip(i + 1).filter(|(b, _)| a.overlaps(b)) {
                twice.push((a.id, a.count));
                twice.push((b.id, b.count));
            }
        }
        twice.sort_unstable();
        twice.dedup();
        twice
    }

    /// Resolves once every shard `0..shard_count` of a bot running `shard_count` shards is held
    /// by a live, ready session. Events for a shard nobody holds reach nobody, so a test of a
    /// sharded bot waits here before acting in a guild.
    pub async fn wait_for_shards(&self, shard_count: u32, timeout: Duration) -> Result<(), StandInError> {
        let start = Instant::now();
        loop {
            let held = self.ready_shards(shard_count);
            if held.len() == shard_count as usize {
                return Ok(());
            }
            if start.elapsed() >= timeout {
                return Err(StandInError::timeout(format!(
                    "within {timeout:?} only shards {held:?} of {shard_count} were held by a ready session; \
                     live sessions (shard, count, session): {:?}",
                    self.shard_sessions()
                )));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The shard ids of `shard_count` held by a ready socket's valid session, ascending.
    fn ready_shards(&self, shard_count: u32) -> Vec<u32> {
        let data = self.shared.lock();
        let gw = &data.gateway;
        let mut held: Vec<u32> = gw
            .conns
            .values()
            .filter(|c| c.ready)
            .filter_map(|c| c.session.as_ref().and_then(|id| gw.sessions.get(id)))
            .filter(|s| s.valid && s.shard.count == shard_count)
            .map(|s| s.shard.id)
            .collect();
        held.sort_unstable();
        held.dedup();
        held
    }
}
