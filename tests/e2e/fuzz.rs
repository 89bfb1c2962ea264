//! Random and malformed interactions through the real client: unknown commands, wrong option types, huge and
//! odd text, forged custom ids and forms, DMs of every shape. Every one must be answered, clearly and validly.
//! `FUZZ_CASES` (default 150) and `FUZZ_SEED` set the run; CI runs the default, `FUZZ_CASES=100000` runs long. Each
//! interaction must be answered within Discord's 3 seconds.

use discord_standin::{Actor, Response};
use serde_json::{json, Value};

use crate::helpers::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ODD: [&str; 14] = [
    "",
    " ",
    "\u{0}\u{1}\u{7f}",
    "😀🫶🏽👨‍👩‍👧",
    "\u{202e}evil",
    "e\u{301}\u{301}\u{301}",
    "@everyone <@123> <#1> <@&2>",
    "```\n# heading\n```",
    "v1:0:gp:1:20261201",
    "v1:300000000000000001:log:repair:3",
    "v1:300000000000000002:qa:1:0:7",
    "../../etc/passwd",
    "'; DROP TABLE people; --",
    "I want to die",
];

fn text(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => rng.pick(&ODD).to_string(),
        1 => "x".repeat(rng.below(7000)),
        2 => "ö😀".repeat(rng.below(3000)),
        _ => format!("{}{}", rng.pick(&ODD), rng.next()),
    }
}

fn option(rng: &mut Rng) -> Value {
    let name = rng.pick(&[
        "time", "timezone", "share", "days", "page", "zone", "enabled", "channel", "focus", "prompt", "zzz",
    ]);
    match rng.below(4) {
        0 => json!({ "type": 3, "name": name, "value": text(rng) }),
        1 => json!({ "type": 5, "name": name, "value": rng.below(2) == 0 }),
        2 => json!({ "type": 4, "name": name, "value": (rng.next() as i64) - (1 << 30) }),
        _ => json!({ "type": 7, "name": name, "value": rng.next().to_string() }),
    }
}

fn options(rng: &mut Rng) -> Value {
    let leaf: Vec<Value> = (0..rng.below(4)).map(|_| option(rng)).collect();
    if rng.below(2) == 0 {
        let sub = rng.pick(&[
            "start",
            "history",
            "on",
            "off",
            "pause",
            "status",
            "recap",
            "setup",
            "write",
            "read",
            "show",
            "export",
            "delete",
            "self-trust",
            "nope",
        ]);
        json!([{ "type": 1, "name": sub, "options": leaf }])
    } else {
        Value::Array(leaf)
    }
}

fn actor(rng: &mut Rng) -> Actor {
    let id = 600_000_000_000_000_000 + rng.below(3) as u64;
    if rng.below(3) == 0 {
        Actor::in_dm(id, "fuzz")
    } else {
        Actor::in_guild(id, "fuzz", discord_standin::DEFAULT_GUILD_ID, discord_standin::DEFAULT_CHANNEL_ID)
            .with_permissions(if rng.below(2) == 0 {
                discord_standin::DEFAULT_MEMBER_PERMISSIONS
            } else {
                u64::from(u32::MAX)
            })
    }
}

/// Discord shows "The application did not respond" after this.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);

#[tokio::test]
async fn random_and_malformed_interactions_are_all_answered_validly() {
    let world = World::start().await;
    let cases: usize = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(150);
    let seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(20261201);
    let mut rng = Rng(seed);
    // Every registered command, and two the bot does not have.
    let commands: Vec<&str> = steady::discord::commands::names().chain(["unknown", "ＳＴＥＰ"]).collect();
    let mut answered = 0;
    for case in 0..cases {
        // A long run keeps the stand-in flat: what it recorded is dropped, its validation failures kept.
        if case > 0 && case % 2_000 == 0 {
            world.standin.forget_history();
        }
        let who = actor(&mut rng);
        match rng.below(4) {
            0 => {
                let name = rng.pick(&commands).to_string();
                let opts = options(&mut rng);
                let interaction = world.standin.run_command(&who, &name, opts.clone()).await;
                let response = world.standin.wait_response(&interaction, ANSWER_WITHIN).await;
                assert!(response.is_ok(), "case {case}: /{name} {opts} went unanswered: {response:?}");
            }
            1 => {
                let ids: Vec<String> = (0..1 + rng.below(4))
                    .map(|i| {
                        let mut id = text(&mut rng).chars().take(90).collect::<String>();
                        if id.is_empty() {
                            id.push('x');
                        }
                        format!("{id}{i}")
                    })
                    .collect();
                let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                let message = world.old_message_with_buttons(&refs).await;
                let id = rng.pick(&ids).clone();
                let interaction = world.standin.click(&who, &message, &id).await;
                let response = world.standin.wait_response(&interaction, ANSWER_WITHIN).await;
                assert!(response.is_ok(), "case {case}: a click on {id:?} went unanswered");
            }
            2 => {
                let custom_id = rng
                    .pick(&[
                        "v1:600000000000000000:mc",
                        "v1:600000000000000001:mj:3",
                        "v1:0:gm:1150000000000000100:20261201",
                        "v1:1:mj",
                        "garbage",
                    ])
                    .to_string();
                let fields = [
                    ("feeling", text(&mut rng)),
                    ("need", text(&mut rng)),
                    ("steadiness", text(&mut rng)),
                    ("entry", text(&mut rng)),
                    ("reflection", text(&mut rng)),
                ];
                let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let interaction = world.standin.submit_modal(&who, custom_id.as_str(), &refs).await;
                let response = world.standin.wait_response(&interaction, ANSWER_WITHIN).await;
                assert!(
                    matches!(response, Ok(Response::Message(_))),
                    "case {case}: a form for {custom_id} went unanswered: {response:?}"
                );
            }
            _ => {
                let dm = Actor::in_dm(who.user_id, "fuzz");
                let before = world.standin.dm_messages(who.user_id).len();
                world.standin.send_dm(&dm, &text(&mut rng).chars().take(4000).collect::<String>()).await;
                wait_until("the DM is answered", || world.standin.dm_messages(who.user_id).len() > before)
                    .await;
            }
        }
        answered += 1;
    }
    assert_eq!(answered, cases);
    // Still well after all that, and nothing it sent broke Discord's rules.
    let help = world.command(&alice_in_server(), "help", json!([])).await;
    assert!(help.text().contains("/guide"));
    world.assert_all_valid();
    println!("fuzz: {cases} cases from seed {seed}, all answered validly");
}
