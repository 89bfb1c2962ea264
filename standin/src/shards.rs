//! Discord's sharding rules: which shard an IDENTIFY asks for, and which shard an event belongs to.
//! A guild's events go to shard `(guild_id >> 22) % shard_count`; events with no guild (DMs)
//! go to shard 0 only.

use serde_json::Value;

use crate::payloads;

/// The `[shard_id, shard_count]` a session holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Shard {
    pub id: u32,
    pub count: u32,
}

impl Default for Shard {
    /// An IDENTIFY without `shard` gets every event, as shard 0 of 1.
    fn default() -> Self {
        Shard { id: 0, count: 1 }
    }
}

impl Shard {
    /// The shard an IDENTIFY asks for; `Err` when Discord would close with 4010 Invalid shard.
    /// A missing or null `shard` means `[0, 1]`.
    pub fn from_identify(d: &Value) -> Result<Shard, InvalidShard> {
        let pair = match d.get("shard") {
            None | Some(Value::Null) => return Ok(Shard::default()),
            Some(Value::Array(pair)) if pair.len() == 2 => pair,
            Some(_) => return Err(InvalidShard),
        };
        let number = |v: &Value| v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or(InvalidShard);
        let (id, count) = (number(&pair[0])?, number(&pair[1])?);
        if count < 1 || id >= count {
            return Err(InvalidShard);
        }
        Ok(Shard { id, count })
    }

    /// Whether this shard receives an event of `guild` (`None` for a DM or other guildless event).
    pub fn wants(&self, guild: Option<u64>) -> bool {
        match guild {
            Some(g) => shard_of_guild(g, self.count) == self.id,
            None => self.id == 0,
        }
    }

    /// Whether some guild's events would reach both shards. Shards of one count overlap only
    /// when they are the same shard; `[a, n]` and `[b, m]` share the guilds whose
    /// `(id >> 22)` is `a` mod `n` and `b` mod `m`, which exist exactly when `a ≡ b (mod gcd(n, m))`.
    /// Shard 0 of any count also gets the DMs, so any two shard 0s overlap, which the rule covers.
    pub fn overlaps(&self, other: &Shard) -> bool {
        let g = gcd(self.count, other.count);
        self.id % g == other.id % g
    }
}

/// An IDENTIFY's `shard` that Discord rejects.
#[derive(Debug)]
pub(crate) struct InvalidShard;

/// The shard that holds `guild_id` when the bot runs `count` shards.
pub(crate) fn shard_of_guild(guild_id: u64, count: u32) -> u32 {
    // `count` is at least 1 for every shard the stand-in accepted, so the remainder fits in u32.
    u32::try_from((guild_id >> 22) % u64::from(count.max(1))).unwrap_or(0)
}

/// The guild an event belongs to, for routing it to a shard. Guild events carry the guild's
/// own id as `id`; every other guild event names it in `guild_id`.
pub(crate) fn event_guild(event_name: &str, d: &Value) -> Option<u64> {
    match event_name {
        "GUILD_CREATE" | "GUILD_UPDATE" | "GUILD_DELETE" => payloads::id_of(d.get("id")),
        _ => payloads::id_of(d.get("guild_id")),
    }
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn identify(shard: Value) -> Result<Shard, InvalidShard> {
        Shard::from_identify(&json!({"token": "t", "shard": shard}))
    }

    #[test]
    fn identify_without_a_shard_holds_shard_zero_of_one() {
        assert_eq!(Shard::from_identify(&json!({"token": "t"})).ok(), Some(Shard::default()));
        assert_eq!(identify(Value::Null).ok(), Some(Shard { id: 0, count: 1 }));
        assert_eq!(identify(json!([2, 3])).ok(), Some(Shard { id: 2, count: 3 }));
    }

    #[test]
    fn discord_rejects_impossible_shards() {
        for bad in [json!([1, 1]), json!([3, 2]), json!([0, 0]), json!([-1, 2]), json!([0]), json!("0,1")] {
            assert!(identify(bad.clone()).is_err(), "{bad} should be an invalid shard");
        }
    }

    #[test]
    fn guild_events_follow_the_shard_formula_and_dms_go_to_shard_zero() {
        let guild = (7u64 << 22) | 12_345;
        assert_eq!(shard_of_guild(guild, 4), 3);
        assert!(Shard { id: 3, count: 4 }.wants(Some(guild)));
        assert!(!Shard { id: 0, count: 4 }.wants(Some(guild)));
        assert!(Shard { id: 0, count: 4 }.wants(None));
        assert!(!Shard { id: 1, count: 4 }.wants(None));
        assert!(Shard::default().wants(Some(guild)) && Shard::default().wants(None));
    }

    #[test]
    fn shards_overlap_when_some_guild_reaches_both() {
        let s = |id, count| Shard { id, count };
        assert!(s(1, 2).overlaps(&s(1, 2)));
        assert!(!s(0, 2).overlaps(&s(1, 2)));
        assert!(s(0, 1).overlaps(&s(1, 2)));
        assert!(s(1, 2).overlaps(&s(3, 4)));
        assert!(!s(1, 2).overlaps(&s(2, 4)));
    }

    #[test]
    fn guild_events_name_their_guild() {
        assert_eq!(event_guild("GUILD_DELETE", &json!({"id": "42", "unavailable": false})), Some(42));
        assert_eq!(event_guild("MESSAGE_CREATE", &json!({"id": "1", "guild_id": "42"})), Some(42));
        assert_eq!(event_guild("MESSAGE_CREATE", &json!({"id": "1", "channel_id": "5"})), None);
    }
}
