//! `/support`: crisis lines first, then when to find professional help, then the disclaimer.

use chrono::NaiveDate;

use crate::content::{fill, Content};
use crate::reply::{Embed, Field, Reply, COLOUR};

use super::format::bullets;

/// A warm red that reads as "important" without alarm.
const CRISIS_COLOUR: u32 = 0xd1495b;

pub fn render(content: &Content, country: Option<&str>) -> Reply {
    let s = &content.support;
    let p = &s.professional_help;
    let help = Embed {
        title: Some(p.title.clone()),
        description: Some(format!(
            "{}\n\n{}\n\n{}",
            p.intro.trim(),
            bullets(&p.points),
            p.how_to_find.trim()
        )),
        fields: Vec::new(),
        footer: Some(s.disclaimer.text.trim().to_owned()),
        colour: COLOUR,
        image: None,
    };
    Reply { embeds: vec![crisis_embed(content, country), help], ..Reply::default() }
}

/// The crisis lines by region (the person's own country first, when they chose one), findahelpline.com,
/// emergency numbers, and when they were last checked.
pub fn crisis_embed(content: &Content, country: Option<&str>) -> Embed {
    let k = &content.support.crisis;
    let mine = |r: &&crate::content::CrisisResource| {
        country.is_some_and(|c| r.country_codes.iter().any(|cc| cc == c))
    };
    let ordered: Vec<&crate::content::CrisisResource> =
        k.resources.iter().filter(mine).chain(k.resources.iter().filter(|r| !mine(r))).collect();
    let mut fields: Vec<Field> = ordered
        .into_iter()
        .map(|r| Field {
            name: match &r.audience {
                Some(a) => format!("{} · {} ({a})", r.region, r.name),
                None => format!("{} · {}", r.region, r.name),
            },
            value: r.contact.trim().to_owned(),
        })
        .collect();
    fields.push(Field { name: "🌍".to_owned(), value: k.fallback.trim().to_owned() });
    fields.push(Field { name: "🚨".to_owned(), value: k.emergency.trim().to_owned() });
    Embed {
        title: Some(k.title.clone()),
        description: Some(format!("{}\n\n{}", k.intro.trim(), k.closing.trim())),
        fields,
        footer: Some(fill(
            &content.ui.messages.crisis_checked,
            &[("month", &month_name(content, &k.last_verified))],
        )),
        colour: CRISIS_COLOUR,
        image: None,
    }
}

/// "2026-11" becomes "November 2026"; anything else is shown as written.
fn month_name(content: &Content, year_month: &str) -> String {
    NaiveDate::parse_from_str(&format!("{year_month}-01"), "%Y-%m-%d")
        .map(|d| super::format::month(content, d))
        .unwrap_or_else(|_| year_month.to_owned())
}

/// What `/support country:` did with the country typed.
pub enum CountryRead<'a> {
    /// Saved; `listed`: the bot has lines for it.
    Saved {
        name: &'a str,
        listed: bool,
    },
    Unknown {
        typed: &'a str,
    },
}

pub fn country_notice(content: &Content, read: &CountryRead) -> String {
    let m = &content.support.country;
    match read {
        CountryRead::Saved { name, listed: true } => fill(&m.saved, &[("country", name)]),
        CountryRead::Saved { name, listed: false } => fill(&m.saved_no_lines, &[("country", name)]),
        CountryRead::Unknown { typed } => fill(&m.unknown, &[("typed", &super::format::quoted(typed))]),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_written_out() {
        let content =
            crate::content::Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(super::month_name(&content, "2026-11"), "November 2026");
        assert_eq!(super::month_name(&content, "late 2026"), "late 2026");
    }
}
