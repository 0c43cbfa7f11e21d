//! The layers pass split over the page's workers (`www/js/layers-pool.js`): each worker runs a
//! [`LayersShard`] on its share of the batch, and the page's thread adds the shards up in a
//! [`LayersMerge`], whose snapshot stays on the page as a [`LayersSnapshot`]. Summaries,
//! ranges and counts cross as [`crate::wire`] words (`BigUint64Array`s), the two big arrays (the
//! range sample and ∂L/∂W) as `Float32Array`s; the page transfers both without a copy. A
//! preview is a pass of one shard on one worker, merged the same way.

use super::given::{read, LayersSnapshot};
use super::{js, to_json};
use crate::config::Config;
use crate::layers::{self, Counts, Merge, Partial, Ranges, Shard};
use crate::mlp::network::Network;
use crate::wire::to_words;
use wasm_bindgen::prelude::*;

/// One worker's share of a layers pass: run on construction, read once, then asked for its
/// histogram counts over the merged ranges.
#[wasm_bindgen]
pub struct LayersShard {
    shard: Shard,
    partial: Partial,
}

#[wasm_bindgen]
impl LayersShard {
    /// Runs the forward and backward pass of shard `index` of `count` of the pass `query`
    /// describes.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, index: usize, count: usize) -> Result<LayersShard, JsError> {
        let config = Config::parse(query).map_err(js)?;
        let mut shard = Shard::run(&config, index, count).map_err(js)?;
        let partial = shard.partial();
        Ok(LayersShard { shard, partial })
    }

    /// The shard's summary as words (for [`LayersMerge::add`]).
    pub fn summary(&self) -> Vec<u64> {
        to_words(&self.partial.summary)
    }

    /// The sampled values (handed over once: a second call returns an empty array).
    #[wasm_bindgen(js_name = takeSamples)]
    pub fn take_samples(&mut self) -> Vec<f32> {
        std::mem::take(&mut self.partial.samples)
    }

    /// ∂L/∂W over this shard's rows, layer by layer (handed over once; empty for a lone shard).
    #[wasm_bindgen(js_name = takeGradients)]
    pub fn take_gradients(&mut self) -> Vec<f32> {
        std::mem::take(&mut self.partial.gradients)
    }

    /// A lone shard's (a pass of one shard: a preview) histogram ranges and its counts over
    /// them, as words for [`LayersMerge::add_lone_counts`]: sent with its partial, they spare
    /// the page a second round trip to a worker that may by then be busy with the next
    /// preview. Ask before taking the samples: the ranges are picked from them.
    #[wasm_bindgen(js_name = loneCounts)]
    pub fn lone_counts(&self) -> Result<Vec<u64>, JsError> {
        Ok(to_words(
            &self.shard.lone_counts(&self.partial).map_err(js)?,
        ))
    }

    /// This shard's histogram counts (words) over the ranges [`LayersMerge::ranges`] picked.
    pub fn counts(&self, ranges: Vec<u64>) -> Result<Vec<u64>, JsError> {
        let ranges: Ranges = read(&ranges, "histogram ranges")?;
        Ok(to_words(&self.shard.counts(&ranges)))
    }
}

/// Adds up the shards of one layers pass on the page's thread.
#[wasm_bindgen]
pub struct LayersMerge {
    merge: Merge,
}

#[wasm_bindgen]
impl LayersMerge {
    /// An empty merge for the pass `query` describes.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<LayersMerge, JsError> {
        let config = Config::parse(query).map_err(js)?;
        Ok(LayersMerge {
            merge: Merge::new(&config).map_err(js)?,
        })
    }

    /// How many shards to split the pass `query` describes into with `workers` workers.
    pub fn shards(query: &str, workers: usize) -> Result<usize, JsError> {
        layers::shard_count(&Config::parse(query).map_err(js)?, workers).map_err(js)
    }

    /// A quick first look at this pass, on its first few samples, to draw while a reader drags
    /// a slider (`Config::layers_preview`): JSON `{"query", "rows", "batch"}` (the preview's query, its
    /// samples, the full batch's), or '' when the pass needs none.
    pub fn preview(query: &str) -> Result<String, JsError> {
        let full = Config::parse(query).map_err(js)?;
        match full.layers_preview().map_err(js)? {
            Some(small) => to_json(&Preview {
                query: small.to_query(),
                rows: small.batch,
                batch: full.batch,
            }),
            None => Ok(String::new()),
        }
    }

    /// Adds one shard: its summary and its two arrays.
    pub fn add(
        &mut self,
        summary: Vec<u64>,
        samples: Vec<f32>,
        gradients: Vec<f32>,
    ) -> Result<(), JsError> {
        let partial = Partial {
            summary: read(&summary, "a shard summary")?,
            samples,
            gradients,
        };
        self.merge.add(partial).map_err(js)
    }

    /// The histogram ranges (words), once every shard is added.
    pub fn ranges(&mut self) -> Result<Vec<u64>, JsError> {
        Ok(to_words(&self.merge.ranges().map_err(js)?))
    }

    /// Adds one shard's histogram counts.
    #[wasm_bindgen(js_name = addCounts)]
    pub fn add_counts(&mut self, counts: Vec<u64>) -> Result<(), JsError> {
        let counts: Counts = read(&counts, "histogram counts")?;
        self.merge.add_counts(counts).map_err(js)
    }

    /// Adds a lone shard's ranges and counts ([`LayersShard::lone_counts`]) once its partial is
    /// added; an error if they were counted over other ranges than this merge picks.
    #[wasm_bindgen(js_name = addLoneCounts)]
    pub fn add_lone_counts(&mut self, words: Vec<u64>) -> Result<(), JsError> {
        let lone = read(&words, "a lone shard's ranges and counts")?;
        self.merge.add_lone_counts(lone).map_err(js)
    }

    /// The snapshot, kept on the page as a handle that draws and exports it.
    pub fn finish(self) -> Result<LayersSnapshot, JsError> {
        Ok(self.merge.finish().map_err(js)?.into())
    }
}

/// A shard's network alone, for `make bench`: the passes without statistics, timed by the page
/// across every worker at once.
#[wasm_bindgen]
pub struct NetworkShard {
    network: Network,
}

#[wasm_bindgen]
impl NetworkShard {
    /// Draws the weights and takes rows of shard `index` of `count` of the input.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, index: usize, count: usize) -> Result<NetworkShard, JsError> {
        let config = Config::parse(query).map_err(js)?;
        let spec = config.network_spec().map_err(js)?;
        let rows = layers::shard_rows(spec.batch, index, count).map_err(js)?;
        Ok(NetworkShard {
            network: Network::with_rows(spec, rows).map_err(js)?,
        })
    }

    /// One forward pass, and the backward pass too if `backward`.
    pub fn run(&self, backward: bool) {
        let mut pass = self.network.forward();
        if backward {
            self.network.backward(&mut pass, |_, _| {});
        }
    }
}

/// What `LayersMerge.preview` answers.
#[derive(serde::Serialize)]
struct Preview {
    query: String,
    rows: usize,
    batch: usize,
}
