//! `/strategies`: the guide's six everyday strategies, each with something small to try today.

use crate::content::Content;
use crate::reply::{Embed, Field, Reply, COLOUR};

pub fn render(content: &Content) -> Reply {
    let s = &content.strategies;
    let label = &content.ui.messages.try_today_label;
    let fields = s
        .strategies
        .iter()
        .map(|st| Field {
            name: st.name.clone(),
            value: format!("{}\n*{}* {}", st.what.trim(), label, st.try_today.trim()),
        })
        .collect();
    Reply::embed(Embed {
        title: Some(s.title.clone()),
        description: Some(s.intro.trim().to_owned()),
        fields,
        footer: Some(s.closing.trim().to_owned()),
        colour: COLOUR,
        image: None,
    })
}
