//! Sending to connected clients: op-0 dispatches routed to the sessions whose shard receives
//! them, other opcodes, and ending connections.

use serde_json::{json, Value};

use crate::payloads::gateway_frame;
use crate::shards;
use crate::state::{ConnCmd, Data, GatewayData};

pub(super) fn send_to_conn(data: &Data, conn_id: u64, frame: String) {
    if let Some(conn) = data.gateway.conns.get(&conn_id) {
        let _ = conn.tx.send(ConnCmd::Text(frame));
    }
}

/// Sends an op-0 dispatch to every session whose shard receives it: the sessions of ready
/// sockets, and each shard's latest session while its client reconnects (the event waits in
/// its log for the RESUME). A guild's events go to shard `(guild_id >> 22) % count`, others
/// to shard 0. While the bot holds no session at all, the event waits for the next READY of
/// a shard that receives it; when the bot holds sessions but none for that shard, nobody gets
/// it, as on Discord. Returns the event's sequence number in the session of the newest socket
/// that got it (the only session, unless two hold the same shard).
pub(crate) fn dispatch_locked(data: &mut Data, t: &str, d: Value) -> Option<u64> {
    let gw = &mut data.gateway;
    let guild = shards::event_guild(t, &d);
    let targets = receiving_sessions(gw, guild);
    if targets.is_empty() {
        let holds_a_session = gw.latest.values().any(|id| gw.sessions.get(id).is_some_and(|s| s.valid));
        if !holds_a_session {
            gw.before_session.push((t.to_string(), d));
        }
        return None;
    }
    let mut first = None;
    for session_id in &targets {
        let seq = dispatch_to_session(gw, session_id, t, d.clone());
        first = first.or(seq);
    }
    first
}

/// Valid sessions that receive an event of `guild`: those of ready sockets, newest first, then
/// each shard's latest session.
fn receiving_sessions(gw: &GatewayData, guild: Option<u64>) -> Vec<String> {
    let live = gw.conns.values().rev().filter(|c| c.ready).filter_map(|c| c.session.as_ref());
    let mut out: Vec<String> = Vec::new();
    for id in live.chain(gw.latest.values()) {
        let receives = gw.sessions.get(id).is_some_and(|s| s.valid && s.shard.wants(guild));
        if receives && !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// Sends an op-0 dispatch in one session, logging it for replay on resume, and returns its
/// sequence number; `None` if the session is gone or invalid.
pub(super) fn dispatch_to_session(gw: &mut GatewayData, session_id: &str, t: &str, d: Value) -> Option<u64> {
    let session = gw.sessions.get_mut(session_id).filter(|s| s.valid)?;
    session.seq += 1;
    let seq = session.seq;
    let frame = gateway_frame(0, d, Some(seq), Some(t));
    session.log.push((seq, frame.clone()));
    for conn in gw.conns.values().filter(|c| c.ready && c.session.as_deref() == Some(session_id)) {
        let _ = conn.tx.send(ConnCmd::Text(frame.clone()));
    }
    Some(seq)
}

/// Sends a non-dispatch opcode (7 reconnect, 9 invalid session) to every open connection.
/// Returns whether any connection was open to receive it.
pub(crate) fn send_op(data: &mut Data, op: u8, d: Value) -> bool {
    let gw = &mut data.gateway;
    let forget = op == 9 && d == json!(false);
    let mut sent = false;
    for conn in gw.conns.values_mut() {
        if forget {
            if let Some(s) = conn.session.as_ref().and_then(|id| gw.sessions.get_mut(id)) {
                s.valid = false;
            }
        }
        // The client is about to reconnect: later events wait in the log for its RESUME.
        conn.ready = false;
        sent |= conn.tx.send(ConnCmd::Text(gateway_frame(op, d.clone(), None, None))).is_ok();
    }
    sent
}

/// Ends every open connection (with or without a close frame); they stop being open at once
/// so that a wait for READY does not see an old connection. Returns whether any was open.
pub(crate) fn end_connection(data: &mut Data, cmd: ConnCmd) -> bool {
    let mut ended = false;
    for conn in std::mem::take(&mut data.gateway.conns).into_values() {
        ended |= conn.tx.send(cmd.clone()).is_ok();
    }
    ended
}
