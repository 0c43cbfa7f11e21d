//! `dictionary-brotli DICTIONARY FILE` writes FILE brotli-compressed (quality 11) against
//! DICTIONARY, a raw prefix dictionary, to stdout: the stream of an RFC 9842 `dcb` answer, which
//! `tools/serve.mjs` frames with the magic number and the dictionary's hash.
//! `dictionary-brotli --decompress DICTIONARY FILE` undoes it (the tests' check).

use std::io::{self, Cursor, Read, Write};
use std::process::ExitCode;

use brotli::enc::{BrotliCompressCustomIoCustomDict, BrotliEncoderParams, StandardAlloc};
use brotli::interface::{InputPair, PredictionModeContextMap, StaticCommand};
use brotli::{InputReferenceMut, IoReaderWrapper, IoWriterWrapper};

const USAGE: &str = "usage: dictionary-brotli [--decompress] DICTIONARY FILE";
/// 16 MB, brotli's largest standard window: the dictionary and the file must both fit in it for
/// every match into the dictionary to be reachable (the modules here come to about 1.3 MB).
const WINDOW_BITS: i32 = 24;

fn compress(dictionary: &[u8], input: &[u8]) -> io::Result<Vec<u8>> {
    let params = BrotliEncoderParams {
        quality: 11,
        lgwin: WINDOW_BITS,
        size_hint: input.len(),
        ..BrotliEncoderParams::default()
    };
    let mut out = Vec::new();
    let (mut input_buffer, mut output_buffer) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    let mut no_callback = |_: &mut PredictionModeContextMap<InputReferenceMut>,
                           _: &mut [StaticCommand],
                           _: InputPair,
                           _: &mut StandardAlloc| {};
    BrotliCompressCustomIoCustomDict(
        &mut IoReaderWrapper(&mut Cursor::new(input)),
        &mut IoWriterWrapper(&mut out),
        &mut input_buffer,
        &mut output_buffer,
        &params,
        StandardAlloc::default(),
        &mut no_callback,
        dictionary,
        io::Error::new(io::ErrorKind::UnexpectedEof, "the input ended early"),
    )?;
    Ok(out)
}

fn decompress(dictionary: &[u8], input: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    brotli::Decompressor::new_with_custom_dict(input, 1 << 16, dictionary.to_vec().into())
        .read_to_end(&mut out)?;
    Ok(out)
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|err| format!("cannot read {path}: {err}"))
}

fn run(args: &[String]) -> Result<Vec<u8>, String> {
    let (undo, paths) = match args {
        [flag, rest @ ..] if flag == "--decompress" => (true, rest),
        rest => (false, rest),
    };
    let [dictionary, file] = paths else {
        return Err(USAGE.to_owned());
    };
    let (dictionary, input) = (read(dictionary)?, read(file)?);
    let result = if undo {
        decompress(&dictionary, &input)
    } else {
        compress(&dictionary, &input)
    };
    result.map_err(|err| format!("{file}: {err}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).and_then(|out| io::stdout().write_all(&out).map_err(|err| err.to_string())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dictionary-brotli: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_much_like_its_dictionary_comes_back_small_and_whole() {
        // A pseudo-random dictionary (incompressible alone) and a file that repeats it with a change.
        let mut state = 0x2545_f491_u32;
        let dictionary: Vec<u8> = (0..200_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state.to_le_bytes()[0]
            })
            .collect();
        let mut file = dictionary.clone();
        file[100_000..100_010].copy_from_slice(b"0123456789");
        let packed = compress(&dictionary, &file).map_err(|e| e.to_string());
        let packed = packed.as_deref().unwrap_or_default();
        assert!(
            !packed.is_empty() && packed.len() < 1_000,
            "{} bytes against the dictionary",
            packed.len()
        );
        assert_eq!(decompress(&dictionary, packed).ok(), Some(file.clone()));
        // Without it, the same stream does not decode to the file.
        assert_ne!(decompress(&[], packed).ok(), Some(file));
    }
}
