//! The guide's commands and buttons: /guide, /step, /progress, /strategies, /support, /help.

use super::{Answer, Person};
use crate::app::App;
use crate::custom_id::Action;
use crate::progress::{local_day, PracticeRef, ProgressSummary, RECENT_SHOWN};
use crate::render::support::{country_notice, CountryRead};
use crate::render::{self, step::StepView};
use crate::reply::Reply;
use crate::store::practice::LogOutcome;
use crate::store::StoreResult;

pub async fn guide(app: &App, who: Person, share: bool) -> Reply {
    who.shared_or_private(share, render::guide::render(&app.content, who.user_id))
}

pub async fn step(app: &App, who: Person, slug: &str, share: bool) -> StoreResult<Reply> {
    // A shared step never shows its owner's own progress.
    let reply = step_view(app, who, slug, !who.shares(share), None).await?;
    Ok(who.shared_or_private(share, reply))
}

pub fn strategies(app: &App, who: Person, share: bool) -> Reply {
    who.shared_or_private(share, render::strategies::render(&app.content))
}

/// `/support [country]`: a country named or coded is remembered, and its lines come first from then on; one the
/// bot cannot read is refused with a line saying so, and every line is still shown.
pub async fn support(app: &App, who: Person, share: bool, country: Option<&str>) -> StoreResult<Reply> {
    let typed = country.map(str::trim).filter(|t| !t.is_empty());
    let (country, notice) = match typed.map(|t| (t, crate::country::read(t))) {
        Some((_, Some(found))) => {
            app.store.set_country(who.user_id, &found.code, app.clock.now()).await?;
            tracing::info!(user_id = who.user_id.get(), country = %found.code, "country saved");
            let listed =
                app.content.support.crisis.resources.iter().any(|r| r.country_codes.contains(&found.code));
            let notice = country_notice(&app.content, &CountryRead::Saved { name: &found.name, listed });
            (Some(found.code), Some(notice))
        }
        Some((typed, None)) => {
            let notice = country_notice(&app.content, &CountryRead::Unknown { typed });
            (app.store.country(who.user_id).await?, Some(notice))
        }
        None => (app.store.country(who.user_id).await?, None),
    };
    let reply = render::support::render(&app.content, country.as_deref());
    // Shared in a channel, the lines are posted without saying whose country was saved.
    Ok(if who.shares(share) { reply.shared() } else { Reply { content: notice, ..reply } })
}

/// `/help`, listing `commands` as the bot registered them.
pub fn help(app: &App, commands: &[render::help::CommandLine]) -> Reply {
    render::help::render(&app.content, commands)
}

pub async fn progress(app: &App, who: Person) -> StoreResult<Reply> {
    let summary = ProgressSummary {
        completed: app.store.completed_steps(who.user_id).await?,
        counts: app.store.practice_counts(who.user_id).await?,
        recent: app.store.recent_practices(who.user_id, RECENT_SHOWN).await?,
        group_checkins: app.store.group_checkin_count(who.user_id).await?,
        steadiness: app.store.recent_steadiness(who.user_id, crate::progress::STEADINESS_SHOWN).await?,
        streaks: crate::streak::streaks(
            &app.store.active_days(who.user_id).await?,
            local_day(app.clock.now(), app.store.time_zone(who.user_id).await?),
        ),
    };
    let mut reply = render::progress::render(&app.content, who.user_id, &summary);
    if !summary.is_empty() {
        match picture(app, who, &summary).await.map(|data| render::picture::progress_png(&data)) {
            Ok(Ok(png)) => {
                if let Some(embed) = reply.embeds.first_mut() {
                    embed.image = Some(format!("attachment://{}", render::picture::FILE_NAME));
                }
                reply.files.push((render::picture::FILE_NAME.to_owned(), png));
            }
            // The text says it all without the picture.
            Ok(Err(error)) => tracing::warn!(error = %error, "progress picture not drawn"),
            Err(error) => tracing::warn!(error = %error, "progress picture data not read"),
        }
    }
    Ok(reply)
}

async fn picture(
    app: &App,
    who: Person,
    summary: &ProgressSummary,
) -> StoreResult<render::picture::PictureData> {
    let zone = app.store.time_zone(who.user_id).await?;
    let today = local_day(app.clock.now(), zone);
    let from = today - chrono::Duration::weeks(13);
    // A straight-lined or contradictory quiz gave no fair scores: it is not drawn.
    let quiz = app
        .store
        .quiz_results(who.user_id)
        .await?
        .into_iter()
        .filter(|r| !r.verdict.is_withheld())
        .filter_map(|r| Some((local_day(r.finished_at, zone), r.anxiety?, r.avoidance?)))
        .collect();
    let labels = &app.content.ui.progress;
    let q = &app.content.quiz.messages;
    Ok(render::picture::PictureData {
        today,
        activity: app.store.activity_by_day(who.user_id, from).await?,
        steps: app
            .content
            .steps()
            .iter()
            .map(|s| (s.number, summary.is_completed(&s.slug), summary.count_for(&s.slug)))
            .collect(),
        quiz,
        steadiness: summary.steadiness.clone(),
        labels: render::picture::PictureLabels {
            weeks: labels.picture_weeks.clone(),
            steps: labels.picture_steps.clone(),
            quiz: labels.picture_quiz.clone(),
            steadiness: labels.picture_steadiness.clone(),
            anxiety: q.anxiety_label.clone(),
            avoidance: q.avoidance_label.clone(),
            day_pattern: app.content.ui.formats.chart_day.clone(),
        },
    })
}

/// A click on one of the bot's buttons, already checked to belong to `who`.
/// `on_private_message`: the button sits on a message only this person sees, so it may be edited in place;
/// a button on a shared message answers with a new private message instead, so nothing personal goes public.
pub async fn step_click(
    app: &App,
    who: Person,
    action: Action,
    on_private_message: bool,
) -> StoreResult<Answer> {
    let content = &app.content;
    let place = |reply: Reply| {
        if on_private_message {
            Answer::Update(reply)
        } else {
            Answer::New(reply)
        }
    };
    // A button naming a step the content no longer has is answered before anything else.
    let step = match &action {
        Action::OpenStep(s)
        | Action::PickPractice(s)
        | Action::LogPractice(s, _)
        | Action::LogYesterday(s, _)
        | Action::ToggleComplete(s) => match content.step(s) {
            Some(step) => Some(step),
            None => return Ok(Answer::New(render::notices::unknown_step(content))),
        },
        _ => None,
    };
    let yesterday = matches!(action, Action::LogYesterday(..));
    Ok(match (action, step) {
        (Action::Guide, _) => place(render::guide::render(content, who.user_id)),
        (Action::Support, _) => {
            place(render::support::render(content, app.store.country(who.user_id).await?.as_deref()))
        }
        (Action::Progress, _) => place(progress(app, who).await?),
        (Action::Strategies, _) => place(render::strategies::render(content)),
        (Action::OpenStep(slug), _) => place(step_view(app, who, &slug, true, None).await?),
        (Action::PickPractice(_), Some(step)) => {
            Answer::New(render::practice::picker(content, who.user_id, step))
        }
        (Action::LogPractice(slug, number) | Action::LogYesterday(slug, number), Some(step)) => {
            let Some(practice) = step.practices.get(usize::from(number) - 1) else {
                return Ok(Answer::New(render::notices::unknown_button(content)));
            };
            let now = app.clock.now();
            let today = local_day(now, app.store.time_zone(who.user_id).await?);
            let day = if yesterday { today.pred_opt().unwrap_or(today) } else { today };
            let outcome = app
                .store
                .log_practice(who.user_id, &PracticeRef { step_slug: slug.clone(), number }, day, now, "step")
                .await?;
            let newly = outcome == LogOutcome::Logged;
            tracing::info!(user_id = who.user_id.get(), step = %slug, practice = number, newly, "practice logged");
            place(render::practice::logged(content, who.user_id, step, practice, newly, yesterday))
        }
        (Action::ToggleComplete(slug), Some(step)) => {
            let now = app.clock.now();
            let completed = !app.store.is_step_completed(who.user_id, &slug).await?;
            app.store.set_step_completed(who.user_id, &slug, completed, now).await?;
            // Finishing the last open step is acknowledged, with what nudges do next.
            let done = app.store.completed_steps(who.user_id).await?;
            let all_done = if completed && content.steps().iter().all(|s| done.contains(&s.slug)) {
                Some(app.store.nudge_follow(who.user_id).await?.is_none())
            } else {
                None
            };
            let notice = render::step::completion_notice(content, step, completed, all_done);
            tracing::info!(user_id = who.user_id.get(), step = %slug, completed, "step completion changed");
            place(step_view(app, who, &slug, true, Some(notice)).await?)
        }
        _ => Answer::New(render::notices::unknown_button(content)),
    })
}

async fn step_view(
    app: &App,
    who: Person,
    slug: &str,
    personal: bool,
    notice: Option<String>,
) -> StoreResult<Reply> {
    let content = &app.content;
    let Some(step) = content.step(slug) else {
        return Ok(render::notices::unknown_step(content));
    };
    let completed = if personal { Some(app.store.is_step_completed(who.user_id, slug).await?) } else { None };
    Ok(render::step::render(content, step, &StepView { owner: who.user_id, completed, notice }))
}
