//! The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME and dispatches.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

use crate::payloads::{self, gateway_frame};
use crate::state::{Conn, ConnCmd, Data, IdentifyInfo, Session, Shared};

pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let stream = crate::net::accept(&listener).await;
        let shared = shared.clone();
        tokio::spawn(async move {
            if let Err(e) = connection(stream, shared).await {
                tracing::debug!("gateway connection ended: {e}");
            }
        });
    }
}

async fn connection(
    stream: TcpStream,
    shared: Arc<Shared>,
) -> Result<(), tokio_tungstenite::tungstenite::Error> {
    let mut ws = tokio_tungstenite::accept_async(stream).await?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let conn_id = {
        let mut data = shared.lock();
        let gw = &mut data.gateway;
        gw.connection_count += 1;
        gw.next_conn_id += 1;
        let id = gw.next_conn_id;
        // Discord keeps one live connection per session; a newer one replaces the older.
        if let Some(old) = gw.conn.replace(Conn { id, tx, session: None, ready: false }) {
            let _ = old.tx.send(ConnCmd::Drop);
        }
        id
    };
    let hello =
        gateway_frame(10, json!({"heartbeat_interval": shared.config.heartbeat_interval_ms}), None, None);
    ws.send(Message::Text(hello)).await?;

    let result = loop {
        tokio::select! {
            incoming = ws.next() => {
                let msg = match incoming {
                    Some(Ok(m)) => m,
                    Some(Err(e)) => break Err(e),
                    None => break Ok(()),
                };
                let text = match msg {
                    Message::Text(t) => t,
                    Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
                    Message::Close(_) => break Ok(()),
                    _ => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else {
                    let _ = ws.send(close_frame(4002, "Error while decoding payload.")).await;
                    break Ok(());
                };
                handle_client_payload(&shared, conn_id, &payload);
            }
            cmd = rx.recv() => {
                match cmd {
                    Some(ConnCmd::Text(t)) => {
                        if let Err(e) = ws.send(Message::Text(t)).await {
                            break Err(e);
                        }
                    }
                    Some(ConnCmd::Close(code)) => {
                        let _ = ws.send(close_frame(code, "closed by the stand-in")).await;
                        break Ok(());
                    }
                    Some(ConnCmd::Drop) | None => break Ok(()),
                }
            }
        }
    };

    let mut data = shared.lock();
    if data.gateway.conn.as_ref().is_some_and(|c| c.id == conn_id) {
        data.gateway.conn = None;
    }
    // Dropping `ws` here closes the TCP stream; for ConnCmd::Drop no close frame was sent.
    result
}

fn close_frame(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame { code: CloseCode::from(code), reason: reason.to_string().into() }))
}

fn send_to_conn(data: &Data, conn_id: u64, frame: String) {
    if let Some(conn) = data.gateway.conn.as_ref().filter(|c| c.id == conn_id) {
        let _ = conn.tx.send(ConnCmd::Text(frame));
    }
}

fn handle_client_payload(shared: &Shared, conn_id: u64, payload: &Value) {
    let op = payload.get("op").and_then(Value::as_u64);
    let d = payload.get("d").cloned().unwrap_or(Value::Null);
    let mut data = shared.lock();
    match op {
        Some(1) => send_to_conn(&data, conn_id, gateway_frame(11, Value::Null, None, None)),
        Some(2) => identify(shared, &mut data, conn_id, &d),
        Some(6) => resume(&mut data, conn_id, &d),
        // Presence updates, member requests and the like need no answer here.
        _ => {}
    }
}

fn identify(shared: &Shared, data: &mut Data, conn_id: u64, d: &Value) {
    let token = d.get("token").and_then(Value::as_str).unwrap_or("").to_string();
    let intents = d.get("intents").and_then(Value::as_u64).unwrap_or(0);
    data.gateway.identifies.push(IdentifyInfo { token, intents });
    let session_id = format!("standin-session-{}", payloads::snowflake());
    data.gateway.sessions.insert(session_id.clone(), Session { valid: true, ..Session::default() });
    data.gateway.last_session = Some(session_id.clone());
    if let Some(conn) = data.gateway.conn.as_mut().filter(|c| c.id == conn_id) {
        conn.session = Some(session_id.clone());
        conn.ready = true;
    } else {
        return;
    }
    data.gateway.ready_count += 1;
    let ready = payloads::ready(&session_id, &shared.gateway_url, &shared.config.guilds);
    dispatch_locked(data, "READY", ready);
    for g in &shared.config.guilds {
        dispatch_locked(data, "GUILD_CREATE", payloads::guild(g, true));
    }
    for (t, d) in std::mem::take(&mut data.gateway.before_session) {
        dispatch_locked(data, &t, d);
    }
}

fn resume(data: &mut Data, conn_id: u64, d: &Value) {
    data.gateway.resume_count += 1;
    let session_id = d.get("session_id").and_then(Value::as_str).unwrap_or("");
    let client_seq = d.get("seq").and_then(Value::as_u64).unwrap_or(0);
    let replay: Option<Vec<String>> = data
        .gateway
        .sessions
        .get(session_id)
        .filter(|s| s.valid)
        .map(|s| s.log.iter().filter(|(seq, _)| *seq > client_seq).map(|(_, f)| f.clone()).collect());
    let Some(replay) = replay else {
        send_to_conn(data, conn_id, gateway_frame(9, json!(false), None, None));
        return;
    };
    for frame in replay {
        send_to_conn(data, conn_id, frame);
    }
    if let Some(conn) = data.gateway.conn.as_mut().filter(|c| c.id == conn_id) {
        conn.session = Some(session_id.to_string());
        conn.ready = true;
    }
    data.gateway.last_session = Some(session_id.to_string());
    dispatch_locked(data, "RESUMED", json!({"_trace": ["[\"discord-standin\"]"]}));
}

/// Sends an op-0 dispatch in the current session, logging it for replay on resume. With no
/// session yet, the event waits for the next READY. Returns the sequence number, if any.
pub(crate) fn dispatch_locked(data: &mut Data, t: &str, d: Value) -> Option<u64> {
    let gw = &mut data.gateway;
    let session_id = gw
        .conn
        .as_ref()
        .filter(|c| c.ready)
        .and_then(|c| c.session.clone())
        .or_else(|| gw.last_session.clone());
    let Some(session) = session_id.as_ref().and_then(|id| gw.sessions.get_mut(id)).filter(|s| s.valid) else {
        gw.before_session.push((t.to_string(), d));
        return None;
    };
    session.seq += 1;
    let seq = session.seq;
    let frame = gateway_frame(0, d, Some(seq), Some(t));
    session.log.push((seq, frame.clone()));
    if let Some(conn) = gw.conn.as_ref().filter(|c| c.ready && c.session == session_id) {
        let _ = conn.tx.send(ConnCmd::Text(frame));
    }
    Some(seq)
}

/// Sends a non-dispatch opcode (7 reconnect, 9 invalid session) to the current connection.
pub(crate) fn send_op(data: &mut Data, op: u8, d: Value) -> bool {
    if op == 9 && d == json!(false) {
        if let Some(id) = data.gateway.conn.as_ref().and_then(|c| c.session.clone()) {
            if let Some(s) = data.gateway.sessions.get_mut(&id) {
                s.valid = false;
            }
        }
    }
    match data.gateway.conn.as_mut() {
        Some(conn) => {
            // The client is about to reconnect: later events wait in the log for its RESUME.
            conn.ready = false;
            conn.tx.send(ConnCmd::Text(gateway_frame(op, d, None, None))).is_ok()
        }
        None => false,
    }
}

/// Ends the current connection (with or without a close frame); it stops being current at once
/// so that a wait for READY does not see the old connection.
pub(crate) fn end_connection(data: &mut Data, cmd: ConnCmd) -> bool {
    match data.gateway.conn.take() {
        Some(conn) => conn.tx.send(cmd).is_ok(),
        None => false,
    }
}
