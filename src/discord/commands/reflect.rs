//! `/checkin now|history` and `/journal write|read`: private reflection.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{subcommand, Command, Form, Parsed, Registered};

/// A page option: Discord refuses anything outside 1 to this before it reaches the bot.
fn page(description: &str) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::Integer, "page", description)
        .required(false)
        .min_int_value(1)
        .max_int_value(10_000)
}

pub const CHECKIN: Registered = Registered {
    name: "checkin",
    server_only: false,
    create: |content| {
        let r = &content.reflect.commands;
        CreateCommand::new("checkin").description(&r.checkin).set_options(vec![
            subcommand("now", &r.checkin_now),
            subcommand("history", &r.checkin_history).add_sub_option(page(&r.checkin_page_option)),
        ])
    },
    parse: |o| {
        Some(match o.first_name() {
            // No subcommand: as registered before `now` and `history` existed.
            None | Some("now") => Parsed::Form(Form::Checkin),
            Some("history") => Parsed::Answer(Command::CheckinHistory { page: o.subcommand()?.1.page() }),
            _ => return None,
        })
    },
};

pub const JOURNAL: Registered = Registered {
    name: "journal",
    server_only: false,
    create: |content| {
        let r = &content.reflect.commands;
        CreateCommand::new("journal").description(&r.journal).set_options(vec![
            subcommand("write", &r.journal_write).add_sub_option(
                CreateCommandOption::new(CommandOptionType::Boolean, "prompt", &r.journal_prompt_option)
                    .required(false),
            ),
            subcommand("read", &r.journal_read).add_sub_option(page(&r.journal_page_option)),
        ])
    },
    parse: |o| {
        let (name, options) = o.subcommand()?;
        Some(match name {
            "write" => Parsed::Form(Form::JournalWrite { prompt: options.flag("prompt").unwrap_or(false) }),
            "read" => Parsed::Answer(Command::JournalRead { page: options.page() }),
            _ => return None,
        })
    },
};
