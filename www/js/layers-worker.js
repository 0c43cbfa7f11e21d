// Runs the layers experiment (forward + backward through the whole network) off the main
// thread, so the page stays responsive at the largest allowed size. Messages: {id, query} in,
// {id, json, ms} or {id, error} out.

import { Lab } from '../pkg/activation_lab.js';
import { ready } from './wasm.js';

self.onmessage = async (event) => {
  const { id, query } = event.data;
  try {
    await ready;
    const lab = new Lab(query);
    try {
      const start = performance.now();
      const json = lab.layers();
      self.postMessage({ id, json, ms: performance.now() - start });
    } finally {
      lab.free();
    }
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
