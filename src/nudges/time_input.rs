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

/// What a typed zone turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneRead {
    Found(Tz),
    /// A fixed abbreviation that ignores summer time (a New Yorker's "EST" is an hour off all summer), with
    /// the zone most people who type it live in.
    Abbreviation(Tz),
    Unknown,
}

/// Abbreviations people type for a zone, and the zone most of them mean. They keep the same offset all year,
/// so taking them literally would put nudges an hour off for half of it.
const ABBREVIATIONS: &[(&str, Tz)] = &[
    ("est", Tz::America__New_York),
    ("edt", Tz::America__New_York),
    ("et", Tz::America__New_York),
    ("cst", Tz::America__Chicago),
    ("cdt", Tz::America__Chicago),
    ("mst", Tz::America__Denver),
    ("mdt", Tz::America__Denver),
    ("pst", Tz::America__Los_Angeles),
    ("pdt", Tz::America__Los_Angeles),
    ("pt", Tz::America__Los_Angeles),
    ("hst", Tz::Pacific__Honolulu),
    ("akst", Tz::America__Anchorage),
    ("gmt", Tz::Europe__London),
    ("bst", Tz::Europe__London),
    ("wet", Tz::Europe__Lisbon),
    ("cet", Tz::Europe__Berlin),
    ("cest", Tz::Europe__Berlin),
    ("met", Tz::Europe__Berlin),
    ("eet", Tz::Europe__Athens),
    ("eest", Tz::Europe__Athens),
    ("ist", Tz::Asia__Kolkata),
    ("jst", Tz::Asia__Tokyo),
    ("aest", Tz::Australia__Sydney),
    ("aedt", Tz::Australia__Sydney),
    ("nzst", Tz::Pacific__Auckland),
];

/// Reads a typed zone: an IANA name in any case, a city only one zone has, or an abbreviation to ask about.
pub fn read_zone(text: &str) -> ZoneRead {
    let wanted = text.trim();
    let lower = wanted.to_lowercase();
    if let Some((_, zone)) = ABBREVIATIONS.iter().find(|(a, _)| *a == lower) {
        return ZoneRead::Abbreviation(*zone);
    }
    if let Some(zone) = TZ_VARIANTS.iter().copied().find(|z| z.name().eq_ignore_ascii_case(wanted)) {
        return ZoneRead::Found(zone);
    }
    let city = lower.replace(' ', "_");
    if city.is_empty() {
        return ZoneRead::Unknown;
    }
    let matches: Vec<Tz> = TZ_VARIANTS
        .iter()
        .copied()
        .filter(|z| {
            z.name().contains('/')
                && !z.name().starts_with("Etc/")
                && z.name().rsplit('/').next().is_some_and(|c| c.eq_ignore_ascii_case(&city))
        })
        .collect();
    // Old and new names of one zone (America/Buenos_Aires, America/Argentina/Buenos_Aires) keep the same
    // clock: one city. The newer name has more parts.
    match matches.first() {
        Some(first) if matches.iter().all(|z| same_clock(*z, *first)) => matches
            .iter()
            .copied()
            .max_by_key(|z| z.name().matches('/').count())
            .map_or(ZoneRead::Unknown, ZoneRead::Found),
        _ => ZoneRead::Unknown,
    }
}

/// Whether two zones show the same time through a year, summer time included.
fn same_clock(a: Tz, b: Tz) -> bool {
    use chrono::{Offset, TimeZone};
    (0..12).all(|month| {
        let at = chrono::DateTime::from_timestamp(1_767_225_600 + i64::from(month) * 2_629_800, 0)
            .unwrap_or_default();
        a.offset_from_utc_datetime(&at.naive_utc()).fix() == b.offset_from_utc_datetime(&at.naive_utc()).fix()
    })
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

    /// The zone `text` names, if it is one (an abbreviation is not).
    fn parse_zone(text: &str) -> Option<Tz> {
        match read_zone(text) {
            ZoneRead::Found(zone) => Some(zone),
            _ => None,
        }
    }

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
    fn a_city_only_one_zone_has_is_that_zone() {
        assert_eq!(parse_zone("berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(parse_zone("  New York "), Some(chrono_tz::America::New_York));
        assert_eq!(parse_zone("buenos aires"), Some(chrono_tz::America::Argentina::Buenos_Aires));
        assert_eq!(parse_zone("TOKYO"), Some(chrono_tz::Asia::Tokyo));
        for not_a_city in ["", "   ", "york", "europe", "america/", "/berlin", "berlin/", "12345"] {
            assert_eq!(parse_zone(not_a_city), None, "{not_a_city:?}");
        }
    }

    #[test]
    fn a_fixed_abbreviation_asks_about_the_zone_people_mean() {
        assert_eq!(read_zone("EST"), ZoneRead::Abbreviation(chrono_tz::America::New_York));
        assert_eq!(read_zone("cet"), ZoneRead::Abbreviation(chrono_tz::Europe::Berlin));
        assert_eq!(read_zone(" PST "), ZoneRead::Abbreviation(chrono_tz::America::Los_Angeles));
        assert_eq!(read_zone("GMT"), ZoneRead::Abbreviation(chrono_tz::Europe::London));
        assert_eq!(parse_zone("EST"), None, "never taken literally");
        assert_eq!(read_zone("UTC"), ZoneRead::Found(chrono_tz::UTC), "UTC is a real choice");
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
