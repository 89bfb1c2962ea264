//! The shipped content loads, and broken content stops start-up with the file, the field and the reason.

use std::path::{Path, PathBuf};

use steady::content::{Content, ContentError};

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// A copy of the shipped content with one file's text changed.
fn broken(
    file: &str,
    change: impl Fn(String) -> String,
) -> (tempfile::TempDir, Result<Content, ContentError>) {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shipped()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "the test's change must apply");
    std::fs::write(&path, changed).unwrap();
    let result = checked(dir.path());
    (dir, result)
}

/// Content as start-up takes it: well-formed, and within Discord's limits in every view.
fn checked(dir: &Path) -> Result<Content, ContentError> {
    let content = Content::load(dir)?;
    steady::render::limits::check(&content)?;
    Ok(content)
}

#[test]
fn the_shipped_content_loads_with_eight_steps_of_three_practices() {
    let content = checked(&shipped()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(content.steps().len(), 8);
    for step in content.steps() {
        assert_eq!(step.practices.len(), 3, "{}", step.slug);
    }
    assert_eq!(content.strategies.strategies.len(), 6);
    assert_eq!(content.guide.opening.takeaways.len(), 4);
    assert!(content.support.crisis.fallback.contains("findahelpline.com"));
    assert!(content.support.crisis.resources.iter().any(|r| r.contact.contains("988")));
}

#[test]
fn an_over_long_practice_name_names_the_file_field_and_limit() {
    let (_dir, result) = broken("guide.toml", |t| {
        let first = t.find("name = \"").unwrap() + "name = \"".len();
        format!("{}{}{}", &t[..first], "x".repeat(90), &t[first..])
    });
    let message = result.unwrap_err().to_string();
    assert!(message.contains("content/guide.toml: steps[0].practices[0].name: is"), "{message}");
    assert!(message.contains("more than the 60 allowed"), "{message}");
}

#[test]
fn a_missing_field_names_the_file_and_the_field() {
    let (_dir, result) = broken("strategies.toml", |t| t.replacen("closing =", "closings =", 1));
    let message = result.unwrap_err().to_string();
    assert!(message.contains("strategies.toml"), "{message}");
    assert!(message.contains("closing"), "{message}");
}

#[test]
fn a_malformed_file_names_the_file_and_the_line() {
    let (_dir, result) = broken("support.toml", |t| format!("{t}\n[[[ not toml"));
    let message = result.unwrap_err().to_string();
    assert!(message.starts_with("content file"), "{message}");
    assert!(message.contains("support.toml"), "{message}");
}

#[test]
fn an_unknown_placeholder_is_refused() {
    let (_dir, result) =
        broken("ui.toml", |t| t.replacen("Logged **{practice}**", "Logged **{practise}**", 1));
    let message = result.unwrap_err().to_string();
    assert!(
        message.contains("content/ui.toml: messages.logged: uses unknown placeholder {practise}"),
        "{message}"
    );
}

#[test]
fn a_duplicate_step_slug_is_refused() {
    let (_dir, result) = broken("guide.toml", |t| {
        let second = t.match_indices("slug = \"").nth(1).unwrap().0;
        let end = second + t[second..].find('\n').unwrap();
        let first_line = t[t.find("slug = \"").unwrap()..].lines().next().unwrap().to_owned();
        format!("{}{}{}", &t[..second], first_line, &t[end..])
    });
    let message = result.unwrap_err().to_string();
    assert!(message.contains("steps[1].slug") && message.contains("used by another step"), "{message}");
}

#[test]
fn a_message_over_discords_total_embed_limit_is_refused_at_load() {
    // Every field stays within its own limit, but the /support view grows past 6000 characters in all.
    let (_dir, result) = broken("support.toml", |t| {
        // Twenty resources (the most allowed), each at its longest, replace the shipped ones.
        let head = &t[..t.find("[[crisis.resources]]").unwrap()];
        let extra: String = (0..20)
            .map(|i| {
                format!(
                    "\n[[crisis.resources]]\nregion = \"R{i}\"\ncountry_codes = [\"US\"]\nname = \"{}\"\ncontact = \"{}\"\n",
                    "n".repeat(80),
                    "c".repeat(200)
                )
            })
            .collect();
        format!("{head}{extra}")
    });
    let message = result.unwrap_err().to_string();
    assert!(message.contains("/support would break a Discord limit: all embeds together"), "{message}");
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let message = Content::load(dir.path()).unwrap_err().to_string();
    assert!(message.contains("guide.toml") && message.contains("cannot be read"), "{message}");
}

#[test]
fn a_care_reply_that_points_nowhere_or_runs_long_is_refused() {
    let (_dir, result) = broken("safety.toml", |t| {
        let t = t.replacen(
            "or visit findahelpline.com.\n\nIf you ever feel",
            "or ask someone.\n\nIf you ever feel",
            1,
        );
        t.replacen("not_posted = \"", &format!("not_posted = \"{}", "x".repeat(200)), 1)
    });
    let message = result.unwrap_err().to_string();
    assert!(
        message.contains("content/safety.toml: concern_reply: does not mention findahelpline.com"),
        "{message}"
    );
    assert!(
        message.contains("content/safety.toml: not_posted: is") && message.contains("200 allowed"),
        "{message}"
    );
}

#[test]
fn crisis_weights_the_lexicon_no_longer_reads_stop_start_up_with_their_line() {
    let (_dir, result) =
        broken("crisis_weights.tsv", |text| text.replacen("\nc:", "\nc:retired_concept_", 1));
    let message = result.unwrap_err().to_string();
    assert!(
        message.contains("crisis_weights.tsv")
            && message.contains("retired_concept_")
            && message.contains("safety_train"),
        "{message}"
    );
    let (_dir, result) =
        broken("crisis_language.toml", |text| text.replacen("concern_at = 0.9", "concern_at = 1.5", 1));
    let message = result.unwrap_err().to_string();
    assert!(message.contains("learned.concern_at"), "{message}");
}

/// The guide the content is written from, beside the project (CI checks it out there too).
fn guide_md() -> String {
    let path = std::env::var_os("GUIDE_MD")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/guide.md"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Straight and curly quotes read as one.
fn plain(text: &str) -> String {
    text.replace(['“', '”'], "\"").replace(['‘', '’'], "'")
}

#[test]
fn step_titles_summaries_and_practice_names_are_the_guides_own_words() {
    let content = Content::load(&shipped()).unwrap_or_else(|e| panic!("{e}"));
    let guide = guide_md();
    let rows: Vec<Vec<String>> = guide
        .lines()
        .filter(|l| {
            l.starts_with("| ") && l.split('|').nth(1).is_some_and(|n| n.trim().parse::<u8>().is_ok())
        })
        .map(|l| l.split('|').map(|c| c.trim().to_owned()).collect())
        .collect();
    assert_eq!(rows.len(), 8, "the guide's table of steps");
    for (row, step) in rows.iter().zip(content.steps()) {
        assert_eq!(row[1], step.number.to_string());
        assert_eq!(row[2], step.title, "step {}", step.number);
        assert_eq!(row[3], step.summary, "step {}'s summary, word for word", step.number);
        let names: Vec<String> = row[4].split(" · ").map(plain).collect();
        let ours: Vec<String> = step.practices.iter().map(|p| plain(&p.name)).collect();
        assert_eq!(names, ours, "step {}'s practices, word for word", step.number);
    }
}

#[test]
fn the_guides_terms_are_used_and_explained_where_first_used() {
    let content = Content::load(&shipped()).unwrap_or_else(|e| panic!("{e}"));
    let opening = &content.guide.opening.summary;
    for (term, explained) in [("nervous system", "(the part of you"), ("window of tolerance", "*: how much")]
    {
        let at = opening.find(term).unwrap_or_else(|| panic!("{term:?} in the opening"));
        assert!(
            opening[at..].find(explained).is_some_and(|e| e < 40),
            "{term:?} explained at once: {opening}"
        );
    }
    // Steps 7 and 8, as step 4 does, say they work with friends and family too.
    for slug in ["quick-repair", "partner-triggers"] {
        let step = content.step(slug).unwrap();
        assert!(step.what.contains("friends and family"), "{slug}: {}", step.what);
    }
    let activated = content.step("partner-triggers").unwrap();
    assert!(activated.summary.contains("activated") && activated.what.contains("*Activated* means"));
}

#[test]
fn every_text_uses_one_spelling_british_with_ize_as_the_guide_does() {
    fn strings<'a>(value: &'a toml::Value, out: &mut Vec<&'a str>) {
        match value {
            toml::Value::String(s) => out.push(s),
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            toml::Value::Table(table) => table.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    // The other spellings: American -or and -ed forms of practise, and British -ise (the guide writes -ize).
    let others = [
        "practiced",
        "practicing",
        "honoring",
        "honor ",
        "behavior",
        "color",
        "favor",
        "favorite",
        "apologise",
        "apologising",
        "realise",
        "realising",
        "organise",
        "recognise",
        "prioritise",
        "emphasise",
        "criticise",
    ];
    for entry in std::fs::read_dir(shipped()).unwrap().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        // The crisis lexicon lists the words people type, in every spelling.
        if !name.ends_with(".toml") || name == "crisis_language.toml" {
            continue;
        }
        let value: toml::Value = toml::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        let mut texts = Vec::new();
        strings(&value, &mut texts);
        for text in texts {
            let lower = text.to_lowercase();
            for other in others {
                assert!(!lower.contains(other), "{name}: {other:?} in {text:?}");
            }
        }
    }
}

#[test]
fn a_date_pattern_that_cannot_write_its_value_is_refused() {
    let (_dir, result) = broken("ui.toml", |t| {
        t.replacen("time = \"%H:%M\"", "time = \"%A at %H:%M\"", 1).replacen(
            "month = \"%B %Y\"",
            "month = \"%Q\"",
            1,
        )
    });
    let message = result.unwrap_err().to_string();
    assert!(message.contains("content/ui.toml: formats.time: \"%A at %H:%M\" is not a pattern"), "{message}");
    assert!(message.contains("content/ui.toml: formats.month: \"%Q\" is not a pattern"), "{message}");
}
