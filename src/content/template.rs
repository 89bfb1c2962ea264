//! `{name}` placeholders in content strings.

/// Replaces each `{key}` with its value; unknown placeholders stay as written (the loader refuses them).
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in vars {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// The `{names}` a template uses.
pub(super) fn placeholders(template: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) if after[..end].chars().all(|c| c.is_ascii_lowercase() || c == '_') && end > 0 => {
                found.push(&after[..end]);
                rest = &after[end + 1..];
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
    }
}
