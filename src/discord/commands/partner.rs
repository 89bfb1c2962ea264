//! `/partner invite|leave|status|share`: practice partners, two people who chose each other.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{subcommand, Command, Parsed, Registered};

pub const PARTNER: Registered = Registered {
    name: "partner",
    server_only: false,
    create: |content| {
        let p = &content.partners.commands;
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
        ])
    },
    parse: |o| {
        let (name, o) = o.subcommand()?;
        Some(Parsed::Answer(match name {
            "invite" => Command::PartnerInvite { user: o.user("user")? },
            "leave" => Command::PartnerLeave,
            "status" => Command::PartnerStatus,
            "share" => Command::PartnerShare { streak: o.flag("streak")? },
            _ => return None,
        }))
    },
};
