//! The validator alone: Discord's spec plus the docs rules.

use discord_standin::{default_spec_path, validate_body, BodyKind, StandIn, StandInConfig};
use serde_json::{json, Value};

fn check(method: &str, path: &str, kind: Option<BodyKind>, body: Value) -> Vec<String> {
    validate_body(&default_spec_path(), method, path, kind, &body)
        .expect("the spec is present in this workspace")
        .into_iter()
        .map(|v| format!("{}: {}", v.pointer, v.rule))
        .collect()
}

#[test]
fn embed_title_over_256_breaks_the_spec() {
    let bad = check(
        "POST",
        "/channels/1/messages",
        Some(BodyKind::ChannelMessageCreate),
        json!({"embeds": [{"title": "t".repeat(300)}]}),
    );
    assert!(bad.iter().any(|e| e.starts_with("/embeds/0/title")), "{bad:?}");
    let good = check(
        "POST",
        "/channels/1/messages",
        Some(BodyKind::ChannelMessageCreate),
        json!({"content": "hi", "embeds": [{"title": "Fine", "fields": [{"name": "a", "value": "b"}]}]}),
    );
    assert!(good.is_empty(), "{good:?}");
}

#[test]
fn docs_forms_are_accepted_and_docs_limits_enforced() {
    let path = "/applications/1/commands";
    let ok = check(
        "PUT",
        path,
        Some(BodyKind::CommandList),
        json!([{"name": "practice", "description": "Practice", "default_member_permissions": "8",
                "options": [{"type": 3, "name": "topic", "description": "Topic", "required": true}]}]),
    );
    assert!(ok.is_empty(), "{ok:?}");
    let bad = check(
        "PUT",
        path,
        Some(BodyKind::CommandList),
        json!([{"name": "Bad Name", "description": "x",
                "options": [{"type": 3, "name": "a", "description": "a"},
                            {"type": 3, "name": "b", "description": "b", "required": true}]}]),
    );
    assert!(bad.iter().any(|e| e.starts_with("/0/name")), "{bad:?}");
    assert!(bad.iter().any(|e| e.starts_with("/0/options/1/required")), "{bad:?}");

    let upload = check(
        "POST",
        "/channels/1/messages",
        Some(BodyKind::ChannelMessageCreate),
        json!({"content": "file", "attachments": [{"id": 0, "filename": "a.txt"}]}),
    );
    assert!(upload.is_empty(), "{upload:?}");
}

#[test]
fn interaction_callbacks_follow_the_docs() {
    let path = "/interactions/1/tok/callback";
    let long = check(
        "POST",
        path,
        Some(BodyKind::InteractionCallback),
        json!({"type": 4, "data": {"content": "x".repeat(2001)}}),
    );
    assert!(long.iter().any(|e| e.starts_with("/data/content")), "{long:?}");
    let row = |i: usize| json!({"type": 1, "components": [{"type": 4, "custom_id": format!("f{i}"), "label": "L", "style": 1}]});
    let modal = check(
        "POST",
        path,
        Some(BodyKind::InteractionCallback),
        json!({"type": 9, "data": {"custom_id": "m", "title": "T", "components": (0..6).map(row).collect::<Vec<_>>()}}),
    );
    assert!(modal.iter().any(|e| e.contains("1..5")), "{modal:?}");
    let flags = check(
        "POST",
        path,
        Some(BodyKind::InteractionCallback),
        json!({"type": 4, "data": {"content": "x", "flags": 2}}),
    );
    assert!(flags.iter().any(|e| e.starts_with("/data/flags")), "{flags:?}");
    let buttons = check(
        "POST",
        path,
        Some(BodyKind::InteractionCallback),
        json!({"type": 4, "data": {"content": "x", "components": [{"type": 1, "components":
            (0..6).map(|i| json!({"type": 2, "style": 1, "label": "b", "custom_id": format!("b{}", i % 5)})).collect::<Vec<_>>()}]}}),
    );
    assert!(buttons.iter().any(|e| e.contains("custom_id")), "{buttons:?}");
    assert!(buttons.iter().any(|e| e.contains("/data/components/0")), "{buttons:?}");
    let typed = check("POST", path, None, json!({"type": 4, "data": {"content": 5}}));
    assert!(
        typed.iter().any(|e| e.starts_with("/data") && e.contains("CreateMessageInteractionCallbackRequest")),
        "{typed:?}"
    );
    let good = check(
        "POST",
        path,
        Some(BodyKind::InteractionCallback),
        json!({"type": 4, "data": {"content": "hello", "flags": 64}}),
    );
    assert!(good.is_empty(), "{good:?}");
}

#[tokio::test]
async fn a_missing_spec_is_loud() {
    let config = StandInConfig::default().spec_path("/nonexistent/openapi.json");
    let started = StandIn::start_with(config).await;
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(started.is_err());
    } else {
        let s = started.expect("without CI=true a missing spec is only a warning");
        assert!(!s.spec_status().is_loaded());
    }
}
