//! `/guide`, `/step`, `/progress`, `/strategies`, `/support` and `/help`: reading the guide and finding help.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{subcommand, Command, Options, Parsed, Registered};
use crate::content::Content;

fn share(content: &Content) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::Boolean, "share", &content.ui.commands.share_option)
        .required(false)
}

pub const GUIDE: Registered = Registered {
    name: "guide",
    server_only: false,
    create: |content| {
        CreateCommand::new("guide").description(&content.ui.commands.guide).add_option(share(content))
    },
    parse: |o| Some(Parsed::Answer(Command::Guide { share: o.share() })),
};

/// One subcommand per step, named by its slug.
pub const STEP: Registered = Registered {
    name: "step",
    server_only: false,
    create: |content| {
        let steps = content
            .steps()
            .iter()
            .map(|s| subcommand(&s.slug, &s.summary).add_sub_option(share(content)))
            .collect();
        CreateCommand::new("step").description(&content.ui.commands.step).set_options(steps)
    },
    parse: |o| {
        let (slug, options) = o.subcommand()?;
        Some(Parsed::Answer(Command::Step { slug: slug.to_owned(), share: options.share() }))
    },
};

pub const PROGRESS: Registered = Registered {
    name: "progress",
    server_only: false,
    create: |content| CreateCommand::new("progress").description(&content.ui.commands.progress),
    parse: |_| Some(Parsed::Answer(Command::Progress)),
};

pub const STRATEGIES: Registered = Registered {
    name: "strategies",
    server_only: false,
    create: |content| {
        CreateCommand::new("strategies")
            .description(&content.ui.commands.strategies)
            .add_option(share(content))
    },
    parse: |o| Some(Parsed::Answer(Command::Strategies { share: o.share() })),
};

pub const SUPPORT: Registered = Registered {
    name: "support",
    server_only: false,
    create: |content| {
        let c = &content.ui.commands;
        CreateCommand::new("support").description(&c.support).add_option(share(content)).add_option(
            // A name ("New Zealand") as well as a code: up to the longest country name people type.
            CreateCommandOption::new(CommandOptionType::String, "country", &c.country_option)
                .required(false)
                .min_length(2)
                .max_length(60),
        )
    },
    parse: |o: Options| {
        Some(Parsed::Answer(Command::Support { share: o.share(), country: o.text("country") }))
    },
};

pub const HELP: Registered = Registered {
    name: "help",
    server_only: false,
    create: |content| CreateCommand::new("help").description(&content.ui.commands.help),
    parse: |_| Some(Parsed::Answer(Command::Help)),
};
