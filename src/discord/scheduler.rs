//! The thin loop around the scheduled-send runner: started once per process, woken for the earliest send due
//! of any kind, stopped on shutdown.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::deliver::DmDelivery;
use crate::app::App;
use crate::schedule::{self, Settings};

/// Never faster than this when nothing was due, so rows being retried do not spin the loop.
const MIN_GAP: Duration = Duration::from_millis(50);

pub fn spawn(
    app: Arc<App>,
    deliver: Arc<DmDelivery>,
    settings: Settings,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(every_ms = every.as_millis() as u64, "scheduler started");
        loop {
            let now = app.clock.now();
            let report = schedule::run_due(&app, &*deliver, now, &settings).await;
            let wait = if report.full {
                Duration::ZERO
            } else {
                schedule::sleep_for(&app, every).await.max(MIN_GAP.min(every))
            };
            tokio::select! {
                _ = stop.changed() => break,
                () = tokio::time::sleep(wait) => {}
            }
        }
        tracing::info!("scheduler stopped");
    })
}
