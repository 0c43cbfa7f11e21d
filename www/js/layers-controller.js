// The layers view's controller, shared by the page and every widget: it asks the worker pool for
// the pass of a query (through this reader's own channel, so only the newest request waits), keeps
// the last snapshot with the query it belongs to, and tells its view when a pass starts, ends or
// fails. The views only draw and word what it hands them.

import { layersChannel } from './layers-pool.js';

/**
 * `onComputing()` when a pass is asked for, `onResult({ json, info, ms, shards })` when the newest
 * one is in (info: the parsed snapshot), `onError(error)` when it fails.
 */
export function createLayersController({ onComputing, onResult, onError }) {
  const channel = layersChannel();
  let snapshot = null; // { json, info, query }
  let pending = null; // the query on its way

  return {
    /** True if the snapshot of `query` is here to draw; else asks for it (once) and returns false. */
    want(query) {
      if (snapshot?.query === query) return true;
      if (pending === query) return false;
      pending = query;
      onComputing();
      channel.request(query).then((result) => {
        if (!result) return; // a newer request is on its way
        pending = null;
        snapshot = { json: result.json, info: JSON.parse(result.json), query };
        onResult({ ...result, info: snapshot.info });
      }, (err) => {
        pending = null;
        onError(err); // the error itself: its code and fields build the reader's sentence
      });
      return false;
    },
    /** The last snapshot's JSON if it belongs to `query` (any query when omitted), else ''. */
    json(query) {
      return snapshot && (query === undefined || snapshot.query === query) ? snapshot.json : '';
    },
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
    },
  };
}
