//! `/nudges on|off|pause|status`, the time-zone autocomplete, and the buttons on a nudge.

use chrono::{Duration, NaiveDate};

use super::{Answer, Person};
use crate::app::App;
use crate::content::{Content, Step};
use crate::custom_id::Action;
use crate::ids::UserId;
use crate::nudges::time_input::{self, ZoneRead};
use crate::progress::{local_day, PracticeRef};
use crate::render;
use crate::render::nudge::{answered, Clicked};
use crate::render::nudge_settings::{self as settings, Follow, Status, TurnedOn, ZoneSet};
use crate::reply::Reply;
use crate::schedule::time::{self as schedule, Plan};
use crate::store::nudges::NudgeRow;
use crate::store::practice::LogOutcome;
use crate::store::StoreResult;

/// The most a pause may last, in days.
pub const MAX_PAUSE_DAYS: i64 = 30;
/// How many suggestions autocomplete offers (Discord's limit).
pub const SUGGESTIONS: usize = 25;

fn plan(row: &NudgeRow) -> Plan {
    Plan { time: row.time, zone: row.zone, last_sent: row.last_sent_day, paused_through: row.paused_through }
}

pub async fn on(app: &App, who: Person, time: &str, zone: Option<&str>) -> StoreResult<Reply> {
    let Some(time_of_day) = time_input::parse_time(time) else {
        return Ok(settings::bad_time(&app.content, time));
    };
    let zone = match zone {
        Some(z) => match zone_or_reply(&app.content, z, None) {
            Ok(zone) => zone,
            Err(reply) => return Ok(reply),
        },
        None => match app.store.time_zone(who.user_id).await? {
            Some(zone) => zone,
            None => return Ok(settings::no_zone_yet(&app.content)),
        },
    };
    let now = app.clock.now();
    let zone_before = app.store.time_zone(who.user_id).await?;
    let previous = app.store.nudge_settings(who.user_id).await?;
    let last_sent = previous.and_then(|p| p.last_sent_day);
    let due = schedule::next_due(now, &Plan { time: time_of_day, zone, last_sent, paused_through: None });
    app.store.nudges_on(who.user_id, time_of_day, zone, due, now).await?;
    tracing::info!(user_id = who.user_id.get(), zone = zone.name(), "nudges on");
    // The new time is still ahead today, but today's nudge has come: say why the next one is tomorrow.
    let today = local_day(now, Some(zone));
    let later_today = now.with_timezone(&zone).time() < time_of_day;
    let recap_next = if zone_before == Some(zone) {
        None
    } else {
        move_recap(app, who.user_id, zone, now).await?.map(|due| due.1)
    };
    let on = TurnedOn {
        time: time_of_day,
        zone,
        next: due.1,
        today_done: last_sent == Some(today) && later_today && due.0 != today,
        recap_next,
        in_guild: who.in_guild,
    };
    Ok(settings::turned_on(&app.content, &on))
}

pub async fn off(app: &App, who: Person) -> StoreResult<Reply> {
    let were_on = app.store.nudge_settings(who.user_id).await?.is_some_and(|r| r.enabled);
    app.store.nudges_off(who.user_id).await?;
    Ok(settings::turned_off(&app.content, were_on))
}

pub async fn pause(app: &App, who: Person, days: i64) -> StoreResult<Reply> {
    if !(1..=MAX_PAUSE_DAYS).contains(&days) {
        return Ok(settings::bad_days(&app.content));
    }
    let Some(row) = app.store.nudge_settings(who.user_id).await?.filter(|r| r.enabled) else {
        return Ok(settings::status(&app.content, &Status::Off, None));
    };
    let now = app.clock.now();
    let today = now.with_timezone(&row.zone).date_naive();
    let through = today + Duration::days(days - 1);
    let due = schedule::next_due(now, &Plan { paused_through: Some(through), ..plan(&row) });
    app.store.reschedule_nudge(who.user_id, due, Some(through)).await?;
    Ok(settings::paused(&app.content, days, due.1))
}

pub async fn status(app: &App, who: Person) -> StoreResult<Reply> {
    let now = app.clock.now();
    let row = app.store.nudge_settings(who.user_id).await?;
    // Which step the next nudge comes from, and how to choose another (not for one already on its way).
    let ahead = row.as_ref().filter(|r| r.enabled && r.due_at.is_some_and(|at| at > now));
    let step = match ahead.and_then(|r| r.due_day) {
        Some(day) => Some(current_step(app, who.user_id, day).await?),
        None => None,
    };
    let status = match row {
        Some(r) if r.enabled => match (r.due_at, r.paused_through) {
            (Some(at), _) if at <= now => Status::Soon,
            (Some(next), Some(through)) if through >= local_day(now, Some(r.zone)) => {
                Status::Paused { through, next, zone: r.zone }
            }
            (Some(next), _) => Status::On { next, zone: r.zone },
            (None, _) => Status::Off,
        },
        _ => Status::Off,
    };
    Ok(settings::status(&app.content, &status, step))
}

/// Time-zone suggestions for what has been typed so far: (shown name, value).
pub fn zone_suggestions(typed: &str) -> Vec<(String, String)> {
    time_input::suggest_zones(typed, SUGGESTIONS)
        .into_iter()
        .map(|z| (z.name().replace('_', " "), z.name().to_owned()))
        .collect()
}

/// `/nudges step`'s choice of every step in turn.
pub const FOLLOW_ALL: &str = "all";
/// `/nudges step`'s choice of the first step not marked complete (stored as no choice).
pub const FOLLOW_FIRST_OPEN: &str = "first";

/// The step a person's nudges follow on `day`: the one step they chose; with "all", every step in turn, one a
/// week (from Monday); otherwise the first not marked complete, and once all are, every step in turn.
pub fn followed_step<'a>(
    steps: &'a [Step],
    done: &[String],
    follow: Option<&str>,
    day: NaiveDate,
) -> &'a Step {
    // Weeks counted from a Monday (1 January 2024), so each turn starts on a Monday.
    let monday = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let week = (day - monday).num_days().div_euclid(7);
    let in_turn = || &steps[week.rem_euclid(steps.len() as i64) as usize];
    let first_open = || steps.iter().find(|s| !done.contains(&s.slug)).unwrap_or_else(in_turn);
    match follow {
        Some(FOLLOW_ALL) => in_turn(),
        Some(slug) => steps.iter().find(|s| s.slug == slug).unwrap_or_else(first_open),
        None => first_open(),
    }
}

/// The step a person's nudges follow on their local `day` (see [`followed_step`]).
pub async fn current_step(app: &App, user_id: UserId, day: NaiveDate) -> StoreResult<&Step> {
    let done = app.store.completed_steps(user_id).await?;
    let follow = app.store.nudge_follow(user_id).await?;
    Ok(followed_step(app.content.steps(), &done, follow.as_deref(), day))
}

/// `/nudges step follow:<choice>`: the first open step, every step in turn, or one step.
pub async fn follow(app: &App, who: Person, choice: &str) -> StoreResult<Reply> {
    let (stored, chosen) = match choice {
        FOLLOW_FIRST_OPEN => (None, Follow::FirstOpen),
        FOLLOW_ALL => (Some(FOLLOW_ALL), Follow::All),
        slug => match app.content.step(slug) {
            Some(step) => (Some(step.slug.as_str()), Follow::Step(step)),
            None => return Ok(crate::render::notices::unknown_step(&app.content)),
        },
    };
    app.store.set_nudge_follow(who.user_id, stored, app.clock.now()).await?;
    tracing::info!(
        user_id = who.user_id.get(),
        follow = stored.unwrap_or(FOLLOW_FIRST_OPEN),
        "nudges follow changed"
    );
    Ok(settings::follow(&app.content, &chosen))
}

/// Which practice comes next: never the one sent last time from the same step.
pub fn next_practice(step: &Step, row: &NudgeRow) -> u8 {
    match (&row.last_step, row.last_practice) {
        (Some(last), Some(p)) if *last == step.slug => p % 3 + 1,
        _ => 1,
    }
}

/// A button on a nudge, already checked to belong to `who`.
pub async fn click(app: &App, who: Person, action: Action) -> StoreResult<Answer> {
    let content: &Content = &app.content;
    let now = app.clock.now();
    Ok(match action {
        Action::NudgeDone(slug, number, day) => {
            let Some(step) = content.step(&slug) else {
                return Ok(Answer::New(crate::render::notices::unknown_step(content)));
            };
            let practice = &step.practices[usize::from(number) - 1];
            let outcome = app
                .store
                .log_practice(
                    who.user_id,
                    &PracticeRef { step_slug: slug.clone(), number },
                    day,
                    now,
                    "nudge",
                )
                .await?;
            let first = outcome == LogOutcome::Logged;
            Answer::Update(answered(
                content,
                who.user_id,
                &Clicked::Done { practice: &practice.name, day, first },
            ))
        }
        Action::NudgeSnooze(day) | Action::NudgeSkip(day) => {
            let Some(row) = app.store.nudge_settings(who.user_id).await?.filter(|r| r.enabled) else {
                return Ok(Answer::Update(answered(content, who.user_id, &Clicked::Off)));
            };
            if !is_current(&row, day, now) {
                return Ok(Answer::New(render::nudge::not_current(content)));
            }
            if matches!(action, Action::NudgeSnooze(_)) {
                // Later the same day, with the same practice; the day's nudge is only counted once it is
                // delivered again.
                let due = (day, now + Duration::hours(1));
                let shown = match (&row.snoozed, row.last_sent_day == Some(day)) {
                    (Some((slug, practice)), _) => Some((slug.clone(), *practice)),
                    (None, true) => row.last_step.clone().zip(row.last_practice),
                    (None, false) => None,
                };
                app.store
                    .snooze_nudge(who.user_id, due, shown.as_ref().map(|(s, p)| (s.as_str(), *p)))
                    .await?;
                let shown = shown.as_ref().and_then(|(slug, p)| content.step(slug).map(|s| (s, *p)));
                return Ok(Answer::Update(render::nudge::snoozed(content, who.user_id, shown, due.1)));
            }
            let due = schedule::after_today(now, &Plan { last_sent: Some(day), ..plan(&row) });
            app.store.reschedule_nudge(who.user_id, due, None).await?;
            Answer::Update(answered(content, who.user_id, &Clicked::Skipped { next: due.1 }))
        }
        Action::NudgeStop => {
            app.store.nudges_off(who.user_id).await?;
            tracing::info!(user_id = who.user_id.get(), "nudges stopped from a nudge");
            Answer::Update(answered(content, who.user_id, &Clicked::Stopped))
        }
        _ => Answer::New(crate::render::notices::unknown_button(content)),
    })
}

/// Snooze and skip act on today's nudge only: one from an earlier day changes nothing.
fn is_current(row: &NudgeRow, day: NaiveDate, now: chrono::DateTime<chrono::Utc>) -> bool {
    local_day(now, Some(row.zone)) == day
}

/// The zone a person typed, or the private answer when it is not one: an abbreviation is asked about
/// (with a button that sets it when `button_for` is given), anything else gets the zone hint.
pub(super) fn zone_or_reply(
    content: &Content,
    typed: &str,
    button_for: Option<UserId>,
) -> Result<chrono_tz::Tz, Reply> {
    match time_input::read_zone(typed) {
        ZoneRead::Found(zone) => Ok(zone),
        ZoneRead::Abbreviation(meant) => {
            Err(render::nudge::zone_question(content, &render::format::quoted(typed), meant, button_for))
        }
        ZoneRead::Unknown => Err(settings::bad_zone(content, typed)),
    }
}

/// `/timezone`: the person's calendar for streaks and logging, and their nudges' zone when they have some.
pub async fn set_zone(app: &App, who: Person, zone: &str) -> StoreResult<Reply> {
    let zone = match zone_or_reply(&app.content, zone, Some(who.user_id)) {
        Ok(zone) => zone,
        Err(reply) => return Ok(reply),
    };
    let now = app.clock.now();
    app.store.set_time_zone(who.user_id, zone, now).await?;
    let mut set = ZoneSet { zone, now, nudge_next: None, recap_next: None };
    if let Some(row) = app.store.nudge_settings(who.user_id).await?.filter(|r| r.enabled) {
        let due = schedule::next_due(now, &Plan { zone, paused_through: None, ..plan(&row) });
        app.store.nudges_on(who.user_id, row.time, zone, due, now).await?;
        set.nudge_next = Some(due.1);
    }
    set.recap_next = move_recap(app, who.user_id, zone, now).await?.map(|due| due.1);
    Ok(settings::zone_set(&app.content, &set))
}

/// A new zone moves the weekly recap to Sunday 19:00 there, never a second one in a local week.
async fn move_recap(
    app: &App,
    user_id: UserId,
    zone: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Option<(NaiveDate, chrono::DateTime<chrono::Utc>)>> {
    let Some(recap) = app.store.recap(user_id).await? else { return Ok(None) };
    let due = crate::nudges::recap::next_recap(now, zone, recap.last_sent_day);
    app.store.reschedule_recap(user_id, due).await?;
    Ok(Some(due))
}

/// `/nudges recap`: the weekly recap on Sunday evenings, in the person's own zone.
pub async fn recap(app: &App, who: Person, on: bool) -> StoreResult<Reply> {
    if !on {
        app.store.recap_off(who.user_id).await?;
        return Ok(settings::recap(&app.content, None));
    }
    let Some(zone) = app.store.time_zone(who.user_id).await? else {
        return Ok(settings::no_zone_yet(&app.content));
    };
    let last_sent = app.store.recap_last_sent(who.user_id).await?;
    let due = crate::nudges::recap::next_recap(app.clock.now(), zone, last_sent);
    app.store.recap_on(who.user_id, due).await?;
    Ok(settings::recap(&app.content, Some(due.1)))
}
