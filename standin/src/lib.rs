//! A local stand-in for Discord: a REST server and a gateway websocket on 127.0.0.1 that speak
//! enough of Discord's protocol for an unmodified serenity 0.12.5 client, validate every request
//! body against Discord's OpenAPI spec and docs, and let tests act as people in Discord.

mod config;
mod docs_rules;
mod error;
mod faults;
mod gateway;
mod net;
pub mod payloads;
mod people;
mod record;
mod rest;
mod routes;
mod shown;
mod spec;
mod state;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use regex::Regex;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use config::{
    ChannelSpec, GuildSpec, StandInConfig, APPLICATION_ID, BOT_USERNAME, BOT_USER_ID, DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID, DEFAULT_MEMBER_PERMISSIONS,
};
pub use docs_rules::BodyKind;
pub use error::StandInError;
pub use faults::{Fault, FaultKind};
pub use people::{autocomplete_options, command_options, Actor, Interaction, Place};
pub use record::{RecordedFile, RecordedRequest};
pub use shown::{
    Choice, ModalRef, Response, ShownAttachment, ShownButton, ShownMessage, ShownModal, ShownTextInput,
    Timing,
};
pub use spec::{default_spec_path, SpecStatus, Violation};
pub use state::IdentifyInfo;

use people::Site;
use state::{ConnCmd, InteractionRecord, Shared};

const POLL: Duration = Duration::from_millis(5);

/// A running stand-in. Dropping it stops both servers.
pub struct StandIn {
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        gateway::end_connection(&mut self.shared.lock(), ConnCmd::Drop);
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Validates a body the way the stand-in validates requests, without a server: `method` and
/// `path` (without `/api/v10`) choose the spec operation, `kind` the docs rules.
pub fn validate_body(
    spec_path: &std::path::Path,
    method: &str,
    path: &str,
    kind: Option<BodyKind>,
    body: &Value,
) -> Result<Vec<Violation>, StandInError> {
    let mut out = Vec::new();
    let Some(spec) = spec::load(spec_path)? else {
        return Err(StandInError::Spec(format!(
            "Discord's OpenAPI spec was not found at {}",
            spec_path.display()
        )));
    };
    if let Some(op) = spec.operation(method, path) {
        out.extend(spec.validate(op, &spec::normalize_docs_forms(body)));
    }
    if let Some(kind) = kind {
        out.extend(docs_rules::check(kind, body, 0));
    }
    Ok(out)
}

impl StandIn {
    pub async fn start() -> Result<StandIn, StandInError> {
        StandIn::start_with(StandInConfig::default()).await
    }

    pub async fn start_with(config: StandInConfig) -> Result<StandIn, StandInError> {
        let path = config.spec_path.clone().unwrap_or_else(default_spec_path);
        let status = if path.exists() {
            let p = path.clone();
            tokio::task::spawn_blocking(move || spec::load(&p))
                .await
                .map_err(|e| StandInError::Spec(format!("loading the spec panicked: {e}")))??;
            SpecStatus::Loaded { path }
        } else {
            let warning = format!(
                "\n\
                 ************************************************************************\n\
                 * discord-standin: Discord's OpenAPI spec was NOT found.               *\n\
                 * Request bodies are NOT validated against Discord's spec; only the    *\n\
                 * docs rules run. Looked at:                                           *\n\
                 *   {}\n\
                 * Set DISCORD_OPENAPI_SPEC or StandInConfig::spec_path to fix this.    *\n\
                 ************************************************************************",
                path.display()
            );
            if std::env::var("CI").as_deref() == Ok("true") {
                return Err(StandInError::Spec(format!(
                    "{warning}\nCI=true, so a missing spec is an error."
                )));
            }
            eprintln!("{warning}");
            SpecStatus::Missing { looked_at: path }
        };

        let rest = TcpListener::bind("127.0.0.1:0").await?;
        let gw = TcpListener::bind("127.0.0.1:0").await?;
        let api_base = format!("http://{}", rest.local_addr()?);
        let gateway_url = format!("ws://{}", gw.local_addr()?);
        let shared = Shared::new(config, api_base, gateway_url, status);
        let tasks = vec![
            tokio::spawn(rest::serve(rest, shared.clone())),
            tokio::spawn(gateway::serve(gw, shared.clone())),
        ];
        Ok(StandIn { shared, tasks })
    }

    /// The base URL to give serenity's `HttpBuilder::proxy` (with `ratelimiter_disabled(true)`).
    pub fn api_base(&self) -> String {
        self.shared.api_base.clone()
    }

    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url.clone()
    }

    pub fn application_id(&self) -> u64 {
        APPLICATION_ID
    }

    pub fn bot_user_id(&self) -> u64 {
        BOT_USER_ID
    }

    pub fn default_guild_id(&self) -> u64 {
        self.shared.config.guilds.first().map_or(DEFAULT_GUILD_ID, |g| g.id)
    }

    pub fn default_channel_id(&self) -> u64 {
        self.shared
            .config
            .guilds
            .first()
            .and_then(|g| g.channels.first())
            .map_or(DEFAULT_CHANNEL_ID, |c| c.id)
    }

    pub fn spec_status(&self) -> SpecStatus {
        self.shared.spec.clone()
    }

    // ---- gateway ----

    /// Closes the gateway's TCP stream without a close frame (the client should RESUME).
    pub fn drop_connection(&self) -> bool {
        gateway::end_connection(&mut self.shared.lock(), ConnCmd::Drop)
    }

    pub fn close_with_code(&self, code: u16) -> bool {
        gateway::end_connection(&mut self.shared.lock(), ConnCmd::Close(code))
    }

    /// Sends op 7 RECONNECT.
    pub fn send_reconnect(&self) -> bool {
        gateway::send_op(&mut self.shared.lock(), 7, Value::Null)
    }

    /// Sends op 9 INVALID SESSION; with `resumable` false the session is forgotten.
    pub fn invalidate_session(&self, resumable: bool) -> bool {
        gateway::send_op(&mut self.shared.lock(), 9, json!(resumable))
    }

    pub fn identify_count(&self) -> usize {
        self.shared.lock().gateway.identifies.len()
    }

    /// Token and intents of every IDENTIFY, in order.
    pub fn identifies(&self) -> Vec<IdentifyInfo> {
        self.shared.lock().gateway.identifies.clone()
    }

    pub fn resume_count(&self) -> usize {
        self.shared.lock().gateway.resume_count
    }

    pub fn ready_count(&self) -> usize {
        self.shared.lock().gateway.ready_count
    }

    /// How many REST connections the client holds open right now (busy or idle in its pool).
    pub fn open_rest_connections(&self) -> usize {
        self.shared.rest_connections.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn connection_count(&self) -> usize {
        self.shared.lock().gateway.connection_count
    }

    fn current_ready(&self) -> bool {
        self.shared.lock().gateway.conn.as_ref().is_some_and(|c| c.ready)
    }

    /// Resolves once a client has identified (or resumed) on the current connection.
    pub async fn wait_for_ready(&self, timeout: Duration) -> Result<(), StandInError> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.current_ready() {
                return Ok(());
            }
            tokio::time::sleep(POLL).await;
        }
        let data = self.shared.lock();
        let requests = data.requests.len();
        let conns = data.gateway.connection_count;
        let why = if requests == 0 && conns == 0 {
            format!(
                "the stand-in saw no traffic at all (no HTTP request, no gateway connection) in {timeout:?}. \
                 Is the bot's Http built with .proxy({}) AND .ratelimiter_disabled(true)? Without the \
                 latter serenity ignores the proxy and talks to the real discord.com.",
                self.shared.api_base
            )
        } else {
            format!(
                "no READY within {timeout:?}: the stand-in saw {requests} HTTP requests, {conns} gateway \
                 connections, {} IDENTIFYs and {} RESUMEs",
                data.gateway.identifies.len(),
                data.gateway.resume_count
            )
        };
        Err(StandInError::timeout(why))
    }

    async fn wait_briefly_for_ready(&self) {
        let wait = Duration::from_millis(self.shared.config.dispatch_wait_ms);
        let _ = self.wait_for_ready(wait).await;
    }

    /// Sends an op-0 dispatch to the client (waiting briefly for one to be connected). Returns
    /// the sequence number, or `None` when no session exists yet and the event waits for READY.
    pub async fn dispatch(&self, event_name: &str, data: Value) -> Option<u64> {
        self.wait_briefly_for_ready().await;
        gateway::dispatch_locked(&mut self.shared.lock(), event_name, data)
    }

    // ---- people ----

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
                }
            }
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
        d
    }

    /// A person runs `/name` with Discord-shaped `options` (see [`command_options`]).
    pub async fn run_command(&self, actor: &Actor, name: &str, options: Value) -> Interaction {
        let data = self.command_data(actor, name, options);
        self.launch(actor, 2, data, None, Some(name.to_string())).await
    }

    /// A person types in an autocomplete option (see [`autocomplete_options`]).
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

    // ---- responses ----

    fn resolve(&self, interaction: &Interaction, timed_out: bool) -> Option<Result<Response, StandInError>> {
        let data = self.shared.lock();
        let rec = data.interactions.get(&interaction.id)?;
        let cb = rec.callback.as_ref()?;
        let shown = |id: Option<u64>| id.and_then(|m| data.messages.get(&m)).map(ShownMessage::from_value);
        match cb.kind {
            4 => shown(rec.original_message).map(|m| Ok(Response::Message(m))),
            5 if rec.original_edited => shown(rec.original_message).map(|m| Ok(Response::Message(m))),
            5 if timed_out => Some(Err(StandInError::Interaction(format!(
                "the application deferred interaction {} (type 5) but never edited its original response",
                interaction.id
            )))),
            7 => shown(rec.original_message).map(|m| Ok(Response::Updated(m))),
            6 if rec.original_edited || timed_out => {
                shown(rec.original_message).map(|m| Ok(Response::Updated(m)))
            }
            8 => Some(Ok(Response::Autocomplete(
                rec.choices
                    .clone()
                    .unwrap_or_default()
                    .iter()
                    .map(|c| Choice {
                        name: c.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
                        value: c.get("value").cloned().unwrap_or(Value::Null),
                    })
                    .collect(),
            ))),
            9 => rec.modal.as_ref().map(|m| Ok(Response::Modal(ShownModal::from_value(m, interaction.id)))),
            _ => None,
        }
    }

    /// Waits for the bot's answer to `interaction` and returns what the person would see. A
    /// deferred answer (type 5 or 6) waits for the edit of @original, up to `timeout`.
    pub async fn wait_response(
        &self,
        interaction: &Interaction,
        timeout: Duration,
    ) -> Result<Response, StandInError> {
        let start = Instant::now();
        loop {
            let timed_out = start.elapsed() >= timeout;
            if let Some(r) = self.resolve(interaction, timed_out) {
                return r;
            }
            if timed_out {
                let acked =
                    self.shared.lock().interactions.get(&interaction.id).and_then(|r| r.callback.clone());
                return Err(StandInError::Interaction(match acked {
                    None => format!(
                        "the application did not respond to interaction {} (type {}) within {timeout:?}",
                        interaction.id, interaction.kind
                    ),
                    Some(cb) => format!(
                        "the application answered interaction {} with callback type {} but nothing a person sees resulted within {timeout:?}",
                        interaction.id, cb.kind
                    ),
                }));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Time from dispatch to the bot's callback, once it has answered.
    pub fn response_timing(&self, interaction: &Interaction) -> Option<Timing> {
        let data = self.shared.lock();
        let rec = data.interactions.get(&interaction.id)?;
        let cb = rec.callback.as_ref()?;
        Some(Timing { to_callback: cb.at.saturating_duration_since(rec.dispatched_at) })
    }

    pub fn followups(&self, interaction: &Interaction) -> Vec<ShownMessage> {
        let data = self.shared.lock();
        data.interactions
            .get(&interaction.id)
            .map(|r| {
                r.followups
                    .iter()
                    .filter_map(|m| data.messages.get(m))
                    .map(ShownMessage::from_value)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The current version of a stored message.
    pub fn message(&self, id: u64) -> Option<ShownMessage> {
        self.shared.lock().messages.get(&id).map(ShownMessage::from_value)
    }

    /// Messages the bot wrote in a channel (including interaction answers), oldest first.
    pub fn channel_messages(&self, channel_id: u64) -> Vec<ShownMessage> {
        let data = self.shared.lock();
        data.message_order
            .iter()
            .filter_map(|id| data.messages.get(id))
            .filter(|m| payloads::id_of(m.get("channel_id")) == Some(channel_id))
            .filter(|m| payloads::id_of(m.pointer("/author/id")) == Some(BOT_USER_ID))
            .map(ShownMessage::from_value)
            .collect()
    }

    /// Messages the bot wrote in its DM with `user_id`, oldest first.
    pub fn dm_messages(&self, user_id: u64) -> Vec<ShownMessage> {
        let channel = self.shared.lock().dm_channel_by_user.get(&user_id).copied();
        channel.map_or_else(Vec::new, |c| self.channel_messages(c))
    }

    // ---- records and faults ----

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Requests whose method equals `method` (any if empty) and whose path matches the regex.
    ///
    /// # Panics
    /// If `path_regex` is not a valid regex (a test bug).
    pub fn requests_matching(&self, method: &str, path_regex: &str) -> Vec<RecordedRequest> {
        let re = Regex::new(path_regex).expect("requests_matching needs a valid regex");
        self.requests()
            .into_iter()
            .filter(|r| method.is_empty() || r.method.eq_ignore_ascii_case(method))
            .filter(|r| re.is_match(&r.path))
            .collect()
    }

    /// How many requests match, by status, without copying them: for load tests with many requests.
    pub fn count_statuses(&self, method: &str, path_regex: &str) -> std::collections::BTreeMap<u16, usize> {
        let re = Regex::new(path_regex).expect("count_statuses needs a valid regex");
        let mut counts = std::collections::BTreeMap::new();
        for r in self.shared.lock().requests.iter() {
            if (method.is_empty() || r.method.eq_ignore_ascii_case(method)) && re.is_match(&r.path) {
                *counts.entry(r.status).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Denies @everyone (and so the bot, which has no other role) these permission bits in a channel.
    pub fn deny_in_channel(&self, guild_id: u64, channel_id: u64, bits: u64) {
        let overwrite = serde_json::json!({"id": guild_id.to_string(), "type": 0, "allow": "0", "deny": bits.to_string()});
        self.shared.lock().overwrites.entry(channel_id).or_default().push(overwrite);
    }

    /// Deletes a channel: later requests to it answer 10003 Unknown Channel.
    pub fn delete_channel(&self, channel_id: u64) {
        self.shared.lock().deleted_channels.insert(channel_id);
    }

    /// How many messages each DM channel holds, for checking a bulk send had no duplicates and no misses.
    pub fn dm_message_counts(&self) -> HashMap<u64, usize> {
        let data = self.shared.lock();
        let mut counts = HashMap::new();
        for m in data.messages.values() {
            if let Some(user) =
                payloads::id_of(m.get("channel_id")).and_then(|c| data.dm_user_by_channel.get(&c))
            {
                *counts.entry(*user).or_insert(0) += 1;
            }
        }
        counts
    }

    pub fn validation_failures(&self) -> Vec<String> {
        let data = self.shared.lock();
        let recorded = data.requests.iter().flat_map(|r| r.validation_errors.iter().cloned());
        data.forgotten_failures.iter().cloned().chain(recorded).collect()
    }

    /// Forgets the requests, messages and answered interactions seen so far, and all but the last 1,000 frames
    /// of the gateway's replay log, so a long load run does not grow the stand-in (and stall it while its
    /// records reallocate). Kept: sessions, DM channels, registered commands, interactions still unanswered,
    /// and every validation failure, so [`StandIn::assert_all_valid`] still sees them. Messages forgotten are
    /// gone as on Discord after a delete: clicks on them afterwards act on a message Discord no longer has.
    /// Returns how many requests were forgotten.
    pub fn forget_history(&self) -> usize {
        let mut data = self.shared.lock();
        let data = &mut *data;
        let failures = data.requests.iter().flat_map(|r| r.validation_errors.iter().cloned());
        data.forgotten_failures.extend(failures);
        let forgotten = data.requests.len();
        data.requests = Vec::new();
        data.messages = HashMap::new();
        data.message_order = Vec::new();
        data.nonces = HashMap::new();
        data.interactions.retain(|_, r| r.callback.is_none());
        data.interactions.shrink_to_fit();
        for session in data.gateway.sessions.values_mut() {
            let keep_from = session.log.len().saturating_sub(1_000);
            session.log = session.log.split_off(keep_from);
        }
        forgotten
    }

    /// # Panics
    /// If any request body broke Discord's spec or docs rules; the message lists them all.
    pub fn assert_all_valid(&self) {
        let failures = self.validation_failures();
        assert!(
            failures.is_empty(),
            "Discord would have rejected {} request body problem(s):\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }

    /// The commands of the last bulk overwrite (or later edits) in a scope, as answered.
    pub fn registered_commands(&self, guild: Option<u64>) -> Option<Value> {
        self.shared.lock().commands.get(&guild).map(|l| Value::Array(l.clone()))
    }

    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }

    /// Until [`StandIn::user_unblocks_dms`], messages to this user's DM answer 403 / 50007.
    pub fn user_blocks_dms(&self, user_id: u64) {
        self.shared.lock().blocked_dms.insert(user_id);
    }

    pub fn user_unblocks_dms(&self, user_id: u64) {
        self.shared.lock().blocked_dms.remove(&user_id);
    }
}
