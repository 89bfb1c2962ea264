//! Processes that say they are alive: each heartbeats into the `processes` table, and releases the claims of
//! any other process that has gone silent, so what a crashed or killed process held goes out within
//! `SILENT_AFTER + HEARTBEAT_EVERY` (25 s), whichever process is left.

use std::time::Duration as StdDuration;

use chrono::Duration;

use crate::app::App;
use crate::config::Shards;
use crate::store::{Store, StoreResult};

/// How often a process says it is alive.
pub const HEARTBEAT_EVERY: StdDuration = StdDuration::from_secs(5);

/// A process that has not heartbeated for this long is taken for dead: its claims are released.
pub fn silent_after() -> Duration {
    Duration::seconds(20)
}

/// One heartbeat: this process is alive now, and the claims of processes silent too long are released.
/// Returns how many claims were released.
pub async fn beat(app: &App, boot: &str, shards: Shards) -> StoreResult<u64> {
    let now = app.clock.now();
    app.store.heartbeat(boot, &shards.to_string(), now).await?;
    app.store.release_claims_of_silent_processes(boot, now - silent_after()).await
}

/// The live process whose shards would overlap this one's, if any: two processes running one shard would
/// each answer its interactions.
pub async fn shard_conflict(
    store: &Store,
    boot: &str,
    shards: Shards,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Option<String>> {
    let live = store.live_processes(now - silent_after()).await?;
    Ok(live.into_iter().find_map(|p| {
        let theirs = Shards::from_stored(&p.shards)?;
        (p.boot != boot && shards.conflicts_with(&theirs)).then_some(p.shards)
    }))
}
