//! The stand-in's payloads parse with serenity 0.12.5's own types (a missing required field
//! would make serenity drop an event silently).

use discord_standin::payloads;
use discord_standin::{GuildSpec, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID};
use serenity::all::{Guild, GuildChannel, PrivateChannel, Ready};

fn spec() -> GuildSpec {
    GuildSpec::new(DEFAULT_GUILD_ID, "Test Server").channel(DEFAULT_CHANNEL_ID, "general")
}

#[test]
fn guild_create_parses() {
    let v = payloads::guild(&spec(), true);
    let g: Result<Guild, _> = serde_json::from_value(v);
    assert!(g.is_ok(), "{:?}", g.err());
}

#[test]
fn guild_parses() {
    let v = payloads::guild(&spec(), false);
    let g: Result<serenity::all::PartialGuild, _> = serde_json::from_value(v);
    assert!(g.is_ok(), "{:?}", g.err());
}

#[test]
fn ready_and_channels_parse() {
    let r: Result<Ready, _> = serde_json::from_value(payloads::ready("s", "ws://127.0.0.1:1", &[spec()]));
    assert!(r.is_ok(), "{:?}", r.err());
    let c: Result<GuildChannel, _> = serde_json::from_value(payloads::guild_text_channel(1, 2, "general", 0));
    assert!(c.is_ok(), "{:?}", c.err());
    let t: Result<GuildChannel, _> = serde_json::from_value(payloads::thread_channel(3, 2, 1, "thread", 11));
    assert!(t.is_ok(), "{:?}", t.err());
    let d: Result<PrivateChannel, _> =
        serde_json::from_value(payloads::dm_channel(4, payloads::user(5, "bob")));
    assert!(d.is_ok(), "{:?}", d.err());
}
