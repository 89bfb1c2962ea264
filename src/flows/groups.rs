//! `/accountability setup|off|status`, `/shoutouts`, and the buttons and modal of a server's daily post.

use chrono::{NaiveTime, Weekday};

use super::forms::Field;
use super::{care, Answer, Person};
use crate::app::App;
use crate::custom_id::Action;
use crate::groups::{self, FOLLOW_THE_GUIDE};
use crate::ids::{ChannelId, GuildId};
use crate::nudges::time_input;
use crate::progress::{local_day, PracticeRef};
use crate::render::group_settings::{self, told, Before, Setup, Status, Told};
use crate::render::{self, nudge_settings};
use crate::reply::Reply;
use crate::safety;
use crate::schedule::time::{self as schedule, Plan};
use crate::store::groups::{GroupRow, GroupSetup};
use crate::store::StoreResult;

/// What the person asked for in `/accountability setup`.
pub struct SetupRequest<'a> {
    pub channel_id: ChannelId,
    pub time: &'a str,
    pub zone: &'a str,
    pub focus: Option<&'a str>,
    pub summary_day: Option<&'a str>,
    pub summary_time: Option<&'a str>,
}

/// `missing`: the permissions the bot lacks in the channel, already looked up by the Discord layer.
pub async fn setup(
    app: &App,
    guild_id: GuildId,
    request: &SetupRequest<'_>,
    missing: &[&str],
) -> StoreResult<Reply> {
    let content = &app.content;
    if !missing.is_empty() {
        return Ok(group_settings::missing_permissions(content, request.channel_id, missing));
    }
    let Some(time) = time_input::parse_time(request.time) else {
        return Ok(nudge_settings::bad_time(content, request.time));
    };
    let zone = match super::nudges::zone_or_reply(&app.content, request.zone, None) {
        Ok(zone) => zone,
        Err(reply) => return Ok(reply),
    };
    let focus = match request.focus {
        None => FOLLOW_THE_GUIDE,
        Some(f) if f == FOLLOW_THE_GUIDE || app.content.step(f).is_some() => f,
        Some(_) => return Ok(render::notices::unknown_step(&app.content)),
    };
    let summary_weekday = match request.summary_day {
        None => Weekday::Sun,
        Some(d) => match groups::parse_weekday(d) {
            Some(w) => w,
            None => return Ok(nudge_settings::bad_time(content, d)),
        },
    };
    let summary_time = match request.summary_time {
        None => NaiveTime::from_hms_opt(19, 0, 0).unwrap_or_default(),
        Some(t) => match time_input::parse_time(t) {
            Some(t) => t,
            None => return Ok(nudge_settings::bad_time(content, t)),
        },
    };
    let now = app.clock.now();
    let existing = app.store.group(guild_id).await?;
    let last_post = existing.as_ref().and_then(|g| g.last_post_day);
    let due = schedule::next_due(now, &Plan { time, zone, last_sent: last_post, paused_through: None });
    let summary_due = schedule::next_weekly(now, summary_weekday, summary_time, zone);
    // Running setup again keeps the guide's week and the rotation, unless the focus itself changes.
    let kept = existing.as_ref().filter(|g| g.focus == focus);
    let started_on = kept.map_or_else(|| local_day(now, Some(zone)), |g| g.started_on);
    app.store
        .set_up_group(&GroupSetup {
            guild_id,
            channel_id: request.channel_id,
            time,
            zone,
            focus,
            started_on,
            due,
            summary_due,
            summary_weekday,
            summary_time,
        })
        .await?;
    tracing::info!(
        guild_id = guild_id.get(),
        channel_id = request.channel_id.get(),
        focus,
        kept = kept.is_some(),
        "accountability channel set up"
    );
    let setup = Setup {
        channel_id: request.channel_id,
        time,
        zone,
        focus: content.step(focus),
        next: due.1,
        summary_weekday,
        summary_time,
    };
    let before = match (&existing, kept) {
        (Some(_), Some(_)) => Before::Kept,
        (Some(_), None) => Before::Restarted,
        (None, _) => Before::None,
    };
    Ok(group_settings::set_up(content, &setup, before))
}

pub async fn off(app: &App, guild_id: GuildId) -> StoreResult<Reply> {
    Ok(group_settings::turned_off(&app.content, app.store.group_off(guild_id).await?))
}

pub async fn status(app: &App, guild_id: GuildId) -> StoreResult<Reply> {
    let content = &app.content;
    let status = match app.store.group(guild_id).await? {
        Some(g) if g.enabled => match g.due_at {
            Some(next) => Status::On {
                setup: Setup {
                    channel_id: g.channel_id,
                    time: g.time,
                    zone: g.zone,
                    focus: content.step(&g.focus),
                    next,
                    summary_weekday: g.summary_weekday,
                    summary_time: g.summary_time,
                },
                summary_next: g.summary_due_at,
            },
            None => Status::Off,
        },
        Some(GroupRow { paused_reason: Some(reason), .. }) => Status::Paused(reason),
        _ => Status::Off,
    };
    Ok(group_settings::status(content, &status))
}

/// For an admin's next command: why the server's posts paused by themselves, once.
pub async fn pending_pause_notice(app: &App, guild_id: GuildId) -> StoreResult<Option<String>> {
    let reason = app.store.take_untold_group_pause(guild_id).await?;
    Ok(reason.map(|reason| group_settings::paused_notice(&app.content, reason)))
}

pub async fn shoutouts(app: &App, who: Person, guild_id: GuildId, on: bool) -> StoreResult<Reply> {
    app.store.set_shoutouts(guild_id, who.user_id, on, app.clock.now()).await?;
    Ok(group_settings::shoutouts(&app.content, on))
}

/// "I practised today" and "Share a reflection" on a daily post: anyone in the server may use them.
pub async fn click(app: &App, who: Person, action: Action) -> StoreResult<Answer> {
    let content = &app.content;
    let (guild_id, day) = match action {
        Action::GroupPracticed(g, d) | Action::GroupReflect(g, d) => (g, d),
        _ => return Ok(Answer::New(render::notices::unknown_button(content))),
    };
    let Some(group) = app.store.group(guild_id).await? else {
        return Ok(Answer::New(told(content, Told::Off)));
    };
    let now = app.clock.now();
    // Each member practises on their own day: the newest post, or the post of the member's own today, counts
    // for the member's local day, so a member in another zone can log in their evening.
    let member_day = local_day(now, Some(app.store.time_zone(who.user_id).await?.unwrap_or(group.zone)));
    let server_day = local_day(now, Some(group.zone));
    if day != member_day && day != server_day && Some(day) != group.last_post_day {
        return Ok(Answer::New(told(content, Told::OldPost)));
    }
    if matches!(action, Action::GroupReflect(..)) {
        return Ok(Answer::Modal(render::group::reflection_modal(content, guild_id, day)));
    }
    let Some(post) = app.store.group_post(guild_id, day).await? else {
        return Ok(Answer::New(told(content, Told::OldPost)));
    };
    if !app.store.check_in(guild_id, day, who.user_id, now).await? {
        return Ok(Answer::New(told(content, Told::AlreadyCounted)));
    }
    let practice = PracticeRef { step_slug: post.step_slug.clone(), number: post.practice };
    app.store.log_practice(who.user_id, &practice, member_day, now, "group").await?;
    tracing::info!(guild_id = guild_id.get(), user_id = who.user_id.get(), "group check-in");
    let step = content.step(&post.step_slug).unwrap_or(&content.steps()[0]);
    // Read the count again: other clicks may have landed at the same moment.
    let checkins = app.store.group_post(guild_id, day).await?.map_or(post.checkins + 1, |p| p.checkins);
    let updated = render::group::post(content, guild_id, day, step, post.practice, checkins);
    Ok(Answer::UpdateAndTell { update: updated, tell: told(content, Told::Counted) })
}

/// What happens to a submitted reflection.
pub enum Reflection {
    /// Post `post` in `channel_id`, then thank the person privately.
    Share { channel_id: ChannelId, post: Reply, thanks: Reply },
    /// Not posted: alarm words get the care reply, privately, saying it was not posted.
    Private(Reply),
}

/// Alarm words are never posted. Worry for someone else is shared as written, with how to help them
/// told privately.
pub async fn reflection(
    app: &App,
    who: Person,
    name: &str,
    guild_id: GuildId,
    text: &str,
) -> StoreResult<Reflection> {
    let finding = safety::check(text, &app.content.crisis_language);
    let field = [Field {
        label: &app.content.groups.messages.reflect_label,
        value: text,
        max: render::group::REFLECTION_MAX,
        required: true,
    }];
    // A form Discord would not have sent is refused, unless its words call for care: that answer comes below.
    if let Some(refused) = super::forms::refusal(&app.content, &field) {
        if !finding.as_ref().is_some_and(|f| f.outcome.is_alarm()) {
            return Ok(Reflection::Private(refused));
        }
    }
    let Some(f) = finding else {
        return share(app, name, guild_id, text).await;
    };
    if f.outcome.is_alarm() {
        tracing::warn!(user_id = who.user_id.get(), guild_id = guild_id.get(), outcome = ?f.outcome, rule = f.rule, "crisis resources offered; reflection not posted");
        let context = care::Context { not_posted: true, ..care::Context::default() };
        return Ok(Reflection::Private(care::reply(app, who.user_id, f.outcome, context).await?));
    }
    tracing::warn!(user_id = who.user_id.get(), guild_id = guild_id.get(), outcome = ?f.outcome, rule = f.rule, "help for someone else offered");
    Ok(match share(app, name, guild_id, text).await? {
        Reflection::Private(reply) => Reflection::Private(care::beside(app, who.user_id, Some(reply)).await?),
        Reflection::Share { channel_id, post, thanks } => Reflection::Share {
            channel_id,
            post,
            thanks: care::beside(app, who.user_id, Some(thanks)).await?,
        },
    })
}

async fn share(app: &App, name: &str, guild_id: GuildId, text: &str) -> StoreResult<Reflection> {
    let content = &app.content;
    let Some(group) = app.store.group(guild_id).await?.filter(|g| g.enabled) else {
        return Ok(Reflection::Private(told(content, Told::Off)));
    };
    if text.trim().is_empty() {
        // Nothing to share: nothing is posted.
        return Ok(Reflection::Private(told(content, Told::ReflectionThanks)));
    }
    Ok(Reflection::Share {
        channel_id: group.channel_id,
        post: render::group::reflection(content, name, text),
        thanks: told(content, Told::ReflectionThanks),
    })
}
