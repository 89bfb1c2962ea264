//! People acting in Discord: who they are, where they act, and the interactions they cause.

use serde_json::{json, Map, Value};

use crate::config::{APPLICATION_ID, DEFAULT_MEMBER_PERMISSIONS};
use crate::payloads;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Guild {
        guild_id: u64,
        channel_id: u64,
        permissions: u64,
    },
    /// The DM channel between the bot and the actor.
    Dm,
    /// A DM between the actor and someone else, where the actor installed the app to themselves (interaction
    /// context 2): the other person reads what is not ephemeral.
    PrivateChannel {
        channel_id: u64,
        other_user_id: u64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: u64,
    pub username: String,
    pub place: Place,
}

impl Actor {
    pub fn in_guild(user_id: u64, username: &str, guild_id: u64, channel_id: u64) -> Actor {
        Actor {
            user_id,
            username: username.to_string(),
            place: Place::Guild { guild_id, channel_id, permissions: DEFAULT_MEMBER_PERMISSIONS },
        }
    }

    /// In the default guild's default channel.
    pub fn in_default_guild(user_id: u64, username: &str) -> Actor {
        Actor::in_guild(user_id, username, crate::config::DEFAULT_GUILD_ID, crate::config::DEFAULT_CHANNEL_ID)
    }

    pub fn in_dm(user_id: u64, username: &str) -> Actor {
        Actor { user_id, username: username.to_string(), place: Place::Dm }
    }

    /// The member's permission bits in the guild channel (ignored in a DM).
    pub fn with_permissions(mut self, bits: u64) -> Actor {
        if let Place::Guild { permissions, .. } = &mut self.place {
            *permissions = bits;
        }
        self
    }

    /// The same person, somewhere else.
    pub fn at(&self, place: Place) -> Actor {
        Actor { place, ..self.clone() }
    }

    pub fn guild_id(&self) -> Option<u64> {
        match self.place {
            Place::Guild { guild_id, .. } => Some(guild_id),
            Place::Dm | Place::PrivateChannel { .. } => None,
        }
    }

    pub(crate) fn user_json(&self) -> Value {
        payloads::user(self.user_id, &self.username)
    }
}

/// A handle on an interaction the stand-in dispatched.
#[derive(Clone, Debug)]
pub struct Interaction {
    pub id: u64,
    pub token: String,
    pub actor: Actor,
    /// 2 command, 3 component, 4 autocomplete, 5 modal submit.
    pub kind: u8,
    pub channel_id: u64,
}

/// Builds Discord's option JSON for a command typed as `/name sub opt:value ...`: pass the
/// subcommand path (0..2 names) and the leaf options. Values become STRING (3), INTEGER (4),
/// BOOLEAN (5) or NUMBER (10) options by their JSON type.
pub fn command_options(subcommands: &[&str], options: &[(&str, Value)]) -> Value {
    wrap(subcommands, leaf_options(options))
}

fn leaf_options(options: &[(&str, Value)]) -> Vec<Value> {
    options
        .iter()
        .map(|(name, value)| json!({"type": option_type(value), "name": name, "value": value}))
        .collect()
}

fn wrap(subcommands: &[&str], leaf: Vec<Value>) -> Value {
    match subcommands {
        [] => Value::Array(leaf),
        [sub] => json!([{"type": 1, "name": sub, "options": leaf}]),
        [group, sub, ..] => json!([{
            "type": 2,
            "name": group,
            "options": [{"type": 1, "name": sub, "options": leaf}],
        }]),
    }
}

/// Like [`command_options`], with one option marked as focused for autocomplete (its value is
/// sent as a string, as Discord does).
pub fn autocomplete_options(
    subcommands: &[&str],
    options: &[(&str, Value)],
    focused: &str,
    partial: &str,
) -> Value {
    let mut leaf = leaf_options(options);
    leaf.push(json!({"type": 3, "name": focused, "value": partial, "focused": true}));
    wrap(subcommands, leaf)
}

fn option_type(v: &Value) -> u64 {
    match v {
        Value::Bool(_) => 5,
        Value::Number(n) if n.is_i64() || n.is_u64() => 4,
        Value::Number(_) => 10,
        _ => 3,
    }
}

/// Where an interaction happens, resolved by the stand-in.
pub(crate) struct Site {
    pub channel_id: u64,
    pub channel: Value,
    pub guild: Option<(u64, u64)>,
    /// A DM between people, the app installed to the actor.
    pub private_channel: bool,
}

/// The fields every interaction carries, for the actor at `site`.
pub(crate) fn interaction_base(id: u64, token: &str, kind: u8, actor: &Actor, site: &Site) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(id.to_string()));
    m.insert("application_id".into(), json!(APPLICATION_ID.to_string()));
    m.insert("type".into(), json!(kind));
    m.insert("token".into(), json!(token));
    m.insert("version".into(), json!(1));
    m.insert("locale".into(), json!("en-US"));
    m.insert("entitlements".into(), json!([]));
    m.insert("entitlement_sku_ids".into(), json!([]));
    m.insert("attachment_size_limit".into(), json!(10 * 1024 * 1024));
    m.insert("channel_id".into(), json!(site.channel_id.to_string()));
    m.insert("channel".into(), site.channel.clone());
    match site.guild {
        Some((guild_id, permissions)) => {
            m.insert("context".into(), json!(0));
            m.insert("authorizing_integration_owners".into(), json!({"0": guild_id.to_string()}));
            m.insert("guild_id".into(), json!(guild_id.to_string()));
            m.insert("guild_locale".into(), json!("en-US"));
            m.insert("guild".into(), payloads::partial_guild(guild_id));
            m.insert(
                "member".into(),
                payloads::member(actor.user_json(), permissions, "2024-01-01T00:00:00.000000+00:00"),
            );
            m.insert("app_permissions".into(), json!(crate::config::DEFAULT_MEMBER_PERMISSIONS.to_string()));
        }
        None if site.private_channel => {
            m.insert("context".into(), json!(2));
            m.insert("authorizing_integration_owners".into(), json!({"1": actor.user_id.to_string()}));
            m.insert("user".into(), actor.user_json());
            m.insert("app_permissions".into(), json!(crate::config::DEFAULT_MEMBER_PERMISSIONS.to_string()));
        }
        None => {
            m.insert("context".into(), json!(1));
            m.insert("authorizing_integration_owners".into(), json!({"0": "0"}));
            m.insert("user".into(), actor.user_json());
            m.insert("app_permissions".into(), json!(crate::config::DEFAULT_MEMBER_PERMISSIONS.to_string()));
        }
    }
    Value::Object(m)
}
