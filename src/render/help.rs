//! `/help`: what the bot does, every command, how privacy works, and the disclaimer.

use crate::content::Content;
use crate::reply::{Embed, Field, Reply, COLOUR};

pub fn render(content: &Content) -> Reply {
    let h = &content.ui.help;
    let c = &content.ui.commands;
    let slugs = content.steps().iter().map(|s| s.slug.as_str()).collect::<Vec<_>>().join(", ");
    let commands = [
        ("/guide".to_owned(), &c.guide),
        (format!("/step <{slugs}>"), &c.step),
        ("/progress".to_owned(), &c.progress),
        ("/strategies".to_owned(), &c.strategies),
        ("/support".to_owned(), &c.support),
        ("/help".to_owned(), &c.help),
    ]
    .iter()
    .map(|(name, what)| format!("`{name}` — {what}"))
    .collect::<Vec<_>>()
    .join("\n");
    Reply::embed(Embed {
        title: Some(h.title.clone()),
        description: Some(h.intro.trim().to_owned()),
        fields: vec![
            Field { name: h.commands_heading.clone(), value: commands },
            Field { name: h.privacy_heading.clone(), value: h.privacy.trim().to_owned() },
            Field {
                name: h.disclaimer_heading.clone(),
                value: content.support.disclaimer.text.trim().to_owned(),
            },
        ],
        footer: None,
        colour: COLOUR,
        image: None,
    })
}
