//! The Discord layer: the only code that knows serenity. Starting, running and stopping the bot live here.

mod builders;
mod bulk_rest;
pub mod commands;
mod deliver;
mod dispatch;
mod handler;
mod ids;
mod permissions;
mod register;
mod respond;
pub mod rest_client;
mod retry;
mod scheduler;
pub mod visibility;

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ClientBuilder, GatewayIntents, HttpBuilder, ShardManager};
use thiserror::Error;
use tokio::sync::OnceCell;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::clock::Clock;
use crate::config::{Config, Shards};
use crate::content::{Content, ContentError};
use crate::schedule::liveness;
use crate::schedule::Settings;
use crate::store::backend::Backend;
use crate::store::{Store, StoreError, StoreResult};

pub use register::{invite_url, permissions};

#[derive(Debug, Error)]
pub enum StartError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot set up the Discord client: {0}")]
    Discord(#[from] serenity::Error),
    #[error("cannot set up the HTTP client: {0}")]
    HttpClient(#[from] reqwest::Error),
    #[error("SHARDS: this process would run {ours} but a live process already runs {theirs}; give each process its own range of one total (example: SHARDS=0-1/4 on one, SHARDS=2-3/4 on the other)")]
    ShardsTaken { ours: Shards, theirs: String },
}

/// The gateway events the bot needs: server lifecycle and DMs. No privileged intent is used.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS | GatewayIntents::DIRECT_MESSAGES
}

/// A bot that is connecting or connected, and the handle to stop it.
pub struct RunningBot {
    app: Arc<App>,
    shard_manager: Arc<ShardManager>,
    client: JoinHandle<Result<(), serenity::Error>>,
    scheduler: JoinHandle<()>,
    stop_scheduler: tokio::sync::watch::Sender<bool>,
    /// The heartbeat, and this process's name in claims and in the `processes` table.
    liveness: JoinHandle<()>,
    boot: String,
}

/// How long shutdown waits for answers already being worked on.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Loads content, opens the database and connects to Discord (or to `DISCORD_API_BASE`).
pub async fn launch(config: &Config, clock: Arc<dyn Clock>) -> Result<RunningBot, StartError> {
    let content = Content::load(&config.content_dir)?;
    crate::render::limits::check(&content)?;
    let content = Arc::new(content);
    tracing::info!(steps = content.steps().len(), "content loaded");
    let store = Store::open(&config.database_url).await?.with_key(config.data_key.clone()).await?;
    if !store.can_seal() {
        tracing::warn!("no DATA_KEY: check-ins and journal entries will not be stored");
    }
    tracing::info!("database ready");
    let app = Arc::new(App::new(content, store, clock));

    let rest = rest_client::build()?;
    let mut http = HttpBuilder::new(config.token.expose()).client(rest.clone());
    if let Some(base) = &config.api_base {
        // serenity only honours a proxy with its own rate limiter off; the bot then paces its own bulk sends.
        http = http.proxy(base.as_str()).ratelimiter_disabled(true);
        tracing::info!(api_base = %base, "REST calls go to DISCORD_API_BASE");
    }
    let handler =
        handler::Handler { app: app.clone(), dev_guild_id: config.dev_guild_id, registered: OnceCell::new() };
    let mut client = ClientBuilder::new_with_http(http.build(), intents()).event_handler(handler).await?;
    let shard_manager = client.shard_manager.clone();
    let delivery = Arc::new(deliver::DmDelivery {
        http: client.http.clone(),
        store: app.store.clone(),
        pacer: deliver::Pacer::shared_per_second(config.sends_per_second, app.store.clone()),
        rest: bulk_rest::BulkRest::new(rest.clone(), config.api_base.as_deref(), config.token.expose()),
    });
    // Messages to someone other than the person acting (a partner) have their own pace, so they never wait
    // behind a crowd of nudges.
    app.set_messenger(Arc::new(deliver::DmDelivery {
        http: client.http.clone(),
        store: app.store.clone(),
        pacer: deliver::Pacer::per_second(config.sends_per_second),
        rest: bulk_rest::BulkRest::new(rest.clone(), config.api_base.as_deref(), config.token.expose()),
    }));
    let settings = Settings {
        grace: chrono::Duration::from_std(config.nudge_grace).unwrap_or(chrono::Duration::hours(2)),
        ..Settings::default()
    };
    let boot = settings.boot.as_str().to_owned();
    if app.store.backend() == Backend::Postgres {
        if let Some(theirs) =
            liveness::shard_conflict(&app.store, &boot, config.shards, app.clock.now()).await?
        {
            return Err(StartError::ShardsTaken { ours: config.shards, theirs });
        }
    } else {
        // One process owns a SQLite file: what an earlier run held when it died goes out now, not after its
        // heartbeat goes silent.
        match app.store.release_claims_of_other_runs(&boot).await {
            Ok(0) => {}
            Ok(released) => {
                tracing::info!(released, "scheduled sends an earlier run had claimed are due again")
            }
            Err(error) => tracing::error!(error = %error, "claims of an earlier run could not be released"),
        }
    }
    let liveness = liveness_loop(
        app.clone(),
        boot.clone(),
        config.shards,
        liveness::beat(&app, &boot, config.shards).await,
    );
    let (stop_scheduler, stop) = tokio::sync::watch::channel(false);
    let scheduler = scheduler::spawn(app.clone(), delivery, settings, config.tick_every, stop);
    let shards = config.shards;
    let client = tokio::spawn(async move {
        let result = match shards {
            Shards::All => client.start_autosharded().await,
            // Serenity's shard range includes its end.
            Shards::Range { first, last, total } => client.start_shard_range(first..last, total).await,
        };
        match &result {
            Ok(()) => tracing::info!("gateway connection closed"),
            Err(error) => {
                tracing::error!(error = %error, "the Discord connection ended with an error")
            }
        }
        result
    });
    Ok(RunningBot { app, shard_manager, client, scheduler, stop_scheduler, liveness, boot })
}

/// Heartbeats every `HEARTBEAT_EVERY`, releasing the claims of processes gone silent; `first` is how the
/// beat at start-up went.
fn liveness_loop(app: Arc<App>, boot: String, shards: Shards, first: StoreResult<u64>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut result = first;
        loop {
            match result {
                Ok(0) => {}
                Ok(released) => {
                    tracing::warn!(released, "scheduled sends a silent process had claimed are due again")
                }
                Err(error) => tracing::error!(error = %error, "the heartbeat could not be recorded"),
            }
            tokio::time::sleep(liveness::HEARTBEAT_EVERY).await;
            result = liveness::beat(&app, &boot, shards).await;
        }
    })
}

impl RunningBot {
    pub fn app(&self) -> &Arc<App> {
        &self.app
    }

    /// Resolves when the client stops by itself (for example a refused token); the error says why.
    pub async fn wait(&mut self) -> Result<(), serenity::Error> {
        match (&mut self.client).await {
            Ok(result) => result,
            Err(join) => Err(serenity::Error::Other(if join.is_panic() {
                "client panicked"
            } else {
                "client cancelled"
            })),
        }
    }

    /// Stops taking new work, lets answers in flight finish, closes the gateway and the database.
    pub async fn shutdown(self) {
        tracing::info!(in_flight = self.app.in_flight(), "shutting down");
        self.app.start_draining();
        if tokio::time::timeout(DRAIN_TIMEOUT, self.app.wait_idle()).await.is_err() {
            tracing::warn!(in_flight = self.app.in_flight(), "gave up waiting for answers in flight");
        }
        let _ = self.stop_scheduler.send(true);
        if tokio::time::timeout(DRAIN_TIMEOUT, self.scheduler).await.is_err() {
            tracing::warn!("the nudge scheduler did not stop in time");
        }
        self.liveness.abort();
        if let Err(error) = self.app.store.end_process(&self.boot).await {
            tracing::warn!(error = %error, "this process's claims could not be released; the others take them when its heartbeat goes silent");
        }
        self.shard_manager.shutdown_all().await;
        if tokio::time::timeout(Duration::from_secs(5), self.client).await.is_err() {
            tracing::warn!("the gateway did not close in time");
        }
        self.app.store.close().await;
        tracing::info!("stopped");
    }
}
