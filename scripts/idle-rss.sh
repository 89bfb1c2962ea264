#!/usr/bin/env bash
# Idle memory of the release bot: starts the stand-in for Discord and the bot against it, waits until the
# commands are registered and the bot has been idle for a while, then prints the bot's resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p steady -p discord-standin
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
./target/release/discord-standin > "$work/standin.log" &
for _ in $(seq 100); do grep -q DISCORD_API_BASE "$work/standin.log" && break; sleep 0.1; done
base=$(grep DISCORD_API_BASE "$work/standin.log" | cut -d= -f2)
start=$(date +%s.%N)
DISCORD_TOKEN=idle DISCORD_API_BASE="$base" DATABASE_URL="sqlite://$work/db.sqlite" CONTENT_DIR="$PWD/content" \
  RUST_LOG=warn ./target/release/steady &
bot=$!
for _ in $(seq 200); do grep -q "PUT /applications" "$work/standin.log" && break; sleep 0.05; done
ready=$(date +%s.%N)
sleep "${IDLE_SECONDS:-10}"
rss=$(awk '/VmRSS/ {print $2}' "/proc/$bot/status")
echo "start-up to commands registered: at most $(echo "$ready - $start" | bc) s (the stand-in logs requests every 0.5 s, so this is an upper bound)"
echo "idle RSS after ${IDLE_SECONDS:-10} s: $((rss / 1024)) MiB ($rss KiB)"
grep -E 'RssAnon|RssFile|Threads' "/proc/$bot/status" | tr -s ' \t' ' '

kill -TERM "$bot"; wait "$bot"
