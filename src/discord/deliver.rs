//! Delivering nudges by DM: the cached DM channel, the bot's own pacing, retries, and Discord's refusals.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serenity::all::{ChannelId, CreateMessage, Http, HttpError, Nonce, UserId};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::bulk_rest::{self, BulkRest, SendError};
use super::{builders, retry};
use crate::groups::posts::{PostToChannel, Posted};
use crate::groups::PauseReason;
use crate::ids;
use crate::nudges::daily::{Deliver, Delivery};
use crate::reply::Reply;
use crate::store::Store;

/// Discord error codes meaning "this person cannot be sent a DM".
const CANNOT_DM: [isize; 2] = [50007, 50278];
/// The cached DM channel, or a server's channel, no longer exists.
const UNKNOWN_CHANNEL: isize = 10003;
const MISSING_ACCESS: isize = 50001;
const MISSING_PERMISSIONS: isize = 50013;

/// Spaces requests evenly so a crowd of nudges due at one minute never bursts past the send rate.
///
/// A shared pacer takes its slots from a budget in the database that every process of the bot draws on
/// (PostgreSQL), so their sum stays within the rate however many run; where the database keeps no shared
/// budget (SQLite, one process) or cannot be reached, it paces this process alone.
pub struct Pacer {
    interval: Duration,
    next: Mutex<Instant>,
    shared: Option<Store>,
}

impl Pacer {
    pub fn per_second(rate: u32) -> Self {
        Self {
            interval: Duration::from_secs(1) / rate.max(1),
            next: Mutex::new(Instant::now()),
            shared: None,
        }
    }

    /// Paced together with every other process using `store`'s database.
    pub fn shared_per_second(rate: u32, store: Store) -> Self {
        Self { shared: Some(store), ..Self::per_second(rate) }
    }

    pub async fn wait(&self) {
        if let Some(store) = &self.shared {
            match store.take_send_slot(self.interval).await {
                Ok(Some(wait)) => return tokio::time::sleep(wait).await,
                Ok(None) => {}
                Err(error) => {
                    tracing::warn!(error = %error, "the shared send pace could not be read; pacing this process alone")
                }
            }
        }
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

pub struct DmDelivery {
    pub http: Arc<Http>,
    pub store: Store,
    pub pacer: Pacer,
    /// Message creation for bulk sends, which reads a 429's `retry_after`.
    pub rest: BulkRest,
}

fn discord_code(error: &serenity::Error) -> Option<isize> {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => Some(response.error.code),
        _ => None,
    }
}

/// Why a DM could not be sent: opening the DM channel (through serenity) or creating the message.
enum DmError {
    Open(serenity::Error),
    Send(SendError),
}

impl DmError {
    fn code(&self) -> Option<isize> {
        match self {
            DmError::Open(e) => discord_code(e),
            DmError::Send(e) => e.code().map(|c| c as isize),
        }
    }
}

impl std::fmt::Display for DmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DmError::Open(e) => write!(f, "opening the DM: {e}"),
            DmError::Send(e) => write!(f, "sending: {e}"),
        }
    }
}

impl DmDelivery {
    async fn channel(&self, user_id: ids::UserId) -> Result<ChannelId, serenity::Error> {
        if let Ok(Some(id)) = self.store.dm_channel(user_id).await {
            return Ok(id.into());
        }
        let channel = retry::with_backoff("open a DM", || async {
            self.pacer.wait().await;
            UserId::from(user_id).create_dm_channel(&*self.http).await
        })
        .await?;
        if let Err(error) = self.store.set_dm_channel(user_id, channel.id.into()).await {
            tracing::warn!(user_id = user_id.get(), error = %error, "could not remember the DM channel");
        }
        Ok(channel.id)
    }

    /// Creates a message shown once per nonce, paced, waiting out 429s exactly as long as Discord asks.
    async fn create(&self, what: &str, channel: u64, reply: &Reply, nonce: &str) -> Result<u64, SendError> {
        let message: CreateMessage =
            builders::channel_message(reply).nonce(Nonce::String(nonce.to_owned())).enforce_nonce(true);
        let body = serde_json::to_value(&message).map_err(|e| SendError::Network(e.to_string()))?;
        bulk_rest::with_retries(what, || async {
            self.pacer.wait().await;
            self.rest.create_message(channel, &body).await
        })
        .await
    }

    async fn send(&self, channel: ChannelId, reply: &Reply, nonce: &str) -> Result<(), DmError> {
        self.create("send a nudge", channel.get(), reply, nonce).await.map(drop).map_err(DmError::Send)
    }
}

#[async_trait]
impl Deliver for DmDelivery {
    async fn deliver(&self, user_id: ids::UserId, reply: &Reply, nonce: &str) -> Delivery {
        let mut result = match self.channel(user_id).await {
            Ok(channel) => self.send(channel, reply, nonce).await,
            Err(error) => Err(DmError::Open(error)),
        };
        if matches!(result.as_ref().err().and_then(DmError::code), Some(UNKNOWN_CHANNEL)) {
            // The cached channel is gone: forget it and open a new one, once.
            if let Err(error) = self.store.forget_dm_channel(user_id).await {
                tracing::warn!(user_id = user_id.get(), error = %error, "could not forget the DM channel");
            }
            result = match self.channel(user_id).await {
                Ok(channel) => self.send(channel, reply, nonce).await,
                Err(error) => Err(DmError::Open(error)),
            };
        }
        match result {
            Ok(()) => Delivery::Delivered,
            Err(error) => match error.code() {
                Some(code) if CANNOT_DM.contains(&code) => Delivery::Unreachable { code: code as u32 },
                _ => Delivery::TryLater(error.to_string()),
            },
        }
    }
}

#[async_trait]
impl PostToChannel for DmDelivery {
    async fn post(&self, channel_id: ids::ChannelId, reply: &Reply, nonce: &str) -> Posted {
        match self.create("post in a channel", channel_id.get(), reply, nonce).await {
            Ok(message_id) => Posted::Posted { message_id },
            Err(error) => match error.code().map(|c| c as isize) {
                Some(UNKNOWN_CHANNEL) => Posted::Gone { reason: PauseReason::ChannelGone },
                Some(MISSING_ACCESS | MISSING_PERMISSIONS) => Posted::Gone { reason: PauseReason::NoAccess },
                _ => Posted::TryLater(error.to_string()),
            },
        }
    }
}
