//! `/accountability setup|off|status` and `/shoutouts`: a server's shared daily practice. In servers only.

use serenity::all::{ChannelType, CommandOptionType, CreateCommand, CreateCommandOption, Permissions};

use super::nudges::{time, zone};
use super::{step_choice, subcommand, Command, Parsed, Registered};

/// For server managers only (`default_member_permissions`, checked again when the command runs).
pub const ACCOUNTABILITY: Registered = Registered {
    name: "accountability",
    server_only: true,
    create: |content| {
        let g = &content.groups.commands;
        let mut focus = CreateCommandOption::new(CommandOptionType::String, "focus", &g.focus_option)
            .required(false)
            .add_string_choice(&g.focus_guide, crate::groups::FOLLOW_THE_GUIDE);
        for step in content.steps() {
            let (name, value) = step_choice(step);
            focus = focus.add_string_choice(name, value);
        }
        let mut summary_day =
            CreateCommandOption::new(CommandOptionType::String, "summary_day", &g.summary_day_option)
                .required(false);
        for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] {
            summary_day = summary_day.add_string_choice(day, day);
        }
        CreateCommand::new("accountability")
            .description(&g.accountability)
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .set_options(vec![
                subcommand("setup", &g.setup)
                    .add_sub_option(
                        CreateCommandOption::new(CommandOptionType::Channel, "channel", &g.channel_option)
                            .required(true)
                            .channel_types(vec![ChannelType::Text]),
                    )
                    .add_sub_option(time("time", &g.time_option, true))
                    .add_sub_option(zone("timezone", &g.timezone_option, true))
                    .add_sub_option(focus)
                    .add_sub_option(summary_day)
                    .add_sub_option(time("summary_time", &g.summary_time_option, false)),
                subcommand("off", &g.off),
                subcommand("status", &g.status),
            ])
    },
    parse: |o| {
        let (name, o) = o.subcommand()?;
        Some(Parsed::Answer(match name {
            "setup" => Command::AccountabilitySetup {
                channel_id: o.channel("channel")?,
                time: o.text("time")?,
                zone: o.text("timezone")?,
                focus: o.text("focus"),
                summary_day: o.text("summary_day"),
                summary_time: o.text("summary_time"),
            },
            "off" => Command::AccountabilityOff,
            "status" => Command::AccountabilityStatus,
            _ => return None,
        }))
    },
};

pub const SHOUTOUTS: Registered = Registered {
    name: "shoutouts",
    server_only: true,
    create: |content| {
        let g = &content.groups.commands;
        CreateCommand::new("shoutouts").description(&g.shoutouts).add_option(
            CreateCommandOption::new(CommandOptionType::Boolean, "enabled", &g.shoutouts_option)
                .required(true),
        )
    },
    parse: |o| Some(Parsed::Answer(Command::Shoutouts { on: o.flag("enabled").unwrap_or(false) })),
};
