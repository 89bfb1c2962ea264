//! What a person would see in Discord after the bot's writes.

use std::time::Duration;

use serde_json::Value;

use crate::payloads::id_of;

#[derive(Clone, Debug, PartialEq)]
pub struct ShownAttachment {
    pub id: u64,
    pub filename: String,
    pub size: u64,
    pub content_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShownMessage {
    pub id: u64,
    pub channel_id: u64,
    pub content: String,
    pub embeds: Vec<Value>,
    /// Top-level components as the bot sent them (action rows for classic messages).
    pub components: Vec<Value>,
    pub flags: u64,
    pub attachments: Vec<ShownAttachment>,
    /// The whole message object as Discord would return it.
    pub raw: Value,
}

/// A button: (custom_id, label, disabled, style). Link buttons have their url as custom_id.
/// A button as a person sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownButton {
    /// The custom_id, or the url of a link button.
    pub custom_id: String,
    pub label: String,
    pub disabled: bool,
    pub style: u64,
}

impl ShownMessage {
    pub fn from_value(raw: &Value) -> ShownMessage {
        let list = |k: &str| raw.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
        ShownMessage {
            id: id_of(raw.get("id")).unwrap_or(0),
            channel_id: id_of(raw.get("channel_id")).unwrap_or(0),
            content: raw.get("content").and_then(Value::as_str).unwrap_or("").to_string(),
            embeds: list("embeds"),
            components: list("components"),
            flags: raw.get("flags").and_then(Value::as_u64).unwrap_or(0),
            attachments: list("attachments")
                .iter()
                .map(|a| ShownAttachment {
                    id: id_of(a.get("id")).unwrap_or(0),
                    filename: a.get("filename").and_then(Value::as_str).unwrap_or("").to_string(),
                    size: a.get("size").and_then(Value::as_u64).unwrap_or(0),
                    content_type: a.get("content_type").and_then(Value::as_str).map(str::to_string),
                })
                .collect(),
            raw: raw.clone(),
        }
    }

    pub fn ephemeral(&self) -> bool {
        self.flags & (1 << 6) != 0
    }

    /// Content plus every embed's title, description, field names and values, footer and
    /// author, and every text display of a components-v2 message, joined by newlines.
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        if !self.content.is_empty() {
            parts.push(self.content.clone());
        }
        let s = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        for e in &self.embeds {
            parts.extend(s(e.pointer("/author/name")));
            parts.extend(s(e.get("title")));
            parts.extend(s(e.get("description")));
            if let Some(fields) = e.get("fields").and_then(Value::as_array) {
                for f in fields {
                    parts.extend(s(f.get("name")));
                    parts.extend(s(f.get("value")));
                }
            }
            parts.extend(s(e.pointer("/footer/text")));
        }
        walk_components(&self.components, &mut |c| {
            if c.get("type").and_then(Value::as_u64) == Some(10) {
                parts.extend(s(c.get("content")));
            }
        });
        parts.join("\n")
    }

    pub fn buttons(&self) -> Vec<ShownButton> {
        let mut out = Vec::new();
        walk_components(&self.components, &mut |c| {
            if c.get("type").and_then(Value::as_u64) == Some(2) {
                let id = c
                    .get("custom_id")
                    .or_else(|| c.get("url"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let label = c.get("label").and_then(Value::as_str).unwrap_or("").to_string();
                let disabled = c.get("disabled").and_then(Value::as_bool).unwrap_or(false);
                let style = c.get("style").and_then(Value::as_u64).unwrap_or(0);
                out.push(ShownButton { custom_id: id, label, disabled, style });
            }
        });
        out
    }

    pub fn button_by_label(&self, label: &str) -> Option<ShownButton> {
        self.buttons().into_iter().find(|b| b.label == label)
    }

    /// The component with this custom_id, anywhere in the message.
    pub fn component(&self, custom_id: &str) -> Option<Value> {
        let mut found = None;
        walk_components(&self.components, &mut |c| {
            if found.is_none() && c.get("custom_id").and_then(Value::as_str) == Some(custom_id) {
                found = Some(c.clone());
            }
        });
        found
    }

    /// The (value, label) pairs of a string select.
    pub fn select_options(&self, custom_id: &str) -> Vec<(String, String)> {
        self.component(custom_id)
            .and_then(|c| c.get("options").and_then(Value::as_array).cloned())
            .unwrap_or_default()
            .iter()
            .map(|o| {
                let g = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                (g("value"), g("label"))
            })
            .collect()
    }
}

pub(crate) fn walk_components(items: &[Value], f: &mut dyn FnMut(&Value)) {
    for c in items {
        f(c);
        if let Some(children) = c.get("components").and_then(Value::as_array) {
            walk_components(children, f);
        }
        for key in ["component", "accessory"] {
            if let Some(inner) = c.get(key) {
                walk_components(std::slice::from_ref(inner), f);
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShownTextInput {
    pub custom_id: String,
    pub label: Option<String>,
    /// 1 short, 2 paragraph.
    pub style: u64,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub required: bool,
    pub value: Option<String>,
    pub placeholder: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShownModal {
    pub custom_id: String,
    pub title: String,
    pub inputs: Vec<ShownTextInput>,
    /// The interaction that opened the modal (its message, if any, goes with the submit).
    pub opened_by: u64,
    pub raw: Value,
}

impl ShownModal {
    pub(crate) fn from_value(data: &Value, opened_by: u64) -> ShownModal {
        let mut inputs = Vec::new();
        let rows = data.get("components").and_then(Value::as_array).cloned().unwrap_or_default();
        for row in &rows {
            // A text input sits in an action row (classic) or in a label (type 18).
            let label_text = row.get("label").and_then(Value::as_str).map(str::to_string);
            walk_components(std::slice::from_ref(row), &mut |c| {
                if c.get("type").and_then(Value::as_u64) != Some(4) {
                    return;
                }
                let g = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
                inputs.push(ShownTextInput {
                    custom_id: g("custom_id").unwrap_or_default(),
                    label: g("label").or_else(|| label_text.clone()),
                    style: c.get("style").and_then(Value::as_u64).unwrap_or(1),
                    min_length: c.get("min_length").and_then(Value::as_u64),
                    max_length: c.get("max_length").and_then(Value::as_u64),
                    required: c.get("required").and_then(Value::as_bool).unwrap_or(true),
                    value: g("value"),
                    placeholder: g("placeholder"),
                });
            });
        }
        ShownModal {
            custom_id: data.get("custom_id").and_then(Value::as_str).unwrap_or("").to_string(),
            title: data.get("title").and_then(Value::as_str).unwrap_or("").to_string(),
            inputs,
            opened_by,
            raw: data.clone(),
        }
    }

    pub fn input(&self, custom_id: &str) -> Option<&ShownTextInput> {
        self.inputs.iter().find(|i| i.custom_id == custom_id)
    }
}

/// Something that names a modal to submit: a shown modal or its custom_id.
pub trait ModalRef {
    fn modal_custom_id(&self) -> String;
    fn opened_by(&self) -> Option<u64> {
        None
    }
}

impl ModalRef for ShownModal {
    fn modal_custom_id(&self) -> String {
        self.custom_id.clone()
    }
    fn opened_by(&self) -> Option<u64> {
        Some(self.opened_by)
    }
}

impl ModalRef for &ShownModal {
    fn modal_custom_id(&self) -> String {
        self.custom_id.clone()
    }
    fn opened_by(&self) -> Option<u64> {
        Some(self.opened_by)
    }
}

impl ModalRef for &str {
    fn modal_custom_id(&self) -> String {
        (*self).to_string()
    }
}

impl ModalRef for String {
    fn modal_custom_id(&self) -> String {
        self.clone()
    }
}

/// An autocomplete suggestion.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub name: String,
    pub value: Value,
}

/// What the person saw as the answer to an interaction.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// A new message (callback type 4, or type 5 followed by an edit of @original).
    Message(ShownMessage),
    /// The component's message, edited (type 7, or type 6 followed by an edit).
    Updated(ShownMessage),
    Modal(ShownModal),
    Autocomplete(Vec<Choice>),
}

impl Response {
    pub fn message(&self) -> Option<&ShownMessage> {
        match self {
            Response::Message(m) | Response::Updated(m) => Some(m),
            _ => None,
        }
    }

    /// The message of a `Message` or `Updated` answer.
    ///
    /// # Panics
    /// If the answer was a modal or autocomplete choices.
    pub fn expect_message(self) -> ShownMessage {
        match self {
            Response::Message(m) | Response::Updated(m) => m,
            other => panic!("expected a message response, got {other:?}"),
        }
    }

    /// # Panics
    /// If the answer was not a modal.
    pub fn expect_modal(self) -> ShownModal {
        match self {
            Response::Modal(m) => m,
            other => panic!("expected a modal response, got {other:?}"),
        }
    }
}

/// How long the bot took to answer, measured by the stand-in.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// From dispatching the interaction to the callback request.
    pub to_callback: Duration,
}
