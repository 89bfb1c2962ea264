//! `/checkin` and `/journal`: writing for oneself, privately. Every text meets the crisis check first.

use super::care::{self, Kept};
use super::forms::{self, Field};
use super::Person;
use crate::app::App;
use crate::progress::local_day;
use crate::render;
use crate::render::reflect::{TypedStep, JOURNAL_PER_PAGE};
use crate::reply::{Modal, Reply};
use crate::safety;
use crate::store::StoreResult;

/// The check-in form, or why it cannot be offered: free text is stored sealed, or not at all.
pub fn checkin_form(app: &App, who: Person) -> Result<Modal, Reply> {
    if !app.store.can_seal() {
        return Err(not_stored(app));
    }
    Ok(render::reflect::checkin_modal(&app.content, who.user_id))
}

fn not_stored(app: &App) -> Reply {
    render::reflect::not_stored(&app.content)
}

/// `prompt`: show one of the guide's prompts, chosen by the day so it changes from day to day.
pub fn journal_form(app: &App, who: Person, prompt: bool) -> Result<Modal, Reply> {
    if !app.store.can_seal() {
        return Err(not_stored(app));
    }
    let prompts = app.content.reflect.journal.prompts.len().max(1);
    let index = prompt.then(|| {
        let day = app.clock.now().timestamp() / 86_400;
        u8::try_from(day.rem_euclid(prompts as i64)).unwrap_or(0)
    });
    Ok(render::reflect::journal_modal(&app.content, who.user_id, index))
}

/// Reads "1" to "5"; anything else given is reported, nothing given is fine.
fn steadiness(raw: &str) -> Result<Option<u8>, ()> {
    match raw.trim() {
        "" => Ok(None),
        s => match s.parse::<u8>() {
            Ok(n @ 1..=5) => Ok(Some(n)),
            _ => Err(()),
        },
    }
}

/// The check-in is kept as the person wrote it, for themselves (sealed, or not at all), whatever the crisis
/// check finds; an alarm is then answered with care instead of the usual confirmation. Nothing of it is logged.
pub async fn save_checkin(
    app: &App,
    who: Person,
    feeling: &str,
    need: &str,
    steady: &str,
) -> StoreResult<Reply> {
    let finding = safety::check(&format!("{feeling}\n{need}"), &app.content.crisis_language);
    let c = &app.content.reflect.checkin;
    let max = render::reflect::CHECKIN_MAX;
    let fields = [
        Field { label: &c.feeling_label, value: feeling, max, required: true },
        Field { label: &c.need_label, value: need, max, required: true },
        Field { label: &c.steadiness_label, value: steady, max: 1, required: false },
    ];
    if let Some(refused) = forms::refusal(&app.content, &fields) {
        tracing::info!(
            user_id = who.user_id.get(),
            "a check-in form that Discord would not have sent; nothing stored"
        );
        return care::for_own_words(app, who.user_id, finding, Kept::Checkin, false, refused).await;
    }
    let parsed = steadiness(steady);
    let saved = keep_checkin(app, who, feeling, need, parsed.ok().flatten()).await?;
    let answer = if saved {
        render::reflect::checkin_saved(&app.content, feeling, need, parsed)
    } else {
        not_stored(app)
    };
    care::for_own_words(app, who.user_id, finding, Kept::Checkin, saved, answer).await
}

/// Stores a check-in, sealed; `false` when the store cannot seal, and then nothing is stored.
async fn keep_checkin(
    app: &App,
    who: Person,
    feeling: &str,
    need: &str,
    steadiness: Option<u8>,
) -> StoreResult<bool> {
    if !app.store.can_seal() {
        return Ok(false);
    }
    let now = app.clock.now();
    let day = local_day(now, app.store.time_zone(who.user_id).await?);
    app.store.save_checkin(who.user_id, day, now, feeling.trim(), need.trim(), steadiness).await?;
    tracing::info!(user_id = who.user_id.get(), "check-in saved");
    Ok(true)
}

/// The entry is kept for the person whatever the crisis check finds, as with a check-in.
pub async fn save_journal(app: &App, who: Person, prompt: Option<u8>, text: &str) -> StoreResult<Reply> {
    let finding = safety::check(text, &app.content.crisis_language);
    let entry = [Field {
        label: &app.content.reflect.journal.label,
        value: text,
        max: render::reflect::JOURNAL_MAX,
        required: true,
    }];
    if let Some(refused) = forms::refusal(&app.content, &entry) {
        tracing::info!(
            user_id = who.user_id.get(),
            "a journal form that Discord would not have sent; nothing stored"
        );
        return care::for_own_words(app, who.user_id, finding, Kept::Journal, false, refused).await;
    }
    let saved = app.store.can_seal();
    let answer = if saved {
        let prompt_text = prompt.and_then(|i| app.content.reflect.journal.prompts.get(usize::from(i)));
        app.store
            .save_journal(who.user_id, app.clock.now(), prompt_text.map(String::as_str), text.trim())
            .await?;
        tracing::info!(user_id = who.user_id.get(), "journal entry saved");
        render::reflect::journal_saved(&app.content)
    } else {
        not_stored(app)
    };
    care::for_own_words(app, who.user_id, finding, Kept::Journal, saved, answer).await
}

/// The last page, when `page` is past it (entries were fewer than when the button or command was made).
fn last_page_if_past(page: u32, total: u32, per_page: u32) -> Option<u32> {
    let last = total.div_ceil(per_page).saturating_sub(1);
    (page > last && total > 0).then_some(last)
}

/// `/checkin history [page]`: the person's check-ins, newest first; past the end, the last page.
pub async fn checkin_page(app: &App, who: Person, page: u32) -> StoreResult<Reply> {
    use crate::render::reflect::CHECKINS_PER_PAGE;
    let (entries, total) = app.store.checkin_page(who.user_id, page, CHECKINS_PER_PAGE).await?;
    if let Some(last) = last_page_if_past(page, total, CHECKINS_PER_PAGE) {
        return Box::pin(checkin_page(app, who, last)).await;
    }
    Ok(render::reflect::checkin_page(&app.content, who.user_id, &entries, page, total))
}

pub async fn journal_page(app: &App, who: Person, page: u32) -> StoreResult<Reply> {
    let (entries, total) = app.store.journal_page(who.user_id, page, JOURNAL_PER_PAGE).await?;
    if let Some(last) = last_page_if_past(page, total, JOURNAL_PER_PAGE) {
        return Box::pin(journal_page(app, who, last)).await;
    }
    Ok(render::reflect::journal_page(&app.content, who.user_id, &entries, page, total))
}

/// A typed check-in waits this long for its next answer.
const TYPED_WAIT_MINUTES: i64 = 60;

/// Text typed in the DM that starts, continues or ends a typed check-in; `None` when it is none of those.
/// The caller has checked the text: an alarm never reaches here (see [`keep_typed`]).
pub async fn typed(app: &App, who: Person, text: &str) -> StoreResult<Option<Reply>> {
    let c = &app.content.reflect.checkin;
    let now = app.clock.now();
    let said = safety::normalise(text);
    let said = said.trim_matches(|ch: char| ch.is_ascii_punctuation() || ch.is_whitespace());
    match app.store.typed_checkin(who.user_id, typed_since(app)).await? {
        None if c.typed_start.iter().any(|w| safety::normalise(w) == said) && !app.store.can_seal() => {
            Ok(Some(not_stored(app)))
        }
        None if c.typed_start.iter().any(|w| safety::normalise(w) == said) => {
            app.store.start_typed_checkin(who.user_id, now).await?;
            Ok(Some(render::reflect::typed_checkin(&app.content, TypedStep::AskFeeling)))
        }
        None => Ok(None),
        Some(_) if app.content.quiz.messages.typed_stop.iter().any(|w| safety::normalise(w) == said) => {
            app.store.end_typed_checkin(who.user_id).await?;
            Ok(Some(render::reflect::typed_checkin(&app.content, TypedStep::Stopped)))
        }
        Some(None) => {
            app.store.typed_feeling(who.user_id, text.trim()).await?;
            Ok(Some(render::reflect::typed_checkin(&app.content, TypedStep::AskNeed)))
        }
        Some(Some(feeling)) => {
            app.store.end_typed_checkin(who.user_id).await?;
            // "skip" skips the need: the check-in keeps the feeling alone.
            let skipped = c.typed_skip.iter().any(|w| safety::normalise(w) == said);
            let need = if skipped { "" } else { text };
            let saved = keep_checkin(app, who, &feeling, need, None).await?;
            Ok(Some(if saved {
                render::reflect::checkin_saved(&app.content, &feeling, need, Ok(None))
            } else {
                not_stored(app)
            }))
        }
    }
}

/// Words that raised an alarm while a typed check-in waited: they are its answer (the feeling, or the need
/// after one), kept like a form's, and the check-in ends, so the next message is read afresh.
pub async fn keep_typed(app: &App, who: Person, text: &str) -> StoreResult<Kept> {
    let Some(feeling) = app.store.typed_checkin(who.user_id, typed_since(app)).await? else {
        return Ok(Kept::Nothing);
    };
    app.store.end_typed_checkin(who.user_id).await?;
    let (feeling, need) = match &feeling {
        None => (text, ""),
        Some(feeling) => (feeling.as_str(), text),
    };
    Ok(if keep_checkin(app, who, feeling, need, None).await? { Kept::Checkin } else { Kept::Nothing })
}

fn typed_since(app: &App) -> chrono::DateTime<chrono::Utc> {
    app.clock.now() - chrono::Duration::minutes(TYPED_WAIT_MINUTES)
}

#[cfg(test)]
mod tests {
    #[test]
    fn steadiness_is_one_to_five_or_nothing() {
        assert_eq!(super::steadiness(" 4 "), Ok(Some(4)));
        assert_eq!(super::steadiness(""), Ok(None));
        assert_eq!(super::steadiness("7"), Err(()));
        assert_eq!(super::steadiness("very"), Err(()));
    }
}
