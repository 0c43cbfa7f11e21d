// Korean and English: the core's real error sentences all have a Korean form (checked in node
// against the built wasm, so a reworded Rust message that would fall back to English fails here);
// the page's language switch, its persistence and its default from the browser's language; and
// the widget's `lang` attribute with its default from the host page.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { useBrowser, openPage, assertClean, WWW_DIR } from './harness.mjs';

const READY = 'body[data-ready="true"]';
const HANGUL = /[\uac00-\ud7a3]/;

describe('error sentences in Korean', () => {
  it('every error code the reader can cause has a Korean sentence with the same key, value and range', async () => {
    const { translateError } = await import(path.join(WWW_DIR, 'js/strings.js'));
    const wasm = await import(path.join(WWW_DIR, 'pkg/activation_lab.js'));
    wasm.initSync({ module: fs.readFileSync(path.join(WWW_DIR, 'pkg/activation_lab_bg.wasm')) });
    const sentences = wasm.Lab.restore('depth=500&activation=rleu&foo=1&x-min=abc&logits=1&zz&std=-1').warnings();
    for (const query of ['activation=relu,relu', 'target=7', 'view=layers&batch=4096&width=1000&depth=64', 'x-min=5&x-max=1',
      'activation=softmax', 'activation=apl&a=1,2,3', 'activation=scaled_tanh&a=-1']) {
      assert.throws(() => new wasm.Lab(query), (err) => { sentences.push(err.message); return true; });
    }
    const korean = sentences.map((s) => translateError('ko', s));
    for (const [i, text] of korean.entries()) assert.match(text, HANGUL, `no Korean form for: ${sentences[i]}`);
    assert.deepEqual(korean.slice(0, 7), [
      'depth 값은 1..=64 범위의 정수여야 합니다 (입력: 500)',
      `activation에 알 수 없는 값 "rleu" (가능한 값: ${sentences[1].split('expected one of: ')[1].slice(0, -1)})`,
      `알 수 없는 키 "foo" (가능한 키: ${sentences[2].split('expected one of: ')[1].slice(0, -1)})`,
      'x-min 값은 숫자여야 합니다 (입력: "abc")',
      'logits에는 값 2..=10개가 필요합니다 (입력: 1개)',
      '잘못된 설정 "zz" (key=value 형식이어야 합니다)',
      'std 값은 [0, 10] 범위의 수여야 합니다 (입력: -1)',
    ]);
    assert.equal(korean[7], 'activation에 relu이(가) 두 번 들어 있습니다');
    assert.equal(korean[10], 'x-min은 x-max보다 작아야 합니다 (입력: x-min=5, x-max=1)');
    assert.equal(korean[12], 'apl에서 a에는 힌지마다 하나씩 값 1개가 필요합니다 (hinges=1, 입력: 3개)');
    // English stays English, and an unknown sentence falls back to itself.
    assert.equal(translateError('en', sentences[0]), sentences[0]);
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
      assert.equal(await toggle.innerText(), '한국어');
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
