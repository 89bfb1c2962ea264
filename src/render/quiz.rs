//! The quiz as a person sees it: one question at a time (the intro above the first), the result, and the
//! history.

use crate::content::{fill, Content, QuizFile, StyleText};
use crate::custom_id::{Action, ButtonId, QuizSpot};
use crate::ids::UserId;
use crate::quiz::scoring::Style;
use crate::reply::{Button, ButtonStyle, Embed, Field, Reply, COLOUR};
use crate::store::quiz::{QuizSession, StoredResult, StoredVerdict};

use super::format::{bullets, discord_time};

fn button(owner: UserId, action: Action, label: &str, style: ButtonStyle) -> Button {
    Button::new(ButtonId::new(owner, action).to_string(), label, style)
}

/// What the quiz is, which relationships to think of, how long it takes, and the disclaimer: shown above
/// the first question.
fn intro_embed(content: &Content) -> Embed {
    let q = &content.quiz;
    Embed {
        title: Some(q.title.clone()),
        description: Some(q.intro.trim().to_owned()),
        fields: vec![Field {
            name: content.ui.help.disclaimer_heading.clone(),
            value: content.support.disclaimer.text.trim().to_owned(),
        }],
        footer: None,
        colour: COLOUR,
        image: None,
    }
}

/// The question at the session's position, with the answer already given to it (after Back) marked.
pub fn question(
    content: &Content,
    session: &QuizSession,
    current: Option<u8>,
    notice: Option<String>,
    in_guild: bool,
) -> Reply {
    let q = &content.quiz;
    let m = &q.messages;
    let owner = session.user_id;
    let total = session.item_ids.len();
    let position = session.position.min(total.saturating_sub(1));
    let text = session.item_ids.get(position).and_then(|id| q.item(id)).map_or("", |i| i.text.as_str());
    let spot = QuizSpot { session: session.id, position: u16::try_from(position).unwrap_or(u16::MAX) };
    let answer_button = |value: u8, label: &str| {
        let style = if current == Some(value) { ButtonStyle::Success } else { ButtonStyle::Secondary };
        button(owner, Action::QuizAnswer(spot, value), label, style)
    };
    let points: Vec<Button> = q
        .scale
        .points
        .iter()
        .map(|p| answer_button(p.value, &format!("{} · {}", p.value, p.label)))
        .collect();
    let split = points.len().div_ceil(2);
    let embed = Embed {
        title: Some(fill(
            &m.question_counter,
            &[("number", &(position + 1).to_string()), ("total", &total.to_string())],
        )),
        description: Some(format!("**{text}**")),
        fields: Vec::new(),
        footer: (!in_guild).then(|| m.typed_hint.clone()),
        colour: COLOUR,
        image: None,
    };
    let mut controls = vec![
        button(owner, Action::QuizBack(spot), &m.back, ButtonStyle::Secondary).disabled(position == 0),
        button(owner, Action::QuizSkip(spot), &m.skip, ButtonStyle::Secondary),
        button(owner, Action::QuizStop(spot), &m.stop, ButtonStyle::Secondary),
    ];
    if in_guild {
        controls.push(button(owner, Action::QuizToDm, &m.move_to_dm, ButtonStyle::Secondary));
    }
    let embeds = if position == 0 { vec![intro_embed(content), embed] } else { vec![embed] };
    let mut reply = Reply { embeds, ..Reply::default() }
        .with_row(points[..split].to_vec())
        .with_row(points[split..].to_vec())
        .with_row(controls);
    reply.content = notice;
    reply
}

pub fn paused(content: &Content, owner: UserId) -> Reply {
    let m = &content.quiz.messages;
    Reply::text(fill(&m.paused, &[("days", &content.quiz.expiry_days.to_string())])).with_row(vec![button(
        owner,
        Action::QuizStart,
        &m.start,
        ButtonStyle::Primary,
    )])
}

pub fn stale(content: &Content, owner: UserId) -> Reply {
    let m = &content.quiz.messages;
    Reply::text(m.stale.clone()).with_row(vec![button(
        owner,
        Action::QuizStart,
        &m.start,
        ButtonStyle::Primary,
    )])
}

pub fn finished_already(content: &Content, owner: UserId) -> Reply {
    let m = &content.quiz.messages;
    Reply::text(m.finished_already.clone()).with_row(vec![
        button(owner, Action::QuizStart, &m.new_quiz, ButtonStyle::Primary),
        button(owner, Action::QuizHistory, &m.history, ButtonStyle::Secondary),
    ])
}

pub fn moved_to_dm(content: &Content) -> Reply {
    Reply::text(content.quiz.messages.moved_to_dm.clone())
}

fn name(q: &QuizFile, style: Style) -> String {
    q.styles.get(style).name.clone()
}

/// What a stored result says about the style, in one sentence.
pub fn verdict_sentence(q: &QuizFile, r: &StoredResult) -> String {
    let m = &q.messages;
    match &r.verdict {
        StoredVerdict::Leaning(s) => fill(&m.leaning, &[("style", &name(q, *s))]),
        StoredVerdict::LeaningClose(s) => fill(&m.leaning_close, &[("style", &name(q, *s))]),
        StoredVerdict::OnTheLine(styles) => match styles.as_slice() {
            [a, b] => fill(&m.on_the_line, &[("first", &name(q, *a)), ("second", &name(q, *b))]),
            _ => m.on_both_lines.clone(),
        },
        StoredVerdict::WithheldSame => m.withheld_same.clone(),
        StoredVerdict::WithheldInconsistent(d) => {
            fill(&m.withheld_inconsistent, &[("dimension", &q.label(*d).to_lowercase())])
        }
        StoredVerdict::Incomplete => m.incomplete.clone(),
    }
}

/// A short verdict for the history list.
fn verdict_short(q: &QuizFile, r: &StoredResult) -> String {
    let m = &q.messages;
    match &r.verdict {
        StoredVerdict::Leaning(s) => name(q, *s),
        StoredVerdict::LeaningClose(s) => fill(&m.verdict_slightly, &[("style", &name(q, *s))]),
        StoredVerdict::OnTheLine(styles) if styles.len() == 2 => {
            fill(&m.verdict_between, &[("first", &name(q, styles[0])), ("second", &name(q, styles[1]))])
        }
        StoredVerdict::Incomplete => m.verdict_incomplete.clone(),
        _ => m.verdict_withheld.clone(),
    }
}

fn one_decimal(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_owned(), |s| format!("{s:.1}"))
}

/// A bar of seven cells, one per point of the scale.
fn bar(score: f64, q: &QuizFile) -> String {
    let cells = usize::from(q.scale.max - q.scale.min + 1);
    let filled = ((score - f64::from(q.scale.min) + 1.0).round().max(0.0) as usize).min(cells);
    "▰".repeat(filled) + &"▱".repeat(cells - filled)
}

/// Where the two scores fall on the plane, as a small grid: the dot is the person, the lines the thresholds.
fn grid(anxiety: f64, avoidance: f64, q: &QuizFile) -> String {
    let (min, max) = (i32::from(q.scale.min), i32::from(q.scale.max));
    let at = |v: f64| (v.round() as i32).clamp(min, max);
    let (row_line, col_line) = (at(q.thresholds.anxiety), at(q.thresholds.avoidance));
    // A score off its middle line is never drawn on it: it moves one cell to its own side, as the words say.
    let mark = |v: f64, threshold: f64, line: i32| match at(v) {
        cell if cell == line && v > threshold => (cell + 1).min(max),
        cell if cell == line && v < threshold => (cell - 1).max(min),
        cell => cell,
    };
    let row_mark = mark(anxiety, q.thresholds.anxiety, row_line);
    let col_mark = mark(avoidance, q.thresholds.avoidance, col_line);
    let m = &q.messages;
    let mut lines = vec![format!("{} ↑", m.anxiety_label)];
    for row in (min..=max).rev() {
        let cells: Vec<&str> = (min..=max)
            .map(|col| match (row == row_mark && col == col_mark, row == row_line, col == col_line) {
                (true, _, _) => "●",
                (false, true, true) => "┼",
                (false, true, false) => "─",
                (false, false, true) => "│",
                _ => "·",
            })
            .collect();
        lines.push(format!("{row} {}", cells.join(" ")));
    }
    let axis: Vec<String> = (min..=max).map(|c| c.to_string()).collect();
    lines.push(format!("  {} → {}", axis.join(" "), m.avoidance_label));
    format!("```\n{}\n```", lines.join("\n"))
}

/// A result as shown: the stored scores and verdict, the notes and steps drawn from its answers, and a line
/// above it when it is a past result opened again.
pub struct ResultView<'a> {
    pub result: &'a StoredResult,
    pub personal: &'a [&'a str],
    pub steps: &'a [&'a str],
    pub notice: Option<String>,
}

/// A button on a result or the history: it answers with a new message, so the result stays readable.
fn kept(owner: UserId, action: Action, label: &str, style: ButtonStyle) -> Button {
    Button::new(ButtonId::keeping(owner, action).to_string(), label, style)
}

/// Near the middle, a little of each neighbouring style: each style's first `per_style` entries, named.
fn blend(q: &QuizFile, styles: &[Style], per_style: usize, list: fn(&StyleText) -> &Vec<String>) -> String {
    let lines: Vec<String> = styles
        .iter()
        .flat_map(|s| {
            let st = q.styles.get(*s);
            list(st).iter().take(per_style).map(move |entry| format!("*{}:* {entry}", st.name))
        })
        .collect();
    bullets(&lines)
}

pub fn result(content: &Content, owner: UserId, view: &ResultView) -> Reply {
    let q = &content.quiz;
    let m = &q.messages;
    let r = view.result;
    let mut scores = format!(
        "**{}** {} {}\n*{}*\n**{}** {} {}\n*{}*",
        m.anxiety_label,
        one_decimal(r.anxiety),
        r.anxiety.map(|s| bar(s, q)).unwrap_or_default(),
        m.anxiety_explain,
        m.avoidance_label,
        one_decimal(r.avoidance),
        r.avoidance.map(|s| bar(s, q)).unwrap_or_default(),
        m.avoidance_explain,
    );
    if let (Some(a), Some(v)) = (r.anxiety, r.avoidance) {
        scores.push('\n');
        scores.push_str(&grid(a, v, q));
    }
    let mut fields = vec![Field { name: m.scores_heading.clone(), value: scores }];
    let mut description = verdict_sentence(q, r);
    match &r.verdict {
        StoredVerdict::Leaning(style) | StoredVerdict::LeaningClose(style) => {
            let s = q.styles.get(*style);
            description = format!("{description}\n\n{}", s.description.trim());
            fields.push(Field { name: m.breakdown_triggers.clone(), value: bullets(&s.triggers) });
            fields.push(Field { name: m.breakdown_strengths.clone(), value: bullets(&s.strengths) });
            fields.push(Field { name: m.breakdown_growth.clone(), value: bullets(&s.growth) });
        }
        // Between two styles, two of each; in the very middle, one of each of the four.
        StoredVerdict::OnTheLine(between) => {
            let per_style = if between.len() > 2 { 1 } else { 2 };
            fields.push(Field {
                name: m.breakdown_triggers.clone(),
                value: blend(q, between, per_style, |s| &s.triggers),
            });
            fields.push(Field {
                name: m.breakdown_strengths.clone(),
                value: blend(q, between, per_style, |s| &s.strengths),
            });
            fields.push(Field {
                name: m.breakdown_growth.clone(),
                value: blend(q, between, per_style, |s| &s.growth),
            });
        }
        // Withheld or incomplete: no style is described, as none would be fair.
        _ => {}
    }
    if !view.personal.is_empty() {
        let notes: Vec<String> = view.personal.iter().map(|n| (*n).to_owned()).collect();
        fields.push(Field { name: m.breakdown_personal.clone(), value: bullets(&notes) });
    }
    let step_buttons: Vec<Button> = view
        .steps
        .iter()
        .filter_map(|slug| content.step(slug))
        .map(|s| {
            kept(
                owner,
                Action::OpenStep(s.slug.clone()),
                &format!("{}. {}", s.number, s.title),
                ButtonStyle::Primary,
            )
        })
        .collect();
    if !step_buttons.is_empty() {
        let names: Vec<String> = step_buttons.iter().map(|b| b.label.clone()).collect();
        fields.push(Field { name: m.start_with.clone(), value: bullets(&names) });
    }
    let main = Embed {
        title: Some(m.result_title.clone()),
        description: Some(description),
        fields,
        footer: None,
        colour: COLOUR,
        image: None,
    };
    let keep_in_mind = Embed {
        title: Some(m.caveats_heading.clone()),
        description: Some(bullets(&q.caveats)),
        fields: Vec::new(),
        footer: Some(content.support.disclaimer.text.trim().to_owned()),
        colour: COLOUR,
        image: None,
    };
    let mut reply =
        Reply { embeds: vec![main, keep_in_mind], ..Reply::default() }.with_row(step_buttons).with_row(vec![
            kept(owner, Action::QuizHistory, &m.history, ButtonStyle::Secondary),
            kept(owner, Action::QuizStart, &m.new_quiz, ButtonStyle::Secondary),
        ]);
    reply.content = view.notice.clone();
    reply
}

/// Whether a result's scores mean something to compare: a straight-lined or contradictory quiz's do not.
fn comparable(r: &StoredResult) -> bool {
    !r.verdict.is_withheld() && r.anxiety.is_some() && r.avoidance.is_some()
}

/// Results oldest to newest (the last ten), each numbered, with how the scores moved since the comparable one
/// before, and a button per result that opens it in full. Dates on the buttons are the person's own.
pub fn history(
    content: &Content,
    owner: UserId,
    results: &[StoredResult],
    zone: Option<chrono_tz::Tz>,
) -> Reply {
    let q = &content.quiz;
    let m = &q.messages;
    if results.is_empty() {
        let start = button(owner, Action::QuizStart, &m.first_quiz, ButtonStyle::Primary);
        return Reply::embed(Embed {
            title: Some(m.history_title.clone()),
            description: Some(m.history_empty.clone()),
            colour: COLOUR,
            image: None,
            ..Embed::default()
        })
        .with_row(vec![start]);
    }
    let shown_from = results.len().saturating_sub(10);
    let mut lines = Vec::new();
    let mut open = Vec::new();
    for (i, r) in results.iter().enumerate().skip(shown_from) {
        let number = (i + 1).to_string();
        lines.push(fill(
            &m.history_line,
            &[
                ("number", &number),
                ("when", &discord_time(r.finished_at, 'D')),
                ("anxiety_label", &m.anxiety_label),
                ("anxiety", &one_decimal(r.anxiety)),
                ("avoidance_label", &m.avoidance_label),
                ("avoidance", &one_decimal(r.avoidance)),
                ("verdict", &verdict_short(q, r)),
            ],
        ));
        let before = results[..i].iter().rev().find(|b| comparable(b));
        if let Some(before) = before.filter(|_| comparable(r)) {
            lines.push(format!(
                "↳ {}",
                fill(
                    &m.history_change,
                    &[
                        ("anxiety_label", &m.anxiety_label),
                        ("anxiety_change", &change(before.anxiety, r.anxiety)),
                        ("avoidance_label", &m.avoidance_label),
                        ("avoidance_change", &change(before.avoidance, r.avoidance)),
                    ],
                )
            ));
        }
        let day = super::format::short_date(content, crate::progress::local_day(r.finished_at, zone));
        let label = fill(&m.history_open, &[("number", &number), ("date", &day)]);
        open.push(kept(owner, Action::QuizResult(r.session_id), &label, ButtonStyle::Secondary));
    }
    let mut reply = Reply::embed(Embed {
        title: Some(m.history_title.clone()),
        description: Some(lines.join("\n")),
        colour: COLOUR,
        image: None,
        ..Embed::default()
    });
    for row in open.chunks(5) {
        reply = reply.with_row(row.to_vec());
    }
    reply.with_row(vec![kept(owner, Action::QuizStart, &m.new_quiz, ButtonStyle::Primary)])
}

/// "+0.8", "−1.2" or "±0.0"; "–" when either score is missing.
fn change(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => {
            let d = ((a - b) * 10.0).round() / 10.0;
            if d > 0.0 {
                format!("+{d:.1}")
            } else if d < 0.0 {
                format!("−{:.1}", -d)
            } else {
                "±0.0".to_owned()
            }
        }
        _ => "–".to_owned(),
    }
}

/// An unfinished quiz left longer than `days` was set aside.
pub fn expired_notice(content: &Content, days: u32) -> String {
    fill(&content.quiz.messages.expired, &[("days", &days.to_string())])
}

/// Above a result opened again: the day it was taken, in the reader's own zone.
pub fn result_from(content: &Content, finished_at: chrono::DateTime<chrono::Utc>) -> String {
    fill(&content.quiz.messages.result_from, &[("when", &discord_time(finished_at, 'D'))])
}

/// A result deleted since, or never this person's.
pub fn result_gone(content: &Content) -> Reply {
    Reply::text(content.quiz.messages.result_gone.clone())
}

/// Text in the DM that is not an answer to the quiz's question.
pub fn typed_hint(content: &Content) -> Reply {
    Reply::text(content.quiz.messages.typed_hint.clone())
}

#[cfg(test)]
mod tests {
    use crate::ids::UserId;
    use crate::quiz::scoring::Style;
    use crate::store::quiz::StoredVerdict;

    #[test]
    fn changes_are_signed_with_one_decimal() {
        assert_eq!(super::change(Some(5.0), Some(4.2)), "−0.8");
        assert_eq!(super::change(Some(2.0), Some(3.25)), "+1.3");
        assert_eq!(super::change(Some(2.0), Some(2.01)), "±0.0");
        assert_eq!(super::change(None, Some(2.0)), "–");
    }

    fn content() -> crate::content::Content {
        crate::content::Content::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn stored(session_id: i64, verdict: super::StoredVerdict, scores: (f64, f64)) -> super::StoredResult {
        super::StoredResult {
            session_id,
            finished_at: chrono::DateTime::from_timestamp(1_790_000_000 + session_id * 86_400 * 30, 0)
                .unwrap(),
            anxiety: Some(scores.0),
            avoidance: Some(scores.1),
            anxiety_answered: 6,
            avoidance_answered: 6,
            verdict,
        }
    }

    #[test]
    fn a_score_off_the_middle_line_is_drawn_on_its_own_side() {
        let content = content();
        // 4.3 anxiety and 3.7 avoidance: "lean slightly anxious", so the dot is above and left of the cross.
        let grid = super::grid(4.3, 3.7, &content.quiz);
        let rows: Vec<&str> = grid.lines().collect();
        let row = |n: u8| rows.iter().find(|r| r.starts_with(&format!("{n} "))).copied().unwrap_or_default();
        assert!(row(5).contains('●'), "{grid}");
        assert!(!row(4).contains('●'), "never on the crosshair:\n{grid}");
        let cells: Vec<&str> = row(5).split(' ').skip(1).collect();
        assert_eq!(cells.iter().position(|c| *c == "●"), Some(2), "avoidance 3 of 1..7:\n{grid}");
        // Exactly on the line stays on it.
        assert!(super::grid(4.0, 2.0, &content.quiz).lines().any(|l| l.starts_with("4 ") && l.contains('●')));
    }

    #[test]
    fn the_history_keeps_slightly_and_compares_only_with_results_that_gave_scores_fairly() {
        let content = content();
        let m = &content.quiz.messages;
        let results = [
            stored(1, StoredVerdict::LeaningClose(Style::Anxious), (4.3, 3.7)),
            stored(2, StoredVerdict::WithheldSame, (4.3, 4.3)),
            stored(3, StoredVerdict::Leaning(Style::Secure), (3.3, 2.7)),
        ];
        let shown = super::history(&content, UserId(1), &results, None);
        let text = shown.plain_text();
        let slightly =
            crate::content::fill(&m.verdict_slightly, &[("style", &content.quiz.styles.anxious.name)]);
        assert!(text.contains(&slightly), "{text}");
        // The straight-lined result gets no change line, and the third compares with the first: −1.0 both.
        let changes: Vec<&str> = text.lines().filter(|l| l.starts_with("↳")).collect();
        assert_eq!(changes.len(), 1, "{text}");
        assert!(changes[0].contains("−1.0") && !changes[0].contains("−1.6"), "{text}");
        let open: Vec<String> = shown.rows.iter().flatten().map(|b| b.label.clone()).collect();
        assert!(open.iter().any(|l| l.starts_with("3 · ")), "{open:?}");
        assert!(shown.rows.iter().flatten().all(|b| b.custom_id.contains(":k:")), "history buttons keep it");
    }

    #[test]
    fn an_empty_history_offers_the_quiz_not_taking_it_again() {
        let content = content();
        let m = &content.quiz.messages;
        let labels = |r: &crate::reply::Reply| -> Vec<String> {
            r.rows.iter().flatten().map(|b| b.label.clone()).collect()
        };
        let empty = super::history(&content, UserId(1), &[], None);
        assert_eq!(labels(&empty), vec![m.first_quiz.clone()]);
        assert_ne!(m.first_quiz, m.new_quiz);
    }
}
