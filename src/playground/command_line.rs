//! Reading a slash command typed as in Discord (`/nudges on time:8pm timezone:Europe/Berlin`) into the option
//! JSON Discord would send, using the commands the bot registered. Mistakes get the line Discord's client would.

use serde_json::{json, Value};

/// Splits on spaces, keeping "quoted text" together.
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn options_of(def: &Value) -> Vec<Value> {
    def.get("options").and_then(Value::as_array).cloned().unwrap_or_default()
}

fn kind(def: &Value) -> u64 {
    def.get("type").and_then(Value::as_u64).unwrap_or(0)
}

fn name(def: &Value) -> &str {
    def.get("name").and_then(Value::as_str).unwrap_or("")
}

/// What a typed option may name: the server channel, and the people of the playground by name.
pub struct Known<'a> {
    pub channel_id: u64,
    pub people: &'a [(String, u64)],
}

/// `name:value` pairs against the option definitions, typed as Discord would send them.
fn values(defs: &[Value], pairs: &[String], known: &Known<'_>, what: &str) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for pair in pairs {
        let Some((key, raw)) = pair.split_once(':') else {
            let names: Vec<&str> = defs.iter().map(name).collect();
            return Err(format!(
                "`{pair}` is not an option: write name:value ({what} takes {})",
                list(&names)
            ));
        };
        let Some(def) = defs.iter().find(|d| name(d) == key) else {
            let names: Vec<&str> = defs.iter().map(name).collect();
            return Err(format!("{what} has no option `{key}`; it takes {}", list(&names)));
        };
        let value = match kind(def) {
            4 => json!(raw.parse::<i64>().map_err(|_| format!("`{key}` takes a whole number"))?),
            5 => match raw.to_lowercase().as_str() {
                "true" | "yes" | "on" => json!(true),
                "false" | "no" | "off" => json!(false),
                _ => return Err(format!("`{key}` takes true or false")),
            },
            7 => json!(known.channel_id.to_string()),
            6 => match known
                .people
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(raw.trim_start_matches('@')))
            {
                Some((_, id)) => json!(id.to_string()),
                None => return Err(format!("no one called `{raw}` is here yet: `:as {raw}` brings them in")),
            },
            _ => match choices(def) {
                // Only a listed choice, by its value or its name, as Discord's client allows.
                Some(listed) => {
                    let found = listed.iter().find(|(shown, value)| {
                        value.eq_ignore_ascii_case(raw) || shown.eq_ignore_ascii_case(raw)
                    });
                    match found {
                        Some((_, value)) => json!(value),
                        None => {
                            let values: Vec<&str> = listed.iter().map(|(_, v)| v.as_str()).collect();
                            return Err(format!("`{key}` takes one of {}", list(&values)));
                        }
                    }
                }
                None => json!(raw),
            },
        };
        out.push(json!({ "type": kind(def), "name": key, "value": value }));
    }
    for def in defs {
        let required = def.get("required").and_then(Value::as_bool).unwrap_or(false);
        if required && !out.iter().any(|o| o["name"] == json!(name(def))) {
            return Err(format!("{what} needs `{}:`", name(def)));
        }
    }
    Ok(out)
}

/// An option's choices, as (name shown, value sent), when it has any.
fn choices(def: &Value) -> Option<Vec<(String, String)>> {
    let listed = def.get("choices")?.as_array().filter(|c| !c.is_empty())?;
    Some(
        listed
            .iter()
            .map(|c| {
                let field = |f: &str| c.get(f).and_then(Value::as_str).unwrap_or("").to_owned();
                (field("name"), field("value"))
            })
            .collect(),
    )
}

/// An option in the command list: `name:…`, or `name:a|b|c` with its choices.
fn shown_option(def: &Value) -> String {
    match choices(def) {
        Some(listed) => {
            let values: Vec<String> = listed.into_iter().map(|(_, v)| v).collect();
            format!("{}:{}", name(def), values.join("|"))
        }
        None => format!("{}:…", name(def)),
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "no options".to_owned()
    } else {
        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
    }
}

/// The command's name and options, or the line to show instead.
pub fn parse(line: &str, registered: &[Value], known: &Known<'_>) -> Result<(String, Value), String> {
    let words = words(line.trim_start_matches('/'));
    let Some((command, rest)) = words.split_first() else { return Err(help(registered)) };
    let Some(def) = registered.iter().find(|c| name(c) == command) else {
        return Err(format!("Discord has no command /{command} for this bot. {}", help(registered)));
    };
    let defs = options_of(def);
    let subcommands: Vec<&Value> = defs.iter().filter(|d| kind(d) == 1).collect();
    if subcommands.is_empty() {
        return Ok((command.clone(), Value::Array(values(&defs, rest, known, &format!("/{command}"))?)));
    }
    let names: Vec<&str> = subcommands.iter().map(|d| name(d)).collect();
    let Some((sub, pairs)) = rest.split_first() else {
        return Err(format!("/{command} needs one of {}", list(&names)));
    };
    let Some(sub_def) = subcommands.iter().find(|d| name(d) == sub) else {
        return Err(format!("/{command} has no `{sub}`; choose one of {}", list(&names)));
    };
    let options = values(&options_of(sub_def), pairs, known, &format!("/{command} {sub}"))?;
    Ok((command.clone(), json!([{ "type": 1, "name": sub, "options": options }])))
}

/// Every command, with its subcommands and options.
pub fn help(registered: &[Value]) -> String {
    let mut lines = vec!["Commands:".to_owned()];
    for c in registered {
        let defs = options_of(c);
        let subs: Vec<&Value> = defs.iter().filter(|d| kind(d) == 1).collect();
        if subs.is_empty() {
            let opts: Vec<String> = defs.iter().map(shown_option).collect();
            lines.push(format!("  /{} {}", name(c), opts.join(" ")).trim_end().to_owned());
        } else {
            for s in subs {
                let opts: Vec<String> = options_of(s).iter().map(shown_option).collect();
                lines.push(format!("  /{} {} {}", name(c), name(s), opts.join(" ")).trim_end().to_owned());
            }
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here() -> Known<'static> {
        Known { channel_id: 1, people: &[] }
    }

    #[test]
    fn a_user_option_names_a_person_of_the_playground() {
        let partner = vec![json!({ "name": "partner", "options": [
            { "type": 1, "name": "invite", "options": [ { "type": 6, "name": "user", "required": true } ] } ] })];
        let people = [("sam".to_owned(), 42)];
        let known = Known { channel_id: 1, people: &people };
        let (_, options) = parse("/partner invite user:Sam", &partner, &known).unwrap();
        assert_eq!(options[0]["options"][0]["value"], "42");
        let (_, options) = parse("/partner invite user:@sam", &partner, &known).unwrap();
        assert_eq!(options[0]["options"][0]["value"], "42");
        assert!(parse("/partner invite user:kim", &partner, &known).unwrap_err().contains(":as kim"));
    }

    fn registered() -> Vec<Value> {
        vec![
            json!({ "name": "help", "options": [] }),
            json!({ "name": "nudges", "options": [
                { "type": 1, "name": "on", "options": [
                    { "type": 3, "name": "time", "required": true }, { "type": 3, "name": "timezone" } ] },
                { "type": 1, "name": "pause", "options": [ { "type": 4, "name": "days", "required": true } ] } ] }),
        ]
    }

    #[test]
    fn commands_become_discord_options() {
        let (name, options) =
            parse("/nudges on time:8pm timezone:Europe/Berlin", &registered(), &here()).unwrap();
        assert_eq!(name, "nudges");
        assert_eq!(options[0]["name"], "on");
        assert_eq!(options[0]["options"][1]["value"], "Europe/Berlin");
        let (_, options) = parse("/nudges pause days:3", &registered(), &here()).unwrap();
        assert_eq!(options[0]["options"][0]["value"], 3);
        assert_eq!(words(r#"/journal write text:"two words""#), ["/journal", "write", "text:two words"]);
    }

    #[test]
    fn mistakes_get_a_helpful_line() {
        assert!(parse("/fly", &registered(), &here()).unwrap_err().contains("no command /fly"));
        assert!(parse("/nudges", &registered(), &here()).unwrap_err().contains("`on`"));
        assert!(parse("/nudges on", &registered(), &here()).unwrap_err().contains("needs `time:`"));
        assert!(parse("/nudges on colour:red time:8pm", &registered(), &here())
            .unwrap_err()
            .contains("no option `colour`"));
        assert!(parse("/nudges pause days:soon", &registered(), &here())
            .unwrap_err()
            .contains("whole number"));
        let focus = vec![json!({ "name": "accountability", "options": [
            { "type": 1, "name": "setup", "options": [ { "type": 3, "name": "focus", "choices": [
                { "name": "Follow the guide", "value": "guide" }, { "name": "1. Strengthen self-trust", "value": "self-trust" } ] } ] } ] })];
        let refused = parse("/accountability setup focus:nonsense", &focus, &here()).unwrap_err();
        assert!(refused.contains("one of `guide`, `self-trust`"), "{refused}");
        let (_, options) = parse("/accountability setup focus:Self-Trust", &focus, &here()).unwrap();
        assert_eq!(options[0]["options"][0]["value"], "self-trust");
        let (_, options) =
            parse(r#"/accountability setup focus:"follow the guide""#, &focus, &here()).unwrap();
        assert_eq!(options[0]["options"][0]["value"], "guide");
        assert!(help(&focus).contains("focus:guide|self-trust"));
    }
}
