//! The playground, fed a script on standard input as a person would type it: the guide, a step and its
//! buttons, the quiz, a nudge after time travel, an accountability post, and helpful lines for mistakes.

use std::io::Write;
use std::process::{Command, Stdio};

const SCRIPT: &str = "\
:at 2026-12-01 08:00
/guide
/step self-trust
3
4
1
/quiz start
7
/nudgez
/nudges on time:10:05
/nudges on time:10:05 timezone:Europe/Berlin
:as sam
/accountability setup channel:#general time:10:10 timezone:Europe/Berlin
:as alice
:advance 2h
99
:dm
/checkin
tender
rest
5
:quit
";

#[test]
fn a_scripted_playground_session_walks_through_the_bot() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_steady"))
        .arg("playground")
        .env_remove("DISCORD_TOKEN")
        .env("CONTENT_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the playground");
    child.stdin.take().unwrap().write_all(SCRIPT.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let transcript = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{transcript}\n{}", String::from_utf8_lossy(&output.stderr));

    let expect = |what: &str, why: &str| {
        assert!(transcript.contains(what), "{why}: {what:?} missing from\n{transcript}")
    };
    expect("It is now Tue 1 Dec 2026 08:00 UTC", "time travel to a fixed start");
    expect("┃ Building secure attachment", "/guide shows the opening");
    expect("┃ 1. Strengthen self-trust", "/step shows the step");
    expect("[3] Next ▶", "buttons are numbered");
    expect("┃ 2. Communicate needs clearly", "pressing Next pages");
    expect("Which practice from **Communicate needs clearly**", "I did a practice asks which");
    expect("Logged **Use a simple I-need statement**", "pressing a practice logs it");
    expect("Question 2 of 12", "a quiz answer moves on");
    expect("Discord has no command /nudgez", "an unknown command gets a helpful line");
    expect("Which time zone are you in?", "the bot asks for a zone the first time");
    expect("Nudges are on", "nudges turn on");
    expect("Done. A shared practice will be posted in #general", "an admin sets up the channel");
    expect("— new in DM —\n  ┃ Today's small practice", "the nudge arrives after time travel");
    expect("— new in #general —\n  ┃ Today's shared practice", "the accountability post arrives");
    expect("There is no button 99", "a button that is not there gets a helpful line");
    expect("Saved privately. You feel **tender**", "a form is filled field by field");
    expect("Bye.", "the session ends cleanly");
}
