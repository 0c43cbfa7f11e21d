// The guided lesson: one step per screen, in the order the story is told, each a preset of the
// <activation-lab> widget with two or three sentences in English and Korean. ← / → (or the
// buttons) move between steps; the step and language live in the hash, so every step is a link.

import './activation-lab.js';
import { registerOffline } from './offline.js';

const CURVES_HEIGHT = 320; // CSS px
const LAYERS_HEIGHT = 480; // CSS px: histograms, spread and gradient charts need the room
const TRAIN_HEIGHT = 640; // CSS px: a row of decision surfaces above five charts

const STEPS = [
  {
    title: { en: 'Sigmoid saturates', ko: '시그모이드는 포화된다' },
    text: {
      en: 'σ(x) squeezes every input into (0, 1). Its slope is largest at x = 0, and even there it is only σ′(0) = 0.25; beyond |x| ≈ 5 it is almost flat, so almost no gradient passes.',
      ko: 'σ(x)는 모든 입력을 (0, 1) 범위로 압축합니다. 미분값은 x = 0에서 가장 크지만 그마저도 σ′(0) = 0.25에 불과하고, |x| ≈ 5를 넘으면 곡선이 거의 평평해져 기울기(gradient)가 거의 전달되지 않습니다.',
    },
    widgets: ['activation="sigmoid" at="0" x-min="-8" x-max="8"'],
  },
  {
    title: { en: 'Gradients vanish with depth', ko: '깊어질수록 기울기가 사라진다' },
    text: {
      en: 'Backpropagation multiplies one derivative per layer. With σ′ ≤ 0.25, ten layers leave a gradient at most 0.25¹⁰ ≈ 1e−6 of its size (weights aside): the vanishing gradient, and the layers far from the loss barely learn.',
      ko: '역전파는 층마다 미분값을 하나씩 곱합니다. 모든 유닛의 입력이 x라면, 층 n개를 거친 기울기는 σ′(x)ⁿ배가 됩니다(가중치 제외). σ′ ≤ 0.25이므로 층 10개를 지나면 기울기는 많아야 0.25¹⁰ ≈ 1e−6배로 줄어듭니다. 이것이 기울기 소실(vanishing gradient)이고, 손실에서 먼 층은 거의 학습하지 못합니다.',
    },
    widgets: ['view="layers" activation="sigmoid" init="xavier_normal" histograms="deltas" depth="10" width="200" batch="300"'],
  },
  {
    title: { en: 'tanh is zero-centred, but still saturates', ko: 'tanh는 0을 중심으로 하지만 여전히 포화된다' },
    text: {
      en: 'tanh(x) = 2σ(2x) − 1 is centred on zero and its slope reaches 1: the zero-centring is what it improves. It saturates too, from about |x| ≈ 3, and its tails are flatter than the sigmoid’s, not less flat: at x = 2, tanh′ = 0.071 while σ′ = 0.105 (tanh′ decays like 4e^−2|x|).',
      ko: 'tanh(x) = 2σ(2x) − 1은 0을 중심으로 하고 미분값이 최대 1까지 올라갑니다. tanh가 개선하는 점은 바로 이 0 중심입니다. 그러나 tanh도 |x| ≈ 3부터 포화되고, 양 끝은 시그모이드보다 오히려 더 평평합니다. x = 2에서 tanh′ = 0.071인 반면 σ′ = 0.105입니다(tanh′는 4e^−2|x|처럼 줄어듭니다).',
    },
    widgets: ['activation="sigmoid,tanh" at="2" x-min="-6" x-max="6"'],
  },
  {
    title: { en: 'ReLU does not saturate for x > 0', ko: 'ReLU는 x > 0에서 포화되지 않는다' },
    text: {
      en: 'max(0, x) has slope exactly 1 for every positive input, so a gradient passes through unchanged, and it costs one comparison. Krizhevsky et al. (2012) report a CNN on CIFAR-10 reaching 25 % error six times faster with ReLU than with tanh.',
      ko: 'max(0, x)는 모든 양수 입력에서 기울기가 정확히 1이라 기울기가 그대로 통과하고, 계산도 비교 한 번이면 됩니다. Krizhevsky 외(2012)는 CIFAR-10의 CNN이 tanh보다 ReLU에서 25% 오차에 6배 빨리 도달했다고 보고했습니다.',
    },
    widgets: ['activation="relu,tanh" at="3" x-min="-5" x-max="5"'],
  },
  {
    title: { en: 'Dead ReLUs', ko: '죽은 ReLU' },
    text: {
      en: 'For x < 0 ReLU’s slope is exactly 0. A unit whose input is negative for every example gets no gradient and never recovers. Here a bias of −1 pushes many units there: the share of zero outputs climbs from three quarters in the first layer (far above the half a healthy relu layer shows) to every output by the fourth, and the dead units, zero for every example, go from none to all of them.',
      ko: 'x < 0에서 ReLU의 기울기는 정확히 0입니다. 모든 예제에서 입력이 음수인 유닛은 기울기를 받지 못해 다시 살아나지 않습니다. 여기서는 편향 −1이 많은 유닛을 그쪽으로 밀어냅니다. 0 출력 비율은 첫 층에서 이미 4분의 3으로 건강한 relu 층의 절반을 훨씬 넘고, 넷째 층에서는 100 %가 됩니다. 모든 예제에서 0을 내는 죽은 유닛도 하나도 없다가 전부가 됩니다.',
    },
    widgets: ['view="layers" activation="relu" init="kaiming_normal" bias="-1" depth="6" width="200" batch="300"'],
  },
  {
    title: { en: 'LeakyReLU, PReLU, ELU keep a gradient for x < 0', ko: 'LeakyReLU, PReLU, ELU는 x < 0에서도 기울기를 남긴다' },
    text: {
      en: 'A small slope on the negative side (0.01 for leaky_relu, a learned one for prelu, αeˣ for elu) means no unit is ever completely cut off.',
      ko: '음수 쪽의 작은 기울기(leaky_relu는 0.01, prelu는 학습되는 값, elu는 αeˣ) 덕분에 어떤 유닛도 완전히 끊기지 않습니다.',
    },
    widgets: ['activation="leaky_relu,prelu,elu" at="-1" x-min="-4" x-max="3"'],
  },
  {
    title: { en: 'The modern smooth ones: GELU, Swish, Mish', ko: '현대의 매끄러운 함수: GELU, Swish, Mish' },
    text: {
      en: 'These follow ReLU for large x, dip slightly below zero, and are smooth everywhere. Their slope even exceeds 1 a little (GELU: 1.129 at x = √2).',
      ko: '이 함수들은 x가 크면 ReLU를 따르고, 0 아래로 살짝 내려갔다가, 어디서나 매끄럽습니다. 기울기가 1을 약간 넘기도 합니다 (GELU: x = √2에서 1.129).',
    },
    widgets: ['activation="gelu,swish,mish" at="1.414" x-min="-4" x-max="3"'],
  },
  {
    title: { en: 'Initialisation: all zeros', ko: '초기화: 모두 0' },
    text: {
      en: 'With every weight equal, every neuron in a layer computes the same thing and gets the same update: the network has one distinct neuron per layer, whatever its width.',
      ko: '모든 가중치가 같으면 한 층의 모든 유닛이 같은 값을 계산하고 같은 업데이트를 받습니다. 폭이 얼마든 층마다 서로 다른 유닛은 하나뿐입니다.',
    },
    widgets: ['view="layers" activation="tanh" init="zeros" depth="6" width="200" batch="300"'],
  },
  {
    title: { en: 'Initialisation: too small', ko: '초기화: 너무 작게' },
    text: {
      en: 'Weights from N(0, 0.01²): each tanh layer multiplies the spread by about √width · 0.01, so activations collapse towards 0 layer by layer, and so do the gradients.',
      ko: 'N(0, 0.01²)에서 뽑은 가중치: tanh 층마다 분포의 폭이 약 √width · 0.01배가 되어 활성값이 층마다 0으로 붕괴하고, 기울기도 마찬가지입니다.',
    },
    widgets: ['view="layers" activation="tanh" init="normal" std="0.01" depth="8" width="200" batch="300"'],
  },
  {
    title: { en: 'Initialisation: too large', ko: '초기화: 너무 크게' },
    text: {
      en: 'Weights from N(0, 1): pre-activations have a spread of about √width, so nearly every tanh unit sits at ±1, saturated, with almost no slope.',
      ko: 'N(0, 1)에서 뽑은 가중치: 사전 활성값의 폭이 약 √width가 되어 거의 모든 tanh 유닛이 ±1에서 포화되고 기울기가 거의 없습니다.',
    },
    widgets: ['view="layers" activation="tanh" init="normal" std="1" depth="8" width="200" batch="300"'],
  },
  {
    title: { en: 'Xavier for tanh, He for ReLU', ko: 'tanh에는 Xavier, ReLU에는 He' },
    text: {
      en: 'Scaling the weights by the layer’s fan keeps the spread: Xavier/Glorot (variance 2/(fan_in + fan_out)) for tanh, He/Kaiming (2/fan_in) for ReLU, which loses half its inputs at zero.',
      ko: '층의 fan에 맞춰 가중치 크기를 조절하면 분포의 폭이 유지됩니다. tanh에는 Xavier/Glorot(분산 2/(fan_in + fan_out)), 입력의 절반을 0으로 만드는 ReLU에는 He/Kaiming(2/fan_in)을 씁니다.',
    },
    widgets: [
      'view="layers" activation="tanh" init="xavier_normal" depth="8" width="200" batch="300"',
      'view="layers" activation="relu" init="kaiming_normal" depth="8" width="200" batch="300"',
    ],
  },
  {
    title: { en: 'Skip connections', ko: '스킵 연결' },
    text: {
      en: 'With a_l = a_(l−1) + f(z_l), the gradient has a path around every layer. Compare the first layer’s gradient in a 50-layer sigmoid network without (top) and with (bottom) skip connections.',
      ko: 'a_l = a_(l−1) + f(z_l)이면 기울기가 모든 층을 우회하는 경로를 갖습니다. 50층 시그모이드 네트워크에서 스킵 연결이 없을 때(위)와 있을 때(아래) 첫 층의 기울기를 비교해 보세요.',
    },
    widgets: [
      'view="layers" activation="sigmoid" init="xavier_normal" depth="50" width="64" batch="100"',
      'view="layers" activation="sigmoid" init="xavier_normal" depth="50" width="64" batch="100" residual="true"',
    ],
  },
  {
    title: { en: 'Training: ReLU learns faster', ko: '학습: ReLU가 더 빨리 배운다' },
    text: {
      en: 'One small network trained three times on the same data from the same weights; only the activation differs. relu reaches the target loss first, tanh later, and sigmoid, whose slope is at most 0.25, has barely moved after 3000 steps. The 6× of Krizhevsky et al. (2012) was measured for a CNN on CIFAR-10; here the factor depends on the task and the learning rate.',
      ko: '같은 데이터와 같은 초기 가중치로 작은 신경망을 세 번 학습시키고, 활성화 함수만 바꿨습니다. relu가 목표 손실에 가장 먼저 닿고 tanh가 그다음이며, 미분값이 최대 0.25인 sigmoid는 3000스텝이 지나도 거의 움직이지 않습니다. Krizhevsky 외(2012)의 6배는 CIFAR-10의 CNN에서 잰 값이고, 여기서의 배율은 과제와 학습률에 따라 달라집니다.',
    },
    widgets: ['view="train" activation="relu,tanh,sigmoid" learning-rate="0.03" steps="3000"'],
  },
  {
    title: { en: 'Training: a large learning rate kills ReLUs', ko: '학습: 큰 학습률은 ReLU를 죽인다' },
    text: {
      en: 'At learning rate 1, about half of the relu units (four in five in the first hidden layer) end up outputting 0 for every training example: dead, with no gradient to bring them back (see the dead-units chart). leaky_relu and prelu keep a slope for x < 0 and stay alive.',
      ko: '학습률 1에서는 relu 유닛의 약 절반(첫 은닉층에서는 다섯 중 넷)이 모든 학습 예제에 0을 내게 됩니다. 죽은 유닛이고, 되살릴 기울기가 없습니다(죽은 유닛 그래프를 보세요). leaky_relu와 prelu는 x < 0에서도 미분값이 0이 아니어서 살아남습니다.',
    },
    widgets: ['view="train" activation="relu,leaky_relu,prelu" dataset="moons" hidden="32,32,32" learned="per-unit" learning-rate="1"'],
  },
  // Issue #14: deep networks while they train (presets deep-sigmoid-skips and dead-relu-timeline,
  // asserted in crate/tests/train_deep_lessons.rs).
  {
    title: { en: 'Training: skip connections rescue a deep network', ko: '학습: 스킵 연결이 깊은 네트워크를 살린다' },
    text: {
      en: 'The same 20-layer sigmoid network on the 2-class spiral, trained without (top) and with (bottom) skip connections. Without them the first layer’s gradient is about 10⁻¹⁴ and the test accuracy stays at chance, 50 %; with them the gradient reaches the first layer and the network learns.',
      ko: '2개 클래스 나선에서 같은 20층 sigmoid 네트워크를 스킵 연결 없이(위), 그리고 스킵 연결과 함께(아래) 학습시킵니다. 스킵 연결이 없으면 첫 층의 기울기는 약 10⁻¹⁴이고 테스트 정확도는 우연 수준인 50 %에 머뭅니다. 스킵 연결이 있으면 기울기가 첫 층까지 닿아 네트워크가 학습합니다.',
    },
    widgets: [
      'view="train" activation="sigmoid" dataset="spiral" hidden="16x20" steps="3000"',
      'view="train" activation="sigmoid" residual="true" dataset="spiral" hidden="16x20" steps="3000"',
    ],
  },
  {
    title: { en: 'Training: dead ReLUs appear within the first steps', ko: '학습: 죽은 ReLU는 처음 몇 스텝 안에 생긴다' },
    text: {
      en: 'Recorded at every step at learning rate 3: the share of dead relu units jumps from under 10 % at initialisation to over 40 % within 10 steps (see the dead-units chart). At learning rate 0.03 it stays under 15 %.',
      ko: '학습률 3에서 스텝마다 기록하면, 죽은 relu 유닛의 비율이 초기화 때 10 % 미만에서 10스텝 안에 40 % 넘게 뜁니다(죽은 유닛 그래프를 보세요). 학습률 0.03에서는 15 % 미만에 머뭅니다.',
    },
    widgets: ['view="train" activation="relu" dataset="moons" hidden="32,32,32" learning-rate="3" steps="50" record-every="1"'],
  },
];

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
  // New widgets for the step: each frees its state when it leaves the page.
  const height = (attrs) => {
    if (attrs.includes('view="train"')) return TRAIN_HEIGHT;
    return attrs.includes('view="layers"') ? LAYERS_HEIGHT : CURVES_HEIGHT;
  };
  widgets.innerHTML = s.widgets.map((attrs) => `<activation-lab ${attrs} height="${height(attrs)}" lang="${lang}"></activation-lab>`).join('');
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
registerOffline();
document.body.dataset.ready = 'true';
