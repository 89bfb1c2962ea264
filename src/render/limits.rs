//! The start-up check: every view rendered with the longest parts it can have, against Discord's limits.

use chrono::{DateTime, TimeZone, Utc};

use super::{
    crisis, group, guide, help, mydata, practice, progress, quiz, reflect, step, strategies, support,
};
use crate::content::{Content, ContentError};
use crate::ids::{ChannelId, GuildId, UserId};
use crate::progress::{LoggedPractice, PracticeRef, ProgressSummary, RECENT_SHOWN};
use crate::reply::Reply;

/// Content that renders within Discord's limits in every view, or the problems that stop start-up.
pub fn check(content: &Content) -> Result<(), ContentError> {
    let problems = problems(content);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ContentError::Invalid { problems })
    }
}

/// Renders every view the content feeds, with the longest dynamic parts it can have, and reports any
/// Discord limit a view would break, so bad content stops start-up instead of failing at send time.
pub fn problems(content: &Content) -> Vec<String> {
    let owner = UserId::MAX;
    let mut views: Vec<(String, Reply)> = vec![
        ("/guide".into(), guide::render(content, owner)),
        ("/strategies".into(), strategies::render(content)),
        ("/support".into(), support::render(content, None)),
        ("/help".into(), help::render(content, &longest_commands())),
        (
            "/progress with no practice yet".into(),
            progress::render(content, owner, &ProgressSummary::default()),
        ),
        ("/progress".into(), progress::render(content, owner, &busiest_summary(content))),
    ];
    for step in content.steps() {
        for completed in [None, Some(false), Some(true)] {
            let view = step::StepView { owner, completed, notice: Some(longest_notice(content, step)) };
            views.push((format!("/step {}", step.slug), step::render(content, step, &view)));
        }
        views.push((format!("practice picker for {}", step.slug), practice::picker(content, owner, step)));
        for (i, p) in step.practices.iter().enumerate() {
            let number = u8::try_from(i + 1).unwrap_or(u8::MAX);
            views.push((
                format!("practice {} of {}", number, step.slug),
                practice::logged(content, owner, step, p, true, true),
            ));
        }
    }
    // The longest zone name, with the longest typed text quoted back.
    let zone = chrono_tz::Tz::America__Argentina__ComodRivadavia;
    views.push((
        "/timezone EST".into(),
        super::nudge::zone_question(content, &"x".repeat(40), zone, Some(owner)),
    ));
    views.push(("/nudges on EST".into(), super::nudge::zone_question(content, &"x".repeat(40), zone, None)));
    // Every table counted in the millions, a quiz under way, the longest zone and country names.
    let tables = ["practice_log", "step_progress", "quiz_results", "checkins", "journal", "group_checkins"];
    let kept = mydata::Kept {
        counts: tables
            .iter()
            .chain(&["group_shoutouts", "nudges", "recaps"])
            .map(|t| ((*t).to_owned(), u64::MAX))
            .collect(),
        quiz_at: Some((usize::MAX, usize::MAX)),
        zone: Some(zone.name().to_owned()),
        country: Some(format!("{} (XX)", "x".repeat(60))),
    };
    views.push(("/mydata show".into(), mydata::show(content, &kept)));
    views.push(("/mydata delete".into(), mydata::confirm_delete(content, owner)));
    views.extend(quiz_views(content, owner));
    views.extend(crisis_views(content, owner));
    views.extend(group_views(content));
    views.extend(settings_views(content, zone));
    views.extend(partner_views(content, owner));
    views
        .into_iter()
        .flat_map(|(name, reply)| {
            reply
                .limit_problems()
                .into_iter()
                .map(move |p| format!("{name} would break a Discord limit: {p}"))
        })
        .collect()
}

fn longest_notice(content: &Content, step: &crate::content::Step) -> String {
    let m = &content.ui.messages;
    [&m.step_completed, &m.step_reopened]
        .into_iter()
        .map(|t| crate::content::fill(t, &[("step", &step.title)]))
        .max_by_key(|s| s.chars().count())
        .unwrap_or_default()
}

/// Every step complete, huge counts, and the most recent list filled with the longest practice names.
fn busiest_summary(content: &Content) -> ProgressSummary {
    let steps = content.steps();
    let longest = steps
        .iter()
        .flat_map(|s| s.practices.iter().enumerate().map(move |(i, p)| (s, i, p)))
        .max_by_key(|(s, _, p)| p.name.chars().count() + s.title.chars().count());
    let at = Utc.with_ymd_and_hms(2099, 12, 31, 23, 59, 59).single().unwrap_or(DateTime::<Utc>::MAX_UTC);
    let recent = longest
        .map(|(s, i, _)| LoggedPractice {
            practice: PracticeRef { step_slug: s.slug.clone(), number: u8::try_from(i + 1).unwrap_or(1) },
            day: at.date_naive(),
            logged_at: at,
        })
        .into_iter()
        .cycle()
        .take(RECENT_SHOWN as usize)
        .collect();
    ProgressSummary {
        completed: steps.iter().map(|s| s.slug.clone()).collect(),
        counts: steps.iter().map(|s| (s.slug.clone(), 999_999)).collect(),
        recent,
        group_checkins: 999_999,
        streaks: crate::streak::Streaks { current: u32::MAX, longest: u32::MAX },
        steadiness: (0..crate::progress::STEADINESS_SHOWN)
            .map(|i| (at.date_naive(), [5, 1][i as usize % 2]))
            .collect(),
    }
}

/// Every quiz view, with the longest parts it can have: each question, each verdict with the most
/// personal notes, and a full history.
fn quiz_views(content: &Content, owner: UserId) -> Vec<(String, Reply)> {
    use crate::quiz::scoring::Style;
    use crate::store::quiz::{QuizSession, StoredResult, StoredVerdict};

    let q = &content.quiz;
    let at = Utc.with_ymd_and_hms(2099, 12, 31, 23, 59, 59).single().unwrap_or(DateTime::<Utc>::MAX_UTC);
    let mut views = vec![
        ("quiz paused".to_owned(), quiz::paused(content, owner)),
        ("quiz stale".to_owned(), quiz::stale(content, owner)),
        ("quiz finished".to_owned(), quiz::finished_already(content, owner)),
    ];
    let items: Vec<String> = q.items.iter().map(|i| i.id.clone()).collect();
    for position in 0..items.len() {
        let session = QuizSession {
            id: i64::MAX,
            user_id: owner,
            started_at: at,
            updated_at: at,
            item_ids: items.clone(),
            position,
            status: crate::store::quiz::SessionStatus::Active,
            paused: false,
        };
        let notice = Some(q.messages.dm_closed.clone());
        for in_guild in [true, false] {
            views.push((
                format!("quiz question {}", position + 1),
                quiz::question(content, &session, Some(q.scale.max), notice.clone(), in_guild),
            ));
        }
    }
    let mut notes: Vec<&str> = q.items.iter().filter_map(|i| i.note.as_deref()).collect();
    notes.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    notes.truncate(3);
    let result = |verdict: StoredVerdict| StoredResult {
        session_id: i64::MAX,
        finished_at: at,
        anxiety: Some(f64::from(q.scale.max)),
        avoidance: Some(f64::from(q.scale.min)),
        anxiety_answered: 6,
        avoidance_answered: 6,
        verdict,
    };
    let mut results = Vec::new();
    for style in Style::ALL {
        results.push(result(StoredVerdict::Leaning(style)));
        results.push(result(StoredVerdict::LeaningClose(style)));
    }
    results.push(result(StoredVerdict::OnTheLine(Style::ALL[..2].to_vec())));
    results.push(result(StoredVerdict::OnTheLine(Style::ALL.to_vec())));
    results.push(result(StoredVerdict::WithheldSame));
    results.push(result(StoredVerdict::WithheldInconsistent(crate::quiz::scoring::Dimension::Avoidance)));
    results.push(result(StoredVerdict::Incomplete));
    let steps: Vec<&str> = content.steps().iter().map(|s| s.slug.as_str()).take(3).collect();
    let notice = Some(quiz::result_from(content, at));
    for r in &results {
        let view = quiz::ResultView { result: r, personal: &notes, steps: &steps, notice: notice.clone() };
        views.push((format!("quiz result {:?}", r.verdict), quiz::result(content, owner, &view)));
    }
    let history: Vec<StoredResult> = results
        .iter()
        .cycle()
        .take(12)
        .enumerate()
        .map(|(i, r)| StoredResult { session_id: i64::MAX - i as i64, ..r.clone() })
        .collect();
    let zone = Some(chrono_tz::Tz::Pacific__Kiritimati);
    views.push(("quiz history".to_owned(), quiz::history(content, owner, &history, zone)));
    views.push(("empty quiz history".to_owned(), quiz::history(content, owner, &[], None)));
    views
}

/// Every care reply with every line it can carry, for both kinds of kept words, and help for someone else
/// after the longest check-in confirmation.
fn crisis_views(content: &Content, owner: UserId) -> Vec<(String, Reply)> {
    use crate::safety::Outcome;
    use crisis::{Context, Kept};

    let mut views = Vec::new();
    for outcome in [Outcome::Crisis, Outcome::HarmToOthers, Outcome::Concern, Outcome::SomeoneElse] {
        for kept in [Kept::Journal, Kept::Checkin] {
            let context = Context { quiz_paused: true, kept, not_posted: true, not_sent: true };
            views.push((
                format!("care reply {outcome:?} {kept:?}"),
                crisis::reply(content, owner, outcome, context, Some("GB")),
            ));
        }
    }
    let words = "w".repeat(1000);
    let saved = reflect::checkin_saved(content, &words, &words, Err(()));
    let help = crisis::reply(content, owner, Outcome::SomeoneElse, Context::default(), None);
    views.push(("check-in saved, with help for someone else".to_owned(), crisis::after(saved, help)));
    views
}

/// A server's daily post for every step and practice with a huge count, and the fullest weekly summary.
fn group_views(content: &Content) -> Vec<(String, Reply)> {
    let day = chrono::NaiveDate::from_ymd_opt(2099, 12, 31).unwrap_or_default();
    let mut views = Vec::new();
    for step in content.steps() {
        for practice in 1..=3 {
            views.push((
                format!("group post for {} practice {practice}", step.slug),
                group::post(content, GuildId::MAX, day, step, practice, u32::MAX),
            ));
        }
    }
    let week: Vec<(chrono::NaiveDate, u32)> =
        (0..7).map(|i| (day - chrono::Duration::days(i), u32::MAX)).collect();
    let named: Vec<UserId> = vec![UserId::MAX; 100];
    views.push(("weekly summary".to_owned(), group::summary(content, &week, u32::MAX, &named)));
    views.push((
        "shared reflection".to_owned(),
        group::reflection(content, &"n".repeat(32), &"r".repeat(1000)),
    ));
    views
}

/// Twenty commands with the longest names and descriptions Discord allows: what `/help` may have to show.
fn longest_commands() -> Vec<help::CommandLine> {
    (0..20)
        .map(|i| help::CommandLine {
            name: format!("{i:0>32} {}", "s".repeat(60)),
            description: "d".repeat(100),
        })
        .collect()
}

/// The answers of `/nudges`, `/timezone` and `/accountability` with every line they can carry, the longest
/// step title and zone name, typed text quoted back at its longest, and every permission missing.
fn settings_views(content: &Content, zone: chrono_tz::Tz) -> Vec<(String, Reply)> {
    use super::group_settings::{self as group, Before, Setup, Status as GroupStatus};
    use super::nudge_settings::{self as nudges, Follow, Status, TurnedOn, ZoneSet};
    use crate::groups::PauseReason;

    let at = Utc.with_ymd_and_hms(2099, 12, 31, 23, 59, 59).single().unwrap_or(DateTime::<Utc>::MAX_UTC);
    let day = at.date_naive();
    let time = chrono::NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default();
    let typed = "x".repeat(200);
    let step = content.steps().iter().max_by_key(|s| s.title.chars().count());
    let on = TurnedOn { time, zone, next: at, today_done: true, recap_next: Some(at), in_guild: true };
    let mut views = vec![
        ("/nudges on".to_owned(), nudges::turned_on(content, &on)),
        ("/nudges on, a bad time".to_owned(), nudges::bad_time(content, &typed)),
        ("/nudges on, a bad zone".to_owned(), nudges::bad_zone(content, &typed)),
        ("/nudges pause".to_owned(), nudges::paused(content, i64::MAX, at)),
        (
            "/timezone".to_owned(),
            nudges::zone_set(content, &ZoneSet { zone, now: at, nudge_next: Some(at), recap_next: Some(at) }),
        ),
        ("/nudges recap".to_owned(), nudges::recap(content, Some(at))),
    ];
    for status in [Status::Paused { through: day, next: at, zone }, Status::On { next: at, zone }] {
        views.push(("/nudges status".to_owned(), nudges::status(content, &status, step)));
    }
    if let Some(step) = step {
        views.push(("/nudges step".to_owned(), nudges::follow(content, &Follow::Step(step))));
    }
    let permissions = ["View Channel", "Send Messages", "Embed Links", "Read Message History"];
    views.push((
        "/accountability setup".to_owned(),
        group::missing_permissions(content, ChannelId::MAX, &permissions),
    ));
    let setup = || Setup {
        channel_id: ChannelId::MAX,
        time,
        zone,
        focus: step,
        next: at,
        summary_weekday: chrono::Weekday::Wed,
        summary_time: time,
    };
    for before in [Before::Kept, Before::Restarted] {
        views.push(("/accountability setup".to_owned(), group::set_up(content, &setup(), before)));
    }
    for status in [
        GroupStatus::On { setup: setup(), summary_next: Some(at) },
        GroupStatus::Paused(PauseReason::ChannelGone),
        GroupStatus::Paused(PauseReason::NoAccess),
    ] {
        views.push(("/accountability status".to_owned(), group::status(content, &status)));
    }
    views
}

/// Every partner view, with the longest mentions and timestamps.
fn partner_views(content: &Content, owner: UserId) -> Vec<(String, Reply)> {
    use super::partners::{self, Said, Status};
    let far = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let days = crate::flows::partners::INVITE_DAYS;
    let mut views = vec![
        ("partner invitation".to_owned(), partners::invitation(content, owner, owner, i64::MAX, days)),
        ("/partner status, none".to_owned(), partners::no_partner(content, None)),
        ("/partner status, invitation out".to_owned(), partners::no_partner(content, Some((owner, far)))),
    ];
    let what = "w".repeat(crate::flows::partner_rituals::WHAT_MAX);
    views.push((
        "ritual proposal".to_owned(),
        partners::ritual_proposal(content, owner, owner, i64::MAX, &what, far),
    ));
    views.push((
        "ritual reminder".to_owned(),
        partners::ritual_reminder(content, owner, owner, i64::MAX, &what, far),
    ));
    for said in [
        Said::RitualProposed { partner: owner, what: what.clone(), at: far },
        Said::RitualAcceptedYou { what: what.clone(), at: far },
        Said::RitualAcceptedThem { partner: owner, what: what.clone(), at: far },
        Said::RitualAnotherYou,
        Said::RitualAnotherThem { partner: owner, what: what.clone() },
        Said::RitualNeedZone,
        Said::RitualBadTime,
        Said::RitualBadDay,
        Said::RitualWhatEmpty,
        Said::RitualWhatTooLong { max: crate::flows::partner_rituals::WHAT_MAX },
        Said::RitualDoneYou,
        Said::RitualDoneThem { partner: owner, what: what.clone() },
        Said::RitualAlreadyDone,
        Said::RitualSkipped,
        Said::RitualGone,
        Said::RitualTimeSkipped { day: far.date_naive() },
        Said::RitualNotYet { at: far },
    ] {
        views.push((format!("partner answer {said:?}"), partners::said(content, &said)));
    }
    views.push(("reset request".to_owned(), partners::reset_request(content, owner, owner, i64::MAX)));
    views.push(("reset times".to_owned(), partners::reset_when(content, owner, i64::MAX, true)));
    let longest_note = "w".repeat(crate::flows::partners::NOTE_MAX);
    views.push((
        "partner appreciation".to_owned(),
        partners::appreciation(content, owner, owner, &longest_note),
    ));
    for (their_streak, i_share) in [(Some(u32::MAX), true), (None, false)] {
        let ritual = Some(("w".repeat(crate::flows::partner_rituals::WHAT_MAX), far));
        let status = Status { partner: owner, since: far, their_streak, i_share, ritual };
        views.push(("/partner status".to_owned(), partners::status(content, &status)));
    }
    for said in [
        Said::InviteSent { invitee: owner, days },
        Said::CannotInvite,
        Said::NotYourself,
        Said::NotABot,
        Said::YouHavePartner { partner: owner },
        Said::InviteWaiting { invitee: owner, until: far },
        Said::AcceptedYou { inviter: owner },
        Said::AcceptedThem { invitee: owner },
        Said::DeclinedYou,
        Said::BlockedYou,
        Said::DeclinedThem { invitee: owner },
        Said::Expired,
        Said::NoLongerOpen,
        Said::EndedYou,
        Said::EndedThem,
        Said::NoPartner,
        Said::ShareOn,
        Said::ShareOff,
        Said::AppreciationSent { partner: owner },
        Said::NoteEmpty,
        Said::NoteTooLong { max: crate::flows::partners::NOTE_MAX },
        Said::NotDelivered { partner: owner },
        Said::ResetSent { partner: owner },
        Said::ResetWaiting { partner: owner },
        Said::ResetLimit { max: u32::MAX },
        Said::ResetReadyYou,
        Said::ResetTimeYou,
        Said::ResetReconnectYou { at: far },
        Said::ResetReadyThem { partner: owner },
        Said::ResetTimeThem { partner: owner },
        Said::ResetReconnectThem { partner: owner, at: far },
        Said::ResetAnswered,
        Said::ReconnectReminder { partner: owner },
    ] {
        views.push((format!("partner answer {said:?}"), partners::said(content, &said)));
    }
    views
}
