//! Wire-level details checked with hand-written HTTP requests.

use std::time::Duration;

use discord_standin::{Actor, Fault, FaultKind, StandIn};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Answer {
    status: u16,
    headers: String,
    body: Option<Value>,
}

async fn send(s: &StandIn, method: &str, path: &str, body: Option<Value>) -> Answer {
    let addr = s.api_base().trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&addr).await.unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} /api/v10{path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bot t\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Answer { status, headers: head.to_ascii_lowercase(), body: serde_json::from_str(body).ok() }
}

#[tokio::test]
async fn gateway_unknown_routes_and_faults() {
    let s = StandIn::start().await.unwrap();
    let gw = send(&s, "GET", "/gateway", None).await;
    assert_eq!(gw.body.unwrap()["url"], json!(s.gateway_url()));
    assert!(
        gw.headers.contains("content-type: application/json\r\n")
            || gw.headers.ends_with("content-type: application/json")
    );

    let missing = send(&s, "GET", "/nothing/here", None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body.unwrap(), json!({"code": 0, "message": "404: Not Found"}));

    s.inject(Fault::new("^/users/@me$", 1, FaultKind::RateLimited { retry_after_secs: 2.5, global: true }));
    let limited = send(&s, "GET", "/users/@me", None).await;
    assert_eq!(limited.status, 429);
    let body = limited.body.unwrap();
    assert_eq!(body["retry_after"], json!(2.5));
    assert_eq!(body["global"], json!(true));
    assert!(limited.headers.contains("retry-after: 3"));
    assert!(limited.headers.contains("x-ratelimit-remaining: 0"));
    assert_eq!(send(&s, "GET", "/users/@me", None).await.status, 200);

    s.inject(Fault::new(
        "^/users/@me/channels$",
        1,
        FaultKind::DiscordError {
            status: 403,
            code: 50007,
            message: "Cannot send messages to this user".into(),
        },
    ));
    let blocked = send(&s, "POST", "/users/@me/channels", Some(json!({"recipient_id": "5"}))).await;
    assert_eq!(blocked.status, 403);
    assert_eq!(blocked.body.unwrap()["code"], json!(50007));
    let dm = send(&s, "POST", "/users/@me/channels", Some(json!({"recipient_id": "5"}))).await;
    assert_eq!(dm.body.unwrap()["id"], json!(s.dm_channel_id(5).to_string()));
    assert_eq!(s.requests().len(), 6);
}

#[tokio::test]
async fn callback_with_response_answers_like_discord() {
    // No client is connected: the interaction is queued for a READY that never comes, which is
    // fine for answering its callback by hand.
    let s =
        StandIn::start_with(discord_standin::StandInConfig { dispatch_wait_ms: 10, ..Default::default() })
            .await
            .unwrap();
    let alice = Actor::in_default_guild(7, "alice");
    let i = tokio::time::timeout(Duration::from_secs(10), async {
        s.run_command(&alice, "ping", json!([])).await
    })
    .await
    .unwrap();
    let path = format!("/interactions/{}/{}/callback?with_response=true", i.id, i.token);
    let answer = send(&s, "POST", &path, Some(json!({"type": 4, "data": {"content": "hi"}}))).await;
    assert_eq!(answer.status, 200);
    let body = answer.body.unwrap();
    assert_eq!(body["interaction"]["id"], json!(i.id.to_string()));
    assert_eq!(body["resource"]["type"], json!(4));
    assert_eq!(body["resource"]["message"]["content"], json!("hi"));
    let again = send(&s, "POST", &path, Some(json!({"type": 4, "data": {"content": "hi"}}))).await;
    assert_eq!(again.body.unwrap()["code"], json!(40060));
    let shown = s.wait_response(&i, Duration::from_secs(1)).await.unwrap().expect_message();
    assert_eq!(shown.content, "hi");
}

#[tokio::test]
async fn an_unanswered_interaction_says_so() {
    let s =
        StandIn::start_with(discord_standin::StandInConfig { dispatch_wait_ms: 10, ..Default::default() })
            .await
            .unwrap();
    let i = s.run_command(&Actor::in_dm(8, "bob"), "ping", json!([])).await;
    let err = s.wait_response(&i, Duration::from_millis(50)).await.unwrap_err();
    assert!(err.to_string().contains("the application did not respond"), "{err}");
    let err = s.wait_for_ready(Duration::from_millis(50)).await.unwrap_err();
    assert!(err.to_string().contains("saw no traffic"), "{err}");
}
