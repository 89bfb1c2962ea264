//! The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME and dispatches. Each socket
//! is one connection; a sharded bot opens one per shard, so several may be open at once.

mod dispatch;
mod sessions;

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

use crate::payloads::gateway_frame;
use crate::state::{Conn, ConnCmd, Shared};

pub(crate) use dispatch::{dispatch_locked, end_connection, send_op};

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

/// A close the stand-in sends in answer to what the client sent.
pub(crate) struct Refusal {
    pub code: u16,
    pub reason: &'static str,
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
        // An older socket stays open: on Discord it lives until it closes or its session is
        // resumed elsewhere, so two processes can hold the same shard at once.
        gw.conns.insert(id, Conn { tx, session: None, ready: false });
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
                if let Some(refusal) = handle_client_payload(&shared, conn_id, &payload) {
                    let _ = ws.send(close_frame(refusal.code, refusal.reason)).await;
                    break Ok(());
                }
            }
            cmd = rx.recv() => {
                match cmd {
                    Some(ConnCmd::Text(t)) => {
                        if let Err(e) = ws.send(Message::Text(t)).await {
                            break Err(e);
                        }
                    }
                    Some(ConnCmd::Close(code, reason)) => {
                        let _ = ws.send(close_frame(code, reason)).await;
                        break Ok(());
                    }
                    Some(ConnCmd::Drop) | None => break Ok(()),
                }
            }
        }
    };

    // Its session is no longer live; it stays resumable.
    shared.lock().gateway.conns.remove(&conn_id);
    // Dropping `ws` here closes the TCP stream; for ConnCmd::Drop no close frame was sent.
    result
}

fn close_frame(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame { code: CloseCode::from(code), reason: reason.to_string().into() }))
}

fn handle_client_payload(shared: &Shared, conn_id: u64, payload: &Value) -> Option<Refusal> {
    let op = payload.get("op").and_then(Value::as_u64);
    let d = payload.get("d").cloned().unwrap_or(Value::Null);
    let mut data = shared.lock();
    match op {
        Some(1) => dispatch::send_to_conn(&data, conn_id, gateway_frame(11, Value::Null, None, None)),
        Some(2) => return sessions::identify(shared, &mut data, conn_id, &d).err(),
        Some(6) => sessions::resume(&mut data, conn_id, &d),
        // Presence updates, member requests and the like need no answer here.
        _ => {}
    }
    None
}
