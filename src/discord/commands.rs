//! The command registry: what is registered with Discord, and how an invocation is read.

use serenity::all::{
    CommandDataOption, CommandDataOptionValue, CommandOptionType, CreateCommand, CreateCommandOption,
    InstallationContext, InteractionContext,
};

use crate::content::Content;

/// A slash command as the bot understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Guide { share: bool },
    Step { slug: String, share: bool },
    Progress,
    Strategies { share: bool },
    Support { share: bool },
    Help,
    QuizStart,
    QuizHistory,
}

/// Every command, ready for one bulk overwrite. `global` adds where the commands may be used and installed,
/// which Discord accepts for global commands only.
pub fn all(content: &Content, global: bool) -> Vec<CreateCommand> {
    let c = &content.ui.commands;
    let share =
        || CreateCommandOption::new(CommandOptionType::Boolean, "share", &c.share_option).required(false);
    let step_subcommands = content
        .steps()
        .iter()
        .map(|s| {
            CreateCommandOption::new(CommandOptionType::SubCommand, &s.slug, &s.summary)
                .add_sub_option(share())
        })
        .collect();
    let commands = vec![
        CreateCommand::new("guide").description(&c.guide).add_option(share()),
        CreateCommand::new("step").description(&c.step).set_options(step_subcommands),
        CreateCommand::new("progress").description(&c.progress),
        CreateCommand::new("strategies").description(&c.strategies).add_option(share()),
        CreateCommand::new("support").description(&c.support).add_option(share()),
        CreateCommand::new("help").description(&c.help),
        CreateCommand::new("quiz").description(&c.quiz).set_options(vec![
            CreateCommandOption::new(CommandOptionType::SubCommand, "start", &c.quiz_start),
            CreateCommandOption::new(CommandOptionType::SubCommand, "history", &c.quiz_history),
        ]),
    ];
    if !global {
        return commands;
    }
    commands
        .into_iter()
        .map(|command| {
            command
                .contexts(vec![
                    InteractionContext::Guild,
                    InteractionContext::BotDm,
                    InteractionContext::PrivateChannel,
                ])
                .integration_types(vec![InstallationContext::Guild, InstallationContext::User])
        })
        .collect()
}

/// Reads an invocation; `None` for a command this version does not have (for example one left over from an
/// older registration).
pub fn parse(name: &str, options: &[CommandDataOption]) -> Option<Command> {
    let share = |opts: &[CommandDataOption]| {
        opts.iter()
            .find(|o| o.name == "share")
            .and_then(|o| match o.value {
                CommandDataOptionValue::Boolean(b) => Some(b),
                _ => None,
            })
            .unwrap_or(false)
    };
    Some(match name {
        "guide" => Command::Guide { share: share(options) },
        "step" => {
            let sub = options.first()?;
            let CommandDataOptionValue::SubCommand(sub_options) = &sub.value else {
                return None;
            };
            Command::Step { slug: sub.name.clone(), share: share(sub_options) }
        }
        "progress" => Command::Progress,
        "strategies" => Command::Strategies { share: share(options) },
        "support" => Command::Support { share: share(options) },
        "help" => Command::Help,
        "quiz" => match options.first().map(|o| o.name.as_str()) {
            Some("start") => Command::QuizStart,
            Some("history") => Command::QuizHistory,
            _ => return None,
        },
        _ => return None,
    })
}

impl Command {
    /// Whether the answer is meant for the channel rather than the person alone.
    pub fn shared(&self) -> bool {
        match self {
            Command::Guide { share }
            | Command::Step { share, .. }
            | Command::Strategies { share }
            | Command::Support { share } => *share,
            Command::Progress | Command::Help | Command::QuizStart | Command::QuizHistory => false,
        }
    }
}
