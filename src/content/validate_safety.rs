//! Checks for `safety.toml`: every reply fits and points to help, and no typed quiz answer reads as a crisis.

use super::validate::Checker;
use super::Content;

pub(super) fn safety(content: &Content, c: &mut Checker) {
    let s = &content.safety;
    for (field, title) in [
        ("reply_title", &s.reply_title),
        ("others_title", &s.others_title),
        ("concern_title", &s.concern_title),
        ("someone_else_title", &s.someone_else_title),
    ] {
        c.text(field, title, 100);
    }
    for (field, reply, max) in [
        ("reply", &s.reply, 700),
        ("others_reply", &s.others_reply, 600),
        ("concern_reply", &s.concern_reply, 700),
        ("someone_else_reply", &s.someone_else_reply, 1000),
    ] {
        c.text(field, reply, max);
        // Every reply points somewhere a person can get help, whichever lines are shown beside it.
        for needed in ["findahelpline.com", "/support"] {
            if !reply.contains(needed) {
                c.problem(field, format!("does not mention {needed}"));
            }
        }
    }
    for (field, line) in [
        ("quiz_paused", &s.quiz_paused),
        ("kept_journal", &s.kept_journal),
        ("kept_checkin", &s.kept_checkin),
        ("not_posted", &s.not_posted),
    ] {
        c.text(field, line, 200);
    }
    // Typed quiz answers must never look like a crisis, or every answer would pause the quiz.
    for point in &content.quiz.scale.points {
        for word in point.typed.iter().chain(std::iter::once(&point.label)) {
            if crate::safety::check(word, &content.crisis_language).is_some() {
                c.problem(
                    "reply",
                    format!("crisis_language.toml reads the quiz answer {word:?} as a crisis"),
                );
            }
        }
    }
}
