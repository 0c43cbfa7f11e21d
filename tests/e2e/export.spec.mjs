// Sharing and export from the page: the link and embed snippet, and downloads of the current
// view as PNG (2×), SVG, CSV and JSON with the right content.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const READY = 'body[data-ready="true"]';

describe('share and export', () => {
  const shared = useBrowser();

  async function downloaded(page, button) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
    return { name: download.suggestedFilename(), data: await readFile(await download.path()) };
  }

  it('exports the curves view as CSV, SVG, JSON and a 2× PNG', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#activation=sigmoid,relu&points=5&x-min=-2&x-max=2`);
    try {
      await page.waitForSelector(READY);
      const csv = await downloaded(page, '#export-csv');
      assert.equal(csv.name, 'activation-lab-curves.csv');
      const lines = csv.data.toString().trim().split('\n');
      assert.equal(lines[0], 'activation,x,y,dy');
      assert.equal(lines.length, 11);
      assert.equal(lines[3], 'sigmoid,0.0,0.5,0.25'); // σ(0) = 1/2, σ′(0) = 1/4
      const svg = (await downloaded(page, '#export-svg')).data.toString();
      assert.ok(svg.startsWith('<svg') && svg.includes('sigmoid f') && svg.includes('relu f′'));
      const json = JSON.parse((await downloaded(page, '#export-json')).data.toString());
      assert.deepEqual(json.map((c) => c.activation), ['sigmoid', 'relu']);
      const png = (await downloaded(page, '#export-png')).data;
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      const width = png.readUInt32BE(16);
      const css = await page.evaluate(() => document.querySelector('#curves-canvas').clientWidth);
      assert.equal(width, Math.round(css * 2), 'PNG is twice the CSS width');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('gives the link and an embed snippet with the same keys', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#activation=leaky_relu&negative-slope=0.05`);
    try {
      await page.waitForSelector(READY);
      await page.locator('#copy-embed').click();
      const snippet = await page.locator('#share-text').inputValue();
      assert.match(snippet, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/js\/widget\.js"><\/script>/);
      assert.match(snippet, /<activation-lab activation="leaky_relu" negative-slope="0.05"><\/activation-lab>/);
      assert.match(snippet, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#activation=leaky_relu&amp;negative-slope=0\.05"/);
      assert.notEqual(await page.locator('#share-status').innerText(), '');
      await page.locator('#copy-link').click();
      assert.equal(await page.locator('#share-text').inputValue(), `${shared.server.url}#activation=leaky_relu&negative-slope=0.05`);
      await page.locator('#share-close').click();
      assert.equal(await page.locator('#share-panel').isHidden(), true);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('exports the layers view from the snapshot the worker made', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=layers&activation=tanh&init=zeros&width=20&batch=10&depth=3`);
    try {
      await page.waitForSelector(READY);
      await page.waitForFunction(() => document.querySelector('#layers-status').dataset.ms);
      const csv = (await downloaded(page, '#export-csv')).data.toString().trim().split('\n');
      assert.equal(csv.length, 4);
      assert.match(csv[1], /^1,0\.0,0\.0,.*,1,0\.0$/); // zeros init: tanh(0) = 0, one distinct neuron
      const png = (await downloaded(page, '#export-png')).data;
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
