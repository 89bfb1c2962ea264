//! Interaction latency and throughput: the release bot, as its own process, against the stand-in on loopback.
//!
//!   cargo bench --bench interactions
//!
//! For `/step` (read only), logging a practice (a SQLite write) and a quiz answer (a SQLite write), at offered
//! loads of 100, 500 and 1,000 interactions per second for `BENCH_SECONDS` (default 5) each, it reports the
//! latency from dispatch to the callback's arrival (p50, p99, p99.9), then the highest rate of `/step` whose p99
//! stays under 50 ms, the bot's CPU time per 1,000 interactions and its memory. Latency includes the stand-in's
//! own time (it validates each callback body against Discord's OpenAPI spec); the CPU time of this process (the
//! stand-in and the load generator) is reported beside the bot's.
//!
//! Other modes: `BENCH_SERVERS` and `BENCH_PEOPLE` (servers announced, people already in the database) with
//! `BENCH_IDLE_ONLY=1` for start-up and memory at scale (`BENCH_IDLE_HOLD=60` keeps the idle bot 60 s longer,
//! to look at it with `perf` or `/proc`); `BENCH_LONG=N` (at `BENCH_LONG_RATE`) for a long run;
//! `BENCH_ONLY=step|log|quiz` and `BENCH_RATES=100,500` to narrow a run; `BENCH_BOT_LOG` for the bot's own log;
//! `MALLOC_*` variables reach the bot, to compare allocator settings. `BENCH_POSTGRES=postgres://…` runs the bot
//! on PostgreSQL: a fresh database is made on that server for the run, as the tests do. `BENCH_CALLBACK_500_EVERY=10` makes the
//! stand-in answer every tenth interaction callback with a 500, and each run reports how many interactions were
//! answered within Discord's 3 seconds.

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use discord_standin::{
    Actor, Interaction, Response, StandIn, StandInConfig, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID,
};
use serde_json::json;
use tokio::sync::Mutex;

#[path = "common/bare_bot.rs"]
mod bare_bot;
#[path = "common/proc_stats.rs"]
mod proc_stats;
use proc_stats::{cpu_seconds, open_fds, status_kib};

fn person(i: u64) -> Actor {
    Actor::in_guild(900_000_000_000_000_000 + i, "load", DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
}

/// What to send at the `i`-th slot: a command, or a click on a prepared message.
#[derive(Clone, Copy)]
enum Kind {
    Step,
    LogPractice,
    QuizAnswer,
}

struct Prepared {
    /// (person, message, custom id) for clicks.
    clicks: Vec<(Actor, discord_standin::ShownMessage, String)>,
}

async fn prepare(standin: &StandIn, kind: Kind, count: usize, offset: u64) -> Prepared {
    let mut clicks = Vec::new();
    for i in 0..count as u64 {
        let who = person(offset + i);
        match kind {
            Kind::Step => {}
            Kind::LogPractice => {
                let step = standin
                    .run_command(&who, "step", json!([{ "type": 1, "name": "self-trust", "options": [] }]))
                    .await;
                let Ok(Response::Message(shown)) =
                    standin.wait_response(&step, Duration::from_secs(10)).await
                else {
                    continue;
                };
                let pick = shown.button_by_label("I did a practice").unwrap().custom_id;
                let picked = standin.click(&who, &shown, &pick).await;
                let Ok(Response::Message(picker)) =
                    standin.wait_response(&picked, Duration::from_secs(10)).await
                else {
                    continue;
                };
                let id = picker.buttons()[0].custom_id.clone();
                clicks.push((who, picker, id));
            }
            Kind::QuizAnswer => {
                let q = standin
                    .run_command(&who, "quiz", json!([{ "type": 1, "name": "start", "options": [] }]))
                    .await;
                let Ok(Response::Message(question)) =
                    standin.wait_response(&q, Duration::from_secs(10)).await
                else {
                    continue;
                };
                let id =
                    question.buttons().into_iter().find(|b| b.label.starts_with("5 · ")).unwrap().custom_id;
                clicks.push((who, question, id));
            }
        }
    }
    Prepared { clicks }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Offers `rate` interactions per second for `seconds`; returns the sorted latencies and how many went unanswered.
async fn offer(
    standin: &Arc<StandIn>,
    kind: Kind,
    rate: u32,
    seconds: u32,
    prepared: Prepared,
) -> (Vec<Duration>, usize) {
    let total = (rate * seconds) as usize;
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let missed = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let start = tokio::time::Instant::now();
    let clicks = Arc::new(prepared.clicks);
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        tokio::time::sleep_until(start + Duration::from_secs_f64(i as f64 / f64::from(rate))).await;
        let (standin, latencies, missed, clicks) =
            (standin.clone(), latencies.clone(), missed.clone(), clicks.clone());
        tasks.push(tokio::spawn(async move {
            let interaction: Interaction = match kind {
                Kind::Step => {
                    standin
                        .run_command(
                            &person(i as u64 % 1000),
                            "step",
                            json!([{ "type": 1, "name": "repair", "options": [] }]),
                        )
                        .await
                }
                Kind::LogPractice | Kind::QuizAnswer => {
                    let (who, message, id) = &clicks[i % clicks.len()];
                    standin.click_stale(who, message, id).await
                }
            };
            if standin.wait_response(&interaction, Duration::from_secs(10)).await.is_ok() {
                if let Some(t) = standin.response_timing(&interaction) {
                    latencies.lock().await.push(t.to_callback);
                }
            } else {
                missed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let mut l = Arc::try_unwrap(latencies).map(Mutex::into_inner).unwrap_or_default();
    l.sort();
    (l, missed.load(std::sync::atomic::Ordering::Relaxed))
}

/// One measured run: latencies (sorted), interactions unanswered, and the CPU seconds the bot and this process
/// (the stand-in and the load generator) spent.
struct Run {
    latencies: Vec<Duration>,
    missed: usize,
    bot_cpu: f64,
    own_cpu: f64,
}

impl Run {
    fn per_1000(&self, seconds: f64) -> f64 {
        1000.0 * seconds / (self.latencies.len().max(1) as f64 / 1000.0)
    }
}

async fn measure(
    standin: &Arc<StandIn>,
    pid: u32,
    kind: Kind,
    rate: u32,
    seconds: u32,
    prepared: Prepared,
) -> Run {
    let me = std::process::id();
    let (cpu, own) = (cpu_seconds(pid), cpu_seconds(me));
    let (latencies, missed) = offer(standin, kind, rate, seconds, prepared).await;
    Run { latencies, missed, bot_cpu: cpu_seconds(pid) - cpu, own_cpu: cpu_seconds(me) - own }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // The same executable is the floor's bare bot when asked (see common/bare_bot.rs).
    if std::env::var_os("BENCH_BARE_BOT").is_some() {
        return bare_bot::run().await;
    }
    let seconds: u32 = std::env::var("BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    // BENCH_SERVERS servers announced in READY and GUILD_CREATE, and BENCH_PEOPLE people already in the database.
    let servers: u64 = std::env::var("BENCH_SERVERS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let people: u64 = std::env::var("BENCH_PEOPLE").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut config = StandInConfig::default();
    for g in 0..servers {
        let id = 2_000_000_000_000_000_000 + g * 10;
        config = config
            .guild(discord_standin::GuildSpec::new(id, &format!("Server {g}")).channel(id + 1, "general"));
    }
    let standin = Arc::new(StandIn::start_with(config).await.expect("the stand-in starts"));
    let dir = tempfile::tempdir().unwrap();
    let postgres = std::env::var("BENCH_POSTGRES").ok().filter(|u| !u.is_empty());
    let db = match &postgres {
        Some(server) => {
            std::env::set_var(steady::store::test_database::VARIABLE, server);
            let url = steady::store::test_database::url(dir.path(), "unused").await;
            steady::store::Store::open(&url).await.expect("the database is made").close().await;
            println!("on PostgreSQL");
            url
        }
        None => format!("sqlite://{}/bench.db", dir.path().display()),
    };
    if people > 0 && postgres.is_some() {
        let pool = sqlx::PgPool::connect(&db).await.unwrap();
        sqlx::query(
            "INSERT INTO people (user_id, first_seen_at, time_zone) \
             SELECT 500000000000000000 + i, '2026-09-01T00:00:00Z', 'Europe/Berlin' FROM generate_series(1, $1) AS i",
        )
        .bind(people as i64)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO practice_log (user_id, step_slug, practice, practice_day, logged_at) \
             SELECT user_id, 'self-trust', 1, DATE '2026-11-30', TIMESTAMPTZ '2026-11-30T08:00:00Z' FROM people",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        println!("database prepared with {people} people and a practice each; {servers} servers announced");
    } else if people > 0 {
        let url = db.clone();
        let store = steady::store::Store::open(&url).await.unwrap();
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) \
             INSERT INTO people (user_id, first_seen_at, time_zone) SELECT 500000000000000000 + i, '2026-09-01T00:00:00Z', 'Europe/Berlin' FROM n",
        )
        .bind(people as i64)
        .execute(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO practice_log (user_id, step_slug, practice, practice_day, logged_at) \
             SELECT user_id, 'self-trust', 1, '2026-11-30', '2026-11-30T08:00:00Z' FROM people",
        )
        .execute(store.sqlite_pool().expect("a SQLite store"))
        .await
        .unwrap();
        store.close().await;
        println!("database prepared with {people} people and a practice each; {servers} servers announced");
    }
    let launched = Instant::now();
    let mut bot = Command::new(env!("CARGO_BIN_EXE_steady"))
        .env_clear()
        // glibc's allocator settings (MALLOC_ARENA_MAX and the like) reach the bot, to compare them.
        .envs(std::env::vars().filter(|(k, _)| k.starts_with("MALLOC_")))
        .env("DISCORD_TOKEN", "bench")
        .env("DISCORD_API_BASE", standin.api_base())
        .env("DATABASE_URL", &db)
        .env("CONTENT_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
        .env("DATA_KEY", "8c1d0707ccdf8e380a86dfba04058820a66435c1b69d5ed82e04dd8c0520dd73")
        .env("RUST_LOG", std::env::var("BENCH_BOT_LOG").unwrap_or_else(|_| "error".into()))
        .stdout(if std::env::var("BENCH_BOT_LOG").is_ok() { Stdio::inherit() } else { Stdio::null() })
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the release bot");
    let pid = bot.id();
    standin.wait_for_ready(Duration::from_secs(30)).await.expect("the bot connects");
    if let Some(every) = std::env::var("BENCH_CALLBACK_500_EVERY").ok().and_then(|v| v.parse::<usize>().ok())
    {
        println!("the stand-in answers every {every}th interaction callback with a 500");
        standin.inject(
            discord_standin::Fault::new(
                r"^/interactions/\d+/[^/]+/callback$",
                usize::MAX,
                discord_standin::FaultKind::ServerError(500),
            )
            .method("POST")
            .every(every),
        );
    }
    while standin.registered_commands(None).is_none() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    println!("start-up to commands registered ({people} people in the database): {}", ms(launched.elapsed()));
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "idle RSS: {} MiB (heap and stacks {} MiB, the binary and libraries {} MiB); open file descriptors {}",
        status_kib(pid, "VmRSS:") / 1024,
        status_kib(pid, "RssAnon:") / 1024,
        status_kib(pid, "RssFile:") / 1024,
        open_fds(pid)
    );
    if let Some(seconds) = std::env::var("BENCH_IDLE_HOLD").ok().and_then(|s| s.parse().ok()) {
        println!("holding the idle bot (pid {pid}) for {seconds} s");
        tokio::time::sleep(Duration::from_secs(seconds)).await;
    }
    if std::env::var("BENCH_IDLE_ONLY").is_ok() {
        let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status();
        let _ = bot.wait();
        return;
    }
    // BENCH_LONG=N: N interactions of /step at BENCH_LONG_RATE per second (default 2,000), with RSS sampled as
    // they go, to see any growth. The stand-in forgets its history after each batch, so it stays flat too.
    if let Some(long) = std::env::var("BENCH_LONG").ok().and_then(|v| v.parse::<u32>().ok()) {
        let rate: u32 = std::env::var("BENCH_LONG_RATE").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
        let (mut done, mut missed_total) = (0u32, 0usize);
        let mut samples = Vec::new();
        while done < long {
            let seconds = 20u32.min((long - done) / rate).max(1);
            let (lat, missed) =
                offer(&standin, Kind::Step, rate, seconds, Prepared { clicks: Vec::new() }).await;
            done += rate * seconds;
            missed_total += missed;
            standin.forget_history();
            let rss = status_kib(pid, "VmRSS:") / 1024;
            samples.push(rss);
            println!(
                "after {done} interactions: RSS {rss} MiB, p99 {}, unanswered {missed}, open file descriptors {}",
                ms(percentile(&lat, 0.99)),
                open_fds(pid)
            );
        }
        let first = samples.first().copied().unwrap_or(0);
        println!(
            "long run: {done} interactions at {rate}/s, unanswered {missed_total}, RSS first sample {first} MiB, \
             last {} MiB, highest {} MiB (peak {} MiB), request bodies breaking Discord's rules: {}",
            samples.last().copied().unwrap_or(0),
            samples.iter().max().copied().unwrap_or(0),
            status_kib(pid, "VmHWM:") / 1024,
            standin.validation_failures().len()
        );
        let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status();
        let _ = bot.wait();
        return;
    }

    // Interactions answered in measured runs, and the CPU seconds the bot and this process (the stand-in and
    // the load generator) spent in them; set-up work (the messages clicked later) is left out.
    let (mut handled, mut bot_cpu, mut standin_cpu) = (0usize, 0.0, 0.0);
    let mut offset = 0;
    // BENCH_ONLY=step|log|quiz runs one kind; BENCH_RATES=100,500 picks the offered loads.
    let only = std::env::var("BENCH_ONLY").ok();
    let rates: Vec<u32> = std::env::var("BENCH_RATES")
        .ok()
        .map(|v| v.split(',').filter_map(|r| r.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 500, 1000]);
    let kinds = [
        ("step", "/step", Kind::Step),
        ("log", "log a practice", Kind::LogPractice),
        ("quiz", "quiz answer", Kind::QuizAnswer),
    ];
    let mut results: Vec<(&str, u32, Run)> = Vec::new();
    for (short, name, kind) in kinds {
        if only.as_deref().is_some_and(|o| o != short) {
            continue;
        }
        for &rate in &rates {
            let count = (rate * seconds) as usize;
            let prepared =
                prepare(&standin, kind, if matches!(kind, Kind::Step) { 0 } else { count }, offset).await;
            offset += count as u64;
            let run = measure(&standin, pid, kind, rate, seconds, prepared).await;
            (handled, bot_cpu, standin_cpu) =
                (handled + run.latencies.len(), bot_cpu + run.bot_cpu, standin_cpu + run.own_cpu);
            print_run(name, rate, &run);
            results.push((short, rate, run));
        }
    }
    // Messages the floor's clicks press, prepared while the bot still answers (the bare bot shows no buttons).
    let floor = std::env::var("BENCH_FLOOR").map_or(true, |v| v != "0");
    let floor_clicks =
        if floor { prepare(&standin, Kind::LogPractice, 50, offset).await.clicks } else { Vec::new() };
    // The highest rate of /step whose p99 stays under 50 ms.
    let me = std::process::id();
    let (mut best, mut first_miss) = (0, None);
    let search: &[u32] = if only.is_some() { &[] } else { &[1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000] };
    for &rate in search {
        let (cpu, own) = (cpu_seconds(pid), cpu_seconds(me));
        let (lat, missed) =
            offer(&standin, Kind::Step, rate, seconds.min(3), Prepared { clicks: Vec::new() }).await;
        (handled, bot_cpu, standin_cpu) =
            (handled + lat.len(), bot_cpu + cpu_seconds(pid) - cpu, standin_cpu + cpu_seconds(me) - own);
        let p99 = percentile(&lat, 0.99);
        println!("{:>15} at {rate:>4}/s: p99 {} · unanswered {missed}", "/step", ms(p99));
        if missed == 0 && p99 < Duration::from_millis(50) {
            best = rate;
        } else {
            first_miss = Some(format!("{rate}/s had p99 {} and {missed} unanswered", ms(p99)));
            break;
        }
    }
    match first_miss {
        Some(miss) => {
            println!("highest sustained rate with p99 under 50 ms: {best}/s (the next rate tried, {miss})")
        }
        None if !search.is_empty() => {
            println!("highest sustained rate with p99 under 50 ms: {best}/s or more (the highest rate tried)")
        }
        None => {}
    }
    let thousands = handled.max(1) as f64 / 1000.0;
    println!(
        "CPU time per 1,000 interactions, over all measured runs: bot {:.0} ms; stand-in and load generator {:.0} ms",
        1000.0 * bot_cpu / thousands,
        1000.0 * standin_cpu / thousands
    );
    println!(
        "bot RSS after {handled} interactions: {} MiB (peak {} MiB); open file descriptors {}",
        status_kib(pid, "VmRSS:") / 1024,
        status_kib(pid, "VmHWM:") / 1024,
        open_fds(pid)
    );
    // The bot hands freed memory back every 30 seconds (src/memory.rs): what it holds once idle again.
    tokio::time::sleep(Duration::from_secs(35)).await;
    println!(
        "bot RSS 35 s later, idle: {} MiB; open file descriptors {}",
        status_kib(pid, "VmRSS:") / 1024,
        open_fds(pid)
    );
    let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status();
    let _ = bot.wait();
    if floor {
        run_floor(&standin, &results, seconds, floor_clicks).await;
    }
}

fn print_run(name: &str, rate: u32, run: &Run) {
    let lat = &run.latencies;
    let in_time = lat.iter().filter(|l| **l < Duration::from_secs(3)).count();
    println!(
        "{name:>15} at {rate:>4}/s: p50 {} · p99 {} · p99.9 {} · unanswered {} · within 3 s {in_time} of {} ({:.2}%) · bot CPU {:.0} ms per 1,000 · stand-in {:.0} ms",
        ms(percentile(lat, 0.5)),
        ms(percentile(lat, 0.99)),
        ms(percentile(lat, 0.999)),
        run.missed,
        lat.len() + run.missed,
        100.0 * in_time as f64 / (lat.len() + run.missed).max(1) as f64,
        run.per_1000(run.bot_cpu),
        run.per_1000(run.own_cpu)
    );
}

/// The same loads on the bare bot, on the same stand-in, and each of the bot's runs beside it.
async fn run_floor(
    standin: &Arc<StandIn>,
    results: &[(&str, u32, Run)],
    seconds: u32,
    clicks: Vec<(Actor, discord_standin::ShownMessage, String)>,
) {
    let readies = standin.ready_count();
    let mut bare = Command::new(std::env::current_exe().expect("the bench's own path"))
        .env_clear()
        .env("BENCH_BARE_BOT", "1")
        .env("DISCORD_API_BASE", standin.api_base())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the bare bot");
    let pid = bare.id();
    let waited = Instant::now();
    while standin.ready_count() == readies && waited.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "floor: a bare serenity bot (one fixed reply, no database, no content); idle RSS {} MiB",
        status_kib(pid, "VmRSS:") / 1024
    );
    for (short, rate, bot) in results {
        let (name, kind) = match *short {
            "step" => ("/step", Kind::Step),
            "log" => ("log a practice", Kind::LogPractice),
            _ => continue,
        };
        let prepared =
            Prepared { clicks: if matches!(kind, Kind::Step) { Vec::new() } else { clicks.clone() } };
        let floor = measure(standin, pid, kind, *rate, seconds, prepared).await;
        print_run(&format!("bare {short}"), *rate, &floor);
        let p99 = |r: &Run| percentile(&r.latencies, 0.99).as_secs_f64() * 1000.0;
        println!(
            "{name:>15} at {rate:>4}/s: bot CPU {:.2}x the bare bot's ({:.0} against {:.0} ms per 1,000) · p99 {:.2} ms against {:.2} ms ({:+.2} ms)",
            bot.per_1000(bot.bot_cpu) / floor.per_1000(floor.bot_cpu).max(f64::MIN_POSITIVE),
            bot.per_1000(bot.bot_cpu),
            floor.per_1000(floor.bot_cpu),
            p99(bot),
            p99(&floor),
            p99(bot) - p99(&floor)
        );
    }
    let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).status();
    let _ = bare.wait();
}
