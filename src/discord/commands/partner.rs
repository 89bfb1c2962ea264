//! `/partner invite|leave|status|share|reset|ritual|appreciate`: practice partners, two people who chose each other.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{subcommand, Command, Parsed, Registered};
use crate::flows::partner_rituals::WHAT_MAX;
use crate::flows::partners::NOTE_MAX;
use chrono::Weekday;

pub const PARTNER: Registered = Registered {
    name: "partner",
    server_only: false,
    create: |content| {
        let p = &content.partners.commands;
        let mut lines = CreateCommandOption::new(CommandOptionType::Integer, "line", &p.line_option);
        for (i, line) in content.partners.appreciation.lines.iter().enumerate() {
            lines = lines.add_int_choice(line, i as i32 + 1);
        }
        let mut days =
            CreateCommandOption::new(CommandOptionType::String, "day", &p.day_option).required(true);
        for day in
            [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
        {
            days = days.add_string_choice(crate::render::format::weekday(content, day), day.to_string());
        }
        CreateCommand::new("partner").description(&p.partner).set_options(vec![
            subcommand("invite", &p.invite).add_sub_option(
                CreateCommandOption::new(CommandOptionType::User, "user", &p.user_option).required(true),
            ),
            subcommand("leave", &p.leave),
            subcommand("status", &p.status),
            subcommand("share", &p.share).add_sub_option(
                CreateCommandOption::new(CommandOptionType::Boolean, "streak", &p.streak_option)
                    .required(true),
            ),
            subcommand("reset", &p.reset),
            subcommand("ritual", &p.ritual)
                .add_sub_option(days)
                .add_sub_option(super::nudges::time("time", &p.time_option, true))
                .add_sub_option(
                    CreateCommandOption::new(CommandOptionType::String, "what", &p.what_option)
                        .required(true)
                        .max_length(WHAT_MAX as u16),
                ),
            subcommand("appreciate", &p.appreciate).add_sub_option(lines).add_sub_option(
                CreateCommandOption::new(CommandOptionType::String, "note", &p.note_option)
                    .max_length(NOTE_MAX as u16),
            ),
        ])
    },
    parse: |o| {
        let (name, o) = o.subcommand()?;
        Some(Parsed::Answer(match name {
            "invite" => Command::PartnerInvite { user: o.user("user")? },
            "leave" => Command::PartnerLeave,
            "status" => Command::PartnerStatus,
            "reset" => Command::PartnerReset,
            "ritual" => {
                Command::PartnerRitual { day: o.text("day")?, time: o.text("time")?, what: o.text("what")? }
            }
            "share" => Command::PartnerShare { streak: o.flag("streak")? },
            "appreciate" => Command::PartnerAppreciate { line: o.integer("line"), note: o.text("note") },
            _ => return None,
        }))
    },
};
