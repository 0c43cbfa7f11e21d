// The layers view's controller, shared by the page and every widget: it asks the worker pool for
// the pass of a query (through this reader's own channel, so only the newest request waits), keeps
// the last snapshot (a LayersSnapshot, which draws and exports it) with the query it belongs to, and tells its view when a pass starts, ends or
// fails. The views only draw and word what it hands them.

import { layersChannel } from './layers-pool.js';

/**
 * `onComputing()` when a pass is asked for, `onResult({ snapshot, info, ms, shards })` when the
 * newest one is in (info: the snapshot's numbers, parsed), `onError(error)` when it fails; with
 * `onPreview`, a big pass is first previewed on its first `rows` of `batch` samples:
 * `onPreview({ snapshot, ms, shards, rows, batch, query })`, drawn and labelled as such until the
 * whole pass replaces it.
 */
export function createLayersController({ onComputing, onResult, onError, onPreview }) {
  const channel = layersChannel();
  let snapshot = null; // { given, info, query, result }: given, the LayersSnapshot; result, what onResult was handed
  let pending = null; // the query on its way
  let preview = null; // { given, query, rows, batch }: the newest first look at a pass asked for

  return {
    /** True if the snapshot of `query` is here to draw; else asks for it (once) and returns false. */
    want(query) {
      if (snapshot?.query === query) {
        // Back to the setting shown (a slider moved away and back): a pass still on its way for
        // the other setting would replace the picture with one the controls no longer show.
        if (pending !== null) {
          channel.cancel();
          pending = null;
          preview = null;
          onResult(snapshot.result); // its status and table again, in place of "computing"
        }
        return true;
      }
      if (pending === query) return false;
      pending = query;
      onComputing();
      // A preview of an older query than the one on its way is still drawn: it is newer than
      // what the reader sees (see layersChannel), and the whole pass of the newest replaces it.
      const previewed = onPreview && ((result) => {
        if (pending === null) return; // the whole pass is in, or the reader left
        preview = { given: result.snapshot, query, rows: result.rows, batch: result.batch };
        onPreview({ ...result, query });
      });
      channel.request(query, { onPreview: previewed }).then((result) => {
        if (!result) return; // a newer request is on its way
        pending = null;
        preview = null;
        const info = JSON.parse(result.snapshot.json());
        snapshot = { given: result.snapshot, info, query, result: { ...result, info } };
        onResult(snapshot.result);
      }, (err) => {
        pending = null;
        preview = null;
        onError(err); // the error itself: its code and fields build the reader's sentence
      });
      return false;
    },
    /** The last LayersSnapshot if it belongs to `query` (any query when omitted), else null. */
    given(query) {
      return snapshot && (query === undefined || snapshot.query === query) ? snapshot.given : null;
    },
    /** While a pass is on its way, the newest preview drawn for it or an older query: { given,
     * query, rows, batch } (query: the whole pass it previews), else null. */
    preview: () => (pending !== null ? preview : null),
    /** The query of the last snapshot, or ''. */
    query: () => snapshot?.query ?? '',
    /** The last snapshot, parsed, or null. */
    info: () => snapshot?.info ?? null,
    /** Forgets the snapshot (a new lab) so the next `want` asks again. */
    forget() {
      snapshot = null;
    },
    /** Drops the waiting pass and ignores the running one (the reader is gone). */
    cancel() {
      channel.cancel();
      pending = null;
      preview = null;
    },
  };
}
