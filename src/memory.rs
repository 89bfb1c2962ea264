//! Giving memory back to the system after a busy spell.
//!
//! glibc's allocator keeps the memory a burst of work freed (a backlog of interactions, say) in its arenas, so
//! the process stays as large as its busiest moment. `malloc_trim` hands the free pages back. It runs on a
//! timer, off the async workers, and costs a few milliseconds at most; elsewhere (musl, macOS) it does nothing.

use std::time::Duration;

/// How often free memory is handed back.
pub const TRIM_INTERVAL: Duration = Duration::from_secs(30);

/// Hands the allocator's free pages back to the system; returns whether any were.
pub fn trim() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim takes no pointers and only reorganises the allocator's own free lists, under its
        // own locks; it is safe to call from any thread at any time.
        unsafe { libc::malloc_trim(0) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

/// Trims every `interval` until the runtime stops.
pub fn spawn_trimmer(interval: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(interval);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        every.tick().await;
        loop {
            every.tick().await;
            let released = tokio::task::spawn_blocking(trim).await.unwrap_or(false);
            tracing::debug!(released, "free memory handed back to the system");
        }
    })
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    #[test]
    fn memory_freed_after_a_burst_is_handed_back() {
        // Many small blocks, as a backlog of interactions leaves: freed, they stay in the allocator's arena.
        let blocks: Vec<Vec<u8>> = (0..20_000).map(|i| vec![i as u8; 2_000]).collect();
        assert_eq!(blocks.len(), 20_000);
        drop(blocks);
        assert!(super::trim(), "some of the 40 MB freed is handed back");
    }
}
