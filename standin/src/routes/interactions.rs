//! Interactions: the bot's callback to each one, its followup messages, and edits and deletes of
//! the messages it answered with through the interaction's webhook.

use std::time::Instant;

use serde_json::{json, Value};

use super::messages::{announce, apply_edit, attachments, store_message};
use super::{is_ephemeral, query_value, unknown_message, unknown_webhook, Reply, Req, Upload};
use crate::config::APPLICATION_ID;
use crate::payloads::{self, id_of, MessageParts};
use crate::state::{Callback, Data, InteractionRecord, Shared};

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

pub(super) fn callback(
    shared: &Shared,
    data: &mut Data,
    id: u64,
    token: &str,
    req: &Req<'_>,
    body: &Value,
) -> Reply {
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

pub(super) fn followup(shared: &Shared, data: &mut Data, token: &str, req: &Req<'_>, body: &Value) -> Reply {
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

pub(super) fn webhook_message(
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
