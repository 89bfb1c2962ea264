//! The check-in and journal forms, their confirmations, and a page of the journal.

use crate::content::{fill, Content};
use crate::custom_id::{Action, ButtonId};
use crate::reply::{Button, ButtonStyle, Embed, Field, Modal, ModalInput, Reply, COLOUR};
use crate::store::reflect::JournalEntry;

use super::discord_time;

/// The longest journal entry (Discord's text-input limit).
pub const JOURNAL_MAX: u16 = 4000;
/// The longest answer to each check-in question.
pub const CHECKIN_MAX: u16 = 200;
pub const JOURNAL_PER_PAGE: u32 = 4;
/// How much of an entry a page shows.
const SHOWN: usize = 900;

pub fn checkin_modal(content: &Content, owner: u64) -> Modal {
    let c = &content.reflect.checkin;
    let input = |id: &str, label: &str, placeholder: &str, max: u16, required: bool| ModalInput {
        id: id.to_owned(),
        label: label.to_owned(),
        placeholder: placeholder.to_owned(),
        max_length: max,
        required,
        long: false,
    };
    Modal {
        custom_id: ButtonId::new(owner, Action::CheckinSubmit).to_string(),
        title: c.title.clone(),
        inputs: vec![
            input("feeling", &c.feeling_label, &c.feeling_placeholder, CHECKIN_MAX, true),
            input("need", &c.need_label, &c.need_placeholder, CHECKIN_MAX, true),
            input("steadiness", &c.steadiness_label, &c.steadiness_placeholder, 1, false),
        ],
    }
}

pub fn journal_modal(content: &Content, owner: u64, prompt: Option<u8>) -> Modal {
    let j = &content.reflect.journal;
    let placeholder = prompt.and_then(|i| j.prompts.get(usize::from(i))).unwrap_or(&j.placeholder).clone();
    Modal {
        custom_id: ButtonId::new(owner, Action::JournalSubmit(prompt)).to_string(),
        title: j.title.clone(),
        inputs: vec![ModalInput {
            id: "entry".to_owned(),
            label: j.label.clone(),
            placeholder,
            max_length: JOURNAL_MAX,
            required: true,
            long: true,
        }],
    }
}

pub fn checkin_saved(
    content: &Content,
    feeling: &str,
    need: &str,
    steadiness: Result<Option<u8>, ()>,
) -> Reply {
    let c = &content.reflect.checkin;
    let mut text = fill(&c.saved, &[("feeling", &clean(feeling, 200)), ("need", &clean(need, 200))]);
    match steadiness {
        Ok(Some(s)) => {
            text = format!("{text}\n{}", fill(&c.steadiness_line, &[("steadiness", &s.to_string())]))
        }
        Ok(None) => {}
        Err(()) => text = format!("{text}\n{}", c.bad_steadiness),
    }
    Reply::text(text).private()
}

/// A page of the journal, newest first, with buttons to the newer and older pages.
pub fn journal_page(content: &Content, owner: u64, entries: &[JournalEntry], page: u32, total: u32) -> Reply {
    let j = &content.reflect.journal;
    if total == 0 {
        return Reply::embed(Embed {
            title: Some(j.read_title.clone()),
            description: Some(j.empty.clone()),
            colour: COLOUR,
            image: None,
            ..Embed::default()
        })
        .private();
    }
    let pages = total.div_ceil(JOURNAL_PER_PAGE).max(1);
    let fields = entries
        .iter()
        .map(|e| {
            let mut value = String::new();
            if let Some(p) = &e.prompt {
                value.push_str(&format!("*{}*\n", clean(p, 100)));
            }
            let count = e.text.chars().count();
            value.push_str(&clean(&e.text, SHOWN));
            if count > SHOWN {
                value.push_str(&format!("…\n{}", fill(&j.shortened, &[("count", &count.to_string())])));
            }
            Field { name: "🗓".to_owned(), value: format!("{}\n{value}", discord_time(e.at, 'f')) }
        })
        .collect();
    let id = |page| ButtonId::new(owner, Action::JournalPage(page)).to_string();
    Reply::embed(Embed {
        title: Some(j.read_title.clone()),
        description: None,
        fields,
        footer: Some(fill(
            &j.page_footer,
            &[("page", &(page + 1).to_string()), ("pages", &pages.to_string())],
        )),
        colour: COLOUR,
        image: None,
    })
    .with_row(vec![
        Button::new(id(page.saturating_sub(1)), &j.newer, ButtonStyle::Secondary).disabled(page == 0),
        Button::new(id(page + 1), &j.older, ButtonStyle::Secondary).disabled(page + 1 >= pages),
    ])
    .private()
}

/// Text a person wrote, shown back to them: at most `max` characters, with no way to ping anyone.
fn clean(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect::<String>().replace('@', "@\u{200b}")
}
