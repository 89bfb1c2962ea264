//! The check-in and journal forms, their confirmations, and a page of the journal.

use crate::content::{fill, Content};
use crate::custom_id::{Action, ButtonId};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Embed, Field, Modal, ModalInput, Reply, COLOUR};
use crate::store::reflect::{CheckinEntry, JournalEntry};

use super::format::discord_time;

/// The longest journal entry (Discord's text-input limit).
pub const JOURNAL_MAX: u16 = 4000;
/// The longest answer to each check-in question.
pub const CHECKIN_MAX: u16 = 200;
pub const JOURNAL_PER_PAGE: u32 = 4;
pub const CHECKINS_PER_PAGE: u32 = 6;
/// How much of an entry a page shows.
const SHOWN: usize = 900;

pub fn checkin_modal(content: &Content, owner: UserId) -> Modal {
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

pub fn journal_modal(content: &Content, owner: UserId, prompt: Option<u8>) -> Modal {
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
    let feeling = echo(feeling, &c.echo_feeling_openings);
    let need = echo(need, &c.echo_need_openings);
    let mut text = if need.is_empty() {
        fill(&c.saved_feeling_only, &[("feeling", &feeling)])
    } else {
        fill(&c.saved, &[("feeling", &feeling), ("need", &need)])
    };
    match steadiness {
        Ok(Some(s)) => {
            text = format!("{text}\n{}", fill(&c.steadiness_line, &[("steadiness", &s.to_string())]))
        }
        Ok(None) => {}
        Err(()) => text = format!("{text}\n{}", c.bad_steadiness),
    }
    Reply::text(text)
}

/// A page of the journal, newest first, with buttons to the newer and older pages.
pub fn journal_page(
    content: &Content,
    owner: UserId,
    entries: &[JournalEntry],
    page: u32,
    total: u32,
) -> Reply {
    let j = &content.reflect.journal;
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
    let texts = PageTexts { title: &j.read_title, empty: &j.empty, footer: &j.page_footer };
    paged(content, owner, &texts, fields, (page, total.div_ceil(JOURNAL_PER_PAGE)), Action::JournalPage)
}

/// A page of the person's check-ins, newest first: when, how steady, and what they felt and needed.
pub fn checkin_page(
    content: &Content,
    owner: UserId,
    entries: &[CheckinEntry],
    page: u32,
    total: u32,
) -> Reply {
    let c = &content.reflect.checkin;
    let fields = entries
        .iter()
        .map(|e| {
            let feeling = echo(&e.feeling, &c.echo_feeling_openings);
            let need = echo(&e.need, &c.echo_need_openings);
            let mut value = if e.need.trim().is_empty() {
                fill(&c.history_entry_feeling_only, &[("feeling", &feeling)])
            } else {
                fill(&c.history_entry, &[("feeling", &feeling), ("need", &need)])
            };
            if let Some(s) = e.steadiness {
                value = format!("{value}\n{}", fill(&c.steadiness_line, &[("steadiness", &s.to_string())]));
            }
            Field { name: "🗓".to_owned(), value: format!("{}\n{value}", discord_time(e.at, 'f')) }
        })
        .collect();
    let texts = PageTexts { title: &c.history_title, empty: &c.history_empty, footer: &c.history_footer };
    paged(content, owner, &texts, fields, (page, total.div_ceil(CHECKINS_PER_PAGE)), Action::CheckinPage)
}

struct PageTexts<'a> {
    title: &'a str,
    empty: &'a str,
    /// With `{page}` and `{pages}`.
    footer: &'a str,
}

/// One page of a private list, newest first, with buttons to the newer and older pages; an empty list says
/// how to start it.
fn paged(
    content: &Content,
    owner: UserId,
    texts: &PageTexts,
    fields: Vec<Field>,
    (page, pages): (u32, u32),
    to_page: fn(u32) -> Action,
) -> Reply {
    let j = &content.reflect.journal;
    if fields.is_empty() {
        return Reply::embed(Embed {
            title: Some(texts.title.to_owned()),
            description: Some(texts.empty.to_owned()),
            colour: COLOUR,
            image: None,
            ..Embed::default()
        });
    }
    let pages = pages.max(1);
    let id = |page| ButtonId::new(owner, to_page(page)).to_string();
    Reply::embed(Embed {
        title: Some(texts.title.to_owned()),
        description: None,
        fields,
        footer: Some(fill(texts.footer, &[("page", &(page + 1).to_string()), ("pages", &pages.to_string())])),
        colour: COLOUR,
        image: None,
    })
    .with_row(vec![
        Button::new(id(page.saturating_sub(1)), &j.newer, ButtonStyle::Secondary).disabled(page == 0),
        Button::new(id(page + 1), &j.older, ButtonStyle::Secondary).disabled(page + 1 >= pages),
    ])
}

/// Text a person wrote, shown back to them: at most `max` characters, with no way to ping anyone.
/// A feeling or need as quoted back: without the opening the sentence already has ("I feel", "I need") and
/// without its closing full stop, so "You feel **unsettled**" reads once. What is stored stays as typed.
fn echo(text: &str, openings: &[String]) -> String {
    let trimmed = text.trim();
    let rest = openings
        .iter()
        .filter_map(|o| after_opening(trimmed, o))
        .min_by_key(|rest| rest.len())
        .unwrap_or(trimmed)
        .trim_end_matches(['.', '!', ' ']);
    clean(if rest.is_empty() { trimmed } else { rest }, 200)
}

/// What follows `opening` at the start of `text` as whole words, ignoring case and curly apostrophes.
fn after_opening<'t>(text: &'t str, opening: &str) -> Option<&'t str> {
    let fold = |c: char| if c == '\u{2019}' { '\'' } else { c.to_ascii_lowercase() };
    let mut chars = text.char_indices();
    for wanted in opening.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != fold(wanted) {
            return None;
        }
    }
    let rest = chars.as_str();
    rest.starts_with(char::is_whitespace).then(|| rest.trim_start())
}

fn clean(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect::<String>().replace('@', "@\u{200b}")
}

#[cfg(test)]
mod tests {
    use super::echo;

    fn feeling(text: &str) -> String {
        let openings: Vec<String> =
            ["i feel like", "i feel", "i'm feeling", "feeling", "i'm", "i am"].map(String::from).into();
        echo(text, &openings)
    }

    #[test]
    fn an_echo_leaves_out_the_opening_the_sentence_already_has() {
        assert_eq!(feeling("I feel unsettled."), "unsettled");
        assert_eq!(feeling("i’m feeling kind of lost!!"), "kind of lost");
        assert_eq!(feeling("Feeling OK"), "OK");
        assert_eq!(feeling("I feel like a burden"), "a burden");
        assert_eq!(feeling("  I'M   tired  "), "tired");
    }

    #[test]
    fn an_echo_keeps_words_that_only_look_like_an_opening() {
        assert_eq!(feeling("I feel"), "I feel", "nothing after it: kept whole");
        assert_eq!(feeling("i feelings are complicated"), "i feelings are complicated");
        assert_eq!(feeling("Imposter syndrome"), "Imposter syndrome");
        assert_eq!(feeling("tired, I feel"), "tired, I feel");
        assert_eq!(feeling("🙂"), "🙂");
        assert_eq!(feeling("ÉTÉ chaud"), "ÉTÉ chaud");
    }
}

/// Check-ins and journal entries need a sealing key the bot was started without: nothing is stored.
pub fn not_stored(content: &Content) -> Reply {
    Reply::text(content.reflect.not_stored.clone())
}

pub fn journal_saved(content: &Content) -> Reply {
    Reply::text(content.reflect.journal.saved.clone())
}

/// A check-in typed in the DM: the next question, or that it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedStep {
    AskFeeling,
    AskNeed,
    Stopped,
}

pub fn typed_checkin(content: &Content, step: TypedStep) -> Reply {
    let c = &content.reflect.checkin;
    Reply::text(match step {
        TypedStep::AskFeeling => c.ask_feeling.clone(),
        TypedStep::AskNeed => c.ask_need.clone(),
        TypedStep::Stopped => c.typed_stopped.clone(),
    })
}

/// A submitted form's field that is missing (`max` is `None`) or longer than `max`.
pub fn form_refused(content: &Content, label: &str, max: Option<u16>) -> Reply {
    let r = &content.reflect;
    Reply::text(match max {
        None => fill(&r.form_empty, &[("field", label)]),
        Some(max) => fill(&r.form_too_long, &[("field", label), ("max", &max.to_string())]),
    })
}
