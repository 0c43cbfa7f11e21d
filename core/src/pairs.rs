//! Name–value pairs serialised as one JSON object, in their own order. A `BTreeMap` gives the
//! same object sorted, but collecting into one compiles a stable sort into the wasm module for
//! each key and value type (3–4 KB each); the page reads these objects by name, never in order.

use serde::{Serialize, Serializer};

/// Pairs with distinct names, written as a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pairs<K, V>(pub Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Pairs<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<K, V> FromIterator<(K, V)> for Pairs<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        Pairs(pairs.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_one_object_in_their_own_order() -> Result<(), serde_json::Error> {
        let pairs: Pairs<&str, f64> = [("b", 1.0), ("a", 2.5)].into_iter().collect();
        assert_eq!(serde_json::to_string(&pairs)?, r#"{"b":1.0,"a":2.5}"#);
        let none: Pairs<String, f64> = Pairs::default();
        assert_eq!(serde_json::to_string(&none)?, "{}");
        Ok(())
    }
}
