// Korean and English: every error the core can produce (its own list, read through the built
// wasm in node) has a Korean sentence built from its code and fields, and the real errors a link
// causes read as expected; the page's language switch, its persistence and its default from the
// browser's language; and the widget's `lang` attribute with its default from the host page.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';

const READY = 'body[data-ready="true"]';
const HANGUL = /[\uac00-\ud7a3]/;

describe('error sentences in Korean', () => {
  async function load() {
    const strings = await import(path.join(WWW_DIR, 'js/strings.js'));
    const wasm = await import(path.join(WWW_DIR, 'pkg/activation_lab.js'));
    wasm.initSync({ module: fs.readFileSync(path.join(WWW_DIR, 'pkg/activation_lab_bg.wasm')) });
    return { ...strings, wasm };
  }

  /** Every word (letters, digits, _ and inner hyphens: x-min, leaky_relu, 2D) of a text. */
  const words = (text) => String(text).match(/[0-9]*[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/g) ?? [];

  /** The words of every value in an error's fields, however deeply nested. */
  function fieldWords(value, into = new Set()) {
    if (value !== null && typeof value === 'object') {
      for (const v of Object.values(value)) fieldWords(v, into);
    } else {
      for (const w of words(value)) into.add(w);
    }
    return into;
  }

  it('every error the core can produce crosses with its Korean sentence (the one the CLI prints), with no English but keys and values', async () => {
    const { translateError, wasm } = await load();
    // The core enumerates its errors (error/src/examples.rs; a native test checks it
    // covers every code), and words each in Korean (error/src/ko.rs, whose match has no
    // wildcard arm, so a new code does not compile without its Korean).
    const examples = wasm.Lab.errorExamples();
    // Key names and the names a key takes are what a reader types, so they stay as they are;
    // so do the notation key=value, the unit MB and the canvas's "2D" context.
    const table = JSON.parse(wasm.Lab.keys());
    const typed = new Set(['key', 'value', 'MB', '2D']);
    for (const key of table) {
      typed.add(key.name);
      for (const choice of key.kind?.choices ?? []) typed.add(choice);
    }
    for (const error of examples) {
      assert.ok(error instanceof Error, `${error.code} crosses as an Error`);
      assert.equal(typeof error.fields, 'object', `${error.code} has fields`);
      const korean = translateError('ko', error);
      assert.equal(korean, error.ko, `${error.code} carries its Korean as ko`);
      assert.match(korean, HANGUL, `no Korean for ${error.code}: ${error.message}`);
      assert.notEqual(korean, error.message);
      assert.ok(!korean.includes('undefined') && !korean.includes('NaN') && !korean.includes('[object'),
        `a template read a field ${error.code} does not have: ${korean}`);
      const allowed = fieldWords(error.fields, new Set(typed));
      const english = words(korean).filter((w) => !allowed.has(w));
      assert.deepEqual(english, [], `English words in the Korean for ${error.code}: ${korean}`);
      // English stays the core's sentence.
      assert.equal(translateError('en', error), error.message);
    }
  });

  it('the real errors a link causes read in Korean with the same key, value and range', async () => {
    const { translateError, wasm } = await load();
    const errors = wasm.Lab.restore('depth=500&activation=rleu&foo=1&x-min=abc&logits=1&zz&std=-1').warnings();
    for (const query of ['activation=relu,relu', 'target=7', 'view=layers&batch=4096&width=1000&depth=64', 'x-min=5&x-max=1',
      'activation=softmax', 'activation=apl&a=1,2,3', 'activation=scaled_tanh&a=-1',
      'view=train&dataset=xor&classes=3', 'view=train&hidden=8,8&layer-activations=relu,tanh,relu']) {
      assert.throws(() => new wasm.Lab(query), (err) => { errors.push(err); return true; });
    }
    const korean = errors.map((e) => translateError('ko', e));
    for (const [i, text] of korean.entries()) assert.match(text, HANGUL, `no Korean form for: ${errors[i].message}`);
    assert.deepEqual(korean.slice(0, 7), [
      'depth 값은 1..=64 범위의 정수여야 합니다 (입력: 500)',
      `activation에 알 수 없는 값 "rleu" (가능한 값: ${errors[1].message.split('expected one of: ')[1].slice(0, -1)})`,
      `알 수 없는 키 "foo" (가능한 키: ${errors[2].message.split('expected one of: ')[1].slice(0, -1)})`,
      'x-min 값은 숫자여야 합니다 (입력: "abc")',
      'logits에는 값 2..=10개가 필요합니다 (입력: 1개)',
      '잘못된 설정 "zz" (key=value 형식이어야 합니다)',
      'std 값은 [0, 10] 범위의 수여야 합니다 (입력: -1)',
    ]);
    assert.equal(korean[7], 'activation에 relu이(가) 두 번 들어 있습니다');
    assert.equal(korean[10], 'x-min은 x-max보다 작아야 합니다 (입력: x-min=5, x-max=1)');
    assert.equal(korean[12], 'apl에서 a에는 힌지마다 하나씩 값 1개가 필요합니다 (hinges=1, 입력: 3개)');
    // The two that were free-form sentences, and came back in English, until errors became data.
    assert.equal(korean[14], 'classes=3에는 dataset=spiral 또는 dataset=gaussians가 필요합니다: xor은(는) 클래스가 2개입니다');
    assert.equal(korean[15], 'layer-activations에 활성화 함수가 3개 있지만 은닉층은 2개입니다 (hidden=8,8): 층마다 하나씩 주세요');
    // English stays English; an error without a code (the page's own) and plain text keep their words.
    assert.equal(translateError('en', errors[0]), errors[0].message);
    assert.equal(translateError('ko', new Error('something new')), 'something new');
    assert.equal(translateError('ko', 'something new'), 'something new');
  });
});

describe('page language', () => {
  const shared = useBrowser();

  it('switches to Korean by keyboard, keeps the view, remembers the choice, and switches back', async () => {
    const { page, context, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=softmax&temperature=2`);
    try {
      await page.waitForSelector(READY);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await page.locator('#tab-softmax').innerText(), 'Softmax');
      const toggle = page.locator('#lang-switch');
      // The other language's name in its own language (a screen reader says it in Korean), with
      // the Latin code beside it, hidden from screen readers, legible without a Korean font; the
      // button and its English title stay in the page's language.
      assert.equal(await toggle.innerText(), 'KO 한국어');
      assert.equal(await toggle.locator('[lang="ko"]').innerText(), '한국어');
      assert.equal(await toggle.locator('.lang-code').getAttribute('aria-hidden'), 'true');
      assert.equal(await toggle.getAttribute('lang'), null);
      assert.equal(await page.getByRole('button', { name: '한국어', exact: true }).count(), 1, 'announced as 한국어');
      await toggle.focus();
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      await page.waitForSelector(READY);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
      assert.equal(await page.locator('#tab-curves').innerText(), '곡선');
      assert.equal(await page.locator('#tab-softmax').getAttribute('aria-selected'), 'true', 'same view after the switch');
      assert.equal(await page.locator('[data-key="temperature"] input[type="number"]').inputValue(), '2');
      assert.equal(await page.locator('#softmax-table caption').innerText(), '클래스별');
      assert.equal(await page.locator('label[for="softmax-target"]').innerText(), '정답 클래스 y');
      assert.equal(await page.locator('#lang-switch').innerText(), 'English');
      assert.equal(await page.locator('#lang-switch [lang="en"]').innerText(), 'English');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'lang-switch', 'focus comes back to the switch');
      // A bad value typed into a field is explained in Korean, next to it.
      const temperature = page.locator('[data-key="temperature"] input[type="number"]');
      await temperature.fill('500');
      await temperature.press('Enter');
      assert.equal(await page.locator('[data-key="temperature"] .field-error').innerText(),
        'temperature 값은 [0.01, 100] 범위의 수여야 합니다 (입력: 500)');

      // A new page in the same browser profile opens in Korean; a bad link is explained in Korean.
      const second = await context.newPage();
      await second.goto(`${shared.server.url}#depth=500&activation=tanh`);
      await second.waitForSelector(READY);
      assert.equal(await second.locator('#tab-layers').innerText(), '층');
      assert.match(await second.locator('#message').innerText(),
        /^링크의 일부를 적용하지 못했습니다: depth 값은 1\.\.=64 범위의 정수여야 합니다 \(입력: 500\)\. 나머지는 모두 적용했습니다\.$/);
      await second.close();

      await Promise.all([page.waitForEvent('load'), page.locator('#lang-switch').click()]);
      await page.waitForSelector(READY);
      assert.equal(await page.locator('#tab-curves').innerText(), 'Curves');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('defaults to Korean when the browser prefers Korean', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=layers&depth=3&width=20&batch=20`,
      { contextOptions: { locale: 'ko-KR' } });
    try {
      await page.waitForSelector(READY);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
      assert.equal(await page.locator('#tab-layers').innerText(), '층');
      assert.equal(await page.locator('label[for="layers-init"]').innerText(), '가중치 초기화');
      await page.waitForFunction(() => document.querySelectorAll('#layers-table tbody tr').length === 3);
      assert.match(await page.locator('#layers-status').innerText(), /^순전파·역전파와 통계 계산에 .+ ms \(워커 \d+개\)\. 손실/);
      assertClean(problems());
    } finally {
      await close();
    }
  });

  it('explains in Korean the two conflicts a link can cause that used to stay English', async () => {
    const cases = [
      ['view=train&dataset=xor&classes=3',
        'classes=3에는 dataset=spiral 또는 dataset=gaussians가 필요합니다: xor은(는) 클래스가 2개입니다'],
      ['view=train&hidden=8,8&layer-activations=relu,tanh,relu',
        'layer-activations에 활성화 함수가 3개 있지만 은닉층은 2개입니다 (hidden=8,8): 층마다 하나씩 주세요'],
    ];
    for (const [hash, sentence] of cases) {
      const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#${hash}`,
        { contextOptions: { locale: 'ko-KR' } });
      try {
        await page.waitForSelector(READY);
        const message = await page.locator('#message').innerText();
        assert.ok(message.startsWith(`링크의 일부를 적용하지 못했습니다: ${sentence}`), message);
        assert.doesNotMatch(message, /needs dataset|give one per layer/);
        assertClean(problems());
      } finally {
        await close();
      }
    }
  });
});

describe('chart language', () => {
  const shared = useBrowser();

  async function exportedSvg(page) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-svg').click()]);
    return (await readFile(await download.path())).toString();
  }

  it('draws the words inside the charts in Korean: the SVG export of the softmax and the training views', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}#view=softmax&logits=1,2,3`,
      { contextOptions: { locale: 'ko-KR' } });
    try {
      await page.waitForSelector(READY);
      const softmax = await exportedSvg(page);
      assert.ok(softmax.includes('클래스 0 (정답)') && softmax.includes('클래스 2'), 'Korean class labels');
      assert.ok(!/class \d/.test(softmax), 'no English class labels');
      // The family the chart asks for is one a canvas accepts (an invalid font is silently ignored).
      const family = softmax.match(/font-family="([^"]+)"/)[1];
      assert.match(family, /Noto Sans KR/);
      const font = await page.evaluate((f) => {
        const context = document.createElement('canvas').getContext('2d');
        context.font = `normal 13px ${f}`;
        return context.font;
      }, family);
      assert.match(font, /^13px .*Noto Sans KR.*sans-serif$/);

      // The training view's race (a Race handle, not the Lab) follows the page's language too.
      await page.evaluate(() => { location.hash = 'view=train&dataset=xor&hidden=4&activation=relu,tanh&steps=20&record-every=5'; });
      await page.waitForFunction(() => !document.getElementById('view-train').hidden);
      await page.locator('#train-step').click();
      const train = await exportedSvg(page);
      for (const words of ['손실 (로그 눈금)', '정확도', '은닉층별 죽은 유닛', '학습 (실선)', '테스트 (점선)', '경주']) {
        assert.ok(train.includes(words), `the training SVG has "${words}"`);
      }
      assert.ok(!train.includes('loss (log scale)') && !train.includes('train (solid)'), 'no English chart words');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});

describe('widget language', () => {
  const shared = useBrowser();

  it('follows its lang attribute live, and defaults to the host page language', async () => {
    const { page, problems, close } = await openPage(shared.browser, `${shared.server.url}embed-example.html`);
    try {
      await page.waitForFunction(() => customElements.get('activation-lab'));
      const typo = page.locator('activation-lab#typo');
      await typo.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => Number(document.querySelector('#typo').dataset.drawn || 0) > 0);
      assert.match(await typo.locator('.alert').innerText(), /^unknown activation "rleu"/);
      assert.equal(await typo.locator('summary').innerText(), 'Data table');
      await typo.evaluate((el) => el.setAttribute('lang', 'ko'));
      await page.waitForFunction(() => document.querySelector('#typo').shadowRoot.querySelector('.alert').textContent.startsWith('activation에'));
      assert.match(await typo.locator('.alert').innerText(), /^activation에 알 수 없는 값 "rleu" \(가능한 값: identity, step/);
      assert.equal(await typo.locator('summary').innerText(), '데이터 표');
      // The chart's words change with its next drawing, a frame after the messages.
      await page.waitForFunction(() => /^sigmoid/.test(document.querySelector('#typo').shadowRoot.querySelector('canvas').getAttribute('aria-label'))
        && !/^Chart/.test(document.querySelector('#typo').shadowRoot.querySelector('canvas').getAttribute('aria-label')));
      assert.match(await typo.locator('canvas').getAttribute('aria-label'), /^sigmoid, tanh, relu\(실선\)와 도함수/);

      // No lang attribute: the host page's <html lang> decides.
      await page.evaluate(() => {
        document.documentElement.lang = 'ko';
        document.querySelector('article').insertAdjacentHTML('afterbegin', '<activation-lab id="host-ko" activation="tanh"></activation-lab>');
      });
      await page.locator('activation-lab#host-ko').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => Number(document.querySelector('#host-ko').dataset.drawn || 0) > 0);
      assert.equal(await page.locator('activation-lab#host-ko summary').innerText(), '데이터 표');
      assertClean(problems());
    } finally {
      await close();
    }
  });
});
