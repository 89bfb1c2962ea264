//! Reading the time and zone a person types: "20:00", "8pm", "8:30 am"; "Europe/Berlin" or "berlin".

use chrono::NaiveTime;
use chrono_tz::{Tz, TZ_VARIANTS};

/// A time of day, or `None` when the text is not one.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim().to_lowercase().replace(' ', "").replace('.', ":");
    match t.as_str() {
        "noon" | "midday" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => return NaiveTime::from_hms_opt(0, 0, 0),
        _ => {}
    }
    let (clock, meridiem) = if let Some(c) = t.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = t.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (t.as_str(), None)
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None if !clock.is_empty() && clock.len() <= 2 => (clock.parse::<u32>().ok()?, 0),
        None => return None,
    };
    if h > 23 || m > 59 || clock.starts_with('-') || clock.starts_with('+') {
        return None;
    }
    let hour = match meridiem {
        None => h,
        Some(_) if h == 0 || h > 12 => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    NaiveTime::from_hms_opt(hour, m, 0)
}

/// An IANA zone by its exact name, ignoring case.
pub fn parse_zone(text: &str) -> Option<Tz> {
    let wanted = text.trim();
    text.trim()
        .parse::<Tz>()
        .ok()
        .or_else(|| TZ_VARIANTS.iter().copied().find(|z| z.name().eq_ignore_ascii_case(wanted)))
}

/// Up to `limit` zones for autocomplete: names containing what was typed, with spaces read as underscores
/// (so "new york" finds America/New_York); zones whose city starts with it come first.
pub fn suggest_zones(typed: &str, limit: usize) -> Vec<Tz> {
    let needle = typed.trim().to_lowercase().replace(' ', "_");
    let mut scored: Vec<(u8, &str, Tz)> = TZ_VARIANTS
        .iter()
        .filter(|z| z.name().contains('/') && !z.name().starts_with("Etc/"))
        .filter_map(|z| {
            let name = z.name().to_lowercase();
            let city = name.rsplit('/').next().unwrap_or(&name).to_owned();
            let rank = if needle.is_empty() {
                2
            } else if city.starts_with(&needle) {
                0
            } else if name.contains(&needle) {
                1
            } else {
                return None;
            };
            Some((rank, z.name(), *z))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(limit).map(|(_, _, z)| z).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn times_in_the_forms_people_type() {
        assert_eq!(parse_time("20:00"), hm(20, 0));
        assert_eq!(parse_time("8pm"), hm(20, 0));
        assert_eq!(parse_time("8:30 am"), hm(8, 30));
        assert_eq!(parse_time("8.30 PM"), hm(20, 30));
        assert_eq!(parse_time("12am"), hm(0, 0));
        assert_eq!(parse_time("12pm"), hm(12, 0));
        assert_eq!(parse_time("07:05"), hm(7, 5));
        assert_eq!(parse_time("noon"), hm(12, 0));
        assert_eq!(parse_time("9"), hm(9, 0));
    }

    #[test]
    fn things_that_are_not_times() {
        for bad in
            ["", "25:00", "8:60", "13pm", "0am", "eight", "8:5", "20:00:00", "-1", "8:30 amm", "99999999999"]
        {
            assert_eq!(parse_time(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn zones_by_name_in_any_case() {
        assert_eq!(parse_zone("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(parse_zone("europe/berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(parse_zone("Mars/Olympus"), None);
    }

    #[test]
    fn suggestions_match_cities_and_stop_at_the_limit() {
        assert_eq!(suggest_zones("berlin", 25)[0], chrono_tz::Europe::Berlin);
        assert_eq!(suggest_zones("new york", 25)[0], chrono_tz::America::New_York);
        assert!(suggest_zones("", 25).len() == 25);
        assert!(suggest_zones("a", 25).len() <= 25);
        assert!(suggest_zones("zzzz", 25).is_empty());
    }
}
