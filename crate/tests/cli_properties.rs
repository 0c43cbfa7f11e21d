//! Property tests of the `actlab` command line (issue #11, "Go further"): for arbitrary argument
//! vectors — real commands and flags from the key table mixed with hostile strings (empty, huge,
//! Unicode, `--`, NaN/inf/1e400, repeated flags) — the binary never panics, returns within a
//! bound a person would accept, exits 0, 1 (output) or 2 (input), and a failure says so in
//! sentences on stderr, not in Rust's debug formatting. Inputs come from `proptest` with a fixed
//! seed, so a failure reproduces; each case is one process, so the case count is small.

// A test that cannot spawn the binary or make its scratch directory should stop right there.
#![allow(clippy::expect_used)]

use activation_lab::config::KEYS;
use proptest::prelude::*;
use proptest::test_runner::{Config as Runner, RngAlgorithm, TestRng, TestRunner};
use std::cell::Cell;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Cases: each spawns the binary (a few ms, up to a training run), so the suite stays fast.
const CASES: u32 = 64;
/// Far above any honest run of a small command (milliseconds to a second for a default training
/// race in the test profile), far below a hung terminal: a hang detector, not a speed target.
const HANG: Duration = Duration::from_secs(5);

fn runner() -> TestRunner {
    let config = Runner {
        cases: CASES,
        failure_persistence: None,
        ..Runner::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]))
}

/// Hostile text: empty, dashes, numbers out of every range, Unicode, markup, a huge argument.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "-",
            "--",
            "---",
            "--=",
            "--=1",
            "-h",
            "--help",
            "--version",
            "help",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "1e400",
            "-1e400",
            "1e-400",
            "0",
            "-0",
            "1e308",
            "18446744073709551616",
            "-9223372036854775809",
            "0x10",
            "1,2,,3",
            ",",
            "true",
            "relu,relu,relu,relu,relu,relu,relu,relu,relu",
            "<img src=x onerror=alert(1)>",
            "%E0%A4%A",
            "a=b=c",
            "\u{feff}relu",
            "réLU",
            "활성화",
            "\u{202e}relu"
        ])
        .prop_map(str::to_string),
        any::<f64>().prop_map(|v| v.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        "[ -~]{0,24}",
        "\\PC{0,16}",
        (1usize..4).prop_map(|k| "9".repeat(k * 40_000)),
    ]
}

/// A value for a flag: a real name or number often, hostile text otherwise.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "relu", "tanh", "sigmoid", "silu", "softmax", "gelu", "xor", "spiral", "adam", "sgd",
            "train", "layers", "json", "text", "csv", "svg", "1", "2", "8", "-5", "0.5", "64",
            "1000", "-1,2", "1,2,3",
        ])
        .prop_map(str::to_string),
        3 => hostile(),
    ]
}

/// Flag names: nearly always a config key or a CLI-only flag, sometimes a stranger.
fn flag_name() -> impl Strategy<Value = String> {
    let mut names: Vec<String> = KEYS.iter().map(|k| k.name.to_string()).collect();
    names.extend(["config", "x", "format", "out"].map(String::from));
    prop_oneof![
        8 => prop::sample::select(names),
        1 => hostile(),
    ]
}

/// One or two arguments: `--key value`, `--key=value`, a bare `--key`, or a stray word.
/// `--out` and `--config` get paths inside the scratch directory (a hostile path could write
/// anywhere, or read /dev/zero for ever): present, absent, a directory, broken JSON.
fn flag() -> impl Strategy<Value = Vec<String>> {
    let path = prop::sample::select(vec![
        "out.svg",
        "out.json",
        "missing/out.svg",
        ".",
        "good.json",
        "bad.json",
        "array.json",
        "unknown-key.json",
        "missing.json",
        "",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        6 => (flag_name(), value()).prop_map(|(n, v)| vec![format!("--{n}"), v]),
        4 => (flag_name(), value()).prop_map(|(n, v)| vec![format!("--{n}={v}")]),
        2 => (prop::sample::select(vec!["out", "config"]), path)
            .prop_map(|(n, p)| vec![format!("--{n}"), p]),
        1 => flag_name().prop_map(|n| vec![format!("--{n}")]),
        1 => hostile().prop_map(|h| vec![h]),
    ]
}

/// A command line: a command (nearly always a real one), then up to eight flags, each flag
/// sometimes repeated.
fn arguments() -> impl Strategy<Value = Vec<String>> {
    let command = prop_oneof![
        8 => prop::sample::select(vec![
            "curve", "softmax", "layers", "train", "list", "keys", "help", "--help", "-h",
            "--version",
        ])
        .prop_map(str::to_string),
        1 => hostile(),
    ];
    (
        prop::option::weighted(0.95, command),
        prop::collection::vec((flag(), 1usize..=2), 0..8),
    )
        .prop_map(|(command, flags)| {
            let mut args: Vec<String> = command.into_iter().collect();
            for (flag, times) in flags {
                for _ in 0..times {
                    args.extend(flag.iter().cloned());
                }
            }
            args
        })
}

/// The scratch directory the binary runs in, with the `--config` files the generator names.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("actlab-props-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    for (name, text) in [
        ("good.json", r#"{"x-max": 8, "activation": "tanh"}"#),
        ("bad.json", "{\"x-max\": "),
        ("array.json", "[1, 2]"),
        ("unknown-key.json", r#"{"nope": 1}"#),
    ] {
        std::fs::write(dir.join(name), text).expect("a config file");
    }
    dir
}

/// What one run did: its exit status (None if it was killed at [`HANG`]), stderr, and time.
struct Run {
    code: Option<i32>,
    stderr: String,
    took: Duration,
}

/// Runs `actlab ARGS` in `dir`, stdout discarded and stderr to a file (no pipe to fill), killed
/// once it has run for [`HANG`].
fn run(dir: &Path, args: &[String]) -> Run {
    let stderr_path = dir.join("stderr.txt");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_actlab"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(&stderr_path).expect("a stderr file"))
        .spawn()
        .expect("the actlab binary runs");
    let code = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break status.code();
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Run {
        code,
        stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
        took: start.elapsed(),
    }
}

/// A command line for a failure message, a huge argument shortened.
fn shown(args: &[String]) -> String {
    let short: Vec<String> = args
        .iter()
        .map(|a| match a.char_indices().nth(60) {
            Some((at, _)) => format!("{}… ({} bytes)", &a[..at], a.len()),
            None => a.clone(),
        })
        .collect();
    format!("{short:?}")
}

#[test]
fn arbitrary_command_lines_never_panic_hang_or_fail_without_a_sentence() {
    let dir = scratch();
    // Counted through cells: proptest takes the property as an `Fn`.
    let (tried, failed, slowest) = (Cell::new(0u32), Cell::new(0u32), Cell::new(Duration::ZERO));
    let result = runner().run(&arguments(), |args| {
        let run = run(&dir, &args);
        tried.set(tried.get() + 1);
        slowest.set(slowest.get().max(run.took));
        let what = shown(&args);
        prop_assert!(run.code.is_some(), "actlab {what} ran past {HANG:?}");
        prop_assert!(
            !run.stderr.contains("panicked") && run.code != Some(101),
            "actlab {what} panicked: {}",
            run.stderr
        );
        prop_assert!(
            matches!(run.code, Some(0..=2)),
            "actlab {what} exited {:?}: {}",
            run.code,
            run.stderr
        );
        if run.code != Some(0) {
            failed.set(failed.get() + 1);
            let sentence = run.stderr.strip_prefix("actlab: ").unwrap_or_default();
            prop_assert!(
                sentence.trim().len() > 1 && run.stderr.ends_with('\n'),
                "actlab {what} failed without a sentence: {:?}",
                run.stderr
            );
            for debug in ["Err(", "Ok(", "Some(", "{ ", "\\u{"] {
                prop_assert!(
                    !sentence.contains(debug),
                    "actlab {what} printed Rust's debug formatting: {}",
                    run.stderr
                );
            }
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&dir);
    result.unwrap_or_else(|failure| panic!("{failure}"));
    println!(
        "{} command lines, {} refused with a sentence, slowest {:?}",
        tried.get(),
        failed.get(),
        slowest.get()
    );
}
