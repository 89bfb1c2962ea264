//! `/partner`: the invitation and its buttons, every answer about a partnership, and the status. People are
//! named by Discord mentions (shown as their name to whoever reads), and times by Discord timestamps (shown in
//! each reader's own zone), so nothing about a person's name or zone is kept for it.

use chrono::{DateTime, Utc};

use crate::content::{fill, Content};
use crate::custom_id::{Action, ButtonId, PartnerAnswer, ResetChoice};
use crate::ids::UserId;
use crate::reply::{Button, ButtonStyle, Embed, Reply, COLOUR};

fn mention(id: UserId) -> String {
    format!("<@{id}>")
}

fn stamp(at: DateTime<Utc>, style: char) -> String {
    super::format::discord_time(at, style)
}

/// The DM an invited person gets, with its three answers; the buttons are theirs alone.
pub fn invitation(content: &Content, inviter: UserId, invitee: UserId, invite: i64, days: i64) -> Reply {
    let p = &content.partners;
    let days = days.to_string();
    let button = |answer, label: &str, style| {
        Button::new(ButtonId::new(invitee, Action::PartnerAnswer(invite, answer)).to_string(), label, style)
    };
    Reply::embed(Embed {
        title: Some(p.messages.invitation_title.clone()),
        description: Some(fill(&p.messages.invitation, &[("inviter", &mention(inviter)), ("days", &days)])),
        colour: COLOUR,
        ..Embed::default()
    })
    .with_row(vec![
        button(PartnerAnswer::Accept, &p.buttons.accept, ButtonStyle::Success),
        button(PartnerAnswer::Decline, &p.buttons.decline, ButtonStyle::Secondary),
        button(PartnerAnswer::Block, &p.buttons.block, ButtonStyle::Secondary),
    ])
}

/// Every answer about a partnership that is one line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    InviteSent { invitee: UserId, days: i64 },
    CannotInvite,
    NotYourself,
    NotABot,
    YouHavePartner { partner: UserId },
    InviteWaiting { invitee: UserId, until: DateTime<Utc> },
    AcceptedYou { inviter: UserId },
    AcceptedThem { invitee: UserId },
    DeclinedYou,
    BlockedYou,
    DeclinedThem { invitee: UserId },
    Expired,
    NoLongerOpen,
    EndedYou,
    EndedThem,
    NoPartner,
    ShareOn,
    ShareOff,
    AppreciationSent { partner: UserId },
    NoteEmpty,
    NoteTooLong { max: usize },
    NotDelivered { partner: UserId },
    ResetSent { partner: UserId },
    ResetWaiting { partner: UserId },
    ResetLimit { max: u32 },
    ResetReadyYou,
    ResetTimeYou,
    ResetReconnectYou { at: DateTime<Utc> },
    ResetReadyThem { partner: UserId },
    ResetTimeThem { partner: UserId },
    ResetReconnectThem { partner: UserId, at: DateTime<Utc> },
    ResetAnswered,
    ReconnectReminder { partner: UserId },
    RitualProposed { partner: UserId, what: String, at: DateTime<Utc> },
    RitualAcceptedYou { what: String, at: DateTime<Utc> },
    RitualAcceptedThem { partner: UserId, what: String, at: DateTime<Utc> },
    RitualAnotherYou,
    RitualAnotherThem { partner: UserId, what: String },
    RitualNeedZone,
    RitualBadTime,
    RitualBadDay,
    RitualWhatEmpty,
    RitualWhatTooLong { max: usize },
    RitualDoneYou,
    RitualDoneThem { partner: UserId, what: String },
    RitualAlreadyDone,
    RitualSkipped,
    RitualGone,
    RitualTimeSkipped { day: chrono::NaiveDate },
    RitualNotYet { at: DateTime<Utc> },
}

pub fn said(content: &Content, said: &Said) -> Reply {
    let m = &content.partners.messages;
    let with = |template: &str, name: &str, who: UserId| fill(template, &[(name, &mention(who))]);
    let with_what = |template: &str, who: UserId, what: &str| {
        fill(template, &[("partner", &mention(who)), ("what", what)])
    };
    Reply::text(match said {
        Said::InviteSent { invitee, days } => {
            fill(&m.invite_sent, &[("invitee", &mention(*invitee)), ("days", &days.to_string())])
        }
        Said::CannotInvite => m.cannot_invite.clone(),
        Said::NotYourself => m.not_yourself.clone(),
        Said::NotABot => m.not_a_bot.clone(),
        Said::YouHavePartner { partner } => with(&m.you_have_partner, "partner", *partner),
        Said::InviteWaiting { invitee, until } => {
            fill(&m.invite_waiting, &[("invitee", &mention(*invitee)), ("until", &stamp(*until, 'f'))])
        }
        Said::AcceptedYou { inviter } => with(&m.accepted_you, "inviter", *inviter),
        Said::AcceptedThem { invitee } => with(&m.accepted_them, "invitee", *invitee),
        Said::DeclinedYou => m.declined_you.clone(),
        Said::BlockedYou => m.blocked_you.clone(),
        Said::DeclinedThem { invitee } => with(&m.declined_them, "invitee", *invitee),
        Said::Expired => m.expired.clone(),
        Said::NoLongerOpen => m.no_longer_open.clone(),
        Said::EndedYou => m.ended_you.clone(),
        Said::EndedThem => m.ended_them.clone(),
        Said::NoPartner => m.no_partner.clone(),
        Said::ShareOn => m.share_on.clone(),
        Said::ShareOff => m.share_off.clone(),
        Said::AppreciationSent { partner } => with(&m.appreciation_sent, "partner", *partner),
        Said::NoteEmpty => m.note_empty.clone(),
        Said::NoteTooLong { max } => fill(&m.note_too_long, &[("max", &max.to_string())]),
        Said::NotDelivered { partner } => with(&m.not_delivered, "partner", *partner),
        Said::ResetSent { partner } => with(&m.reset_sent, "partner", *partner),
        Said::ResetWaiting { partner } => with(&m.reset_waiting, "partner", *partner),
        Said::ResetLimit { max } => fill(&m.reset_limit, &[("max", &max.to_string())]),
        Said::ResetReadyYou => m.reset_ready_you.clone(),
        Said::ResetTimeYou => m.reset_time_you.clone(),
        Said::ResetReconnectYou { at } => {
            fill(&m.reset_reconnect_you, &[("when", &super::format::when(*at))])
        }
        Said::ResetReadyThem { partner } => with(&m.reset_ready_them, "partner", *partner),
        Said::ResetTimeThem { partner } => with(&m.reset_time_them, "partner", *partner),
        Said::ResetReconnectThem { partner, at } => fill(
            &m.reset_reconnect_them,
            &[("partner", &mention(*partner)), ("when", &super::format::when(*at))],
        ),
        Said::ResetAnswered => m.reset_answered.clone(),
        Said::ReconnectReminder { partner } => with(&m.reconnect_reminder, "partner", *partner),
        Said::RitualProposed { partner, what, at } => fill(
            &m.ritual_proposed,
            &[("partner", &mention(*partner)), ("what", what), ("when", &stamp(*at, 'F'))],
        ),
        Said::RitualAcceptedYou { what, at } => {
            fill(&m.ritual_accepted_you, &[("what", what), ("when", &stamp(*at, 'F'))])
        }
        Said::RitualAcceptedThem { partner, what, at } => fill(
            &m.ritual_accepted_them,
            &[("partner", &mention(*partner)), ("what", what), ("when", &stamp(*at, 'F'))],
        ),
        Said::RitualAnotherYou => m.ritual_another_you.clone(),
        Said::RitualAnotherThem { partner, what } => with_what(&m.ritual_another_them, *partner, what),
        Said::RitualNeedZone => m.ritual_need_zone.clone(),
        Said::RitualBadTime => m.ritual_bad_time.clone(),
        Said::RitualBadDay => m.ritual_bad_day.clone(),
        Said::RitualWhatEmpty => m.ritual_what_empty.clone(),
        Said::RitualWhatTooLong { max } => fill(&m.ritual_what_too_long, &[("max", &max.to_string())]),
        Said::RitualDoneYou => m.ritual_done_you.clone(),
        Said::RitualDoneThem { partner, what } => with_what(&m.ritual_done_them, *partner, what),
        Said::RitualAlreadyDone => m.ritual_already_done.clone(),
        Said::RitualSkipped => m.ritual_skipped.clone(),
        Said::RitualGone => m.ritual_gone.clone(),
        Said::RitualTimeSkipped { day } => {
            fill(&m.ritual_clock_change, &[("day", &super::format::day(content, *day))])
        }
        Said::RitualNotYet { at } => fill(&m.ritual_not_yet, &[("when", &stamp(*at, 't'))]),
    })
}

/// What the partner receives from `/partner appreciate`: who sent it, and the words (a fixed line, or the
/// sender's own note, shown as written).
/// `owner` is the partner receiving it: its "Can we reset?" button is theirs.
pub fn appreciation(content: &Content, from: UserId, owner: UserId, words: &str) -> Reply {
    Reply::embed(Embed { description: Some(words.to_owned()), colour: COLOUR, ..Embed::default() })
        .with_content(fill(&content.partners.messages.appreciation, &[("from", &mention(from))]))
        .with_row(vec![Button::new(
            ButtonId::keeping(owner, Action::PartnerResetAsk).to_string(),
            &content.partners.buttons.ask_reset,
            ButtonStyle::Secondary,
        )])
}

fn reset_button(owner: UserId, id: i64, choice: ResetChoice, label: &str, style: ButtonStyle) -> Button {
    Button::new(ButtonId::new(owner, Action::PartnerReset(id, choice)).to_string(), label, style)
}

/// "Can we reset?", as the partner (`owner`) gets it: fixed, kind words and three answers, theirs alone.
pub fn reset_request(content: &Content, from: UserId, owner: UserId, id: i64) -> Reply {
    let p = &content.partners;
    Reply::text(fill(&p.messages.reset_request, &[("from", &mention(from))])).with_row(vec![
        reset_button(owner, id, ResetChoice::Ready, &p.buttons.ready, ButtonStyle::Success),
        reset_button(owner, id, ResetChoice::NeedTime, &p.buttons.need_time, ButtonStyle::Secondary),
        reset_button(owner, id, ResetChoice::PickTime, &p.buttons.reconnect, ButtonStyle::Primary),
    ])
}

/// The times to reconnect; "this evening" only while the evening is still ahead.
pub fn reset_when(content: &Content, owner: UserId, id: i64, evening_ahead: bool) -> Reply {
    let b = &content.partners.buttons;
    let mut row = vec![
        reset_button(owner, id, ResetChoice::In30Minutes, &b.in_30_minutes, ButtonStyle::Primary),
        reset_button(owner, id, ResetChoice::InAnHour, &b.in_an_hour, ButtonStyle::Primary),
    ];
    if evening_ahead {
        row.push(reset_button(owner, id, ResetChoice::ThisEvening, &b.this_evening, ButtonStyle::Primary));
    }
    row.push(reset_button(owner, id, ResetChoice::Tomorrow, &b.tomorrow, ButtonStyle::Primary));
    Reply::text(content.partners.messages.reset_when.clone()).with_row(row)
}

/// A proposed ritual, as the partner (`owner`) gets it.
pub fn ritual_proposal(
    content: &Content,
    from: UserId,
    owner: UserId,
    id: i64,
    what: &str,
    at: DateTime<Utc>,
) -> Reply {
    let p = &content.partners;
    let text = fill(
        &p.messages.ritual_proposal,
        &[("from", &mention(from)), ("what", what), ("when", &stamp(at, 'F'))],
    );
    let button = |yes, label: &str, style| {
        Button::new(ButtonId::new(owner, Action::RitualAnswer(id, yes)).to_string(), label, style)
    };
    Reply::text(text).with_row(vec![
        button(true, &p.buttons.accept, ButtonStyle::Success),
        button(false, &p.buttons.another_time, ButtonStyle::Secondary),
    ])
}

/// The reminder an hour before, with "We did it" and "Not this week", the buttons `owner`'s.
pub fn ritual_reminder(
    content: &Content,
    owner: UserId,
    partner: UserId,
    id: i64,
    what: &str,
    at: DateTime<Utc>,
) -> Reply {
    let p = &content.partners;
    let text = fill(
        &p.messages.ritual_reminder,
        &[("what", what), ("partner", &mention(partner)), ("when", &super::format::when(at))],
    );
    let t = at.timestamp();
    Reply::text(text).with_row(vec![
        Button::new(
            ButtonId::keeping(owner, Action::RitualDone(id, t)).to_string(),
            &p.buttons.we_did_it,
            ButtonStyle::Success,
        ),
        Button::new(
            ButtonId::keeping(owner, Action::RitualSkip(id, t)).to_string(),
            &p.buttons.not_this_week,
            ButtonStyle::Secondary,
        ),
        Button::new(
            ButtonId::keeping(owner, Action::PartnerResetAsk).to_string(),
            &p.buttons.ask_reset,
            ButtonStyle::Secondary,
        ),
    ])
}

/// What `/partner status` shows, gathered by the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub partner: UserId,
    pub since: DateTime<Utc>,
    /// The partner's current streak, when they chose to show it.
    pub their_streak: Option<u32>,
    pub i_share: bool,
    /// The ritual the two share: what, and its next instant.
    pub ritual: Option<(String, DateTime<Utc>)>,
}

pub fn status(content: &Content, status: &Status) -> Reply {
    let m = &content.partners.messages;
    let partner = mention(status.partner);
    let theirs = match status.their_streak {
        Some(days) => {
            let days = fill(&m.streak_days, &[("count", &days.to_string())]);
            fill(&m.status_their_streak, &[("partner", &partner), ("days", &days)])
        }
        None => fill(&m.status_their_streak_private, &[("partner", &partner)]),
    };
    let mine = if status.i_share { &m.status_you_share } else { &m.status_you_keep };
    let mut lines =
        vec![fill(&m.status_partner, &[("partner", &partner), ("since", &stamp(status.since, 'D'))])];
    if let Some((what, at)) = &status.ritual {
        lines.push(fill(&m.status_ritual, &[("what", what), ("when", &stamp(*at, 'F'))]));
    }
    lines.extend([theirs, mine.clone(), m.status_never.clone()]);
    Reply::embed(Embed {
        title: Some(m.status_title.clone()),
        description: Some(lines.join("\n\n")),
        colour: COLOUR,
        ..Embed::default()
    })
}

/// `/partner status` with no partner: an invitation still open is named.
pub fn no_partner(content: &Content, open: Option<(UserId, DateTime<Utc>)>) -> Reply {
    let m = &content.partners.messages;
    match open {
        Some((invitee, until)) => Reply::text(fill(
            &m.status_invite_out,
            &[("invitee", &mention(invitee)), ("until", &stamp(until, 'f'))],
        )),
        None => Reply::text(m.no_partner.clone()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn content() -> Content {
        Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_invitation_names_the_inviter_and_its_buttons_belong_to_the_invitee() {
        let c = content();
        let reply = invitation(&c, UserId(5), UserId(6), 42, 7);
        let text = reply.plain_text();
        assert!(text.contains("<@5>"), "{text}");
        assert!(text.contains("never sees your quiz, journal or check-ins"), "{text}");
        assert!(text.contains("7 days"), "{text}");
        let ids: Vec<ButtonId> =
            reply.rows[0].iter().map(|b| ButtonId::parse(&b.custom_id).unwrap()).collect();
        assert_eq!(ids.len(), 3);
        assert!(ids.iter().all(|id| id.owner == UserId(6)));
        assert_eq!(ids[2].action, Action::PartnerAnswer(42, PartnerAnswer::Block));
    }

    #[test]
    fn the_status_shows_a_streak_only_when_shared_and_always_says_what_is_never_shown() {
        let c = content();
        let since = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let hidden = status(
            &c,
            &Status { partner: UserId(9), since, their_streak: None, i_share: false, ritual: None },
        );
        let text = hidden.plain_text();
        assert!(text.contains("keeps their streak private") && text.contains("<t:1800000000:D>"), "{text}");
        assert!(text.contains("never sees your quiz"), "{text}");
        let shown = status(
            &c,
            &Status { partner: UserId(9), since, their_streak: Some(1), i_share: true, ritual: None },
        );
        let text = shown.plain_text();
        assert!(
            text.contains("current streak: 1 day.") && text.contains("sees your current streak"),
            "{text}"
        );
    }
}
