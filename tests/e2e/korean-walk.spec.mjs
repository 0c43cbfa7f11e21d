// A reader of the Korean page meets no English: every view, every lesson step and the embed
// example, opened in a Korean browser, show no Latin word outside an allowlist (activation and
// key names, function names, units, proper names), in their text or in the titles and labels a
// pointer or a screen reader reads. Exempt: an element marked lang="en" (the mark tells a screen
// reader to read it as English), and a card's citation, which is authors' names and a paper's title.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';

const READY = 'body[data-ready="true"]';

// Words that stay Latin in a Korean tutorial: math and programming names, units, people, papers,
// products and datasets. The core's own names (activations, keys, choices) are added at run time.
const ALLOWED = new Set([
  'Activation', 'Lab', 'tanh', 'exp', 'log', 'sin', 'cos', 'erf', 'max', 'min', 'clamp', 'mean',
  'std', 'var', 'sign', 'softmax', 'relu6', 'argmax', 'calculate_gain', 'torch', 'nn', 'init',
  'ms', 'px', 'KB', 'MB', 'fps', 'M', 'k', 'e', 'dB', 'CSV', 'JSON', 'SVG', 'PNG', 'URL', 'CLI',
  'PyTorch', 'TensorFlow', 'ResNet', 'MobileNet', 'MobileNetV3', 'SIREN', 'CIFAR', 'CNN', 'MLP',
  'CS231n', 'ImageNet', 'Xavier', 'Glorot', 'Kaiming', 'He', 'LeCun', 'Adam', 'SGD', 'GELU',
  'ReLU', 'ReLUs', 'PReLU', 'ELU', 'SELU', 'CELU', 'SiLU', 'BReLU', 'Swish', 'Mish', 'Playground',
  'WebAssembly', 'SIMD', 'iframe', 'Krizhevsky', 'Ramachandran', 'Hendrycks', 'Gimpel',
  'Clevert', 'Klambauer', 'Misra', 'Agostinelli', 'Barron', 'Roy', 'Basirat', 'Roth', 'Wuraola',
  'Patel', 'Sitzmann', 'Saxe', 'Ioffe', 'Szegedy', 'Ba', 'Kiros', 'Hinton', 'Nair', 'Bengio',
  'Poole', 'Schoenholz', 'Ganguli', 'Fixup', 'Zhang', 'GFLOP', 'Elfwing', 'BatchNorm', 'LayerNorm', 'APL', 'sech', 'ns', 'f64',
  'f32', 'L2', 'Efficient', 'BackProp', 'LeakyReLU', 'leaky', 'negative_slope', 'fan', 'fan_in',
  'fan_out',
  // The glossary's English in parentheses after a Korean term: 기울기 소실 (vanishing gradient).
  'gradient', 'vanishing', 'exploding', 'residual',
  // The language button's label, in its own language (and marked so).
  'English',
]);

/** Latin words of `text` (letters, digits and `_` inside a word), without math symbols: a word of
 * one or two characters (x, z0, ij) or subscripted ones (p_y, a_s, z_l). */
const latinWords = (text) => (String(text).match(/[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9_]*/g) ?? [])
  .filter((w) => w.length > 2 && !/^[A-Za-z]{1,2}_[A-Za-z0-9]{1,3}$/.test(w));

/** Every text a reader meets on the page: visible text nodes, and titles, labels and placeholders. */
function readerTexts() {
  const out = [];
  const exempt = (el) => el.closest('[lang="en"], .citation, script, style, code, kbd, pre');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || exempt(el) || !el.checkVisibility()) continue;
    const text = node.textContent.trim();
    if (text) out.push({ where: el.id || el.className || el.tagName.toLowerCase(), text });
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (exempt(el)) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value !== null) out.push({ where: `${el.id || el.tagName.toLowerCase()}@${name}`, text: value });
    }
  }
  out.push({ where: 'document.title', text: document.title });
  return out;
}

/** The core's names (activations, aliases, keys, choices), read through the page's own domain module. */
function coreNames() {
  return import('/js/domain.js').then(({ KEYS, CATALOGUE }) => {
    const names = [];
    for (const entry of CATALOGUE) names.push(entry.name, ...(entry.aliases ?? []));
    for (const key of Object.values(KEYS)) names.push(key.name, ...(key.kind.choices ?? []));
    return names;
  });
}

describe('the Korean page speaks Korean', () => {
  const shared = useBrowser();

  /** The English on `page` as it stands: "where: word … in «text»". */
  async function englishIn(page) {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    const allowed = new Set([...ALLOWED, ...(await page.evaluate(coreNames)).flatMap(latinWords)]);
    const found = [];
    for (const { where, text } of await page.evaluate(readerTexts)) {
      const english = latinWords(text).filter((w) => !allowed.has(w));
      if (english.length) found.push(`${where}: ${english.join(' ')} in «${text.slice(0, 120)}»`);
    }
    return [...new Set(found)];
  }

  /** Opens `url` in a Korean browser, waits for it to be ready and settled, and runs `fn(page)`. */
  async function inKorean(url, fn) {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}${url}`,
      { contextOptions: { locale: 'ko-KR' } });
    try {
      await page.waitForSelector(READY);
      // Let lazy parts (cards, tables, the workers' first pass) settle.
      await page.waitForLoadState('networkidle');
      const result = await fn(page);
      assertClean(problems());
      return result;
    } finally {
      await close();
    }
  }

  const englishOn = (url) => inKorean(url, englishIn);

  it('every string key with a word in it has a Korean entry, and none repeats an English phrase', async () => {
    const { missingKeys, STRING_KEYS, t } = await import(path.join(WWW_DIR, 'js/strings.js'));
    assert.ok(STRING_KEYS.length > 100, `${STRING_KEYS.length} keys`);
    // A symbol (x, f′(x), ∂L/∂z) reads the same in both languages and may fall back to English.
    assert.deepEqual(missingKeys('ko').filter((key) => latinWords(t('en', key)).length > 0), []);
    const untranslated = STRING_KEYS.filter((key) => t('ko', key) === t('en', key) && latinWords(t('en', key)).length > 1);
    assert.deepEqual(untranslated, [], 'Korean entries that repeat an English phrase');
  });

  for (const view of ['curves', 'softmax', 'layers', 'train', 'phase']) {
    it(`the ${view} view`, async () => {
      const query = { train: 'view=train&steps=20', phase: 'view=phase&phase-cells=4&phase-depth=4' }[view] ?? `view=${view}`;
      assert.deepEqual(await englishOn(`index.html#${query}`), []);
    });
  }

  it('every lesson step, walked with its Next button', async () => {
    const { found, steps } = await inKorean('lesson.html#step=1&lang=ko', async (page) => {
      const found = [];
      let steps = 0;
      for (;;) {
        steps += 1;
        for (const line of await englishIn(page)) found.push(`step ${steps}: ${line}`);
        if (await page.locator('#next').isDisabled()) break;
        await page.locator('#next').click();
        await page.waitForFunction((n) => location.hash.startsWith(`#step=${n}&`), steps + 1);
        await page.waitForLoadState('networkidle');
      }
      return { found, steps };
    });
    assert.ok(steps >= 10, `the walk saw ${steps} steps`);
    assert.deepEqual(found, []);
  });

  it('the widget in Korean, in every view', async () => {
    const found = [];
    for (const view of ['curves', 'softmax', 'layers', 'train', 'phase']) {
      for (const line of await englishOn(`embed.html#view=${view}&lang=ko`)) found.push(`${view}: ${line}`);
    }
    assert.deepEqual(found, []);
  });
});
