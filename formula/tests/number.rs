//! `number::parse` against two references: std's `str::parse::<f64>` (another algorithm: core's
//! Eisel–Lemire with its table) on the grammar and on every kind of number, and the rounding rule
//! itself on exact halfway points, where a parser that rounds through a float goes wrong.
#![cfg(not(target_arch = "wasm32"))]

use activation_lab_formula::number::parse;
use proptest::prelude::*;

/// Same answer as std's parser: both refuse, or both give the same bits (any NaN for NaN).
fn same_as_std(text: &str) -> Result<(), TestCaseError> {
    let ours = parse(text);
    let std = text.parse::<f64>().ok();
    let same = match (ours, std) {
        (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
        (None, None) => true,
        _ => false,
    };
    prop_assert!(same, "{text:?}: ours {ours:?}, std {std:?}");
    Ok(())
}

#[test]
fn reads_and_refuses_what_std_does() -> Result<(), TestCaseError> {
    let cases = [
        "0",
        "-0",
        "1.",
        ".5",
        "+5",
        "-5",
        "1e+5",
        "1E5",
        "00.1",
        "1.5e-3",
        "inf",
        "INF",
        "-inf",
        "Infinity",
        "+infinity",
        "NaN",
        "nan",
        "-nan",
        "1e400",
        "-1e400",
        "1e-400",
        "4.9e-324",
        "2.4703282292062327e-324", // just under half the smallest subnormal: 0
        "2.4703282292062328e-324", // just over: the smallest subnormal
        "2.2250738585072011e-308", // the largest subnormal / smallest normal boundary
        "1.7976931348623158e308",  // rounds down to f64::MAX
        "1.7976931348623159e308",  // rounds up to infinity
        "0.30000000000000004",
        "9007199254740993",
        "1e9999999999999999999",
        "0.000000000000000000000000000000000000000000001e45",
        // Refused, as std refuses them: no number, stray characters, other spellings.
        "",
        ".",
        "e5",
        "1e",
        "1e+",
        "-",
        "+",
        "--1",
        "1..2",
        "1_0",
        " 1",
        "1 ",
        "0x10",
        "in",
        "infin",
        "nan1",
        "1,5",
        "١",
        "1e5.5",
        "Inf inity",
    ];
    cases.into_iter().try_for_each(same_as_std)?;
    // More than the 800 digits kept, before the point and after it.
    let nines = "9".repeat(900);
    let ones = "1".repeat(790);
    for text in [
        format!("{nines}e-850"),
        format!("{nines}.5e-899"),
        format!("{ones}.{}", "1".repeat(30)),
        format!("0.{nines}"),
        format!("{}1e-860", "0".repeat(850)),
    ] {
        same_as_std(&text)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_text_of_number_characters(text in "[0-9.eE+-]{0,24}") {
        same_as_std(&text)?;
    }

    #[test]
    fn any_text_with_words(text in "[+-]?(inf|infinity|nan|INF|Infinity|NaN|[0-9]{0,3})[.eE0-9a-z+-]{0,6}") {
        same_as_std(&text)?;
    }

    #[test]
    fn every_double_as_rust_writes_it(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        for text in [format!("{x}"), format!("{x:e}"), format!("{x:.16e}"), format!("{x:.30e}")] {
            same_as_std(&text)?;
            // Each has at least the 17 significant digits that name x: the round trip is exact.
            prop_assert_eq!(parse(&text).map(f64::to_bits), Some(bits), "{}", text);
        }
    }

    #[test]
    fn long_digit_strings(digits in "[0-9]{17,1200}", point in 0usize..1200, exp in -1500i32..1200) {
        let point = point.min(digits.len());
        same_as_std(&format!("{}.{}e{exp}", &digits[..point], &digits[point..]))?;
    }

    /// Exact halfway points between two neighbouring doubles, written out in full (u128 holds
    /// them for binary exponents -19..=74), round to the neighbour with the even significand;
    /// a hair above goes up and a hair below goes down. The expected answer comes from the
    /// significands, not from any parser.
    #[test]
    fn halfway_points_round_to_even(m in (1u64 << 52)..(1u64 << 53), k in -19i32..=74) {
        let odd = u128::from(2 * m + 1); // the midpoint is odd · 2^(k-1)
        let (integer, scale) = if k >= 1 {
            (odd << (k - 1), 0)
        } else {
            (odd * 5u128.pow((1 - k) as u32), (1 - k) as usize)
        };
        let digits = format!("{integer:0>width$}", width = scale + 1);
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        let exact = format!("{whole}.{fraction}");
        let down = m as f64 * 2f64.powi(k);
        let up = (m + 1) as f64 * 2f64.powi(k);
        let even = if m % 2 == 0 { down } else { up };
        prop_assert_eq!(parse(&exact), Some(even), "{}", exact);
        prop_assert_eq!(parse(&format!("{exact}000000000000000000001")), Some(up));
        // The expansion one unit lower, then 9s: a hair under the midpoint.
        let below = if scale == 0 {
            format!("{}.999999999999999999999", integer - 1)
        } else {
            let mut b = format!("{:0>width$}", integer - 1, width = scale + 1);
            b.insert(b.len() - scale, '.');
            format!("{b}999999999999999999999")
        };
        prop_assert_eq!(parse(&below), Some(down), "{} (from {})", below, exact);
        same_as_std(&exact)?;
    }
}

/// The exact decimal midpoint of two doubles, from Rust's exact formatting of each (every
/// double has at most 1074 decimal places) and schoolbook addition and halving.
fn midpoint(a: f64, b: f64) -> String {
    let (a, b) = (format!("{a:.1075}"), format!("{b:.1075}"));
    let width = a.len().max(b.len());
    let digits = |s: &str| -> Vec<u32> {
        let padded = format!("{s:0>width$}");
        padded
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|d| u32::from(d - b'0'))
            .collect()
    };
    let (a, b) = (digits(&a), digits(&b));
    let mut sum = vec![0u32; a.len() + 2]; // a carry digit in front, a place for the half behind
    for i in (0..a.len()).rev() {
        let total = sum[i + 1] + a[i] + b[i];
        sum[i + 1] = total % 10;
        sum[i] = total / 10;
    }
    let mut remainder = 0;
    let halved: String = sum
        .iter()
        .map(|&d| {
            let value = remainder * 10 + d;
            remainder = value % 2;
            char::from(b'0' + (value / 2) as u8)
        })
        .collect();
    let point = halved.len() - 1076;
    format!("{}.{}", &halved[..point], &halved[point..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Halfway points across the whole range, subnormals and 1,000-digit expansions included,
    /// where a parser that keeps too few digits goes wrong.
    #[test]
    fn long_halfway_points_round_to_even(bits in 0u64..0x7fef_ffff_ffff_ffff) {
        let (down, up) = (f64::from_bits(bits), f64::from_bits(bits + 1));
        let exact = midpoint(down, up);
        let even = if bits % 2 == 0 { down } else { up };
        prop_assert_eq!(parse(&exact), Some(even));
        prop_assert_eq!(parse(&format!("{exact}1")), Some(up));
        // The midpoint less one unit in a place past its last: its last nonzero digit one lower,
        // every digit after it 9.
        let last = exact
            .rfind(|c: char| c != '0' && c != '.')
            .ok_or_else(|| TestCaseError::fail("a midpoint of two doubles is not zero"))?;
        let nines: String = exact[last + 1..].chars().map(|c| if c == '.' { '.' } else { '9' }).collect();
        let lower = char::from(exact.as_bytes()[last] - 1);
        let below = format!("{}{lower}{nines}9", &exact[..last]);
        prop_assert_eq!(parse(&below), Some(down), "{}", below);
    }
}
