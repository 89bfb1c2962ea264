use std::path::PathBuf;

/// The application's id; for a bot the bot user shares it, as on Discord.
pub const APPLICATION_ID: u64 = 1_150_000_000_000_000_001;
pub const BOT_USER_ID: u64 = APPLICATION_ID;
pub const BOT_USERNAME: &str = "Steady Test Bot";
pub const DEFAULT_GUILD_ID: u64 = 1_150_000_000_000_000_100;
pub const DEFAULT_CHANNEL_ID: u64 = 1_150_000_000_000_000_101;
/// Owner of the configured guilds; not the bot and not a test actor by default.
pub const GUILD_OWNER_ID: u64 = 1_150_000_000_000_000_002;

/// VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY |
/// ADD_REACTIONS | USE_APPLICATION_COMMANDS: what @everyone usually has.
pub const DEFAULT_MEMBER_PERMISSIONS: u64 =
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 6) | (1 << 31);

#[derive(Clone, Debug)]
pub struct ChannelSpec {
    pub id: u64,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct GuildSpec {
    pub id: u64,
    pub name: String,
    pub channels: Vec<ChannelSpec>,
}

impl GuildSpec {
    pub fn new(id: u64, name: &str) -> Self {
        GuildSpec { id, name: name.to_string(), channels: Vec::new() }
    }

    /// Adds a text channel.
    pub fn channel(mut self, id: u64, name: &str) -> Self {
        self.channels.push(ChannelSpec { id, name: name.to_string() });
        self
    }
}

#[derive(Clone, Debug)]
pub struct StandInConfig {
    pub heartbeat_interval_ms: u64,
    /// Where Discord's OpenAPI spec is; `None` means `DISCORD_OPENAPI_SPEC` or the shared copy.
    pub spec_path: Option<PathBuf>,
    pub guilds: Vec<GuildSpec>,
    /// How long `dispatch` and the person helpers wait for a connected, identified client.
    pub dispatch_wait_ms: u64,
    /// Requests per second allowed across all routes but interactions, like Discord's global limit of 50;
    /// `None` for no limit.
    pub global_rate_limit: Option<u32>,
    /// The shard count `GET /gateway/bot` recommends; a bot that starts autosharded runs this many.
    pub recommended_shards: u32,
    /// `session_start_limit.max_concurrency` of `GET /gateway/bot`: how many shards may identify
    /// together in each 5-second window, which decides how fast a sharded bot starts.
    pub max_concurrency: u32,
}

impl Default for StandInConfig {
    fn default() -> Self {
        StandInConfig {
            heartbeat_interval_ms: 41_250,
            spec_path: None,
            guilds: vec![
                GuildSpec::new(DEFAULT_GUILD_ID, "Test Server").channel(DEFAULT_CHANNEL_ID, "general")
            ],
            dispatch_wait_ms: 5_000,
            global_rate_limit: None,
            recommended_shards: 1,
            max_concurrency: 1,
        }
    }
}

impl StandInConfig {
    pub fn heartbeat_interval_ms(mut self, ms: u64) -> Self {
        self.heartbeat_interval_ms = ms;
        self
    }

    pub fn spec_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.spec_path = Some(path.into());
        self
    }

    /// Answers a global 429 past `per_second` requests in any one second.
    pub fn global_rate_limit(mut self, per_second: u32) -> Self {
        self.global_rate_limit = Some(per_second);
        self
    }

    /// Makes `GET /gateway/bot` recommend `shards` shards (at least 1, as Discord never
    /// recommends fewer).
    pub fn recommended_shards(mut self, shards: u32) -> Self {
        self.recommended_shards = shards.max(1);
        self
    }

    /// Sets `GET /gateway/bot`'s `session_start_limit.max_concurrency` (at least 1).
    pub fn max_concurrency(mut self, identifies_per_window: u32) -> Self {
        self.max_concurrency = identifies_per_window.max(1);
        self
    }

    /// Replaces the default guild list with no guilds; add some with [`StandInConfig::guild`].
    pub fn no_guilds(mut self) -> Self {
        self.guilds.clear();
        self
    }

    /// Adds a guild (the default "Test Server" stays unless [`StandInConfig::no_guilds`] ran).
    pub fn guild(mut self, guild: GuildSpec) -> Self {
        self.guilds.push(guild);
        self
    }
}
