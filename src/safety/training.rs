//! Learning the weighed reading's weights from labelled messages: plain stochastic gradient descent on
//! the logistic loss, deterministic for one seed, written by name to `content/crisis_weights.tsv`.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::compile::Detector;
use super::evaluate::{load, Expect};
use super::learned::{consulted, keys, name, sigmoid, Key, HEADS, OTHERS, SELF};

/// The sets the weights are learned from, relative to the crate; only their `tune` items are used, so the
/// `check` half of the shared set and `tests/data/crisis-own` stay unseen.
pub const TUNE_SETS: [&str; 4] = [
    "../shared/crisis-dev",
    "tests/data/crisis-tune",
    "tests/data/crisis-tune-extra",
    "tests/data/crisis-tune-more",
];

/// One labelled message for training: its features, and which of the two scores it should raise.
pub struct Example {
    keys: Vec<Key>,
    /// Per score: raise it, lower it, or leave it alone (a threat toward someone else says nothing about
    /// the writer's own risk).
    target: [Option<bool>; HEADS],
}

/// How the weights are learned: plain stochastic gradient descent on the logistic loss, with an L2
/// penalty on the features of each example, and ordinary messages weighted up so that a false alarm costs
/// more than a miss the rules may still catch.
#[derive(Debug, Clone)]
pub struct Training {
    pub epochs: u32,
    pub rate: f32,
    pub penalty: f32,
    /// How much an ordinary message weighs against a crisis one, per score.
    pub negative_weight: [f32; HEADS],
    pub seed: u64,
}

impl Default for Training {
    fn default() -> Self {
        Self { epochs: 40, rate: 0.2, penalty: 1e-2, negative_weight: [1.5, 1.0], seed: 1 }
    }
}

/// The example for `text`, or `None` when the weighed reading would never see it (no risk concept).
pub fn example(detector: &Detector, text: &str, at_risk: bool, threat: bool) -> Option<Example> {
    let tokens = super::text::tokens(text, &detector.rewrites);
    let found = super::concepts::find(detector, &tokens);
    if !consulted(detector, &found) {
        return None;
    }
    let mut k = Vec::new();
    keys(&tokens, &found, &mut k);
    Some(Example { keys: k, target: [(!threat).then_some(at_risk), Some(threat)] })
}

/// Learns the weights from the `tune` items of [`TUNE_SETS`] under `root`, with the file's header.
pub fn train_on_sets(detector: &Detector, root: &Path, settings: &Training) -> Result<String, String> {
    let mut examples = Vec::new();
    let (mut read, mut crisis) = (0, 0);
    for set in TUNE_SETS {
        for item in load(&root.join(set))?.iter().filter(|i| i.split == "tune" && i.file != "ambiguous") {
            read += 1;
            let at_risk = item.expect != Expect::NoAlarm;
            crisis += usize::from(at_risk);
            examples.extend(example(detector, &item.text, at_risk, item.expect == Expect::HarmToOthers));
        }
    }
    let trained = train(detector, &examples, settings);
    let header = format!(
        "The crisis check's learned weights: feature, risk to the writer, threat toward someone else.\n\
         Written by `cargo run --release --example safety_train`; do not edit by hand.\n\
         Learned from the tune items of {}: {read} messages ({crisis} crisis), {} with a risk concept.\n\
         {settings:?}",
        TUNE_SETS.join(", "),
        examples.len(),
    );
    Ok(trained.to_tsv(&header))
}

/// The learned weights, by name, ready to be written.
pub struct Trained {
    pub bias: [f32; HEADS],
    pub weights: Vec<(String, [f32; HEADS])>,
}

/// Learns both scores from `examples`; deterministic for one seed.
pub fn train(detector: &Detector, examples: &[Example], settings: &Training) -> Trained {
    let mut bias = [0f32; HEADS];
    let mut weights: FxHashMap<Key, [f32; HEADS]> = FxHashMap::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = settings.seed.max(1);
    for epoch in 0..settings.epochs {
        // Fisher-Yates with xorshift: the same order on every machine.
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let rate = settings.rate / (1.0 + epoch as f32 * 0.1);
        for &i in &order {
            let ex = &examples[i];
            for h in 0..HEADS {
                let Some(target) = ex.target[h] else { continue };
                let z = bias[h] + ex.keys.iter().filter_map(|k| weights.get(k)).map(|w| w[h]).sum::<f32>();
                let p = sigmoid(z);
                let y = f32::from(u8::from(target));
                let g = (p - y) * if target { 1.0 } else { settings.negative_weight[h] };
                for k in &ex.keys {
                    let w = weights.entry(*k).or_default();
                    w[h] -= rate * (g + settings.penalty * w[h]);
                }
                bias[h] -= rate * g;
            }
        }
    }
    let mut named: Vec<(String, [f32; HEADS])> = weights
        .into_iter()
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= 5e-4))
        .map(|(k, w)| (name(detector, k), w))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    Trained { bias, weights: named }
}

impl Trained {
    /// The weights file: a header, the bias, then one feature per line.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(&format!("bias\t{:.4}\t{:.4}\n", self.bias[SELF], self.bias[OTHERS]));
        for (name, w) in &self.weights {
            out.push_str(&format!("{name}\t{:.4}\t{:.4}\n", w[SELF], w[OTHERS]));
        }
        out
    }
}
