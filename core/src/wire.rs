//! What the page's workers hand to the page's thread, as flat 64-bit words (a `BigUint64Array`
//! there, transferred without a copy): a layers shard's summary, ranges and counts, the phase
//! map's theory and cells.
//!
//! Why not serde: reading these types back through serde's derived code cost the wasm module
//! 77 KB with serde_json and 23 KB with postcard (measured, the twelfth and fifteenth sessions),
//! where the page's budget is a few KB. Writing them is still serde's job (the exports and the
//! CLI's JSON); only the worker-to-page crossing uses this. A value is its fields in order; an
//! f64 is its bit pattern, so NaN, ±∞ and −0 cross exactly; a list is its length, then its
//! items; an `Option` is 0, or 1 then the value.

use std::fmt;

/// Words that do not read back as the value asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// The word where reading stopped.
    pub at: usize,
    /// What was expected there.
    pub expected: &'static str,
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "word {} is not {}", self.at, self.expected)
    }
}

impl std::error::Error for Malformed {}

/// A value that crosses as words.
pub trait Wire: Sized {
    /// Appends the value's words.
    fn write(&self, out: &mut Vec<u64>);
    /// Reads a value from the front of `words`.
    fn read(words: &mut Reader<'_>) -> Result<Self, Malformed>;
}

/// Reads words front to back.
pub struct Reader<'a> {
    words: &'a [u64],
    at: usize,
}

impl Reader<'_> {
    /// The next word.
    pub fn next(&mut self, expected: &'static str) -> Result<u64, Malformed> {
        let word = self.words.get(self.at).copied().ok_or(Malformed {
            at: self.at,
            expected,
        })?;
        self.at += 1;
        Ok(word)
    }

    /// A length, bounded by the words left (each item takes at least one): a forged length
    /// cannot make the reader reserve more memory than the words it was given.
    fn length(&mut self) -> Result<usize, Malformed> {
        let at = self.at;
        let word = self.next("a length")?;
        usize::try_from(word)
            .ok()
            .filter(|&n| n <= self.words.len() - self.at)
            .ok_or(Malformed {
                at,
                expected: "a length within the words given",
            })
    }
}

/// The words of `value`.
pub fn to_words<T: Wire>(value: &T) -> Vec<u64> {
    let mut out = Vec::new();
    value.write(&mut out);
    out
}

/// The value `words` hold, every word read.
pub fn from_words<T: Wire>(words: &[u64]) -> Result<T, Malformed> {
    let mut reader = Reader { words, at: 0 };
    let value = T::read(&mut reader)?;
    if reader.at != words.len() {
        return Err(Malformed {
            at: reader.at,
            expected: "the end",
        });
    }
    Ok(value)
}

impl Wire for u64 {
    fn write(&self, out: &mut Vec<u64>) {
        out.push(*self);
    }
    fn read(words: &mut Reader<'_>) -> Result<u64, Malformed> {
        words.next("a count")
    }
}

impl Wire for usize {
    fn write(&self, out: &mut Vec<u64>) {
        out.push(*self as u64);
    }
    fn read(words: &mut Reader<'_>) -> Result<usize, Malformed> {
        let at = words.at;
        usize::try_from(words.next("a count")?).map_err(|_| Malformed {
            at,
            expected: "a count within usize",
        })
    }
}

impl Wire for f64 {
    fn write(&self, out: &mut Vec<u64>) {
        out.push(self.to_bits());
    }
    fn read(words: &mut Reader<'_>) -> Result<f64, Malformed> {
        words.next("a number").map(f64::from_bits)
    }
}

impl Wire for String {
    fn write(&self, out: &mut Vec<u64>) {
        self.len().write(out);
        out.extend(self.bytes().map(u64::from));
    }
    fn read(words: &mut Reader<'_>) -> Result<String, Malformed> {
        let at = words.at;
        let not_text = Malformed {
            at,
            expected: "UTF-8 text",
        };
        let mut bytes = Vec::new();
        for _ in 0..words.length()? {
            bytes.push(u8::try_from(words.next("a byte")?).map_err(|_| not_text.clone())?);
        }
        String::from_utf8(bytes).map_err(|_| not_text)
    }
}

impl<T: Wire> Wire for Option<T> {
    fn write(&self, out: &mut Vec<u64>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.write(out);
            }
        }
    }
    fn read(words: &mut Reader<'_>) -> Result<Option<T>, Malformed> {
        let at = words.at;
        match words.next("0 or 1")? {
            0 => Ok(None),
            1 => T::read(words).map(Some),
            _ => Err(Malformed {
                at,
                expected: "0 or 1",
            }),
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn write(&self, out: &mut Vec<u64>) {
        self.len().write(out);
        for item in self {
            item.write(out);
        }
    }
    fn read(words: &mut Reader<'_>) -> Result<Vec<T>, Malformed> {
        (0..words.length()?).map(|_| T::read(words)).collect()
    }
}

impl<T: Wire, const N: usize> Wire for [T; N] {
    fn write(&self, out: &mut Vec<u64>) {
        for item in self {
            item.write(out);
        }
    }
    fn read(words: &mut Reader<'_>) -> Result<[T; N], Malformed> {
        let items = (0..N)
            .map(|_| T::read(words))
            .collect::<Result<Vec<T>, _>>()?;
        items.try_into().map_err(|_| Malformed {
            at: words.at,
            expected: "a fixed number of items",
        })
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn write(&self, out: &mut Vec<u64>) {
        self.0.write(out);
        self.1.write(out);
    }
    fn read(words: &mut Reader<'_>) -> Result<(A, B), Malformed> {
        Ok((A::read(words)?, B::read(words)?))
    }
}

/// Declares how a struct crosses: its fields, in order, each already [`Wire`].
macro_rules! wire_struct {
    ($name:ty { $($field:ident),* $(,)? }) => {
        impl $crate::wire::Wire for $name {
            fn write(&self, out: &mut Vec<u64>) {
                $($crate::wire::Wire::write(&self.$field, out);)*
            }
            fn read(
                words: &mut $crate::wire::Reader<'_>,
            ) -> Result<Self, $crate::wire::Malformed> {
                Ok(Self { $($field: $crate::wire::Wire::read(words)?,)* })
            }
        }
    };
}
pub(crate) use wire_struct;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Sample {
        name: String,
        numbers: Vec<f64>,
        pair: Option<[f64; 2]>,
        counts: [Vec<u64>; 2],
        range: (f64, f64),
        at: Option<usize>,
    }
    wire_struct!(Sample {
        name,
        numbers,
        pair,
        counts,
        range,
        at
    });

    fn sample() -> Sample {
        Sample {
            name: "tanh σ".into(),
            numbers: vec![f64::NAN, f64::INFINITY, -0.0, 1e-310, -2.5],
            pair: Some([f64::NEG_INFINITY, 3.0]),
            counts: [vec![u64::MAX, 0], vec![]],
            range: (-1.0, 1.0),
            at: None,
        }
    }

    #[test]
    fn every_value_reads_back_bit_for_bit() -> Result<(), Malformed> {
        let words = to_words(&sample());
        let back: Sample = from_words(&words)?;
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back.numbers), bits(&sample().numbers));
        assert_eq!(back.name, "tanh σ");
        assert_eq!(back.pair.map(|p| p[0]), Some(f64::NEG_INFINITY));
        assert_eq!(back.counts, [vec![u64::MAX, 0], vec![]]);
        assert_eq!((back.range, back.at), ((-1.0, 1.0), None));
        // The layout is the one the module's docs state: a string is its length then its bytes.
        assert_eq!(words[0], "tanh σ".len() as u64);
        assert_eq!(words[1], u64::from(b't'));
        Ok(())
    }

    #[test]
    fn short_long_and_forged_words_are_refused_not_trusted() {
        let words = to_words(&sample());
        for cut in 0..words.len() {
            assert!(from_words::<Sample>(&words[..cut]).is_err(), "cut at {cut}");
        }
        let mut long = words.clone();
        long.push(0);
        let error = from_words::<Sample>(&long).err();
        assert_eq!(
            error.map(|e| (e.at, e.expected)),
            Some((words.len(), "the end"))
        );
        // A length of 2^60 items in a handful of words: refused before anything is reserved.
        let forged = [1u64 << 60];
        let error = from_words::<Vec<f64>>(&forged).err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("word 0 is not a length within the words given")
        );
        let error = from_words::<Option<f64>>(&[2, 0]).err();
        assert_eq!(error.map(|e| e.expected), Some("0 or 1"));
        assert!(from_words::<String>(&[1, 300]).is_err());
        assert!(from_words::<String>(&[2, 0xC3, 0x28]).is_err(), "not UTF-8");
    }
}
