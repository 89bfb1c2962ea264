//! The REST routes a bot uses, answered the way Discord answers them.

use std::time::Instant;

use serde_json::{json, Value};

use crate::config::{APPLICATION_ID, BOT_USERNAME, BOT_USER_ID, GUILD_OWNER_ID};
use crate::docs_rules::BodyKind;
use crate::gateway::dispatch_locked;
use crate::payloads::{self, id_of, MessageParts};
use crate::state::{Callback, Data, InteractionRecord, Shared};

/// A file part of a multipart body.
#[derive(Clone, Debug)]
pub(crate) struct Upload {
    pub field: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub size: usize,
    pub bytes: Vec<u8>,
}

pub(crate) struct Req<'a> {
    pub method: &'a str,
    pub query: Option<&'a str>,
    pub body: Option<Value>,
    pub files: Vec<Upload>,
}

pub(crate) struct Reply {
    pub status: u16,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply { status, body: Some(body), headers: Vec::new() }
    }

    pub fn empty() -> Reply {
        Reply { status: 204, body: None, headers: Vec::new() }
    }

    pub fn error(status: u16, code: u32, message: &str) -> Reply {
        Reply::json(status, json!({"code": code, "message": message}))
    }

    pub fn not_found() -> Reply {
        Reply::error(404, 0, "404: Not Found")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Gateway,
    GatewayBot,
    Me,
    MyApplication,
    Commands {
        guild: Option<u64>,
    },
    Command {
        guild: Option<u64>,
        id: u64,
    },
    Callback {
        id: u64,
        token: String,
    },
    Webhook {
        token: String,
    },
    /// `message` is `None` for `@original`.
    WebhookMessage {
        token: String,
        message: Option<u64>,
    },
    CreateDm,
    Channel(u64),
    ChannelMessages(u64),
    ChannelMessage(u64, u64),
    Threads(u64),
    MessageThreads(u64, u64),
    Guild(u64),
    GuildChannels(u64),
    GuildMember(u64, u64),
    Unknown,
}

fn app(s: &str) -> bool {
    s.parse::<u64>().ok() == Some(APPLICATION_ID)
}

pub(crate) fn parse(path: &str) -> Route {
    let segs: Vec<&str> = path.trim_start_matches('/').trim_end_matches('/').split('/').collect();
    let id = |s: &str| s.parse::<u64>().ok();
    match segs.as_slice() {
        ["gateway"] => Route::Gateway,
        ["gateway", "bot"] => Route::GatewayBot,
        ["users", "@me"] => Route::Me,
        ["oauth2", "applications", "@me"] | ["applications", "@me"] => Route::MyApplication,
        ["applications", a, "commands"] if app(a) => Route::Commands { guild: None },
        ["applications", a, "commands", c] if app(a) => match id(c) {
            Some(c) => Route::Command { guild: None, id: c },
            None => Route::Unknown,
        },
        ["applications", a, "guilds", g, "commands"] if app(a) => match id(g) {
            Some(g) => Route::Commands { guild: Some(g) },
            None => Route::Unknown,
        },
        ["applications", a, "guilds", g, "commands", c] if app(a) => match (id(g), id(c)) {
            (Some(g), Some(c)) => Route::Command { guild: Some(g), id: c },
            _ => Route::Unknown,
        },
        ["interactions", i, t, "callback"] => match id(i) {
            Some(i) => Route::Callback { id: i, token: t.to_string() },
            None => Route::Unknown,
        },
        ["webhooks", a, t] if app(a) => Route::Webhook { token: t.to_string() },
        ["webhooks", a, t, "messages", "@original"] if app(a) => {
            Route::WebhookMessage { token: t.to_string(), message: None }
        }
        ["webhooks", a, t, "messages", m] if app(a) => match id(m) {
            Some(m) => Route::WebhookMessage { token: t.to_string(), message: Some(m) },
            None => Route::Unknown,
        },
        ["users", "@me", "channels"] => Route::CreateDm,
        ["channels", c] => id(c).map_or(Route::Unknown, Route::Channel),
        ["channels", c, "messages"] => id(c).map_or(Route::Unknown, Route::ChannelMessages),
        ["channels", c, "messages", m] => match (id(c), id(m)) {
            (Some(c), Some(m)) => Route::ChannelMessage(c, m),
            _ => Route::Unknown,
        },
        ["channels", c, "threads"] => id(c).map_or(Route::Unknown, Route::Threads),
        ["channels", c, "messages", m, "threads"] => match (id(c), id(m)) {
            (Some(c), Some(m)) => Route::MessageThreads(c, m),
            _ => Route::Unknown,
        },
        ["guilds", g] => id(g).map_or(Route::Unknown, Route::Guild),
        ["guilds", g, "channels"] => id(g).map_or(Route::Unknown, Route::GuildChannels),
        ["guilds", g, "members", u] => match (id(g), id(u)) {
            (Some(g), Some(u)) => Route::GuildMember(g, u),
            _ => Route::Unknown,
        },
        _ => Route::Unknown,
    }
}

/// Which docs rules apply to a request's body.
pub(crate) fn body_kind(method: &str, route: &Route) -> Option<BodyKind> {
    match (method, route) {
        ("PUT", Route::Commands { .. }) => Some(BodyKind::CommandList),
        ("POST", Route::Commands { .. }) | ("PATCH", Route::Command { .. }) => Some(BodyKind::Command),
        ("POST", Route::Callback { .. }) => Some(BodyKind::InteractionCallback),
        ("POST", Route::Webhook { .. }) => Some(BodyKind::WebhookMessageCreate),
        ("PATCH", Route::WebhookMessage { .. }) => Some(BodyKind::WebhookMessageEdit),
        ("POST", Route::ChannelMessages(_)) => Some(BodyKind::ChannelMessageCreate),
        ("PATCH", Route::ChannelMessage(..)) => Some(BodyKind::ChannelMessageEdit),
        ("POST", Route::CreateDm) => Some(BodyKind::CreateDm),
        _ => None,
    }
}

pub(crate) fn handle(shared: &Shared, route: &Route, req: &Req<'_>) -> Reply {
    let body = req.body.clone().unwrap_or(Value::Null);
    let mut data = shared.lock();
    let data = &mut *data;
    match (req.method, route) {
        ("GET", Route::Gateway) => Reply::json(200, json!({"url": shared.gateway_url})),
        ("GET", Route::GatewayBot) => Reply::json(
            200,
            json!({
                "url": shared.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1
                }
            }),
        ),
        ("GET", Route::Me) => Reply::json(200, payloads::bot_user()),
        ("GET", Route::MyApplication) => Reply::json(200, application()),
        ("GET", Route::Commands { guild }) => {
            Reply::json(200, Value::Array(data.commands.get(guild).cloned().unwrap_or_default()))
        }
        ("PUT", Route::Commands { guild }) => bulk_overwrite(data, *guild, &body),
        ("POST", Route::Commands { guild }) => upsert_command(data, *guild, &body),
        ("GET", Route::Command { guild, id }) => {
            find_command(data, *guild, *id).map_or_else(unknown_command, |c| Reply::json(200, c))
        }
        ("PATCH", Route::Command { guild, id }) => edit_command(data, *guild, *id, &body),
        ("DELETE", Route::Command { guild, id }) => {
            let list = data.commands.entry(*guild).or_default();
            let before = list.len();
            list.retain(|c| id_of(c.get("id")) != Some(*id));
            if list.len() == before {
                unknown_command()
            } else {
                Reply::empty()
            }
        }
        ("POST", Route::Callback { id, token }) => callback(shared, data, *id, token, req, &body),
        ("POST", Route::Webhook { token }) => followup(shared, data, token, req, &body),
        (m, Route::WebhookMessage { token, message }) => {
            webhook_message(shared, data, m, token, *message, req, &body)
        }
        ("POST", Route::CreateDm) => match id_of(body.get("recipient_id")) {
            Some(user) => {
                let channel = dm_channel_for(data, user);
                Reply::json(200, dm_channel_json(data, channel))
            }
            None => Reply::error(400, 50033, "Invalid Recipient(s)"),
        },
        ("GET", Route::Channel(c)) => {
            channel_json(shared, data, *c).map_or_else(unknown_channel, |ch| Reply::json(200, ch))
        }
        ("POST", Route::ChannelMessages(c)) => create_channel_message(shared, data, *c, req, &body),
        ("GET", Route::ChannelMessages(c)) => {
            if channel_json(shared, data, *c).is_none() {
                return unknown_channel();
            }
            let limit =
                query_value(req.query, "limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(50).min(100);
            let list: Vec<Value> = data
                .message_order
                .iter()
                .rev()
                .filter_map(|id| data.messages.get(id))
                .filter(|m| id_of(m.get("channel_id")) == Some(*c) && !is_ephemeral(m))
                .take(limit)
                .cloned()
                .collect();
            Reply::json(200, Value::Array(list))
        }
        (m, Route::ChannelMessage(c, mid)) => channel_message(shared, data, m, *c, *mid, req, &body),
        ("POST", Route::Threads(c)) => {
            let Some(parent) = channel_json(shared, data, *c) else {
                return unknown_channel();
            };
            let guild = id_of(parent.get("guild_id")).unwrap_or(0);
            let kind = body.get("type").and_then(Value::as_u64).unwrap_or(12);
            let name = body.get("name").and_then(Value::as_str).unwrap_or("thread");
            let id = payloads::snowflake();
            let thread = payloads::thread_channel(id, guild, *c, name, kind);
            data.threads.insert(id, thread.clone());
            Reply::json(201, thread)
        }
        ("POST", Route::MessageThreads(c, mid)) => {
            let Some(parent) = channel_json(shared, data, *c) else {
                return unknown_channel();
            };
            if !data.messages.contains_key(mid) {
                return unknown_message();
            }
            let guild = id_of(parent.get("guild_id")).unwrap_or(0);
            let name = body.get("name").and_then(Value::as_str).unwrap_or("thread");
            let thread = payloads::thread_channel(*mid, guild, *c, name, 11);
            data.threads.insert(*mid, thread.clone());
            Reply::json(201, thread)
        }
        ("GET", Route::Guild(g)) => match shared.config.guilds.iter().find(|s| s.id == *g) {
            Some(spec) => Reply::json(200, payloads::guild(spec, false)),
            None => Reply::error(404, 10004, "Unknown Guild"),
        },
        ("GET", Route::GuildChannels(g)) => match shared.config.guilds.iter().find(|s| s.id == *g) {
            Some(spec) => Reply::json(
                200,
                Value::Array(
                    spec.channels
                        .iter()
                        .enumerate()
                        .map(|(i, c)| payloads::guild_text_channel(c.id, spec.id, &c.name, i))
                        .collect(),
                ),
            ),
            None => Reply::error(404, 10004, "Unknown Guild"),
        },
        ("GET", Route::GuildMember(g, u)) => {
            if !shared.config.guilds.iter().any(|s| s.id == *g) {
                return Reply::error(404, 10004, "Unknown Guild");
            }
            let name = username(data, *u);
            let user = if *u == BOT_USER_ID { payloads::bot_user() } else { payloads::user(*u, &name) };
            Reply::json(200, payloads::member(user, 0, "2024-01-01T00:00:00.000000+00:00"))
        }
        (_, Route::Unknown) => Reply::not_found(),
        _ => Reply::error(405, 0, "405: Method Not Allowed"),
    }
}

fn application() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": BOT_USERNAME,
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "owner": payloads::user(GUILD_OWNER_ID, "owner"),
        "team": null,
        "flags": 0,
        "bot": payloads::bot_user(),
        "integration_types_config": {"0": {}, "1": {}},
        "approximate_guild_count": 1,
        "approximate_user_install_count": 0,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
    })
}

pub(crate) fn query_value<'a>(query: Option<&'a str>, key: &str) -> Option<&'a str> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn unknown_command() -> Reply {
    Reply::error(404, 10063, "Unknown application command")
}

fn unknown_channel() -> Reply {
    Reply::error(404, 10003, "Unknown Channel")
}

fn unknown_message() -> Reply {
    Reply::error(404, 10008, "Unknown Message")
}

fn unknown_webhook() -> Reply {
    Reply::error(404, 10015, "Unknown Webhook")
}

fn is_ephemeral(m: &Value) -> bool {
    m.get("flags").and_then(Value::as_u64).unwrap_or(0) & (1 << 6) != 0
}

// ---- application commands ----

fn stored_command(guild: Option<u64>, body: &Value, id: u64) -> Value {
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(1);
    let perms = match body.get("default_member_permissions") {
        Some(Value::String(s)) => json!(s),
        Some(Value::Number(n)) => json!(n.to_string()),
        _ => Value::Null,
    };
    let mut c = json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "version": payloads::snowflake().to_string(),
        "type": kind,
        "name": body.get("name").cloned().unwrap_or_else(|| json!("")),
        "name_localizations": body.get("name_localizations").cloned().unwrap_or(Value::Null),
        "description": body.get("description").cloned().filter(|d| !d.is_null()).unwrap_or_else(|| json!("")),
        "description_localizations": body.get("description_localizations").cloned().unwrap_or(Value::Null),
        "default_member_permissions": perms,
        "dm_permission": body.get("dm_permission").cloned().filter(|d| !d.is_null()).unwrap_or(json!(true)),
        "nsfw": body.get("nsfw").cloned().filter(|d| !d.is_null()).unwrap_or(json!(false)),
        "integration_types": body.get("integration_types").cloned().filter(|d| !d.is_null()).unwrap_or(json!([0])),
        "contexts": body.get("contexts").cloned().unwrap_or(Value::Null),
    });
    if let Some(options) = body.get("options").filter(|o| o.is_array()) {
        c["options"] = options.clone();
    }
    if let Some(g) = guild {
        c["guild_id"] = json!(g.to_string());
    }
    c
}

fn same_command(a: &Value, b: &Value) -> bool {
    let kind = |v: &Value| v.get("type").and_then(Value::as_u64).unwrap_or(1);
    a.get("name") == b.get("name") && kind(a) == kind(b)
}

fn bulk_overwrite(data: &mut Data, guild: Option<u64>, body: &Value) -> Reply {
    let Some(list) = body.as_array() else {
        return Reply::error(400, 50035, "Invalid Form Body");
    };
    let old = data.commands.get(&guild).cloned().unwrap_or_default();
    let stored: Vec<Value> = list
        .iter()
        .map(|cmd| {
            // Discord keeps a command's id when the overwrite names it again.
            let id = old
                .iter()
                .find(|o| same_command(o, cmd))
                .and_then(|o| id_of(o.get("id")))
                .unwrap_or_else(payloads::snowflake);
            stored_command(guild, cmd, id)
        })
        .collect();
    data.commands.insert(guild, stored.clone());
    Reply::json(200, Value::Array(stored))
}

fn upsert_command(data: &mut Data, guild: Option<u64>, body: &Value) -> Reply {
    let list = data.commands.entry(guild).or_default();
    if let Some(pos) = list.iter().position(|o| same_command(o, body)) {
        let id = id_of(list[pos].get("id")).unwrap_or_else(payloads::snowflake);
        list[pos] = stored_command(guild, body, id);
        return Reply::json(200, list[pos].clone());
    }
    let c = stored_command(guild, body, payloads::snowflake());
    list.push(c.clone());
    Reply::json(201, c)
}

fn find_command(data: &Data, guild: Option<u64>, id: u64) -> Option<Value> {
    data.commands.get(&guild)?.iter().find(|c| id_of(c.get("id")) == Some(id)).cloned()
}

fn edit_command(data: &mut Data, guild: Option<u64>, id: u64, body: &Value) -> Reply {
    let Some(list) = data.commands.get_mut(&guild) else {
        return unknown_command();
    };
    let Some(c) = list.iter_mut().find(|c| id_of(c.get("id")) == Some(id)) else {
        return unknown_command();
    };
    let mut merged = c.clone();
    payloads::merge(&mut merged, body.clone());
    *c = stored_command(guild, &merged, id);
    Reply::json(200, c.clone())
}

// ---- messages ----

fn attachments(shared: &Shared, body: &Value, files: &[Upload], existing: Option<&Value>) -> Vec<Value> {
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
fn apply_edit(shared: &Shared, msg: &mut Value, body: &Value, files: &[Upload]) {
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

fn store_message(data: &mut Data, msg: Value) -> u64 {
    let id = id_of(msg.get("id")).unwrap_or_else(payloads::snowflake);
    data.messages.insert(id, msg);
    data.message_order.push(id);
    id
}

/// Sends MESSAGE_CREATE for a bot message when the bot's intents would receive it.
fn announce(data: &mut Data, msg: &Value) {
    if is_ephemeral(msg) {
        return;
    }
    let intents = data.gateway.identifies.last().map_or(0, |i| i.intents);
    let needed = if msg.get("guild_id").is_some() { 1 << 9 } else { 1 << 12 };
    if intents & needed != 0 {
        dispatch_locked(data, "MESSAGE_CREATE", msg.clone());
    }
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

pub(crate) fn username(data: &Data, user: u64) -> String {
    data.usernames.get(&user).cloned().unwrap_or_else(|| format!("user{user}"))
}

fn dm_channel_json(data: &Data, channel: u64) -> Value {
    let user = data.dm_user_by_channel.get(&channel).copied().unwrap_or(0);
    payloads::dm_channel(channel, payloads::user(user, &username(data, user)))
}

pub(crate) fn channel_json(shared: &Shared, data: &Data, channel: u64) -> Option<Value> {
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

fn create_channel_message(
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

fn channel_message(
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

// ---- interactions ----

fn interaction_by_token<'d>(data: &'d mut Data, token: &str) -> Option<(u64, &'d mut InteractionRecord)> {
    data.interactions.iter_mut().find(|(_, r)| r.token == token).map(|(id, r)| (*id, r))
}

/// `interaction_metadata` of a message created in answer to an interaction.
fn metadata(data: &Data, id: u64, original: Option<u64>) -> Option<Value> {
    let rec = data.interactions.get(&id)?;
    let mut m = json!({
        "id": id.to_string(),
        "type": rec.kind,
        "user": rec.actor.user_json(),
        "authorizing_integration_owners": match rec.guild_id {
            Some(g) => json!({"0": g.to_string()}),
            None => json!({"0": "0"}),
        },
    });
    if let Some(o) = original {
        m["original_response_message_id"] = json!(o.to_string());
    }
    match rec.kind {
        3 => {
            m["interacted_message_id"] = json!(rec.source_message.unwrap_or(0).to_string());
        }
        5 => {
            // Discord names the interaction that opened the modal; a command stands in when the
            // modal's opener is unknown (a submit built from a bare custom_id).
            m["triggering_interaction_metadata"] = json!({
                "id": id.to_string(),
                "type": 2,
                "user": rec.actor.user_json(),
                "authorizing_integration_owners": m["authorizing_integration_owners"].clone(),
                "name": rec.command_name.clone().unwrap_or_default(),
            });
        }
        _ => {
            m["name"] = json!(rec.command_name.clone().unwrap_or_default());
        }
    }
    Some(m)
}

fn interaction_message(
    shared: &Shared,
    data: &mut Data,
    id: u64,
    body: &Value,
    files: &[Upload],
    original: Option<u64>,
) -> Option<Value> {
    let meta = metadata(data, id, original);
    let rec = data.interactions.get(&id)?;
    let kind = if rec.kind == 2 { 20 } else { 0 };
    let msg = payloads::message(MessageParts {
        id: payloads::snowflake(),
        channel_id: rec.channel_id,
        guild_id: rec.guild_id,
        author: payloads::bot_user(),
        kind,
        body,
        attachments: attachments(shared, body, files, None),
        webhook_id: Some(APPLICATION_ID),
        interaction_metadata: meta,
    });
    store_message(data, msg.clone());
    Some(msg)
}

fn callback(shared: &Shared, data: &mut Data, id: u64, token: &str, req: &Req<'_>, body: &Value) -> Reply {
    let Some(rec) = data.interactions.get(&id).filter(|r| r.token == token) else {
        return Reply::error(404, 10062, "Unknown interaction");
    };
    if rec.callback.is_some() {
        return Reply::error(400, 40060, "Interaction has already been acknowledged.");
    }
    let rec_kind = rec.kind;
    let source = rec.source_message;
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(0);
    let payload = body.get("data").cloned().unwrap_or_else(|| json!({}));
    let allowed = match rec_kind {
        2 => matches!(kind, 4 | 5 | 9),
        3 => matches!(kind, 4 | 5 | 6 | 7 | 9),
        4 => kind == 8,
        5 => (4..=7).contains(&kind),
        _ => false,
    } && !(matches!(kind, 6 | 7) && source.is_none());
    if !allowed {
        return Reply::error(
            400,
            50035,
            &format!(
                "Invalid Form Body: callback type {kind} is not valid for an interaction of type {rec_kind}"
            ),
        );
    }
    let mut message: Option<Value> = None;
    match kind {
        4 => {
            message = interaction_message(shared, data, id, &payload, &req.files, None);
            if let Some(m) = &message {
                if let Some(r) = data.interactions.get_mut(&id) {
                    r.original_message = id_of(m.get("id"));
                    r.original_edited = true;
                }
                let m = m.clone();
                announce(data, &m);
            }
        }
        5 => {
            let flags = payload.get("flags").and_then(Value::as_u64).unwrap_or(0) & (1 << 6);
            let loading = json!({"flags": flags | (1 << 7)});
            message = interaction_message(shared, data, id, &loading, &[], None);
            if let (Some(m), Some(r)) = (&message, data.interactions.get_mut(&id)) {
                r.original_message = id_of(m.get("id"));
            }
        }
        6 | 7 => {
            let Some(src) = source else {
                return unknown_message();
            };
            if let Some(r) = data.interactions.get_mut(&id) {
                r.original_message = Some(src);
                r.original_edited = kind == 7;
            }
            if kind == 7 {
                if let Some(m) = data.messages.get_mut(&src) {
                    apply_edit(shared, m, &payload, &req.files);
                    message = Some(m.clone());
                }
            } else {
                message = data.messages.get(&src).cloned();
            }
        }
        8 => {
            let choices = payload.get("choices").and_then(Value::as_array).cloned().unwrap_or_default();
            if let Some(r) = data.interactions.get_mut(&id) {
                r.choices = Some(choices);
            }
        }
        9 => {
            if let Some(r) = data.interactions.get_mut(&id) {
                r.modal = Some(payload.clone());
            }
        }
        _ => {}
    }
    if let Some(r) = data.interactions.get_mut(&id) {
        r.callback = Some(Callback { kind, at: Instant::now() });
    }
    if query_value(req.query, "with_response") != Some("true") {
        return Reply::empty();
    }
    let mut interaction = json!({
        "id": id.to_string(),
        "type": rec_kind,
    });
    let mut resource = json!({"type": kind});
    if let Some(m) = &message {
        interaction["response_message_id"] = m["id"].clone();
        interaction["response_message_loading"] = json!(kind == 5);
        interaction["response_message_ephemeral"] = json!(is_ephemeral(m));
        if matches!(kind, 4 | 7) {
            resource["message"] = m.clone();
        }
    }
    Reply::json(200, json!({"interaction": interaction, "resource": resource}))
}

fn followup(shared: &Shared, data: &mut Data, token: &str, req: &Req<'_>, body: &Value) -> Reply {
    let Some((id, rec)) = interaction_by_token(data, token) else {
        return unknown_webhook();
    };
    if rec.callback.is_none() {
        return Reply::error(404, 10015, "Unknown Webhook");
    }
    let original = rec.original_message;
    let Some(msg) = interaction_message(shared, data, id, body, &req.files, original) else {
        return unknown_webhook();
    };
    if let (Some(mid), Some(r)) = (id_of(msg.get("id")), data.interactions.get_mut(&id)) {
        r.followups.push(mid);
    }
    announce(data, &msg);
    Reply::json(200, msg)
}

fn webhook_message(
    shared: &Shared,
    data: &mut Data,
    method: &str,
    token: &str,
    message: Option<u64>,
    req: &Req<'_>,
    body: &Value,
) -> Reply {
    let Some((id, rec)) = interaction_by_token(data, token) else {
        return unknown_webhook();
    };
    let target = match message {
        None => rec.original_message,
        Some(m) if rec.followups.contains(&m) || rec.original_message == Some(m) => Some(m),
        Some(_) => None,
    };
    let Some(target) = target else {
        return unknown_message();
    };
    if message.is_none() && method == "PATCH" {
        rec.original_edited = true;
    }
    match method {
        "GET" => data.messages.get(&target).cloned().map_or_else(unknown_message, |m| Reply::json(200, m)),
        "PATCH" => {
            let Some(m) = data.messages.get_mut(&target) else {
                return unknown_message();
            };
            apply_edit(shared, m, body, &req.files);
            Reply::json(200, m.clone())
        }
        "DELETE" => {
            data.messages.remove(&target);
            data.message_order.retain(|m| *m != target);
            if let Some(r) = data.interactions.get_mut(&id) {
                r.followups.retain(|m| *m != target);
            }
            Reply::empty()
        }
        _ => Reply::error(405, 0, "405: Method Not Allowed"),
    }
}
