// The core's errors in the page's language. The wasm boundary throws a JS Error whose `message`
// is the core's English sentence and which carries `code`, `fields` and `ko`, the core's Korean
// sentence built from the same facts (error/src/ko.rs, the one `actlab --lang ko` prints;
// crate/src/wasm/error.rs); `lab.warnings()` returns the same objects. So the page and the CLI
// word an error the same way, and the Korean lives in one place. An error without `ko` (one of
// the page's own, or plain text) keeps its English message.

/**
 * An error in `lang`: the core's Korean sentence when the page is in Korean and the error has
 * one, else its English message (the page's own errors, and plain text).
 */
export function translateError(lang, error) {
  const message = typeof error === 'string' ? error : String(error?.message ?? error ?? '');
  if (lang !== 'ko' || error === null || typeof error !== 'object') return message;
  return typeof error.ko === 'string' && error.ko !== '' ? error.ko : message;
}
