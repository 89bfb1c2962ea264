//! Reading a country as people type it: a name ("Germany", "new zealand"), a common alias ("England",
//! "America"), or an ISO 3166 code ("DE", "DEU"), in any case and spacing. Numbers are not countries here.

/// A recognised country: its two-letter code and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: String,
    pub name: String,
}

/// The country `typed` names, or `None` when it names none.
pub fn read(typed: &str) -> Option<Country> {
    let key: String =
        typed.trim().chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if key.is_empty() || key.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // "UK" is what most people type for the United Kingdom, though its ISO code is GB.
    let key = if key == "uk" { "gb".to_owned() } else { key };
    let found = key
        .parse::<celes::Country>()
        .or_else(|_| format!("the{key}").parse::<celes::Country>())
        .or_else(|_| celes::Country::from_alias(&key))
        .ok()?;
    Some(Country { code: found.alpha2.to_owned(), name: short_name(found.long_name) })
}

/// "The United Kingdom Of Great Britain And Northern Ireland" reads as "the United Kingdom of Great Britain and
/// Northern Ireland": small words lower case, as in a sentence.
fn short_name(long: &str) -> String {
    long.split(' ')
        .enumerate()
        .map(|(i, w)| match w {
            "The" if i == 0 => "the".to_owned(),
            "Of" | "And" | "The" | "Da" | "De" => w.to_lowercase(),
            _ => w.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn names_aliases_and_codes_as_people_type_them_are_read() {
        for (typed, code) in [
            ("Germany", "DE"),
            ("germany", "DE"),
            ("  GERMANY ", "DE"),
            ("de", "DE"),
            ("DEU", "DE"),
            ("United States", "US"),
            ("usa", "US"),
            ("US", "US"),
            ("America", "US"),
            ("UK", "GB"),
            ("united kingdom", "GB"),
            ("Great Britain", "GB"),
            ("England", "GB"),
            ("gb", "GB"),
            ("New Zealand", "NZ"),
            ("new-zealand", "NZ"),
            ("Ireland", "IE"),
            ("Australia", "AU"),
            ("canada", "CA"),
            ("France", "FR"),
            ("Netherlands", "NL"),
            ("Brazil", "BR"),
            ("India", "IN"),
            ("Japan", "JP"),
        ] {
            assert_eq!(read(typed).map(|c| c.code), Some(code.to_owned()), "{typed:?}");
        }
    }

    #[test]
    fn what_names_no_country_is_refused() {
        for typed in ["XX", "Atlantis", "", "   ", "276", "D E U 1", "🙂", "Germany please", "zz"] {
            assert_eq!(read(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn a_long_official_name_reads_as_a_sentence_would() {
        let gb = read("GB").unwrap();
        assert!(gb.name.starts_with("the United Kingdom of"), "{}", gb.name);
        assert_eq!(read("de").unwrap().name, "Germany");
    }
}
