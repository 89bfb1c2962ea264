//! The thin loop around the nudge tick: started once per process, stopped on shutdown.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::deliver::DmDelivery;
use crate::app::App;
use crate::nudges::tick::{self, TickSettings};

/// Never faster than this when nothing was due, so rows being retried do not spin the loop.
const MIN_GAP: Duration = Duration::from_millis(50);

pub fn spawn(
    app: Arc<App>,
    deliver: Arc<DmDelivery>,
    settings: TickSettings,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(every_ms = every.as_millis() as u64, "nudge scheduler started");
        loop {
            let now = app.clock.now();
            let full_batch = match tick::run_due(&app, &*deliver, now, &settings).await {
                Ok(outcome) => outcome.handled() >= settings.batch,
                Err(error) => {
                    tracing::error!(error = %error, "nudge tick failed");
                    false
                }
            };
            if let Err(error) = crate::nudges::recap::run_due(&app, &*deliver, now, &settings).await {
                tracing::error!(error = %error, "recap tick failed");
            }
            // Group posts and summaries share the same loop, rules and pacing.
            if let Err(error) = crate::groups::tick::run_due(&app, &*deliver, now, &settings).await {
                tracing::error!(error = %error, "group tick failed");
            }
            let wait = if full_batch {
                Duration::ZERO
            } else {
                tick::sleep_for(&app, every).await.max(MIN_GAP.min(every))
            };
            tokio::select! {
                _ = stop.changed() => break,
                () = tokio::time::sleep(wait) => {}
            }
        }
        tracing::info!("nudge scheduler stopped");
    })
}
