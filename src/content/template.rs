//! `{name}` placeholders in content strings.

/// Replaces each `{key}` with its value, and each `{key:one|many}` with `one` when the value is 1 and `many`
/// otherwise ("**1** day", "**3** days"): plurals are a rule of the template, not of each message. Unknown
/// placeholders stay as written (the loader refuses them).
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &after[..end];
        let (name, forms) = match inner.split_once(':') {
            Some((name, forms)) => (name, forms.split_once('|')),
            None => (inner, None),
        };
        match (vars.iter().find(|(k, _)| *k == name), forms) {
            (Some((_, value)), None) if !inner.contains(':') => out.push_str(value),
            (Some((_, value)), Some((one, many))) => {
                out.push_str(if value.trim() == "1" { one } else { many })
            }
            _ => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The `{names}` a template uses, plural forms (`{name:one|many}`) included.
pub(super) fn placeholders(template: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) if end > 0 => {
                let inner = &after[..end];
                let name = match inner.split_once(':') {
                    Some((name, forms)) if forms.contains('|') => name,
                    Some(_) => "",
                    None => inner,
                };
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    found.push(name);
                    rest = &after[end + 1..];
                } else {
                    rest = after;
                }
            }
            _ => rest = after,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders() {
        assert_eq!(fill("Step {number} of {total}", &[("number", "2"), ("total", "8")]), "Step 2 of 8");
    }

    #[test]
    fn finds_placeholders_but_not_other_braces() {
        assert_eq!(placeholders("a {one} b {two} {} {Not} {"), vec!["one", "two"]);
        assert_eq!(placeholders("{days} {days:day|days} {x:no bar}"), vec!["days", "days"]);
    }

    #[test]
    fn a_plural_form_follows_its_number() {
        let t = "**{n}** {n:day|days}, {m} {m:practice|practices}";
        assert_eq!(fill(t, &[("n", "1"), ("m", "0")]), "**1** day, 0 practices");
        assert_eq!(fill(t, &[("n", "2"), ("m", "1")]), "**2** days, 1 practice");
        assert_eq!(fill(t, &[("n", "11"), ("m", "21")]), "**11** days, 21 practices");
    }

    #[test]
    fn unknown_or_broken_placeholders_stay_as_written() {
        assert_eq!(fill("{a} {b:x|y} {a:x} {", &[("c", "1")]), "{a} {b:x|y} {a:x} {");
        assert_eq!(fill("a {b", &[("b", "1")]), "a {b");
        assert_eq!(fill("{v}", &[("v", "{v:1|2}")]), "{v:1|2}", "a value is not filled again");
    }
}
