//! Starts the real bot against the stand-in for Discord, and acts as a person would.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use discord_standin::{Actor, Interaction, Response, ShownMessage, StandIn, StandInConfig};
use serde_json::{json, Value};
use steady::clock::ManualClock;
use steady::config::Config;
use steady::discord::{launch, RunningBot};

/// The key the tests seal free text with.
pub const TEST_KEY: &str = "8c1d0707ccdf8e380a86dfba04058820a66435c1b69d5ed82e04dd8c0520dd73";
pub const WAIT: Duration = Duration::from_secs(10);
pub const ALICE: u64 = 300_000_000_000_000_001;
pub const BOB: u64 = 300_000_000_000_000_002;

pub struct World {
    pub standin: StandIn,
    pub bot: Option<RunningBot>,
    pub clock: ManualClock,
    pub db_url: String,
    _dir: tempfile::TempDir,
}

impl World {
    /// A stand-in, a fresh database, and the bot connected with its commands registered.
    pub async fn start() -> World {
        World::start_with(StandInConfig::default()).await
    }

    /// The same, with the stand-in configured by the test (more servers, say).
    pub async fn start_with(config: StandInConfig) -> World {
        World::start_on(config, false).await
    }

    /// The same on a SQLite file whatever the test pass, for tests that move a SQLite database elsewhere.
    pub async fn start_on_sqlite() -> World {
        World::start_on(StandInConfig::default(), true).await
    }

    async fn start_on(config: StandInConfig, sqlite: bool) -> World {
        // Logs go through the test harness, so a passing test stays quiet.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(steady::telemetry::DEFAULT_FILTER))
            .with_test_writer()
            .try_init();
        let standin = StandIn::start_with(config.heartbeat_interval_ms(2_000))
            .await
            .expect("the stand-in for Discord starts (is ../shared/discord-api-spec/openapi.json there?)");
        let dir = tempfile::tempdir().expect("temp dir");
        let db_url = if sqlite {
            format!("sqlite://{}/steady.db", dir.path().display())
        } else {
            steady::store::test_database::url(dir.path(), "steady.db").await
        };
        let clock = ManualClock::starting_at(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
        let mut world = World { standin, bot: None, clock, db_url, _dir: dir };
        world.start_bot().await;
        world
    }

    pub fn config(&self) -> Config {
        let manifest = env!("CARGO_MANIFEST_DIR");
        let values = [
            ("DISCORD_TOKEN", "test-token".to_owned()),
            ("DATABASE_URL", self.db_url.clone()),
            ("DISCORD_API_BASE", self.standin.api_base()),
            ("CONTENT_DIR", Path::new(manifest).join("content").display().to_string()),
            // The scheduler looks often, so time moved by a test is acted on at once.
            ("TICK_INTERVAL_MS", "20".to_owned()),
            ("SENDS_PER_SECOND", "45".to_owned()),
            ("DATA_KEY", TEST_KEY.to_owned()),
        ];
        Config::from_lookup(|key| values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()))
            .expect("test configuration is valid")
    }

    pub async fn start_bot(&mut self) {
        let ready_before = self.standin.ready_count();
        let bot = launch(&self.config(), Arc::new(self.clock.clone())).await.expect("the bot starts");
        self.bot = Some(bot);
        wait_until("the bot identifies and gets READY", || self.standin.ready_count() > ready_before).await;
        wait_until("the commands are registered", || self.standin.registered_commands(None).is_some()).await;
    }

    pub async fn stop_bot(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.shutdown().await;
        }
    }

    pub async fn restart_bot(&mut self) {
        self.stop_bot().await;
        self.start_bot().await;
    }

    pub fn app(&self) -> &steady::app::App {
        self.bot.as_ref().expect("the bot is running").app()
    }

    /// Runs a slash command and returns what Discord would show for it.
    pub async fn command(&self, actor: &Actor, name: &str, options: Value) -> ShownMessage {
        let interaction = self.standin.run_command(actor, name, options).await;
        match self.response(&interaction).await {
            Response::Message(message) => message,
            other => panic!("/{name}: expected a message, got {other:?}"),
        }
    }

    /// `/step <slug>`, optionally shared in the channel.
    pub async fn step(&self, actor: &Actor, slug: &str, share: bool) -> ShownMessage {
        let options = if share {
            json!([{ "type": 1, "name": slug, "options": [{ "type": 5, "name": "share", "value": true }] }])
        } else {
            json!([{ "type": 1, "name": slug, "options": [] }])
        };
        self.command(actor, "step", options).await
    }

    /// Clicks the button with this label on the message, as `actor`.
    pub async fn click(&self, actor: &Actor, message: &ShownMessage, label: &str) -> Response {
        let button = message
            .button_by_label(label)
            .unwrap_or_else(|| panic!("no button {label:?} on the message; it has {:?}", message.buttons()));
        self.click_id(actor, message, &button.custom_id).await
    }

    pub async fn click_id(&self, actor: &Actor, message: &ShownMessage, custom_id: &str) -> Response {
        let interaction = self.standin.click(actor, message, custom_id).await;
        self.response(&interaction).await
    }

    /// A message in the server channel with buttons an older version of the bot might have made.
    pub async fn old_message_with_buttons(&self, custom_ids: &[&str]) -> ShownMessage {
        use serenity::all::{ChannelId, CreateActionRow, CreateButton, CreateMessage, HttpBuilder};
        let http =
            HttpBuilder::new("test-token").proxy(self.standin.api_base()).ratelimiter_disabled(true).build();
        let buttons = custom_ids
            .iter()
            .enumerate()
            .map(|(i, id)| CreateButton::new(*id).label(format!("Old {i}")))
            .collect();
        let message = CreateMessage::new()
            .content("An old message")
            .components(vec![CreateActionRow::Buttons(buttons)]);
        let sent = ChannelId::new(discord_standin::DEFAULT_CHANNEL_ID)
            .send_message(&http, message)
            .await
            .expect("post the old message");
        self.standin.message(sent.id.get()).expect("the stand-in keeps the message")
    }

    pub async fn response(&self, interaction: &Interaction) -> Response {
        self.standin.wait_response(interaction, WAIT).await.unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every request the bot sent so far was valid under Discord's spec and docs.
    pub fn assert_all_valid(&self) {
        self.standin.assert_all_valid();
    }

    pub async fn count(&self, sql: &str) -> i64 {
        steady::on_pool!(self.app().store, |pool| q::query_scalar(sql).fetch_one(pool).await)
            .expect("count query")
    }

    /// Waits until `sql` counts `expected`. The query is awaited, never blocked on: a blocked test thread would
    /// also stop the PostgreSQL connection that must answer it.
    pub async fn wait_for_count(&self, what: &str, sql: &str, expected: i64) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let now = self.count(sql).await;
            if now == expected {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting until {what}: {now}, not {expected}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

pub fn alice_in_server() -> Actor {
    Actor::in_guild(ALICE, "alice", discord_standin::DEFAULT_GUILD_ID, discord_standin::DEFAULT_CHANNEL_ID)
}

pub fn bob_in_server() -> Actor {
    Actor::in_guild(BOB, "bob", discord_standin::DEFAULT_GUILD_ID, discord_standin::DEFAULT_CHANNEL_ID)
}

pub fn alice_in_dm() -> Actor {
    Actor::in_dm(ALICE, "alice")
}

pub fn message_of(response: Response) -> ShownMessage {
    match response {
        Response::Message(m) => m,
        other => panic!("expected a new message, got {other:?}"),
    }
}

pub fn updated(response: Response) -> ShownMessage {
    match response {
        Response::Updated(m) => m,
        other => panic!("expected the message to be updated in place, got {other:?}"),
    }
}

/// The PostgreSQL server of the PostgreSQL pass, or `None` (with a loud line) for a test that only runs there.
pub fn postgres_or_skip(test: &str) -> Option<String> {
    let server = steady::store::test_database::postgres_server();
    if server.is_none() {
        eprintln!(
            "!! SKIPPED: {test} runs only on PostgreSQL: set {} (as .ci/test does)",
            steady::store::test_database::VARIABLE
        );
    }
    server
}

pub async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !condition() {
        assert!(tokio::time::Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub fn step_slugs() -> Vec<String> {
    let content = steady::content::Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .expect("content loads");
    content.steps().iter().map(|s| s.slug.clone()).collect()
}

pub fn content() -> steady::content::Content {
    steady::content::Content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .expect("content loads")
}

pub fn step_options(slug: &str) -> Value {
    json!([{ "type": 1, "name": slug, "options": [] }])
}

/// Sends `text` in Alice's DM and returns the bot's one answer to it.
pub async fn say_in_dm(world: &World, text: &str) -> ShownMessage {
    let before = world.standin.dm_messages(ALICE).len();
    world.standin.send_dm(&alice_in_dm(), text).await;
    wait_until("the bot answers", || world.standin.dm_messages(ALICE).len() > before).await;
    let messages = world.standin.dm_messages(ALICE);
    assert_eq!(messages.len(), before + 1, "one answer to {text:?}");
    messages[before].clone()
}
