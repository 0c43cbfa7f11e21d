//! Property tests of every `#[wasm_bindgen]` entry point that takes input (issue #11, "Go
//! further"), in the wasm test build where `JsError` is real: arbitrary queries, attribute pairs,
//! keys, values and numbers from a seeded xorshift (proptest does not build for wasm32). A panic
//! aborts the test; every `Err` must carry a sentence; a restored lab's query reopens strictly to
//! the same query; and each case returns within a bound a person would accept.

use super::{message, parts};
use activation_lab::config::KEYS;
use activation_lab::wasm::{
    check_matmul, Lab, LayersMerge, LayersShard, NetworkShard, PhaseMap, Race,
};
use wasm_bindgen::JsError;

/// Cases: every key reached many times; the heavy calls (a layers pass, a race's steps, the
/// exports) run on every [`HEAVY`]th case so the suite stays within a few seconds.
const CASES: u32 = 200;
const HEAVY: u32 = 8;
/// Appended to the query of the heavy calls: whatever else the query says, the deep network
/// is small, so the debug wasm build stays within seconds (the default 10 × 500 network with a
/// batch of 1000 takes seconds on its own there; the page runs it in workers).
const SMALL: &str = "width=16&batch=32&depth=4&steps=200&samples=100&phase-cells=4&phase-depth=4&phase-width=8&phase-batch=8";
/// Far above any honest case, far below a frozen page: a hang detector, not a speed target.
const HANG_MS: f64 = 5000.0;

/// xorshift64* (Vigna), seeded: the same inputs on every run, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn number(&mut self) -> u32 {
        match self.below(6) {
            0 => 0,
            1 => u32::MAX,
            2 => self.below(4) as u32,
            _ => self.below(2000) as u32,
        }
    }

    /// Hostile words where a worker's would go: small counts, 0/1 tags, any bits, and lengths
    /// far past the words given.
    fn words(&mut self) -> Vec<u64> {
        (0..self.below(24))
            .map(|_| match self.below(4) {
                0 => self.below(4) as u64,
                1 => 1 << (32 + self.below(31)),
                2 => u64::from(self.number()),
                _ => self.next(),
            })
            .collect()
    }

    /// Hostile text: numbers of every kind, names, Unicode, markup, separators, a long run.
    fn value(&mut self) -> String {
        const WORDS: &[&str] = &[
            "",
            "relu",
            "tanh",
            "sigmoid",
            "silu",
            "gelu",
            "softmax",
            "rleu",
            "RELU",
            "train",
            "layers",
            "curve",
            "xor",
            "spiral",
            "gaussians",
            "adam",
            "sgd",
            "true",
            "false",
            "NaN",
            "inf",
            "-inf",
            "1e400",
            "-1e400",
            "1e-400",
            "1e308",
            "0",
            "-0",
            "1",
            "2",
            "3",
            "8",
            "64",
            "-5",
            "0.5",
            "1000",
            "1,2,3",
            "-1,2",
            ",",
            "relu,tanh,relu",
            "18446744073709551616",
            "<img src=x onerror=alert(1)>",
            "%E0%A4%A",
            "a=b=c",
            "활성화",
            "\u{feff}relu",
            "\u{202e}8",
            "en",
            "ko",
        ];
        match self.below(6) {
            0 => f64::from_bits(self.next()).to_string(),
            1 => (self.next() as i64 % 2000).to_string(),
            2 => {
                let chars = [
                    'a', 'z', '-', '=', '&', '%', '#', ' ', '9', '.', 'é', '한', '😀',
                ];
                (0..self.below(24))
                    .map(|_| chars[self.below(chars.len())])
                    .collect()
            }
            3 if self.below(10) == 0 => "9".repeat(20_000),
            _ => self.pick(WORDS).to_string(),
        }
    }

    /// A key: nearly always one from the key table, sometimes a stranger.
    fn key(&mut self) -> String {
        if self.below(10) == 0 {
            self.value()
        } else {
            KEYS[self.below(KEYS.len())].name.to_string()
        }
    }

    fn pairs(&mut self) -> (Vec<String>, Vec<String>) {
        (0..self.below(10))
            .map(|_| (self.key(), self.value()))
            .unzip()
    }

    /// A query: pairs joined as a link, values percent-encoded as a browser would, or raw text.
    fn query(&mut self) -> String {
        if self.below(8) == 0 {
            return self.value();
        }
        let (keys, values) = self.pairs();
        keys.iter()
            .zip(&values)
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b',' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What the inputs were, for a failure message (long values shortened).
fn shown(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{:?}… ({} bytes)", &text[..at], text.len()),
        None => format!("{text:?}"),
    }
}

/// Tallies outcomes and fails on an `Err` without a sentence.
#[derive(Default)]
struct Tally {
    calls: u32,
    errors: u32,
}

impl Tally {
    fn check<T>(&mut self, call: &str, result: Result<T, JsError>) -> Option<T> {
        self.calls += 1;
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors += 1;
                let sentence = message(error);
                assert!(
                    sentence.trim().len() > 1,
                    "{call} failed without a sentence: {sentence:?}"
                );
                None
            }
        }
    }

    /// A restored lab: every warning a sentence, and its query reopens strictly to itself.
    fn restored(&mut self, call: &str, lab: &Lab) {
        self.calls += 1;
        for warning in lab.warnings() {
            let (sentence, code, _) = parts(&warning);
            assert!(
                !sentence.trim().is_empty() && !code.is_empty(),
                "{call} warned without a sentence or code: {sentence:?} {code:?}"
            );
        }
        let query = lab.query();
        let reopened = Lab::new(&query)
            .map_err(message)
            .unwrap_or_else(|e| panic!("{call} kept {query:?}, which is refused: {e}"));
        assert_eq!(reopened.query(), query, "{call}");
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The calls every lab gets: reads and sets of arbitrary keys, the language, an activation's
/// parameters, and on heavy cases the view's computations and exports.
fn exercise_lab(rng: &mut Rng, tally: &mut Tally, lab: &mut Lab, what: &str, heavy: bool) {
    for _ in 0..3 {
        let (key, value) = (rng.key(), rng.value());
        let before = lab.query();
        let call = format!("{what}.set({}, {})", shown(&key), shown(&value));
        if tally.check(&call, lab.set(&key, &value)).is_none() {
            assert_eq!(lab.query(), before, "{call} changed the state");
        }
        tally.check(&format!("{what}.get({})", shown(&key)), lab.get(&key));
    }
    let lang = rng.value();
    tally.check("Lab.setLanguage", lab.set_language(&lang));
    tally.check("Lab.params", lab.params(&rng.value()));
    tally.check("Lab.readout", lab.readout());
    tally.check("Lab.cards", lab.cards());
    tally.check("Lab.softmax", lab.softmax());
    let _ = lab.view();
    if heavy {
        tally.check("Lab.layers", lab.layers());
        tally.check("Lab.exportCsv", lab.export_csv());
        tally.check("Lab.exportJson", lab.export_json());
        // Not `exportSvg`: plotters measures text through the DOM, which node lacks (it panics
        // in plotters' font code here, never in a browser); the e2e suite exports SVG.
        // No clock in node: an internal error with its sentence, after the name is checked.
        tally.check("Lab.cost", lab.cost(&rng.value(), rng.number() % 1000, 1));
    }
}

fn exercise_race(rng: &mut Rng, tally: &mut Tally, query: &str, heavy: bool) {
    let call = format!("new Race({})", shown(query));
    let Some(mut race) = tally.check(&call, Race::new(query)) else {
        return;
    };
    tally.check("Race.setLanguage", race.set_language(&rng.value()));
    if heavy {
        race.step(rng.number() % 50);
        let _ = (race.finished(), race.steps(), race.prepare_surface());
        tally.check("Race.state", race.state());
        tally.check("Race.exportCsv", race.export_csv());
        tally.check("Race.exportJson", race.export_json());
        let again = rng.query();
        tally.check(
            &format!("Race.configure({})", shown(&again)),
            race.configure(&again),
        );
        race.step(rng.number() % 20);
        // Any run index, the race's own or not: a slow step or a sentence, never a panic.
        let run = (rng.number() % 8) as usize;
        tally.check("Race.stepSlowly", race.step_slowly(run));
        // The history (issue #14): any step, any value name; a rewind or a sentence.
        tally.check("Race.historyInfo", race.history_info());
        tally.check("Race.rewind", race.rewind(rng.number() as usize % 100));
        tally.check("Race.state", race.state());
        tally.check("Race.setInsideValues", race.set_inside_values(&rng.value()));
        race.live();
        tally.check("Race.reset", race.reset());
        tally.check("Race.state", race.state());
    }
}

fn exercise_layers(rng: &mut Rng, tally: &mut Tally, query: &str, heavy: bool) {
    let (index, count) = (rng.number() as usize, rng.number() as usize);
    tally.check(
        "LayersMerge.shards",
        LayersMerge::shards(query, rng.number() as usize),
    );
    if let Some(mut merge) = tally.check("new LayersMerge", LayersMerge::new(query)) {
        let floats: Vec<f32> = (0..rng.below(8))
            .map(|_| f32::from_bits(rng.next() as u32))
            .collect();
        tally.check(
            "LayersMerge.add",
            merge.add(rng.words(), floats.clone(), floats),
        );
        tally.check("LayersMerge.addCounts", merge.add_counts(rng.words()));
        tally.check("LayersMerge.ranges", merge.ranges());
        tally.check("LayersMerge.finish", merge.finish());
    }
    if heavy {
        if let Some(mut shard) = tally.check(
            "new LayersShard",
            LayersShard::new(query, index % 4, count % 4),
        ) {
            let _ = shard.summary();
            tally.check("LayersShard.counts", shard.counts(rng.words()));
            let _ = (shard.take_samples(), shard.take_gradients());
        }
        if let Some(shard) = tally.check(
            "new NetworkShard",
            NetworkShard::new(query, index % 4, count % 4),
        ) {
            shard.run(rng.below(2) == 0);
        }
    } else {
        // A phase map from any words, and any words as its cells.
        if let Some(mut map) = tally.check("new PhaseMap", PhaseMap::new(rng.words())) {
            tally.check("PhaseMap.addCells", map.add_cells(rng.words()));
        }
        // Shard numbers out of every range are refused before any work.
        tally.check(
            "new NetworkShard",
            NetworkShard::new(query, index, count).map(|_| ()),
        );
    }
}

fn exercise_matmul(rng: &mut Rng, tally: &mut Tally) {
    let dims: Vec<usize> = (0..3)
        .map(|_| match rng.below(4) {
            0 => usize::MAX,
            _ => rng.below(5),
        })
        .collect();
    let a: Vec<f32> = (0..rng.below(20)).map(|i| i as f32).collect();
    let b: Vec<f32> = (0..rng.below(20)).map(|i| -(i as f32)).collect();
    let (ta, tb) = (rng.below(2) == 0, rng.below(2) == 0);
    tally.check(
        "checkMatmul",
        check_matmul(&a, &b, dims[0], dims[1], dims[2], ta, tb),
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn every_entry_point_survives_arbitrary_input_and_explains_each_refusal() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut tally = Tally::default();
    let (mut slowest, mut computed) = (0.0f64, 0u32);
    let start = now();
    for case in 0..CASES {
        let case_start = now();
        let heavy = case % HEAVY == 0;
        let query = rng.query();
        let shown_query = shown(&query);

        if let Some(mut lab) = tally.check(&format!("new Lab({shown_query})"), Lab::new(&query)) {
            let reopened = Lab::new(&lab.query()).map_err(message);
            assert_eq!(
                reopened.map(|l| l.query()),
                Ok(lab.query()),
                "{shown_query}"
            );
            exercise_lab(&mut rng, &mut tally, &mut lab, "Lab", false);
        }
        // The heavy calls take the valid part of the query, made small, so they mostly get
        // past the parser to the computations.
        let small = format!("{}&{SMALL}", Lab::restore(&query).query());
        if heavy {
            if let Some(mut lab) = tally.check("new Lab(small)", Lab::new(&small)) {
                computed += 1;
                exercise_lab(&mut rng, &mut tally, &mut lab, "Lab", true);
            }
        }
        let mut restored = Lab::restore(&query);
        tally.restored(&format!("Lab.restore({shown_query})"), &restored);
        exercise_lab(&mut rng, &mut tally, &mut restored, "restored", false);

        let (names, values) = rng.pairs();
        let call = format!(
            "Lab.fromAttributes({names:?}, {})",
            shown(&values.join("|"))
        );
        tally.restored(&call, &Lab::from_attributes(names, values));

        exercise_race(
            &mut rng,
            &mut tally,
            if heavy { &small } else { &query },
            heavy,
        );
        exercise_layers(
            &mut rng,
            &mut tally,
            if heavy { &small } else { &query },
            heavy,
        );
        exercise_matmul(&mut rng, &mut tally);

        let took = now() - case_start;
        slowest = slowest.max(took);
        assert!(took < HANG_MS, "case {case} ({shown_query}) took {took} ms");
    }
    // Shown in the runner's output.
    wasm_bindgen_test::console_log!(
        "{CASES} cases ({computed} with the heavy calls), {} calls, {} refused with a sentence, \
         0 panics, slowest case {slowest} ms, all {} ms",
        tally.calls,
        tally.errors,
        now() - start
    );
}
