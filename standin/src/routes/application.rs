//! The bot's own user, its application and the gateway's address.

use serde_json::{json, Value};

use super::Reply;
use crate::config::{APPLICATION_ID, BOT_USERNAME, GUILD_OWNER_ID};
use crate::payloads;
use crate::state::Shared;

pub(super) fn gateway(shared: &Shared) -> Reply {
    Reply::json(200, json!({"url": shared.gateway_url}))
}

pub(super) fn gateway_bot(shared: &Shared) -> Reply {
    Reply::json(
        200,
        json!({
            "url": shared.gateway_url,
            "shards": shared.config.recommended_shards.max(1),
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 14_400_000,
                "max_concurrency": shared.config.max_concurrency.max(1),
            }
        }),
    )
}

pub(super) fn me() -> Reply {
    Reply::json(200, payloads::bot_user())
}

pub(super) fn my_application() -> Reply {
    Reply::json(200, application())
}

fn application() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": BOT_USERNAME,
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "owner": payloads::user(GUILD_OWNER_ID, "owner"),
        "team": null,
        "flags": 0,
        "bot": payloads::bot_user(),
        "integration_types_config": {"0": {}, "1": {}},
        "approximate_guild_count": 1,
        "approximate_user_install_count": 0,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
    })
}
