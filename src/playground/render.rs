//! What Discord would show, as plain text for a terminal: embeds, fields, buttons numbered, images named.

use discord_standin::ShownMessage;
use serde_json::Value;

pub fn message(m: &ShownMessage) -> String {
    let mut out = Vec::new();
    if m.ephemeral() {
        out.push("  (only you can see this)".to_owned());
    }
    if !m.content.is_empty() {
        out.push(indent(&m.content));
    }
    for e in &m.embeds {
        let s = |p: &str| e.pointer(p).and_then(Value::as_str).unwrap_or("").to_owned();
        if !s("/title").is_empty() {
            out.push(format!("  ┃ {}", s("/title")));
        }
        if !s("/description").is_empty() {
            out.push(indent(&s("/description")));
        }
        for f in e.get("fields").and_then(Value::as_array).into_iter().flatten() {
            let name = f.get("name").and_then(Value::as_str).unwrap_or("");
            let value = f.get("value").and_then(Value::as_str).unwrap_or("");
            out.push(format!("  ▸ {name}"));
            out.push(indent(value));
        }
        if let Some(url) = e.pointer("/image/url").and_then(Value::as_str) {
            out.push(format!("  [image: {}]", url.trim_start_matches("attachment://")));
        }
        if !s("/footer/text").is_empty() {
            out.push(format!("  ─ {}", s("/footer/text")));
        }
    }
    for a in &m.attachments {
        out.push(format!("  [file: {} ({} bytes)]", a.filename, a.size));
    }
    let buttons = m.buttons();
    if !buttons.is_empty() {
        let line = buttons
            .iter()
            .enumerate()
            .map(|(i, b)| {
                if b.disabled {
                    format!("({}) {}", i + 1, b.label)
                } else {
                    format!("[{}] {}", i + 1, b.label)
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        out.push(format!("  {line}"));
    }
    out.join("\n")
}

fn indent(text: &str) -> String {
    readable(text).lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// Discord's markup a terminal can't show: timestamps `<t:…:f>` become dates (UTC), `<#…>` the channel name.
fn readable(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find('>') else {
            out.push_str(after);
            return out;
        };
        let tag = &after[1..end];
        let shown = if let Some(t) = tag.strip_prefix("t:") {
            let (secs, style) = t.split_once(':').unwrap_or((t, "f"));
            secs.parse::<i64>().ok().and_then(|s| chrono::DateTime::from_timestamp(s, 0)).map(
                |at| match style {
                    "R" => format!("at {}", at.format("%a %-d %b %H:%M UTC")),
                    "D" | "d" => at.format("%-d %b %Y").to_string(),
                    _ => at.format("%a %-d %b %Y %H:%M UTC").to_string(),
                },
            )
        } else if tag.starts_with('#') {
            Some("#general".to_owned())
        } else {
            None
        };
        match shown {
            Some(s) => out.push_str(&s),
            None => out.push_str(&after[..=end]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}
