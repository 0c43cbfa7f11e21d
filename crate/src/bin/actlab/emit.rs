//! Where a command's text goes: stdout, or the `--out` file.

use crate::error::CliError;
use crate::format::Format;
use std::io::Write;
use std::path::Path;

/// Writes `text` to `out`, or to stdout when there is no `--out`.
///
/// A closed pipe (`actlab curve | head`) is the reader's choice, not an error.
pub fn emit(text: &str, out: Option<&Path>) -> Result<(), CliError> {
    if let Some(path) = out {
        return std::fs::write(path, text)
            .map_err(|e| CliError::Output(format!("cannot write \"{}\": {e}", path.display())));
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Output(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

/// Refuses SVG without `--out` before any work is done: a terminal is no place for a chart.
pub fn check_out(format: Format, out: Option<&Path>) -> Result<(), CliError> {
    if format == Format::Svg && out.is_none() {
        return Err(CliError::Input(crate::language::said(
            "svg output needs --out FILE".into(),
            "svg 출력에는 --out FILE이 필요합니다".into(),
        )));
    }
    Ok(())
}
