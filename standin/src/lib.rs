//! A local stand-in for Discord: a REST server and a gateway websocket on 127.0.0.1 that speak
//! enough of Discord's protocol for an unmodified serenity 0.12.5 client, validate every request
//! body against Discord's OpenAPI spec and docs, and let tests act as people in Discord.

mod config;
mod docs_rules;
mod error;
mod faults;
mod gateway;
mod handle;
mod net;
pub mod payloads;
mod people;
mod record;
mod rest;
mod routes;
mod shards;
mod shown;
mod spec;
mod state;

use serde_json::Value;

pub use config::{
    ChannelSpec, GuildSpec, StandInConfig, APPLICATION_ID, BOT_USERNAME, BOT_USER_ID, DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID, DEFAULT_MEMBER_PERMISSIONS,
};
pub use docs_rules::BodyKind;
pub use error::StandInError;
pub use faults::{Fault, FaultKind};
pub use handle::StandIn;
pub use people::{autocomplete_options, command_options, Actor, Interaction, Place};
pub use record::{RecordedFile, RecordedRequest};
pub use shown::{
    Choice, ModalRef, Response, ShownAttachment, ShownButton, ShownMessage, ShownModal, ShownTextInput,
    Timing,
};
pub use spec::{default_spec_path, SpecStatus, Violation};
pub use state::IdentifyInfo;

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
