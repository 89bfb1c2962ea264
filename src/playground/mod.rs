//! Try the bot without Discord: the stand-in and the real bot (the same `launch` as production, pointed at the
//! stand-in), a database of its own, and a chat in the terminal. Time is the bot's one clock, moved with
//! `:advance` and `:at`, so nudges, posts and summaries arrive as they would.

mod command_line;
mod render;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDateTime, TimeZone, Timelike, Utc};
use discord_standin::{
    Actor, Response, ShownMessage, StandIn, StandInConfig, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID,
};
use tokio::sync::mpsc;

use crate::clock::{Clock, ManualClock};
use crate::config::Config;
use crate::discord::{launch, RunningBot};

const MANAGE_GUILD: u64 = 1 << 5;
const WAIT: Duration = Duration::from_secs(10);

const HELP: &str = "\
Type slash commands as in Discord, for example /guide, /step self-trust, /quiz start,
/nudges on time:8pm timezone:Europe/Berlin. Press a button by its number. A form asks its fields one by one.
  :dm / :server       talk in your DM with the bot, or in the server channel #general
  :as NAME            act as someone else (sam manages the server; anyone else is a member)
  :advance 1d|3h|30m  move time forward;   :at 2026-12-06 18:00   set the time (UTC)
  /  or :commands     list every command and its options;   :help this text;   :quit";

struct Person {
    id: u64,
    admin: bool,
}

struct Playground {
    standin: StandIn,
    _bot: RunningBot,
    clock: ManualClock,
    people: HashMap<String, Person>,
    me: String,
    in_dm: bool,
    last: Option<u64>,
    printed: HashSet<u64>,
    lines: mpsc::UnboundedReceiver<String>,
    _dir: tempfile::TempDir,
}

/// Runs a session on standard input and output; a script piped in plays the same as a person typing.
pub async fn run() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let standin = StandIn::start_with(StandInConfig::default().heartbeat_interval_ms(5_000))
        .await
        .map_err(|e| format!("the stand-in for Discord could not start: {e}"))?;
    let start = Utc::now().with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or_else(Utc::now);
    let clock = ManualClock::starting_at(start);
    let key = random_key();
    let values = [
        ("DISCORD_TOKEN", "playground".to_owned()),
        ("DATABASE_URL", format!("sqlite://{}/playground.db", dir.path().display())),
        ("DISCORD_API_BASE", standin.api_base()),
        ("CONTENT_DIR", std::env::var("CONTENT_DIR").unwrap_or_else(|_| "content".to_owned())),
        ("TICK_INTERVAL_MS", "50".to_owned()),
        ("DATA_KEY", key),
    ];
    let config = Config::from_lookup(|k| values.iter().find(|(name, _)| *name == k).map(|(_, v)| v.clone()))
        .map_err(|e| e.to_string())?;
    let bot = launch(&config, Arc::new(clock.clone())).await.map_err(|e| e.to_string())?;
    standin.wait_for_ready(WAIT).await.map_err(|e| e.to_string())?;
    for _ in 0..200 {
        if standin.registered_commands(None).is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let (send, lines) = mpsc::unbounded_channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        while std::io::stdin().read_line(&mut line).is_ok_and(|n| n > 0) {
            if send.send(line.trim_end().to_owned()).is_err() {
                break;
            }
            line.clear();
        }
    });
    let mut people = HashMap::new();
    people.insert("alice".to_owned(), Person { id: 800_000_000_000_000_001, admin: false });
    people.insert("sam".to_owned(), Person { id: 800_000_000_000_000_002, admin: true });
    let mut p = Playground {
        standin,
        _bot: bot,
        clock,
        people,
        me: "alice".to_owned(),
        in_dm: false,
        last: None,
        printed: HashSet::new(),
        lines,
        _dir: dir,
    };
    println!("Steady playground: the real bot against a local stand-in for Discord. It is {} UTC.", p.now());
    println!("{HELP}");
    p.session().await;
    Ok(())
}

fn random_key() -> String {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut bytes = [0u8; 32];
    chacha20poly1305::aead::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Playground {
    fn now(&self) -> String {
        self.clock.now().format("%a %-d %b %Y %H:%M").to_string()
    }

    fn actor(&self) -> Actor {
        let person = &self.people[&self.me];
        if self.in_dm {
            Actor::in_dm(person.id, &self.me)
        } else {
            let permissions =
                discord_standin::DEFAULT_MEMBER_PERMISSIONS | if person.admin { MANAGE_GUILD } else { 0 };
            Actor::in_guild(person.id, &self.me, DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
                .with_permissions(permissions)
        }
    }

    fn prompt(&self) -> String {
        format!("{}@{}> ", self.me, if self.in_dm { "dm" } else { "#general" })
    }

    async fn next_line(&mut self) -> Option<String> {
        self.lines.recv().await
    }

    async fn session(&mut self) {
        loop {
            let prompt = self.prompt();
            let Some(line) = self.next_line().await else { break };
            println!("{prompt}{line}");
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line == ":quit" {
                break;
            }
            self.handle(line).await;
            self.show_new_messages().await;
        }
        println!("Bye.");
    }

    async fn handle(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix(':') {
            return self.meta(rest).await;
        }
        if line.starts_with('/') {
            return self.command(line).await;
        }
        if let Ok(n) = line.parse::<usize>() {
            return self.press(n).await;
        }
        if self.in_dm {
            self.standin.send_dm(&self.actor(), line).await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        } else {
            println!("  In a server the bot listens to slash commands; type :dm to talk to it directly.");
        }
    }

    async fn meta(&mut self, rest: &str) {
        let words: Vec<&str> = rest.split_whitespace().collect();
        match words.as_slice() {
            ["help"] => println!("{HELP}"),
            ["commands"] => println!("{}", command_line::help(&self.registered())),
            ["dm"] => {
                self.in_dm = true;
                self.last = None;
            }
            ["server"] => {
                self.in_dm = false;
                self.last = None;
            }
            ["as", name] => {
                let name = name.to_lowercase();
                let next_id = 800_000_000_000_000_010 + self.people.len() as u64;
                self.people.entry(name.clone()).or_insert(Person { id: next_id, admin: false });
                self.me = name;
                self.last = None;
            }
            ["advance", amount] => match parse_duration(amount) {
                Some(d) => {
                    self.travel_to(self.clock.now() + d).await;
                    println!("  It is now {} UTC.", self.now());
                }
                None => println!("  Try :advance 1d, :advance 3h or :advance 30m."),
            },
            ["at", date, time] => {
                match NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M") {
                    Ok(at) => {
                        self.travel_to(Utc.from_utc_datetime(&at)).await;
                        println!("  It is now {} UTC.", self.now());
                    }
                    Err(_) => println!("  Try :at 2026-12-06 18:00 (UTC)."),
                }
            }
            _ => println!("  I don't know :{rest}. {HELP}"),
        }
    }

    /// Moves time in steps of at most half an hour, pausing for the scheduler at each, so everything due on the
    /// way arrives as it would have (a single jump would look like downtime, and late nudges are skipped).
    async fn travel_to(&mut self, target: chrono::DateTime<Utc>) {
        if target <= self.clock.now() {
            self.clock.set(target);
            return tokio::time::sleep(Duration::from_millis(150)).await;
        }
        while self.clock.now() < target {
            let step = (target - self.clock.now()).min(chrono::Duration::minutes(30));
            self.clock.advance(step);
            tokio::time::sleep(Duration::from_millis(60)).await;
            self.show_new_messages().await;
        }
    }

    fn registered(&self) -> Vec<serde_json::Value> {
        self.standin.registered_commands(None).and_then(|c| c.as_array().cloned()).unwrap_or_default()
    }

    async fn command(&mut self, line: &str) {
        if line.trim() == "/" {
            return println!("{}", command_line::help(&self.registered()));
        }
        match command_line::parse(line, &self.registered(), DEFAULT_CHANNEL_ID) {
            Ok((name, options)) => {
                let interaction = self.standin.run_command(&self.actor(), &name, options).await;
                self.answer(self.standin.wait_response(&interaction, WAIT).await).await;
            }
            Err(why) => println!("  {why}"),
        }
    }

    async fn press(&mut self, n: usize) {
        let Some(message) = self.last.and_then(|id| self.standin.message(id)) else {
            return println!("  There are no buttons to press here yet.");
        };
        let buttons = message.buttons();
        let Some(button) = n.checked_sub(1).and_then(|i| buttons.get(i)) else {
            return println!("  There is no button {n}; the last message has {}.", buttons.len());
        };
        if button.disabled {
            return println!("  Button {n} ({}) can't be pressed right now.", button.label);
        }
        let interaction = self.standin.click(&self.actor(), &message, &button.custom_id).await;
        self.answer(self.standin.wait_response(&interaction, WAIT).await).await;
    }

    async fn answer(&mut self, response: Result<Response, discord_standin::StandInError>) {
        match response {
            Ok(Response::Message(m) | Response::Updated(m)) => self.show(&m),
            Ok(Response::Modal(modal)) => {
                println!("  ┃ {} (a form: answer each field; an empty line leaves it empty)", modal.title);
                let mut fields = Vec::new();
                for input in &modal.inputs {
                    println!("  {}:", input.label.clone().unwrap_or_default());
                    let Some(value) = self.next_line().await else { return };
                    println!("  > {value}");
                    fields.push((input.custom_id.clone(), value));
                }
                let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let submitted = self.standin.submit_modal(&self.actor(), &modal, &refs).await;
                Box::pin(self.answer(self.standin.wait_response(&submitted, WAIT).await)).await;
            }
            Ok(Response::Autocomplete(_)) => {}
            Err(error) => println!("  {error}"),
        }
    }

    fn show(&mut self, m: &ShownMessage) {
        println!("{}", render::message(m));
        self.printed.insert(m.id);
        if !m.buttons().is_empty() {
            self.last = Some(m.id);
        }
    }

    /// Messages the bot sent by itself (nudges, posts, answers to DMs) since the last look.
    async fn show_new_messages(&mut self) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let me = self.people[&self.me].id;
        let mut new: Vec<(String, ShownMessage)> = Vec::new();
        for (place, messages) in [
            ("DM", self.standin.dm_messages(me)),
            ("#general", self.standin.channel_messages(DEFAULT_CHANNEL_ID)),
        ] {
            for m in messages {
                let answer_to_someone_else = m.ephemeral();
                if !self.printed.contains(&m.id) && !answer_to_someone_else {
                    new.push((place.to_owned(), m));
                }
            }
        }
        for (place, m) in new {
            println!("  — new in {place} —");
            self.show(&m);
        }
    }
}

fn parse_duration(text: &str) -> Option<chrono::Duration> {
    let (number, unit) = text.split_at(text.len().checked_sub(1)?);
    let n: i64 = number.parse().ok().filter(|n| *n > 0 && *n <= 3650)?;
    match unit {
        "d" => Some(chrono::Duration::days(n)),
        "h" => Some(chrono::Duration::hours(n)),
        "m" => Some(chrono::Duration::minutes(n)),
        _ => None,
    }
}
