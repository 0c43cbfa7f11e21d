//! `actlab` speaks Korean: `--lang ko`, or a locale starting with `ko` (LC_ALL, else
//! LC_MESSAGES, else LANG), makes its one-sentence errors Korean, the same sentences the page
//! shows (error/src/ko.rs). The expected sentences are written out here, not generated.

#![allow(clippy::expect_used)]

mod common;

use std::process::{Command, Output};

/// Runs `actlab` with exactly these locale variables (the others removed).
fn actlab_in(locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_actlab"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
        .envs(locale.iter().copied())
        .args(args)
        .output()
        .expect("the actlab binary runs")
}

/// The one line on stderr of a run that must fail as bad input (exit status 2), without its
/// `actlab: ` prefix.
fn refusal(output: Output) -> String {
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
        .trim_end()
        .strip_prefix("actlab: ")
        .expect("the sentence follows actlab: ")
        .to_string()
}

const KOREAN_LOCALE: &[(&str, &str)] = &[("LANG", "ko_KR.UTF-8")];

/// (arguments, English sentence, Korean sentence) for a few codes.
const CASES: &[(&[&str], &str, &str)] = &[
    (
        &["curve", "--depth", "500"],
        "depth must be an integer in 1..=64, got 500",
        "depth 값은 1..=64 범위의 정수여야 합니다 (입력: 500)",
    ),
    (
        &["curve", "--x-min", "abc"],
        "x-min must be a number, got \"abc\"",
        "x-min 값은 숫자여야 합니다 (입력: \"abc\")",
    ),
    (
        &["curve", "--x-min", "5", "--x-max", "1"],
        "x-min must be less than x-max, got x-min=5 and x-max=1",
        "x-min은 x-max보다 작아야 합니다 (입력: x-min=5, x-max=1)",
    ),
    (
        &["curve", "--activation", "relu,relu"],
        "activation lists relu twice",
        "activation에 relu이(가) 두 번 들어 있습니다",
    ),
    (
        &["curve", "--activation", "custom", "--formula", "x+)"],
        "unexpected ')' at column 3 of the formula",
        "수식의 3번째 글자에 예상하지 못한 ')'이(가) 있습니다",
    ),
    (
        &["curve", "--activation", "custom"],
        "activation=custom needs a formula in x, e.g. formula=x*sigmoid(x)",
        "activation=custom에는 x에 대한 수식이 필요합니다 (예: formula=x*sigmoid(x))",
    ),
    (
        &["frob"],
        "unknown command \"frob\" (expected one of: curve, softmax, layers, train, phase, list, keys, help)",
        "알 수 없는 명령 \"frob\" (가능한 명령: curve, softmax, layers, train, phase, list, keys, help)",
    ),
];

#[test]
fn english_without_a_korean_locale_or_flag() {
    for (args, english, _) in CASES {
        assert_eq!(refusal(actlab_in(&[], args)), *english, "{args:?}");
        let c_locale = actlab_in(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "C")], args);
        assert_eq!(refusal(c_locale), *english, "{args:?}");
    }
}

#[test]
fn korean_with_lang_ko_in_either_spelling_and_anywhere() {
    for (args, _, korean) in CASES {
        let mut flagged = args.to_vec();
        flagged.extend(["--lang", "ko"]);
        assert_eq!(refusal(actlab_in(&[], &flagged)), *korean, "{flagged:?}");
        let mut first = vec!["--lang=ko"];
        first.extend(args.iter());
        assert_eq!(refusal(actlab_in(&[], &first)), *korean, "{first:?}");
    }
}

#[test]
fn korean_under_a_korean_locale_in_posix_order() {
    for (args, english, korean) in CASES {
        assert_eq!(refusal(actlab_in(KOREAN_LOCALE, args)), *korean, "{args:?}");
        let messages = actlab_in(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "ko_KR")], args);
        assert_eq!(
            refusal(messages),
            *korean,
            "LC_MESSAGES before LANG: {args:?}"
        );
        let all = actlab_in(&[("LC_MESSAGES", "ko_KR"), ("LC_ALL", "C.UTF-8")], args);
        assert_eq!(
            refusal(all),
            *english,
            "LC_ALL before LC_MESSAGES: {args:?}"
        );
        let mut flagged = args.to_vec();
        flagged.extend(["--lang", "en"]);
        let overridden = actlab_in(KOREAN_LOCALE, &flagged);
        assert_eq!(
            refusal(overridden),
            *english,
            "--lang en over the locale: {flagged:?}"
        );
    }
}

#[test]
fn a_language_the_cli_does_not_speak_is_refused_in_the_locale_language() {
    assert_eq!(
        refusal(actlab_in(&[], &["curve", "--lang", "fr"])),
        "unknown language \"fr\" (expected one of: en, ko)"
    );
    assert_eq!(
        refusal(actlab_in(KOREAN_LOCALE, &["curve", "--lang=fr"])),
        "language에 알 수 없는 값 \"fr\" (가능한 값: en, ko)"
    );
}

#[test]
fn the_language_changes_errors_only_not_output() {
    let args = ["curve", "--activation", "relu", "--x=0,1"];
    let english = actlab_in(&[], &args);
    let mut flagged = args.to_vec();
    flagged.extend(["--lang", "ko"]);
    let korean = actlab_in(KOREAN_LOCALE, &flagged);
    assert_eq!(english.status.code(), Some(0));
    assert_eq!(korean.status.code(), Some(0));
    assert_eq!(english.stdout, korean.stdout);
    assert!(common::stdout(&["--help"]).contains("--lang LANG"));
}
