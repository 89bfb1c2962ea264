//! JSON objects in the shapes Discord sends, with every field serenity 0.12.5 requires.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::config::{GuildSpec, APPLICATION_ID, BOT_USERNAME, BOT_USER_ID, GUILD_OWNER_ID};

const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

static LAST_ID: AtomicU64 = AtomicU64::new(0);

/// A fresh snowflake, unique within the process and increasing, built from the clock like
/// Discord's so ids sort by creation time.
pub fn snowflake() -> u64 {
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    let from_clock = now_ms.saturating_sub(DISCORD_EPOCH_MS) << 22;
    let mut prev = LAST_ID.load(Ordering::Relaxed);
    loop {
        let next = from_clock.max(prev + 1);
        match LAST_ID.compare_exchange_weak(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => prev = seen,
        }
    }
}

pub fn now_iso() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, false)
}

pub fn user(id: u64, username: &str) -> Value {
    json!({
        "id": id.to_string(),
        "username": username,
        "discriminator": "0",
        "global_name": username,
        "avatar": null,
        "bot": false,
        "system": false,
        "public_flags": 0,
        "flags": 0,
        "banner": null,
        "accent_color": null,
        "avatar_decoration_data": null,
        "collectibles": null,
        "primary_guild": null,
    })
}

pub fn bot_user() -> Value {
    json!({
        "id": BOT_USER_ID.to_string(),
        "username": BOT_USERNAME,
        "discriminator": "0000",
        "global_name": null,
        "avatar": null,
        "bot": true,
        "system": false,
        "mfa_enabled": true,
        "verified": true,
        "email": null,
        "locale": "en-US",
        "public_flags": 0,
        "flags": 0,
        "banner": null,
        "accent_color": null,
    })
}

pub fn member(user: Value, permissions: u64, joined_at: &str) -> Value {
    json!({
        "user": user,
        "nick": null,
        "avatar": null,
        "banner": null,
        "roles": [],
        "joined_at": joined_at,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": permissions.to_string(),
        "communication_disabled_until": null,
        "unusual_dm_activity_until": null,
    })
}

pub fn guild_text_channel(id: u64, guild_id: u64, name: &str, position: usize) -> Value {
    json!({
        "id": id.to_string(),
        "type": 0,
        "guild_id": guild_id.to_string(),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "parent_id": null,
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "flags": 0,
    })
}

pub fn thread_channel(id: u64, guild_id: u64, parent_id: u64, name: &str, kind: u64) -> Value {
    json!({
        "id": id.to_string(),
        "type": kind,
        "guild_id": guild_id.to_string(),
        "parent_id": parent_id.to_string(),
        "owner_id": BOT_USER_ID.to_string(),
        "name": name,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "flags": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": 1440,
            "archive_timestamp": now_iso(),
            "locked": false,
            "create_timestamp": now_iso(),
        },
    })
}

pub fn dm_channel(id: u64, recipient: Value) -> Value {
    json!({
        "id": id.to_string(),
        "type": 1,
        "last_message_id": null,
        "flags": 0,
        "recipients": [recipient],
    })
}

/// The guild as serenity's `Guild` wants it inside GUILD_CREATE and GET /guilds/{id}.
pub fn guild(spec: &GuildSpec, with_create_fields: bool) -> Value {
    let everyone = json!({
        "id": spec.id.to_string(),
        "name": "@everyone",
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": 0,
        "permissions": crate::config::DEFAULT_MEMBER_PERMISSIONS.to_string(),
        "managed": false,
        "mentionable": false,
        "flags": 0,
    });
    let mut g = json!({
        "id": spec.id.to_string(),
        "name": spec.name,
        "icon": null,
        "icon_hash": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": GUILD_OWNER_ID.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [everyone],
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": spec.channels.first().map(|c| c.id.to_string()),
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_presences": null,
        "max_members": 500000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
    });
    if with_create_fields {
        let joined = now_iso();
        let channels: Vec<Value> = spec
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| guild_text_channel(c.id, spec.id, &c.name, i))
            .collect();
        let extra = json!({
            "joined_at": joined,
            "large": false,
            "unavailable": false,
            "member_count": 2,
            "voice_states": [],
            "members": [member(bot_user(), 0, &joined)],
            "channels": channels,
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        });
        merge(&mut g, extra);
    }
    g
}

/// The partial guild carried inside interactions.
pub fn partial_guild(guild_id: u64) -> Value {
    json!({"id": guild_id.to_string(), "locale": "en-US", "features": []})
}

pub fn ready(session_id: &str, resume_url: &str, guilds: &[GuildSpec]) -> Value {
    ready_for_shard(session_id, resume_url, guilds, [0, 1])
}

/// READY for a session holding `shard` (`[shard_id, shard_count]`); `guilds` are that shard's.
pub fn ready_for_shard(session_id: &str, resume_url: &str, guilds: &[GuildSpec], shard: [u32; 2]) -> Value {
    let unavailable: Vec<Value> =
        guilds.iter().map(|g| json!({"id": g.id.to_string(), "unavailable": true})).collect();
    json!({
        "v": 10,
        "user": bot_user(),
        "guilds": unavailable,
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_url,
        "shard": shard,
        "application": {"id": APPLICATION_ID.to_string(), "flags": 0},
        "private_channels": [],
        "presences": [],
        "relationships": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": ["us-east"],
        "auth": {},
        "user_settings": {},
        "_trace": ["[\"discord-standin\"]"],
    })
}

/// Parts of a message that differ between messages.
pub struct MessageParts<'a> {
    pub id: u64,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    pub author: Value,
    pub kind: u64,
    pub body: &'a Value,
    pub attachments: Vec<Value>,
    pub webhook_id: Option<u64>,
    pub interaction_metadata: Option<Value>,
}

/// A full message object built from a create body (content, embeds, components, flags...).
pub fn message(parts: MessageParts<'_>) -> Value {
    let body = parts.body;
    let embeds: Vec<Value> = body
        .get("embeds")
        .and_then(Value::as_array)
        .map(|e| e.iter().map(normalize_embed).collect())
        .unwrap_or_default();
    let mut m = json!({
        "id": parts.id.to_string(),
        "channel_id": parts.channel_id.to_string(),
        "author": parts.author,
        "content": body.get("content").and_then(Value::as_str).unwrap_or(""),
        "timestamp": now_iso(),
        "edited_timestamp": null,
        "tts": body.get("tts").and_then(Value::as_bool).unwrap_or(false),
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": parts.attachments,
        "embeds": embeds,
        "reactions": [],
        "pinned": false,
        "type": parts.kind,
        "flags": body.get("flags").and_then(Value::as_u64).unwrap_or(0),
        "components": body.get("components").cloned().unwrap_or_else(|| json!([])),
        "sticker_items": [],
        "position": 0,
    });
    if let Some(nonce) = body.get("nonce").filter(|n| !n.is_null()) {
        m["nonce"] = nonce.clone();
    }
    if let Some(g) = parts.guild_id {
        m["guild_id"] = json!(g.to_string());
    }
    if let Some(w) = parts.webhook_id {
        m["webhook_id"] = json!(w.to_string());
        m["application_id"] = json!(APPLICATION_ID.to_string());
    }
    if let Some(meta) = parts.interaction_metadata {
        m["interaction_metadata"] = meta;
    }
    if let Some(reference) = body.get("message_reference").filter(|r| r.is_object()) {
        m["message_reference"] = reference.clone();
    }
    m
}

/// Embeds come back from Discord with `type: "rich"` whatever the bot sent.
pub fn normalize_embed(embed: &Value) -> Value {
    let mut e = embed.clone();
    if let Some(obj) = e.as_object_mut() {
        obj.entry("type").or_insert_with(|| json!("rich"));
    }
    e
}

/// Shallow merge: keys of `extra` overwrite those of `base`.
pub fn merge(base: &mut Value, extra: Value) {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        for (k, v) in e {
            b.insert(k, v);
        }
    }
}

/// A gateway payload.
pub fn gateway_frame(op: u8, d: Value, s: Option<u64>, t: Option<&str>) -> String {
    json!({"op": op, "d": d, "s": s, "t": t}).to_string()
}

/// Reads a snowflake given either as a string or a number.
pub fn id_of(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}
