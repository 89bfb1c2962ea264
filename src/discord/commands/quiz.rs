//! `/quiz start|history`: the attachment-style quiz.

use serenity::all::CreateCommand;

use super::{subcommand, Command, Parsed, Registered};

pub const QUIZ: Registered = Registered {
    name: "quiz",
    server_only: false,
    create: |content| {
        let c = &content.ui.commands;
        CreateCommand::new("quiz")
            .description(&c.quiz)
            .set_options(vec![subcommand("start", &c.quiz_start), subcommand("history", &c.quiz_history)])
    },
    parse: |o| {
        Some(Parsed::Answer(match o.first_name()? {
            "start" => Command::QuizStart,
            "history" => Command::QuizHistory,
            _ => return None,
        }))
    },
};
