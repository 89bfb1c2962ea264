//! Serenity's ids become the bot's own (`crate::ids`) here, at the edge, and back for the calls serenity makes.

use serenity::all as serenity_ids;

use crate::ids;

macro_rules! both_ways {
    ($($name:ident),*) => {$(
        impl From<serenity_ids::$name> for ids::$name {
            fn from(id: serenity_ids::$name) -> Self {
                Self(id.get())
            }
        }

        /// Only ids that came from Discord (never `custom_id::SHARED`, which is 0) are turned back.
        impl From<ids::$name> for serenity_ids::$name {
            fn from(id: ids::$name) -> Self {
                Self::new(id.get())
            }
        }
    )*};
}

both_ways!(UserId, GuildId, ChannelId);
