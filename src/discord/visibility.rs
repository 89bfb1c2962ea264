//! The one rule for who sees an answer. A reply says whether it is private or shared; where it is answered
//! decides what that means on Discord.

use serenity::all::InteractionContext;

use crate::reply::Visibility;

/// Where an interaction happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A server channel, where others can read along.
    Server,
    /// The person's own DM with the bot.
    BotDm,
    /// A DM or group DM between people, where the bot is installed to a person, or a place the interaction
    /// does not say (forms carry no context): others may read along.
    Other,
}

impl Place {
    /// From the interaction's context; a server's id wins over a missing or odd context.
    pub fn of(context: Option<InteractionContext>, in_guild: bool) -> Self {
        match (in_guild, context) {
            (true, _) => Place::Server,
            (false, Some(InteractionContext::BotDm)) => Place::BotDm,
            (false, _) => Place::Other,
        }
    }
}

/// Whether a new answer (a first answer, a deferred one, or a follow-up) is shown only to the person who
/// acted: a private answer anywhere others can read along. In the person's own DM with the bot nothing is
/// ephemeral: the DM is already theirs alone, and an ephemeral message there would vanish when Discord
/// reloads. An update keeps the visibility of the message it replaces (Discord cannot change it), so a
/// private answer to a button on a shared message is a new message, never an update; the flows decide that
/// (`flows::Answer`).
pub fn ephemeral(visibility: Visibility, place: Place) -> bool {
    visibility == Visibility::Private && place != Place::BotDm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_answers_are_ephemeral_wherever_others_read_along_and_shared_ones_never() {
        let table = [
            (Visibility::Private, Place::Server, true),
            (Visibility::Private, Place::BotDm, false),
            (Visibility::Private, Place::Other, true),
            (Visibility::Shared, Place::Server, false),
            (Visibility::Shared, Place::BotDm, false),
            (Visibility::Shared, Place::Other, false),
        ];
        for (visibility, place, expected) in table {
            assert_eq!(ephemeral(visibility, place), expected, "{visibility:?} in {place:?}");
        }
    }

    #[test]
    fn the_place_comes_from_the_server_then_the_context() {
        use InteractionContext::{BotDm, Guild, PrivateChannel};
        let table = [
            (Some(Guild), true, Place::Server),
            (None, true, Place::Server),
            (Some(BotDm), false, Place::BotDm),
            (Some(PrivateChannel), false, Place::Other),
            (None, false, Place::Other),
            // A server's id with a DM's context is read as the server: the safer of the two.
            (Some(BotDm), true, Place::Server),
        ];
        for (context, in_guild, place) in table {
            assert_eq!(Place::of(context, in_guild), place, "{context:?}, in a server: {in_guild}");
        }
    }

    #[test]
    fn a_reply_is_private_unless_it_says_it_is_shared() {
        use crate::reply::Reply;
        assert_eq!(Reply::text("x").visibility, Visibility::Private);
        assert_eq!(Reply::default().visibility, Visibility::Private);
        assert_eq!(Reply::text("x").shared().visibility, Visibility::Shared);
    }
}
