//! Discord's ids as the bot's own types, so a person's id cannot be passed where a server's or a channel's is
//! meant. They cross every layer (Discord, flows, the scheduler, the store); serenity's own id types stay in
//! `discord/`, and the store turns these into SQLite integers in one place (`store::db_id`).

use std::fmt;

macro_rules! discord_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u64);

        impl $name {
            /// The longest id, for rendering worst cases.
            pub const MAX: Self = Self(u64::MAX);

            pub const fn get(self) -> u64 {
                self.0
            }
        }

        /// Read from the decimal form Discord writes, as in a button's custom id.
        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        impl From<$name> for u64 {
            fn from(id: $name) -> u64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// Written as the bare number, so logs and test failures read as Discord's ids do.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

discord_id!(
    /// A Discord user: a person using the bot.
    UserId
);
discord_id!(
    /// A Discord server (a guild).
    GuildId
);
discord_id!(
    /// A Discord channel: a server's channel or a direct-message channel.
    ChannelId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_as_their_numbers() {
        let id = UserId(u64::MAX);
        assert_eq!(id.to_string(), "18446744073709551615");
        assert_eq!(format!("{id:?}"), "18446744073709551615");
        assert_eq!(u64::from(GuildId(7)), 7);
        assert_eq!(ChannelId(42).get(), 42);
    }
}
