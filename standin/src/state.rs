//! What the stand-in remembers, shared by the REST server, the gateway and the test's handle.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde_json::Value;
use tokio::sync::mpsc;

use crate::config::StandInConfig;
use crate::faults::Fault;
use crate::people::Actor;
use crate::record::RecordedRequest;
use crate::shards::Shard;
use crate::spec::SpecStatus;

pub(crate) struct Shared {
    pub config: StandInConfig,
    pub api_base: String,
    pub gateway_url: String,
    pub spec: SpecStatus,
    /// REST connections the client holds open now.
    pub rest_connections: AtomicUsize,
    data: Mutex<Data>,
}

impl Shared {
    pub fn new(config: StandInConfig, api_base: String, gateway_url: String, spec: SpecStatus) -> Arc<Self> {
        Arc::new(Shared {
            config,
            api_base,
            gateway_url,
            spec,
            rest_connections: AtomicUsize::new(0),
            data: Mutex::new(Data::default()),
        })
    }

    /// A poisoned lock only means a test thread panicked; the data is still usable.
    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Default)]
pub(crate) struct Data {
    pub requests: Vec<RecordedRequest>,
    /// Validation failures of requests forgotten by [`crate::StandIn::forget_history`].
    pub forgotten_failures: Vec<String>,
    pub faults: Vec<Fault>,
    /// Registered commands per scope (`None` = global), as the stand-in answered them.
    pub commands: HashMap<Option<u64>, Vec<Value>>,
    pub messages: HashMap<u64, Value>,
    /// Message ids in creation order, for listing a channel.
    pub message_order: Vec<u64>,
    /// One stable DM channel per user, both ways.
    pub dm_channel_by_user: HashMap<u64, u64>,
    pub dm_user_by_channel: HashMap<u64, u64>,
    /// Users that are bots, as a user option resolves them (the bot itself always is).
    pub bot_users: std::collections::HashSet<u64>,
    pub usernames: HashMap<u64, String>,
    pub threads: HashMap<u64, Value>,
    pub interactions: HashMap<u64, InteractionRecord>,
    pub blocked_dms: HashSet<u64>,
    /// Messages created with `enforce_nonce`, by nonce: a repeat returns the first message instead.
    pub nonces: HashMap<String, u64>,
    /// Permission overwrites set by tests, per channel.
    pub overwrites: HashMap<u64, Vec<Value>>,
    /// Channels a test deleted.
    pub deleted_channels: HashSet<u64>,
    /// When the requests of the last second arrived, for the optional global rate limit.
    pub global_window: std::collections::VecDeque<std::time::Instant>,
    pub gateway: GatewayData,
}

#[derive(Clone, Debug)]
pub(crate) struct Callback {
    pub kind: u64,
    pub at: Instant,
}

pub(crate) struct InteractionRecord {
    pub token: String,
    /// 2 command, 3 component, 4 autocomplete, 5 modal submit.
    pub kind: u8,
    pub actor: Actor,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    /// The message a component sat on (type 3), or a modal's source message.
    pub source_message: Option<u64>,
    pub dispatched_at: Instant,
    pub callback: Option<Callback>,
    pub original_message: Option<u64>,
    /// Set when PATCH @original (or a type-7 update) changed what the person sees.
    pub original_edited: bool,
    pub modal: Option<Value>,
    pub choices: Option<Vec<Value>>,
    pub followups: Vec<u64>,
    pub command_name: Option<String>,
}

#[derive(Clone)]
pub(crate) enum ConnCmd {
    Text(String),
    /// Close the TCP stream without a close frame.
    Drop,
    /// Send a close frame with this code and reason, then close.
    Close(u16, &'static str),
}

/// One open gateway websocket.
pub(crate) struct Conn {
    pub tx: mpsc::UnboundedSender<ConnCmd>,
    /// The session this socket identified or resumed, if any.
    pub session: Option<String>,
    /// False until IDENTIFY or RESUME, and again once the stand-in told the client to reconnect.
    pub ready: bool,
}

#[derive(Default)]
pub(crate) struct Session {
    pub seq: u64,
    pub log: Vec<(u64, String)>,
    pub valid: bool,
    /// The shard its IDENTIFY asked for; a RESUME keeps it.
    pub shard: Shard,
}

#[derive(Clone, Debug)]
pub struct IdentifyInfo {
    pub token: String,
    pub intents: u64,
}

#[derive(Default)]
pub(crate) struct GatewayData {
    pub sessions: HashMap<String, Session>,
    /// The session that last identified or resumed on each shard: events for the shard are kept
    /// in its log while its client reconnects, for the replay on RESUME.
    pub latest: HashMap<Shard, String>,
    /// Open sockets by id; a sharded bot holds one per shard, so several are open at once.
    pub conns: BTreeMap<u64, Conn>,
    pub next_conn_id: u64,
    pub identifies: Vec<IdentifyInfo>,
    pub resume_count: usize,
    pub ready_count: usize,
    pub connection_count: usize,
    /// Events dispatched while the bot held no session; each goes out after the first READY of a
    /// shard that receives it.
    pub before_session: Vec<(String, Value)>,
}
