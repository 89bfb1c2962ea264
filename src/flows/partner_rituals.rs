//! A weekly ritual together (step 4): one partner proposes a day, a time and a few words; the other accepts or
//! asks for another time. One instant a week, kept in the proposer's zone and shown to each in their own
//! (Discord timestamps), so a zone change of either keeps the shared instant. Both are reminded an hour before,
//! and "We did it" counts as a practice of step 4 for both, once a week; "Not this week" asks nothing more.

use chrono::{DateTime, Duration, Utc};

use super::partners::{nonce, said, tell};
use super::Person;
use crate::app::App;
use crate::custom_id::Action;
use crate::nudges::daily::Deliver;
use crate::progress::PracticeRef;
use crate::render::partners::{self, Said};
use crate::reply::Reply;
use crate::schedule::time::next_weekly;
use crate::schedule::{Kind, Outcome, Settings};
use crate::store::partner_rituals::{Proposal, RitualRow};
use crate::store::StoreResult;

/// The longest "what" of a ritual.
pub const WHAT_MAX: usize = 60;
/// How long before the ritual both are reminded.
fn ahead() -> Duration {
    Duration::hours(1)
}

/// The next instant of the ritual whose reminder is still ahead of `now`.
fn next_after(r: &RitualRow, from: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let mut at = from;
    for _ in 0..60 {
        if at - ahead() > now {
            break;
        }
        at = next_weekly(at, r.weekday, r.time, r.zone).1;
    }
    at
}

#[tracing::instrument(skip_all, fields(user_id = who.user_id.get()))]
pub async fn propose(app: &App, who: Person, day: &str, time: &str, what: &str) -> StoreResult<Reply> {
    let now = app.clock.now();
    // The words meet the crisis check first, as every free text does.
    if let Some(care) = super::care::not_sent(app, who.user_id, what).await? {
        return Ok(care);
    }
    let Some(mine) = app.store.partnership(who.user_id).await? else {
        return Ok(said(app, &Said::NoPartner));
    };
    let what = what.trim();
    if what.is_empty() {
        return Ok(said(app, &Said::RitualWhatEmpty));
    }
    if what.chars().count() > WHAT_MAX {
        return Ok(said(app, &Said::RitualWhatTooLong { max: WHAT_MAX }));
    }
    let Some(weekday) = crate::groups::parse_weekday(day) else {
        return Ok(said(app, &Said::RitualBadDay));
    };
    let Some(time) = crate::nudges::time_input::parse_time(time) else {
        return Ok(said(app, &Said::RitualBadTime));
    };
    let Some(zone) = app.store.time_zone(who.user_id).await? else {
        return Ok(said(app, &Said::RitualNeedZone));
    };
    let (next_day, next_at) = next_weekly(now, weekday, time, zone);
    // A time the clocks skip that day (spring forward) is not proposed: the proposer picks another.
    let skipped = {
        use chrono::TimeZone;
        matches!(zone.from_local_datetime(&next_day.and_time(time)), chrono::LocalResult::None)
    };
    if skipped {
        return Ok(said(app, &Said::RitualTimeSkipped { day: next_day }));
    }
    let proposal =
        Proposal { proposer: who.user_id, partner: mine.partner, weekday, time, zone, what, next_at };
    let id = app.store.propose_ritual(&proposal, now).await?;
    let dm = partners::ritual_proposal(&app.content, who.user_id, mine.partner, id, what, next_at);
    Ok(if tell(app, mine.partner, &dm, &nonce('q', mine.partner, id)).await {
        tracing::info!(ritual = id, "ritual proposed");
        said(app, &Said::RitualProposed { partner: mine.partner, what: what.to_owned(), at: next_at })
    } else {
        app.store.decline_ritual(id).await?;
        said(app, &Said::NotDelivered { partner: mine.partner })
    })
}

/// A ritual both still share: the two are partners, and `who` is one of them.
async fn shared(app: &App, who: Person, id: i64) -> StoreResult<Option<RitualRow>> {
    let Some(r) = app.store.ritual(id).await? else { return Ok(None) };
    let other = if r.proposer == who.user_id { r.partner } else { r.proposer };
    let still = app.store.are_partners(who.user_id, other).await?;
    Ok((still && (r.proposer == who.user_id || r.partner == who.user_id)).then_some(r))
}

/// The ritual's buttons (already checked to be `who`'s).
#[tracing::instrument(skip_all, fields(user_id = who.user_id.get()))]
pub async fn click(app: &App, who: Person, action: Action) -> StoreResult<Reply> {
    let now = app.clock.now();
    let id = match action {
        Action::RitualAnswer(id, _) | Action::RitualDone(id, _) | Action::RitualSkip(id, _) => id,
        _ => return Ok(said(app, &Said::RitualGone)),
    };
    let Some(r) = shared(app, who, id).await? else {
        return Ok(said(app, &Said::RitualGone));
    };
    match action {
        Action::RitualAnswer(_, accept) => {
            if !r.proposed || r.partner != who.user_id {
                return Ok(said(app, &Said::RitualGone));
            }
            if !accept {
                app.store.decline_ritual(id).await?;
                let them = said(app, &Said::RitualAnotherThem { partner: who.user_id, what: r.what.clone() });
                tell(app, r.proposer, &them, &nonce('n', r.proposer, id)).await;
                return Ok(said(app, &Said::RitualAnotherYou));
            }
            let at = next_after(&r, r.next_at, now);
            if !app.store.accept_ritual(id, at, at - ahead()).await? {
                return Ok(said(app, &Said::RitualGone));
            }
            tracing::info!(ritual = id, "ritual accepted");
            let them =
                said(app, &Said::RitualAcceptedThem { partner: who.user_id, what: r.what.clone(), at });
            tell(app, r.proposer, &them, &nonce('y', r.proposer, id)).await;
            Ok(said(app, &Said::RitualAcceptedYou { what: r.what, at }))
        }
        Action::RitualDone(_, t) => {
            // Only a week just reminded of: from its reminder until a week after it (a forged or very old
            // button cannot mark other weeks), and only once it has begun.
            let recent = |at: &DateTime<Utc>| *at <= now + ahead() && *at > now - Duration::days(7);
            let Some(instant) = DateTime::from_timestamp(t, 0).filter(|at| r.accepted && recent(at)) else {
                return Ok(said(app, &Said::RitualGone));
            };
            if instant > now {
                return Ok(said(app, &Said::RitualNotYet { at: instant }));
            }
            if !app.store.mark_ritual_done(id, instant).await? {
                return Ok(said(app, &Said::RitualAlreadyDone));
            }
            let step = &app.content.partners.ritual;
            let practice = PracticeRef { step_slug: step.step.clone(), number: step.practice };
            for person in [r.proposer, r.partner] {
                let day = crate::progress::local_day(now, app.store.time_zone(person).await?);
                app.store.log_practice(person, &practice, day, now, "ritual").await?;
            }
            tracing::info!(ritual = id, "ritual done");
            let other = if r.proposer == who.user_id { r.partner } else { r.proposer };
            let them = said(app, &Said::RitualDoneThem { partner: who.user_id, what: r.what.clone() });
            tell(app, other, &them, &nonce('k', other, t)).await;
            Ok(said(app, &Said::RitualDoneYou))
        }
        _ => Ok(said(app, &Said::RitualSkipped)),
    }
}

/// The reminder an hour before, to both, then the next week's; none once they are no longer partners, and a
/// week skipped (not sent late) when the bot was down past the grace period.
pub async fn send_reminder(
    app: &App,
    out: &dyn Deliver,
    now: DateTime<Utc>,
    settings: &Settings,
    r: &RitualRow,
) -> StoreResult<Outcome> {
    let still = app.store.are_partners(r.proposer, r.partner).await?;
    if !still {
        app.store.forget_rituals_of(r.proposer).await?;
        return Ok(Outcome::SkippedLate);
    }
    let following = next_after(r, next_weekly(r.next_at, r.weekday, r.time, r.zone).1, now);
    if now - (r.next_at - ahead()) > settings.grace {
        app.store.ritual_moved(r.id, following, following - ahead()).await?;
        return Ok(Outcome::SkippedLate);
    }
    let reminder = |to, other| partners::ritual_reminder(&app.content, to, other, r.id, &r.what, r.next_at);
    let replies =
        [(r.proposer, reminder(r.proposer, r.partner)), (r.partner, reminder(r.partner, r.proposer))];
    let outcome = super::partners::remind_both(out, Kind::Ritual, r.id, r.next_at, replies).await;
    if !matches!(outcome, Outcome::TryLater(_)) {
        app.store.ritual_moved(r.id, following, following - ahead()).await?;
    }
    Ok(outcome)
}
