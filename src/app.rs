//! What every handler needs: the content, the store and the clock, plus the shutdown bookkeeping.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::content::Content;
use crate::ids::UserId;
use crate::nudges::daily::{Deliver, Delivery};
use crate::reply::Reply;
use crate::store::Store;

pub struct App {
    pub content: Arc<Content>,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Sends a DM to someone other than the person acting (a partner); set once the Discord client exists.
    messenger: std::sync::OnceLock<Arc<dyn Deliver>>,
    in_flight: AtomicUsize,
    idle: Notify,
    draining: AtomicBool,
}

/// Held while one piece of work runs; dropping it lets shutdown know the work is done.
pub struct WorkGuard<'a> {
    app: &'a App,
}

impl App {
    pub fn new(content: Arc<Content>, store: Store, clock: Arc<dyn Clock>) -> Self {
        Self {
            content,
            store,
            clock,
            messenger: std::sync::OnceLock::new(),
            in_flight: AtomicUsize::new(0),
            idle: Notify::new(),
            draining: AtomicBool::new(false),
        }
    }

    pub fn set_messenger(&self, messenger: Arc<dyn Deliver>) {
        // Set once at launch; a second call would be a mistake in launch and changes nothing.
        let _ = self.messenger.set(messenger);
    }

    /// Sends `reply` to `user_id` by DM, once per `nonce`; without a Discord client it is never delivered.
    pub async fn tell(&self, user_id: UserId, reply: &Reply, nonce: &str) -> Delivery {
        match self.messenger.get() {
            Some(messenger) => messenger.deliver(user_id, reply, nonce).await,
            None => Delivery::TryLater("no Discord client to send with".to_owned()),
        }
    }

    /// Starts a piece of work, unless the bot is shutting down.
    pub fn begin_work(&self) -> Option<WorkGuard<'_>> {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let guard = WorkGuard { app: self };
        if self.draining.load(Ordering::SeqCst) {
            return None;
        }
        Some(guard)
    }

    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Resolves once no work is running.
    pub async fn wait_idle(&self) {
        loop {
            let notified = self.idle.notified();
            if self.in_flight() == 0 {
                return;
            }
            notified.await;
        }
    }
}

impl Drop for WorkGuard<'_> {
    fn drop(&mut self) {
        if self.app.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.app.idle.notify_waiters();
        }
    }
}
