//! Messages: posting, reading, editing and deleting them in channels, their attachments, and
//! the MESSAGE_CREATE the bot's gateway sees for its own messages.

use serde_json::{json, Value};

use super::channels::channel_json;
use super::{is_ephemeral, query_value, unknown_channel, unknown_message, Reply, Req, Upload};
use crate::config::BOT_USER_ID;
use crate::gateway::dispatch_locked;
use crate::payloads::{self, id_of, MessageParts};
use crate::state::{Data, Shared};

pub(super) fn create_channel_message(
    shared: &Shared,
    data: &mut Data,
    channel: u64,
    req: &Req<'_>,
    body: &Value,
) -> Reply {
    let Some(ch) = channel_json(shared, data, channel) else {
        return unknown_channel();
    };
    if let Some(user) = data.dm_user_by_channel.get(&channel) {
        if data.blocked_dms.contains(user) {
            return Reply::error(403, 50007, "Cannot send messages to this user");
        }
    }
    // The bot has only @everyone's permissions; an overwrite denying it one it needs answers as Discord does.
    let denied = data.overwrites.get(&channel).map_or(0, |o| {
        o.iter()
            .filter_map(|w| w.get("deny").and_then(Value::as_str))
            .filter_map(|d| d.parse::<u64>().ok())
            .fold(0, |a, b| a | b)
    });
    const VIEW_CHANNEL: u64 = 1 << 10;
    const SEND_MESSAGES: u64 = 1 << 11;
    const EMBED_LINKS: u64 = 1 << 14;
    if denied & VIEW_CHANNEL != 0 {
        return Reply::error(403, 50001, "Missing Access");
    }
    if denied & SEND_MESSAGES != 0
        || (denied & EMBED_LINKS != 0
            && body.get("embeds").is_some_and(|e| e.as_array().is_some_and(|a| !a.is_empty())))
    {
        return Reply::error(403, 50013, "Missing Permissions");
    }
    // Discord's de-duplication: the same author and nonce within a few minutes returns the first message.
    let nonce = body
        .get("nonce")
        .filter(|_| body.get("enforce_nonce").and_then(Value::as_bool) == Some(true))
        .map(|n| n.as_str().map_or_else(|| n.to_string(), str::to_owned));
    if let Some(first) = nonce.as_ref().and_then(|n| data.nonces.get(n)).and_then(|id| data.messages.get(id))
    {
        return Reply::json(200, first.clone());
    }
    let kind = if body.get("message_reference").is_some_and(Value::is_object) { 19 } else { 0 };
    let msg = payloads::message(MessageParts {
        id: payloads::snowflake(),
        channel_id: channel,
        guild_id: id_of(ch.get("guild_id")),
        author: payloads::bot_user(),
        kind,
        body,
        attachments: attachments(shared, body, &req.files, None),
        webhook_id: None,
        interaction_metadata: None,
    });
    let id = store_message(data, msg.clone());
    if let Some(n) = nonce {
        data.nonces.insert(n, id);
    }
    announce(data, &msg);
    Reply::json(200, msg)
}

pub(super) fn channel_message(
    shared: &Shared,
    data: &mut Data,
    method: &str,
    channel: u64,
    id: u64,
    req: &Req<'_>,
    body: &Value,
) -> Reply {
    let in_channel = data
        .messages
        .get(&id)
        .is_some_and(|m| id_of(m.get("channel_id")) == Some(channel) && !is_ephemeral(m));
    if !in_channel {
        return if channel_json(shared, data, channel).is_none() {
            unknown_channel()
        } else {
            unknown_message()
        };
    }
    match method {
        "GET" => Reply::json(200, data.messages.get(&id).cloned().unwrap_or(Value::Null)),
        "PATCH" => {
            let Some(msg) = data.messages.get_mut(&id) else {
                return unknown_message();
            };
            if id_of(msg.pointer("/author/id")) != Some(BOT_USER_ID) {
                return Reply::error(403, 50005, "Cannot edit a message authored by another user");
            }
            apply_edit(shared, msg, body, &req.files);
            Reply::json(200, msg.clone())
        }
        "DELETE" => {
            data.messages.remove(&id);
            data.message_order.retain(|m| *m != id);
            Reply::empty()
        }
        _ => Reply::error(405, 0, "405: Method Not Allowed"),
    }
}

pub(super) fn list_channel_messages(shared: &Shared, data: &Data, channel: u64, req: &Req<'_>) -> Reply {
    if channel_json(shared, data, channel).is_none() {
        return unknown_channel();
    }
    let limit = query_value(req.query, "limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(50).min(100);
    let list: Vec<Value> = data
        .message_order
        .iter()
        .rev()
        .filter_map(|id| data.messages.get(id))
        .filter(|m| id_of(m.get("channel_id")) == Some(channel) && !is_ephemeral(m))
        .take(limit)
        .cloned()
        .collect();
    Reply::json(200, Value::Array(list))
}

pub(super) fn attachments(
    shared: &Shared,
    body: &Value,
    files: &[Upload],
    existing: Option<&Value>,
) -> Vec<Value> {
    let described = body.get("attachments").and_then(Value::as_array);
    let mut out: Vec<Value> = Vec::new();
    if let Some(existing) = existing.and_then(Value::as_array) {
        for a in existing {
            let keep = match described {
                Some(list) => list.iter().any(|d| {
                    d.get("id").and_then(Value::as_str).is_some() && id_of(d.get("id")) == id_of(a.get("id"))
                }),
                None => true,
            };
            if keep {
                out.push(a.clone());
            }
        }
    }
    for (i, f) in files.iter().enumerate() {
        let index =
            f.field.trim_start_matches("files[").trim_end_matches(']').parse::<u64>().unwrap_or(i as u64);
        let desc = described.and_then(|list| {
            list.iter().find(|d| id_of(d.get("id")) == Some(index) && d.get("id").is_some_and(Value::is_u64))
        });
        let filename =
            desc.and_then(|d| d.get("filename")).and_then(Value::as_str).unwrap_or(&f.filename).to_string();
        let id = payloads::snowflake();
        let url = format!("{}/attachments/{id}/{filename}", shared.api_base);
        out.push(json!({
            "id": id.to_string(),
            "filename": filename,
            "description": desc.and_then(|d| d.get("description")).cloned().unwrap_or(Value::Null),
            "content_type": f.content_type,
            "size": f.size,
            "url": url,
            "proxy_url": url,
        }));
    }
    out
}

/// Applies an edit body to a stored message (only the fields the body names change).
pub(super) fn apply_edit(shared: &Shared, msg: &mut Value, body: &Value, files: &[Upload]) {
    if let Some(c) = body.get("content") {
        msg["content"] = json!(c.as_str().unwrap_or(""));
    }
    if let Some(e) = body.get("embeds") {
        let embeds: Vec<Value> =
            e.as_array().map(|a| a.iter().map(payloads::normalize_embed).collect()).unwrap_or_default();
        msg["embeds"] = Value::Array(embeds);
    }
    if let Some(c) = body.get("components") {
        msg["components"] = if c.is_null() { json!([]) } else { c.clone() };
    }
    let old_flags = msg.get("flags").and_then(Value::as_u64).unwrap_or(0);
    // Loading (128) ends with the first edit; ephemeral cannot change; IS_COMPONENTS_V2 sticks.
    let mut flags = old_flags & !(1 << 7);
    if let Some(f) = body.get("flags").and_then(Value::as_u64) {
        flags = (f & !(1 << 6) & !(1 << 7)) | (old_flags & (1 << 6)) | (old_flags & (1 << 15));
    }
    msg["flags"] = json!(flags);
    if body.get("attachments").is_some() || !files.is_empty() {
        let existing = msg.get("attachments").cloned();
        msg["attachments"] = Value::Array(attachments(shared, body, files, existing.as_ref()));
    }
    msg["edited_timestamp"] = json!(payloads::now_iso());
}

pub(super) fn store_message(data: &mut Data, msg: Value) -> u64 {
    let id = id_of(msg.get("id")).unwrap_or_else(payloads::snowflake);
    data.messages.insert(id, msg);
    data.message_order.push(id);
    id
}

/// Sends MESSAGE_CREATE for a bot message when the bot's intents would receive it.
pub(super) fn announce(data: &mut Data, msg: &Value) {
    if is_ephemeral(msg) {
        return;
    }
    let intents = data.gateway.identifies.last().map_or(0, |i| i.intents);
    let needed = if msg.get("guild_id").is_some() { 1 << 9 } else { 1 << 12 };
    if intents & needed != 0 {
        dispatch_locked(data, "MESSAGE_CREATE", msg.clone());
    }
}
