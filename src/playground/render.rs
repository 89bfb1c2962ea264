//! What Discord would show, as plain text for a terminal: embeds, fields, buttons numbered, images named.

use discord_standin::ShownMessage;
use serde_json::Value;

/// The message as a terminal shows it; its buttons numbered from `first`, mentions named by `name_of`.
pub fn message(m: &ShownMessage, first: usize, name_of: &dyn Fn(u64) -> Option<String>) -> String {
    let indent = |text: &str| indent(text, name_of);
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
                    format!("({}) {}", first + i, b.label)
                } else {
                    format!("[{}] {}", first + i, b.label)
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        out.push(format!("  {line}"));
    }
    out.join("\n")
}

fn indent(text: &str, name_of: &dyn Fn(u64) -> Option<String>) -> String {
    readable(text, name_of).lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// Discord's markup a terminal can't show: timestamps `<t:…:f>` become dates (UTC), `<#…>` the channel name,
/// `<@…>` the person's name.
fn readable(text: &str, name_of: &dyn Fn(u64) -> Option<String>) -> String {
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
        } else if let Some(id) = tag.strip_prefix('@').map(|t| t.trim_start_matches('!')) {
            id.parse::<u64>()
                .ok()
                .map(|id| format!("@{}", name_of(id).unwrap_or_else(|| "someone".to_owned())))
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

#[cfg(test)]
mod tests {
    #[test]
    fn mentions_timestamps_and_channels_read_as_words() {
        let name_of = |id: u64| (id == 42).then(|| "alice".to_owned());
        let shown = super::readable("Thanks <@42> and <@!42>, <@7> in <#1> at <t:0:D>", &name_of);
        assert_eq!(shown, "Thanks @alice and @alice, @someone in #general at 1 Jan 1970");
    }
}
