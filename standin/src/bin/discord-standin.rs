//! Runs the stand-in for Discord on its own, so the real bot can be pointed at it by hand:
//! `cargo run -p discord-standin`, then start the bot with the `DISCORD_API_BASE` it prints.

use discord_standin::{StandIn, StandInConfig};

#[tokio::main]
async fn main() {
    let standin = match StandIn::start_with(StandInConfig::default()).await {
        Ok(standin) => standin,
        Err(error) => {
            eprintln!("the stand-in cannot start: {error}");
            std::process::exit(1);
        }
    };
    println!("DISCORD_API_BASE={}", standin.api_base());
    println!("gateway: {}", standin.gateway_url());
    println!("Waiting for a bot; Ctrl-C stops. Requests are validated against Discord's OpenAPI spec.");
    let mut reported = 0;
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            () = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
        }
        let requests = standin.requests();
        for r in requests.iter().skip(reported) {
            let verdict = if r.validation_errors.is_empty() {
                "valid".to_owned()
            } else {
                r.validation_errors.join("; ")
            };
            println!("{} {} -> {} ({verdict})", r.method, r.path, r.status);
        }
        reported = requests.len();
    }
}
