//! Application commands: the lists a bot registers globally and per guild, and edits to them.

use serde_json::{json, Value};

use super::{unknown_command, Reply};
use crate::config::APPLICATION_ID;
use crate::payloads::{self, id_of};
use crate::state::Data;

pub(super) fn list_commands(data: &Data, guild: Option<u64>) -> Reply {
    Reply::json(200, Value::Array(data.commands.get(&guild).cloned().unwrap_or_default()))
}

pub(super) fn get_command(data: &Data, guild: Option<u64>, id: u64) -> Reply {
    find_command(data, guild, id).map_or_else(unknown_command, |c| Reply::json(200, c))
}

pub(super) fn delete_command(data: &mut Data, guild: Option<u64>, id: u64) -> Reply {
    let list = data.commands.entry(guild).or_default();
    let before = list.len();
    list.retain(|c| id_of(c.get("id")) != Some(id));
    if list.len() == before {
        unknown_command()
    } else {
        Reply::empty()
    }
}

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

pub(super) fn bulk_overwrite(data: &mut Data, guild: Option<u64>, body: &Value) -> Reply {
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

pub(super) fn upsert_command(data: &mut Data, guild: Option<u64>, body: &Value) -> Reply {
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

pub(super) fn edit_command(data: &mut Data, guild: Option<u64>, id: u64, body: &Value) -> Reply {
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
