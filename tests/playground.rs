//! The playground, driven as a person would type into it: the guide, a step and its buttons, the quiz by
//! buttons and typed in the DM, a nudge after time travel, an accountability post two people press, forms with
//! their hints, the picture saved to a file, and helpful lines for mistakes. Each line waits for the one before
//! to be fully answered, so buttons are pressed by the numbers the transcript shows.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    child: Child,
    input: ChildStdin,
    transcript: Arc<Mutex<String>>,
    marks: usize,
}

impl Session {
    fn start(files: &std::path::Path) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_steady"))
            .arg("playground")
            .env_remove("DISCORD_TOKEN")
            .env("CONTENT_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
            .env("PLAYGROUND_FILES", files)
            .env("PLAYGROUND_START", "2026-12-01T07:00:00Z")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the playground");
        let input = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let transcript = Arc::new(Mutex::new(String::new()));
        let writer = Arc::clone(&transcript);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut t = writer.lock().unwrap();
                t.push_str(&line);
                t.push('\n');
            }
        });
        Session { child, input, transcript, marks: 0 }
    }

    fn text(&self) -> String {
        self.transcript.lock().unwrap().clone()
    }

    /// Types a line and waits until everything it brought has been printed.
    fn say(&mut self, line: &str) {
        self.marks += 1;
        let mark = format!("# mark {}", self.marks);
        writeln!(self.input, "{line}\n{mark}").unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.text().contains(&mark) {
            assert!(Instant::now() < deadline, "no answer to {line:?}:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The number of the latest button shown with this label.
    fn number(&self, label: &str) -> usize {
        let text = self.text();
        let at =
            text.rfind(&format!("] {label}")).unwrap_or_else(|| panic!("no button {label:?} in\n{text}"));
        let open = text[..at].rfind('[').unwrap();
        text[open + 1..at].parse().unwrap()
    }

    fn finish(mut self) -> String {
        writeln!(self.input, ":quit").unwrap();
        drop(self.input);
        let status = self.child.wait().unwrap();
        let transcript = self.transcript.lock().unwrap().clone();
        assert!(status.success(), "{transcript}");
        transcript
    }
}

#[test]
fn a_playground_session_shows_everything_a_person_would_see() {
    let files = tempfile::tempdir().unwrap();
    let mut s = Session::start(files.path());
    s.say(":at 2026-12-01 08:00");
    s.say("/guide");
    s.say("/step self-trust");
    let next = s.number("Next ▶");
    s.say(&next.to_string());
    s.say(&s.number("I did a practice").to_string());
    s.say(&s.number("Use a simple I-need statement").to_string());
    // Buttons keep their numbers: the guide's, shown first, still opens step 3.
    let third = s.number("3. Practice consistent repair");
    assert!(third < next, "the guide's buttons came first");
    s.say(&third.to_string());
    s.say("/quiz start");
    s.say(&s.number("7 · Strongly agree").to_string());
    s.say("/nudgez");
    s.say("/nudges on time:10:05");
    s.say(r#"/nudges on time:10:05 timezone:"Europe/Berlin""#);
    s.say(":as sam");
    s.say("/accountability setup channel:#general time:10:10 timezone:Europe/Berlin focus:nonsense");
    s.say("/accountability setup channel:#general time:10:10 timezone:Europe/Berlin");
    s.say(":as alice");
    s.say(":advance 2h");
    s.say(":at 2026-11-01 08:00");
    let practised = s.number("I practised today");
    s.say(&practised.to_string());
    // Someone else presses the same post, by the same number.
    s.say(":as bob");
    s.say(&practised.to_string());
    s.say(":as alice");
    s.say("99999");
    s.say(":dm");
    // In the DM a number is typed text: an answer to the quiz waiting there.
    s.say("/quiz start");
    s.say("6");
    s.say(&format!(":press {}", s.number("Stop for now")));
    // A form's fields are answered line by line, before anything else is typed.
    s.say("/checkin now\ntender\nrest\n5");
    s.say("/progress");
    let transcript = s.finish();

    let expect = |what: &str, why: &str| {
        assert!(transcript.contains(what), "{why}: {what:?} missing from\n{transcript}")
    };
    expect("It is now Tue 1 Dec 2026 08:00 UTC", "time travel to a fixed start");
    expect("┃ Building secure attachment", "/guide shows the opening");
    expect("┃ 1. Strengthen self-trust", "/step shows the step");
    expect("┃ 2. Communicate needs clearly", "pressing Next pages");
    expect("Which practice from **Communicate needs clearly**", "I did a practice asks which");
    expect("Logged **Use a simple I-need statement**", "pressing a practice logs it");
    expect("┃ 3. Practice consistent repair", "an earlier message's button still works");
    expect("Question 2 of 12", "a quiz answer moves on");
    expect("Discord has no command /nudgez", "an unknown command gets a helpful line");
    expect("Which time zone are you in?", "the bot asks for a zone the first time");
    expect("Nudges are on", "nudges turn on, with a quoted value");
    expect("`focus` takes one of `guide`", "a choice Discord would not offer is refused, with the choices");
    expect("Done. A shared practice will be posted in #general", "an admin sets up the channel");
    expect("— new in DM —\n  ┃ Today's small practice", "the nudge arrives after time travel");
    expect("— new in #general —\n  ┃ Today's shared practice", "the accountability post arrives");
    expect("Time only moves forward here", ":at into the past is refused, not silent");
    expect("(only you can see this)\n    Counted", "a person's own private follow-up is shown, marked");
    expect("**2** people practised today", "two people pressed one post");
    expect("There is no button 99999", "a button that is not there gets a helpful line");
    expect("Question 2 of 12\n", "a number typed in the DM answers the quiz");
    expect("No problem, we've stopped for now", ":press works in the DM");
    expect("What are you feeling? (One sentence, for example: I feel unsettled.):", "a form shows its hints");
    expect("Saved privately. You feel **tender**", "a form is filled field by field");
    expect("[picture saved: ", "the picture is saved to a file");
    expect("Bye.", "the session ends cleanly");
    assert!(!transcript.contains("WARN") && !transcript.contains("INFO"), "no log lines in the chat");
    let pictures: Vec<_> = std::fs::read_dir(files.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with("progress.png"))
        .collect();
    assert_eq!(pictures.len(), 1, "one picture, as a file");
    assert!(std::fs::read(pictures[0].path()).unwrap().starts_with(b"\x89PNG"));
    assert!(files.path().join("steady.log").exists(), "logs go to their own file");
}

#[test]
fn two_people_in_the_playground_become_practice_partners() {
    let files = tempfile::tempdir().unwrap();
    let mut s = Session::start(files.path());
    s.say(":as sam");
    s.say(":as alice");
    s.say("/partner invite user:kim");
    s.say("/partner invite user:sam");
    // Sam sees the invitation in his DM, by name, and answers it.
    s.say(":as sam");
    s.say(&s.number("Accept").to_string());
    s.say(":as alice");
    s.say("/partner status");
    let transcript = s.finish();
    assert!(transcript.contains(":as kim"), "an unknown name is explained:\n{transcript}");
    assert!(transcript.contains("@alice would like you to be their practice partner"), "{transcript}");
    assert!(transcript.contains("@sam accepted your invitation"), "{transcript}");
    assert!(transcript.contains("Your practice partner is @sam"), "{transcript}");
}
