//! Typed readers for a command's options, as Discord sends them: a missing option, or one of another type
//! than registered (a stale registration, a forged request), reads as absent.

use serenity::all::{CommandDataOption, CommandDataOptionValue};

/// The options of a command or of one of its subcommands.
#[derive(Clone, Copy)]
pub struct Options<'a>(pub &'a [CommandDataOption]);

impl<'a> Options<'a> {
    fn find(&self, name: &str) -> Option<&'a CommandDataOptionValue> {
        self.0.iter().find(|o| o.name == name).map(|o| &o.value)
    }

    pub fn text(&self, name: &str) -> Option<String> {
        self.find(name).and_then(CommandDataOptionValue::as_str).map(str::to_owned)
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        self.find(name).and_then(CommandDataOptionValue::as_bool)
    }

    pub fn integer(&self, name: &str) -> Option<i64> {
        self.find(name).and_then(CommandDataOptionValue::as_i64)
    }

    pub fn channel(&self, name: &str) -> Option<crate::ids::ChannelId> {
        self.find(name).and_then(CommandDataOptionValue::as_channel_id).map(Into::into)
    }

    pub fn user(&self, name: &str) -> Option<crate::ids::UserId> {
        self.find(name).and_then(CommandDataOptionValue::as_user_id).map(Into::into)
    }

    /// `share:`, off unless given.
    pub fn share(&self) -> bool {
        self.flag("share").unwrap_or(false)
    }

    /// A `page` option as typed (1 is the first), as the 0-based page shown; none or out of range is the first.
    pub fn page(&self) -> u32 {
        self.integer("page").map_or(0, |p| u32::try_from(p.saturating_sub(1)).unwrap_or(0))
    }

    /// The subcommand chosen, with its own options.
    pub fn subcommand(&self) -> Option<(&'a str, Options<'a>)> {
        let first = self.0.first()?;
        match &first.value {
            CommandDataOptionValue::SubCommand(options) => Some((first.name.as_str(), Options(options))),
            _ => None,
        }
    }

    /// The name of the first option, whatever its kind: a subcommand's name as older registrations sent it.
    pub fn first_name(&self) -> Option<&'a str> {
        self.0.first().map(|o| o.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use serenity::all::CommandDataOption;

    use super::Options;

    fn options(value: serde_json::Value) -> Vec<CommandDataOption> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn each_reader_takes_only_its_own_type_and_a_missing_option_is_absent() {
        let given = options(json!([
            {"name": "time", "type": 3, "value": "7pm"},
            {"name": "share", "type": 5, "value": true},
            {"name": "days", "type": 4, "value": 3},
            {"name": "page", "type": 3, "value": "2"},
        ]));
        let o = Options(&given);
        assert_eq!(o.text("time").as_deref(), Some("7pm"));
        assert_eq!(o.text("share"), None);
        assert!(o.share());
        assert_eq!(o.integer("days"), Some(3));
        assert_eq!(o.flag("days"), None);
        assert_eq!(o.text("zone"), None);
        // A page sent as text is not a page.
        assert_eq!(o.page(), 0);
        assert!(o.subcommand().is_none());
    }

    #[test]
    fn pages_count_from_one_and_anything_out_of_range_is_the_first() {
        for (typed, shown) in
            [(json!(1), 0), (json!(4), 3), (json!(0), 0), (json!(-5), 0), (json!(i64::MAX), 0)]
        {
            let given = options(json!([{"name": "page", "type": 4, "value": typed}]));
            assert_eq!(Options(&given).page(), shown, "{typed}");
        }
    }

    #[test]
    fn a_subcommand_comes_with_its_own_options() {
        let given = options(json!([
            {"name": "history", "type": 1, "options": [{"name": "page", "type": 4, "value": 2}]}
        ]));
        let (name, sub) = Options(&given).subcommand().unwrap();
        assert_eq!((name, sub.page()), ("history", 1));
    }
}
