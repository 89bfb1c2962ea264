//! What a person sees of the bot's answers: the response to an interaction, its followups, and
//! the messages the bot wrote in channels and DMs.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{StandIn, POLL};
use crate::config::BOT_USER_ID;
use crate::error::StandInError;
use crate::payloads;
use crate::people::Interaction;
use crate::shown::{Choice, Response, ShownMessage, ShownModal, Timing};

impl StandIn {
    fn resolve(&self, interaction: &Interaction, timed_out: bool) -> Option<Result<Response, StandInError>> {
        let data = self.shared.lock();
        let rec = data.interactions.get(&interaction.id)?;
        let cb = rec.callback.as_ref()?;
        let shown = |id: Option<u64>| id.and_then(|m| data.messages.get(&m)).map(ShownMessage::from_value);
        match cb.kind {
            4 => shown(rec.original_message).map(|m| Ok(Response::Message(m))),
            5 if rec.original_edited => shown(rec.original_message).map(|m| Ok(Response::Message(m))),
            5 if timed_out => Some(Err(StandInError::Interaction(format!(
                "the application deferred interaction {} (type 5) but never edited its original response",
                interaction.id
            )))),
            7 => shown(rec.original_message).map(|m| Ok(Response::Updated(m))),
            6 if rec.original_edited || timed_out => {
                shown(rec.original_message).map(|m| Ok(Response::Updated(m)))
            }
            8 => Some(Ok(Response::Autocomplete(
                rec.choices
                    .clone()
                    .unwrap_or_default()
                    .iter()
                    .map(|c| Choice {
                        name: c.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
                        value: c.get("value").cloned().unwrap_or(Value::Null),
                    })
                    .collect(),
            ))),
            9 => rec.modal.as_ref().map(|m| Ok(Response::Modal(ShownModal::from_value(m, interaction.id)))),
            _ => None,
        }
    }

    /// Waits for the bot's answer to `interaction` and returns what the person would see. A
    /// deferred answer (type 5 or 6) waits for the edit of @original, up to `timeout`.
    pub async fn wait_response(
        &self,
        interaction: &Interaction,
        timeout: Duration,
    ) -> Result<Response, StandInError> {
        let start = Instant::now();
        loop {
            let timed_out = start.elapsed() >= timeout;
            if let Some(r) = self.resolve(interaction, timed_out) {
                return r;
            }
            if timed_out {
                let acked =
                    self.shared.lock().interactions.get(&interaction.id).and_then(|r| r.callback.clone());
                return Err(StandInError::Interaction(match acked {
                    None => format!(
                        "the application did not respond to interaction {} (type {}) within {timeout:?}",
                        interaction.id, interaction.kind
                    ),
                    Some(cb) => format!(
                        "the application answered interaction {} with callback type {} but nothing a person sees resulted within {timeout:?}",
                        interaction.id, cb.kind
                    ),
                }));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Time from dispatch to the bot's callback, once it has answered.
    pub fn response_timing(&self, interaction: &Interaction) -> Option<Timing> {
        let data = self.shared.lock();
        let rec = data.interactions.get(&interaction.id)?;
        let cb = rec.callback.as_ref()?;
        Some(Timing { to_callback: cb.at.saturating_duration_since(rec.dispatched_at) })
    }

    pub fn followups(&self, interaction: &Interaction) -> Vec<ShownMessage> {
        let data = self.shared.lock();
        data.interactions
            .get(&interaction.id)
            .map(|r| {
                r.followups
                    .iter()
                    .filter_map(|m| data.messages.get(m))
                    .map(ShownMessage::from_value)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The current version of a stored message.
    pub fn message(&self, id: u64) -> Option<ShownMessage> {
        self.shared.lock().messages.get(&id).map(ShownMessage::from_value)
    }

    /// Messages the bot wrote in a channel (including interaction answers), oldest first.
    pub fn channel_messages(&self, channel_id: u64) -> Vec<ShownMessage> {
        let data = self.shared.lock();
        data.message_order
            .iter()
            .filter_map(|id| data.messages.get(id))
            .filter(|m| payloads::id_of(m.get("channel_id")) == Some(channel_id))
            .filter(|m| payloads::id_of(m.pointer("/author/id")) == Some(BOT_USER_ID))
            .map(ShownMessage::from_value)
            .collect()
    }

    /// Messages the bot wrote in its DM with `user_id`, oldest first.
    pub fn dm_messages(&self, user_id: u64) -> Vec<ShownMessage> {
        let channel = self.shared.lock().dm_channel_by_user.get(&user_id).copied();
        channel.map_or_else(Vec::new, |c| self.channel_messages(c))
    }
}
