//! Checks for `reflect.toml`.

use super::validate::Checker;
use super::Content;

pub(super) fn reflect(content: &Content, c: &mut Checker) {
    let r = &content.reflect;
    let k = &r.commands;
    for (field, value) in [
        ("commands.checkin", &k.checkin),
        ("commands.checkin_now", &k.checkin_now),
        ("commands.checkin_history", &k.checkin_history),
        ("commands.checkin_page_option", &k.checkin_page_option),
        ("commands.journal", &k.journal),
        ("commands.journal_write", &k.journal_write),
        ("commands.journal_prompt_option", &k.journal_prompt_option),
        ("commands.journal_read", &k.journal_read),
        ("commands.journal_page_option", &k.journal_page_option),
    ] {
        c.text(field, value, 100);
    }
    c.template("not_stored", &r.not_stored, 400, &[]);
    c.template("form_empty", &r.form_empty, 300, &["field"]);
    c.template("form_too_long", &r.form_too_long, 300, &["field", "max"]);
    let ch = &r.checkin;
    // Modal titles and labels: Discord allows 45 characters; placeholders 100.
    for (field, value, max) in [
        ("checkin.title", &ch.title, 45),
        ("checkin.feeling_label", &ch.feeling_label, 45),
        ("checkin.need_label", &ch.need_label, 45),
        ("checkin.steadiness_label", &ch.steadiness_label, 45),
        ("checkin.feeling_placeholder", &ch.feeling_placeholder, 100),
        ("checkin.need_placeholder", &ch.need_placeholder, 100),
        ("checkin.steadiness_placeholder", &ch.steadiness_placeholder, 100),
        ("checkin.button", &ch.button, 40),
        ("journal.title", &r.journal.title, 45),
        ("journal.label", &r.journal.label, 45),
        ("journal.placeholder", &r.journal.placeholder, 100),
        ("journal.newer", &r.journal.newer, 20),
        ("journal.older", &r.journal.older, 20),
    ] {
        c.text(field, value, max);
    }
    c.template("checkin.saved", &ch.saved, 400, &["feeling", "need"]);
    c.template("checkin.saved_feeling_only", &ch.saved_feeling_only, 400, &["feeling"]);
    c.count("checkin.echo_feeling_openings", ch.echo_feeling_openings.len(), 0, 30);
    c.count("checkin.echo_need_openings", ch.echo_need_openings.len(), 0, 30);
    c.count("checkin.typed_skip", ch.typed_skip.len(), 1, 20);
    c.template("checkin.steadiness_line", &ch.steadiness_line, 200, &["steadiness"]);
    c.template("checkin.bad_steadiness", &ch.bad_steadiness, 300, &[]);
    c.count("checkin.typed_start", ch.typed_start.len(), 1, 10);
    c.template("checkin.ask_feeling", &ch.ask_feeling, 300, &[]);
    c.template("checkin.ask_need", &ch.ask_need, 300, &[]);
    c.template("checkin.typed_stopped", &ch.typed_stopped, 300, &[]);
    c.template("checkin.history_title", &ch.history_title, 100, &[]);
    c.template("checkin.history_empty", &ch.history_empty, 300, &[]);
    c.template("checkin.history_entry", &ch.history_entry, 200, &["feeling", "need"]);
    c.template("checkin.history_entry_feeling_only", &ch.history_entry_feeling_only, 200, &["feeling"]);
    c.template("checkin.history_footer", &ch.history_footer, 100, &["page", "pages"]);
    let j = &r.journal;
    c.count("journal.prompts", j.prompts.len(), 1, 25);
    for (i, p) in j.prompts.iter().enumerate() {
        // A prompt is shown as the journal form's placeholder.
        c.text(&format!("journal.prompts[{i}]"), p, 100);
    }
    c.template("journal.saved", &j.saved, 300, &[]);
    c.template("journal.read_title", &j.read_title, 100, &[]);
    c.template("journal.empty", &j.empty, 300, &[]);
    c.template("journal.page_footer", &j.page_footer, 100, &["page", "pages"]);
    c.template("journal.shortened", &j.shortened, 100, &["count"]);
}
