//! Which route a request path names, and which docs rules apply to its body.

use crate::config::APPLICATION_ID;
use crate::docs_rules::BodyKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Gateway,
    GatewayBot,
    Me,
    MyApplication,
    Commands {
        guild: Option<u64>,
    },
    Command {
        guild: Option<u64>,
        id: u64,
    },
    Callback {
        id: u64,
        token: String,
    },
    Webhook {
        token: String,
    },
    /// `message` is `None` for `@original`.
    WebhookMessage {
        token: String,
        message: Option<u64>,
    },
    CreateDm,
    Channel(u64),
    ChannelMessages(u64),
    ChannelMessage(u64, u64),
    Threads(u64),
    MessageThreads(u64, u64),
    Guild(u64),
    GuildChannels(u64),
    GuildMember(u64, u64),
    Unknown,
}

fn app(s: &str) -> bool {
    s.parse::<u64>().ok() == Some(APPLICATION_ID)
}

pub(crate) fn parse(path: &str) -> Route {
    let segs: Vec<&str> = path.trim_start_matches('/').trim_end_matches('/').split('/').collect();
    let id = |s: &str| s.parse::<u64>().ok();
    match segs.as_slice() {
        ["gateway"] => Route::Gateway,
        ["gateway", "bot"] => Route::GatewayBot,
        ["users", "@me"] => Route::Me,
        ["oauth2", "applications", "@me"] | ["applications", "@me"] => Route::MyApplication,
        ["applications", a, "commands"] if app(a) => Route::Commands { guild: None },
        ["applications", a, "commands", c] if app(a) => match id(c) {
            Some(c) => Route::Command { guild: None, id: c },
            None => Route::Unknown,
        },
        ["applications", a, "guilds", g, "commands"] if app(a) => match id(g) {
            Some(g) => Route::Commands { guild: Some(g) },
            None => Route::Unknown,
        },
        ["applications", a, "guilds", g, "commands", c] if app(a) => match (id(g), id(c)) {
            (Some(g), Some(c)) => Route::Command { guild: Some(g), id: c },
            _ => Route::Unknown,
        },
        ["interactions", i, t, "callback"] => match id(i) {
            Some(i) => Route::Callback { id: i, token: t.to_string() },
            None => Route::Unknown,
        },
        ["webhooks", a, t] if app(a) => Route::Webhook { token: t.to_string() },
        ["webhooks", a, t, "messages", "@original"] if app(a) => {
            Route::WebhookMessage { token: t.to_string(), message: None }
        }
        ["webhooks", a, t, "messages", m] if app(a) => match id(m) {
            Some(m) => Route::WebhookMessage { token: t.to_string(), message: Some(m) },
            None => Route::Unknown,
        },
        ["users", "@me", "channels"] => Route::CreateDm,
        ["channels", c] => id(c).map_or(Route::Unknown, Route::Channel),
        ["channels", c, "messages"] => id(c).map_or(Route::Unknown, Route::ChannelMessages),
        ["channels", c, "messages", m] => match (id(c), id(m)) {
            (Some(c), Some(m)) => Route::ChannelMessage(c, m),
            _ => Route::Unknown,
        },
        ["channels", c, "threads"] => id(c).map_or(Route::Unknown, Route::Threads),
        ["channels", c, "messages", m, "threads"] => match (id(c), id(m)) {
            (Some(c), Some(m)) => Route::MessageThreads(c, m),
            _ => Route::Unknown,
        },
        ["guilds", g] => id(g).map_or(Route::Unknown, Route::Guild),
        ["guilds", g, "channels"] => id(g).map_or(Route::Unknown, Route::GuildChannels),
        ["guilds", g, "members", u] => match (id(g), id(u)) {
            (Some(g), Some(u)) => Route::GuildMember(g, u),
            _ => Route::Unknown,
        },
        _ => Route::Unknown,
    }
}

/// Which docs rules apply to a request's body.
pub(crate) fn body_kind(method: &str, route: &Route) -> Option<BodyKind> {
    match (method, route) {
        ("PUT", Route::Commands { .. }) => Some(BodyKind::CommandList),
        ("POST", Route::Commands { .. }) | ("PATCH", Route::Command { .. }) => Some(BodyKind::Command),
        ("POST", Route::Callback { .. }) => Some(BodyKind::InteractionCallback),
        ("POST", Route::Webhook { .. }) => Some(BodyKind::WebhookMessageCreate),
        ("PATCH", Route::WebhookMessage { .. }) => Some(BodyKind::WebhookMessageEdit),
        ("POST", Route::ChannelMessages(_)) => Some(BodyKind::ChannelMessageCreate),
        ("PATCH", Route::ChannelMessage(..)) => Some(BodyKind::ChannelMessageEdit),
        ("POST", Route::CreateDm) => Some(BodyKind::CreateDm),
        _ => None,
    }
}
