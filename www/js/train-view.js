// The training view: a small network (or a race of 2–6, one per selected activation) trained
// live. The lab's config is the state, as everywhere on the page; the Race (wasm) keeps the
// runs between frames. A change that leaves the network the same (learning rate, optimiser,
// batch size, weight decay, a fixed activation's parameter) continues the runs; any other
// restarts them. Play steps the race through the controller the widget uses too (race-loop.js):
// at most `speed` steps a frame and no more than fit in what the drawing leaves of the frame, so
// a heavy race slows down instead of freezing the page or dropping frames, and Pause is handled
// within a frame.

import { Race } from '../pkg/activation_lab.js';
import { checklist, fieldFor, numberField } from './controls.js';
import { fmt } from './format.js';
import { fitToDevice } from './canvas.js';
import { LANG, tr, trError } from './i18n.js';
import { createRaceController, paintWithin } from './race-loop.js';
import { createSlowStep } from './slow-step.js';
import { createTrainHistory } from './train-history.js';

const DEFAULT_SPEED = 10;
const MAX_SPEED = 100;
const LR_MIN_LOG = -5;
const LR_MAX_LOG = 1;

/** A training-view string in the page's language (the `train.*` keys of strings.js). */
const s = (key, vars) => tr(`train.${key}`, vars);


export function createTrainView({ domain, apply, lab, fields, dark }) {
  // The training charts drawPanel takes, from the core; each has its canvas and caption in
  // index.html.
  const PANELS = JSON.parse(Race.panels());
  const { KEYS: keys, CATALOGUE, PRESETS, SCALAR_NAMES, takesClasses, learns, formulaLearns, namesOf, pickable } = domain;
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
  let speed = DEFAULT_SPEED;
  let turn = 0;
  let owed = []; // pictures a full redraw has not drawn yet (a frame's budget of them at a time)
  let owedFrame = 0;
  // While a race plays, the table is rewritten a few times a second, not every frame: no one
  // reads numbers that change sixty times a second, and each rewrite costs the page a layout
  // (a row wrapping to one line more or less) that held it below 60 frames/s.
  const TABLE_EVERY_MS = 250;
  // The browser's share of each frame on this page: measured near 3.5 ms with the layer
  // distributions in sight (make bench), against a widget's 1.5.
  const PAGE_BROWSER_MS = 3;
  let tableAt = -Infinity;
  let visible = false;
  // Pictures out of sight are not redrawn while the race plays (a 16×20 surface or chart costs
  // several milliseconds of a frame); each is drawn again as it comes into view.
  const inSight = new Set();
  const sight = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      const picture = target.dataset.picture;
      const key = /^\d+$/.test(picture) ? Number(picture) : picture;
      if (!isIntersecting) inSight.delete(key);
      else if (!inSight.has(key)) {
        inSight.add(key);
        if (race && !owed.includes(key)) owed.push(key);
      }
    }
    if (owed.length && !loop.playing) draw(false);
  });
  for (const panel of PANELS) {
    const canvas = document.getElementById(`train-${panel}`);
    canvas.dataset.picture = panel;
    sight.observe(canvas);
  }
  // Each frame steps for what the last frames' drawing left of it, at most `speed` steps; a
  // frame that ends the race draws everything, the others one picture in turn.
  const loop = createRaceController({
    getRace: () => race,
    canRun: () => visible,
    draw: ({ more }) => draw(!more),
    onStop: () => pause(),
    maxPerFrame: () => speed,
    // The page re-lays out more than a widget each frame (its status, table and scrubber).
    browserMs: PAGE_BROWSER_MS,
  });
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
  for (const preset of PRESETS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'preset';
    button.dataset.preset = preset.id;
    // Titles and claims come from the core's preset table in both languages.
    button.textContent = preset.title[LANG];
    button.title = preset.claim[LANG];
    button.addEventListener('click', () => {
      // The preset is the whole state: every other key goes back to its default.
      location.hash = preset.query;
      const claim = document.getElementById('train-claim');
      claim.textContent = preset.claim[LANG];
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
  playButton.addEventListener('click', () => (loop.playing ? pause() : play()));
  stepButton.addEventListener('click', () => {
    pause();
    if (!ensureRace()) return;
    race.step(1);
    draw();
  });
  resetButton.addEventListener('click', () => {
    pause();
    if (!ensureRace()) return;
    slow.hide();
    race.reset();
    draw();
  });

  const slow = createSlowStep({
    race: () => race,
    build: () => (ensureRace() ? race : null),
    pause,
    afterStep: () => draw(),
    dark,
    report: (text) => { divergence.textContent = text; },
  });

  // Inside each layer and the history scrubber (issue #14): drawn after the view, in turn.
  const history = createTrainHistory({
    race: () => race,
    pause,
    redraw: () => draw(),
    dark,
    report: (text) => { divergence.textContent = text; },
  });

  // ── Data, network, training fields, all through the lab's validation ───────────────────────
  const label = (key) => s(`key.${key}`);
  const dataBox = document.getElementById('train-data');
  const networkBox = document.getElementById('train-network');
  const trainingBox = document.getElementById('train-optimiser');
  const own = {};
  const add = (box, key, field) => {
    own[key] = field;
    // Keys the layers view has controls for too get a name of their own here.
    fields.set(['seed', 'init', 'residual', 'norm'].includes(key) ? `train-${key}` : key, field);
    box.append(field.element);
  };
  // Each key gets the control its kind calls for, as in the widget; a select or text box keeps the
  // id the page has always given it.
  const make = (key, { id, slider = true, narrow } = {}) => {
    let field = null;
    field = fieldFor(keys[key], {
      label: label(key), lang: LANG, choices: pickable(keys[key].kind.choices), slider, narrow,
      first: () => namesOf(lab())[0], onChange: (v) => apply(key, v, field),
    });
    const control = field.select ?? field.input ?? field.box;
    if (id && control) {
      control.id = id;
      field.element.querySelector('label').htmlFor = id;
    }
    return field;
  };
  add(dataBox, 'dataset', make('dataset', { id: 'train-dataset' }));
  add(dataBox, 'classes', make('classes'));
  add(dataBox, 'samples', make('samples', { narrow: { max: 2000, step: 10 } }));
  add(dataBox, 'noise', make('noise'));
  add(dataBox, 'test-fraction', make('test-fraction'));

  // Racers: one checkbox per scalar activation (the same `activation` key as the curves view).
  const racersBox = document.createElement('fieldset');
  racersBox.className = 'racers';
  racersBox.append(document.createElement('legend'));
  racersBox.firstChild.textContent = s('racers');
  let racers = null;
  racers = checklist(racersBox, CATALOGUE.filter((c) => SCALAR_NAMES.includes(c.name)), {
    lang: LANG,
    onChange: (names) => apply('activation', names, racers),
  });
  networkBox.append(racersBox);
  add(networkBox, 'hidden', make('hidden', { id: 'train-hidden' }));
  add(networkBox, 'layer-activations', make('layer-activations'));
  add(networkBox, 'init', make('init', { id: 'train-init' }));
  add(networkBox, 'learned', make('learned', { id: 'train-learned-params' }));
  add(networkBox, 'residual', make('residual', { id: 'train-residual' }));
  add(networkBox, 'norm', make('norm', { id: 'train-norm' }));
  add(trainingBox, 'optimizer', make('optimizer', { id: 'train-optimizer' }));
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
  add(trainingBox, 'batch-size', make('batch-size', { narrow: { max: 100 } }));
  for (const key of ['weight-decay', 'steps', 'record-every', 'target-loss', 'seed']) add(trainingBox, key, make(key, { slider: false }));

  // ── The race ───────────────────────────────────────────────────────────────────────────────
  function ensureRace() {
    try {
      if (!race) {
        race = new Race(lab().query());
        race.setLanguage(LANG); // the words inside the charts and the SVG export
      }
      divergence.textContent = '';
      return true;
    } catch (err) {
      divergence.textContent = trError(err);
      return false;
    }
  }

  function play() {
    if (!ensureRace()) return;
    if (race.finished()) race.reset();
    history.toPresent();
    slow.hide();
    playButton.textContent = s('pause');
    playButton.dataset.playing = 'true'; // the label says what a press does: Pause
    loop.play();
  }

  function pause() {
    loop.pause();
    playButton.textContent = s('play');
    playButton.dataset.playing = 'false';
    if (race) draw();
  }

  function surfaceCanvases(count) {
    while (surfaces.children.length > count) {
      sight.unobserve(surfaces.lastChild.querySelector('canvas'));
      inSight.delete(surfaces.children.length - 1);
      surfaces.lastChild.remove();
    }
    while (surfaces.children.length < count) {
      const figure = document.createElement('figure');
      figure.className = 'chart surface';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.dataset.picture = String(surfaces.children.length);
      sight.observe(canvas);
      const caption = document.createElement('figcaption');
      figure.append(canvas, caption);
      surfaces.append(figure);
    }
    return [...surfaces.children];
  }

  /**
   * Redraws the view: everything when `all` (a pause, the end, a change, a resize), else, while
   * playing, the table and one picture in sight a frame in turn (each surface, then each
   * chart), so a frame costs one drawing and the race keeps its frame rate; every picture in
   * sight is at most (runs + 5) frames old, one out of sight is drawn as it comes into view. Everything is drawn a frame's time budget at a time: what does not
   * fit is owed and drawn first in the next frames, so a redraw of six heavy surfaces never
   * holds the page's thread at once.
   */
  function draw(all = true) {
    if (!race || !visible) return;
    const state = JSON.parse(race.state());
    const isDark = dark();
    const figures = surfaceCanvases(state.runs.length);
    const pictures = [...figures.map((_, i) => i), ...PANELS];
    if (all) owed = pictures;
    owed = owed.filter((picture) => pictures.includes(picture));
    const shown = pictures.filter((picture) => inSight.has(picture));
    // A playing frame draws one picture: every other frame the history's, if it has one in sight.
    const historyDrew = !all && !owed.length && turn % 2 === 1 && history.draw(state, false, true);
    const ours = historyDrew || !shown.length ? [] : [shown[Math.floor(turn / 2) % shown.length]];
    turn += 1;
    const due = owed.length ? owed : ours;
    const paint = (picture) => {
      if (typeof picture === 'number') {
        const figure = figures[picture];
        const canvas = figure.querySelector('canvas');
        figure.querySelector('figcaption').textContent = state.runs[picture].label;
        canvas.setAttribute('aria-label', s('surface', { label: state.runs[picture].label }));
        const dpr = fitToDevice(canvas);
        if (!dpr) return;
        race.drawSurface(canvas, picture, dpr, isDark);
        canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
      } else {
        const canvas = document.getElementById(`train-${picture}`);
        const dpr = fitToDevice(canvas);
        if (!dpr) return;
        race.drawPanel(canvas, picture, dpr, isDark);
        canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
      }
    };
    // A full redraw takes a frame's budget of pictures at a time; the rest are owed.
    const drawn = paintWithin(due, paint, (err) => { divergence.textContent = trError(err); });
    owed = owed.filter((picture) => !drawn.includes(picture));
    // Playing, the next frame's draw takes what is owed first; paused, a frame of its own does.
    if (owed.length && !loop.playing && !owedFrame) {
      owedFrame = requestAnimationFrame(() => {
        owedFrame = 0;
        if (owed.length) draw(false);
      });
    }
    if (all || performance.now() - tableAt >= TABLE_EVERY_MS) {
      tableAt = performance.now();
      table(state);
      describeLayers(state);
    }
    const step = race.steps();
    const { fps, perFrame } = loop.stats();
    const vars = { step, max: state.max_steps, head: LANG === 'ko' ? state.head_ko : state.head, speed: perFrame || speed, fps: fmt(fps, 2) };
    status.textContent = loop.playing ? s('status', vars) : race.finished() ? s('finished', vars) : s('statusIdle', vars);
    status.dataset.step = String(step);
    status.dataset.fps = String(fps);
    status.dataset.perFrame = String(perFrame);
    if (step > 0) notice = '';
    const diverged = state.runs.filter((r) => r.divergence).map((r) => `${r.label}: ${r.divergence}`);
    divergence.textContent = [notice, ...diverged].filter(Boolean).join(' · ');
    if (!historyDrew) history.draw(state, all, !all && !drawn.length);
  }

  /** The layer-distributions chart in words, for a screen reader (and the numbers a reader
   * cannot read off the picture): per run, its most saturated layer and its dead units. */
  function describeLayers(state) {
    const parts = state.runs.filter((r) => r.layers?.length).map((r) => {
      let most = 0;
      r.layers.forEach((l, i) => { if (l.saturated > r.layers[most].saturated) most = i; });
      const dead = r.layers.reduce((sum, l) => sum + l.dead, 0);
      const units = r.layers.reduce((sum, l) => sum + l.units, 0);
      return s('layersRun', { label: r.label, layer: most + 1, share: fmt(100 * r.layers[most].saturated, 3), dead, units });
    });
    const canvas = document.getElementById('train-layers');
    canvas.setAttribute('aria-label', [s('cap.layers'), ...parts].join(' '));
  }

  function table(state) {
    const head = document.querySelector('#train-table thead tr');
    const columns = ['col.run', 'col.step', 'col.trainLoss', 'col.testLoss', 'col.trainAcc', 'col.testAcc', 'col.toTarget', 'col.dead', 'col.signs', 'col.learned', 'col.status'];
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
        // Per layer, how far a unit's incoming weight gradients share one sign (issue #12's zig-zag).
        r.layers?.length ? r.layers.map((l) => percent(l.grad_sign_agreement)).join(' / ') : '—',
        r.learned.length ? r.learned.map(([name, v]) => `${name} = ${fmt(v, 3)}`).join(', ') : '—',
        r.diverged_at ? s('diverged', { step: r.diverged_at }) : r.finished ? s('done') : s('running'),
      ];
      const keys = ['label', 'steps', 'train-loss', 'test-loss', 'train-accuracy', 'test-accuracy', 'steps-to-target', 'dead', 'signs', 'learned', 'status'];
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
      'test-fraction', 'learning-rate', 'batch-size', 'weight-decay', 'steps', 'record-every', 'target-loss', 'seed',
      'residual', 'norm']) {
      own[key].setValue(get(key));
    }
    const names = namesOf(lab());
    racers.setValue(names.join(','));
    own.classes.element.hidden = !takesClasses(get('dataset'));
    own.learned.element.hidden = !names.concat(get('layer-activations').split(',')).some((n) => n
      && (n === 'custom' ? formulaLearns(get('formula'), get('formula-params')) : learns(n)));
    if (lab().view() !== 'train') return;
    if (!race) {
      ensureRace();
    } else {
      try {
        // The slow step's run is rebuilt or changed under it: it no longer shows.
        slow.hide();
        const kept = race.configure(lab().query());
        if (!kept) pause();
        notice = kept ? '' : s('restarted');
      } catch (err) {
        divergence.textContent = trError(err);
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
      if (!reducedMotion.matches && race && race.steps() === 0 && !loop.playing) play();
    },
    hide() {
      visible = false;
      pause();
      slow.hide();
    },
    redraw: () => {
      draw();
      slow.redraw();
    },
    exporter: () => race,
  };
}
