//! The HTTP side: parsing, faults, validation and recording around the routes.

use std::convert::Infallible;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;

use crate::docs_rules;
use crate::faults::FaultKind;
use crate::record::{RecordedFile, RecordedRequest};
use crate::routes::{self, Reply, Req, Upload};
use crate::spec::{self, Violation};
use crate::state::Shared;

const API_PREFIX: &str = "/api/v10";
/// Discord's request size limit.
const MAX_BODY: usize = 25 * 1024 * 1024;

pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let stream = crate::net::accept(&listener).await;
        let shared = shared.clone();
        shared.rest_connections.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            let counted = shared.clone();
            let service = service_fn(move |req| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(handle(shared, req).await) }
            });
            if let Err(e) = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                tracing::debug!("REST connection ended: {e}");
            }
            counted.rest_connections.fetch_sub(1, Ordering::Relaxed);
        });
    }
}

struct Parsed {
    body: Option<Value>,
    files: Vec<Upload>,
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let method = req.method().as_str().to_ascii_uppercase();
    let full_path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let content_type =
        req.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let path = full_path.strip_prefix(API_PREFIX).unwrap_or(&full_path).to_string();
    let bytes = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            let reply = Reply::error(413, 40005, "Request entity too large");
            return finish(&shared, &method, &path, query, None, Vec::new(), Vec::new(), None, reply);
        }
    };

    let parsed = match parse_body(&content_type, &bytes) {
        Ok(p) => p,
        Err(reply) => {
            let why = format!(
                "{method} {path}: (body): the body could not be parsed as JSON (or as multipart with payload_json) [{}]",
                reply.status
            );
            return finish(&shared, &method, &path, query, None, Vec::new(), vec![why], None, reply);
        }
    };

    let route = if full_path.starts_with(API_PREFIX) { routes::parse(&path) } else { routes::Route::Unknown };
    // A faulted request's body is still checked: the bot's retry would send the same body.
    let (operation, violations) = validate(&shared, &method, &path, &route, &parsed);
    let limited = over_global_limit(&shared, &path);
    let fault = if limited.is_none() { take_fault(&shared, &method, &path) } else { None };
    if let Some(Taken::Delay(delay)) = fault {
        tokio::time::sleep(delay).await;
    }
    let reply = if let Some(limited) = limited {
        limited
    } else if let Some(Taken::Answer(fault)) = fault {
        fault
    } else if !violations.is_empty() {
        invalid_form_body(&violations)
    } else {
        let r = Req {
            method: &method,
            query: query.as_deref(),
            body: parsed.body.clone(),
            files: parsed.files.clone(),
        };
        routes::handle(&shared, &route, &r)
    };
    let messages = violations.iter().map(|v| describe(&method, &path, operation.as_deref(), v)).collect();
    finish(&shared, &method, &path, query, parsed.body, parsed.files, messages, operation, reply)
}

fn describe(method: &str, path: &str, operation: Option<&str>, v: &Violation) -> String {
    let pointer = if v.pointer.is_empty() { "(body)" } else { v.pointer.as_str() };
    let op = operation.map(|o| format!(" ({o})")).unwrap_or_default();
    format!("{method} {path}{op}: {pointer}: {} [{}]", v.rule, v.code)
}

fn validate(
    shared: &Shared,
    method: &str,
    path: &str,
    route: &routes::Route,
    parsed: &Parsed,
) -> (Option<String>, Vec<Violation>) {
    let mut out = Vec::new();
    let mut operation = None;
    let Some(body) = parsed.body.as_ref() else {
        return (None, out);
    };
    if let Ok(Some(spec)) = spec_of(shared) {
        if let Some(op) = spec.operation(method, path) {
            operation = Some(spec.operation_id(op).to_string());
            out.extend(spec.validate(op, &spec::normalize_docs_forms(body)));
        }
    }
    if let Some(kind) = routes::body_kind(method, route) {
        out.extend(docs_rules::check(kind, body, parsed.files.len()));
    }
    (operation, out)
}

fn spec_of(shared: &Shared) -> Result<Option<Arc<spec::Spec>>, crate::StandInError> {
    match &shared.spec {
        spec::SpecStatus::Loaded { path } => spec::load(path),
        spec::SpecStatus::Missing { .. } => Ok(None),
    }
}

/// Discord's 400 for a bad body: code 50035 with an `errors` tree keyed by the body's path.
fn invalid_form_body(violations: &[Violation]) -> Reply {
    if violations.iter().all(|v| v.code == "MESSAGE_EMPTY") {
        return Reply::error(400, 50006, "Cannot send an empty message");
    }
    let mut errors = Value::Object(Map::new());
    for v in violations {
        let mut node = &mut errors;
        for seg in v.pointer.split('/').filter(|s| !s.is_empty()) {
            let key = seg.replace("~1", "/").replace("~0", "~");
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            node = node
                .as_object_mut()
                .map(|m| m.entry(key).or_insert_with(|| Value::Object(Map::new())))
                .unwrap_or_else(|| unreachable!());
        }
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
        if let Some(m) = node.as_object_mut() {
            let list = m.entry("_errors").or_insert_with(|| json!([]));
            if let Some(a) = list.as_array_mut() {
                a.push(json!({"code": v.code, "message": v.rule}));
            }
        }
    }
    Reply::json(400, json!({"code": 50035, "message": "Invalid Form Body", "errors": errors}))
}

/// What a matching fault does to a request: answer it instead, or hold the usual answer back for a while.
enum Taken {
    Answer(Reply),
    Delay(std::time::Duration),
}

fn take_fault(shared: &Shared, method: &str, path: &str) -> Option<Taken> {
    let mut data = shared.lock();
    let fault = data.faults.iter_mut().find(|f| f.matches(method, path))?;
    fault.seen += 1;
    if fault.seen % fault.every != 0 {
        return None;
    }
    fault.times -= 1;
    let kind = fault.kind.clone();
    data.faults.retain(|f| f.times > 0);
    Some(Taken::Answer(match kind {
        FaultKind::RateLimited { retry_after_secs, global } => rate_limited(retry_after_secs, global),
        FaultKind::ServerError(status) => {
            Reply::json(status, json!({"code": 0, "message": format!("{status}: Internal Server Error")}))
        }
        FaultKind::DiscordError { status, code, message } => Reply::error(status, code, &message),
        FaultKind::Slow { millis } => return Some(Taken::Delay(std::time::Duration::from_millis(millis))),
    }))
}

/// Discord's 429: the body and the rate-limit headers.
fn rate_limited(retry_after_secs: f64, global: bool) -> Reply {
    let mut r = Reply::json(
        429,
        json!({
            "message": "You are being rate limited.",
            "code": 0,
            "retry_after": retry_after_secs,
            "global": global,
        }),
    );
    let reset =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
            + retry_after_secs;
    r.headers = vec![
        ("Retry-After".into(), format!("{}", retry_after_secs.ceil() as u64)),
        ("X-RateLimit-Limit".into(), "5".into()),
        ("X-RateLimit-Remaining".into(), "0".into()),
        ("X-RateLimit-Reset".into(), format!("{reset:.3}")),
        ("X-RateLimit-Reset-After".into(), format!("{retry_after_secs:.3}")),
        ("X-RateLimit-Bucket".into(), "standin-bucket".into()),
        ("X-RateLimit-Scope".into(), if global { "global" } else { "user" }.into()),
    ];
    if global {
        r.headers.push(("X-RateLimit-Global".into(), "true".into()));
    }
    r
}

/// With a global limit configured, more than that many requests in any one second get a global 429, as
/// Discord's 50 requests per second do. Interaction callbacks and their webhooks are exempt, as on Discord.
fn over_global_limit(shared: &Shared, path: &str) -> Option<Reply> {
    let limit = shared.config.global_rate_limit?;
    if path.starts_with("/interactions/") || path.starts_with("/webhooks/") {
        return None;
    }
    let now = std::time::Instant::now();
    let second = std::time::Duration::from_secs(1);
    let mut data = shared.lock();
    while data.global_window.front().is_some_and(|t| now.duration_since(*t) >= second) {
        data.global_window.pop_front();
    }
    if data.global_window.len() < limit as usize {
        data.global_window.push_back(now);
        return None;
    }
    let oldest = *data.global_window.front()?;
    let retry_after = (second.saturating_sub(now.duration_since(oldest))).as_secs_f64().max(0.001);
    Some(rate_limited(retry_after, true))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    shared: &Shared,
    method: &str,
    path: &str,
    query: Option<String>,
    body: Option<Value>,
    files: Vec<Upload>,
    validation_errors: Vec<String>,
    operation: Option<String>,
    reply: Reply,
) -> Response<Full<Bytes>> {
    for e in &validation_errors {
        tracing::warn!("discord-standin rejected a request body: {e}");
    }
    shared.lock().requests.push(RecordedRequest {
        method: method.to_string(),
        path: path.to_string(),
        query,
        body,
        files: files
            .into_iter()
            .map(|f| RecordedFile {
                field: f.field,
                filename: f.filename,
                content_type: f.content_type,
                size: f.size,
                bytes: f.bytes,
            })
            .collect(),
        status: reply.status,
        validation_errors,
        operation,
        at: Instant::now(),
    });
    let bytes = reply.body.as_ref().map(|b| Bytes::from(b.to_string())).unwrap_or_default();
    let mut response = Response::new(Full::new(bytes));
    *response.status_mut() =
        hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if reply.body.is_some() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    for (k, v) in reply.headers {
        if let (Ok(name), Ok(value)) =
            (hyper::header::HeaderName::from_bytes(k.as_bytes()), HeaderValue::from_str(&v))
        {
            headers.insert(name, value);
        }
    }
    response
}

fn parse_body(content_type: &str, bytes: &[u8]) -> Result<Parsed, Reply> {
    if content_type.starts_with("multipart/form-data") {
        return parse_multipart(content_type, bytes);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Parsed { body: None, files: Vec::new() });
    }
    match serde_json::from_slice(bytes) {
        Ok(v) => Ok(Parsed { body: Some(v), files: Vec::new() }),
        Err(_) => Err(Reply::error(400, 50109, "The request body contains invalid JSON.")),
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn header_param(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn parse_multipart(content_type: &str, bytes: &[u8]) -> Result<Parsed, Reply> {
    let bad = || Reply::error(400, 50035, "Invalid Form Body");
    let boundary = header_param(content_type, "boundary").ok_or_else(bad)?;
    let delimiter = format!("--{boundary}");
    let mut parsed = Parsed { body: None, files: Vec::new() };
    let mut pos = find(bytes, delimiter.as_bytes(), 0).ok_or_else(bad)?;
    loop {
        let after = pos + delimiter.len();
        if bytes.get(after..after + 2) == Some(b"--") {
            break;
        }
        let headers_start = after + 2;
        let headers_end = find(bytes, b"\r\n\r\n", headers_start).ok_or_else(bad)?;
        let next = find(bytes, format!("\r\n{delimiter}").as_bytes(), headers_end).ok_or_else(bad)?;
        let headers = String::from_utf8_lossy(&bytes[headers_start..headers_end]).to_string();
        let content = &bytes[headers_end + 4..next];
        let mut name = String::new();
        let mut filename = None;
        let mut part_type = None;
        for line in headers.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if k.trim().eq_ignore_ascii_case("content-disposition") {
                name = header_param(v, "name").unwrap_or_default();
                filename = header_param(v, "filename");
            } else if k.trim().eq_ignore_ascii_case("content-type") {
                part_type = Some(v.trim().to_string());
            }
        }
        if name == "payload_json" {
            parsed.body = Some(
                serde_json::from_slice(content)
                    .map_err(|_| Reply::error(400, 50109, "The request body contains invalid JSON."))?,
            );
        } else if let Some(filename) = filename {
            parsed.files.push(Upload {
                field: name,
                filename,
                content_type: part_type,
                size: content.len(),
                bytes: content.to_vec(),
            });
        }
        pos = next + 2;
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_payload_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"hi\"}\r\n--XyZ--\r\n";
        let parsed = parse_body("multipart/form-data; boundary=XyZ", body)
            .unwrap_or_else(|_| panic!("multipart should parse"));
        assert_eq!(parsed.body, Some(json!({"content": "hi"})));
        assert_eq!(parsed.files.len(), 1);
        assert_eq!(parsed.files[0].field, "files[0]");
        assert_eq!(parsed.files[0].filename, "a.txt");
        assert_eq!(parsed.files[0].size, 5);
        assert_eq!(parsed.files[0].content_type.as_deref(), Some("text/plain"));
    }
}
