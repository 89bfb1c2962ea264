//! The command registry: every slash command, each registered and read by its own file, in one list that
//! registration, parsing, `/help` and the tests all read.

mod accountability;
mod guide;
mod mydata;
mod nudges;
mod options;
mod partner;
mod quiz;
mod reflect;

use serenity::all::{
    CommandDataOption, CommandOptionType, CreateCommand, CreateCommandOption, InstallationContext,
    InteractionContext,
};

pub use options::Options;

use crate::content::{Content, Step};

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
        channel_id: crate::ids::ChannelId,
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
    CheckinHistory {
        page: u32,
    },
    MyDataShow,
    MyDataExport,
    MyDataDelete,
    TimeZone {
        zone: String,
    },
    JournalRead {
        page: u32,
    },
    PartnerInvite {
        user: crate::ids::UserId,
    },
    PartnerLeave,
    PartnerStatus,
    PartnerShare {
        streak: bool,
    },
    PartnerReset,
    PartnerRitual {
        day: String,
        time: String,
        what: String,
    },
    PartnerAppreciate {
        /// Which of the warm lines (from 1), when no note is given.
        line: Option<i64>,
        note: Option<String>,
    },
}

/// A command whose first answer is a form (Discord allows a form only as the first answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Checkin,
    JournalWrite { prompt: bool },
}

/// An invocation as read: a form to open, or a command to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Form(Form),
    Answer(Command),
}

/// One slash command: its registration, and how an invocation of it is read.
pub struct Registered {
    pub name: &'static str,
    /// Used in servers only, and installed to a server.
    pub server_only: bool,
    pub create: fn(&Content) -> CreateCommand,
    /// `None` for options this version does not know (a stale registration, a forged request).
    pub parse: fn(Options<'_>) -> Option<Parsed>,
}

/// Every command, in the order Discord lists them.
pub const REGISTRY: [Registered; 15] = [
    guide::GUIDE,
    guide::STEP,
    guide::PROGRESS,
    guide::STRATEGIES,
    guide::SUPPORT,
    guide::HELP,
    quiz::QUIZ,
    nudges::NUDGES,
    reflect::CHECKIN,
    reflect::JOURNAL,
    mydata::MYDATA,
    partner::PARTNER,
    nudges::TIMEZONE,
    accountability::ACCOUNTABILITY,
    accountability::SHOUTOUTS,
];

/// Every command's name, as registered.
pub fn names() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|r| r.name)
}

/// A subcommand's registration, options added by its caller.
fn subcommand(name: &str, description: &str) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
}

/// A step as a choice in a list: "3. Name" for its slug.
fn step_choice(step: &Step) -> (String, &str) {
    (format!("{}. {}", step.number, step.title), &step.slug)
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
    REGISTRY
        .iter()
        .map(|r| {
            let command = (r.create)(content);
            match (global, r.server_only) {
                (false, _) => command,
                (true, true) => command
                    .contexts(vec![InteractionContext::Guild])
                    .integration_types(vec![InstallationContext::Guild]),
                (true, false) => command
                    .contexts(vec![
                        InteractionContext::Guild,
                        InteractionContext::BotDm,
                        InteractionContext::PrivateChannel,
                    ])
                    .integration_types(vec![InstallationContext::Guild, InstallationContext::User]),
            }
        })
        .collect()
}

/// Reads an invocation; `None` for a command this version does not have (for example one left over from an
/// older registration), or options it cannot read.
pub fn parse(name: &str, options: &[CommandDataOption]) -> Option<Parsed> {
    let registered = REGISTRY.iter().find(|r| r.name == name)?;
    (registered.parse)(Options(options))
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

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};
    use serenity::all::CommandDataOption;

    use super::*;

    fn content() -> Content {
        Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn read(name: &str, options: Value) -> Option<Parsed> {
        let options: Vec<CommandDataOption> = serde_json::from_value(options).unwrap();
        parse(name, &options)
    }

    fn sub(name: &str, options: Value) -> Value {
        json!([{"name": name, "type": 1, "options": options}])
    }

    #[test]
    fn each_registered_name_is_the_name_it_registers_and_none_is_used_twice() {
        let content = content();
        let mut seen = std::collections::HashSet::new();
        for (registered, built) in REGISTRY.iter().zip(all(&content, true)) {
            let json = serde_json::to_value(&built).unwrap();
            assert_eq!(json["name"], registered.name);
            assert!(seen.insert(registered.name), "{} twice", registered.name);
            // Server commands are for servers only; the rest work in DMs and installed to a person too.
            let contexts = if registered.server_only { json!([0]) } else { json!([0, 1, 2]) };
            assert_eq!(json["contexts"], contexts, "{}", registered.name);
        }
        assert_eq!(all(&content, false).len(), REGISTRY.len());
        assert!(serde_json::to_value(&all(&content, false)[0]).unwrap().get("contexts").is_none());
    }

    #[test]
    fn an_invocation_of_each_command_reads_as_that_command() {
        let cases = [
            (
                "guide",
                json!([{"name": "share", "type": 5, "value": true}]),
                Parsed::Answer(Command::Guide { share: true }),
            ),
            (
                "step",
                sub("repair", json!([])),
                Parsed::Answer(Command::Step { slug: "repair".into(), share: false }),
            ),
            (
                "support",
                json!([{"name": "country", "type": 3, "value": "New Zealand"}]),
                Parsed::Answer(Command::Support { share: false, country: Some("New Zealand".into()) }),
            ),
            ("quiz", sub("history", json!([])), Parsed::Answer(Command::QuizHistory)),
            (
                "nudges",
                sub("on", json!([{"name": "time", "type": 3, "value": "7pm"}])),
                Parsed::Answer(Command::NudgesOn { time: "7pm".into(), zone: None }),
            ),
            (
                "nudges",
                sub("pause", json!([{"name": "days", "type": 4, "value": 3}])),
                Parsed::Answer(Command::NudgesPause { days: 3 }),
            ),
            (
                "nudges",
                sub("recap", json!([{"name": "enabled", "type": 5, "value": false}])),
                Parsed::Answer(Command::NudgesRecap { on: false }),
            ),
            ("checkin", json!([]), Parsed::Form(Form::Checkin)),
            ("checkin", sub("now", json!([])), Parsed::Form(Form::Checkin)),
            (
                "checkin",
                sub("history", json!([{"name": "page", "type": 4, "value": 2}])),
                Parsed::Answer(Command::CheckinHistory { page: 1 }),
            ),
            (
                "journal",
                sub("write", json!([{"name": "prompt", "type": 5, "value": true}])),
                Parsed::Form(Form::JournalWrite { prompt: true }),
            ),
            ("journal", sub("read", json!([])), Parsed::Answer(Command::JournalRead { page: 0 })),
            ("mydata", sub("delete", json!([])), Parsed::Answer(Command::MyDataDelete)),
            (
                "timezone",
                json!([{"name": "zone", "type": 3, "value": "Europe/Berlin"}]),
                Parsed::Answer(Command::TimeZone { zone: "Europe/Berlin".into() }),
            ),
            (
                "accountability",
                sub(
                    "setup",
                    json!([
                {"name": "channel", "type": 7, "value": "42"},
                {"name": "time", "type": 3, "value": "19:00"},
                {"name": "timezone", "type": 3, "value": "Berlin"}]),
                ),
                Parsed::Answer(Command::AccountabilitySetup {
                    channel_id: crate::ids::ChannelId(42),
                    time: "19:00".into(),
                    zone: "Berlin".into(),
                    focus: None,
                    summary_day: None,
                    summary_time: None,
                }),
            ),
            (
                "shoutouts",
                json!([{"name": "enabled", "type": 5, "value": true}]),
                Parsed::Answer(Command::Shoutouts { on: true }),
            ),
        ];
        for (name, options, expected) in cases {
            assert_eq!(read(name, options.clone()), Some(expected), "/{name} {options}");
        }
    }

    #[test]
    fn an_unknown_command_or_options_it_cannot_read_read_as_nothing() {
        for (name, options) in [
            ("unknown", json!([])),
            ("STEP", sub("repair", json!([]))),
            ("step", json!([])),
            ("quiz", sub("retake", json!([]))),
            ("nudges", sub("on", json!([{"name": "time", "type": 4, "value": 7}]))),
            ("nudges", sub("pause", json!([]))),
            ("timezone", json!([])),
            ("accountability", sub("setup", json!([{"name": "time", "type": 3, "value": "19:00"}]))),
            ("journal", sub("delete", json!([]))),
        ] {
            assert_eq!(read(name, options.clone()), None, "/{name} {options}");
        }
    }
}
