//! What a button means, written into its custom_id, so buttons keep working after a restart.
//!
//! Form: `v1:<owner user id>:<verb>[:<step slug>[:<practice>]]`. The owner lets any click be checked
//! against the person acting without remembering anything in memory.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Guide,
    OpenStep(String),
    PickPractice(String),
    LogPractice(String, u8),
    ToggleComplete(String),
    Progress,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonId {
    pub owner: u64,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownButton;

const VERSION: &str = "v1";

impl ButtonId {
    pub fn new(owner: u64, action: Action) -> Self {
        Self { owner, action }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownButton> {
        let mut parts = raw.split(':');
        if parts.next() != Some(VERSION) {
            return Err(UnknownButton);
        }
        let owner = parts
            .next()
            .and_then(|o| o.parse::<u64>().ok())
            .ok_or(UnknownButton)?;
        let verb = parts.next().ok_or(UnknownButton)?;
        let slug = parts.next().filter(|s| is_slug(s)).map(str::to_owned);
        let number = parts.next();
        if parts.next().is_some() {
            return Err(UnknownButton);
        }
        let action = match (verb, slug, number) {
            ("guide", None, None) => Action::Guide,
            ("progress", None, None) => Action::Progress,
            ("open", Some(s), None) => Action::OpenStep(s),
            ("pick", Some(s), None) => Action::PickPractice(s),
            ("done", Some(s), None) => Action::ToggleComplete(s),
            ("log", Some(s), Some(n)) => match n.parse::<u8>() {
                Ok(n @ 1..=3) => Action::LogPractice(s, n),
                _ => return Err(UnknownButton),
            },
            _ => return Err(UnknownButton),
        };
        Ok(Self { owner, action })
    }
}

impl fmt::Display for ButtonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let owner = self.owner;
        match &self.action {
            Action::Guide => write!(f, "{VERSION}:{owner}:guide"),
            Action::Progress => write!(f, "{VERSION}:{owner}:progress"),
            Action::OpenStep(s) => write!(f, "{VERSION}:{owner}:open:{s}"),
            Action::PickPractice(s) => write!(f, "{VERSION}:{owner}:pick:{s}"),
            Action::ToggleComplete(s) => write!(f, "{VERSION}:{owner}:done:{s}"),
            Action::LogPractice(s, n) => write!(f, "{VERSION}:{owner}:log:{s}:{n}"),
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 24
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_survives_a_round_trip() {
        for action in [
            Action::Guide,
            Action::Progress,
            Action::OpenStep("self-trust".into()),
            Action::PickPractice("repair".into()),
            Action::ToggleComplete("repair".into()),
            Action::LogPractice("clear-needs".into(), 3),
        ] {
            let id = ButtonId::new(u64::MAX, action);
            let text = id.to_string();
            assert!(text.len() <= 100, "{text}");
            assert_eq!(ButtonId::parse(&text), Ok(id));
        }
    }

    #[test]
    fn foreign_stale_and_malformed_ids_are_unknown() {
        for raw in [
            "",
            "hello",
            "v0:1:guide",
            "v1:abc:guide",
            "v1:1:fly",
            "v1:1:open",
            "v1:1:open:Bad Slug",
            "v1:1:log:repair:4",
            "v1:1:log:repair:0",
            "v1:1:log:repair",
            "v1:1:guide:extra",
            "v1:1:open:repair:1:2",
        ] {
            assert_eq!(ButtonId::parse(raw), Err(UnknownButton), "{raw:?}");
        }
    }
}
