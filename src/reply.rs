//! What the bot shows, as plain data: renderers build it, the Discord layer sends it, tests read it.

/// Discord's per-message limits (see discord-facts.md: embeds, components, content).
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBEDS: usize = 10;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const EMBED_FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const EMBED_TOTAL: usize = 6000;
    pub const ROWS: usize = 5;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const BUTTON_LABEL: usize = 80;
    pub const CUSTOM_ID: usize = 100;
}

/// Who a reply is for. Private unless a reply says it is shared, so nothing personal is posted by mistake.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Visibility {
    /// The person who acted, alone.
    #[default]
    Private,
    /// Everyone in the channel: a step or the guide shared on purpose, a server's daily post.
    Shared,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    pub rows: Vec<Vec<Button>>,
    /// Private (the default) or shared; `discord::visibility` turns it into ephemeral or not.
    pub visibility: Visibility,
    /// Files sent with the message: (file name, bytes).
    pub files: Vec<(String, Vec<u8>)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embed {
    pub title: Option<String>,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    pub footer: Option<String>,
    pub colour: u32,
    /// An image shown in the embed, such as `attachment://progress.png`.
    pub image: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
    pub disabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Success,
    Danger,
}

/// The bot's one accent colour: a calm teal.
pub const COLOUR: u32 = 0x2a9d8f;

impl Reply {
    pub fn text(content: impl Into<String>) -> Self {
        Self { content: Some(content.into()), ..Self::default() }
    }

    pub fn embed(embed: Embed) -> Self {
        Self { embeds: vec![embed], ..Self::default() }
    }

    /// For everyone in the channel.
    pub fn shared(mut self) -> Self {
        self.visibility = Visibility::Shared;
        self
    }

    pub fn with_row(mut self, row: Vec<Button>) -> Self {
        if !row.is_empty() {
            self.rows.push(row);
        }
        self
    }

    pub fn with_content(mut self, content: impl Into<String>) -> Self {
        self.content = Some(content.into());
        self
    }

    /// Every Discord limit this reply would break, described so a content writer can fix it.
    pub fn limit_problems(&self) -> Vec<String> {
        use limits::*;
        let mut problems = Vec::new();
        let mut over = |what: &str, len: usize, max: usize| {
            if len > max {
                problems.push(format!("{what} is {len} characters, Discord allows {max}"));
            }
        };
        if let Some(content) = &self.content {
            over("message text", chars(content), CONTENT);
        }
        let mut total = 0;
        for e in &self.embeds {
            let title = e.title.as_deref().map_or(0, chars);
            let description = e.description.as_deref().map_or(0, chars);
            let footer = e.footer.as_deref().map_or(0, chars);
            over("embed title", title, EMBED_TITLE);
            over("embed description", description, EMBED_DESCRIPTION);
            over("embed footer", footer, FOOTER);
            total += title + description + footer;
            for f in &e.fields {
                over(&format!("field name {:?}", short(&f.name)), chars(&f.name), FIELD_NAME);
                over(&format!("field {:?}", short(&f.name)), chars(&f.value), FIELD_VALUE);
                total += chars(&f.name) + chars(&f.value);
            }
        }
        over("all embeds together", total, EMBED_TOTAL);
        if self.embeds.len() > EMBEDS {
            problems.push(format!("{} embeds, Discord allows {EMBEDS}", self.embeds.len()));
        }
        for e in &self.embeds {
            if e.fields.len() > EMBED_FIELDS {
                problems
                    .push(format!("{} fields in one embed, Discord allows {EMBED_FIELDS}", e.fields.len()));
            }
        }
        if self.files.len() > EMBEDS {
            problems.push(format!("{} files, Discord allows {EMBEDS}", self.files.len()));
        }
        if self.rows.len() > ROWS {
            problems.push(format!("{} rows of buttons, Discord allows {ROWS}", self.rows.len()));
        }
        let mut ids = std::collections::HashSet::new();
        for row in &self.rows {
            if row.is_empty() || row.len() > BUTTONS_PER_ROW {
                problems
                    .push(format!("a row of {} buttons, Discord allows 1 to {BUTTONS_PER_ROW}", row.len()));
            }
            for b in row {
                if chars(&b.label) > BUTTON_LABEL || b.label.trim().is_empty() {
                    problems.push(format!(
                        "button label {:?} must be 1 to {BUTTON_LABEL} characters",
                        short(&b.label)
                    ));
                }
                if b.custom_id.is_empty() || b.custom_id.len() > CUSTOM_ID {
                    problems.push(format!("button id {:?} must be 1 to {CUSTOM_ID} characters", b.custom_id));
                }
                if !ids.insert(b.custom_id.as_str()) {
                    problems.push(format!("button id {:?} is used twice in one message", b.custom_id));
                }
            }
        }
        if self.content.as_deref().is_none_or(str::is_empty) && self.embeds.is_empty() {
            problems.push("the message has neither text nor an embed".to_owned());
        }
        problems
    }

    /// The reply shortened to fit Discord's limits, so a send never fails with a 400: texts are cut with "…",
    /// and parts beyond the counts allowed are dropped. Content is checked at start-up, so this only acts on
    /// what people wrote that is shown back, or on a bug.
    pub fn fitted(&self) -> Reply {
        use limits::*;
        let mut r = self.clone();
        r.content = r.content.map(|c| cut(&c, CONTENT));
        r.embeds.truncate(EMBEDS);
        for e in &mut r.embeds {
            e.title = e.title.take().map(|t| cut(&t, EMBED_TITLE));
            e.description = e.description.take().map(|d| cut(&d, EMBED_DESCRIPTION));
            e.footer = e.footer.take().map(|f| cut(&f, FOOTER));
            e.fields.truncate(EMBED_FIELDS);
            for f in &mut e.fields {
                f.name = cut(&f.name, FIELD_NAME);
                f.value = cut(&f.value, FIELD_VALUE);
            }
        }
        // Over the 6000 total: shorten the longest text until it fits.
        while total(&r.embeds) > EMBED_TOTAL {
            let over = total(&r.embeds) - EMBED_TOTAL;
            let longest = r
                .embeds
                .iter_mut()
                .flat_map(|e| {
                    e.description
                        .iter_mut()
                        .chain(e.title.iter_mut())
                        .chain(e.footer.iter_mut())
                        .chain(e.fields.iter_mut().flat_map(|f| [&mut f.value, &mut f.name]))
                })
                .max_by_key(|t| t.chars().count());
            match longest {
                Some(t) if t.chars().count() > over + 1 => *t = cut(t, t.chars().count() - over),
                // Emptying the longest text always makes progress; nothing left to shorten ends the loop.
                Some(t) if !t.is_empty() => t.clear(),
                _ => break,
            }
        }
        r.rows.truncate(ROWS);
        for row in &mut r.rows {
            row.truncate(BUTTONS_PER_ROW);
            for b in row.iter_mut() {
                b.label = cut(&b.label, BUTTON_LABEL);
            }
        }
        r.files.truncate(EMBEDS);
        r
    }

    /// Everything a person would read, in order: for logs of what was shown and for tests.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        if let Some(c) = &self.content {
            out.push_str(c);
            out.push('\n');
        }
        for e in &self.embeds {
            for part in [&e.title, &e.description].into_iter().flatten() {
                out.push_str(part);
                out.push('\n');
            }
            for f in &e.fields {
                out.push_str(&f.name);
                out.push('\n');
                out.push_str(&f.value);
                out.push('\n');
            }
            if let Some(f) = &e.footer {
                out.push_str(f);
                out.push('\n');
            }
        }
        out
    }
}

/// At most `max` characters, ending in "…" when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn total(embeds: &[Embed]) -> usize {
    embeds
        .iter()
        .map(|e| {
            [&e.title, &e.description, &e.footer]
                .iter()
                .filter_map(|t| t.as_deref())
                .map(chars)
                .sum::<usize>()
                + e.fields.iter().map(|f| chars(&f.name) + chars(&f.value)).sum::<usize>()
        })
        .sum()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

impl Button {
    pub fn new(custom_id: impl Into<String>, label: impl Into<String>, style: ButtonStyle) -> Self {
        Self { custom_id: custom_id.into(), label: label.into(), style, disabled: false }
    }

    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_within_limits_has_no_problems() {
        let r = Reply::text("hello").with_row(vec![Button::new("a", "A", ButtonStyle::Primary)]);
        assert!(r.limit_problems().is_empty());
    }

    #[test]
    fn oversized_parts_are_each_reported() {
        let long = "x".repeat(1025);
        let r = Reply::embed(Embed {
            title: Some("t".repeat(300)),
            fields: vec![Field { name: "n".into(), value: long }],
            ..Embed::default()
        })
        .with_row(vec![
            Button::new("same", "A", ButtonStyle::Primary),
            Button::new("same", "B", ButtonStyle::Primary),
        ]);
        let problems = r.limit_problems();
        assert!(problems.iter().any(|p| p.contains("embed title is 300")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("1025 characters")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("used twice")), "{problems:?}");
    }

    #[test]
    fn the_six_thousand_character_total_is_checked() {
        let field = Field { name: "n".into(), value: "v".repeat(1000) };
        let r = Reply::embed(Embed { fields: vec![field; 7], ..Embed::default() });
        assert!(r.limit_problems().iter().any(|p| p.contains("all embeds together")));
    }

    #[test]
    fn an_oversized_reply_is_fitted_within_every_limit() {
        let huge = "ö".repeat(9000);
        let mut r = Reply::text(huge.clone());
        for _ in 0..12 {
            r.embeds.push(Embed {
                title: Some(huge.clone()),
                description: Some(huge.clone()),
                fields: vec![Field { name: huge.clone(), value: huge.clone() }; 30],
                footer: Some(huge.clone()),
                ..Embed::default()
            });
        }
        r.rows = vec![vec![Button::new("a", huge.clone(), ButtonStyle::Primary)]; 7];
        assert!(!r.limit_problems().is_empty());
        let fitted = r.fitted();
        let problems: Vec<String> =
            fitted.limit_problems().into_iter().filter(|p| !p.contains("used twice")).collect();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(fitted.content.unwrap().ends_with('…'));
    }

    #[test]
    fn an_empty_message_is_refused() {
        assert!(!Reply::default().limit_problems().is_empty());
    }
}

/// A form that opens over Discord (callback type 9): up to five text inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Modal {
    pub custom_id: String,
    pub title: String,
    pub inputs: Vec<ModalInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModalInput {
    pub id: String,
    pub label: String,
    pub placeholder: String,
    pub max_length: u16,
    pub required: bool,
    /// Several lines rather than one.
    pub long: bool,
}
