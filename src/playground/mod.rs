//! Try the bot without Discord: the stand-in and the real bot (the same `launch` as production, pointed at the
//! stand-in), a database of its own, and a chat in the terminal. Time is the bot's one clock, moved with
//! `:advance` and `:at`, so nudges, posts and summaries arrive as they would.

mod command_line;
mod render;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
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
/nudges on time:8pm timezone:Europe/Berlin. A value with spaces goes in quotes: zone:\"new york\".
Every button shown gets its own number, and keeps it: in #general type the number, anywhere :press 7.
In your DM a plain number is sent as a message (a typed quiz answer); use :press there for buttons.
A form asks its fields one by one, with its hint in brackets; an empty line leaves a field empty.
  :dm / :server       talk in your DM with the bot, or in the server channel #general
  :as NAME            act as someone else (sam manages the server; anyone else is a member); a user option
                      names them too: /partner invite user:sam, then :as sam to answer in sam's DM
  :advance 1d|3h|30m  move time forward;   :at 2026-12-06 18:00   move to a later time (UTC)
  :press N            press button N on any message shown so far
  /  or :commands     list every command, its options and their choices;   :help this text;   :quit
Answers only you can see are marked (only you can see this). Logs and pictures go to the folder named above.";

/// How many of the latest button numbers stay pressable.
const NUMBERS_KEPT: usize = 200;
/// How many times a shown picture's upload is looked for, 20 ms apart.
const PICTURE_LOOKS: usize = 50;

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
    /// Every button shown, by its number: the message it is on, and its place there.
    numbered: BTreeMap<usize, (u64, usize)>,
    next_number: usize,
    printed: HashSet<u64>,
    /// Where logs and the pictures the bot sends are written, kept after the session.
    files: PathBuf,
    pictures_saved: usize,
    lines: mpsc::UnboundedReceiver<String>,
    _dir: tempfile::TempDir,
}

/// Runs a session on standard input and output; a script piped in plays the same as a person typing.
pub async fn run(files: PathBuf) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let standin = StandIn::start_with(StandInConfig::default().heartbeat_interval_ms(5_000))
        .await
        .map_err(|e| format!("the stand-in for Discord could not start: {e}"))?;
    // Now, to the minute; or PLAYGROUND_START (RFC 3339), so a script always meets the same days.
    let start = match std::env::var("PLAYGROUND_START") {
        Ok(at) => chrono::DateTime::parse_from_rfc3339(&at)
            .map_err(|e| format!("PLAYGROUND_START {at:?} is not a time like 2026-12-01T08:00:00Z: {e}"))?
            .with_timezone(&Utc),
        Err(_) => Utc::now().with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or_else(Utc::now),
    };
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
        numbered: BTreeMap::new(),
        next_number: 1,
        printed: HashSet::new(),
        files: files.clone(),
        pictures_saved: 0,
        lines,
        _dir: dir,
    };
    println!("Steady playground: the real bot against a local stand-in for Discord. It is {} UTC.", p.now());
    println!("Logs and pictures: {}", files.display());
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
        self.actor_in(self.in_dm)
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
            if !self.in_dm {
                return self.press(n).await;
            }
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
            ["dm"] => self.in_dm = true,
            ["server"] => self.in_dm = false,
            ["as", name] => {
                let name = name.to_lowercase();
                let next_id = 800_000_000_000_000_010 + self.people.len() as u64;
                self.people.entry(name.clone()).or_insert(Person { id: next_id, admin: false });
                self.me = name;
            }
            ["press", n] => match n.parse::<usize>() {
                Ok(n) => self.press(n).await,
                Err(_) => println!("  Try :press 3, with the number shown on the button."),
            },
            ["advance", amount] => match parse_duration(amount) {
                Some(d) => {
                    self.travel_to(self.clock.now() + d).await;
                    println!("  It is now {} UTC.", self.now());
                }
                None => println!("  Try :advance 1d, :advance 3h or :advance 30m."),
            },
            ["at", date, time] => {
                match NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M") {
                    Ok(at) if Utc.from_utc_datetime(&at) < self.clock.now() => {
                        println!("  Time only moves forward here: it is already {} UTC.", self.now());
                    }
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
        let people: Vec<(String, u64)> = self.people.iter().map(|(name, p)| (name.clone(), p.id)).collect();
        let known = command_line::Known { channel_id: DEFAULT_CHANNEL_ID, people: &people };
        match command_line::parse(line, &self.registered(), &known) {
            Ok((name, options)) => {
                let interaction = self.standin.run_command(&self.actor(), &name, options).await;
                self.answer(self.standin.wait_response(&interaction, WAIT).await).await;
            }
            Err(why) => println!("  {why}"),
        }
    }

    async fn press(&mut self, n: usize) {
        let Some(&(message_id, index)) = self.numbered.get(&n) else {
            return match self.numbered.keys().next_back() {
                Some(last) => println!("  There is no button {n}; the buttons shown so far go up to {last}."),
                None => println!("  There are no buttons to press here yet."),
            };
        };
        let Some(message) = self.standin.message(message_id) else {
            return println!("  Button {n}'s message is gone.");
        };
        let Some(button) = message.buttons().get(index).cloned() else {
            return println!(
                "  Button {n} is no longer on its message; the newer buttons have their own numbers."
            );
        };
        if button.disabled {
            return println!("  Button {n} ({}) can't be pressed right now.", button.label);
        }
        // A button is pressed where its message is: in the DM or in the server channel.
        let in_dm = message.channel_id != DEFAULT_CHANNEL_ID;
        let actor = self.actor_in(in_dm);
        let interaction = self.standin.click(&actor, &message, &button.custom_id).await;
        self.answer(self.standin.wait_response(&interaction, WAIT).await).await;
    }

    fn actor_in(&self, in_dm: bool) -> Actor {
        let person = &self.people[&self.me];
        if in_dm {
            Actor::in_dm(person.id, &self.me)
        } else {
            let permissions =
                discord_standin::DEFAULT_MEMBER_PERMISSIONS | if person.admin { MANAGE_GUILD } else { 0 };
            Actor::in_guild(person.id, &self.me, DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
                .with_permissions(permissions)
        }
    }

    async fn answer(&mut self, response: Result<Response, discord_standin::StandInError>) {
        match response {
            Ok(Response::Message(m) | Response::Updated(m)) => self.show(&m).await,
            Ok(Response::Modal(modal)) => {
                println!("  ┃ {} (a form: answer each field; an empty line leaves it empty)", modal.title);
                let mut fields = Vec::new();
                for input in &modal.inputs {
                    let hint = input.placeholder.as_deref().map_or_else(String::new, |p| format!(" ({p})"));
                    println!("  {}{hint}:", input.label.clone().unwrap_or_default());
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

    async fn show(&mut self, m: &ShownMessage) {
        let first = self.next_number;
        let names: HashMap<u64, String> = self.people.iter().map(|(name, p)| (p.id, name.clone())).collect();
        println!("{}", render::message(m, first, &|id| names.get(&id).cloned()));
        for index in 0..m.buttons().len() {
            self.numbered.insert(self.next_number, (m.id, index));
            self.next_number += 1;
        }
        while self.numbered.len() > NUMBERS_KEPT {
            self.numbered.pop_first();
        }
        self.printed.insert(m.id);
        self.save_pictures(m).await;
    }

    /// Each picture the message carries, written to the files folder, its path printed.
    ///
    /// The stand-in shows a message a moment before it records the request that carried its
    /// files, so the upload is looked for a few times before the picture is reported missing.
    async fn save_pictures(&mut self, m: &ShownMessage) {
        for a in m.attachments.iter().filter(|a| a.filename.ends_with(".png")) {
            let mut file = None;
            for _ in 0..PICTURE_LOOKS {
                file = self
                    .standin
                    .requests()
                    .into_iter()
                    .rev()
                    .flat_map(|r| r.files)
                    .find(|f| f.filename == a.filename && f.size as u64 == a.size);
                if file.is_some() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let Some(file) = file else {
                println!("  [the picture {} was not found among the uploads]", a.filename);
                continue;
            };
            self.pictures_saved += 1;
            let path = self.files.join(format!("{}-{}", self.pictures_saved, a.filename));
            match std::fs::write(&path, &file.bytes) {
                Ok(()) => println!("  [picture saved: {}]", path.display()),
                Err(e) => println!("  [the picture could not be saved: {e}]"),
            }
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
                // An answer only its person sees: shown to that person, and to no one else.
                let for_me = m.raw.pointer("/interaction_metadata/user/id").and_then(|v| v.as_str())
                    == Some(me.to_string().as_str());
                let answer_to_someone_else = m.ephemeral() && !for_me;
                if !self.printed.contains(&m.id) && !answer_to_someone_else {
                    new.push((place.to_owned(), m));
                }
            }
        }
        for (place, m) in new {
            println!("  — new in {place} —");
            self.show(&m).await;
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
