//! A real serenity 0.12.5 client against the stand-in.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use discord_standin::{command_options, Actor, Fault, FaultKind, Response, StandIn, StandInConfig};
use serde_json::json;
use serenity::all::ClientBuilder;
use serenity::all::{
    ActionRowComponent, ButtonStyle, Command, CommandOptionType, ComponentInteractionDataKind, Context,
    CreateActionRow, CreateAttachment, CreateAutocompleteResponse, CreateButton, CreateCommand,
    CreateCommandOption, CreateEmbed, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateMessage, CreateModal,
    CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, EditInteractionResponse, Event,
    EventHandler, GatewayIntents, HttpBuilder, InputTextStyle, Interaction, Message, RawEventHandler, Ready,
};

const WAIT: Duration = Duration::from_secs(10);

#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<String>>>);

impl Seen {
    fn push(&self, s: String) {
        self.0.lock().unwrap().push(s);
    }
    fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
    async fn wait_for(&self, needle: &str) -> bool {
        for _ in 0..1000 {
            if self.all().iter().any(|s| s.contains(needle)) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        false
    }
}

struct Bot {
    seen: Seen,
}

fn buttons() -> Vec<CreateActionRow> {
    vec![
        CreateActionRow::Buttons(vec![
            CreateButton::new("btn-ok").label("OK").style(ButtonStyle::Primary),
            CreateButton::new("open-modal").label("Tell me more"),
            CreateButton::new("defer-edit").label("Later"),
        ]),
        CreateActionRow::SelectMenu(CreateSelectMenu::new(
            "mood",
            CreateSelectMenuKind::String {
                options: vec![
                    CreateSelectMenuOption::new("Calm", "calm"),
                    CreateSelectMenuOption::new("Anxious", "anxious"),
                ],
            },
        )),
    ]
}

#[serenity::async_trait]
impl EventHandler for Bot {
    async fn ready(&self, ctx: Context, ready: Ready) {
        self.seen.push(format!("ready:{}", ready.session_id));
        let cmds = vec![
            CreateCommand::new("ping").description("Check the bot"),
            CreateCommand::new("practice")
                .description("Practice")
                .default_member_permissions(serenity::all::Permissions::SEND_MESSAGES)
                .add_option(
                    CreateCommandOption::new(CommandOptionType::SubCommand, "self-trust", "Trust yourself")
                        .add_sub_option(
                            CreateCommandOption::new(CommandOptionType::String, "topic", "Topic")
                                .set_autocomplete(true),
                        ),
                ),
        ];
        match Command::set_global_commands(&ctx.http, cmds).await {
            Ok(c) => self.seen.push(format!("registered:{}", c.len())),
            Err(e) => self.seen.push(format!("register-error:{e}")),
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        if msg.author.bot {
            return;
        }
        self.seen.push(format!("dm:{}", msg.content));
        let reply = CreateMessage::new().content(format!("echo: {}", msg.content));
        if let Err(e) = msg.channel_id.send_message(&ctx.http, reply).await {
            self.seen.push(format!("dm-error:{e}"));
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let result = match interaction {
            Interaction::Command(cmd) => {
                self.seen.push(format!("command:{}", cmd.data.name));
                let opts = cmd.data.options.iter().map(|o| o.name.clone()).collect::<Vec<_>>();
                self.seen.push(format!("options:{}", opts.join(",")));
                let msg = CreateInteractionResponseMessage::new()
                    .content(format!("pong in {}", if cmd.guild_id.is_some() { "guild" } else { "dm" }))
                    .embed(CreateEmbed::new().title("Status").description("All good"))
                    .components(buttons());
                cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg)).await
            }
            Interaction::Autocomplete(ac) => {
                let focused = ac.data.autocomplete().map(|a| a.value.to_string()).unwrap_or_default();
                self.seen.push(format!("autocomplete:{focused}"));
                let resp = CreateAutocompleteResponse::new()
                    .add_string_choice(format!("{focused}-one"), "one")
                    .add_string_choice("two", "two");
                ac.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(resp)).await
            }
            Interaction::Component(c) => {
                self.seen.push(format!("component:{}", c.data.custom_id));
                match (&c.data.kind, c.data.custom_id.as_str()) {
                    (ComponentInteractionDataKind::StringSelect { values }, _) => {
                        self.seen.push(format!("selected:{}", values.join(",")));
                        let m = CreateInteractionResponseMessage::new()
                            .content(format!("mood {}", values.join(",")));
                        c.create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(m)).await
                    }
                    (_, "open-modal") => {
                        let modal = CreateModal::new("feedback", "How are you?").components(vec![
                            CreateActionRow::InputText(
                                CreateInputText::new(InputTextStyle::Paragraph, "Feeling", "feeling")
                                    .placeholder("Say anything")
                                    .required(true),
                            ),
                        ]);
                        c.create_response(&ctx.http, CreateInteractionResponse::Modal(modal)).await
                    }
                    (_, "defer-edit") => {
                        let r = c
                            .create_response(
                                &ctx.http,
                                CreateInteractionResponse::Defer(
                                    CreateInteractionResponseMessage::new().ephemeral(true),
                                ),
                            )
                            .await;
                        if r.is_ok() {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            if let Err(e) = c
                                .edit_response(
                                    &ctx.http,
                                    EditInteractionResponse::new().content("done later"),
                                )
                                .await
                            {
                                self.seen.push(format!("edit-error:{e}"));
                            }
                            let f = CreateInteractionResponseFollowup::new()
                                .content("a followup")
                                .add_file(CreateAttachment::bytes(b"hello file".to_vec(), "note.txt"));
                            if let Err(e) = c.create_followup(&ctx.http, f).await {
                                self.seen.push(format!("followup-error:{e}"));
                            }
                        }
                        r
                    }
                    _ => {
                        let m = CreateInteractionResponseMessage::new().content("clicked").components(vec![
                            CreateActionRow::Buttons(vec![CreateButton::new("btn-ok")
                                .label("OK")
                                .disabled(true)]),
                        ]);
                        c.create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(m)).await
                    }
                }
            }
            Interaction::Modal(m) => {
                let value = m
                    .data
                    .components
                    .iter()
                    .flat_map(|row| row.components.iter())
                    .find_map(|c| match c {
                        ActionRowComponent::InputText(t) if t.custom_id == "feeling" => t.value.clone(),
                        _ => None,
                    })
                    .unwrap_or_default();
                self.seen.push(format!("modal:{}:{value}", m.data.custom_id));
                let msg = CreateInteractionResponseMessage::new()
                    .content(format!("thanks: {value}"))
                    .ephemeral(true);
                m.create_response(&ctx.http, CreateInteractionResponse::Message(msg)).await
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.seen.push(format!("respond-error:{e}"));
        }
    }
}

struct Raw {
    seen: Seen,
}

#[serenity::async_trait]
impl RawEventHandler for Raw {
    async fn raw_event(&self, _ctx: Context, ev: Event) {
        if let Event::Unknown(u) = ev {
            self.seen.push(format!("UNKNOWN EVENT {}: {}", u.kind, u.value));
        }
    }
}

struct Running {
    standin: StandIn,
    seen: Seen,
    client: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.client.abort();
    }
}

impl Running {
    fn assert_no_unknown_events(&self) {
        let unknown: Vec<_> = self.seen.all().into_iter().filter(|s| s.starts_with("UNKNOWN")).collect();
        assert!(unknown.is_empty(), "serenity could not parse: {unknown:#?}");
    }
}

async fn start_bot(config: StandInConfig) -> Running {
    let standin = StandIn::start_with(config.heartbeat_interval_ms(300)).await.unwrap();
    let seen = Seen::default();
    let http = HttpBuilder::new("test-token").proxy(standin.api_base()).ratelimiter_disabled(true).build();
    let intents = GatewayIntents::DIRECT_MESSAGES | GatewayIntents::GUILDS;
    let mut client = ClientBuilder::new_with_http(http, intents)
        .event_handler(Bot { seen: seen.clone() })
        .raw_event_handler(Raw { seen: seen.clone() })
        .await
        .unwrap();
    let client = tokio::spawn(async move {
        let _ = client.start().await;
    });
    standin.wait_for_ready(WAIT).await.unwrap();
    assert!(seen.wait_for("registered:2").await, "commands not registered: {:?}", seen.all());
    Running { standin, seen, client }
}

fn guild_actor() -> Actor {
    Actor::in_default_guild(2_000_000_000_000_000_001, "alice")
}

fn dm_actor() -> Actor {
    Actor::in_dm(2_000_000_000_000_000_002, "bob")
}

#[tokio::test]
async fn connects_registers_commands_and_answers_in_guild_and_dm() {
    let bot = start_bot(StandInConfig::default()).await;
    let s = &bot.standin;
    assert_eq!(s.identify_count(), 1);
    assert_eq!(s.identifies()[0].token, "Bot test-token");
    assert!(s.spec_status().is_loaded());

    let registered = s.registered_commands(None).expect("bulk overwrite recorded");
    assert_eq!(registered.as_array().unwrap().len(), 2);
    assert_eq!(registered[1]["default_member_permissions"], json!("2048"));

    let i = s.run_command(&guild_actor(), "ping", json!([])).await;
    let shown = s.wait_response(&i, WAIT).await.unwrap().expect_message();
    assert_eq!(shown.content, "pong in guild");
    assert!(shown.text().contains("All good"));
    assert_eq!(shown.button_by_label("OK").unwrap().custom_id, "btn-ok");
    assert_eq!(shown.select_options("mood").len(), 2);
    assert!(!shown.ephemeral());
    assert!(s.response_timing(&i).is_some());
    assert_eq!(s.channel_messages(s.default_channel_id()).len(), 1);

    let i = s.run_command(&dm_actor(), "practice", command_options(&["self-trust"], &[])).await;
    let shown = s.wait_response(&i, WAIT).await.unwrap().expect_message();
    assert_eq!(shown.content, "pong in dm");
    assert_eq!(shown.channel_id, s.dm_channel_id(dm_actor().user_id));
    assert!(bot.seen.wait_for("options:self-trust").await);

    s.assert_all_valid();
    bot.assert_no_unknown_events();
}

#[tokio::test]
async fn clicks_selects_modals_and_deferred_edits() {
    let bot = start_bot(StandInConfig::default()).await;
    let s = &bot.standin;
    let alice = guild_actor();
    let i = s.run_command(&alice, "ping", json!([])).await;
    let shown = s.wait_response(&i, WAIT).await.unwrap().expect_message();

    let click = s.click(&alice, &shown, "btn-ok").await;
    match s.wait_response(&click, WAIT).await.unwrap() {
        Response::Updated(m) => {
            assert_eq!(m.id, shown.id);
            assert_eq!(m.content, "clicked");
            assert!(m.buttons()[0].disabled, "button should now be disabled");
        }
        other => panic!("expected an update, got {other:?}"),
    }
    assert!(bot.seen.wait_for("component:btn-ok").await);
    assert_eq!(s.message(shown.id).unwrap().content, "clicked");

    let i = s.run_command(&alice, "ping", json!([])).await;
    let shown = s.wait_response(&i, WAIT).await.unwrap().expect_message();
    let pick = s.select(&alice, &shown, "mood", &["calm"]).await;
    let updated = s.wait_response(&pick, WAIT).await.unwrap().expect_message();
    assert_eq!(updated.content, "mood calm");
    assert!(bot.seen.wait_for("selected:calm").await);

    let i = s.run_command(&alice, "ping", json!([])).await;
    let shown = s.wait_response(&i, WAIT).await.unwrap().expect_message();
    let open = s.click(&alice, &shown, "open-modal").await;
    let modal = s.wait_response(&open, WAIT).await.unwrap().expect_modal();
    assert_eq!(modal.custom_id, "feedback");
    assert_eq!(modal.title, "How are you?");
    let input = modal.input("feeling").unwrap();
    assert_eq!(input.style, 2);
    assert_eq!(input.placeholder.as_deref(), Some("Say anything"));
    let submit = s.submit_modal(&alice, &modal, &[("feeling", "steady")]).await;
    let thanks = s.wait_response(&submit, WAIT).await.unwrap().expect_message();
    assert_eq!(thanks.content, "thanks: steady");
    assert!(thanks.ephemeral());
    assert!(bot.seen.wait_for("modal:feedback:steady").await);

    let later = s.click(&alice, &shown, "defer-edit").await;
    let done = s.wait_response(&later, WAIT).await.unwrap().expect_message();
    assert_eq!(done.content, "done later");
    assert!(done.ephemeral());
    for _ in 0..200 {
        if !s.followups(&later).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let followups = s.followups(&later);
    assert_eq!(followups.len(), 1, "seen: {:?}", bot.seen.all());
    assert_eq!(followups[0].attachments[0].filename, "note.txt");
    assert_eq!(followups[0].attachments[0].size, 10);
    let uploads = s.requests_matching("POST", r"^/webhooks/");
    assert_eq!(uploads[0].files[0].filename, "note.txt");

    let ac = s
        .autocomplete(
            &alice,
            "practice",
            discord_standin::autocomplete_options(&["self-trust"], &[], "topic", "wor"),
        )
        .await;
    match s.wait_response(&ac, WAIT).await.unwrap() {
        Response::Autocomplete(choices) => assert_eq!(choices[0].name, "wor-one"),
        other => panic!("expected choices, got {other:?}"),
    }

    assert!(!bot.seen.all().iter().any(|s| s.contains("error")), "{:?}", bot.seen.all());
    s.assert_all_valid();
    bot.assert_no_unknown_events();
}

#[tokio::test]
async fn dms_reach_the_bot_and_faults_are_returned() {
    let bot = start_bot(StandInConfig::default()).await;
    let s = &bot.standin;
    let bob = dm_actor();
    s.send_dm(&bob, "hello").await;
    assert!(bot.seen.wait_for("dm:hello").await);
    for _ in 0..200 {
        if !s.dm_messages(bob.user_id).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(s.dm_messages(bob.user_id)[0].content, "echo: hello");

    s.inject(
        Fault::new(
            r"^/channels/\d+/messages$",
            1,
            FaultKind::RateLimited { retry_after_secs: 1.5, global: false },
        )
        .method("POST"),
    );
    s.send_dm(&bob, "second").await;
    assert!(bot.seen.wait_for("dm-error:").await, "{:?}", bot.seen.all());
    let limited = s.requests_matching("POST", r"^/channels/\d+/messages$");
    assert_eq!(limited.last().unwrap().status, 429);

    s.user_blocks_dms(bob.user_id);
    s.send_dm(&bob, "third").await;
    for _ in 0..200 {
        if s.requests_matching("POST", r"^/channels/").iter().any(|r| r.status == 403) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        bot.seen.all().iter().any(|e| e.contains("Cannot send messages to this user")),
        "{:?}",
        bot.seen.all()
    );
    s.user_unblocks_dms(bob.user_id);
    s.assert_all_valid();
    bot.assert_no_unknown_events();
}

#[tokio::test]
async fn reconnects_resume_and_reidentify() {
    let bot = start_bot(StandInConfig::default()).await;
    let s = &bot.standin;
    let alice = guild_actor();

    assert!(s.drop_connection());
    s.wait_for_ready(WAIT).await.unwrap();
    assert_eq!(s.resume_count(), 1);
    assert_eq!(s.identify_count(), 1);
    let i = s.run_command(&alice, "ping", json!([])).await;
    s.wait_response(&i, WAIT).await.unwrap();

    assert!(s.close_with_code(4000));
    s.wait_for_ready(WAIT).await.unwrap();
    assert_eq!(s.resume_count(), 2);

    assert!(s.send_reconnect());
    // Dispatched while the client reconnects: it must arrive through the RESUME replay.
    let i = s.run_command(&alice, "ping", json!([])).await;
    s.wait_response(&i, WAIT).await.unwrap();
    assert_eq!(s.resume_count(), 3);

    assert!(s.invalidate_session(false));
    for _ in 0..1500 {
        if s.ready_count() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(s.identify_count(), 2);
    assert_eq!(s.ready_count(), 2);
    s.wait_for_ready(WAIT).await.unwrap();
    let i = s.run_command(&alice, "ping", json!([])).await;
    s.wait_response(&i, WAIT).await.unwrap();
    assert!(bot.seen.wait_for("registered:2").await);
    bot.assert_no_unknown_events();
}

#[tokio::test]
async fn invalid_bodies_are_rejected_and_recorded() {
    let s = StandIn::start().await.unwrap();
    let http = HttpBuilder::new("test-token")
        .application_id(serenity::all::ApplicationId::new(s.application_id()))
        .proxy(s.api_base())
        .ratelimiter_disabled(true)
        .build();

    let err = http.create_global_command(&json!({"name": "Bad Name", "description": "x"})).await.unwrap_err();
    assert!(err.to_string().contains("Invalid Form Body"), "{err}");
    let channel = serenity::all::ChannelId::new(s.default_channel_id());
    let long = "x".repeat(2001);
    assert!(http.send_message(channel, vec![], &json!({"content": long})).await.is_err());
    let title = "t".repeat(300);
    assert!(http.send_message(channel, vec![], &json!({"embeds": [{"title": title}]})).await.is_err());
    assert!(http.send_message(channel, vec![], &json!({"content": "fine"})).await.is_ok());

    let failures = s.validation_failures();
    assert!(failures.iter().any(|f| f.contains("/name") && f.contains("Bad Name")), "{failures:#?}");
    assert!(failures.iter().any(|f| f.contains("/content") && f.contains("2000")), "{failures:#?}");
    assert!(failures.iter().any(|f| f.contains("/embeds/0/title")), "{failures:#?}");
    let requests = s.requests();
    assert_eq!(requests.iter().filter(|r| r.status == 400).count(), 3);
    let ok = requests.last().unwrap();
    assert_eq!(ok.status, 200);
    assert!(ok.validation_errors.is_empty());

    let unknown = http.get_guild_roles(serenity::all::GuildId::new(1)).await.unwrap_err();
    assert!(unknown.to_string().contains("404"), "{unknown}");

    // Forgetting the history for a long run keeps every validation failure.
    let before = s.validation_failures();
    let recorded = s.requests().len();
    assert!(recorded >= 5, "{recorded}");
    assert_eq!(s.forget_history(), recorded);
    assert!(s.requests().is_empty());
    assert!(s.channel_messages(s.default_channel_id()).is_empty());
    assert_eq!(s.validation_failures(), before);
    assert!(http.send_message(channel, vec![], &json!({"content": "x".repeat(2001)})).await.is_err());
    assert_eq!(s.validation_failures().len(), before.len() + 1);
}
