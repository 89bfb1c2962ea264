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
    ] {
        c.text(field, value, 80);
    }
    // Each line is a choice in Discord's list: 25 at most, each a choice name of at most 100 characters.
    let lines = &p.appreciation.lines;
    c.count("appreciation.lines", lines.len(), 1, 25);
    for (i, line) in lines.iter().enumerate() {
        c.text(&format!("appreciation.lines[{i}]"), line, 100);
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
