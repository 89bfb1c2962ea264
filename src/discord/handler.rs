//! The gateway events the bot acts on. Each handler reads the event, calls a flow, and sends its reply.

use std::sync::Arc;

use serenity::all::{
    CommandInteraction, ComponentInteraction, Context, EventHandler, Interaction, Message, MessageFlags,
    Ready,
};
use serenity::async_trait;
use serenity::builder::Builder;
use tokio::sync::OnceCell;

use super::builders;
use super::commands::{self, Command, Form, Parsed};
use super::dispatch;
use super::respond::{self, Target};
use super::retry::Failed;
use super::visibility::Place;
use crate::app::App;
use crate::custom_id::{Action, ButtonId, SHARED};
use crate::flows::{self, Answer, Person};
use crate::render::notices;
use crate::reply::{Reply, Visibility};
use tokio::time::Instant;

pub struct Handler {
    pub app: Arc<App>,
    pub dev_guild_id: Option<u64>,
    /// READY comes again after every fresh session; commands are registered once, by the process that runs
    /// shard 0, so that several processes sharing the shards do not register them each.
    pub registered: OnceCell<()>,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let shard = ready.shard.map(|s| s.id.0);
        tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), shard, "connected to Discord");
        if shard.is_some_and(|id| id != 0) {
            return;
        }
        let result = self
            .registered
            .get_or_try_init(|| async {
                super::register::commands(&ctx.http, &self.app.content, self.dev_guild_id).await?;
                super::register::print_invite(ready.application.id.get());
                Ok::<(), serenity::Error>(())
            })
            .await;
        if let Err(error) = result {
            tracing::error!(error = %error, "registering commands failed; will try again on the next READY");
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let received = Instant::now();
        let app = &self.app;
        let Some(_work) = app.begin_work() else {
            restarting(&ctx, &interaction, app, received).await;
            return;
        };
        let result = match &interaction {
            Interaction::Command(cmd) => command(&ctx, app, cmd, received).await,
            Interaction::Component(click) => component(&ctx, app, click, received).await,
            Interaction::Autocomplete(typing) => autocomplete(&ctx, typing, received).await,
            Interaction::Modal(form) => modal_submit(&ctx, app, form, received).await,
            other => {
                tracing::debug!(kind = ?other.kind(), "interaction kind not handled");
                Ok(())
            }
        };
        if let Err(failed) = result {
            failed.log("could not answer an interaction");
        }
    }

    async fn guild_create(&self, _ctx: Context, guild: serenity::all::Guild, _is_new: Option<bool>) {
        if let Err(error) = self.app.store.mark_guild_present(guild.id.into()).await {
            tracing::warn!(error = %error, "could not note the server as present");
        }
    }

    /// Removed from a server (not an outage): its posts stop, and its data goes after the grace period.
    async fn guild_delete(
        &self,
        _ctx: Context,
        incomplete: serenity::all::UnavailableGuild,
        _full: Option<serenity::all::Guild>,
    ) {
        if incomplete.unavailable {
            return;
        }
        tracing::info!(guild_id = incomplete.id.get(), "removed from a server");
        if let Err(error) =
            self.app.store.mark_guild_removed(incomplete.id.into(), self.app.clock.now()).await
        {
            tracing::error!(error = %error, "could not note the removal from a server");
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        // Only typed DMs from people; the bot's own messages and server messages are not for it.
        if msg.author.bot || msg.guild_id.is_some() {
            return;
        }
        let Some(_work) = self.app.begin_work() else {
            return;
        };
        tracing::info!(user_id = msg.author.id.get(), "direct message received");
        let reply =
            flows::dm_text(&self.app, msg.author.id.into(), &msg.content).await.unwrap_or_else(|error| {
                tracing::error!(error = %error, "direct message failed");
                notices::something_went_wrong(&self.app.content)
            });
        let sent = super::retry::with_backoff("answer a DM", || {
            builders::once(&reply, format!("d{}", msg.id.get())).execute(&ctx.http, (msg.channel_id, None))
        })
        .await;
        if let Err(error) = sent {
            tracing::warn!(error = %error, "could not answer a direct message");
        }
    }
}

fn person_of(user_id: serenity::all::UserId, guild: bool) -> Person {
    Person { user_id: user_id.into(), in_guild: guild }
}

#[tracing::instrument(skip_all, fields(command = ?crate::telemetry::outside(&cmd.data.name), user_id = cmd.user.id.get(), guild_id = cmd.guild_id.map(|g| g.get())))]
async fn command(
    ctx: &Context,
    app: &App,
    cmd: &CommandInteraction,
    received: Instant,
) -> Result<(), Failed> {
    let who = person_of(cmd.user.id, cmd.guild_id.is_some());
    let parsed = commands::parse(&cmd.data.name, &cmd.data.options);
    let command = match parsed {
        // Forms open at once: a modal can only be the first answer.
        Some(Parsed::Form(form)) => return open_form(ctx, app, cmd, who, form, received).await,
        Some(Parsed::Answer(command)) => Some(command),
        None => None,
    };
    let if_slow =
        if command.as_ref().is_some_and(Command::shared) { Visibility::Shared } else { Visibility::Private };
    let target = Target {
        http: &ctx.http,
        id: cmd.id,
        token: &cmd.token,
        received,
        place: Place::of(cmd.context, who.in_guild),
    };
    respond::command(target, if_slow, async {
        let Some(command) = command else {
            tracing::warn!("unknown command");
            return notices::unknown_button(&app.content);
        };
        let reply = dispatch::run(ctx, app, cmd, who, command).await.unwrap_or_else(|error| {
            tracing::error!(error = %error, "command failed");
            notices::something_went_wrong(&app.content)
        });
        flows::with_pending_notice(app, who, reply).await
    })
    .await
}

/// A command that opens a form, or the private answer saying why it cannot.
async fn open_form(
    ctx: &Context,
    app: &App,
    cmd: &CommandInteraction,
    who: Person,
    form: Form,
    received: Instant,
) -> Result<(), Failed> {
    let place = Place::of(cmd.context, who.in_guild);
    let form = match form {
        Form::Checkin => flows::reflect::checkin_form(app, who),
        Form::JournalWrite { prompt } => flows::reflect::journal_form(app, who, prompt),
    };
    let response = match form {
        Ok(modal) => serenity::all::CreateInteractionResponse::Modal(builders::modal(&modal)),
        Err(reply) => serenity::all::CreateInteractionResponse::Message(builders::new_message(&reply, place)),
    };
    Target { http: &ctx.http, id: cmd.id, token: &cmd.token, received, place }.callback(&response).await
}

#[tracing::instrument(skip_all, fields(custom_id = ?crate::telemetry::outside(&click.data.custom_id), user_id = click.user.id.get(), guild_id = click.guild_id.map(|g| g.get())))]
async fn component(
    ctx: &Context,
    app: &App,
    click: &ComponentInteraction,
    received: Instant,
) -> Result<(), Failed> {
    let who = person_of(click.user.id, click.guild_id.is_some());
    let place = Place::of(click.context, who.in_guild);
    // Only the person sees the message the button is on: their own DM with the bot, or an ephemeral message.
    let on_private_message =
        place == Place::BotDm || click.message.flags.is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
    let target = Target { http: &ctx.http, id: click.id, token: &click.token, received, place };
    respond::click(target, async {
        let Ok(id) = ButtonId::parse(&click.data.custom_id) else {
            tracing::info!("unknown button");
            return Answer::New(notices::unknown_button(&app.content));
        };
        // A shared post's buttons are for anyone in the server; every other button is its owner's alone.
        let shared = id.owner == SHARED && id.action.is_shared() && click.guild_id.is_some();
        if !shared && (id.owner != who.user_id || id.action.is_shared()) {
            tracing::info!(owner = id.owner.get(), "someone else's button");
            return Answer::New(notices::not_yours(&app.content));
        }
        // A kept message (a quiz result) is never edited by its own buttons: they answer with a new one.
        let on_private_message = on_private_message && !id.keep;
        let answer = flows::click(app, who, id.action, on_private_message).await.unwrap_or_else(|error| {
            tracing::error!(error = %error, "button failed");
            Answer::New(notices::something_went_wrong(&app.content))
        });
        match answer {
            Answer::ToDm { dm, confirm, fallback } => {
                match send_dm(ctx, click.user.id, &dm, click.id.get()).await {
                    Ok(()) => Answer::Update(confirm),
                    Err(error) => {
                        tracing::info!(error = %error, "could not move to the DM");
                        Answer::Update(fallback)
                    }
                }
            }
            other => other,
        }
    })
    .await
}

/// A submitted form: a check-in, a journal entry, or a reflection to share with a server's group. Each meets
/// the crisis check before anything else; crisis words in a reflection are never posted.
async fn modal_submit(
    ctx: &Context,
    app: &App,
    form: &serenity::all::ModalInteraction,
    received: Instant,
) -> Result<(), Failed> {
    use serenity::all::{ActionRowComponent, CreateInteractionResponse};
    let who = person_of(form.user.id, form.guild_id.is_some());
    let field = |id: &str| -> String {
        form.data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|c| match c {
                ActionRowComponent::InputText(input) if input.custom_id == id => input.value.clone(),
                _ => None,
            })
            .unwrap_or_default()
    };
    let parsed = ButtonId::parse(&form.data.custom_id).ok();
    let result = match parsed {
        Some(ButtonId { owner, action: Action::CheckinSubmit, .. }) if owner == who.user_id => {
            flows::reflect::save_checkin(app, who, &field("feeling"), &field("need"), &field("steadiness"))
                .await
        }
        Some(ButtonId { owner, action: Action::JournalSubmit(prompt), .. }) if owner == who.user_id => {
            flows::reflect::save_journal(app, who, prompt, &field("entry")).await
        }
        Some(ButtonId { owner: SHARED, action: Action::GroupReflection(guild, _), .. })
            if form.guild_id.map(crate::ids::GuildId::from) == Some(guild) =>
        {
            share_reflection(ctx, app, form, who, guild, &field("reflection")).await
        }
        _ => Ok(notices::unknown_button(&app.content)),
    };
    let reply = result.unwrap_or_else(|error| {
        tracing::error!(error = %error, "form failed");
        notices::something_went_wrong(&app.content)
    });
    // Forms carry no context: outside a server their answer is ephemeral, in case others read along.
    let place = Place::of(None, who.in_guild);
    Target { http: &ctx.http, id: form.id, token: &form.token, received, place }
        .callback(&CreateInteractionResponse::Message(builders::new_message(&reply, place)))
        .await
}

/// Posts a reflection in the server's channel under the person's name, or answers privately instead.
async fn share_reflection(
    ctx: &Context,
    app: &App,
    form: &serenity::all::ModalInteraction,
    who: Person,
    guild: crate::ids::GuildId,
    text: &str,
) -> crate::store::StoreResult<Reply> {
    let name = form
        .member
        .as_ref()
        .and_then(|m| m.nick.clone())
        .or_else(|| form.user.global_name.clone())
        .unwrap_or_else(|| form.user.name.clone());
    Ok(match flows::groups::reflection(app, who, &name, guild, text).await? {
        flows::groups::Reflection::Private(reply) => reply,
        flows::groups::Reflection::Share { channel_id, post, thanks } => {
            let channel = serenity::all::ChannelId::from(channel_id);
            let nonce = format!("r{}", form.id.get());
            let posted = super::retry::with_backoff("post a reflection", || {
                builders::once(&post, nonce.clone()).execute(&ctx.http, (channel, None))
            })
            .await;
            match posted {
                Ok(_) => thanks,
                Err(error) => {
                    tracing::warn!(error = %error, "could not post a reflection");
                    notices::something_went_wrong(&app.content)
                }
            }
        }
    })
}

/// Time-zone suggestions as the person types.
async fn autocomplete(ctx: &Context, typing: &CommandInteraction, received: Instant) -> Result<(), Failed> {
    use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse, CreateInteractionResponse};
    let typed = typing.data.autocomplete().map_or("", |focused| focused.value);
    let choices = flows::nudges::zone_suggestions(typed)
        .into_iter()
        .map(|(name, value)| AutocompleteChoice::new(name, value))
        .collect();
    let response =
        CreateInteractionResponse::Autocomplete(CreateAutocompleteResponse::new().set_choices(choices));
    // Suggestions are seen by the person typing alone, whatever the place.
    let place = Place::of(typing.context, typing.guild_id.is_some());
    Target { http: &ctx.http, id: typing.id, token: &typing.token, received, place }.callback(&response).await
}

/// Opens (or finds) the DM with the person and posts `reply` there.
async fn send_dm(
    ctx: &Context,
    user: serenity::all::UserId,
    reply: &Reply,
    interaction_id: u64,
) -> serenity::Result<()> {
    let channel = user.create_dm_channel(&ctx.http).await?;
    // One nonce per click, so a retry is shown once.
    let nonce = format!("m{interaction_id}");
    super::retry::with_backoff("move to the DM", || {
        builders::once(reply, nonce.clone()).execute(&ctx.http, (channel.id, None))
    })
    .await
    .map(drop)
}

/// While shutting down, new interactions still get an answer rather than "the application did not respond".
async fn restarting(ctx: &Context, interaction: &Interaction, app: &App, received: Instant) {
    let reply = notices::restarting(&app.content);
    let (id, token, place) = match interaction {
        Interaction::Command(c) => (c.id, c.token.as_str(), Place::of(c.context, c.guild_id.is_some())),
        Interaction::Component(c) => (c.id, c.token.as_str(), Place::of(c.context, c.guild_id.is_some())),
        Interaction::Modal(c) => (c.id, c.token.as_str(), Place::of(None, c.guild_id.is_some())),
        _ => return,
    };
    let response = serenity::all::CreateInteractionResponse::Message(builders::new_message(&reply, place));
    if let Err(failed) = (Target { http: &ctx.http, id, token, received, place }).callback(&response).await {
        tracing::warn!(call = failed.call, status = failed.status, code = failed.code, error = %failed.error, "could not send the restarting notice");
    }
}
