//! Checks for `mydata.toml`.

use super::validate::Checker;
use super::Content;

pub(super) fn mydata(content: &Content, c: &mut Checker) {
    let d = &content.mydata;
    for (field, value) in [
        ("commands.mydata", &d.commands.mydata),
        ("commands.show", &d.commands.show),
        ("commands.export", &d.commands.export),
        ("commands.delete", &d.commands.delete),
    ] {
        c.text(field, value, 100);
    }
    let m = &d.messages;
    c.text("messages.delete_button", &m.delete_button, 40);
    c.text("messages.keep_button", &m.keep_button, 40);
    c.text("messages.export_button", &m.export_button, 40);
    for (field, value, allowed) in [
        ("messages.show_title", &m.show_title, &[][..]),
        ("messages.show_intro", &m.show_intro, &[]),
        ("messages.show_line", &m.show_line, &["count", "what"]),
        ("messages.show_nothing", &m.show_nothing, &[]),
        ("messages.export_done", &m.export_done, &[]),
        ("messages.delete_confirm", &m.delete_confirm, &[]),
        ("messages.deleted", &m.deleted, &[]),
        ("messages.kept", &m.kept, &[]),
    ] {
        c.template(field, value, 600, allowed);
    }
    let l = &d.labels;
    for (field, value) in [
        ("labels.practices", &l.practices),
        ("labels.steps", &l.steps),
        ("labels.quiz_results", &l.quiz_results),
        ("labels.checkins", &l.checkins),
        ("labels.journal", &l.journal),
        ("labels.group_checkins", &l.group_checkins),
        ("labels.shoutouts", &l.shoutouts),
        ("labels.nudges", &l.nudges),
        ("labels.recaps", &l.recaps),
        ("labels.partners", &l.partners),
        ("labels.partner_invites", &l.partner_invites),
        ("labels.partner_blocks", &l.partner_blocks),
        ("labels.partner_resets", &l.partner_resets),
        ("labels.partner_rituals", &l.partner_rituals),
    ] {
        c.template(field, value, 120, &["count"]);
    }
    c.template("labels.quiz_in_progress", &l.quiz_in_progress, 120, &["number", "total"]);
    c.template("labels.zone", &l.zone, 120, &["zone"]);
    c.template("labels.country", &l.country, 120, &["country"]);
}
