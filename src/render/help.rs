//! `/help`: what the bot does, every command (from the registry the bot gives Discord), what is kept, and the
//! disclaimer.

use crate::content::Content;
use crate::reply::{Embed, Field, Reply, COLOUR};

/// One command as the registry has it: its name with its subcommands ("quiz start · history"), and what it
/// does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    pub name: String,
    pub description: String,
}

/// Discord's limit on one field's text.
const FIELD_MAX: usize = 1024;

pub fn render(content: &Content, commands: &[CommandLine]) -> Reply {
    let h = &content.ui.help;
    let mut fields = Vec::new();
    let mut value = String::new();
    for c in commands {
        let line = format!("`/{}` — {}", c.name, c.description);
        if !value.is_empty() && value.chars().count() + 1 + line.chars().count() > FIELD_MAX {
            let name = if fields.is_empty() { &h.commands_heading } else { &h.commands_more_heading };
            fields.push(Field { name: name.clone(), value: std::mem::take(&mut value) });
        }
        if !value.is_empty() {
            value.push('\n');
        }
        value.push_str(&line);
    }
    if !value.is_empty() {
        let name = if fields.is_empty() { &h.commands_heading } else { &h.commands_more_heading };
        fields.push(Field { name: name.clone(), value });
    }
    fields.push(Field { name: h.privacy_heading.clone(), value: h.privacy.trim().to_owned() });
    fields.push(Field {
        name: h.disclaimer_heading.clone(),
        value: content.support.disclaimer.text.trim().to_owned(),
    });
    Reply::embed(Embed {
        title: Some(h.title.clone()),
        description: Some(h.intro.trim().to_owned()),
        fields,
        footer: None,
        colour: COLOUR,
        image: None,
    })
}
