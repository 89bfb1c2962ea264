//! Submitted forms checked by the bot itself: Discord checks required fields and lengths in its own client, but a
//! forged submission skips that, and nothing from one is stored.

use crate::content::Content;
use crate::render::reflect::form_refused;
use crate::reply::Reply;

/// One field of a submitted form, with the limits the form was opened with.
pub struct Field<'a> {
    /// The field's label, as the form showed it.
    pub label: &'a str,
    pub value: &'a str,
    pub max: u16,
    pub required: bool,
}

/// The kind refusal for the first field that is missing, empty or only spaces when required, or longer than
/// its limit; `None` when every field is as the form allows.
pub fn refusal(content: &Content, fields: &[Field<'_>]) -> Option<Reply> {
    fields.iter().find_map(|f| {
        if f.required && f.value.trim().is_empty() {
            Some(form_refused(content, f.label, None))
        } else if f.value.chars().count() > usize::from(f.max) {
            Some(form_refused(content, f.label, Some(f.max)))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap()
    }

    fn field<'a>(value: &'a str, required: bool) -> Field<'a> {
        Field { label: "How you feel", value, max: 5, required }
    }

    #[test]
    fn a_missing_empty_or_blank_required_field_is_refused_by_name() {
        let c = content();
        for value in ["", "   ", "\n\t"] {
            let refused = refusal(&c, &[field(value, true)]).expect("refused");
            assert!(
                refused.visibility == crate::reply::Visibility::Private
                    && refused.plain_text().contains("How you feel"),
                "{value:?}"
            );
        }
        assert!(refusal(&c, &[field("", false)]).is_none(), "an optional field may be empty");
        assert!(refusal(&c, &[field("calm", true)]).is_none());
    }

    #[test]
    fn a_field_over_its_limit_is_refused_counting_characters_not_bytes() {
        let c = content();
        assert!(refusal(&c, &[field("ééééé", true)]).is_none(), "five characters, ten bytes");
        let refused = refusal(&c, &[field("calmer", true)]).expect("six characters");
        assert!(refused.plain_text().contains('5'), "{}", refused.plain_text());
    }
}
