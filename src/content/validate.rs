//! Field-level checks: counts, lengths, slugs, placeholders. Whole-message limits are checked by rendering.

use super::template::placeholders;
use super::Content;

/// Collects problems for one file, each naming the file and the field.
pub(super) struct Checker<'a> {
    pub(super) file: &'a str,
    pub(super) problems: &'a mut Vec<String>,
}

impl Checker<'_> {
    pub(super) fn problem(&mut self, field: &str, reason: impl std::fmt::Display) {
        self.problems.push(format!("content/{}: {field}: {reason}", self.file));
    }

    pub(super) fn text(&mut self, field: &str, value: &str, max: usize) {
        let len = value.chars().count();
        if value.trim().is_empty() {
            self.problem(field, "is empty");
        } else if len > max {
            self.problem(field, format!("is {len} characters, more than the {max} allowed"));
        }
    }

    pub(super) fn count(&mut self, field: &str, len: usize, min: usize, max: usize) {
        if len < min || len > max {
            if min == max {
                self.problem(field, format!("has {len} entries, expected exactly {min}"));
            } else {
                self.problem(field, format!("has {len} entries, expected {min} to {max}"));
            }
        }
    }

    pub(super) fn template(&mut self, field: &str, value: &str, max: usize, allowed: &[&str]) {
        self.text(field, value, max);
        for name in placeholders(value) {
            if !allowed.contains(&name) {
                let known = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
                self.problem(field, format!("uses unknown placeholder {{{name}}} (known here: {known})"));
            }
        }
    }
}

pub(super) fn fields(content: &Content) -> Vec<String> {
    let mut problems = Vec::new();
    guide(content, &mut Checker { file: "guide.toml", problems: &mut problems });
    strategies(content, &mut Checker { file: "strategies.toml", problems: &mut problems });
    support(content, &mut Checker { file: "support.toml", problems: &mut problems });
    ui(content, &mut Checker { file: "ui.toml", problems: &mut problems });
    super::validate_quiz::quiz(content, &mut Checker { file: "quiz.toml", problems: &mut problems });
    super::validate_safety::safety(content, &mut Checker { file: "safety.toml", problems: &mut problems });
    super::validate_quiz::nudges(content, &mut Checker { file: "nudges.toml", problems: &mut problems });
    super::validate_groups::groups(content, &mut Checker { file: "groups.toml", problems: &mut problems });
    super::validate_reflect::reflect(content, &mut Checker { file: "reflect.toml", problems: &mut problems });
    super::validate_mydata::mydata(content, &mut Checker { file: "mydata.toml", problems: &mut problems });
    super::validate_partners::partners(
        content,
        &mut Checker { file: "partners.toml", problems: &mut problems },
    );
    problems
}

fn guide(content: &Content, c: &mut Checker) {
    let g = &content.guide;
    c.text("opening.title", &g.opening.title, 100);
    c.text("opening.summary", &g.opening.summary, 1200);
    c.text("opening.inner_story", &g.opening.inner_story, 100);
    c.count("opening.takeaways", g.opening.takeaways.len(), 1, 8);
    for (i, t) in g.opening.takeaways.iter().enumerate() {
        c.text(&format!("opening.takeaways[{i}]"), t, 200);
    }
    // Buttons for every step sit in rows of five, at most four rows beside other buttons.
    c.count("steps", g.steps.len(), 1, 20);
    let mut seen = std::collections::HashSet::new();
    for (i, step) in g.steps.iter().enumerate() {
        let at = format!("steps[{i}]");
        if usize::from(step.number) != i + 1 {
            c.problem(
                &format!("{at}.number"),
                format!("is {}, expected {} (steps are numbered in order)", step.number, i + 1),
            );
        }
        let slug_ok = !step.slug.is_empty()
            && step.slug.len() <= 24
            && step.slug.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !slug_ok {
            c.problem(
                &format!("{at}.slug"),
                format!(
                    "{:?} must be 1 to 24 lowercase letters, digits or hyphens (it names a slash command)",
                    step.slug
                ),
            );
        }
        if !seen.insert(step.slug.clone()) {
            c.problem(&format!("{at}.slug"), format!("{:?} is used by another step", step.slug));
        }
        c.text(&format!("{at}.title"), &step.title, 60);
        c.text(&format!("{at}.summary"), &step.summary, 90);
        c.text(&format!("{at}.what"), &step.what, 400);
        c.text(&format!("{at}.why"), &step.why, 600);
        c.count(&format!("{at}.practices"), step.practices.len(), 3, 3);
        for (j, p) in step.practices.iter().enumerate() {
            c.text(&format!("{at}.practices[{j}].name"), &p.name, 60);
            c.text(&format!("{at}.practices[{j}].how"), &p.how, 300);
        }
    }
}

fn strategies(content: &Content, c: &mut Checker) {
    let s = &content.strategies;
    c.text("title", &s.title, 100);
    c.text("intro", &s.intro, 300);
    c.text("closing", &s.closing, 200);
    c.count("strategies", s.strategies.len(), 1, 10);
    for (i, st) in s.strategies.iter().enumerate() {
        c.text(&format!("strategies[{i}].name"), &st.name, 60);
        c.text(&format!("strategies[{i}].what"), &st.what, 300);
        c.text(&format!("strategies[{i}].try_today"), &st.try_today, 200);
    }
}

fn support(content: &Content, c: &mut Checker) {
    let s = &content.support;
    c.text("disclaimer.text", &s.disclaimer.text, 500);
    let p = &s.professional_help;
    c.text("professional_help.title", &p.title, 100);
    c.text("professional_help.intro", &p.intro, 400);
    c.count("professional_help.points", p.points.len(), 1, 6);
    for (i, point) in p.points.iter().enumerate() {
        c.text(&format!("professional_help.points[{i}]"), point, 300);
    }
    c.text("professional_help.how_to_find", &p.how_to_find, 300);
    let k = &s.crisis;
    c.text("crisis.title", &k.title, 100);
    c.text("crisis.intro", &k.intro, 400);
    c.text("crisis.fallback", &k.fallback, 300);
    c.text("crisis.emergency", &k.emergency, 300);
    c.text("crisis.closing", &k.closing, 300);
    let n = &s.country;
    c.template("country.saved", &n.saved, 200, &["country"]);
    c.template("country.saved_no_lines", &n.saved_no_lines, 300, &["country"]);
    c.template("country.unknown", &n.unknown, 300, &["typed"]);
    if chrono::NaiveDate::parse_from_str(&format!("{}-01", k.last_verified), "%Y-%m-%d").is_err() {
        c.problem("crisis.last_verified", format!("{:?} must be a month written YYYY-MM", k.last_verified));
    }
    if !k.fallback.contains("findahelpline.com") {
        c.problem("crisis.fallback", "must point to findahelpline.com, the fallback for every country");
    }
    c.count("crisis.resources", k.resources.len(), 1, 20);
    for (i, r) in k.resources.iter().enumerate() {
        let at = format!("crisis.resources[{i}]");
        c.text(&format!("{at}.region"), &r.region, 40);
        c.text(&format!("{at}.name"), &r.name, 80);
        c.text(&format!("{at}.contact"), &r.contact, 200);
        if let Some(a) = &r.audience {
            c.text(&format!("{at}.audience"), a, 80);
        }
        if r.country_codes.is_empty()
            || r.country_codes.iter().any(|cc| cc.len() != 2 || !cc.chars().all(|ch| ch.is_ascii_uppercase()))
        {
            c.problem(&format!("{at}.country_codes"), "must list two-letter upper-case country codes");
        }
    }
}

fn ui(content: &Content, c: &mut Checker) {
    let u = &content.ui;
    for (field, value) in [
        ("commands.guide", &u.commands.guide),
        ("commands.step", &u.commands.step),
        ("commands.share_option", &u.commands.share_option),
        ("commands.progress", &u.commands.progress),
        ("commands.strategies", &u.commands.strategies),
        ("commands.support", &u.commands.support),
        ("commands.help", &u.commands.help),
        ("commands.country_option", &u.commands.country_option),
        ("commands.quiz", &u.commands.quiz),
        ("commands.quiz_start", &u.commands.quiz_start),
        ("commands.quiz_history", &u.commands.quiz_history),
    ] {
        // Discord's limit for command and option descriptions.
        c.text(field, value, 100);
    }
    let b = &u.buttons;
    for (field, value) in [
        ("buttons.previous", &b.previous),
        ("buttons.next", &b.next),
        ("buttons.did_practice", &b.did_practice),
        ("buttons.mark_complete", &b.mark_complete),
        ("buttons.completed", &b.completed),
        ("buttons.progress", &b.progress),
        ("buttons.back_to_step", &b.back_to_step),
        ("buttons.guide", &b.guide),
        ("buttons.more_help", &b.more_help),
        ("buttons.yesterday", &b.yesterday),
    ] {
        // Button labels get a step title appended at most; keep room for it.
        c.text(field, value, 20);
    }
    let m = &u.messages;
    c.template("messages.not_yours", &m.not_yours, 300, &[]);
    c.template("messages.unknown_button", &m.unknown_button, 300, &[]);
    c.template("messages.unknown_step", &m.unknown_step, 300, &[]);
    c.template("messages.something_went_wrong", &m.something_went_wrong, 300, &[]);
    c.template("messages.restarting", &m.restarting, 300, &[]);
    c.template("messages.dm_hint", &m.dm_hint, 300, &[]);
    c.template("messages.pick_practice", &m.pick_practice, 300, &["step"]);
    c.template("messages.logged", &m.logged, 300, &["practice", "step"]);
    c.template("messages.logged_yesterday", &m.logged_yesterday, 300, &["practice", "step"]);
    c.template("messages.already_logged", &m.already_logged, 300, &["practice"]);
    c.template("messages.step_completed", &m.step_completed, 300, &["step"]);
    c.template("messages.step_reopened", &m.step_reopened, 300, &["step"]);
    c.template("messages.guide_steps_heading", &m.guide_steps_heading, 100, &[]);
    c.template("messages.guide_begin_heading", &m.guide_begin_heading, 100, &[]);
    c.template("messages.guide_begin", &m.guide_begin, 600, &[]);
    for (field, label) in [
        ("messages.guide_quiz_button", &m.guide_quiz_button),
        ("messages.guide_strategies_button", &m.guide_strategies_button),
        ("messages.guide_support_button", &m.guide_support_button),
    ] {
        c.template(field, label, 40, &[]);
    }
    c.template("messages.guide_takeaways_heading", &m.guide_takeaways_heading, 100, &[]);
    c.template("messages.step_what_heading", &m.step_what_heading, 100, &[]);
    c.template("messages.step_why_heading", &m.step_why_heading, 100, &[]);
    c.template("messages.step_practices_heading", &m.step_practices_heading, 100, &[]);
    c.template("messages.step_footer", &m.step_footer, 200, &["number", "total"]);
    c.template("messages.step_done_footer", &m.step_done_footer, 200, &["number", "total"]);
    c.template("messages.try_today_label", &m.try_today_label, 40, &[]);
    c.template("messages.crisis_checked", &m.crisis_checked, 200, &["month"]);
    let h = &u.help;
    c.template("help.title", &h.title, 100, &[]);
    c.template("help.intro", &h.intro, 600, &[]);
    c.template("help.commands_heading", &h.commands_heading, 100, &[]);
    c.template("help.commands_more_heading", &h.commands_more_heading, 100, &[]);
    c.template("help.privacy_heading", &h.privacy_heading, 100, &[]);
    c.template("help.privacy", &h.privacy, 600, &[]);
    c.template("help.disclaimer_heading", &h.disclaimer_heading, 100, &[]);
    let p = &u.progress;
    c.template("progress.title", &p.title, 100, &[]);
    c.template("progress.empty", &p.empty, 400, &[]);
    c.template("progress.steps_heading", &p.steps_heading, 100, &[]);
    c.template("progress.steps_line", &p.steps_line, 200, &["done", "total"]);
    c.template("progress.recent_heading", &p.recent_heading, 100, &[]);
    c.template("progress.recent_line", &p.recent_line, 200, &["practice", "step", "day"]);
    c.template("progress.step_line_done", &p.step_line_done, 200, &["number", "title", "count"]);
    c.template("progress.step_line_open", &p.step_line_open, 200, &["number", "title", "count"]);
    c.template("progress.group_heading", &p.group_heading, 100, &[]);
    c.template("progress.group_line", &p.group_line, 200, &["count"]);
    c.template("progress.steadiness_heading", &p.steadiness_heading, 100, &[]);
    c.template("progress.steadiness_line", &p.steadiness_line, 200, &["bars", "count"]);
    c.template("progress.steadiness_steadier", &p.steadiness_steadier, 200, &[]);
    c.template("progress.steadiness_same", &p.steadiness_same, 200, &[]);
    c.template("progress.steadiness_less", &p.steadiness_less, 200, &[]);
    c.template("progress.picture_steadiness", &p.picture_steadiness, 40, &[]);
    c.template("progress.streak_heading", &p.streak_heading, 100, &[]);
    c.template("progress.picture_weeks", &p.picture_weeks, 40, &[]);
    c.template("progress.picture_steps", &p.picture_steps, 40, &[]);
    c.template("progress.picture_quiz", &p.picture_quiz, 40, &[]);
    c.template("progress.streak_line", &p.streak_line, 300, &["current", "longest"]);
    c.template("progress.streak_none", &p.streak_none, 300, &[]);
    c.template("progress.streak_fresh", &p.streak_fresh, 300, &["longest"]);
    formats(&u.formats, c);
}

/// What a date pattern writes.
#[derive(Clone, Copy)]
enum Writes {
    Time,
    Day,
    Moment,
}

/// Each date pattern must write its kind of value: a code chrono does not know, or a date code in a time
/// pattern, would otherwise fail when a reply is built.
fn formats(f: &super::ui::Formats, c: &mut Checker) {
    use std::fmt::Write;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let time = chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default();
    let patterns = [
        ("formats.time", &f.time, Writes::Time),
        ("formats.day", &f.day, Writes::Day),
        ("formats.list_day", &f.list_day, Writes::Day),
        ("formats.chart_day", &f.chart_day, Writes::Day),
        ("formats.date", &f.date, Writes::Day),
        ("formats.weekday", &f.weekday, Writes::Day),
        ("formats.short_weekday", &f.short_weekday, Writes::Day),
        ("formats.month", &f.month, Writes::Day),
        ("formats.local_moment", &f.local_moment, Writes::Moment),
        ("formats.local_now", &f.local_now, Writes::Moment),
    ];
    for (field, pattern, writes) in patterns {
        c.text(field, pattern, 40);
        let unknown =
            chrono::format::StrftimeItems::new(pattern).any(|i| matches!(i, chrono::format::Item::Error));
        let mut out = String::new();
        let written = match writes {
            Writes::Time => write!(out, "{}", time.format(pattern)),
            Writes::Day => write!(out, "{}", day.format(pattern)),
            Writes::Moment => write!(out, "{}", day.and_time(time).format(pattern)),
        };
        if unknown || written.is_err() {
            c.problem(
                field,
                format!("{pattern:?} is not a pattern chrono can write here (see its strftime codes)"),
            );
        }
    }
    c.template("formats.weekly", &f.weekly, 40, &["weekday", "time"]);
}
