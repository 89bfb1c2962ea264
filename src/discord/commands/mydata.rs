//! `/mydata show|export|delete`: what the bot keeps about a person.

use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

use super::{Command, Parsed, Registered};

pub const MYDATA: Registered = Registered {
    name: "mydata",
    server_only: false,
    create: |content| {
        let m = &content.mydata.commands;
        let sub = |name: &str, description: &str| {
            CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
        };
        CreateCommand::new("mydata").description(&m.mydata).set_options(vec![
            sub("show", &m.show),
            sub("export", &m.export),
            sub("delete", &m.delete),
        ])
    },
    parse: |o| {
        Some(Parsed::Answer(match o.first_name()? {
            "show" => Command::MyDataShow,
            "export" => Command::MyDataExport,
            "delete" => Command::MyDataDelete,
            _ => return None,
        }))
    },
};
