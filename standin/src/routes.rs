//! The REST routes a bot uses, answered the way Discord answers them: the request and reply
//! types, the table that sends each route to its handler, and the error answers they share.

mod application;
mod channels;
mod commands;
mod guilds;
mod interactions;
mod messages;
mod paths;

use serde_json::{json, Value};

use crate::state::Shared;

pub(crate) use channels::dm_channel_for;
pub(crate) use paths::{body_kind, parse, Route};

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

pub(crate) fn handle(shared: &Shared, route: &Route, req: &Req<'_>) -> Reply {
    let body = req.body.clone().unwrap_or(Value::Null);
    let mut data = shared.lock();
    let data = &mut *data;
    match (req.method, route) {
        ("GET", Route::Gateway) => application::gateway(shared),
        ("GET", Route::GatewayBot) => application::gateway_bot(shared),
        ("GET", Route::Me) => application::me(),
        ("GET", Route::MyApplication) => application::my_application(),
        ("GET", Route::Commands { guild }) => commands::list_commands(data, *guild),
        ("PUT", Route::Commands { guild }) => commands::bulk_overwrite(data, *guild, &body),
        ("POST", Route::Commands { guild }) => commands::upsert_command(data, *guild, &body),
        ("GET", Route::Command { guild, id }) => commands::get_command(data, *guild, *id),
        ("PATCH", Route::Command { guild, id }) => commands::edit_command(data, *guild, *id, &body),
        ("DELETE", Route::Command { guild, id }) => commands::delete_command(data, *guild, *id),
        ("POST", Route::Callback { id, token }) => {
            interactions::callback(shared, data, *id, token, req, &body)
        }
        ("POST", Route::Webhook { token }) => interactions::followup(shared, data, token, req, &body),
        (m, Route::WebhookMessage { token, message }) => {
            interactions::webhook_message(shared, data, m, token, *message, req, &body)
        }
        ("POST", Route::CreateDm) => channels::create_dm(data, &body),
        ("GET", Route::Channel(c)) => channels::get_channel(shared, data, *c),
        ("POST", Route::ChannelMessages(c)) => messages::create_channel_message(shared, data, *c, req, &body),
        ("GET", Route::ChannelMessages(c)) => messages::list_channel_messages(shared, data, *c, req),
        (m, Route::ChannelMessage(c, mid)) => {
            messages::channel_message(shared, data, m, *c, *mid, req, &body)
        }
        ("POST", Route::Threads(c)) => channels::create_thread(shared, data, *c, &body),
        ("POST", Route::MessageThreads(c, mid)) => {
            channels::create_message_thread(shared, data, *c, *mid, &body)
        }
        ("GET", Route::Guild(g)) => guilds::get_guild(shared, *g),
        ("GET", Route::GuildChannels(g)) => guilds::guild_channels(shared, *g),
        ("GET", Route::GuildMember(g, u)) => guilds::guild_member(shared, data, *g, *u),
        (_, Route::Unknown) => Reply::not_found(),
        _ => Reply::error(405, 0, "405: Method Not Allowed"),
    }
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
