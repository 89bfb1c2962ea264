//! `/mydata show|export|delete`: what the bot keeps about a person.

use serenity::all::CreateCommand;

use super::{subcommand, Command, Parsed, Registered};

pub const MYDATA: Registered = Registered {
    name: "mydata",
    server_only: false,
    create: |content| {
        let m = &content.mydata.commands;
        CreateCommand::new("mydata").description(&m.mydata).set_options(vec![
            subcommand("show", &m.show),
            subcommand("export", &m.export),
            subcommand("delete", &m.delete),
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
