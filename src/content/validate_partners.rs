//! Checks for `partners.toml`.

use super::validate::Checker;
use super::Content;

pub(super) fn partners(content: &Content, c: &mut Checker) {
    let p = &content.partners;
    for (field, value) in [
        ("commands.partner", &p.commands.partner),
        ("commands.invite", &p.commands.invite),
        ("commands.user_option", &p.commands.user_option),
        ("commands.leave", &p.commands.leave),
        ("commands.status", &p.commands.status),
        ("commands.share", &p.commands.share),
        ("commands.streak_option", &p.commands.streak_option),
        ("commands.appreciate", &p.commands.appreciate),
        ("commands.line_option", &p.commands.line_option),
        ("commands.note_option", &p.commands.note_option),
        ("commands.reset", &p.commands.reset),
        ("commands.ritual", &p.commands.ritual),
        ("commands.day_option", &p.commands.day_option),
        ("commands.time_option", &p.commands.time_option),
        ("commands.what_option", &p.commands.what_option),
    ] {
        c.text(field, value, 100);
    }
    for (field, value) in [
        ("buttons.accept", &p.buttons.accept),
        ("buttons.decline", &p.buttons.decline),
        ("buttons.block", &p.buttons.block),
        ("buttons.ready", &p.buttons.ready),
        ("buttons.need_time", &p.buttons.need_time),
        ("buttons.reconnect", &p.buttons.reconnect),
        ("buttons.in_30_minutes", &p.buttons.in_30_minutes),
        ("buttons.in_an_hour", &p.buttons.in_an_hour),
        ("buttons.this_evening", &p.buttons.this_evening),
        ("buttons.tomorrow", &p.buttons.tomorrow),
        ("buttons.ask_reset", &p.buttons.ask_reset),
        ("buttons.another_time", &p.buttons.another_time),
        ("buttons.we_did_it", &p.buttons.we_did_it),
        ("buttons.not_this_week", &p.buttons.not_this_week),
    ] {
        c.text(field, value, 80);
    }
    // Each line is a choice in Discord's list: 25 at most, each a choice name of at most 100 characters.
    let lines = &p.appreciation.lines;
    c.count("appreciation.lines", lines.len(), 1, 25);
    for (i, line) in lines.iter().enumerate() {
        c.text(&format!("appreciation.lines[{i}]"), line, 100);
    }
    // The practice a ritual counts as must be one of the guide's.
    let r = &p.ritual;
    match content.step(&r.step) {
        None => c.problem("ritual.step", format!("names no step of the guide: {:?}", r.step)),
        Some(step) if !(1..=step.practices.len()).contains(&usize::from(r.practice)) => {
            c.problem("ritual.practice", format!("{} is not a practice of {}", r.practice, r.step))
        }
        Some(_) => {}
    }
    let m = &p.messages;
    c.text("messages.invitation_title", &m.invitation_title, 256);
    for (field, value, allowed) in [
        ("messages.invitation", &m.invitation, &["days", "inviter"][..]),
        ("messages.invite_sent", &m.invite_sent, &["days", "invitee"]),
        ("messages.cannot_invite", &m.cannot_invite, &[]),
        ("messages.not_yourself", &m.not_yourself, &[]),
        ("messages.not_a_bot", &m.not_a_bot, &[]),
        ("messages.you_have_partner", &m.you_have_partner, &["partner"]),
        ("messages.invite_waiting", &m.invite_waiting, &["invitee", "until"]),
        ("messages.accepted_you", &m.accepted_you, &["inviter"]),
        ("messages.accepted_them", &m.accepted_them, &["invitee"]),
        ("messages.declined_you", &m.declined_you, &[]),
        ("messages.blocked_you", &m.blocked_you, &[]),
        ("messages.declined_them", &m.declined_them, &["invitee"]),
        ("messages.expired", &m.expired, &[]),
        ("messages.no_longer_open", &m.no_longer_open, &[]),
        ("messages.ended_you", &m.ended_you, &[]),
        ("messages.ended_them", &m.ended_them, &[]),
        ("messages.no_partner", &m.no_partner, &[]),
        ("messages.status_title", &m.status_title, &[]),
        ("messages.status_partner", &m.status_partner, &["partner", "since"]),
        ("messages.status_their_streak", &m.status_their_streak, &["days", "partner"]),
        ("messages.status_their_streak_private", &m.status_their_streak_private, &["partner"]),
        ("messages.status_you_share", &m.status_you_share, &[]),
        ("messages.status_you_keep", &m.status_you_keep, &[]),
        ("messages.status_never", &m.status_never, &[]),
        ("messages.status_invite_out", &m.status_invite_out, &["invitee", "until"]),
        ("messages.share_on", &m.share_on, &[]),
        ("messages.share_off", &m.share_off, &[]),
        ("messages.streak_days", &m.streak_days, &["count"]),
        ("messages.appreciation", &m.appreciation, &["from"]),
        ("messages.appreciation_sent", &m.appreciation_sent, &["partner"]),
        ("messages.note_empty", &m.note_empty, &[]),
        ("messages.note_too_long", &m.note_too_long, &["max"]),
        ("messages.not_delivered", &m.not_delivered, &["partner"]),
        ("messages.not_sent", &m.not_sent, &[]),
        ("messages.ritual_proposal", &m.ritual_proposal, &["from", "what", "when"]),
        ("messages.ritual_proposed", &m.ritual_proposed, &["partner", "what", "when"]),
        ("messages.ritual_accepted_you", &m.ritual_accepted_you, &["what", "when"]),
        ("messages.ritual_accepted_them", &m.ritual_accepted_them, &["partner", "what", "when"]),
        ("messages.ritual_another_you", &m.ritual_another_you, &[]),
        ("messages.ritual_another_them", &m.ritual_another_them, &["partner", "what"]),
        ("messages.ritual_need_zone", &m.ritual_need_zone, &[]),
        ("messages.ritual_bad_time", &m.ritual_bad_time, &[]),
        ("messages.ritual_bad_day", &m.ritual_bad_day, &[]),
        ("messages.ritual_what_empty", &m.ritual_what_empty, &[]),
        ("messages.ritual_what_too_long", &m.ritual_what_too_long, &["max"]),
        ("messages.ritual_reminder", &m.ritual_reminder, &["what", "partner", "when"]),
        ("messages.ritual_done_you", &m.ritual_done_you, &[]),
        ("messages.ritual_done_them", &m.ritual_done_them, &["partner", "what"]),
        ("messages.ritual_already_done", &m.ritual_already_done, &[]),
        ("messages.ritual_skipped", &m.ritual_skipped, &[]),
        ("messages.ritual_gone", &m.ritual_gone, &[]),
        ("messages.status_ritual", &m.status_ritual, &["what", "when"]),
        ("messages.ritual_clock_change", &m.ritual_clock_change, &["day"]),
        ("messages.ritual_not_yet", &m.ritual_not_yet, &["when"]),
        ("messages.reset_request", &m.reset_request, &["from"]),
        ("messages.reset_sent", &m.reset_sent, &["partner"]),
        ("messages.reset_waiting", &m.reset_waiting, &["partner"]),
        ("messages.reset_limit", &m.reset_limit, &["max"]),
        ("messages.reset_ready_you", &m.reset_ready_you, &[]),
        ("messages.reset_time_you", &m.reset_time_you, &[]),
        ("messages.reset_when", &m.reset_when, &[]),
        ("messages.reset_reconnect_you", &m.reset_reconnect_you, &["when"]),
        ("messages.reset_ready_them", &m.reset_ready_them, &["partner"]),
        ("messages.reset_time_them", &m.reset_time_them, &["partner"]),
        ("messages.reset_reconnect_them", &m.reset_reconnect_them, &["partner", "when"]),
        ("messages.reset_answered", &m.reset_answered, &[]),
        ("messages.reconnect_reminder", &m.reconnect_reminder, &["partner"]),
    ] {
        c.template(field, value, 1000, allowed);
    }
}
