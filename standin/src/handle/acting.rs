//! What people do in Discord, as the bot sees it: running commands, typing in autocomplete
//! options, clicking buttons, picking in selects, submitting modals and writing DMs.

use std::time::Instant;

use serde_json::{json, Value};

use super::StandIn;
use crate::config::DEFAULT_MEMBER_PERMISSIONS;
use crate::people::{self, Actor, Interaction, Place, Site};
use crate::shown::{ModalRef, ShownMessage};
use crate::state::{self, InteractionRecord};
use crate::{gateway, payloads, routes};

/// The ids given to user options, at any depth of subcommands.
fn user_option_values(options: &Value) -> Vec<u64> {
    let mut found = Vec::new();
    for option in options.as_array().into_iter().flatten() {
        if option.get("type").and_then(Value::as_u64) == Some(6) {
            found.extend(payloads::id_of(option.get("value")));
        }
        found.extend(user_option_values(option.get("options").unwrap_or(&Value::Null)));
    }
    found
}

impl StandIn {
    /// Makes `user_id` a bot, as a user option resolves it.
    pub fn add_bot_user(&self, user_id: u64) {
        self.shared.lock().bot_users.insert(user_id);
    }

    /// The stable DM channel between the bot and `user_id` (the one POST /users/@me/channels
    /// returns).
    pub fn dm_channel_id(&self, user_id: u64) -> u64 {
        routes::dm_channel_for(&mut self.shared.lock(), user_id)
    }

    fn site(&self, data: &mut state::Data, actor: &Actor) -> Site {
        data.usernames.insert(actor.user_id, actor.username.clone());
        match actor.place {
            Place::Guild { guild_id, channel_id, permissions } => {
                let name = self
                    .shared
                    .config
                    .guilds
                    .iter()
                    .flat_map(|g| g.channels.iter())
                    .find(|c| c.id == channel_id)
                    .map_or_else(|| "channel".to_string(), |c| c.name.clone());
                Site {
                    channel_id,
                    channel: json!({
                        "id": channel_id.to_string(),
                        "type": 0,
                        "name": name,
                        "guild_id": guild_id.to_string(),
                        "permissions": permissions.to_string(),
                        "nsfw": false,
                        "parent_id": null,
                        "flags": 0,
                    }),
                    guild: Some((guild_id, permissions)),
                    private_channel: false,
                }
            }
            Place::Dm => {
                let channel_id = routes::dm_channel_for(data, actor.user_id);
                Site {
                    channel_id,
                    channel: json!({
                        "id": channel_id.to_string(),
                        "type": 1,
                        "flags": 0,
                        "recipients": [actor.user_json()],
                        "permissions": DEFAULT_MEMBER_PERMISSIONS.to_string(),
                    }),
                    guild: None,
                    private_channel: false,
                }
            }
            Place::PrivateChannel { channel_id, other_user_id } => Site {
                channel_id,
                channel: json!({
                    "id": channel_id.to_string(),
                    "type": 1,
                    "flags": 0,
                    "recipients": [payloads::user(other_user_id, "someone")],
                    "permissions": DEFAULT_MEMBER_PERMISSIONS.to_string(),
                }),
                guild: None,
                private_channel: true,
            },
        }
    }

    async fn launch(
        &self,
        actor: &Actor,
        kind: u8,
        data_field: Value,
        source_message: Option<u64>,
        command_name: Option<String>,
    ) -> Interaction {
        self.launch_seen(actor, kind, data_field, source_message, command_name, None).await
    }

    /// Like `launch`, but `seen` is the message as the person's client showed it, instead of the
    /// stand-in's current version.
    async fn launch_seen(
        &self,
        actor: &Actor,
        kind: u8,
        data_field: Value,
        source_message: Option<u64>,
        command_name: Option<String>,
        seen: Option<&Value>,
    ) -> Interaction {
        self.wait_briefly_for_ready().await;
        let mut data = self.shared.lock();
        let site = self.site(&mut data, actor);
        let id = payloads::snowflake();
        let token = format!("standin-interaction-token-{id}");
        let mut payload = people::interaction_base(id, &token, kind, actor, &site);
        payload["data"] = data_field;
        if let Some(m) = seen.or_else(|| source_message.and_then(|m| data.messages.get(&m))) {
            payload["message"] = m.clone();
        }
        data.interactions.insert(
            id,
            InteractionRecord {
                token: token.clone(),
                kind,
                actor: actor.clone(),
                channel_id: site.channel_id,
                guild_id: site.guild.map(|g| g.0),
                source_message,
                dispatched_at: Instant::now(),
                callback: None,
                original_message: None,
                original_edited: false,
                modal: None,
                choices: None,
                followups: Vec::new(),
                command_name,
            },
        );
        gateway::dispatch_locked(&mut data, "INTERACTION_CREATE", payload);
        Interaction { id, token, actor: actor.clone(), kind, channel_id: site.channel_id }
    }

    fn command_data(&self, actor: &Actor, name: &str, options: Value) -> Value {
        let data = self.shared.lock();
        let find = |scope: Option<u64>| {
            data.commands
                .get(&scope)
                .and_then(|l| l.iter().find(|c| c.get("name").and_then(Value::as_str) == Some(name)))
                .and_then(|c| payloads::id_of(c.get("id")))
        };
        let guild = actor.guild_id();
        let registered = guild.and_then(|g| find(Some(g))).or_else(|| find(None));
        let mut d = json!({
            "id": registered.unwrap_or_else(payloads::snowflake).to_string(),
            "name": name,
            "type": 1,
            "options": if options.is_null() { json!([]) } else { options },
        });
        if let (Some(g), Some(_)) = (guild, guild.and_then(|g| find(Some(g)))) {
            d["guild_id"] = json!(g.to_string());
        }
        // Discord resolves every user chosen in a user option (type 6) into `resolved.users`.
        let mut users = serde_json::Map::new();
        for id in user_option_values(&d["options"]) {
            let mut user = payloads::user(id, &format!("user{}", id % 10_000));
            user["bot"] = json!(id == crate::config::BOT_USER_ID || data.bot_users.contains(&id));
            users.insert(id.to_string(), user);
        }
        if !users.is_empty() {
            d["resolved"] = json!({ "users": users });
        }
        d
    }

    /// A person runs `/name` with Discord-shaped `options` (see [`command_options`](crate::command_options)).
    pub async fn run_command(&self, actor: &Actor, name: &str, options: Value) -> Interaction {
        let data = self.command_data(actor, name, options);
        self.launch(actor, 2, data, None, Some(name.to_string())).await
    }

    /// A person types in an autocomplete option (see [`autocomplete_options`](crate::autocomplete_options)).
    pub async fn autocomplete(&self, actor: &Actor, name: &str, options: Value) -> Interaction {
        let data = self.command_data(actor, name, options);
        self.launch(actor, 4, data, None, Some(name.to_string())).await
    }

    fn current_component(&self, message: &ShownMessage, custom_id: &str) -> (u64, Value) {
        let current = self.message(message.id).unwrap_or_else(|| {
            panic!("message {} is not (or no longer) in the stand-in's store", message.id)
        });
        let component = current.component(custom_id).unwrap_or_else(|| {
            panic!(
                "no component with custom_id {custom_id:?} on message {}; it has buttons {:?}",
                message.id,
                current.buttons()
            )
        });
        if component.get("disabled").and_then(Value::as_bool) == Some(true) {
            panic!("component {custom_id:?} on message {} is disabled; a person cannot use it", message.id);
        }
        (current.id, component)
    }

    /// A person clicks the button `custom_id` on the current version of `message`.
    ///
    /// # Panics
    /// If the message has no such enabled component (a person could not click it).
    pub async fn click(&self, actor: &Actor, message: &ShownMessage, custom_id: &str) -> Interaction {
        let (id, _) = self.current_component(message, custom_id);
        let data = json!({"custom_id": custom_id, "component_type": 2});
        self.launch(actor, 3, data, Some(id), None).await
    }

    /// A click on `message` exactly as the person's client showed it, even if the bot has edited it
    /// since: a double click, or a click that raced an update.
    ///
    /// # Panics
    /// If that version of the message has no such enabled button.
    pub async fn click_stale(&self, actor: &Actor, message: &ShownMessage, custom_id: &str) -> Interaction {
        let enabled = message.buttons().iter().any(|b| b.custom_id == custom_id && !b.disabled);
        assert!(
            enabled,
            "no enabled button {custom_id:?} on the message as shown; it has {:?}",
            message.buttons()
        );
        let data = json!({"custom_id": custom_id, "component_type": 2});
        self.launch_seen(actor, 3, data, Some(message.id), None, Some(&message.raw)).await
    }

    /// A person picks `values` in the select `custom_id` on `message`.
    ///
    /// # Panics
    /// If the message has no such enabled component.
    pub async fn select(
        &self,
        actor: &Actor,
        message: &ShownMessage,
        custom_id: &str,
        values: &[&str],
    ) -> Interaction {
        let (id, component) = self.current_component(message, custom_id);
        let kind = component.get("type").and_then(Value::as_u64).unwrap_or(3);
        let data = json!({"custom_id": custom_id, "component_type": kind, "values": values});
        self.launch(actor, 3, data, Some(id), None).await
    }

    /// A person submits a modal with text input values `(custom_id, value)`. Serenity 0.12.5
    /// parses modal components as action rows of text inputs, so that is the shape sent.
    pub async fn submit_modal(
        &self,
        actor: &Actor,
        modal: impl ModalRef,
        fields: &[(&str, &str)],
    ) -> Interaction {
        let rows: Vec<Value> = fields
            .iter()
            .map(|(id, value)| {
                json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]})
            })
            .collect();
        let data = json!({"custom_id": modal.modal_custom_id(), "components": rows});
        let (source, name) = modal
            .opened_by()
            .and_then(|i| {
                let d = self.shared.lock();
                d.interactions.get(&i).map(|r| (r.source_message, r.command_name.clone()))
            })
            .unwrap_or((None, None));
        self.launch(actor, 5, data, source, name).await
    }

    /// A person writes `content` to the bot in their DM; returns the message id.
    pub async fn send_dm(&self, actor: &Actor, content: &str) -> u64 {
        self.wait_briefly_for_ready().await;
        let mut data = self.shared.lock();
        data.usernames.insert(actor.user_id, actor.username.clone());
        let channel = routes::dm_channel_for(&mut data, actor.user_id);
        let id = payloads::snowflake();
        let msg = payloads::message(payloads::MessageParts {
            id,
            channel_id: channel,
            guild_id: None,
            author: actor.user_json(),
            kind: 0,
            body: &json!({"content": content}),
            attachments: Vec::new(),
            webhook_id: None,
            interaction_metadata: None,
        });
        data.messages.insert(id, msg.clone());
        data.message_order.push(id);
        gateway::dispatch_locked(&mut data, "MESSAGE_CREATE", msg);
        id
    }
}
