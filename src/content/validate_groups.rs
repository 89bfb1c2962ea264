//! Checks for `groups.toml`.

use super::validate::Checker;
use super::Content;

pub(super) fn groups(content: &Content, c: &mut Checker) {
    let g = &content.groups;
    let k = &g.commands;
    for (field, value) in [
        ("commands.accountability", &k.accountability),
        ("commands.setup", &k.setup),
        ("commands.channel_option", &k.channel_option),
        ("commands.time_option", &k.time_option),
        ("commands.timezone_option", &k.timezone_option),
        ("commands.focus_option", &k.focus_option),
        ("commands.off", &k.off),
        ("commands.status", &k.status),
        ("commands.shoutouts", &k.shoutouts),
        ("commands.shoutouts_option", &k.shoutouts_option),
        ("commands.focus_guide", &k.focus_guide),
        ("commands.summary_day_option", &k.summary_day_option),
        ("commands.summary_time_option", &k.summary_time_option),
    ] {
        c.text(field, value, 100);
    }
    c.text("buttons.practiced", &g.buttons.practiced, 40);
    c.text("buttons.reflect", &g.buttons.reflect, 40);
    let m = &g.messages;
    // Modal texts have Discord's own, smaller limits.
    c.text("messages.reflect_title", &m.reflect_title, 45);
    c.text("messages.reflect_label", &m.reflect_label, 45);
    c.text("messages.reflect_placeholder", &m.reflect_placeholder, 100);
    for (field, value, allowed) in [
        ("messages.post_title", &m.post_title, &[][..]),
        ("messages.post_intro", &m.post_intro, &["step"]),
        ("messages.count_none", &m.count_none, &[]),
        ("messages.count_one", &m.count_one, &[]),
        ("messages.count_many", &m.count_many, &["count"]),
        ("messages.counted", &m.counted, &[]),
        ("messages.already_counted", &m.already_counted, &[]),
        ("messages.old_post", &m.old_post, &[]),
        ("messages.reflection_posted", &m.reflection_posted, &["name", "text"]),
        ("messages.reflection_thanks", &m.reflection_thanks, &[]),
        ("messages.setup_done", &m.setup_done, &["channel", "time", "zone", "focus", "when", "summary"]),
        ("messages.setup_kept", &m.setup_kept, &[]),
        ("messages.setup_restarted", &m.setup_restarted, &[]),
        ("messages.missing_permissions", &m.missing_permissions, &["channel", "permissions"]),
        ("messages.not_admin", &m.not_admin, &[]),
        ("messages.server_only", &m.server_only, &[]),
        ("messages.bad_channel", &m.bad_channel, &[]),
        ("messages.off", &m.off, &[]),
        ("messages.already_off", &m.already_off, &[]),
        (
            "messages.status_on",
            &m.status_on,
            &["channel", "time", "zone", "focus", "when", "summary", "summary_when"],
        ),
        ("messages.paused", &m.paused, &["reason"]),
        ("messages.reason_channel_gone", &m.reason_channel_gone, &[]),
        ("messages.reason_no_access", &m.reason_no_access, &[]),
        ("messages.summary_title", &m.summary_title, &[]),
        ("messages.summary_days", &m.summary_days, &[]),
        ("messages.summary_streak", &m.summary_streak, &["days"]),
        ("messages.summary_streak_fresh", &m.summary_streak_fresh, &[]),
        ("messages.summary_streak_none", &m.summary_streak_none, &[]),
        ("messages.summary_shoutouts", &m.summary_shoutouts, &["names"]),
        ("messages.summary_quiet", &m.summary_quiet, &[]),
        ("messages.shoutouts_on", &m.shoutouts_on, &[]),
        ("messages.shoutouts_off", &m.shoutouts_off, &[]),
    ] {
        c.template(field, value, 400, allowed);
    }
}
