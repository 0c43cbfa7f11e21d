// The page and the widget in Firefox and WebKit (Safari's engine), beside Chromium: every view
// draws with a clean console, each engine loads the wasm build the README's browser table names,
// and a permalink for each view prints exactly the numbers Chromium prints (the maths is the same
// wasm, so it must be the same to the last digit). Lean on purpose: one check per promise, not the
// Chromium suite again. Run under `xvfb-run -a` (WebKitGTK needs a display; see drivers.mjs).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startWitnessServer } from './drivers.mjs';

// The build each engine validates (www/js/wasm.js): relaxed SIMD where the engine has it.
const EXPECTED_BUILD = { chromium: 'relaxed-simd', firefox: 'relaxed-simd', webkit: 'simd128' };

/** The text of every cell of the tables matching `selector`, row by row. */
const cells = (selector) => [...document.querySelectorAll(selector)].flatMap((table) =>
  [...table.querySelectorAll('tr')].map((row) => [...row.cells].map((cell) => cell.textContent.trim()).join(' | ')));

// One permalink per view, what "drawn" means there, and the numbers it prints.
const VIEWS = [
  {
    name: 'curves',
    hash: 'view=curves&activation=sigmoid,tanh,relu,gelu&at=1.5',
    ready: () => document.querySelectorAll('#readout tbody tr').length === 4,
    read: `#readout`,
  },
  {
    name: 'softmax',
    hash: 'view=softmax&logits=3,1,0.2,-1&temperature=2&target=2',
    ready: () => document.querySelectorAll('#softmax-table tbody tr').length === 4,
    read: '#softmax-table, #jacobian',
  },
  {
    name: 'layers',
    hash: 'view=layers&activation=tanh&init=normal&std=0.01&depth=5&width=64&batch=256',
    ready: () => document.querySelectorAll('#layers-table tbody tr').length === 5
      && !document.querySelector('#layers-status').textContent.includes('…'),
    read: '#layers-table',
  },
  {
    name: 'train',
    hash: 'view=train&activation=tanh,relu&seed=7&dataset=moons&hidden=6,4&optimizer=adam&learning-rate=0.01&steps=300',
    ready: () => /300/.test(document.querySelector('#train-status')?.textContent ?? '')
      && [...document.querySelectorAll('#train-table tbody [data-col="status"]')].length === 2
      && document.querySelector('#train-status').dataset.step === '300',
    read: '#train-table',
  },
];

async function problems(session, server) {
  return [...(await session.evaluate(() => window.__problems ?? ['the witness script did not run'])), ...server.httpErrors.splice(0)];
}

/** Opens each view's permalink in `engine` and returns its printed numbers and build. */
async function readViews(engine, server) {
  const out = {};
  for (const view of VIEWS) {
    const session = await engine.open(`${server.url}index.html#${view.hash}`);
    try {
      await session.waitFor(view.ready, null, 120_000);
      out[view.name] = await session.evaluate(cells, view.read);
      out.build = await session.evaluate(() => document.body.dataset.wasm);
      // The chart's backing store is sized to its CSS box × devicePixelRatio when it is drawn.
      // (The drawing may land a frame after the numbers, so this waits for it.)
      await session.waitFor(() => [...document.querySelectorAll('[role="tabpanel"]:not([hidden]) canvas')]
        .some((c) => c.offsetParent && c.width > 0 && c.width === Math.round(c.clientWidth * devicePixelRatio)), null, 30_000);
      assert.deepEqual(await problems(session, server), [], `${engine.name} ${view.name}: console and page clean`);
    } finally {
      await session.close();
    }
  }
  return out;
}

describe('every engine', () => {
  let server;
  let reference;
  before(async () => {
    server = await startWitnessServer();
    const chromium = await launch('chromium');
    try {
      reference = await readViews(chromium, server);
    } finally {
      await chromium.close();
    }
  });
  after(() => server?.close());

  it('Chromium, the reference, loads its build and prints every view', () => {
    assert.equal(reference.build, EXPECTED_BUILD.chromium);
    for (const view of VIEWS) assert.ok(reference[view.name].length > 1, `${view.name} printed a table`);
  });

  for (const name of ['firefox', 'webkit']) {
    describe(name, () => {
      let engine;
      before(async () => { engine = await launch(name); });
      after(() => engine?.close());

      it('every view draws cleanly with Chromium\'s numbers, from the build the README names', async () => {
        const printed = await readViews(engine, server);
        assert.equal(printed.build, EXPECTED_BUILD[name]);
        for (const view of VIEWS) assert.deepEqual(printed[view.name], reference[view.name], `${name}: the ${view.name} permalink's numbers`);
      });

      it('the embed example\'s widgets draw and the typo widget explains itself', async () => {
        const session = await engine.open(`${server.url}embed-example.html`);
        try {
          const ids = await session.evaluate(() => [...document.querySelectorAll('activation-lab')].map((el) => el.id));
          assert.ok(ids.length >= 6, `widgets: ${ids}`);
          for (const id of ids) {
            await session.evaluate((i) => document.getElementById(i).scrollIntoView({ block: 'center' }), id);
            await session.waitFor((i) => Number(document.getElementById(i).dataset.drawn || 0) > 0, id, 60_000);
          }
          // The first widget's chart came from the small first-chart module (widget.js draws it),
          // and the element kept that canvas.
          assert.ok(await session.evaluate(() => document.querySelector('activation-lab').shadowRoot.querySelector('canvas').dataset.firstChart),
            'the first widget was drawn first by the first-chart module');
          const typo = await session.evaluate(() => document.getElementById('typo').shadowRoot.querySelector('[role="alert"]').textContent);
          assert.match(typo, /^unknown activation "rleu" \(expected one of: identity, step, sigmoid/);
          assert.deepEqual(await problems(session, server), []);
        } finally {
          await session.close();
        }
      });

      it('reloads and draws with the server stopped, where the engine runs service workers on 127.0.0.1', async (t) => {
        const own = await startWitnessServer(); // its own server, so this test can stop it
        let session;
        try {
          session = await engine.open(`${own.url}index.html#activation=sigmoid,gelu&at=1`);
          if (!(await session.evaluate(() => 'serviceWorker' in navigator && window.isSecureContext))) {
            t.skip(`${name} offers no service worker here`);
            return;
          }
          await session.waitFor(() => document.documentElement.dataset.offline === 'ready', null, 30_000);
          await own.close();
          await session.reload();
          await session.waitFor(() => Number(document.querySelector('#curves-canvas')?.dataset.drawn || 0) > 0);
          const gelu = await session.evaluate(() => document.querySelector('#readout tr[data-activation="gelu"] td.f').textContent);
          assert.equal(gelu, '0.84134'); // GELU(1) = Φ(1) = 0.841345
          assert.deepEqual(await problems(session, own), []);
        } finally {
          await session?.close();
          await own.close();
        }
      });

      it('the lesson walks by keyboard', async () => {
        const session = await engine.open(`${server.url}lesson.html`);
        try {
          await session.waitFor(() => document.body.dataset.ready === 'true');
          const first = await session.evaluate(() => document.getElementById('step-title').textContent);
          await session.press('ArrowRight');
          await session.waitFor(() => location.hash === '#step=2');
          await session.press('ArrowRight');
          await session.waitFor(() => location.hash === '#step=3');
          await session.press('ArrowLeft');
          await session.waitFor(() => location.hash === '#step=2');
          assert.notEqual(await session.evaluate(() => document.getElementById('step-title').textContent), first);
          assert.deepEqual(await problems(session, server), []);
        } finally {
          await session.close();
        }
      });
    });
  }
});
