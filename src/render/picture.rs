//! The picture in `/progress`: the last 12 weeks as a calendar heat map, each step's completion, and the quiz
//! scores over time. Drawn with plotters into memory with the font shipped in `assets/fonts`, encoded as PNG.

use std::sync::Once;

use chrono::{Datelike, Duration, NaiveDate};
use plotters::prelude::*;
use plotters::style::FontStyle;
use thiserror::Error;

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 420;
pub const FILE_NAME: &str = "progress.png";
const WEEKS: i64 = 12;
const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

#[derive(Debug, Error)]
#[error("the progress picture could not be drawn: {0}")]
pub struct PictureError(String);

/// What the picture shows, already gathered.
#[derive(Debug, Clone, Default)]
pub struct PictureData {
    pub today: NaiveDate,
    /// Practices and check-ins per day (days without any may be left out).
    pub activity: Vec<(NaiveDate, u32)>,
    /// Each step's number, whether it is complete, and its practices logged.
    pub steps: Vec<(u8, bool, u32)>,
    /// Quiz results that gave scores fairly, oldest first: the local day, anxiety and avoidance on the 1–7
    /// scale.
    pub quiz: Vec<(NaiveDate, f64, f64)>,
    /// How steady the person felt at their latest check-ins, oldest first: the day, 1 to 5.
    pub steadiness: Vec<(NaiveDate, u8)>,
    pub labels: PictureLabels,
}

#[derive(Debug, Clone, Default)]
pub struct PictureLabels {
    pub weeks: String,
    pub steps: String,
    pub quiz: String,
    pub steadiness: String,
    pub anxiety: String,
    pub avoidance: String,
    /// How a day under a chart is written (`formats.chart_day`).
    pub day_pattern: String,
}

fn register_font() -> Result<(), PictureError> {
    static ONCE: Once = Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        result = plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES)
            .map_err(|_| PictureError("the shipped font could not be read".into()));
    });
    result
}

const TEAL: RGBColor = RGBColor(0x2a, 0x9d, 0x8f);
const INK: RGBColor = RGBColor(0x26, 0x46, 0x53);
const EMPTY: RGBColor = RGBColor(0xe9, 0xee, 0xee);
const WARM: RGBColor = RGBColor(0xe7, 0x6f, 0x51);

/// A shade of teal for a day's activity: empty, then lighter to darker.
fn shade(count: u32) -> RGBColor {
    match count {
        0 => EMPTY,
        1 => RGBColor(0xa8, 0xdc, 0xd5),
        2 => RGBColor(0x6c, 0xc2, 0xb6),
        _ => TEAL,
    }
}

fn draw_error<E: std::fmt::Debug>(e: E) -> PictureError {
    PictureError(format!("{e:?}"))
}

pub fn progress_png(data: &PictureData) -> Result<Vec<u8>, PictureError> {
    register_font()?;
    let mut pixels = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let title = (FONT, 18).into_font().color(&INK);
        let small = (FONT, 12).into_font().color(&INK);

        // Heat map: one column per week (oldest left), one row per weekday (Monday on top).
        root.draw(&Text::new(data.labels.weeks.as_str(), (20, 14), title.clone())).map_err(draw_error)?;
        let this_monday = data.today - Duration::days(i64::from(data.today.weekday().num_days_from_monday()));
        let first_monday = this_monday - Duration::weeks(WEEKS - 1);
        let (cell, gap, left, top) = (22i32, 4i32, 50i32, 44i32);
        for (row, name) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
            root.draw(&Text::new(*name, (16, top + row as i32 * (cell + gap) + 5), small.clone()))
                .map_err(draw_error)?;
        }
        for week in 0..WEEKS {
            for weekday in 0..7 {
                let day = first_monday + Duration::days(week * 7 + weekday);
                if day > data.today {
                    continue;
                }
                let count = data.activity.iter().find(|(d, _)| *d == day).map_or(0, |(_, n)| *n);
                let x = left + week as i32 * (cell + gap);
                let y = top + weekday as i32 * (cell + gap);
                root.draw(&Rectangle::new([(x, y), (x + cell, y + cell)], shade(count).filled()))
                    .map_err(draw_error)?;
            }
        }

        // Steps: a bar per step, full when complete, otherwise growing with practices logged (up to 7).
        let steps_left = 410i32;
        root.draw(&Text::new(data.labels.steps.as_str(), (steps_left, 14), title.clone()))
            .map_err(draw_error)?;
        for (i, (number, complete, practices)) in data.steps.iter().enumerate() {
            let y = 44 + i as i32 * 22;
            root.draw(&Text::new(format!("{number}"), (steps_left, y + 3), small.clone()))
                .map_err(draw_error)?;
            let full = 330;
            root.draw(&Rectangle::new(
                [(steps_left + 20, y), (steps_left + 20 + full, y + 14)],
                EMPTY.filled(),
            ))
            .map_err(draw_error)?;
            let filled = if *complete { full } else { full * (*practices).min(7) as i32 / 7 };
            let colour = if *complete { TEAL } else { RGBColor(0x6c, 0xc2, 0xb6) };
            if filled > 0 {
                root.draw(&Rectangle::new(
                    [(steps_left + 20, y), (steps_left + 20 + filled, y + 14)],
                    colour.filled(),
                ))
                .map_err(draw_error)?;
            }
        }

        // Below: quiz scores over time and how steady the person has felt, each when there are two points or
        // more, side by side when both are there.
        let quiz_series: Vec<(Vec<f64>, RGBColor, &str)> = vec![
            (data.quiz.iter().map(|q| q.1).collect(), WARM, data.labels.anxiety.as_str()),
            (data.quiz.iter().map(|q| q.2).collect(), TEAL, data.labels.avoidance.as_str()),
        ];
        let quiz_days: Vec<NaiveDate> = data.quiz.iter().map(|q| q.0).collect();
        let steady_series =
            vec![(data.steadiness.iter().map(|s| f64::from(s.1)).collect::<Vec<f64>>(), TEAL, "")];
        let steady_days: Vec<NaiveDate> = data.steadiness.iter().map(|s| s.0).collect();
        let mut charts: Vec<Chart> = Vec::new();
        if data.quiz.len() > 1 {
            charts.push(Chart {
                title: &data.labels.quiz,
                scale: (1.0, 7.0),
                days: &quiz_days,
                day_pattern: &data.labels.day_pattern,
                series: &quiz_series,
            });
        }
        if data.steadiness.len() > 1 {
            charts.push(Chart {
                title: &data.labels.steadiness,
                scale: (1.0, 5.0),
                days: &steady_days,
                day_pattern: &data.labels.day_pattern,
                series: &steady_series,
            });
        }
        let width = if charts.len() > 1 { 330 } else { 700 };
        for (i, chart) in charts.iter().enumerate() {
            draw_chart(&root, chart, (50 + i as i32 * 370, 260, width, 110), &title, &small)?;
        }
        root.present().map_err(draw_error)?;
    }
    encode(&pixels)
}

/// One line chart: its title, its scale, the day of each point, and each series with its colour and legend.
struct Chart<'a> {
    title: &'a str,
    scale: (f64, f64),
    days: &'a [NaiveDate],
    day_pattern: &'a str,
    series: &'a [(Vec<f64>, RGBColor, &'a str)],
}

type Root<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

/// Draws a chart in `(x, y, w, h)`: the scale's ends and middle on the left, each point's day below (the first
/// and last only when there are many), and a legend under that for series that have one.
fn draw_chart(
    root: &Root<'_>,
    chart: &Chart<'_>,
    (qx, qy, qw, qh): (i32, i32, i32, i32),
    title: &TextStyle<'_>,
    small: &TextStyle<'_>,
) -> Result<(), PictureError> {
    root.draw(&Text::new(chart.title, (qx - 30, qy - 28), title.clone())).map_err(draw_error)?;
    root.draw(&Rectangle::new([(qx, qy), (qx + qw, qy + qh)], EMPTY.stroke_width(1))).map_err(draw_error)?;
    let (low, high) = chart.scale;
    let n = chart.days.len() as i32 - 1;
    let point = |i: usize, score: f64| {
        let x = qx + (i as i32) * qw / n.max(1);
        let y = qy + qh - ((score.clamp(low, high) - low) / (high - low) * f64::from(qh)) as i32;
        (x, y)
    };
    for score in [low, (low + high) / 2.0, high] {
        let (_, y) = point(0, score);
        root.draw(&Text::new(format!("{score:.0}"), (qx - 16, y - 6), small.clone())).map_err(draw_error)?;
    }
    let last = chart.days.len().saturating_sub(1);
    let every = chart.days.len() <= (qw / 90) as usize;
    for (i, day) in chart.days.iter().enumerate() {
        if every || i == 0 || i == last {
            let (x, _) = point(i, low);
            let x = if i == last && i > 0 { x - 40 } else { x };
            let label = super::format::with_pattern(*day, chart.day_pattern);
            root.draw(&Text::new(label, (x, qy + qh + 4), small.clone())).map_err(draw_error)?;
        }
    }
    let mut offset = 0;
    for (values, colour, label) in chart.series {
        let points: Vec<(i32, i32)> = values.iter().enumerate().map(|(i, v)| point(i, *v)).collect();
        root.draw(&PathElement::new(points.clone(), colour.stroke_width(3))).map_err(draw_error)?;
        for p in points {
            root.draw(&Circle::new(p, 4, colour.filled())).map_err(draw_error)?;
        }
        if !label.is_empty() {
            root.draw(&Rectangle::new(
                [(qx + offset, qy + qh + 24), (qx + offset + 12, qy + qh + 36)],
                colour.filled(),
            ))
            .map_err(draw_error)?;
            root.draw(&Text::new(*label, (qx + offset + 18, qy + qh + 24), small.clone()))
                .map_err(draw_error)?;
            offset += 120;
        }
    }
    Ok(())
}

fn encode(rgb: &[u8]) -> Result<Vec<u8>, PictureError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(draw_error)?;
    writer.write_image_data(rgb).map_err(draw_error)?;
    writer.finish().map_err(draw_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(active_days: u32) -> PictureData {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        PictureData {
            today,
            activity: (0..active_days)
                .map(|i| (today - Duration::days(i64::from(i) * 2), 1 + i % 3))
                .collect(),
            steps: (1..=8).map(|n| (n, n <= 2, u32::from(n) % 5)).collect(),
            quiz: vec![
                (today - Duration::days(60), 5.2, 3.1),
                (today - Duration::days(30), 4.4, 2.9),
                (today, 3.8, 2.5),
            ],
            steadiness: Vec::new(),
            labels: PictureLabels {
                weeks: "Last 12 weeks".into(),
                steps: "Steps".into(),
                quiz: "Quiz scores over time".into(),
                steadiness: "How steady you've felt".into(),
                anxiety: "Anxiety".into(),
                avoidance: "Avoidance".into(),
                day_pattern: "%-d %b".into(),
            },
        }
    }

    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    #[test]
    fn the_picture_has_its_size_is_not_blank_and_follows_the_data() {
        let a = progress_png(&data(20)).unwrap();
        let (w, h, pixels) = decode(&a);
        assert_eq!((w, h), (WIDTH, HEIGHT));
        let coloured = pixels.chunks(3).filter(|p| p != &[255, 255, 255]).count();
        assert!(coloured > 10_000, "not blank: {coloured} coloured pixels");
        let b = progress_png(&data(3)).unwrap();
        assert_ne!(decode(&b).2, pixels, "different data, different picture");
        if let Ok(path) = std::env::var("PROGRESS_PICTURE_OUT") {
            std::fs::write(path, &a).unwrap();
        }
    }

    /// Pixels drawn in ink (not white, not the chart's pale frame) inside a box.
    fn inked(pixels: &[u8], (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| ((y * WIDTH + x) * 3) as usize))
            .filter(|&i| pixels[i] < 180 && pixels[i + 1] < 180)
            .count()
    }

    #[test]
    fn steadiness_is_drawn_beside_the_quiz_chart_and_alone_when_there_is_no_quiz() {
        let steadiness: Vec<(NaiveDate, u8)> = (0..6)
            .map(|i| (data(5).today - Duration::days(10 - i), [2, 3, 3, 4, 3, 5][i as usize]))
            .collect();
        let both_png = progress_png(&PictureData { steadiness: steadiness.clone(), ..data(5) }).unwrap();
        if let Ok(path) = std::env::var("STEADINESS_PICTURE_OUT") {
            std::fs::write(path, &both_png).unwrap();
        }
        let both = decode(&both_png).2;
        let quiz_only = decode(&progress_png(&data(5)).unwrap()).2;
        let alone =
            decode(&progress_png(&PictureData { steadiness, quiz: Vec::new(), ..data(5) }).unwrap()).2;
        let right_half = (430, 260, 750, 370);
        assert!(inked(&both, right_half) > inked(&quiz_only, right_half), "a second chart on the right");
        assert!(inked(&alone, (50, 260, 750, 370)) > 100, "steadiness alone has the width");
        assert!(inked(&alone, (20, 372, 760, 386)) > 60, "with its days");
    }

    #[test]
    fn the_quiz_chart_has_its_scale_and_the_day_of_each_result() {
        let with = decode(&progress_png(&data(5)).unwrap()).2;
        let without = decode(&progress_png(&PictureData { quiz: Vec::new(), ..data(5) }).unwrap()).2;
        let scale = (30, 255, 48, 375);
        let days = (50, 372, 760, 386);
        assert!(inked(&with, scale) > 20, "the numbers 1, 4 and 7 beside the chart");
        assert!(inked(&with, days) > 60, "a day under each result");
        assert_eq!(inked(&without, scale) + inked(&without, days), 0, "nothing there without results");
    }
}
