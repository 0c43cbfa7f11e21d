//! A decimal number as Rust's `str::parse::<f64>` reads it (`1.5`, `-2e-3`, `.5`, `inf`, `NaN`),
//! correctly rounded, without core's table of powers of five. (Past about 650,000 digits std
//! stops counting the exponent and may answer 0 where this reads the true value.)
//!
//! Links, widget attributes, `formula-params` and formulas are the only text the wasm modules
//! turn into numbers, and `str::parse::<f64>` links core's Eisel–Lemire table (11 KB, as
//! incompressible as random bytes) into each module that calls it: a tenth of the first-chart
//! module on the wire (issue #13). Here short numbers, which is what people and sliders write,
//! take Clinger's exact fast path; the rest start from a float estimate that exact big-integer
//! comparisons with the midpoints between neighbouring doubles move to the correctly rounded
//! one. (lexical-parse-float's `compact` build was tried first and misrounds: it reads
//! 10057034660238011569692213249 one double low.) `tests/number.rs` holds this to std's parser
//! and to the rounding rule on exact halfway points.

use std::cmp::Ordering;

/// `text` as `str::parse::<f64>` reads it: `None` exactly where that returns an error.
pub fn parse(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        Decimal::read(body)?.nearest()
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Significant digits kept. A midpoint between two doubles has at most 768 (with 767 kept,
/// tests/number.rs fails), so these and one more standing for the rest (1 if any of it is not
/// zero) decide every rounding as the whole number would.
const KEPT_DIGITS: usize = 800;

/// `digits` (most significant first, no leading or trailing zeros) × 10^`exponent`.
struct Decimal {
    digits: Vec<u8>,
    exponent: i64,
}

impl Decimal {
    /// `digits ['.' digits] [('e'|'E') ['+'|'-'] digits]`, with a digit on one side of the point.
    fn read(body: &str) -> Option<Decimal> {
        let bytes = body.as_bytes();
        let (mut digits, mut exponent, mut rest_nonzero) = (Vec::new(), 0i64, false);
        let (mut i, mut any_digit, mut after_point) = (0, false, false);
        while let Some(&byte) = bytes.get(i) {
            match byte {
                b'0'..=b'9' => {
                    any_digit = true;
                    let digit = byte - b'0';
                    if digits.len() == KEPT_DIGITS {
                        rest_nonzero |= digit != 0;
                        exponent += i64::from(!after_point);
                    } else {
                        if !digits.is_empty() || digit != 0 {
                            digits.push(digit);
                        }
                        exponent -= i64::from(after_point);
                    }
                }
                b'.' if !after_point => after_point = true,
                _ => break,
            }
            i += 1;
        }
        if !any_digit {
            return None;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            let sign = if bytes.get(i) == Some(&b'-') { -1 } else { 1 };
            if let Some(b'-' | b'+') = bytes.get(i) {
                i += 1;
            }
            let start = i;
            let mut written: i64 = 0;
            while let Some(&byte @ b'0'..=b'9') = bytes.get(i) {
                // Past a billion the answer is 0 or infinity whatever the digits.
                written = (written * 10 + i64::from(byte - b'0')).min(1_000_000_000);
                i += 1;
            }
            if i == start {
                return None;
            }
            exponent += sign * written;
        }
        if i != bytes.len() {
            return None;
        }
        if rest_nonzero {
            digits.push(1);
            exponent -= 1;
        }
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        Some(Decimal { digits, exponent })
    }

    /// The double nearest this number, ties to the even significand, as IEEE 754 rounds.
    fn nearest(&self) -> f64 {
        let count = self.digits.len() as i64;
        if count == 0 || count + self.exponent <= -324 {
            return 0.0; // below 10^-324, under half the smallest subnormal
        }
        if count - 1 + self.exponent >= 309 {
            return f64::INFINITY; // at least 10^309
        }
        let leading = |n: usize| {
            self.digits[..n]
                .iter()
                .fold(0u64, |v, &d| v * 10 + u64::from(d))
        };
        // Clinger: an integer below 2^53 and a power of ten up to 10^22 are both exact, so one
        // IEEE multiplication or division rounds the true product correctly.
        if count <= 15 && self.exponent.abs() <= 22 {
            let significand = leading(self.digits.len()) as f64;
            let power = (0..self.exponent.abs()).fold(1.0, |p, _| p * 10.0);
            return if self.exponent < 0 {
                significand / power
            } else {
                significand * power
            };
        }
        // An estimate a few units in the last place off, then exact steps to the nearest.
        let taken = self.digits.len().min(19);
        let scale = (self.exponent + count - taken as i64) as i32; // within ±343 by the bounds above
        let estimate =
            leading(taken) as f64 * 10f64.powi(scale / 2) * 10f64.powi(scale - scale / 2);
        let mut candidate = estimate.min(f64::MAX);
        // Up while this number is past the midpoint to the next double...
        loop {
            match self.cmp_upper_midpoint(candidate) {
                Ordering::Greater => candidate = next_up(candidate),
                Ordering::Equal => return even_of(candidate, next_up(candidate)),
                Ordering::Less => break,
            }
            if candidate.is_infinite() {
                return candidate;
            }
        }
        // ...then down while it is short of the midpoint to the one below (each step down keeps
        // it short of the candidate's own upper midpoint, so neither is compared twice).
        while candidate > 0.0 {
            let below = next_down(candidate);
            match self.cmp_upper_midpoint(below) {
                Ordering::Less => candidate = below,
                Ordering::Equal => return even_of(below, candidate),
                Ordering::Greater => break,
            }
        }
        candidate
    }

    /// This number against the midpoint between `x` (finite, ≥ 0) and the next double up.
    fn cmp_upper_midpoint(&self, x: f64) -> Ordering {
        // x = m·2^q, so the midpoint is (2m + 1)·2^(q−1); this number is D·5^e·2^e.
        let bits = x.to_bits();
        let (m, q) = match bits >> 52 {
            0 => (bits, -1074),
            biased => ((bits & ((1 << 52) - 1)) | (1 << 52), biased as i64 - 1075),
        };
        let mut ours = Big::from_digits(&self.digits);
        let mut midpoint = Big::from_u64(2 * m + 1);
        let e = self.exponent;
        if e >= 0 {
            ours.mul_pow5(e as u32);
        } else {
            midpoint.mul_pow5(e.unsigned_abs() as u32);
        }
        let twos = e - (q - 1);
        if twos >= 0 {
            ours.shl(twos as u32);
        } else {
            midpoint.shl(twos.unsigned_abs() as u32);
        }
        ours.cmp(&midpoint)
    }
}

fn next_up(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

fn next_down(x: f64) -> f64 {
    f64::from_bits(x.to_bits() - 1)
}

/// Of two neighbouring doubles, the one whose significand is even (the last bit of both).
fn even_of(a: f64, b: f64) -> f64 {
    if a.to_bits() & 1 == 0 {
        a
    } else {
        b
    }
}

/// A natural number in base 2^32, least significant limb first, no high zero limbs.
struct Big(Vec<u32>);

impl Big {
    fn from_u64(value: u64) -> Big {
        let mut big = Big(vec![value as u32, (value >> 32) as u32]);
        big.trim();
        big
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// self × factor + addend.
    fn mul_add(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let wide = u64::from(*limb) * u64::from(factor) + carry;
            *limb = wide as u32;
            carry = wide >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn mul_pow5(&mut self, mut power: u32) {
        while power > 0 {
            let step = power.min(13); // 5^13 < 2^32
            self.mul_add(5u32.pow(step), 0);
            power -= step;
        }
    }

    fn shl(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
