// The guided lesson: one step per screen, in the order the story is told, each a preset of the
// <activation-lab> widget with two or three sentences in English and Korean. ← / → (or the
// buttons) move between steps; the step and language live in the hash, so every step is a link.

// It imports nothing statically: a step's words need no wasm, so they show as soon as this
// script and the steps are in. The element comes after, through widget.js, the blog's one tag,
// upgrading the step's widgets in place, each keeping the room its chart will take until then.
// So the lesson loads as a blog's widget does: where the step opens on a plain curves chart (the
// first step does), the small first-chart module draws it first, and the whole module is asked
// for once that has arrived (in Chromium it then comes compressed against it, tools/serve.mjs);
// any other step asks for the whole module at once.

// Widget heights in CSS px, by view: the layers view's histograms, spread and gradient charts need
// the room, and the training view has a row of decision surfaces above five charts.
const HEIGHTS = { curves: 320, softmax: 320, layers: 480, train: 640, phase: 480 };

// The steps are data (www/js/lesson-steps.json): each an id, a title and two or three sentences in
// English and Korean, and its widgets as queries of the key table. The native tests read the same
// file (crate/tests/lesson_steps.rs), so each step's claims are asserted on the very widgets it shows.
const STEPS = await (await fetch(new URL('./lesson-steps.json', import.meta.url))).json();

const UI = {
  en: {
    back: 'Back', next: 'Next', of: 'Step {n} of {total}', lang: '한국어', page: 'Activation Lab: a guided lesson',
    nav: 'Lesson steps', hint: '← / → move between steps; inside a chart they move its crosshair. Each step has its own link.',
    badStep: 'step must be a whole number in 1..={total}, got "{value}", so the lesson opens at step 1',
  },
  ko: {
    back: '이전', next: '다음', of: '{total}단계 중 {n}단계', lang: 'English', page: 'Activation Lab: 단계별 수업',
    nav: '수업 단계', hint: '← / →로 단계를 옮깁니다. 차트 안에서는 십자선을 움직입니다. 단계마다 링크가 따로 있습니다.',
    badStep: 'step 값은 1..={total} 범위의 정수여야 합니다 (입력: "{value}"). 그래서 1단계부터 엽니다',
  },
};
// A bad value is echoed back to the reader, so a long one is shortened.
const ECHO_MAX_CHARS = 40;

/** The step and language the hash names; `badStep` is the step's text when it names no step. */
function stateFromHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const lang = params.get('lang') === 'ko' ? 'ko' : 'en';
  const text = params.get('step');
  if (text === null) return { step: 1, lang, badStep: null };
  // Digits only: parseInt would read "1e9" as 1 and "2.5" as 2 and say nothing.
  const step = /^[0-9]{1,4}$/.test(text) ? Number(text) : NaN;
  if (step >= 1 && step <= STEPS.length) return { step, lang, badStep: null };
  return { step: 1, lang, badStep: text.length > ECHO_MAX_CHARS ? `${text.slice(0, ECHO_MAX_CHARS - 1)}…` : text };
}

const heading = document.getElementById('step-title');
const body = document.getElementById('step-text');
const widgets = document.getElementById('step-widgets');
const counter = document.getElementById('step-counter');
const back = document.getElementById('back');
const next = document.getElementById('next');
const langButton = document.getElementById('lang');
const nav = document.querySelector('.lesson nav');
const hint = document.getElementById('lesson-hint');
const message = document.getElementById('step-message');

/**
 * Until the element is defined and has drawn `widget`, it keeps its chart's room, so nothing below
 * moves when the chart comes; then its own layout decides (a training race is shorter than its
 * `height` on a wide screen).
 */
function keepRoom(widget, height) {
  if (customElements.get('activation-lab')) return;
  widget.style.minHeight = `${height}px`;
  new MutationObserver((_, observer) => {
    if (!widget.dataset.drawn) return;
    widget.style.minHeight = '';
    observer.disconnect();
  }).observe(widget, { attributes: true, attributeFilter: ['data-drawn'] });
}

function go(step, lang, focus = true) {
  const query = `step=${step}${lang === 'ko' ? '&lang=ko' : ''}`;
  if (location.hash.slice(1) !== query) history.pushState(null, '', `#${query}`);
  render(focus);
}

function render(focus) {
  const { step, lang, badStep } = stateFromHash();
  const s = STEPS[step - 1];
  const ui = UI[lang];
  message.textContent = badStep === null ? '' : ui.badStep.replace('{total}', STEPS.length).replace('{value}', () => badStep);
  document.documentElement.lang = lang;
  document.title = `${s.title[lang]} — ${ui.page}`;
  heading.textContent = s.title[lang];
  body.textContent = s.text[lang];
  counter.textContent = ui.of.replace('{n}', step).replace('{total}', STEPS.length);
  back.textContent = ui.back;
  next.textContent = ui.next;
  langButton.textContent = ui.lang;
  // The button names the other language in that language, and says so to a screen reader.
  langButton.lang = lang === 'ko' ? 'en' : 'ko';
  nav.setAttribute('aria-label', ui.nav);
  hint.textContent = ui.hint;
  back.disabled = step === 1;
  next.disabled = step === STEPS.length;
  // New widgets for the step, each freeing its state when it leaves the page. Attributes are set
  // one by one from the step's query, never through markup.
  widgets.replaceChildren(...s.widgets.map((query) => {
    const widget = document.createElement('activation-lab');
    const params = new URLSearchParams(query);
    for (const [name, value] of params) widget.setAttribute(name, value);
    const height = HEIGHTS[params.get('view') ?? 'curves'] ?? HEIGHTS.curves;
    widget.setAttribute('height', String(height));
    widget.setAttribute('lang', lang);
    keepRoom(widget, height);
    return widget;
  }));
  if (focus) heading.focus();
}

back.addEventListener('click', () => { const { step, lang } = stateFromHash(); go(step - 1, lang); });
next.addEventListener('click', () => { const { step, lang } = stateFromHash(); go(step + 1, lang); });
langButton.addEventListener('click', () => { const { step, lang } = stateFromHash(); go(step, lang === 'ko' ? 'en' : 'ko', false); });
document.addEventListener('keydown', (event) => {
  // Arrow keys inside a widget move its crosshair, and inside a control they edit it.
  if (event.target.closest?.('activation-lab, input, select, textarea') || event.altKey || event.ctrlKey || event.metaKey) return;
  const { step, lang } = stateFromHash();
  if (event.key === 'ArrowRight' && step < STEPS.length) go(step + 1, lang);
  else if (event.key === 'ArrowLeft' && step > 1) go(step - 1, lang);
  else return;
  event.preventDefault();
});
window.addEventListener('popstate', () => render(true));
window.addEventListener('hashchange', () => render(true));

render(false);
// One import of the element before the others (WebKit never finishes parallel import() calls
// into a graph holding top-level await, as the element's does). widget.js reads the step's
// widgets as it runs, so they are on the page by now.
await import('./widget.js');
document.body.dataset.ready = 'true';
const { registerOffline } = await import('./offline.js');
registerOffline();
const [{ VIEWS }, { warmPoolWhenIdle }] = [await import('./domain.js'), await import('./layers-pool.js')];
// Many steps (11 of 28) show a layers or phase view, whose passes run on the worker pool (the
// core's view registry says which: `workers`).
if (STEPS.some((s) => s.widgets.some((w) => VIEWS[new URLSearchParams(w).get('view')]?.workers))) warmPoolWhenIdle();
