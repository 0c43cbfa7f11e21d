// `make soak` (not part of make test: it runs for minutes): memory and frame rate over long use.
// 1. A training race played to 200 000 steps in the page: the JS heap and the wasm memory are
//    sampled as it runs, with the frame rate the page measures itself.
// 2. Thirty widgets created and removed ten times on the embed example: the heap after a forced
//    garbage collection, round by round.
// Flat means the last samples are within a few per cent of the first ones after warm-up.
//
// Usage: node soak.mjs

import { startServer, launchBrowser, openPage } from './harness.mjs';

const STEPS = 200_000;
const PER_RUN = 100_000; // the steps key's maximum: the race is played twice, reset between
const SPEED = 100; // steps per frame, the page's maximum
const RACE = `view=train&activation=relu,tanh,sigmoid&steps=${PER_RUN}`;
const WIDGETS = 30;
const ROUNDS = 10;
const MB = 1024 * 1024;

async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / MB;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  {
    const { page, context } = await openPage(browser, `${server.url}index.html#${RACE}`);
    const cdp = await context.newCDPSession(page);
    await page.waitForSelector('#train-status[data-step]');
    const speed = page.locator('[data-key="speed"] input[type="number"]');
    await speed.fill(String(SPEED));
    await speed.press('Enter');
    console.log(`\nA race (relu, tanh, sigmoid) played for ${STEPS} steps in the page, ${SPEED} steps per frame\n`);
    console.log('| steps | JS heap MB (after GC) | wasm memory MB | frames/s |');
    console.log('|---:|---:|---:|---:|');
    const started = Date.now();
    let done = 0; // steps of the finished plays
    let total = 0;
    while (total < STEPS && Date.now() - started < 20 * 60_000) {
      const playing = await page.evaluate(() => document.querySelector('#train-play').dataset.playing === 'true');
      const step = Number(await page.locator('#train-status').getAttribute('data-step'));
      if (!playing) {
        if (step >= PER_RUN) done += PER_RUN;
        if (done >= STEPS) break;
        await page.locator('#train-play').click(); // a finished race restarts from step 0
      }
      await page.waitForTimeout(10_000);
      const s = await page.evaluate(async () => {
        const status = document.querySelector('#train-status');
        const { memory } = await import('/pkg/activation_lab.js').then((m) => m.default());
        return { step: Number(status.dataset.step), fps: Number(status.dataset.fps), wasm: memory.buffer.byteLength };
      });
      total = done + s.step;
      console.log(`| ${total} | ${(await heap(cdp)).toFixed(1)} | ${(s.wasm / MB).toFixed(1)} | ${s.fps.toFixed(1)} |`);
    }
    await context.close();
  }
  {
    const { page, context } = await openPage(browser, `${server.url}embed-example.html`);
    const cdp = await context.newCDPSession(page);
    await page.waitForSelector('activation-lab[data-drawn]');
    console.log(`\n${WIDGETS} widgets created and removed, ${ROUNDS} rounds (embed example)\n`);
    console.log('| round | JS heap MB (after GC) | wasm memory MB |');
    console.log('|---:|---:|---:|');
    for (let round = 1; round <= ROUNDS; round++) {
      await page.evaluate(async (n) => {
        const box = document.createElement('div');
        document.body.append(box);
        for (let i = 0; i < n; i++) {
          const w = document.createElement('activation-lab');
          w.setAttribute('activation', ['relu', 'tanh', 'gelu'][i % 3]);
          if (i % 5 === 0) w.setAttribute('view', 'layers');
          box.append(w);
        }
        box.scrollIntoView();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        box.remove();
      }, WIDGETS);
      const wasm = await page.evaluate(async () => (await import('/pkg/activation_lab.js').then((m) => m.default())).memory.buffer.byteLength);
      console.log(`| ${round} | ${(await heap(cdp)).toFixed(1)} | ${(wasm / MB).toFixed(1)} |`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
