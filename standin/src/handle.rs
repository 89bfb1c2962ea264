//! The running stand-in a test holds: starting its two servers, stopping them when dropped, and
//! the addresses and ids to give the bot.

mod acting;
mod connection;
mod faults;
mod records;
mod responses;
mod shards;

use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::config::{StandInConfig, APPLICATION_ID, BOT_USER_ID, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID};
use crate::error::StandInError;
use crate::spec::{self, default_spec_path, SpecStatus};
use crate::state::{ConnCmd, Shared};
use crate::{gateway, rest};

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
}
