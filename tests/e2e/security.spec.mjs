// Hostile links: nothing read from a URL becomes an attribute name, markup or script. The frame
// form (embed.html) passes only the widget's own settings on from its hash, and every page sends
// a Content-Security-Policy that would stop an injected handler or inline script even if a future
// bug let one through.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertClean } from './harness.mjs';

const shared = useBrowser();
const PAGES = ['index.html', 'embed.html', 'embed-example.html', 'lesson.html'];

// The three attacks of the security issue: no user action, hover, and Tab.
const ATTACKS = [
  'view=curves&style=display:block;content-visibility:auto&oncontentvisibilityautostatechange=alert(document.domain)',
  'view=curves&onpointermove=alert(1)',
  'view=curves&onfocusin=alert(1)&ONCLICK=alert(2)&id=evil&class=x',
];

/** Opens `path` and records every dialog (alert, confirm, prompt) the page raises. */
async function open(path) {
  const session = await openPage(shared.browser, `${shared.server.url}${path}`);
  const dialogs = [];
  session.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await session.page.waitForSelector('body[data-ready="true"], body', { timeout: 30_000 });
  return { ...session, dialogs };
}

describe('embed.html takes only the widget\'s settings from its hash', () => {
  for (const attack of ATTACKS) {
    it(`refuses handler and style names: #${attack.slice(0, 60)}`, async () => {
      const { page, problems, close, dialogs } = await open(`embed.html#${attack}`);
      try {
        await page.waitForSelector('body[data-ready="true"]');
        await page.locator('activation-lab[data-drawn]').waitFor();
        // Hover, click and Tab through the widget: the events the injected handlers listened for.
        const box = await page.locator('activation-lab').boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
        await page.mouse.click(box.x + 5, box.y + 5);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        const names = await page.evaluate(() => document.querySelector('activation-lab').getAttributeNames());
        assert.deepEqual(names.filter((n) => n.startsWith('on') || n === 'style' || n === 'class'), [], `attributes set: ${names}`);
        assert.equal(await page.evaluate(() => document.querySelector('activation-lab').id), 'widget');
        const message = await page.locator('#frame-message').innerText();
        for (const [name] of new URLSearchParams(attack)) {
          if (name === 'view') continue;
          assert.ok(message.includes(`"${name}" is not a setting of this widget`), `"${name}" is named in: ${message}`);
        }
        assert.equal(await page.evaluate(() => document.querySelector('activation-lab').getAttribute('view')), 'curves');
        assert.deepEqual(dialogs, []);
        assertClean(problems());
      } finally {
        await close();
      }
    });
  }

  it('names a refused setting in Korean when the widget speaks Korean, shortened when long', async () => {
    const long = `on${'x'.repeat(5000)}`;
    const { page, problems, close } = await open(`embed.html#lang=ko&view=curves&${long}=1`);
    try {
      await page.waitForSelector('body[data-ready="true"]');
      const message = await page.locator('#frame-message').innerText();
      assert.match(message, /이 위젯의 설정이 아니어서 무시했습니다/);
      assert.ok(message.length < 200, `the echo is shortened (${message.length} characters)`);
      assert.ok(message.includes('…'));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1300, `the message wraps inside the frame (scroll width ${width} px)`);
      assertClean(problems());
    } finally {
      await close();
    }
  });
});

describe('every page sends a Content-Security-Policy that is in force', () => {
  let policy = null;
  for (const path of PAGES) {
    it(`${path}: an injected handler attribute and inline script do not run`, async () => {
      const { page, problems, close, dialogs } = await open(path);
      try {
        const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null);
        assert.ok(meta, 'the page has a CSP');
        assert.match(meta, /script-src 'self' 'wasm-unsafe-eval';/);
        policy ??= meta;
        assert.equal(meta, policy, 'every page sends the same policy');
        const outcome = await page.evaluate(async () => {
          const violations = [];
          document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
          const img = document.createElement('img');
          img.setAttribute('onerror', 'window.__handlerRan = true');
          img.src = 'data:,not-an-image';
          document.body.append(img);
          const script = document.createElement('script');
          script.textContent = 'window.__inlineRan = true';
          document.body.append(script);
          const holder = document.createElement('div');
          holder.innerHTML = '<svg><animate onbegin="window.__svgRan = true" attributeName="x" dur="1s"/></svg>';
          document.body.append(holder);
          await new Promise((resolve) => setTimeout(resolve, 300));
          return { ran: [window.__handlerRan, window.__inlineRan, window.__svgRan].filter(Boolean).length, violations };
        });
        assert.equal(outcome.ran, 0, 'no injected script ran');
        assert.ok(outcome.violations.includes('script-src-attr'), `handler refused by the policy: ${outcome.violations}`);
        assert.ok(outcome.violations.includes('script-src-elem'), `inline script refused by the policy: ${outcome.violations}`);
        assert.deepEqual(dialogs, []);
        // The refusals are logged by the browser; everything else must be clean.
        assertClean(problems().filter((p) => !/Content Security Policy/.test(p)));
      } finally {
        await close();
      }
    });
  }
});
