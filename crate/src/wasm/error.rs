//! Errors cross to JavaScript as data: a JS `Error` whose `message` is the core's English
//! sentence and which carries `code` (a string), `fields` (a plain object of the facts the
//! sentence states) and `ko`, the core's Korean sentence built from the same facts
//! (error/src/ko.rs, the one the CLI prints), which `www/js/error-strings.js` shows.

use crate::error::Error;
use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsError, JsValue};

/// The core's error as a JS `Error` with `code` and `fields`, never a panic.
pub fn js(error: Error) -> JsError {
    let thrown = JsError::new(&error.to_string());
    // A clone of a JsError refers to the same JS object, so the properties set through it are
    // on the object the caller throws.
    let object = JsValue::from(thrown.clone());
    // Setting a property on a fresh Error object and parsing serde_json's own output cannot
    // fail; were either to, the error would still arrive with its sentence.
    let _ = Reflect::set(&object, &"code".into(), &error.code().into());
    // The Korean sentence from the core (error/src/ko.rs), the one the CLI prints too.
    let _ = Reflect::set(&object, &"ko".into(), &error.korean().into());
    if let Ok(fields) = JSON::parse(&error.fields().to_string()) {
        let _ = Reflect::set(&object, &"fields".into(), &fields);
    }
    thrown
}

/// The same, as a plain value for the lists the boundary returns (`warnings`, `errorExamples`).
pub fn value(error: Error) -> JsValue {
    js(error).into()
}

/// An error no reader's input can cause (a worker message out of step, no clock in this
/// environment): code `internal`, the detail in English for a bug report.
pub fn internal(detail: impl Into<String>) -> JsError {
    js(Error::Internal {
        detail: detail.into(),
    })
}
