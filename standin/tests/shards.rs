//! Sharding, checked with a raw websocket client: IDENTIFY with `shard`, routing of guild events
//! and DMs, `GET /gateway/bot`, the record of shards held twice and 4010 Invalid shard.

use std::time::Duration;

use discord_standin::{Actor, GuildSpec, StandIn, StandInConfig};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

const WAIT: Duration = Duration::from_secs(5);

/// A guild on shard 0 of 2 and one on shard 1 of 2: shard = `(guild_id >> 22) % count`.
const EVEN_GUILD: u64 = (1_000 << 22) | 7;
const EVEN_CHANNEL: u64 = (1_000 << 22) | 8;
const ODD_GUILD: u64 = (1_001 << 22) | 7;
const ODD_CHANNEL: u64 = (1_001 << 22) | 8;

fn two_guilds() -> StandInConfig {
    StandInConfig { dispatch_wait_ms: 0, ..StandInConfig::default() }
        .no_guilds()
        .guild(GuildSpec::new(EVEN_GUILD, "Even").channel(EVEN_CHANNEL, "even-general"))
        .guild(GuildSpec::new(ODD_GUILD, "Odd").channel(ODD_CHANNEL, "odd-general"))
}

/// One raw gateway connection, as a bot's shard would hold it.
struct Socket {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    session_id: String,
    seq: u64,
}

impl Socket {
    async fn open(s: &StandIn) -> Socket {
        let (ws, _) = tokio_tungstenite::connect_async(format!("{}/?v=10&encoding=json", s.gateway_url()))
            .await
            .unwrap();
        let mut socket = Socket { ws, session_id: String::new(), seq: 0 };
        let hello = socket.next_payload().await;
        assert_eq!(hello["op"], json!(10), "{hello}");
        socket
    }

    async fn send(&mut self, payload: Value) {
        self.ws.send(Message::Text(payload.to_string())).await.unwrap();
    }

    /// The next text payload; panics on a close frame or a silent socket.
    async fn next_payload(&mut self) -> Value {
        loop {
            let msg = tokio::time::timeout(WAIT, self.ws.next()).await.unwrap().unwrap().unwrap();
            match msg {
                Message::Text(t) => {
                    let v: Value = serde_json::from_str(&t).unwrap();
                    if let Some(seq) = v["s"].as_u64() {
                        self.seq = seq;
                    }
                    return v;
                }
                Message::Close(frame) => panic!("the stand-in closed the socket: {frame:?}"),
                _ => continue,
            }
        }
    }

    /// The next dispatch, skipping heartbeat ACKs.
    async fn next_dispatch(&mut self) -> (String, Value) {
        loop {
            let v = self.next_payload().await;
            if v["op"] == json!(0) {
                return (v["t"].as_str().unwrap().to_string(), v["d"].clone());
            }
        }
    }

    /// Identifies (with `shard` unless it is null) and returns READY's `d` and the guild ids of
    /// the GUILD_CREATEs that follow it.
    async fn identify(&mut self, shard: Value) -> (Value, Vec<u64>) {
        let mut d = json!({"token": "t", "intents": (1 << 0) | (1 << 9) | (1 << 12), "properties": {}});
        if !shard.is_null() {
            d["shard"] = shard;
        }
        self.send(json!({"op": 2, "d": d})).await;
        let (t, ready) = self.next_dispatch().await;
        assert_eq!(t, "READY");
        self.session_id = ready["session_id"].as_str().unwrap().to_string();
        let mut created = Vec::new();
        for _ in 0..ready["guilds"].as_array().unwrap().len() {
            let (t, g) = self.next_dispatch().await;
            assert_eq!(t, "GUILD_CREATE");
            created.push(g["id"].as_str().unwrap().parse().unwrap());
        }
        (ready, created)
    }

    /// Every dispatch the stand-in sent before it answers a heartbeat: a heartbeat's ACK goes
    /// out on the same socket after whatever was sent before it.
    async fn dispatches_before_ack(&mut self) -> Vec<(String, Value)> {
        self.send(json!({"op": 1, "d": null})).await;
        let mut seen = Vec::new();
        loop {
            let v = self.next_payload().await;
            match v["op"].as_u64() {
                Some(11) => return seen,
                Some(0) => seen.push((v["t"].as_str().unwrap().to_string(), v["d"].clone())),
                _ => {}
            }
        }
    }

    /// Waits for the stand-in to close the socket and returns the close code and reason.
    async fn close_frame(&mut self) -> (u16, String) {
        loop {
            match tokio::time::timeout(WAIT, self.ws.next()).await.unwrap() {
                Some(Ok(Message::Close(Some(frame)))) => {
                    return (frame.code.into(), frame.reason.to_string())
                }
                Some(Ok(Message::Close(None))) | None => panic!("closed without a close code"),
                Some(Ok(_)) => continue,
                Some(Err(e)) => panic!("socket failed before a close frame: {e}"),
            }
        }
    }
}

fn guild_ids(ready: &Value) -> Vec<u64> {
    ready["guilds"].as_array().unwrap().iter().map(|g| g["id"].as_str().unwrap().parse().unwrap()).collect()
}

/// Polls `check` until it holds: the stand-in sees a socket close just after the client closes it.
async fn wait_until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..500 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting until {what}");
}

async fn http_get(s: &StandIn, path: &str) -> Value {
    let addr = s.api_base().trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&addr).await.unwrap();
    let req = format!(
        "GET /api/v10{path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bot t\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    serde_json::from_str(body).unwrap()
}

#[tokio::test]
async fn each_shard_gets_only_its_guilds_at_ready() {
    let s = StandIn::start_with(two_guilds()).await.unwrap();
    let mut zero = Socket::open(&s).await;
    let mut one = Socket::open(&s).await;
    let (ready0, created0) = zero.identify(json!([0, 2])).await;
    let (ready1, created1) = one.identify(json!([1, 2])).await;

    assert_eq!(ready0["shard"], json!([0, 2]));
    assert_eq!(guild_ids(&ready0), vec![EVEN_GUILD]);
    assert_eq!(created0, vec![EVEN_GUILD]);
    assert_eq!(ready1["shard"], json!([1, 2]));
    assert_eq!(guild_ids(&ready1), vec![ODD_GUILD]);
    assert_eq!(created1, vec![ODD_GUILD]);

    assert_eq!(s.shard_sessions(), vec![(0, 2, zero.session_id.clone()), (1, 2, one.session_id.clone())]);
    assert!(s.shards_held_twice().is_empty());
    s.wait_for_shards(2, WAIT).await.unwrap();
}

#[tokio::test]
async fn an_identify_without_shard_is_shard_zero_of_one_and_gets_everything() {
    let s = StandIn::start_with(two_guilds()).await.unwrap();
    let mut socket = Socket::open(&s).await;
    let (ready, created) = socket.identify(Value::Null).await;
    assert_eq!(ready["shard"], json!([0, 1]));
    assert_eq!(guild_ids(&ready), vec![EVEN_GUILD, ODD_GUILD]);
    assert_eq!(created, vec![EVEN_GUILD, ODD_GUILD]);
    assert_eq!(s.shard_sessions(), vec![(0, 1, socket.session_id.clone())]);

    let odd = s.run_command(&Actor::in_guild(7, "alice", ODD_GUILD, ODD_CHANNEL), "ping", json!([])).await;
    s.send_dm(&Actor::in_dm(8, "bob"), "hi").await;
    let got = socket.dispatches_before_ack().await;
    let names: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, vec!["INTERACTION_CREATE", "MESSAGE_CREATE"]);
    assert_eq!(got[0].1["id"], json!(odd.id.to_string()));
}

#[tokio::test]
async fn guild_events_go_to_their_shard_and_dms_to_shard_zero() {
    let s = StandIn::start_with(two_guilds()).await.unwrap();
    let mut zero = Socket::open(&s).await;
    let mut one = Socket::open(&s).await;
    zero.identify(json!([0, 2])).await;
    one.identify(json!([1, 2])).await;

    let odd = s.run_command(&Actor::in_guild(7, "alice", ODD_GUILD, ODD_CHANNEL), "ping", json!([])).await;
    let on_one = one.dispatches_before_ack().await;
    assert_eq!(on_one.len(), 1, "{on_one:?}");
    assert_eq!(on_one[0].0, "INTERACTION_CREATE");
    assert_eq!(on_one[0].1["id"], json!(odd.id.to_string()));
    assert_eq!(on_one[0].1["guild_id"], json!(ODD_GUILD.to_string()));
    assert!(zero.dispatches_before_ack().await.is_empty(), "shard 0 got shard 1's interaction");

    let even = s.run_command(&Actor::in_guild(9, "carol", EVEN_GUILD, EVEN_CHANNEL), "ping", json!([])).await;
    let on_zero = zero.dispatches_before_ack().await;
    assert_eq!(on_zero.len(), 1, "{on_zero:?}");
    assert_eq!(on_zero[0].1["id"], json!(even.id.to_string()));
    assert!(one.dispatches_before_ack().await.is_empty(), "shard 1 got shard 0's interaction");

    let dm = s.run_command(&Actor::in_dm(8, "bob"), "ping", json!([])).await;
    s.send_dm(&Actor::in_dm(8, "bob"), "hello").await;
    let on_zero = zero.dispatches_before_ack().await;
    let names: Vec<&str> = on_zero.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, vec!["INTERACTION_CREATE", "MESSAGE_CREATE"]);
    assert_eq!(on_zero[0].1["id"], json!(dm.id.to_string()));
    assert_eq!(on_zero[1].1["content"], json!("hello"));
    assert!(one.dispatches_before_ack().await.is_empty(), "DMs go to shard 0 only");

    // A test's own dispatch of a guild event is routed by the guild's id.
    s.dispatch("GUILD_DELETE", json!({"id": ODD_GUILD.to_string(), "unavailable": false})).await;
    assert_eq!(one.dispatches_before_ack().await.len(), 1);
    assert!(zero.dispatches_before_ack().await.is_empty());
}

#[tokio::test]
async fn an_interaction_for_a_shard_nobody_holds_goes_unanswered() {
    let s = StandIn::start_with(two_guilds()).await.unwrap();
    let mut zero = Socket::open(&s).await;
    zero.identify(json!([0, 2])).await;

    let odd = s.run_command(&Actor::in_guild(7, "alice", ODD_GUILD, ODD_CHANNEL), "ping", json!([])).await;
    assert!(zero.dispatches_before_ack().await.is_empty());
    let err = s.wait_response(&odd, Duration::from_millis(50)).await.unwrap_err();
    assert!(err.to_string().contains("the application did not respond"), "{err}");
    assert!(s.wait_for_shards(2, Duration::from_millis(20)).await.is_err());

    // Shard 1 coming up later does not get the old interaction: Discord did not keep it.
    let mut one = Socket::open(&s).await;
    one.identify(json!([1, 2])).await;
    assert!(one.dispatches_before_ack().await.is_empty());
}

#[tokio::test]
async fn gateway_bot_recommends_the_configured_shards() {
    let s = StandIn::start().await.unwrap();
    let answer = http_get(&s, "/gateway/bot").await;
    assert_eq!(answer["shards"], json!(1));
    assert_eq!(answer["session_start_limit"]["max_concurrency"], json!(1));
    assert_eq!(answer["url"], json!(s.gateway_url()));

    let s =
        StandIn::start_with(StandInConfig::default().recommended_shards(4).max_concurrency(2)).await.unwrap();
    let answer = http_get(&s, "/gateway/bot").await;
    assert_eq!(answer["shards"], json!(4));
    assert_eq!(answer["session_start_limit"]["max_concurrency"], json!(2));
    assert_eq!(answer["session_start_limit"]["total"], json!(1000));
    assert_eq!((s.recommended_shards(), s.max_concurrency()), (4, 2));
}

#[tokio::test]
async fn a_shard_held_by_two_live_sessions_is_recorded_until_one_closes() {
    let s = StandIn::start_with(two_guilds()).await.unwrap();
    let mut first = Socket::open(&s).await;
    first.identify(json!([1, 2])).await;
    let mut second = Socket::open(&s).await;
    second.identify(json!([1, 2])).await;
    assert_eq!(s.shards_held_twice(), vec![(1, 2)]);
    assert_eq!(s.shard_sessions().len(), 2);

    // Both live sessions get the shard's events, as on Discord.
    s.run_command(&Actor::in_guild(7, "alice", ODD_GUILD, ODD_CHANNEL), "ping", json!([])).await;
    assert_eq!(first.dispatches_before_ack().await.len(), 1);
    assert_eq!(second.dispatches_before_ack().await.len(), 1);

    first.ws.close(None).await.unwrap();
    wait_until("the first session is no longer live", || s.shard_sessions().len() == 1).await;
    assert!(s.shards_held_twice().is_empty());
    assert_eq!(s.shard_sessions(), vec![(1, 2, second.session_id.clone())]);

    // An unsharded session overlaps every shard: it gets shard 1's guilds too.
    let mut whole = Socket::open(&s).await;
    whole.identify(Value::Null).await;
    assert_eq!(s.shards_held_twice(), vec![(0, 1), (1, 2)]);
    drop(whole);
    wait_until("the unsharded session is gone", || s.shard_sessions().len() == 1).await;
    assert!(s.shards_held_twice().is_empty());
}

#[tokio::test]
async fn a_resumed_session_keeps_its_shard_and_gets_what_it_missed() {
    let s = StandIn::start_with(two_guilds()).await.unwrap();
    let mut socket = Socket::open(&s).await;
    socket.identify(json!([1, 2])).await;
    let (session_id, seq) = (socket.session_id.clone(), socket.seq);
    drop(socket);
    wait_until("the socket is closed", || s.shard_sessions().is_empty()).await;

    let missed = s.run_command(&Actor::in_guild(7, "alice", ODD_GUILD, ODD_CHANNEL), "ping", json!([])).await;
    let mut again = Socket::open(&s).await;
    again.send(json!({"op": 6, "d": {"token": "t", "session_id": session_id, "seq": seq}})).await;
    let (t, d) = again.next_dispatch().await;
    assert_eq!(t, "INTERACTION_CREATE");
    assert_eq!(d["id"], json!(missed.id.to_string()));
    assert_eq!(again.next_dispatch().await.0, "RESUMED");
    assert_eq!(s.shard_sessions(), vec![(1, 2, session_id)]);
    assert_eq!(s.resume_count(), 1);
}

#[tokio::test]
async fn an_impossible_shard_is_closed_with_4010() {
    let s = StandIn::start_with(two_guilds()).await.unwrap();
    for shard in [json!([2, 2]), json!([0, 0]), json!([5, 3])] {
        let mut socket = Socket::open(&s).await;
        socket
            .send(json!({"op": 2, "d": {"token": "t", "intents": 0, "properties": {}, "shard": shard}}))
            .await;
        assert_eq!(socket.close_frame().await, (4010, "Invalid shard".to_string()), "shard {shard}");
    }
    assert!(s.shard_sessions().is_empty());
    assert_eq!(s.ready_count(), 0);
    assert_eq!(s.identify_count(), 3);
}
