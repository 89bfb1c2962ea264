//! Starting a session with IDENTIFY (READY and the shard's guilds) and taking one up again with
//! RESUME (the missed events, then RESUMED).

use serde_json::{json, Value};

use super::dispatch::{dispatch_to_session, send_to_conn};
use super::Refusal;
use crate::payloads::{self, gateway_frame};
use crate::shards::{self, Shard};
use crate::state::{ConnCmd, Data, IdentifyInfo, Session, Shared};

pub(super) fn identify(shared: &Shared, data: &mut Data, conn_id: u64, d: &Value) -> Result<(), Refusal> {
    let token = d.get("token").and_then(Value::as_str).unwrap_or("").to_string();
    let intents = d.get("intents").and_then(Value::as_u64).unwrap_or(0);
    data.gateway.identifies.push(IdentifyInfo { token, intents });
    let Ok(shard) = Shard::from_identify(d) else {
        return Err(Refusal { code: 4010, reason: "Invalid shard" });
    };
    let session_id = format!("standin-session-{}", payloads::snowflake());
    let gw = &mut data.gateway;
    gw.sessions.insert(session_id.clone(), Session { valid: true, shard, ..Session::default() });
    gw.latest.insert(shard, session_id.clone());
    let Some(conn) = gw.conns.get_mut(&conn_id) else {
        return Ok(());
    };
    conn.session = Some(session_id.clone());
    conn.ready = true;
    gw.ready_count += 1;

    let guilds: Vec<_> = shared.config.guilds.iter().filter(|g| shard.wants(Some(g.id))).cloned().collect();
    let ready = payloads::ready_for_shard(&session_id, &shared.gateway_url, &guilds, [shard.id, shard.count]);
    dispatch_to_session(gw, &session_id, "READY", ready);
    for g in &guilds {
        dispatch_to_session(gw, &session_id, "GUILD_CREATE", payloads::guild(g, true));
    }
    let (mine, others): (Vec<_>, Vec<_>) = std::mem::take(&mut gw.before_session)
        .into_iter()
        .partition(|(t, d)| shard.wants(shards::event_guild(t, d)));
    gw.before_session = others;
    for (t, d) in mine {
        dispatch_to_session(gw, &session_id, &t, d);
    }
    Ok(())
}

pub(super) fn resume(data: &mut Data, conn_id: u64, d: &Value) {
    let gw = &mut data.gateway;
    gw.resume_count += 1;
    let session_id = d.get("session_id").and_then(Value::as_str).unwrap_or("").to_string();
    let client_seq = d.get("seq").and_then(Value::as_u64).unwrap_or(0);
    let found = gw.sessions.get(&session_id).filter(|s| s.valid).map(|s| {
        let replay: Vec<String> =
            s.log.iter().filter(|(seq, _)| *seq > client_seq).map(|(_, f)| f.clone()).collect();
        (s.shard, replay)
    });
    let Some((shard, replay)) = found else {
        send_to_conn(data, conn_id, gateway_frame(9, json!(false), None, None));
        return;
    };
    gw.latest.insert(shard, session_id.clone());
    // Discord keeps one socket per session: the one resuming it replaces any other.
    let replaced: Vec<u64> = gw
        .conns
        .iter()
        .filter(|(id, c)| **id != conn_id && c.session.as_deref() == Some(session_id.as_str()))
        .map(|(id, _)| *id)
        .collect();
    for id in replaced {
        if let Some(old) = gw.conns.remove(&id) {
            let _ = old.tx.send(ConnCmd::Drop);
        }
    }
    let Some(conn) = gw.conns.get_mut(&conn_id) else {
        return;
    };
    for frame in replay {
        let _ = conn.tx.send(ConnCmd::Text(frame));
    }
    conn.session = Some(session_id.clone());
    conn.ready = true;
    dispatch_to_session(gw, &session_id, "RESUMED", json!({"_trace": ["[\"discord-standin\"]"]}));
}
