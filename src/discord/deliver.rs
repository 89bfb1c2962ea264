//! Delivering nudges by DM: the cached DM channel, the bot's own pacing, retries, and Discord's refusals.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serenity::all::{ChannelId, CreateMessage, Http, HttpError, Nonce, UserId};
use serenity::builder::Builder;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::{builders, retry};
use crate::groups::posts::{PostToChannel, Posted};
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
pub struct Pacer {
    interval: Duration,
    next: Mutex<Instant>,
}

impl Pacer {
    pub fn per_second(rate: u32) -> Self {
        Self { interval: Duration::from_secs(1) / rate.max(1), next: Mutex::new(Instant::now()) }
    }

    pub async fn wait(&self) {
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
}

fn discord_code(error: &serenity::Error) -> Option<isize> {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => Some(response.error.code),
        _ => None,
    }
}

impl DmDelivery {
    async fn channel(&self, user_id: u64) -> Result<ChannelId, serenity::Error> {
        if let Ok(Some(id)) = self.store.dm_channel(user_id).await {
            return Ok(ChannelId::new(id));
        }
        let channel = retry::with_backoff("open a DM", || async {
            self.pacer.wait().await;
            UserId::new(user_id).create_dm_channel(&*self.http).await
        })
        .await?;
        if let Err(error) = self.store.set_dm_channel(user_id, channel.id.get()).await {
            tracing::warn!(user_id, error = %error, "could not remember the DM channel");
        }
        Ok(channel.id)
    }

    async fn send(&self, channel: ChannelId, reply: &Reply, nonce: &str) -> Result<(), serenity::Error> {
        retry::with_backoff("send a nudge", || async {
            self.pacer.wait().await;
            let message: CreateMessage =
                builders::channel_message(reply).nonce(Nonce::String(nonce.to_owned())).enforce_nonce(true);
            message.execute(&*self.http, (channel, None)).await.map(drop)
        })
        .await
    }
}

#[async_trait]
impl Deliver for DmDelivery {
    async fn deliver(&self, user_id: u64, reply: &Reply, nonce: &str) -> Delivery {
        let mut result = match self.channel(user_id).await {
            Ok(channel) => self.send(channel, reply, nonce).await,
            Err(error) => Err(error),
        };
        if matches!(result.as_ref().err().and_then(discord_code), Some(UNKNOWN_CHANNEL)) {
            // The cached channel is gone: forget it and open a new one, once.
            if let Err(error) = self.store.forget_dm_channel(user_id).await {
                tracing::warn!(user_id, error = %error, "could not forget the DM channel");
            }
            result = match self.channel(user_id).await {
                Ok(channel) => self.send(channel, reply, nonce).await,
                Err(error) => Err(error),
            };
        }
        match result {
            Ok(()) => Delivery::Delivered,
            Err(error) => match discord_code(&error) {
                Some(code) if CANNOT_DM.contains(&code) => Delivery::Unreachable { code: code as u32 },
                _ => Delivery::TryLater(error.to_string()),
            },
        }
    }
}

#[async_trait]
impl PostToChannel for DmDelivery {
    async fn post(&self, channel_id: u64, reply: &Reply, nonce: &str) -> Posted {
        let sent = retry::with_backoff("post in a channel", || async {
            self.pacer.wait().await;
            let message: CreateMessage =
                builders::channel_message(reply).nonce(Nonce::String(nonce.to_owned())).enforce_nonce(true);
            message.execute(&*self.http, (ChannelId::new(channel_id), None)).await
        })
        .await;
        match sent {
            Ok(message) => Posted::Posted { message_id: message.id.get() },
            Err(error) => match discord_code(&error) {
                Some(UNKNOWN_CHANNEL) => Posted::Gone { reason: "channel_gone" },
                Some(MISSING_ACCESS | MISSING_PERMISSIONS) => Posted::Gone { reason: "no_access" },
                _ => Posted::TryLater(error.to_string()),
            },
        }
    }
}
