//! Guilds: the configured guilds, their channel lists and their members.

use serde_json::Value;

use super::channels::username;
use super::Reply;
use crate::config::BOT_USER_ID;
use crate::payloads;
use crate::state::{Data, Shared};

pub(super) fn get_guild(shared: &Shared, guild: u64) -> Reply {
    match shared.config.guilds.iter().find(|s| s.id == guild) {
        Some(spec) => Reply::json(200, payloads::guild(spec, false)),
        None => Reply::error(404, 10004, "Unknown Guild"),
    }
}

pub(super) fn guild_channels(shared: &Shared, guild: u64) -> Reply {
    match shared.config.guilds.iter().find(|s| s.id == guild) {
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
    }
}

pub(super) fn guild_member(shared: &Shared, data: &Data, guild: u64, user_id: u64) -> Reply {
    if !shared.config.guilds.iter().any(|s| s.id == guild) {
        return Reply::error(404, 10004, "Unknown Guild");
    }
    let name = username(data, user_id);
    let user = if user_id == BOT_USER_ID { payloads::bot_user() } else { payloads::user(user_id, &name) };
    Reply::json(200, payloads::member(user, 0, "2024-01-01T00:00:00.000000+00:00"))
}
