use super::*;

const SCALE: ScaleRange = ScaleRange { min: 1, max: 7 };
const MID: Thresholds = Thresholds { anxiety: 4.0, avoidance: 4.0, close_margin: 0.5 };

/// Six items per dimension, the last two of each reverse-keyed, as in the shipped quiz.
fn items() -> Vec<(Dimension, bool)> {
    let mut v = Vec::new();
    for d in [Dimension::Anxiety, Dimension::Avoidance] {
        for i in 0..6 {
            v.push((d, i >= 4));
        }
    }
    v
}

/// Answers whose keyed value is `anx` on every anxiety item and `avo` on every avoidance item.
fn keyed_answers(anx: u8, avo: u8) -> Vec<Answer> {
    items()
        .into_iter()
        .map(|(dimension, reverse)| {
            let k = if dimension == Dimension::Anxiety { anx } else { avo };
            Answer { dimension, reverse, raw: if reverse { 8 - k } else { k } }
        })
        .collect()
}

/// Both means exactly 4 without every answer being the same (which would withhold the style).
fn centred() -> Vec<Answer> {
    let mut answers = keyed_answers(4, 4);
    answers[0].raw = 3;
    answers[1].raw = 5;
    answers[6].raw = 3;
    answers[7].raw = 5;
    answers
}

fn raw_answers(raws: &[u8]) -> Vec<Answer> {
    items()
        .into_iter()
        .zip(raws)
        .map(|((dimension, reverse), &raw)| Answer { dimension, reverse, raw })
        .collect()
}

fn leaning(outcome: &Outcome) -> Option<(Style, bool)> {
    match outcome.verdict {
        Verdict::Leaning { style, close_to_middle } => Some((style, close_to_middle)),
        _ => None,
    }
}

#[test]
fn reverse_items_are_keyed_from_the_other_end() {
    assert_eq!(keyed(Answer { dimension: Dimension::Anxiety, reverse: true, raw: 1 }, SCALE), 7);
    assert_eq!(keyed(Answer { dimension: Dimension::Anxiety, reverse: true, raw: 7 }, SCALE), 1);
    assert_eq!(keyed(Answer { dimension: Dimension::Anxiety, reverse: true, raw: 4 }, SCALE), 4);
    assert_eq!(keyed(Answer { dimension: Dimension::Anxiety, reverse: false, raw: 6 }, SCALE), 6);
    assert_eq!(
        keyed(Answer { dimension: Dimension::Anxiety, reverse: true, raw: 2 }, ScaleRange { min: 0, max: 4 }),
        2
    );
}

#[test]
fn a_dimension_score_is_the_mean_of_its_keyed_answers() {
    // Anxiety raw 7,6,5,4 forward and 1,2 reverse → keyed 7,6,5,4,7,6 → mean 35/6.
    let outcome = score(&raw_answers(&[7, 6, 5, 4, 1, 2, 2, 2, 2, 2, 6, 6]), SCALE, &MID);
    let anx = outcome.anxiety.unwrap();
    assert!((anx.mean - 35.0 / 6.0).abs() < 1e-9);
    assert_eq!(anx.answered, 6);
    assert!((outcome.avoidance.unwrap().mean - 2.0).abs() < 1e-9);
}

#[test]
fn each_of_the_four_styles_comes_from_its_corner() {
    let cases = [
        ((2, 2), Style::Secure),
        ((6, 2), Style::Anxious),
        ((2, 6), Style::Dismissive),
        ((6, 6), Style::Fearful),
    ];
    for ((anx, avo), style) in cases {
        let outcome = score(&keyed_answers(anx, avo), SCALE, &MID);
        assert_eq!(leaning(&outcome), Some((style, false)), "anxiety {anx}, avoidance {avo}");
    }
}

#[test]
fn a_score_exactly_on_a_threshold_names_both_neighbouring_styles() {
    let outcome = score(&keyed_answers(4, 2), SCALE, &MID);
    assert_eq!(outcome.anxiety.unwrap().position, Position::OnTheLine);
    assert_eq!(outcome.verdict, Verdict::OnTheLine(vec![Style::Secure, Style::Anxious]));
    let outcome = score(&keyed_answers(6, 4), SCALE, &MID);
    assert_eq!(outcome.verdict, Verdict::OnTheLine(vec![Style::Anxious, Style::Fearful]));
    let outcome = score(&centred(), SCALE, &MID);
    assert_eq!(
        outcome.verdict,
        Verdict::OnTheLine(vec![Style::Secure, Style::Dismissive, Style::Anxious, Style::Fearful])
    );
}

#[test]
fn a_score_within_half_a_point_of_a_threshold_is_only_a_leaning() {
    // Anxiety keyed 5,4,4,4,4,4 → 25/6 ≈ 4.17: high, but close to the middle.
    let mut answers = keyed_answers(4, 2);
    answers[0].raw = 5;
    let outcome = score(&answers, SCALE, &MID);
    assert!(outcome.anxiety.unwrap().close_to_middle);
    assert_eq!(leaning(&outcome), Some((Style::Anxious, true)));
    // Exactly 0.5 away still counts as close; 0.67 does not.
    let mut answers = keyed_answers(4, 2);
    answers[0].raw = 7;
    let outcome = score(&answers, SCALE, &MID);
    assert!((outcome.anxiety.unwrap().mean - 4.5).abs() < 1e-9);
    assert_eq!(leaning(&outcome), Some((Style::Anxious, true)));
    let mut answers = keyed_answers(4, 2);
    answers[0].raw = 7;
    answers[1].raw = 5;
    assert_eq!(leaning(&score(&answers, SCALE, &MID)), Some((Style::Anxious, false)));
}

#[test]
fn straight_lined_answers_withhold_the_style_but_keep_the_scores() {
    for raw in 1..=7 {
        let outcome = score(&raw_answers(&[raw; 12]), SCALE, &MID);
        assert_eq!(outcome.verdict, Verdict::Withheld(Withheld::SameAnswerThroughout), "all {raw}");
        assert!(outcome.anxiety.is_some() && outcome.avoidance.is_some());
    }
}

#[test]
fn the_same_answer_throughout_is_fine_when_no_reverse_item_was_answered() {
    let answers: Vec<Answer> = raw_answers(&[6; 12]).into_iter().filter(|a| !a.reverse).collect();
    assert_eq!(leaning(&score(&answers, SCALE, &MID)), Some((Style::Fearful, false)));
}

#[test]
fn contradicting_forward_and_reverse_answers_withhold_the_style() {
    // Anxiety: forward keyed 7 and reverse keyed 1 (raw 7: agreeing with the secure statements too).
    let raws = [7, 7, 7, 7, 7, 7, 2, 2, 2, 2, 6, 6];
    let outcome = score(&raw_answers(&raws), SCALE, &MID);
    assert_eq!(outcome.verdict, Verdict::Withheld(Withheld::Inconsistent(Dimension::Anxiety)));
    // A gap just under 3 is allowed: forward keyed 6, reverse keyed 3.5 (raw 4 and 5).
    let raws = [6, 6, 6, 6, 4, 5, 2, 2, 2, 2, 6, 6];
    assert!(leaning(&score(&raw_answers(&raws), SCALE, &MID)).is_some());
    // Avoidance is checked the same way.
    let raws = [2, 2, 2, 2, 6, 6, 1, 1, 1, 1, 1, 1];
    let outcome = score(&raw_answers(&raws), SCALE, &MID);
    assert_eq!(outcome.verdict, Verdict::Withheld(Withheld::Inconsistent(Dimension::Avoidance)));
}

#[test]
fn fewer_than_four_answers_in_a_dimension_is_incomplete() {
    let answers = keyed_answers(6, 2);
    let three_anxiety: Vec<Answer> = answers
        .iter()
        .copied()
        .filter(|a| a.dimension == Dimension::Avoidance)
        .chain(answers.iter().copied().filter(|a| a.dimension == Dimension::Anxiety).take(3))
        .collect();
    let outcome = score(&three_anxiety, SCALE, &MID);
    assert_eq!(outcome.verdict, Verdict::Incomplete);
    assert_eq!(outcome.anxiety.unwrap().answered, 3);
    assert_eq!(score(&[], SCALE, &MID).verdict, Verdict::Incomplete);
    let four: Vec<Answer> = three_anxiety
        .into_iter()
        .chain(answers.iter().copied().filter(|a| a.dimension == Dimension::Anxiety).skip(3).take(1))
        .collect();
    assert_ne!(score(&four, SCALE, &MID).verdict, Verdict::Incomplete);
}

/// A small deterministic generator, so property checks are repeatable.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn raw(&mut self) -> u8 {
        (self.next() % 7) as u8 + 1
    }
}

fn mirror(style: Style) -> Style {
    match style {
        Style::Anxious => Style::Dismissive,
        Style::Dismissive => Style::Anxious,
        s => s,
    }
}

fn swap(answers: &[Answer]) -> Vec<Answer> {
    answers
        .iter()
        .map(|a| Answer {
            dimension: match a.dimension {
                Dimension::Anxiety => Dimension::Avoidance,
                Dimension::Avoidance => Dimension::Anxiety,
            },
            ..*a
        })
        .collect()
}

#[test]
fn scoring_is_symmetric_between_the_two_dimensions() {
    let mut rng = Lcg(7);
    for _ in 0..2000 {
        let raws: Vec<u8> = (0..12).map(|_| rng.raw()).collect();
        let answers = raw_answers(&raws);
        let a = score(&answers, SCALE, &MID);
        let b = score(&swap(&answers), SCALE, &MID);
        assert_eq!(a.anxiety, b.avoidance);
        assert_eq!(a.avoidance, b.anxiety);
        let mirrored = match a.verdict.clone() {
            Verdict::Leaning { style, close_to_middle } => {
                Verdict::Leaning { style: mirror(style), close_to_middle }
            }
            Verdict::OnTheLine(styles) => {
                let mut s: Vec<Style> = styles.into_iter().map(mirror).collect();
                let mut expected = match &b.verdict {
                    Verdict::OnTheLine(x) => x.clone(),
                    other => panic!("{other:?}"),
                };
                s.sort_by_key(|x| x.key());
                expected.sort_by_key(|x| x.key());
                assert_eq!(s, expected);
                continue;
            }
            Verdict::Withheld(Withheld::Inconsistent(d)) => {
                Verdict::Withheld(Withheld::Inconsistent(match d {
                    Dimension::Anxiety => Dimension::Avoidance,
                    Dimension::Avoidance => Dimension::Anxiety,
                }))
            }
            other => other,
        };
        // When both dimensions contradict themselves, the first checked is named; only the kind must match.
        match (&mirrored, &b.verdict) {
            (Verdict::Withheld(Withheld::Inconsistent(_)), Verdict::Withheld(Withheld::Inconsistent(_))) => {}
            _ => assert_eq!(mirrored, b.verdict, "{raws:?}"),
        }
    }
}

#[test]
fn scoring_does_not_depend_on_the_order_of_the_items() {
    let mut rng = Lcg(11);
    for _ in 0..2000 {
        let raws: Vec<u8> = (0..12).map(|_| rng.raw()).collect();
        let answers = raw_answers(&raws);
        let mut shuffled = answers.clone();
        for i in (1..shuffled.len()).rev() {
            let j = (rng.next() as usize) % (i + 1);
            shuffled.swap(i, j);
        }
        assert_eq!(score(&answers, SCALE, &MID), score(&shuffled, SCALE, &MID), "{raws:?}");
    }
}

#[test]
fn scoring_is_monotonic_in_each_keyed_answer() {
    let mut rng = Lcg(13);
    for _ in 0..2000 {
        let raws: Vec<u8> = (0..12).map(|_| rng.raw()).collect();
        let answers = raw_answers(&raws);
        let i = (rng.next() as usize) % answers.len();
        let mut raised = answers.clone();
        // One step more towards the keyed high end of this item.
        let a = raised[i];
        let k = keyed(a, SCALE);
        if k == 7 {
            continue;
        }
        raised[i].raw = if a.reverse { a.raw - 1 } else { a.raw + 1 };
        let before = score(&answers, SCALE, &MID);
        let after = score(&raised, SCALE, &MID);
        let d = a.dimension;
        assert!(after.score(d).unwrap().mean > before.score(d).unwrap().mean);
        let other = if d == Dimension::Anxiety { Dimension::Avoidance } else { Dimension::Anxiety };
        assert_eq!(after.score(other), before.score(other));
        // A clear style never moves towards the low side of the raised dimension.
        if let (Some((s1, _)), Some((s2, _))) = (leaning(&before), leaning(&after)) {
            let high = |s: Style| match d {
                Dimension::Anxiety => matches!(s, Style::Anxious | Style::Fearful),
                Dimension::Avoidance => matches!(s, Style::Dismissive | Style::Fearful),
            };
            assert!(!high(s1) || high(s2), "{raws:?} item {i}: {s1:?} → {s2:?}");
        }
    }
}

#[test]
fn custom_thresholds_move_the_boundaries() {
    let t = Thresholds { anxiety: 3.0, avoidance: 5.0, close_margin: 0.5 };
    assert_eq!(leaning(&score(&centred(), SCALE, &t)), Some((Style::Anxious, false)));
}
