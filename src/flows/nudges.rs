//! `/nudges on|off|pause|status`, the time-zone autocomplete, and the buttons on a nudge.

use chrono::{Duration, NaiveDate};

use super::{Answer, Person};
use crate::app::App;
use crate::content::{fill, Content, Step};
use crate::custom_id::Action;
use crate::nudges::time_input::{self, ZoneRead};
use crate::progress::{local_day, PracticeRef};
use crate::render;
use crate::render::nudge::{answered, day_name, snoozed, when};
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
    let m = &app.content.nudges.messages;
    let Some(time_of_day) = time_input::parse_time(time) else {
        return Ok(Reply::text(fill(&m.bad_time, &[("input", &short(time))])).private());
    };
    let zone = match zone {
        Some(z) => match zone_or_reply(&app.content, z, None) {
            Ok(zone) => zone,
            Err(reply) => return Ok(reply),
        },
        None => match app.store.time_zone(who.user_id).await? {
            Some(zone) => zone,
            None => return Ok(Reply::text(m.no_zone_yet.clone()).private()),
        },
    };
    let now = app.clock.now();
    let zone_before = app.store.time_zone(who.user_id).await?;
    let previous = app.store.nudge_settings(who.user_id).await?;
    let last_sent = previous.and_then(|p| p.last_sent_day);
    let due = schedule::next_due(now, &Plan { time: time_of_day, zone, last_sent, paused_through: None });
    app.store.nudges_on(who.user_id, time_of_day, zone, due, now).await?;
    tracing::info!(user_id = who.user_id, zone = zone.name(), "nudges on");
    let mut text = fill(
        &m.on,
        &[("time", &time_of_day.format("%H:%M").to_string()), ("zone", zone.name()), ("when", &when(due.1))],
    );
    // The new time is still ahead today, but today's nudge has come: say why the next one is tomorrow.
    let today = local_day(now, Some(zone));
    let later_today = now.with_timezone(&zone).time() < time_of_day;
    if last_sent == Some(today) && later_today && due.0 != today {
        text = format!("{text}\n{}", m.on_today_done);
    }
    if zone_before != Some(zone) {
        if let Some(recap) = move_recap(app, who.user_id, zone, now).await? {
            text = format!("{text}\n{}", fill(&m.zone_moves_recap, &[("when", &when(recap.1))]));
        }
    }
    if who.in_guild {
        text = format!("{text}\n{}", m.on_by_dm);
    }
    Ok(Reply::text(text).private())
}

pub async fn off(app: &App, who: Person) -> StoreResult<Reply> {
    let m = &app.content.nudges.messages;
    let was_on = app.store.nudge_settings(who.user_id).await?.is_some_and(|r| r.enabled);
    app.store.nudges_off(who.user_id).await?;
    Ok(Reply::text(if was_on { m.off.clone() } else { m.already_off.clone() }).private())
}

pub async fn pause(app: &App, who: Person, days: i64) -> StoreResult<Reply> {
    let m = &app.content.nudges.messages;
    if !(1..=MAX_PAUSE_DAYS).contains(&days) {
        return Ok(Reply::text(m.bad_days.clone()).private());
    }
    let Some(row) = app.store.nudge_settings(who.user_id).await?.filter(|r| r.enabled) else {
        return Ok(Reply::text(m.status_off.clone()).private());
    };
    let now = app.clock.now();
    let today = now.with_timezone(&row.zone).date_naive();
    let through = today + Duration::days(days - 1);
    let due = schedule::next_due(now, &Plan { paused_through: Some(through), ..plan(&row) });
    app.store.reschedule_nudge(who.user_id, due, Some(through)).await?;
    Ok(Reply::text(fill(&m.paused, &[("days", &days.to_string()), ("when", &when(due.1))])).private())
}

pub async fn status(app: &App, who: Person) -> StoreResult<Reply> {
    let m = &app.content.nudges.messages;
    let row = app.store.nudge_settings(who.user_id).await?;
    // Which step the next nudge comes from, and how to choose another (not for one already on its way).
    let ahead = row.as_ref().filter(|r| r.enabled && r.due_at.is_some_and(|at| at > app.clock.now()));
    let step_line = match ahead.and_then(|r| r.due_day) {
        Some(day) => {
            let step = current_step(app, who.user_id, day).await?;
            let line = fill(&m.status_step, &[("number", &step.number.to_string()), ("step", &step.title)]);
            format!("\n{line}")
        }
        None => String::new(),
    };
    let text = match row {
        Some(r) if r.enabled => match r.due_at {
            Some(at) if at <= app.clock.now() => m.status_soon.clone(),
            Some(at) if r.paused_through.is_some_and(|d| d >= local_day(app.clock.now(), Some(r.zone))) => {
                fill(
                    &m.status_paused,
                    &[
                        ("day", &day_name(r.paused_through.unwrap_or_default())),
                        ("when", &when(at)),
                        ("local", &at.with_timezone(&r.zone).format("%H:%M on %A %-d %B").to_string()),
                    ],
                )
            }
            Some(at) => fill(
                &m.status_on,
                &[
                    ("when", &when(at)),
                    ("local", &at.with_timezone(&r.zone).format("%H:%M on %A %-d %B").to_string()),
                ],
            ),
            None => m.status_off.clone(),
        },
        _ => m.status_off.clone(),
    };
    Ok(Reply::text(format!("{text}{step_line}")).private())
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
pub async fn current_step(app: &App, user_id: u64, day: NaiveDate) -> StoreResult<&Step> {
    let done = app.store.completed_steps(user_id).await?;
    let follow = app.store.nudge_follow(user_id).await?;
    Ok(followed_step(app.content.steps(), &done, follow.as_deref(), day))
}

/// `/nudges step follow:<choice>`: the first open step, every step in turn, or one step.
pub async fn follow(app: &App, who: Person, choice: &str) -> StoreResult<Reply> {
    let m = &app.content.nudges.messages;
    let (stored, text) = match choice {
        FOLLOW_FIRST_OPEN => (None, m.follow_first_open.clone()),
        FOLLOW_ALL => (Some(FOLLOW_ALL), m.follow_all.clone()),
        slug => match app.content.step(slug) {
            Some(step) => (
                Some(step.slug.as_str()),
                fill(&m.follow_step, &[("number", &step.number.to_string()), ("step", &step.title)]),
            ),
            None => return Ok(who.private(crate::render::notices::unknown_step(&app.content))),
        },
    };
    app.store.set_nudge_follow(who.user_id, stored, app.clock.now()).await?;
    tracing::info!(
        user_id = who.user_id,
        follow = stored.unwrap_or(FOLLOW_FIRST_OPEN),
        "nudges follow changed"
    );
    Ok(who.private(Reply::text(text)))
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
    let m = &content.nudges.messages;
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
            let template = if outcome == LogOutcome::Logged { &m.done } else { &m.already_done };
            let text = fill(template, &[("practice", &practice.name), ("day", &day_name(day))]);
            Answer::Update(answered(content, who.user_id, text))
        }
        Action::NudgeSnooze(day) | Action::NudgeSkip(day) => {
            let Some(row) = app.store.nudge_settings(who.user_id).await?.filter(|r| r.enabled) else {
                return Ok(Answer::Update(answered(content, who.user_id, m.status_off.clone())));
            };
            if !is_current(&row, day, now) {
                return Ok(Answer::New(Reply::text(m.not_current.clone())));
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
                let text = fill(&m.snoozed, &[("when", &when(due.1))]);
                return Ok(Answer::Update(
                    match shown.as_ref().and_then(|(slug, p)| content.step(slug).map(|s| (s, *p))) {
                        Some((step, practice)) => snoozed(content, who.user_id, step, practice, text),
                        None => answered(content, who.user_id, text),
                    },
                ));
            }
            let due = schedule::after_today(now, &Plan { last_sent: Some(day), ..plan(&row) });
            app.store.reschedule_nudge(who.user_id, due, None).await?;
            Answer::Update(answered(content, who.user_id, fill(&m.skipped, &[("when", &when(due.1))])))
        }
        Action::NudgeStop => {
            app.store.nudges_off(who.user_id).await?;
            tracing::info!(user_id = who.user_id, "nudges stopped from a nudge");
            Answer::Update(answered(content, who.user_id, m.stopped.clone()))
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
    button_for: Option<u64>,
) -> Result<chrono_tz::Tz, Reply> {
    match time_input::read_zone(typed) {
        ZoneRead::Found(zone) => Ok(zone),
        ZoneRead::Abbreviation(meant) => {
            Err(render::nudge::zone_question(content, &short(typed), meant, button_for))
        }
        ZoneRead::Unknown => {
            Err(Reply::text(fill(&content.nudges.messages.bad_zone, &[("input", &short(typed))])).private())
        }
    }
}

/// Text a person typed, shortened for quoting back.
fn short(text: &str) -> String {
    let cleaned: String =
        text.chars().filter(|c| !c.is_control() && *c != '*' && *c != '`').take(40).collect();
    cleaned.trim().to_owned()
}

/// `/timezone`: the person's calendar for streaks and logging, and their nudges' zone when they have some.
pub async fn set_zone(app: &App, who: Person, zone: &str) -> StoreResult<Reply> {
    let m = &app.content.nudges.messages;
    let zone = match zone_or_reply(&app.content, zone, Some(who.user_id)) {
        Ok(zone) => zone,
        Err(reply) => return Ok(reply),
    };
    let now = app.clock.now();
    app.store.set_time_zone(who.user_id, zone, now).await?;
    let local = now.with_timezone(&zone).format("%H:%M on %A").to_string();
    let mut lines = vec![fill(&m.zone_set, &[("zone", zone.name()), ("local", &local)])];
    if let Some(row) = app.store.nudge_settings(who.user_id).await?.filter(|r| r.enabled) {
        let due = schedule::next_due(now, &Plan { zone, paused_through: None, ..plan(&row) });
        app.store.nudges_on(who.user_id, row.time, zone, due, now).await?;
        lines.push(fill(&m.zone_moves_nudge, &[("when", &when(due.1))]));
    }
    if let Some(due) = move_recap(app, who.user_id, zone, now).await? {
        lines.push(fill(&m.zone_moves_recap, &[("when", &when(due.1))]));
    }
    Ok(Reply::text(lines.join("\n")).private())
}

/// A new zone moves the weekly recap to Sunday 19:00 there, never a second one in a local week.
async fn move_recap(
    app: &App,
    user_id: u64,
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
    let m = &app.content.nudges.messages;
    if !on {
        app.store.recap_off(who.user_id).await?;
        return Ok(Reply::text(m.recap_off.clone()).private());
    }
    let Some(zone) = app.store.time_zone(who.user_id).await? else {
        return Ok(Reply::text(m.no_zone_yet.clone()).private());
    };
    let last_sent = app.store.recap_last_sent(who.user_id).await?;
    let due = crate::nudges::recap::next_recap(app.clock.now(), zone, last_sent);
    app.store.recap_on(who.user_id, due).await?;
    Ok(Reply::text(fill(&m.recap_on, &[("when", &when(due.1))])).private())
}
