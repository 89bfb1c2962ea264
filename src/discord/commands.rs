//! The command registry: what is registered with Discord, and how an invocation is read.

use serenity::all::{
    CommandDataOption, CommandDataOptionValue, CommandOptionType, CreateCommand, CreateCommandOption,
    InstallationContext, InteractionContext,
};

use crate::content::Content;

/// A slash command as the bot understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Guide {
        share: bool,
    },
    Step {
        slug: String,
        share: bool,
    },
    Progress,
    Strategies {
        share: bool,
    },
    Support {
        share: bool,
        country: Option<String>,
    },
    Help,
    QuizStart,
    QuizHistory,
    NudgesOn {
        time: String,
        zone: Option<String>,
    },
    NudgesOff,
    NudgesPause {
        days: i64,
    },
    NudgesStatus,
    NudgesRecap {
        on: bool,
    },
    NudgesStep {
        follow: String,
    },
    AccountabilitySetup {
        channel_id: u64,
        time: String,
        zone: String,
        focus: Option<String>,
        summary_day: Option<String>,
        summary_time: Option<String>,
    },
    AccountabilityOff,
    AccountabilityStatus,
    Shoutouts {
        on: bool,
    },
    Checkin,
    CheckinHistory {
        page: u32,
    },
    MyDataShow,
    MyDataExport,
    MyDataDelete,
    TimeZone {
        zone: String,
    },
    JournalWrite {
        prompt: bool,
    },
    JournalRead {
        page: u32,
    },
}

/// A `page` option as typed (1 is the first), as the 0-based page shown; none or out of range is the first.
fn page_option(options: &[CommandDataOption]) -> u32 {
    options
        .iter()
        .find(|o| o.name == "page")
        .and_then(|o| o.value.as_i64())
        .map_or(0, |p| u32::try_from(p.saturating_sub(1)).unwrap_or(0))
}

/// Every command as `/help` lists it, read from the same registry Discord gets: the name with its
/// subcommands, and its description.
pub fn help_lines(content: &Content) -> Vec<crate::render::help::CommandLine> {
    all(content, false)
        .into_iter()
        .filter_map(|command| {
            let json = serde_json::to_value(&command).ok()?;
            let name = json.get("name")?.as_str()?.to_owned();
            let description = json.get("description")?.as_str()?.to_owned();
            let subcommands: Vec<&str> = json
                .get("options")
                .and_then(|o| o.as_array())
                .map(|options| {
                    options
                        .iter()
                        .filter(|o| o.get("type").and_then(serde_json::Value::as_u64) == Some(1))
                        .filter_map(|o| o.get("name")?.as_str())
                        .collect()
                })
                .unwrap_or_default();
            let name = match subcommands.as_slice() {
                [] => name,
                subs => format!("{name} {}", subs.join(" · ")),
            };
            Some(crate::render::help::CommandLine { name, description })
        })
        .collect()
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
        CreateCommand::new("support").description(&c.support).add_option(share()).add_option(
            // A name ("New Zealand") as well as a code: up to the longest country name people type.
            CreateCommandOption::new(CommandOptionType::String, "country", &c.country_option)
                .required(false)
                .min_length(2)
                .max_length(60),
        ),
        CreateCommand::new("help").description(&c.help),
        CreateCommand::new("quiz").description(&c.quiz).set_options(vec![
            CreateCommandOption::new(CommandOptionType::SubCommand, "start", &c.quiz_start),
            CreateCommandOption::new(CommandOptionType::SubCommand, "history", &c.quiz_history),
        ]),
        nudges_command(content),
        checkin_command(content),
        journal_command(content),
        CreateCommand::new("mydata").description(&content.mydata.commands.mydata).set_options(vec![
            CreateCommandOption::new(CommandOptionType::SubCommand, "show", &content.mydata.commands.show),
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "export",
                &content.mydata.commands.export,
            ),
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "delete",
                &content.mydata.commands.delete,
            ),
        ]),
        CreateCommand::new("timezone").description(&content.nudges.commands.timezone).add_option(
            CreateCommandOption::new(CommandOptionType::String, "zone", &content.nudges.commands.zone_option)
                .required(true)
                .set_autocomplete(true)
                .max_length(64),
        ),
    ];
    // Server-only commands set their own contexts.
    let server_commands = [accountability_command(content, global), shoutouts_command(content, global)];
    if !global {
        return commands.into_iter().chain(server_commands).collect();
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
        .chain(server_commands)
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
    let enabled = |opts: &[CommandDataOption]| {
        opts.iter().find(|o| o.name == "enabled").and_then(|o| o.value.as_bool()).unwrap_or(false)
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
        "support" => Command::Support {
            share: share(options),
            country: options
                .iter()
                .find(|o| o.name == "country")
                .and_then(|o| o.value.as_str())
                .map(str::to_owned),
        },
        "help" => Command::Help,
        "nudges" => {
            let sub = options.first()?;
            let CommandDataOptionValue::SubCommand(sub_options) = &sub.value else { return None };
            let text = |name: &str| {
                sub_options.iter().find(|o| o.name == name).and_then(|o| o.value.as_str()).map(str::to_owned)
            };
            match sub.name.as_str() {
                "on" => Command::NudgesOn { time: text("time")?, zone: text("timezone") },
                "off" => Command::NudgesOff,
                "pause" => Command::NudgesPause {
                    days: sub_options.iter().find(|o| o.name == "days").and_then(|o| o.value.as_i64())?,
                },
                "status" => Command::NudgesStatus,
                "recap" => Command::NudgesRecap {
                    on: sub_options.iter().find(|o| o.name == "enabled").and_then(|o| o.value.as_bool())?,
                },
                "step" => Command::NudgesStep { follow: text("follow")? },
                _ => return None,
            }
        }
        "accountability" => {
            let sub = options.first()?;
            let CommandDataOptionValue::SubCommand(sub_options) = &sub.value else { return None };
            let text = |name: &str| {
                sub_options.iter().find(|o| o.name == name).and_then(|o| o.value.as_str()).map(str::to_owned)
            };
            match sub.name.as_str() {
                "setup" => Command::AccountabilitySetup {
                    channel_id: sub_options
                        .iter()
                        .find(|o| o.name == "channel")
                        .and_then(|o| o.value.as_channel_id())?
                        .get(),
                    time: text("time")?,
                    zone: text("timezone")?,
                    focus: text("focus"),
                    summary_day: text("summary_day"),
                    summary_time: text("summary_time"),
                },
                "off" => Command::AccountabilityOff,
                "status" => Command::AccountabilityStatus,
                _ => return None,
            }
        }
        "shoutouts" => Command::Shoutouts { on: enabled(options) },
        // No subcommand: as registered before `now` and `history` existed.
        "checkin" => match options.first() {
            None => Command::Checkin,
            Some(sub) => match (sub.name.as_str(), &sub.value) {
                ("now", _) => Command::Checkin,
                ("history", CommandDataOptionValue::SubCommand(sub_options)) => {
                    Command::CheckinHistory { page: page_option(sub_options) }
                }
                _ => return None,
            },
        },
        "mydata" => match options.first().map(|o| o.name.as_str()) {
            Some("show") => Command::MyDataShow,
            Some("export") => Command::MyDataExport,
            Some("delete") => Command::MyDataDelete,
            _ => return None,
        },
        "timezone" => Command::TimeZone {
            zone: options.iter().find(|o| o.name == "zone").and_then(|o| o.value.as_str())?.to_owned(),
        },
        "journal" => {
            let sub = options.first()?;
            let CommandDataOptionValue::SubCommand(sub_options) = &sub.value else { return None };
            match sub.name.as_str() {
                "write" => Command::JournalWrite {
                    prompt: sub_options
                        .iter()
                        .find(|o| o.name == "prompt")
                        .and_then(|o| o.value.as_bool())
                        .unwrap_or(false),
                },
                "read" => Command::JournalRead { page: page_option(sub_options) },
                _ => return None,
            }
        }
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
            | Command::Support { share, .. } => *share,
            _ => false,
        }
    }
}

fn nudges_command(content: &Content) -> CreateCommand {
    let n = &content.nudges.commands;
    let sub = |name: &str, description: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
    };
    use crate::flows::nudges::{FOLLOW_ALL, FOLLOW_FIRST_OPEN};
    let mut follow = CreateCommandOption::new(CommandOptionType::String, "follow", &n.follow_option)
        .required(true)
        .add_string_choice(&n.follow_first_open, FOLLOW_FIRST_OPEN)
        .add_string_choice(&n.follow_all, FOLLOW_ALL);
    for step in content.steps() {
        follow = follow.add_string_choice(format!("{}. {}", step.number, step.title), &step.slug);
    }
    CreateCommand::new("nudges").description(&n.nudges).set_options(vec![
        sub("on", &n.on)
            .add_sub_option(
                CreateCommandOption::new(CommandOptionType::String, "time", &n.time_option)
                    .required(true)
                    .max_length(20),
            )
            .add_sub_option(
                CreateCommandOption::new(CommandOptionType::String, "timezone", &n.timezone_option)
                    .required(false)
                    .set_autocomplete(true)
                    .max_length(64),
            ),
        sub("off", &n.off),
        sub("pause", &n.pause).add_sub_option(
            CreateCommandOption::new(CommandOptionType::Integer, "days", &n.days_option)
                .required(true)
                .min_int_value(1)
                .max_int_value(crate::flows::nudges::MAX_PAUSE_DAYS as u64),
        ),
        sub("status", &n.status),
        sub("recap", &n.recap).add_sub_option(
            CreateCommandOption::new(CommandOptionType::Boolean, "enabled", &n.recap_option).required(true),
        ),
        sub("step", &n.step).add_sub_option(follow),
    ])
}

/// For server managers only (`default_member_permissions`, checked again when the command runs), in servers only.
fn accountability_command(content: &Content, global: bool) -> CreateCommand {
    use serenity::all::{ChannelType, Permissions};
    let g = &content.groups.commands;
    let sub = |name: &str, description: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
    };
    let mut focus = CreateCommandOption::new(CommandOptionType::String, "focus", &g.focus_option)
        .required(false)
        .add_string_choice(&g.focus_guide, crate::groups::FOLLOW_THE_GUIDE);
    for step in content.steps() {
        focus = focus.add_string_choice(format!("{}. {}", step.number, step.title), &step.slug);
    }
    let mut summary_day =
        CreateCommandOption::new(CommandOptionType::String, "summary_day", &g.summary_day_option)
            .required(false);
    for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] {
        summary_day = summary_day.add_string_choice(day, day);
    }
    let command = CreateCommand::new("accountability")
        .description(&g.accountability)
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .set_options(vec![
            sub("setup", &g.setup)
                .add_sub_option(
                    CreateCommandOption::new(CommandOptionType::Channel, "channel", &g.channel_option)
                        .required(true)
                        .channel_types(vec![ChannelType::Text]),
                )
                .add_sub_option(
                    CreateCommandOption::new(CommandOptionType::String, "time", &g.time_option)
                        .required(true)
                        .max_length(20),
                )
                .add_sub_option(
                    CreateCommandOption::new(CommandOptionType::String, "timezone", &g.timezone_option)
                        .required(true)
                        .set_autocomplete(true)
                        .max_length(64),
                )
                .add_sub_option(focus)
                .add_sub_option(summary_day)
                .add_sub_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        "summary_time",
                        &g.summary_time_option,
                    )
                    .required(false)
                    .max_length(20),
                ),
            sub("off", &g.off),
            sub("status", &g.status),
        ]);
    if global {
        command.contexts(vec![InteractionContext::Guild]).integration_types(vec![InstallationContext::Guild])
    } else {
        command
    }
}

fn shoutouts_command(content: &Content, global: bool) -> CreateCommand {
    let g = &content.groups.commands;
    let command = CreateCommand::new("shoutouts").description(&g.shoutouts).add_option(
        CreateCommandOption::new(CommandOptionType::Boolean, "enabled", &g.shoutouts_option).required(true),
    );
    if global {
        command.contexts(vec![InteractionContext::Guild]).integration_types(vec![InstallationContext::Guild])
    } else {
        command
    }
}

fn checkin_command(content: &Content) -> CreateCommand {
    let r = &content.reflect.commands;
    CreateCommand::new("checkin").description(&r.checkin).set_options(vec![
        CreateCommandOption::new(CommandOptionType::SubCommand, "now", &r.checkin_now),
        CreateCommandOption::new(CommandOptionType::SubCommand, "history", &r.checkin_history)
            .add_sub_option(
                CreateCommandOption::new(CommandOptionType::Integer, "page", &r.checkin_page_option)
                    .required(false)
                    .min_int_value(1)
                    .max_int_value(10_000),
            ),
    ])
}

fn journal_command(content: &Content) -> CreateCommand {
    let r = &content.reflect.commands;
    CreateCommand::new("journal").description(&r.journal).set_options(vec![
        CreateCommandOption::new(CommandOptionType::SubCommand, "write", &r.journal_write).add_sub_option(
            CreateCommandOption::new(CommandOptionType::Boolean, "prompt", &r.journal_prompt_option)
                .required(false),
        ),
        CreateCommandOption::new(CommandOptionType::SubCommand, "read", &r.journal_read).add_sub_option(
            CreateCommandOption::new(CommandOptionType::Integer, "page", &r.journal_page_option)
                .required(false)
                .min_int_value(1)
                .max_int_value(10_000),
        ),
    ])
}
