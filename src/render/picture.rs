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
    pub labels: PictureLabels,
}

#[derive(Debug, Clone, Default)]
pub struct PictureLabels {
    pub weeks: String,
    pub steps: String,
    pub quiz: String,
    pub anxiety: String,
    pub avoidance: String,
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

        // Quiz scores over time, when there is more than one result: the scale on the left, each result's day
        // below it (the first and last only when there are many), and a legend.
        if data.quiz.len() > 1 {
            let (qx, qy, qw, qh) = (50i32, 260i32, 700i32, 110i32);
            root.draw(&Text::new(data.labels.quiz.as_str(), (20, qy - 28), title.clone()))
                .map_err(draw_error)?;
            root.draw(&Rectangle::new([(qx, qy), (qx + qw, qy + qh)], EMPTY.stroke_width(1)))
                .map_err(draw_error)?;
            let n = data.quiz.len() as i32 - 1;
            let point = |i: usize, score: f64| {
                let x = qx + (i as i32) * qw / n.max(1);
                let y = qy + qh - ((score.clamp(1.0, 7.0) - 1.0) / 6.0 * f64::from(qh)) as i32;
                (x, y)
            };
            for score in [1.0, 4.0, 7.0] {
                let (_, y) = point(0, score);
                root.draw(&Text::new(format!("{score:.0}"), (qx - 16, y - 6), small.clone()))
                    .map_err(draw_error)?;
            }
            let last = data.quiz.len() - 1;
            for (i, (day, _, _)) in data.quiz.iter().enumerate() {
                if data.quiz.len() <= 8 || i == 0 || i == last {
                    let (x, _) = point(i, 1.0);
                    let x = if i == last { x - 40 } else { x };
                    root.draw(&Text::new(day.format("%-d %b").to_string(), (x, qy + qh + 4), small.clone()))
                        .map_err(draw_error)?;
                }
            }
            for (series, colour, label, offset) in [
                (0usize, WARM, data.labels.anxiety.as_str(), 0),
                (1usize, TEAL, data.labels.avoidance.as_str(), 120),
            ] {
                let points: Vec<(i32, i32)> = data
                    .quiz
                    .iter()
                    .enumerate()
                    .map(|(i, (_, a, v))| point(i, if series == 0 { *a } else { *v }))
                    .collect();
                root.draw(&PathElement::new(points.clone(), colour.stroke_width(3))).map_err(draw_error)?;
                for p in points {
                    root.draw(&Circle::new(p, 4, colour.filled())).map_err(draw_error)?;
                }
                root.draw(&Rectangle::new(
                    [(qx + offset, qy + qh + 24), (qx + offset + 12, qy + qh + 36)],
                    colour.filled(),
                ))
                .map_err(draw_error)?;
                root.draw(&Text::new(label, (qx + offset + 18, qy + qh + 24), small.clone()))
                    .map_err(draw_error)?;
            }
        }
        root.present().map_err(draw_error)?;
    }
    encode(&pixels)
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
            labels: PictureLabels {
                weeks: "Last 12 weeks".into(),
                steps: "Steps".into(),
                quiz: "Quiz scores over time".into(),
                anxiety: "Anxiety".into(),
                avoidance: "Avoidance".into(),
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
