//! The shapes of the files in `content/`, as serde reads them.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideFile {
    pub opening: Opening,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    pub title: String,
    pub summary: String,
    pub inner_story: String,
    pub takeaways: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub number: u8,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub what: String,
    pub why: String,
    pub practices: Vec<Practice>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub name: String,
    pub how: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategiesFile {
    pub title: String,
    pub intro: String,
    pub closing: String,
    pub strategies: Vec<Strategy>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub name: String,
    pub what: String,
    pub try_today: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportFile {
    pub disclaimer: Disclaimer,
    pub professional_help: ProfessionalHelp,
    pub crisis: Crisis,
    pub country: CountryMessages,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryMessages {
    pub saved: String,
    pub saved_no_lines: String,
    pub unknown: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclaimer {
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfessionalHelp {
    pub title: String,
    pub intro: String,
    pub points: Vec<String>,
    pub how_to_find: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crisis {
    pub title: String,
    pub intro: String,
    /// `YYYY-MM`: when the contacts were last checked.
    pub last_verified: String,
    pub fallback: String,
    pub emergency: String,
    pub closing: String,
    pub resources: Vec<CrisisResource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisResource {
    pub region: String,
    pub country_codes: Vec<String>,
    pub name: String,
    pub contact: String,
    #[serde(default)]
    pub audience: Option<String>,
}
