// The training view: a small network (or a race of 2–6, one per selected activation) trained
// live. The lab's config is the state, as everywhere on the page; the Race (wasm) keeps the
// runs between frames. A change that leaves the network the same (learning rate, optimiser,
// batch size, weight decay, a fixed activation's parameter) continues the runs; any other
// restarts them. Play steps the race in requestAnimationFrame, `speed` steps per frame.

import { Race } from '../pkg/activation_lab.js';
import { checkboxField, numberField, sliderBounds } from './controls.js';
import { fmt } from './format.js';
import { fitToDevice } from './canvas.js';
import { LANG, tr, trError } from './i18n.js';

const PANELS = ['loss', 'accuracy', 'gradient-flow', 'dead', 'learned'];
const LEARNABLE = ['prelu', 'swish', 'apl'];
const DEFAULT_SPEED = 10;
const MAX_SPEED = 100;
const LR_MIN_LOG = -5;
const LR_MAX_LOG = 1;

const STRINGS = {
  en: {
    presets: 'Lessons in one click',
    run: 'Run', data: 'Data', network: 'Network', training: 'Training',
    play: 'Play', pause: 'Pause', step: 'Step', reset: 'Reset',
    speed: 'Steps per frame',
    racers: 'Activations (one network each, same data and seed)',
    'key.dataset': 'Dataset', 'key.classes': 'Classes', 'key.samples': 'Examples', 'key.noise': 'Noise',
    'key.test-fraction': 'Test share', 'key.hidden': 'Hidden units per layer (e.g. 8,8)',
    'key.layer-activations': 'Per-layer activations (optional, e.g. relu,tanh)',
    'key.init': 'Initialiser', 'key.learned': 'Learned activation parameters', 'key.optimizer': 'Optimiser',
    'key.learning-rate': 'Learning rate', 'key.batch-size': 'Batch size', 'key.weight-decay': 'Weight decay (L2)',
    'key.steps': 'Stop after steps', 'key.record-every': 'Record every (steps)', 'key.target-loss': 'Target loss L',
    'key.seed': 'Seed',
    status: 'Step {step} of {max} · {head} · {speed} steps per frame, {fps} frames/s',
    statusIdle: 'Step {step} of {max} · {head}. Press Play (or Step) to train.',
    finished: 'Finished: step {step} of {max} · {head}.',
    restarted: 'Restarted: that change needs a new network.',
    caption: 'Race',
    'col.run': 'activation', 'col.step': 'step', 'col.trainLoss': 'train loss', 'col.testLoss': 'test loss',
    'col.trainAcc': 'train acc.', 'col.testAcc': 'test acc.', 'col.toTarget': 'steps to loss ≤ {target}',
    'col.dead': 'dead units per layer', 'col.learned': 'learned', 'col.status': 'status',
    never: 'not yet', diverged: 'diverged at step {step}', running: 'training', done: 'done',
    'cap.loss': 'Loss on the training set (solid) and test set (dashed), log scale; the line is the target loss.',
    'cap.accuracy': 'Share of points classified right, training (solid) and test (dashed).',
    'cap.gradient-flow': '‖∂L/∂W‖ of each layer over the steps (log colour scale): where the gradient fades, the layer stops learning.',
    'cap.dead': 'Dead units per hidden layer: units that output 0 for every training example get no gradient.',
    'cap.learned': 'Learned activation parameters (PReLU slope, Swish β, APL a_s, b_s), mean over units.',
    'surface': '{label}: decision surface with training points (filled) and test points (outlined)',
    notes: 'Each run uses the same data, the same seed and the same initial weights; only the activation differs.',
  },
  ko: {
    presets: '클릭 한 번으로 보는 수업',
    run: '실행', data: '데이터', network: '신경망', training: '학습',
    play: '재생', pause: '일시정지', step: '한 단계', reset: '처음부터',
    speed: '프레임당 단계 수',
    racers: '활성화 함수 (각각 신경망 하나, 같은 데이터와 시드)',
    'key.dataset': '데이터셋', 'key.classes': '클래스 수', 'key.samples': '예제 수', 'key.noise': '잡음',
    'key.test-fraction': '테스트 비율', 'key.hidden': '은닉층별 유닛 수 (예: 8,8)',
    'key.layer-activations': '층별 활성화 함수 (선택, 예: relu,tanh)',
    'key.init': '가중치 초기화', 'key.learned': '학습되는 활성화 함수 파라미터', 'key.optimizer': '옵티마이저',
    'key.learning-rate': '학습률', 'key.batch-size': '배치 크기', 'key.weight-decay': '가중치 감쇠 (L2)',
    'key.steps': '멈출 단계', 'key.record-every': '기록 간격 (단계)', 'key.target-loss': '목표 손실 L',
    'key.seed': '시드',
    status: '{max}단계 중 {step}단계 · {head} · 프레임당 {speed}단계, 초당 {fps}프레임',
    statusIdle: '{max}단계 중 {step}단계 · {head}. 재생(또는 한 단계)을 누르면 학습합니다.',
    finished: '끝: {max}단계 중 {step}단계 · {head}.',
    restarted: '다시 시작: 이 변경에는 새 신경망이 필요합니다.',
    caption: '경주',
    'col.run': '활성화 함수', 'col.step': '단계', 'col.trainLoss': '학습 손실', 'col.testLoss': '테스트 손실',
    'col.trainAcc': '학습 정확도', 'col.testAcc': '테스트 정확도', 'col.toTarget': '손실 ≤ {target}까지 단계',
    'col.dead': '층별 죽은 유닛', 'col.learned': '학습된 값', 'col.status': '상태',
    never: '아직', diverged: '{step}단계에서 발산', running: '학습 중', done: '끝',
    'cap.loss': '학습 데이터(실선)와 테스트 데이터(점선)의 손실, 로그 눈금; 가로선은 목표 손실.',
    'cap.accuracy': '맞게 분류한 점의 비율, 학습(실선)과 테스트(점선).',
    'cap.gradient-flow': '단계별 각 층의 ‖∂L/∂W‖ (로그 색 눈금): 기울기가 사라지는 층은 학습을 멈춥니다.',
    'cap.dead': '은닉층별 죽은 유닛: 모든 학습 예제에서 0을 내는 유닛은 기울기를 받지 못합니다.',
    'cap.learned': '학습되는 활성화 함수 파라미터 (PReLU 기울기, Swish β, APL a_s, b_s), 유닛 평균.',
    'surface': '{label}: 결정 경계와 학습 점(채움), 테스트 점(테두리)',
    notes: '모든 실행은 같은 데이터, 같은 시드, 같은 초기 가중치를 씁니다. 다른 것은 활성화 함수뿐입니다.',
  },
};

function s(key, vars = {}) {
  const text = (STRINGS[LANG] ?? STRINGS.en)[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** A labelled <select> for a names key. */
function selectField(id, key, label, choices, onChange) {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.key = key;
  wrap.innerHTML = `<label for="${id}"></label><select id="${id}"></select><p class="field-error" role="alert"></p>`;
  wrap.querySelector('label').textContent = label;
  const select = wrap.querySelector('select');
  for (const choice of choices) select.append(new Option(choice, choice));
  const error = wrap.querySelector('.field-error');
  const field = {
    element: wrap, select,
    setValue: (v) => { select.value = v; },
    setError: (m) => { error.textContent = m || ''; },
  };
  select.addEventListener('change', () => onChange(select.value, field));
  return field;
}

/** A labelled text box for a list key (hidden=8,8), applied on change. */
function textField(id, key, label, onChange) {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.key = key;
  wrap.innerHTML = `<label for="${id}"></label><input type="text" id="${id}" spellcheck="false"><p class="field-error" role="alert" id="${id}-error"></p>`;
  wrap.querySelector('label').textContent = label;
  const input = wrap.querySelector('input');
  input.setAttribute('aria-describedby', `${id}-error`);
  const error = wrap.querySelector('.field-error');
  const field = {
    element: wrap, input,
    setValue: (v) => { if (document.activeElement !== input) input.value = v; },
    setError: (m) => { error.textContent = m || ''; },
  };
  input.addEventListener('change', () => onChange(input.value, field));
  return field;
}

export function createTrainView({ keys, catalogue, apply, lab, fields, dark }) {
  const form = document.getElementById('train-controls');
  const status = document.getElementById('train-status');
  const divergence = document.getElementById('train-divergence');
  const surfaces = document.getElementById('train-surfaces');
  const playButton = document.getElementById('train-play');
  const stepButton = document.getElementById('train-step');
  const resetButton = document.getElementById('train-reset');
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  playButton.textContent = s('play');
  let race = null;
  let playing = false;
  let frame = 0;
  let speed = DEFAULT_SPEED;
  let turn = 0;
  let fps = 0;
  let lastFrameAt = 0;
  let visible = false;
  // A sentence about the last change (a restart), shown until the race moves on.
  let notice = '';

  for (const [id, key] of [['train-presets-legend', 'presets'], ['train-run-legend', 'run'], ['train-data-legend', 'data'],
    ['train-network-legend', 'network'], ['train-optimiser-legend', 'training'], ['train-table-caption', 'caption']]) {
    document.getElementById(id).textContent = s(key);
  }
  stepButton.textContent = s('step');
  resetButton.textContent = s('reset');
  document.getElementById('train-notes').textContent = s('notes');
  for (const panel of PANELS) {
    document.getElementById(`train-${panel}-caption`).textContent = s(`cap.${panel}`);
    document.getElementById(`train-${panel}`).setAttribute('aria-label', s(`cap.${panel}`));
  }

  // ── Presets ────────────────────────────────────────────────────────────────────────────────
  const presetBox = document.getElementById('train-presets');
  for (const preset of JSON.parse(Race.presets())) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'preset';
    button.dataset.preset = preset.id;
    button.textContent = preset.title;
    button.title = preset.claim;
    button.addEventListener('click', () => {
      // The preset is the whole state: every other key goes back to its default.
      location.hash = preset.query;
      const claim = document.getElementById('train-claim');
      claim.textContent = preset.claim;
    });
    presetBox.append(button);
  }
  const claim = document.createElement('p');
  claim.id = 'train-claim';
  claim.className = 'hint';
  claim.setAttribute('aria-live', 'polite');
  presetBox.append(claim);

  // ── Run controls ───────────────────────────────────────────────────────────────────────────
  const speedField = numberField('speed', s('speed'), {
    min: 1, max: MAX_SPEED, step: 1,
    onChange: (v) => {
      const n = Math.round(Number(v));
      if (Number.isFinite(n) && n >= 1 && n <= MAX_SPEED) {
        speed = n;
        speedField.setError('');
      } else {
        speedField.setError(`${s('speed')}: 1..=${MAX_SPEED}`);
      }
      speedField.setValue(String(speed));
    },
  });
  speedField.setValue(String(speed));
  document.getElementById('train-run').append(speedField.element);
  playButton.addEventListener('click', () => (playing ? pause() : play()));
  stepButton.addEventListener('click', () => {
    pause();
    if (!ensureRace()) return;
    race.step(1);
    draw();
  });
  resetButton.addEventListener('click', () => {
    pause();
    if (!ensureRace()) return;
    race.reset();
    draw();
  });

  // ── Data, network, training fields, all through the lab's validation ───────────────────────
  const label = (key) => s(`key.${key}`);
  const dataBox = document.getElementById('train-data');
  const networkBox = document.getElementById('train-network');
  const trainingBox = document.getElementById('train-optimiser');
  const own = {};
  const add = (box, key, field) => {
    own[key] = field;
    fields.set(key === 'seed' ? 'train-seed' : key === 'init' ? 'train-init' : key, field);
    box.append(field.element);
  };
  add(dataBox, 'dataset', selectField('train-dataset', 'dataset', label('dataset'), keys.dataset.kind.choices, (v, f) => apply('dataset', v, f)));
  for (const key of ['classes', 'samples']) {
    const f = numberField(key, label(key), { ...sliderBounds(keys[key], key === 'samples' ? { max: 2000, step: 10 } : {}), onChange: (v) => apply(key, v, f) });
    add(dataBox, key, f);
  }
  for (const key of ['noise', 'test-fraction']) {
    const f = numberField(key, label(key), { ...sliderBounds(keys[key]), onChange: (v) => apply(key, v, f) });
    add(dataBox, key, f);
  }

  // Racers: one checkbox per scalar activation (the same `activation` key as the curves view).
  const racers = document.createElement('fieldset');
  racers.className = 'racers';
  racers.innerHTML = '<legend></legend>';
  racers.querySelector('legend').textContent = s('racers');
  const racersError = document.createElement('p');
  racersError.className = 'field-error';
  racersError.setAttribute('role', 'alert');
  const racersField = { setError: (m) => { racersError.textContent = m || ''; } };
  for (const entry of catalogue.filter((c) => c.scalar)) {
    const item = document.createElement('label');
    item.title = entry.summary;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = entry.name;
    box.addEventListener('change', () => {
      const names = lab().get('activation').split(',').filter((n) => n && n !== entry.name);
      if (box.checked) names.push(entry.name);
      apply('activation', names.join(','), racersField);
    });
    item.append(box, entry.name);
    racers.append(item);
  }
  racers.append(racersError);
  networkBox.append(racers);
  add(networkBox, 'hidden', textField('train-hidden', 'hidden', label('hidden'), (v, f) => apply('hidden', v, f)));
  add(networkBox, 'layer-activations', textField('train-layer-activations', 'layer-activations', label('layer-activations'),
    (v, f) => apply('layer-activations', v, f)));
  add(networkBox, 'init', selectField('train-init', 'init', label('init'), keys.init.kind.choices, (v, f) => apply('init', v, f)));
  add(networkBox, 'learned', selectField('train-learned-params', 'learned', label('learned'), keys.learned.kind.choices, (v, f) => apply('learned', v, f)));

  add(trainingBox, 'optimizer', selectField('train-optimizer', 'optimizer', label('optimizer'), keys.optimizer.kind.choices, (v, f) => apply('optimizer', v, f)));
  // The learning rate spans six decades: the slider moves in log10 steps, the box takes any value.
  const lrField = numberField('learning-rate', label('learning-rate'), {
    min: LR_MIN_LOG, max: LR_MAX_LOG, step: 0.05,
    onChange: (v) => apply('learning-rate', v, lrField),
  });
  lrField.range.addEventListener('input', (event) => {
    event.stopImmediatePropagation();
    const value = Number((10 ** Number(lrField.range.value)).toPrecision(2));
    apply('learning-rate', String(value), lrField);
  }, { capture: true });
  lrField.range.setAttribute('aria-valuetext', '');
  const setLr = lrField.setValue;
  lrField.setValue = (text) => {
    setLr(text);
    if (lrField.range) {
      lrField.range.value = String(Math.log10(Number(text)));
      lrField.range.setAttribute('aria-valuetext', text);
    }
  };
  add(trainingBox, 'learning-rate', lrField);
  for (const key of ['batch-size', 'weight-decay', 'steps', 'record-every', 'target-loss', 'seed']) {
    const slider = key === 'batch-size';
    const f = numberField(key, label(key), { ...sliderBounds(keys[key], slider ? { max: 100 } : {}), slider, onChange: (v) => apply(key, v, f) });
    add(trainingBox, key, f);
  }

  // ── The race ───────────────────────────────────────────────────────────────────────────────
  function ensureRace() {
    try {
      if (!race) race = new Race(lab().query());
      divergence.textContent = '';
      return true;
    } catch (err) {
      divergence.textContent = trError(err.message);
      return false;
    }
  }

  function play() {
    if (!ensureRace()) return;
    if (race.finished()) race.reset();
    playing = true;
    playButton.textContent = s('pause');
    playButton.setAttribute('aria-pressed', 'true');
    lastFrameAt = 0;
    if (!frame) frame = requestAnimationFrame(tick);
  }

  function pause() {
    playing = false;
    playButton.textContent = s('play');
    playButton.setAttribute('aria-pressed', 'false');
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    if (race) draw();
  }

  function tick(now) {
    frame = 0;
    if (!playing || !visible) return;
    if (lastFrameAt) fps = 0.9 * fps + 0.1 * (1000 / Math.max(1, now - lastFrameAt));
    lastFrameAt = now;
    const more = race.step(speed);
    draw(!more);
    if (more) frame = requestAnimationFrame(tick);
    else pause();
  }

  function surfaceCanvases(count) {
    while (surfaces.children.length > count) surfaces.lastChild.remove();
    while (surfaces.children.length < count) {
      const figure = document.createElement('figure');
      figure.className = 'chart surface';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      const caption = document.createElement('figcaption');
      figure.append(canvas, caption);
      surfaces.append(figure);
    }
    return [...surfaces.children];
  }

  /**
   * Redraws the view: everything when `all` (a pause, the end, a change, a resize), else, while
   * playing, the table and one picture a frame in turn (each surface, then each chart), so a
   * frame costs one drawing and the race keeps its frame rate; every picture is at most
   * (runs + 5) frames old.
   */
  function draw(all = true) {
    if (!race || !visible) return;
    const state = JSON.parse(race.state());
    const isDark = dark();
    const figures = surfaceCanvases(state.runs.length);
    const pictures = [...figures.map((_, i) => i), ...PANELS];
    const due = all ? pictures : [pictures[turn++ % pictures.length]];
    try {
      for (const picture of due) {
        if (typeof picture === 'number') {
          const figure = figures[picture];
          const canvas = figure.querySelector('canvas');
          figure.querySelector('figcaption').textContent = state.runs[picture].label;
          canvas.setAttribute('aria-label', s('surface', { label: state.runs[picture].label }));
          const dpr = fitToDevice(canvas);
          if (!dpr) continue;
          race.drawSurface(canvas, picture, dpr, isDark);
          canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
        } else {
          const canvas = document.getElementById(`train-${picture}`);
          const dpr = fitToDevice(canvas);
          if (!dpr) continue;
          race.drawPanel(canvas, picture, dpr, isDark);
          canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
        }
      }
    } catch (err) {
      divergence.textContent = trError(err.message);
    }
    table(state);
    const step = race.steps();
    const vars = { step, max: state.max_steps, head: state.head, speed, fps: fmt(fps, 2) };
    status.textContent = playing ? s('status', vars) : race.finished() ? s('finished', vars) : s('statusIdle', vars);
    status.dataset.step = String(step);
    status.dataset.fps = String(fps);
    if (step > 0) notice = '';
    const diverged = state.runs.filter((r) => r.divergence).map((r) => `${r.label}: ${r.divergence}`);
    divergence.textContent = [notice, ...diverged].filter(Boolean).join(' · ');
  }

  function table(state) {
    const head = document.querySelector('#train-table thead tr');
    const columns = ['col.run', 'col.step', 'col.trainLoss', 'col.testLoss', 'col.trainAcc', 'col.testAcc', 'col.toTarget', 'col.dead', 'col.learned', 'col.status'];
    head.replaceChildren(...columns.map((key) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = s(key, { target: fmt(state.target_loss) });
      return th;
    }));
    const percent = (v) => (v === null || v === undefined ? '—' : `${fmt(100 * v, 3)}%`);
    const rows = state.runs.map((r) => {
      const row = document.createElement('tr');
      row.dataset.run = r.label;
      const cells = [
        r.label, r.steps, fmt(r.train_loss, 4), fmt(r.test_loss, 4), percent(r.train_accuracy), percent(r.test_accuracy),
        r.steps_to_target ?? s('never'),
        r.dead_fraction ? r.dead_fraction.map((d) => percent(d)).join(' / ') : '—',
        r.learned.length ? r.learned.map(([name, v]) => `${name} = ${fmt(v, 3)}`).join(', ') : '—',
        r.diverged_at ? s('diverged', { step: r.diverged_at }) : r.finished ? s('done') : s('running'),
      ];
      const keys = ['label', 'steps', 'train-loss', 'test-loss', 'train-accuracy', 'test-accuracy', 'steps-to-target', 'dead', 'learned', 'status'];
      cells.forEach((text, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.scope = 'row';
        td.dataset.col = keys[i];
        td.textContent = String(text);
        row.append(td);
      });
      return row;
    });
    document.querySelector('#train-table tbody').replaceChildren(...rows);
  }

  /** Shows the lab's state in the controls, and brings the race in line with it. */
  function sync() {
    const get = (key) => lab().get(key);
    for (const key of ['dataset', 'init', 'learned', 'optimizer', 'hidden', 'layer-activations', 'classes', 'samples', 'noise',
      'test-fraction', 'learning-rate', 'batch-size', 'weight-decay', 'steps', 'record-every', 'target-loss', 'seed']) {
      own[key].setValue(get(key));
    }
    const names = get('activation').split(',');
    for (const box of racers.querySelectorAll('input')) box.checked = names.includes(box.value);
    own.classes.element.hidden = !['spiral', 'gaussians'].includes(get('dataset'));
    own.learned.element.hidden = !names.concat(get('layer-activations').split(',')).some((n) => LEARNABLE.includes(n));
    if (lab().view() !== 'train') return;
    if (!race) {
      ensureRace();
    } else {
      try {
        const kept = race.configure(lab().query());
        if (!kept) pause();
        notice = kept ? '' : s('restarted');
      } catch (err) {
        divergence.textContent = trError(err.message);
      }
    }
    draw();
  }

  return {
    sync,
    show() {
      visible = true;
      if (!race) ensureRace();
      draw();
      // Reduced motion: the race waits for Play instead of animating by itself.
      if (!reducedMotion.matches && race && race.steps() === 0 && !playing) play();
    },
    hide() {
      visible = false;
      pause();
    },
    redraw: () => draw(),
    exporter: () => race,
  };
}
