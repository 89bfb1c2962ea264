//! `/partner invite|leave|status|share|reset|appreciate`: practice partners, two people who chose each other.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{subcommand, Command, Parsed, Registered};
use crate::flows::partners::NOTE_MAX;

pub const PARTNER: Registered = Registered {
    name: "partner",
    server_only: false,
    create: |content| {
        let p = &content.partners.commands;
        let mut lines = CreateCommandOption::new(CommandOptionType::Integer, "line", &p.line_option);
        for (i, line) in content.partners.appreciation.lines.iter().enumerate() {
            lines = lines.add_int_choice(line, i as i32 + 1);
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
            "share" => Command::PartnerShare { streak: o.flag("streak")? },
            "appreciate" => Command::PartnerAppreciate { line: o.integer("line"), note: o.text("note") },
            _ => return None,
        }))
    },
};
