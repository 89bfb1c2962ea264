//! `/partner`: consent first, leaving easy. Nothing is shared and nothing more is sent to a person until they
//! accept; a refusal for any reason the invited person would not want told (a block, a partner already, closed
//! DMs) reads the same to the inviter.

use chrono::Duration;

use super::Person;
use crate::app::App;
use crate::custom_id::PartnerAnswer;
use crate::ids::UserId;
use crate::nudges::daily::Delivery;
use crate::render::partners::{self, Said, Status};
use crate::reply::Reply;
use crate::store::partners::{Accepted, InviteStatus};
use crate::store::StoreResult;

/// How long an invitation waits for its answer.
pub const INVITE_DAYS: i64 = 7;
/// After a decline, how long the same person's invitations are not sent again: a "no" is not asked again
/// at once.
pub const ASK_AGAIN_DAYS: i64 = 30;

/// The person invited, as Discord resolved them.
#[derive(Debug, Clone, Copy)]
pub struct Invitee {
    pub id: UserId,
    pub bot: bool,
}

pub(super) fn said(app: &App, said: &Said) -> Reply {
    partners::said(&app.content, said)
}

/// A nonce for one message to one person about one thing: short (Discord takes at most 25 characters), kept
/// for that message's retries, and never the same for two messages (Discord would show the second as the
/// first): `about` is unique for an invitation, and for the rest the send is numbered in this process.
pub(super) fn nonce(kind: char, to: UserId, about: i64) -> String {
    use std::hash::{Hash, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static SENT: AtomicU64 = AtomicU64::new(0);
    let mut hasher = rustc_hash::FxHasher::default();
    (to.get(), about, SENT.fetch_add(1, Ordering::Relaxed)).hash(&mut hasher);
    format!("p{kind}{:x}", hasher.finish())
}

/// Tells the other person one thing; a DM that cannot go is logged, never retried in a storm.
pub(super) async fn tell(app: &App, to: UserId, reply: &Reply, nonce: &str) -> bool {
    match app.tell(to, reply, nonce).await {
        Delivery::Delivered => true,
        Delivery::Unreachable { code } => {
            tracing::info!(to = to.get(), code, "a partner message could not be delivered: DMs closed");
            false
        }
        Delivery::TryLater(error) => {
            tracing::warn!(to = to.get(), error = %error, "a partner message could not be delivered");
            false
        }
    }
}

#[tracing::instrument(skip_all, fields(user_id = who.user_id.get()))]
pub async fn invite(app: &App, who: Person, invitee: Invitee) -> StoreResult<Reply> {
    let now = app.clock.now();
    if invitee.id == who.user_id {
        return Ok(said(app, &Said::NotYourself));
    }
    if invitee.bot {
        return Ok(said(app, &Said::NotABot));
    }
    if let Some(mine) = app.store.partnership(who.user_id).await? {
        return Ok(said(app, &Said::YouHavePartner { partner: mine.partner }));
    }
    if let Some(open) = app.store.open_invite_from(who.user_id, now).await? {
        return Ok(said(app, &Said::InviteWaiting { invitee: open.invitee, until: open.expires_at }));
    }
    // A block, a recent "no" and a partner already are the invited person's to know; the inviter hears what
    // any refusal says.
    let declined_lately =
        app.store.declined_since(who.user_id, invitee.id, now - Duration::days(ASK_AGAIN_DAYS)).await?;
    if declined_lately
        || app.store.blocks(invitee.id, who.user_id).await?
        || app.store.partnership(invitee.id).await?.is_some()
    {
        tracing::info!("invitation not sent");
        return Ok(said(app, &Said::CannotInvite));
    }
    let id = app.store.create_invite(who.user_id, invitee.id, now, now + Duration::days(INVITE_DAYS)).await?;
    let dm = partners::invitation(&app.content, who.user_id, invitee.id, id, INVITE_DAYS);
    if tell(app, invitee.id, &dm, &nonce('i', invitee.id, id)).await {
        tracing::info!(invite = id, "partner invitation sent");
        Ok(said(app, &Said::InviteSent { invitee: invitee.id, days: INVITE_DAYS }))
    } else {
        app.store.close_invite(id, InviteStatus::Withdrawn).await?;
        Ok(said(app, &Said::CannotInvite))
    }
}

/// The invited person's answer, from the invitation's buttons (already checked to be theirs).
#[tracing::instrument(skip_all, fields(user_id = who.user_id.get(), invite))]
pub async fn answer(app: &App, who: Person, invite: i64, answer: PartnerAnswer) -> StoreResult<Reply> {
    let now = app.clock.now();
    let Some(found) = app.store.invite(invite).await?.filter(|i| i.invitee == who.user_id) else {
        return Ok(said(app, &Said::NoLongerOpen));
    };
    if found.status != InviteStatus::Pending {
        return Ok(said(app, &Said::NoLongerOpen));
    }
    if found.expires_at <= now {
        return Ok(said(app, &Said::Expired));
    }
    let inviter = found.inviter;
    Ok(match answer {
        PartnerAnswer::Accept => match app.store.accept_invite(invite, now).await? {
            Accepted::Partnered => {
                tracing::info!("partnership begun");
                let them = said(app, &Said::AcceptedThem { invitee: who.user_id });
                tell(app, inviter, &them, &nonce('a', inviter, invite)).await;
                said(app, &Said::AcceptedYou { inviter })
            }
            Accepted::NotOpen => said(app, &Said::NoLongerOpen),
            Accepted::Taken => {
                app.store.close_invite(invite, InviteStatus::Withdrawn).await?;
                said(app, &Said::NoLongerOpen)
            }
        },
        PartnerAnswer::Decline | PartnerAnswer::Block => {
            if !app.store.close_invite(invite, InviteStatus::Declined).await? {
                return Ok(said(app, &Said::NoLongerOpen));
            }
            let blocked = answer == PartnerAnswer::Block;
            if blocked {
                app.store.block_inviter(who.user_id, inviter, now).await?;
            }
            tracing::info!(blocked, "partner invitation declined");
            // The same neutral words either way: a block is never told.
            let them = said(app, &Said::DeclinedThem { invitee: who.user_id });
            tell(app, inviter, &them, &nonce('d', inviter, invite)).await;
            said(app, if blocked { &Said::BlockedYou } else { &Said::DeclinedYou })
        }
    })
}

/// Ends the partnership for both at once; the other person is told once, in one neutral line.
async fn end(app: &App, who: Person) -> StoreResult<bool> {
    let Some(partner) = app.store.end_partnership(who.user_id).await? else {
        return Ok(false);
    };
    app.store.forget_rituals_of(who.user_id).await?;
    tracing::info!(user_id = who.user_id.get(), "partnership ended");
    let since = app.clock.now().timestamp_millis();
    tell(app, partner, &said(app, &Said::EndedThem), &nonce('e', partner, since)).await;
    Ok(true)
}

pub async fn leave(app: &App, who: Person) -> StoreResult<Reply> {
    Ok(said(app, if end(app, who).await? { &Said::EndedYou } else { &Said::NoPartner }))
}

/// Before a person's data is deleted: the partnership ends as `/partner leave` ends it, and invitations sent
/// to them go.
pub async fn before_delete(app: &App, who: Person) -> StoreResult<()> {
    end(app, who).await?;
    app.store.forget_invites_to(who.user_id).await
}

pub async fn status(app: &App, who: Person) -> StoreResult<Reply> {
    let now = app.clock.now();
    let Some(mine) = app.store.partnership(who.user_id).await? else {
        let open = app.store.open_invite_from(who.user_id, now).await?;
        return Ok(partners::no_partner(&app.content, open.map(|i| (i.invitee, i.expires_at))));
    };
    let theirs = app.store.partnership(mine.partner).await?;
    let their_streak = match theirs {
        Some(t) if t.shares_streak => {
            let today = crate::progress::local_day(now, app.store.time_zone(mine.partner).await?);
            Some(crate::streak::streaks(&app.store.active_days(mine.partner).await?, today).current)
        }
        _ => None,
    };
    Ok(partners::status(
        &app.content,
        &Status {
            partner: mine.partner,
            since: mine.since,
            their_streak,
            i_share: mine.shares_streak,
            ritual: app.store.ritual_of(who.user_id).await?.map(|r| (r.what, r.next_at)),
        },
    ))
}

pub async fn share(app: &App, who: Person, streak: bool) -> StoreResult<Reply> {
    Ok(said(
        app,
        match app.store.set_share_streak(who.user_id, streak).await? {
            false => &Said::NoPartner,
            true if streak => &Said::ShareOn,
            true => &Said::ShareOff,
        },
    ))
}

/// The longest note `/partner appreciate` sends.
pub const NOTE_MAX: usize = 200;

/// `/partner appreciate`: one of the warm lines, or the person's own short note, which meets the crisis check
/// first: a note with crisis words is not sent, and its writer gets care, privately.
#[tracing::instrument(skip_all, fields(user_id = who.user_id.get()))]
pub async fn appreciate(app: &App, who: Person, line: Option<i64>, note: Option<&str>) -> StoreResult<Reply> {
    let lines = &app.content.partners.appreciation.lines;
    let words = match note {
        Some(note) => {
            if let Some(care) = super::care::not_sent(app, who.user_id, note).await? {
                return Ok(care);
            }
            let note = note.trim();
            if note.is_empty() {
                return Ok(said(app, &Said::NoteEmpty));
            }
            if note.chars().count() > NOTE_MAX {
                return Ok(said(app, &Said::NoteTooLong { max: NOTE_MAX }));
            }
            note.to_owned()
        }
        None => {
            // A line number from an older registration, or a forged one, falls back to the first line.
            let index =
                line.and_then(|n| usize::try_from(n - 1).ok()).filter(|&i| i < lines.len()).unwrap_or(0);
            lines.get(index).cloned().unwrap_or_default()
        }
    };
    let Some(mine) = app.store.partnership(who.user_id).await? else {
        return Ok(said(app, &Said::NoPartner));
    };
    let dm = partners::appreciation(&app.content, who.user_id, mine.partner, &words);
    let sent_at = app.clock.now().timestamp_millis();
    Ok(if tell(app, mine.partner, &dm, &nonce('w', mine.partner, sent_at)).await {
        tracing::info!("appreciation sent");
        said(app, &Said::AppreciationSent { partner: mine.partner })
    } else {
        said(app, &Said::NotDelivered { partner: mine.partner })
    })
}

/// One scheduled reminder (a time to reconnect, a ritual) to both partners, each with a nonce of its own:
/// Discord matches a nonce across all of the bot's messages, not per channel. Delivered to either: `Sent`;
/// refused by both: `Stopped`; neither delivered and one may go later: `TryLater`, and the row stays due. Once
/// one is delivered the row is done, since a resend could reach the one already told.
pub(super) async fn remind_both(
    out: &dyn crate::nudges::daily::Deliver,
    kind: crate::schedule::Kind,
    id: i64,
    at: chrono::DateTime<chrono::Utc>,
    replies: [(UserId, Reply); 2],
) -> crate::schedule::Outcome {
    use crate::schedule::Outcome;
    let mut later = None;
    let mut delivered = 0;
    for (which, (to, reply)) in (0u64..).zip(replies) {
        let key = (id as u64).wrapping_mul(2) + which;
        let nonce = crate::schedule::nonce(kind, key, at.date_naive(), at);
        match out.deliver(to, &reply, &nonce).await {
            Delivery::Delivered => delivered += 1,
            Delivery::Unreachable { code } => {
                tracing::info!(kind = kind.name(), to = to.get(), code, "partner reminder not deliverable")
            }
            Delivery::TryLater(why) => later = Some(why),
        }
    }
    match later {
        Some(why) if delivered == 0 => Outcome::TryLater(why),
        _ if delivered > 0 => Outcome::Sent,
        _ => Outcome::Stopped,
    }
}
