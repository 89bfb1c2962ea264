//! Channels: guild text channels, the bot's DM channels with people, and threads.

use serde_json::Value;

use super::{unknown_channel, unknown_message, Reply};
use crate::payloads::{self, id_of};
use crate::state::{Data, Shared};

pub(super) fn create_dm(data: &mut Data, body: &Value) -> Reply {
    match id_of(body.get("recipient_id")) {
        Some(user) => {
            let channel = dm_channel_for(data, user);
            Reply::json(200, dm_channel_json(data, channel))
        }
        None => Reply::error(400, 50033, "Invalid Recipient(s)"),
    }
}

pub(super) fn get_channel(shared: &Shared, data: &Data, channel: u64) -> Reply {
    channel_json(shared, data, channel).map_or_else(unknown_channel, |ch| Reply::json(200, ch))
}

pub(super) fn create_thread(shared: &Shared, data: &mut Data, channel: u64, body: &Value) -> Reply {
    let Some(parent) = channel_json(shared, data, channel) else {
        return unknown_channel();
    };
    let guild = id_of(parent.get("guild_id")).unwrap_or(0);
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(12);
    let name = body.get("name").and_then(Value::as_str).unwrap_or("thread");
    let id = payloads::snowflake();
    let thread = payloads::thread_channel(id, guild, channel, name, kind);
    data.threads.insert(id, thread.clone());
    Reply::json(201, thread)
}

pub(super) fn create_message_thread(
    shared: &Shared,
    data: &mut Data,
    channel: u64,
    message: u64,
    body: &Value,
) -> Reply {
    let Some(parent) = channel_json(shared, data, channel) else {
        return unknown_channel();
    };
    if !data.messages.contains_key(&message) {
        return unknown_message();
    }
    let guild = id_of(parent.get("guild_id")).unwrap_or(0);
    let name = body.get("name").and_then(Value::as_str).unwrap_or("thread");
    let thread = payloads::thread_channel(message, guild, channel, name, 11);
    data.threads.insert(message, thread.clone());
    Reply::json(201, thread)
}

pub(crate) fn dm_channel_for(data: &mut Data, user: u64) -> u64 {
    if let Some(c) = data.dm_channel_by_user.get(&user) {
        return *c;
    }
    let c = payloads::snowflake();
    data.dm_channel_by_user.insert(user, c);
    data.dm_user_by_channel.insert(c, user);
    c
}

pub(super) fn username(data: &Data, user: u64) -> String {
    data.usernames.get(&user).cloned().unwrap_or_else(|| format!("user{user}"))
}

fn dm_channel_json(data: &Data, channel: u64) -> Value {
    let user = data.dm_user_by_channel.get(&channel).copied().unwrap_or(0);
    payloads::dm_channel(channel, payloads::user(user, &username(data, user)))
}

pub(super) fn channel_json(shared: &Shared, data: &Data, channel: u64) -> Option<Value> {
    if data.deleted_channels.contains(&channel) {
        return None;
    }
    for g in &shared.config.guilds {
        if let Some((i, c)) = g.channels.iter().enumerate().find(|(_, c)| c.id == channel) {
            let mut json = payloads::guild_text_channel(c.id, g.id, &c.name, i);
            if let Some(o) = data.overwrites.get(&channel) {
                json["permission_overwrites"] = Value::Array(o.clone());
            }
            return Some(json);
        }
    }
    if data.dm_user_by_channel.contains_key(&channel) {
        return Some(dm_channel_json(data, channel));
    }
    data.threads.get(&channel).cloned()
}
