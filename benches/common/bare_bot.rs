//! The floor an interaction's cost is measured against: a bare serenity bot with the same serenity features,
//! intents and HTTP set-up as the bot (a proxy to `DISCORD_API_BASE`, serenity's rate limiter off, the same
//! bounded client), answering every interaction with one fixed private reply: no database, no content.

use serenity::all::{
    ClientBuilder, Context, CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler,
    HttpBuilder, Interaction,
};

struct Bare;

#[serenity::async_trait]
impl EventHandler for Bare {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let reply = CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new().content("Thank you.").ephemeral(true),
        );
        let answered = match &interaction {
            Interaction::Command(c) => c.create_response(&ctx.http, reply).await,
            Interaction::Component(c) => c.create_response(&ctx.http, reply).await,
            _ => Ok(()),
        };
        if let Err(error) = answered {
            eprintln!("bare bot: an answer failed: {error}");
        }
    }
}

/// Runs until the process is killed; `DISCORD_API_BASE` is the stand-in.
pub async fn run() {
    let base = std::env::var("DISCORD_API_BASE").expect("DISCORD_API_BASE for the bare bot");
    let rest = steady::discord::rest_client::build().expect("the HTTP client");
    let http = HttpBuilder::new("bench").client(rest).proxy(base).ratelimiter_disabled(true).build();
    let mut client = ClientBuilder::new_with_http(http, steady::discord::intents())
        .event_handler(Bare)
        .await
        .expect("the bare bot's client");
    if let Err(error) = client.start().await {
        eprintln!("bare bot: the gateway connection ended: {error}");
    }
}
