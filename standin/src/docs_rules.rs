//! Limits from Discord's docs that the OpenAPI spec does not encode (or encodes differently).
//! Where the two disagree the docs win, so these run in addition to the spec check.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use crate::spec::Violation;

const EPHEMERAL: u64 = 1 << 6;
const SUPPRESS_EMBEDS: u64 = 1 << 2;
const SUPPRESS_NOTIFICATIONS: u64 = 1 << 12;
const IS_VOICE_MESSAGE: u64 = 1 << 13;
const IS_COMPONENTS_V2: u64 = 1 << 15;
const INTERACTION_FLAGS: u64 =
    EPHEMERAL | SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2 | IS_VOICE_MESSAGE;
const CHANNEL_MESSAGE_FLAGS: u64 =
    SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2 | IS_VOICE_MESSAGE;

/// What a request body is, for choosing the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    CommandList,
    Command,
    InteractionCallback,
    /// Followup or other interaction-webhook message creation.
    WebhookMessageCreate,
    /// PATCH of @original or of a followup.
    WebhookMessageEdit,
    ChannelMessageCreate,
    ChannelMessageEdit,
    CreateDm,
}

pub fn check(kind: BodyKind, body: &Value, file_count: usize) -> Vec<Violation> {
    let mut out = Vec::new();
    match kind {
        BodyKind::CommandList => command_list(body, &mut out),
        BodyKind::Command => command(body, "", &mut out),
        BodyKind::InteractionCallback => callback(body, file_count, &mut out),
        BodyKind::WebhookMessageCreate => {
            message(body, "", Msg::create(INTERACTION_FLAGS, file_count), &mut out)
        }
        BodyKind::WebhookMessageEdit | BodyKind::ChannelMessageEdit => {
            message(body, "", Msg::edit(file_count), &mut out)
        }
        BodyKind::ChannelMessageCreate => {
            message(body, "", Msg::create(CHANNEL_MESSAGE_FLAGS, file_count), &mut out)
        }
        BodyKind::CreateDm => {
            if body.get("recipient_id").is_none_or(Value::is_null) {
                out.push(Violation::new(
                    "/recipient_id",
                    "BASE_TYPE_REQUIRED",
                    "recipient_id is required (docs: Create DM)",
                ));
            }
        }
    }
    out
}

fn name_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").unwrap_or_else(|_| {
            // The character classes are fixed; this fallback only guards against a regex-crate
            // build without Unicode script data.
            Regex::new(r"^[-_'\w]{1,32}$").unwrap_or_else(|_| unreachable!())
        })
    })
}

fn chars(v: Option<&Value>) -> usize {
    v.and_then(Value::as_str).map_or(0, |s| s.chars().count())
}

fn command_list(body: &Value, out: &mut Vec<Violation>) {
    let Some(list) = body.as_array() else {
        return;
    };
    let mut counts = [0usize; 4];
    let mut seen = HashSet::new();
    for (i, cmd) in list.iter().enumerate() {
        let kind = cmd.get("type").and_then(Value::as_u64).unwrap_or(1);
        if let Some(c) = counts.get_mut(kind as usize) {
            *c += 1;
        }
        let name = cmd.get("name").and_then(Value::as_str).unwrap_or("");
        if !seen.insert((kind, name.to_string())) {
            out.push(Violation::new(
                format!("/{i}/name"),
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                format!("command name {name:?} is used twice for the same command type"),
            ));
        }
        command(cmd, &format!("/{i}"), out);
    }
    for (kind, limit, label) in [(1, 100, "CHAT_INPUT"), (2, 15, "USER"), (3, 15, "MESSAGE")] {
        if counts[kind] > limit {
            out.push(Violation::new(
                "",
                "BASE_TYPE_MAX_LENGTH",
                format!(
                    "{} {label} commands in one scope; Discord allows at most {limit} (docs: Registering a Command)",
                    counts[kind]
                ),
            ));
        }
    }
}

fn command(cmd: &Value, at: &str, out: &mut Vec<Violation>) {
    let kind = cmd.get("type").and_then(Value::as_u64).unwrap_or(1);
    if kind == 1 {
        check_name(cmd, at, "command", out);
        check_description(cmd, at, out);
    }
    if let Some(Value::String(p)) = cmd.get("default_member_permissions") {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            out.push(Violation::new(
                format!("{at}/default_member_permissions"),
                "BASE_TYPE_BAD_TYPE",
                format!(
                    "default_member_permissions must be a permission bitset as a string of digits, got {p:?}"
                ),
            ));
        }
    }
    if let Some(options) = cmd.get("options").and_then(Value::as_array) {
        options_rules(options, &format!("{at}/options"), out);
    }
    let total = command_chars(cmd);
    if total > 8000 {
        out.push(Violation::new(
            at.to_string(),
            "BASE_TYPE_MAX_LENGTH",
            format!("the command uses {total} characters in names, descriptions and choice values; Discord allows at most 8000 (docs: Slash Commands)"),
        ));
    }
}

fn longest_localization(v: &Value, key: &str) -> usize {
    v.get(key).and_then(Value::as_object).map_or(0, |m| m.values().map(|s| chars(Some(s))).max().unwrap_or(0))
}

fn command_chars(v: &Value) -> usize {
    let mut n = chars(v.get("name")).max(longest_localization(v, "name_localizations"))
        + chars(v.get("description")).max(longest_localization(v, "description_localizations"));
    if let Some(choices) = v.get("choices").and_then(Value::as_array) {
        for c in choices {
            n += chars(c.get("name")).max(longest_localization(c, "name_localizations"));
            n += match c.get("value") {
                Some(Value::String(s)) => s.chars().count(),
                Some(other) => other.to_string().len(),
                None => 0,
            };
        }
    }
    if let Some(options) = v.get("options").and_then(Value::as_array) {
        n += options.iter().map(command_chars).sum::<usize>();
    }
    n
}

fn check_name(v: &Value, at: &str, what: &str, out: &mut Vec<Violation>) {
    let name = v.get("name").and_then(Value::as_str).unwrap_or("");
    if !name_regex().is_match(name) {
        out.push(Violation::new(
            format!("{at}/name"),
            "APPLICATION_COMMAND_INVALID_NAME",
            format!("{what} name {name:?} must match ^[-_'\\p{{L}}\\p{{N}}\\p{{sc=Deva}}\\p{{sc=Thai}}]{{1,32}}$ (docs: Application Command Naming)"),
        ));
    } else if name.chars().any(char::is_uppercase) {
        out.push(Violation::new(
            format!("{at}/name"),
            "APPLICATION_COMMAND_INVALID_NAME",
            format!("{what} name {name:?} must be lowercase (docs: Application Command Naming)"),
        ));
    }
}

fn check_description(v: &Value, at: &str, out: &mut Vec<Violation>) {
    let n = chars(v.get("description"));
    if !(1..=100).contains(&n) {
        out.push(Violation::new(
            format!("{at}/description"),
            if n == 0 { "BASE_TYPE_REQUIRED" } else { "BASE_TYPE_BAD_LENGTH" },
            format!("description must be 1..100 characters, got {n}"),
        ));
    }
}

fn options_rules(options: &[Value], at: &str, out: &mut Vec<Violation>) {
    if options.len() > 25 {
        out.push(Violation::new(
            at.to_string(),
            "BASE_TYPE_MAX_LENGTH",
            format!("{} options; at most 25 are allowed", options.len()),
        ));
    }
    let mut seen_optional = false;
    let mut names = HashSet::new();
    for (i, opt) in options.iter().enumerate() {
        let here = format!("{at}/{i}");
        check_name(opt, &here, "option", out);
        check_description(opt, &here, out);
        let name = opt.get("name").and_then(Value::as_str).unwrap_or("");
        if !names.insert(name.to_string()) {
            out.push(Violation::new(
                format!("{here}/name"),
                "APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME",
                format!("option name {name:?} is used twice"),
            ));
        }
        let kind = opt.get("type").and_then(Value::as_u64).unwrap_or(0);
        let is_sub = kind == 1 || kind == 2;
        if !is_sub {
            let required = opt.get("required").and_then(Value::as_bool).unwrap_or(false);
            if required && seen_optional {
                out.push(Violation::new(
                    format!("{here}/required"),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    format!("required option {name:?} comes after an optional one; required options must come first"),
                ));
            }
            seen_optional |= !required;
        }
        if let Some(choices) = opt.get("choices").and_then(Value::as_array) {
            if choices.len() > 25 {
                out.push(Violation::new(
                    format!("{here}/choices"),
                    "BASE_TYPE_MAX_LENGTH",
                    format!("{} choices; at most 25 are allowed", choices.len()),
                ));
            }
            if !choices.is_empty() && opt.get("autocomplete").and_then(Value::as_bool) == Some(true) {
                out.push(Violation::new(
                    format!("{here}/autocomplete"),
                    "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
                    "autocomplete cannot be combined with choices",
                ));
            }
            for (j, c) in choices.iter().enumerate() {
                if let Some(Value::String(s)) = c.get("value") {
                    if s.chars().count() > 100 {
                        out.push(Violation::new(
                            format!("{here}/choices/{j}/value"),
                            "BASE_TYPE_MAX_LENGTH",
                            "string choice value must be at most 100 characters (docs: Choice Structure)",
                        ));
                    }
                }
            }
        }
        if let Some(sub) = opt.get("options").and_then(Value::as_array) {
            options_rules(sub, &format!("{here}/options"), out);
        }
    }
}

fn callback(body: &Value, files: usize, out: &mut Vec<Violation>) {
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(0);
    let data = body.get("data").unwrap_or(&Value::Null);
    match kind {
        4 => message(data, "/data", Msg::create(INTERACTION_FLAGS, files), out),
        5 => {
            let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0);
            if flags & !EPHEMERAL != 0 {
                out.push(Violation::new(
                    "/data/flags",
                    "INTERACTION_RESPONSE_FLAGS_INVALID",
                    format!("a deferred response (type 5) may set only EPHEMERAL (64), got {flags}"),
                ));
            }
        }
        7 => message(data, "/data", Msg::edit(files), out),
        8 => {
            let n = data.get("choices").and_then(Value::as_array).map_or(0, Vec::len);
            if n > 25 {
                out.push(Violation::new(
                    "/data/choices",
                    "BASE_TYPE_MAX_LENGTH",
                    format!("{n} autocomplete choices; at most 25 are allowed"),
                ));
            }
        }
        9 => {
            let n = data.get("components").and_then(Value::as_array).map_or(0, Vec::len);
            if !(1..=5).contains(&n) {
                out.push(Violation::new(
                    "/data/components",
                    "BASE_TYPE_BAD_LENGTH",
                    format!("a modal needs 1..5 components, got {n} (docs: Modal)"),
                ));
            }
            let mut ids = HashSet::new();
            unique_custom_ids(data.get("components"), "/data/components", &mut ids, out);
        }
        _ => {}
    }
}

struct Msg {
    creating: bool,
    allowed_flags: Option<u64>,
    files: usize,
}

impl Msg {
    fn create(allowed_flags: u64, files: usize) -> Self {
        Msg { creating: true, allowed_flags: Some(allowed_flags), files }
    }

    fn edit(files: usize) -> Self {
        Msg { creating: false, allowed_flags: None, files }
    }
}

fn non_empty(v: Option<&Value>) -> bool {
    match v {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Null) | None => false,
        Some(_) => true,
    }
}

fn message(body: &Value, at: &str, ctx: Msg, out: &mut Vec<Violation>) {
    let content = chars(body.get("content"));
    if content > 2000 {
        out.push(Violation::new(
            format!("{at}/content"),
            "BASE_TYPE_MAX_LENGTH",
            format!("content is {content} characters; Discord allows at most 2000 (docs: Create Message)"),
        ));
    }
    let flags = body.get("flags").and_then(Value::as_u64).unwrap_or(0);
    if let Some(allowed) = ctx.allowed_flags {
        if flags & !allowed != 0 {
            out.push(Violation::new(
                format!("{at}/flags"),
                "MESSAGE_FLAGS_INVALID",
                format!("flags {flags} include bits that may not be set here (allowed: {allowed})"),
            ));
        }
    }
    let v2 = flags & IS_COMPONENTS_V2 != 0;
    if ctx.creating {
        let has_something = ["content", "embeds", "components", "sticker_ids", "poll"]
            .iter()
            .any(|k| non_empty(body.get(*k)))
            || ctx.files > 0;
        if !has_something {
            out.push(Violation::new(
                at.to_string(),
                "MESSAGE_EMPTY",
                "a message needs at least one of content, embeds, components, files, sticker_ids or poll (Discord answers 50006 Cannot send an empty message)",
            ));
        }
    }
    if v2 && (non_empty(body.get("content")) || non_empty(body.get("embeds"))) {
        out.push(Violation::new(
            at.to_string(),
            "MESSAGE_COMPONENTS_V2_CONTENT",
            "a message with IS_COMPONENTS_V2 cannot set content or embeds",
        ));
    }
    if let Some(embeds) = body.get("embeds").and_then(Value::as_array) {
        embeds_rules(embeds, &format!("{at}/embeds"), out);
    }
    if let Some(rows) = body.get("components").and_then(Value::as_array) {
        if !v2 {
            legacy_components(rows, &format!("{at}/components"), out);
        }
        let mut ids = HashSet::new();
        unique_custom_ids(body.get("components"), &format!("{at}/components"), &mut ids, out);
    }
}

fn embeds_rules(embeds: &[Value], at: &str, out: &mut Vec<Violation>) {
    if embeds.len() > 10 {
        out.push(Violation::new(
            at.to_string(),
            "BASE_TYPE_MAX_LENGTH",
            format!("{} embeds; at most 10 are allowed", embeds.len()),
        ));
    }
    let mut total = 0;
    for e in embeds {
        total += chars(e.get("title")) + chars(e.get("description"));
        total += chars(e.pointer("/footer/text")) + chars(e.pointer("/author/name"));
        if let Some(fields) = e.get("fields").and_then(Value::as_array) {
            total += fields.iter().map(|f| chars(f.get("name")) + chars(f.get("value"))).sum::<usize>();
        }
    }
    if total > 6000 {
        out.push(Violation::new(
            at.to_string(),
            "MAX_EMBED_SIZE_EXCEEDED",
            format!("the embeds hold {total} characters in titles, descriptions, fields, footers and authors; Discord allows at most 6000 in all (docs: Embed Limits)"),
        ));
    }
}

fn is_select(kind: u64) -> bool {
    matches!(kind, 3 | 5 | 6 | 7 | 8)
}

fn legacy_components(rows: &[Value], at: &str, out: &mut Vec<Violation>) {
    if rows.len() > 5 {
        out.push(Violation::new(
            at.to_string(),
            "BASE_TYPE_MAX_LENGTH",
            format!("{} action rows; a message without IS_COMPONENTS_V2 allows at most 5", rows.len()),
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let here = format!("{at}/{i}");
        if row.get("type").and_then(Value::as_u64) != Some(1) {
            out.push(Violation::new(
                format!("{here}/type"),
                "COMPONENT_LAYOUT_INVALID",
                "top-level components of a message without IS_COMPONENTS_V2 must be action rows (type 1)",
            ));
            continue;
        }
        let children = row.get("components").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let buttons = children.iter().filter(|c| c.get("type").and_then(Value::as_u64) == Some(2)).count();
        let selects =
            children.iter().filter(|c| c.get("type").and_then(Value::as_u64).is_some_and(is_select)).count();
        if selects > 0 && (selects > 1 || buttons > 0) {
            out.push(Violation::new(
                format!("{here}/components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "an action row holds exactly one select menu and nothing else",
            ));
        }
        if buttons > 5 {
            out.push(Violation::new(
                format!("{here}/components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                format!("{buttons} buttons in one action row; at most 5 are allowed"),
            ));
        }
        for (j, c) in children.iter().enumerate() {
            let kind = c.get("type").and_then(Value::as_u64).unwrap_or(0);
            if kind == 2 && chars(c.get("label")) > 80 {
                out.push(Violation::new(
                    format!("{here}/components/{j}/label"),
                    "BASE_TYPE_MAX_LENGTH",
                    "button label must be at most 80 characters",
                ));
            }
            if kind == 3 {
                let n = c.get("options").and_then(Value::as_array).map_or(0, Vec::len);
                if n > 25 {
                    out.push(Violation::new(
                        format!("{here}/components/{j}/options"),
                        "BASE_TYPE_MAX_LENGTH",
                        format!("{n} select options; at most 25 are allowed"),
                    ));
                }
            }
        }
    }
}

fn unique_custom_ids(v: Option<&Value>, at: &str, seen: &mut HashSet<String>, out: &mut Vec<Violation>) {
    let Some(items) = v.and_then(Value::as_array) else {
        return;
    };
    for (i, c) in items.iter().enumerate() {
        let here = format!("{at}/{i}");
        if let Some(id) = c.get("custom_id").and_then(Value::as_str) {
            if !seen.insert(id.to_string()) {
                out.push(Violation::new(
                    format!("{here}/custom_id"),
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    format!("custom_id {id:?} is used twice in one message; custom_ids must be unique"),
                ));
            }
        }
        unique_custom_ids(c.get("components"), &format!("{here}/components"), seen, out);
        if let Some(inner) = c.get("component") {
            unique_custom_ids(
                Some(&Value::Array(vec![inner.clone()])),
                &format!("{here}/component"),
                seen,
                out,
            );
        }
        if let Some(acc) = c.get("accessory") {
            unique_custom_ids(
                Some(&Value::Array(vec![acc.clone()])),
                &format!("{here}/accessory"),
                seen,
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_follow_the_docs_regex() {
        let re = name_regex();
        assert!(re.as_str().contains("sc=Deva"), "the full regex must compile");
        for good in ["self-trust", "नमस्ते", "ทดสอบ", "it's", "a_b"] {
            assert!(re.is_match(good), "{good}");
        }
        for bad in ["Bad Name", "", "a.b", &"x".repeat(33)] {
            assert!(!re.is_match(bad), "{bad}");
        }
        let mut out = Vec::new();
        check_name(&serde_json::json!({"name": "Ping"}), "", "command", &mut out);
        assert_eq!(out.len(), 1, "uppercase is rejected");
    }
}
