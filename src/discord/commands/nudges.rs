//! `/nudges on|off|pause|status|recap|step` and `/timezone`: daily practice by DM, at the person's own time.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{step_choice, subcommand, Command, Parsed, Registered};
use crate::flows::nudges::{FOLLOW_ALL, FOLLOW_FIRST_OPEN, MAX_PAUSE_DAYS};

/// A zone option, filled in as it is typed.
pub(super) fn zone(name: &str, description: &str, required: bool) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, name, description)
        .required(required)
        .set_autocomplete(true)
        .max_length(64)
}

/// A time option: "19:00", "7pm".
pub(super) fn time(name: &str, description: &str, required: bool) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, name, description).required(required).max_length(20)
}

pub const NUDGES: Registered =
    Registered {
        name: "nudges",
        server_only: false,
        create: |content| {
            let n = &content.nudges.commands;
            let mut follow = CreateCommandOption::new(CommandOptionType::String, "follow", &n.follow_option)
                .required(true)
                .add_string_choice(&n.follow_first_open, FOLLOW_FIRST_OPEN)
                .add_string_choice(&n.follow_all, FOLLOW_ALL);
            for step in content.steps() {
                let (name, value) = step_choice(step);
                follow = follow.add_string_choice(name, value);
            }
            CreateCommand::new("nudges").description(&n.nudges).set_options(vec![
                subcommand("on", &n.on)
                    .add_sub_option(time("time", &n.time_option, true))
                    .add_sub_option(zone("timezone", &n.timezone_option, false)),
                subcommand("off", &n.off),
                subcommand("pause", &n.pause).add_sub_option(
                    CreateCommandOption::new(CommandOptionType::Integer, "days", &n.days_option)
                        .required(true)
                        .min_int_value(1)
                        .max_int_value(MAX_PAUSE_DAYS as u64),
                ),
                subcommand("status", &n.status),
                subcommand("recap", &n.recap).add_sub_option(
                    CreateCommandOption::new(CommandOptionType::Boolean, "enabled", &n.recap_option)
                        .required(true),
                ),
                subcommand("step", &n.step).add_sub_option(follow),
            ])
        },
        parse: |o| {
            let (name, o) = o.subcommand()?;
            Some(Parsed::Answer(match name {
                "on" => Command::NudgesOn { time: o.text("time")?, zone: o.text("timezone") },
                "off" => Command::NudgesOff,
                "pause" => Command::NudgesPause { days: o.integer("days")? },
                "status" => Command::NudgesStatus,
                "recap" => Command::NudgesRecap { on: o.flag("enabled")? },
                "step" => Command::NudgesStep { follow: o.text("follow")? },
                _ => return None,
            }))
        },
    };

pub const TIMEZONE: Registered = Registered {
    name: "timezone",
    server_only: false,
    create: |content| {
        let n = &content.nudges.commands;
        CreateCommand::new("timezone").description(&n.timezone).add_option(zone("zone", &n.zone_option, true))
    },
    parse: |o| Some(Parsed::Answer(Command::TimeZone { zone: o.text("zone")? })),
};
