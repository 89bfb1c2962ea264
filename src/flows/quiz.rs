//! The quiz conversation: start or resume, one answer at a time (clicked or typed), Back, Skip, Stop,
//! the result, and the history. Every step checks it is acting on the question still on screen.

use chrono::Duration;

use super::{Answer, Person};
use crate::app::App;
use crate::custom_id::{Action, QuizSpot};
use crate::ids::UserId;
use crate::quiz::result;
use crate::quiz::typed::{self, Typed};
use crate::render;
use crate::reply::Reply;
use crate::store::quiz::{QuizSession, SessionStatus, StoredResult};
use crate::store::StoreResult;

/// The person's quiz in progress, after clearing it if it has been left longer than the expiry.
/// The second value is a notice to show when an old quiz was cleared.
async fn current(app: &App, user_id: UserId) -> StoreResult<(Option<QuizSession>, Option<String>)> {
    let Some(session) = app.store.active_quiz(user_id).await? else {
        return Ok((None, None));
    };
    let now = app.clock.now();
    let days = app.content.quiz.expiry_days;
    if now - session.updated_at > Duration::days(i64::from(days)) {
        app.store.expire_quiz(session.id, now).await?;
        tracing::info!(user_id = user_id.get(), session_id = session.id, "unfinished quiz expired");
        let notice = render::quiz::expired_notice(&app.content, days);
        return Ok((None, Some(notice)));
    }
    Ok((Some(session), None))
}

async fn question(
    app: &App,
    session: &QuizSession,
    notice: Option<String>,
    in_guild: bool,
) -> StoreResult<Reply> {
    let current = match session.item_ids.get(session.position) {
        Some(item) => app
            .store
            .quiz_answers(session.id)
            .await?
            .into_iter()
            .find(|(id, _)| id == item)
            .and_then(|(_, raw)| raw),
        None => None,
    };
    Ok(render::quiz::question(&app.content, session, current, notice, in_guild))
}

/// `/quiz start`: the current question of a quiz in progress, or the first question of a new one.
pub async fn start_command(app: &App, who: Person) -> StoreResult<Reply> {
    begin(app, who, who.in_guild).await
}

/// `/quiz history` and its button: every result, numbered, with a button to open each.
pub async fn history(app: &App, who: Person) -> StoreResult<Reply> {
    let results = app.store.quiz_results(who.user_id).await?;
    let zone = app.store.time_zone(who.user_id).await?;
    Ok(render::quiz::history(&app.content, who.user_id, &results, zone))
}

/// A stored result shown in full, with the notes and steps its answers give.
async fn result_view(
    app: &App,
    owner: UserId,
    stored: &StoredResult,
    notice: Option<String>,
) -> StoreResult<Reply> {
    let quiz = &app.content.quiz;
    let answers = app.store.quiz_answers(stored.session_id).await?;
    let answered = result::answered(quiz, &answers);
    let personal = result::personal_notes(quiz, &answered);
    let steps = result::start_steps(quiz, stored, &answered);
    let view = render::quiz::ResultView { result: stored, personal: &personal, steps: &steps, notice };
    Ok(render::quiz::result(&app.content, owner, &view))
}

/// Resumes the quiz in progress or starts a new one, returning its current question.
async fn begin(app: &App, who: Person, in_guild: bool) -> StoreResult<Reply> {
    let (session, expired) = current(app, who.user_id).await?;
    let (session, notice) = match session {
        Some(s) => {
            app.store.resume_quiz(s.id).await?;
            (s, Some(app.content.quiz.messages.resume.clone()))
        }
        None => {
            let items: Vec<String> = app.content.quiz.items.iter().map(|i| i.id.clone()).collect();
            let s = app.store.start_quiz(who.user_id, &items, app.clock.now()).await?;
            tracing::info!(user_id = who.user_id.get(), session_id = s.id, "quiz started");
            (s, expired)
        }
    };
    question(app, &session, notice, in_guild).await
}

/// A quiz button, already checked to belong to `who`.
pub async fn click(app: &App, who: Person, action: Action) -> StoreResult<Answer> {
    let content = &app.content;
    Ok(match action {
        Action::QuizStart => Answer::Update(begin(app, who, who.in_guild).await?),
        Action::QuizHistory => Answer::Update(history(app, who).await?),
        Action::QuizResult(session_id) => match app.store.quiz_result(who.user_id, session_id).await? {
            Some(stored) => {
                let notice = render::quiz::result_from(content, stored.finished_at);
                Answer::New(result_view(app, who.user_id, &stored, Some(notice)).await?)
            }
            // Deleted with `/mydata delete`, or never this person's.
            None => Answer::New(render::quiz::result_gone(content)),
        },
        Action::QuizToDm => {
            let dm = begin(app, who, false).await?;
            let (session, _) = current(app, who.user_id).await?;
            let Some(session) = session else {
                return Ok(Answer::New(render::notices::something_went_wrong(content)));
            };
            let fallback =
                question(app, &session, Some(content.quiz.messages.dm_closed.clone()), who.in_guild).await?;
            Answer::ToDm { dm, confirm: render::quiz::moved_to_dm(content), fallback }
        }
        Action::QuizAnswer(spot, value) => step(app, who, spot, Move::Answer(value)).await?,
        Action::QuizSkip(spot) => step(app, who, spot, Move::Skip).await?,
        Action::QuizBack(spot) => step(app, who, spot, Move::Back).await?,
        Action::QuizStop(spot) => step(app, who, spot, Move::Stop).await?,
        _ => Answer::New(render::notices::unknown_button(content)),
    })
}

#[derive(Debug, Clone, Copy)]
enum Move {
    Answer(u8),
    Skip,
    Back,
    Stop,
}

/// Applies one move to the question at `spot`; a move on any other question is stale and changes nothing.
async fn step(app: &App, who: Person, spot: QuizSpot, mv: Move) -> StoreResult<Answer> {
    let content = &app.content;
    let session = app.store.quiz_session(spot.session).await?.filter(|s| s.user_id == who.user_id);
    let Some(session) = session else {
        return Ok(Answer::New(render::quiz::stale(content, who.user_id)));
    };
    if !session.is_active() {
        let reply = if session.status == SessionStatus::Finished {
            render::quiz::finished_already(content, who.user_id)
        } else {
            render::quiz::stale(content, who.user_id)
        };
        return Ok(Answer::New(reply));
    }
    // A button of its own resumes a stopped quiz: the person asked.
    if session.paused && !matches!(mv, Move::Stop) {
        app.store.resume_quiz(session.id).await?;
    }
    match apply(app, &session, usize::from(spot.position), mv, who.in_guild).await? {
        Some(reply) => Ok(Answer::Update(reply)),
        None => {
            tracing::info!(user_id = who.user_id.get(), session_id = session.id, "stale quiz button");
            Ok(Answer::New(render::quiz::stale(content, who.user_id)))
        }
    }
}

/// The reply after the move, or `None` when the question was no longer the one on screen.
async fn apply(
    app: &App,
    session: &QuizSession,
    position: usize,
    mv: Move,
    in_guild: bool,
) -> StoreResult<Option<Reply>> {
    let now = app.clock.now();
    if position != session.position {
        return Ok(None);
    }
    let moved = match mv {
        Move::Stop => {
            app.store.pause_quiz(session.id, now).await?;
            return Ok(Some(render::quiz::paused(&app.content, session.user_id)));
        }
        Move::Back => app.store.quiz_back(session.id, position, now).await?,
        Move::Answer(value) => {
            if !(app.content.quiz.scale.min..=app.content.quiz.scale.max).contains(&value) {
                return Ok(None);
            }
            let Some(item) = session.item_ids.get(position) else {
                return Ok(None);
            };
            app.store.answer_quiz(session.id, position, item, Some(value), now).await?
        }
        Move::Skip => {
            let Some(item) = session.item_ids.get(position) else {
                return Ok(None);
            };
            app.store.answer_quiz(session.id, position, item, None, now).await?
        }
    };
    if !moved {
        return Ok(None);
    }
    let Some(session) = app.store.quiz_session(session.id).await? else {
        return Ok(None);
    };
    if session.is_complete() {
        return Ok(Some(finish(app, &session).await?));
    }
    Ok(Some(question(app, &session, None, in_guild).await?))
}

async fn finish(app: &App, session: &QuizSession) -> StoreResult<Reply> {
    let quiz = &app.content.quiz;
    let answers = app.store.quiz_answers(session.id).await?;
    let answered = result::answered(quiz, &answers);
    let outcome = result::outcome(quiz, &answered);
    let stored = result::to_stored(&outcome, session.id, app.clock.now());
    if app.store.finish_quiz(session, &stored).await? {
        tracing::info!(user_id = session.user_id.get(), session_id = session.id, verdict = ?stored.verdict, "quiz finished");
    }
    result_view(app, session.user_id, &stored, None).await
}

/// Text typed in the DM while a quiz waits for an answer. `None` when no quiz is in progress.
pub async fn typed(app: &App, user_id: UserId, text: &str) -> StoreResult<Option<Reply>> {
    let (session, notice) = current(app, user_id).await?;
    let Some(session) = session else {
        return Ok(notice.map(Reply::text));
    };
    if session.paused {
        // Stopped for now: "hello" is a greeting and "agree" is not an answer, until the quiz is resumed.
        return Ok(None);
    }
    let mv = match typed::parse(text, &app.content.quiz) {
        Typed::Answer(v) => Move::Answer(v),
        Typed::Back => Move::Back,
        Typed::Skip => Move::Skip,
        Typed::Stop => Move::Stop,
        Typed::NotAnAnswer => return Ok(Some(render::quiz::typed_hint(&app.content))),
    };
    if matches!(mv, Move::Back) && session.position == 0 {
        return Ok(Some(question(app, &session, None, false).await?));
    }
    let reply = apply(app, &session, session.position, mv, false).await?;
    Ok(Some(match reply {
        Some(r) => r,
        None => render::quiz::stale(&app.content, user_id),
    }))
}
