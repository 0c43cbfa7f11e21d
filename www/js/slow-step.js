// One training step in slow motion (issue #14): "Step slowly" pauses the race, has one run take
// its next step slowly (the others take theirs plainly, so the race stays in step) and shows it
// stage by stage: the forward pass layer by layer, the loss, the backward pass layer by layer,
// the update. Each stage has one sentence; ← and → (or the two buttons) move between stages.
// The stages advance by themselves unless the reader prefers reduced motion, when they move only
// on request. The chart is the core's (Race.drawSlowStep); this module only keeps the stage.

import { fitToDevice } from './canvas.js';
import { fmt } from './format.js';
import { tr, trError } from './i18n.js';

const s = (key, vars) => tr(`train.slow.${key}`, vars);
const STAGE_MS = 900;

/**
 * Wires the slow step's button and figure (index.html: #train-slow-step, #train-slow).
 * `race()` gives the race or null, `build()` the race built if need be (or null, its error shown),
 * `pause()` stops the race's play,
 * `afterStep()` redraws the view once the race moved, `dark()` tells the theme.
 */
export function createSlowStep({ race, build, pause, afterStep, dark, report }) {
  const button = document.getElementById('train-slow-step');
  const figure = document.getElementById('train-slow');
  const canvas = document.getElementById('train-slow-canvas');
  const sentence = document.getElementById('train-slow-sentence');
  const counter = document.getElementById('train-slow-counter');
  const runSelect = document.getElementById('train-slow-run');
  const previous = document.getElementById('train-slow-previous');
  const next = document.getElementById('train-slow-next');
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  button.textContent = s('button');
  previous.textContent = s('previous');
  next.textContent = s('next');
  document.getElementById('train-slow-caption').textContent = s('caption');
  document.getElementById('train-slow-run-label').textContent = s('run');
  let step = null; // the slow step's JSON, parsed
  let at = 0; // the stage shown
  let timer = 0;

  function stop() {
    clearTimeout(timer);
    timer = 0;
  }

  function hide() {
    stop();
    step = null;
    figure.hidden = true;
  }

  /** The sentence of stage `i` of the step. */
  function say(i) {
    const stage = step.stages[i];
    const layers = step.layers;
    const last = layers.length - 1;
    const layer = (l) => l + 1;
    switch (stage.stage) {
      case 'forward': {
        const l = layers[stage.layer];
        const vars = { layer: layer(stage.layer), mean: fmt(l.mean, 3), std: fmt(l.std, 3) };
        return s(stage.layer === last ? 'forwardOut' : 'forward', vars);
      }
      case 'loss':
        return s('loss', { batch: step.batch, loss: fmt(step.loss, 4) });
      case 'backward': {
        const delta = layers[stage.layer].delta_rms;
        const out = layers[last].delta_rms;
        const ratio = out > 0 ? fmt(delta / out, 2) : '—';
        return s(stage.layer === last ? 'backwardOut' : 'backward', { layer: layer(stage.layer), delta: fmt(delta, 3), ratio });
      }
      default:
        return s('update', {
          first: fmt(layers[0].update_norm, 3), last: fmt(layers[last].update_norm, 3),
          loss: fmt(step.loss, 4), after: fmt(step.loss_after, 4),
        });
    }
  }

  function show(i) {
    if (!step) return;
    at = Math.max(0, Math.min(step.stages.length - 1, i));
    const text = say(at);
    sentence.textContent = text;
    counter.textContent = s('counter', { n: at + 1, total: step.stages.length });
    figure.dataset.stage = String(at);
    figure.dataset.stageName = step.stages[at].stage;
    previous.disabled = at === 0;
    next.disabled = at === step.stages.length - 1;
    redraw(text);
  }

  function redraw(text = sentence.textContent) {
    if (!step || figure.hidden) return;
    const current = race();
    if (!current) return;
    const dpr = fitToDevice(canvas);
    if (!dpr) return;
    try {
      current.drawSlowStep(canvas, at, dpr, dark());
      canvas.setAttribute('aria-label', `${s('caption')} ${text}`);
      canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
    } catch (err) {
      report(trError(err));
    }
  }

  /** Moves on a stage every STAGE_MS until the last, unless motion is reduced. */
  function animate() {
    stop();
    if (reducedMotion.matches || !step || at >= step.stages.length - 1) return;
    timer = setTimeout(() => {
      show(at + 1);
      animate();
    }, STAGE_MS);
  }

  function runs(current) {
    const labels = JSON.parse(current.state()).runs.map((r) => r.label);
    const chosen = Math.min(Number(runSelect.value) || 0, labels.length - 1);
    runSelect.replaceChildren(...labels.map((label, i) => new Option(label, String(i), false, i === chosen)));
    runSelect.parentElement.hidden = labels.length < 2;
    return chosen;
  }

  button.addEventListener('click', () => {
    pause();
    const current = build();
    if (!current) return;
    let json;
    try {
      json = current.stepSlowly(runs(current));
    } catch (err) {
      report(trError(err));
      return;
    }
    if (json === undefined) {
      hide();
      report(s('cannot'));
      return;
    }
    step = JSON.parse(json);
    figure.hidden = false;
    afterStep();
    show(0);
    animate();
  });
  previous.addEventListener('click', () => { stop(); show(at - 1); });
  next.addEventListener('click', () => { stop(); show(at + 1); });
  figure.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: Infinity };
    // The run picker keeps its own arrow keys.
    if (!(event.key in moves) || !step || event.target === runSelect) return;
    event.preventDefault();
    stop();
    show(moves[event.key]);
  });

  return { hide, redraw: () => redraw() };
}
