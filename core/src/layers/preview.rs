//! A first look at a big layers pass: the same network on the first few samples of the batch,
//! quick enough to draw while a reader drags a slider, before the whole pass replaces it.
//!
//! [`Network::new`](crate::mlp::network::Network::new) draws the weights and biases before the
//! input, so a batch of k samples is exactly the first k of the full batch through the same
//! network: a preview shows a subset of what the full pass does, not a different network.

use crate::mlp::network::{NetworkSpec, Norm};

/// Passes above this many multiply-adds (batch × width² × depth, the forward pass) get a preview
/// first: below it, the whole pass draws within a few frames anyway.
pub const PREVIEW_ABOVE_MACS: usize = 1 << 27;

/// The preview's share of work: about this many multiply-adds forward (at least
/// [`PREVIEW_MIN_ROWS`] samples), a few milliseconds forward and backward on one thread.
pub const PREVIEW_MACS: usize = 1 << 25;

/// Fewest samples a preview shows: its histograms still hold `width` values per sample each.
pub const PREVIEW_MIN_ROWS: usize = 16;

/// How many of the batch's first samples to show first, or `None` when the pass is quick
/// already, the preview would not be much smaller, or batch norm couples the samples (its
/// statistics on a few samples would be another network's). `Config::layers_preview` turns it
/// into the query the worker is sent.
pub fn preview_rows(spec: &NetworkSpec) -> Option<usize> {
    let per_sample = spec.width * spec.width * spec.depth;
    if spec.norm == Norm::Batch || spec.batch.saturating_mul(per_sample) <= PREVIEW_ABOVE_MACS {
        return None;
    }
    let rows = (PREVIEW_MACS / per_sample.max(1)).max(PREVIEW_MIN_ROWS);
    (rows * 4 <= spec.batch).then_some(rows)
}
