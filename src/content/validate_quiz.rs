//! Checks for `quiz.toml` and `nudges.toml`.

use std::collections::HashSet;

use super::validate::Checker;
use super::Content;
use crate::quiz::scoring::{Dimension, Style, MIN_ANSWERED};

pub(super) fn quiz(content: &Content, c: &mut Checker) {
    let q = &content.quiz;
    c.text("title", &q.title, 100);
    c.text("intro", &q.intro, 900);
    if !(1..=365).contains(&q.expiry_days) {
        c.problem("expiry_days", format!("is {}, expected 1 to 365 days", q.expiry_days));
    }
    let s = &q.scale;
    if s.min >= s.max || s.max - s.min > 9 {
        c.problem("scale", format!("min {} and max {} must make a scale of 2 to 10 points", s.min, s.max));
    } else {
        c.count(
            "scale.points",
            s.points.len(),
            usize::from(s.max - s.min) + 1,
            usize::from(s.max - s.min) + 1,
        );
    }
    let mut phrases = HashSet::new();
    for (i, p) in s.points.iter().enumerate() {
        let at = format!("scale.points[{i}]");
        if usize::from(p.value) != usize::from(s.min) + i {
            c.problem(
                &format!("{at}.value"),
                format!("is {}, expected {} (points go in order)", p.value, usize::from(s.min) + i),
            );
        }
        c.text(&format!("{at}.label"), &p.label, 20);
        c.count(&format!("{at}.typed"), p.typed.len(), 1, 8);
        let mut own = HashSet::new();
        for t in p.typed.iter().chain(std::iter::once(&p.label)) {
            let key = crate::safety::normalise(t);
            if t.chars().any(|ch| ch.is_ascii_digit()) {
                c.problem(
                    &format!("{at}.typed"),
                    format!("{t:?} has a digit; numbers are read as the scale's values"),
                );
            }
            // The label may repeat one of the point's own words; across points every word must differ.
            if own.insert(key.clone()) && !phrases.insert(key) {
                c.problem(&format!("{at}.typed"), format!("{t:?} also stands for another point or word"));
            }
        }
    }
    let m = &q.messages;
    for (field, words) in [
        ("messages.typed_back", &m.typed_back),
        ("messages.typed_skip", &m.typed_skip),
        ("messages.typed_stop", &m.typed_stop),
    ] {
        c.count(field, words.len(), 1, 8);
        for w in words {
            if !phrases.insert(crate::safety::normalise(w)) {
                c.problem(field, format!("{w:?} also stands for another point or word"));
            }
        }
    }
    let t = &q.thresholds;
    for (field, value) in [("thresholds.anxiety", t.anxiety), ("thresholds.avoidance", t.avoidance)] {
        if !(f64::from(s.min)..=f64::from(s.max)).contains(&value) {
            c.problem(field, format!("{value} is outside the scale {} to {}", s.min, s.max));
        }
    }
    if !(0.0..=f64::from(s.max.saturating_sub(s.min)) / 2.0).contains(&t.close_margin) {
        c.problem(
            "thresholds.close_margin",
            format!("{} must be between 0 and half the scale", t.close_margin),
        );
    }
    c.count("items", q.items.len(), 2 * MIN_ANSWERED, 24);
    let mut ids = HashSet::new();
    for (i, item) in q.items.iter().enumerate() {
        let at = format!("items[{i}]");
        let id_ok = !item.id.is_empty()
            && item.id.len() <= 24
            && item.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !id_ok {
            c.problem(
                &format!("{at}.id"),
                format!("{:?} must be 1 to 24 lowercase letters, digits or hyphens", item.id),
            );
        }
        if !ids.insert(item.id.as_str()) {
            c.problem(&format!("{at}.id"), format!("{:?} is used by another item", item.id));
        }
        c.text(&format!("{at}.text"), &item.text, 200);
        if let Some(note) = &item.note {
            c.text(&format!("{at}.note"), note, 200);
        }
        if content.step(&item.step).is_none() {
            c.problem(&format!("{at}.step"), format!("{:?} is not a step in guide.toml", item.step));
        }
    }
    c.count("unsure_start_steps", q.unsure_start_steps.len(), 1, 3);
    for slug in &q.unsure_start_steps {
        if content.step(slug).is_none() {
            c.problem("unsure_start_steps", format!("{slug:?} is not a step in guide.toml"));
        }
    }
    for d in [Dimension::Anxiety, Dimension::Avoidance] {
        let of = |reverse: bool| q.items.iter().filter(|i| i.dimension == d && i.reverse == reverse).count();
        let name = format!("{d:?}").to_lowercase();
        if of(false) + of(true) < MIN_ANSWERED {
            c.problem(
                "items",
                format!("has {} {name} items; a result needs at least {MIN_ANSWERED}", of(false) + of(true)),
            );
        }
        if of(false) == 0 || of(true) == 0 {
            c.problem(
                "items",
                format!("{name} needs both forward and reverse-keyed items, so contradictions can be seen"),
            );
        }
    }
    for style in Style::ALL {
        let st = q.styles.get(style);
        let at = format!("styles.{}", style.key());
        c.text(&format!("{at}.name"), &st.name, 40);
        c.text(&format!("{at}.description"), &st.description, 400);
        for (field, list) in
            [("triggers", &st.triggers), ("strengths", &st.strengths), ("growth", &st.growth)]
        {
            c.count(&format!("{at}.{field}"), list.len(), 1, 5);
            for (i, entry) in list.iter().enumerate() {
                c.text(&format!("{at}.{field}[{i}]"), entry, 150);
            }
        }
        c.count(&format!("{at}.start_steps"), st.start_steps.len(), 1, 3);
        for slug in &st.start_steps {
            if content.step(slug).is_none() {
                c.problem(&format!("{at}.start_steps"), format!("{slug:?} is not a step in guide.toml"));
            }
        }
    }
    c.count("caveats", q.caveats.len(), 1, 6);
    for (i, caveat) in q.caveats.iter().enumerate() {
        c.text(&format!("caveats[{i}]"), caveat, 200);
    }
    messages(content, c);
}

fn messages(content: &Content, c: &mut Checker) {
    let m = &content.quiz.messages;
    for (field, value) in [
        ("messages.start", &m.start),
        ("messages.move_to_dm", &m.move_to_dm),
        ("messages.back", &m.back),
        ("messages.skip", &m.skip),
        ("messages.stop", &m.stop),
        ("messages.new_quiz", &m.new_quiz),
        ("messages.first_quiz", &m.first_quiz),
        ("messages.history", &m.history),
        ("messages.crisis_continue", &m.crisis_continue),
        ("messages.anxiety_label", &m.anxiety_label),
        ("messages.avoidance_label", &m.avoidance_label),
    ] {
        c.template(field, value, 20, &[]);
    }
    for (field, value, max, allowed) in [
        ("messages.question_counter", &m.question_counter, 60, &["number", "total"][..]),
        ("messages.resume", &m.resume, 200, &[]),
        ("messages.paused", &m.paused, 300, &["days"]),
        ("messages.moved_to_dm", &m.moved_to_dm, 200, &[]),
        ("messages.dm_closed", &m.dm_closed, 300, &[]),
        ("messages.stale", &m.stale, 300, &[]),
        ("messages.finished_already", &m.finished_already, 300, &[]),
        ("messages.expired", &m.expired, 300, &["days"]),
        ("messages.typed_hint", &m.typed_hint, 300, &[]),
        ("messages.result_title", &m.result_title, 100, &[]),
        ("messages.scores_heading", &m.scores_heading, 100, &[]),
        ("messages.anxiety_explain", &m.anxiety_explain, 150, &[]),
        ("messages.avoidance_explain", &m.avoidance_explain, 150, &[]),
        ("messages.leaning", &m.leaning, 200, &["style"]),
        ("messages.leaning_close", &m.leaning_close, 300, &["style"]),
        ("messages.on_the_line", &m.on_the_line, 300, &["first", "second"]),
        ("messages.on_both_lines", &m.on_both_lines, 300, &[]),
        ("messages.withheld_same", &m.withheld_same, 300, &[]),
        ("messages.withheld_inconsistent", &m.withheld_inconsistent, 300, &["dimension"]),
        ("messages.incomplete", &m.incomplete, 300, &[]),
        ("messages.breakdown_triggers", &m.breakdown_triggers, 100, &[]),
        ("messages.breakdown_strengths", &m.breakdown_strengths, 100, &[]),
        ("messages.breakdown_growth", &m.breakdown_growth, 100, &[]),
        ("messages.breakdown_personal", &m.breakdown_personal, 100, &[]),
        ("messages.start_with", &m.start_with, 100, &[]),
        ("messages.caveats_heading", &m.caveats_heading, 100, &[]),
        ("messages.history_title", &m.history_title, 100, &[]),
        ("messages.history_empty", &m.history_empty, 300, &[]),
        (
            "messages.history_line",
            &m.history_line,
            200,
            &["number", "when", "anxiety_label", "anxiety", "avoidance_label", "avoidance", "verdict"],
        ),
        (
            "messages.history_change",
            &m.history_change,
            200,
            &["anxiety_label", "anxiety_change", "avoidance_label", "avoidance_change"],
        ),
        ("messages.verdict_withheld", &m.verdict_withheld, 40, &[]),
        ("messages.verdict_incomplete", &m.verdict_incomplete, 40, &[]),
        ("messages.verdict_between", &m.verdict_between, 80, &["first", "second"]),
        ("messages.verdict_slightly", &m.verdict_slightly, 60, &["style"]),
        ("messages.history_open", &m.history_open, 40, &["number", "date"]),
        ("messages.result_from", &m.result_from, 200, &["when"]),
        ("messages.result_gone", &m.result_gone, 300, &[]),
    ] {
        c.template(field, value, max, allowed);
    }
}

pub(super) fn nudges(content: &Content, c: &mut Checker) {
    let n = &content.nudges;
    let k = &n.commands;
    for (field, value) in [
        ("commands.nudges", &k.nudges),
        ("commands.on", &k.on),
        ("commands.time_option", &k.time_option),
        ("commands.timezone_option", &k.timezone_option),
        ("commands.off", &k.off),
        ("commands.pause", &k.pause),
        ("commands.days_option", &k.days_option),
        ("commands.status", &k.status),
        ("commands.timezone", &k.timezone),
        ("commands.recap", &k.recap),
        ("commands.recap_option", &k.recap_option),
        ("commands.zone_option", &k.zone_option),
        ("commands.step", &k.step),
        ("commands.follow_option", &k.follow_option),
        ("commands.follow_first_open", &k.follow_first_open),
        ("commands.follow_all", &k.follow_all),
    ] {
        c.text(field, value, 100);
    }
    let b = &n.buttons;
    for (field, value) in [
        ("buttons.done", &b.done),
        ("buttons.snooze", &b.snooze),
        ("buttons.skip", &b.skip),
        ("buttons.stop", &b.stop),
    ] {
        c.text(field, value, 40);
    }
    // The longest zone name is 30 characters; a button label holds 80.
    c.template("buttons.use_zone", &b.use_zone, 48, &["zone"]);
    let m = &n.messages;
    for (field, value, allowed) in [
        ("messages.nudge_title", &m.nudge_title, &[][..]),
        ("messages.nudge_intro", &m.nudge_intro, &["step"]),
        ("messages.nudge_footer", &m.nudge_footer, &[]),
        ("messages.on", &m.on, &["time", "zone", "when"]),
        ("messages.on_by_dm", &m.on_by_dm, &[]),
        ("messages.on_today_done", &m.on_today_done, &[]),
        ("messages.off", &m.off, &[]),
        ("messages.already_off", &m.already_off, &[]),
        ("messages.paused", &m.paused, &["days", "when"]),
        ("messages.status_on", &m.status_on, &["when", "local"]),
        ("messages.status_paused", &m.status_paused, &["day", "when", "local"]),
        ("messages.resumed", &m.resumed, &[]),
        ("messages.status_step", &m.status_step, &["number", "step"]),
        ("messages.follow_first_open", &m.follow_first_open, &[]),
        ("messages.follow_all", &m.follow_all, &[]),
        ("messages.follow_step", &m.follow_step, &["number", "step"]),
        ("messages.all_steps_done", &m.all_steps_done, &[]),
        ("messages.all_steps_next", &m.all_steps_next, &[]),
        ("messages.status_off", &m.status_off, &[]),
        ("messages.bad_time", &m.bad_time, &["input"]),
        ("messages.bad_zone", &m.bad_zone, &["input"]),
        ("messages.zone_abbreviation", &m.zone_abbreviation, &["input", "zone"]),
        ("messages.zone_abbreviation_retry", &m.zone_abbreviation_retry, &["input", "zone"]),
        ("messages.bad_days", &m.bad_days, &[]),
        ("messages.no_zone_yet", &m.no_zone_yet, &[]),
        ("messages.done", &m.done, &["practice", "day"]),
        ("messages.already_done", &m.already_done, &["practice", "day"]),
        ("messages.snoozed", &m.snoozed, &["when"]),
        ("messages.skipped", &m.skipped, &["when"]),
        ("messages.stopped", &m.stopped, &[]),
        ("messages.dm_closed", &m.dm_closed, &[]),
        ("messages.not_current", &m.not_current, &[]),
        ("messages.zone_set", &m.zone_set, &["zone", "local"]),
        ("messages.zone_moves_nudge", &m.zone_moves_nudge, &["when"]),
        ("messages.zone_moves_recap", &m.zone_moves_recap, &["when"]),
        ("messages.status_soon", &m.status_soon, &[]),
        ("messages.recap_title", &m.recap_title, &[]),
        ("messages.recap_body", &m.recap_body, &["practices", "checkins"]),
        ("messages.recap_streak", &m.recap_streak, &["streak"]),
        ("messages.recap_quiet", &m.recap_quiet, &[]),
        ("messages.recap_next", &m.recap_next, &["practice", "step"]),
        ("messages.recap_on", &m.recap_on, &["when"]),
        ("messages.recap_off", &m.recap_off, &[]),
    ] {
        c.template(field, value, 400, allowed);
    }
}
