// The core's errors in the page's language. The wasm boundary throws a JS Error whose `message`
// is the core's English sentence and which carries `code` and `fields` (crate/src/error.rs,
// crate/src/wasm/error.rs); `lab.warnings()` returns the same objects. The Korean sentence is
// built from the code and fields, one template per code, never by reading the English; an error
// without a code (one of the page's own) keeps its English message. Keys, names and values stay
// as the reader types them, as in strings.js. The i18n test runs every example the core lists
// (`Lab.errorExamples()`) through these templates.

/** Korean for the range an out-of-range value should have been in ("1..=64 범위의 정수"). */
function rangeKo(range) {
  switch (range?.kind) {
    case 'number':
    case 'numbers':
      return `${range.interval} 범위의 수`;
    case 'integer':
    case 'integers':
      return `${range.interval} 범위의 정수`;
    case 'positive':
      return `${range.activation}에서는 양수`;
    default:
      return '';
  }
}

/** Korean for a list-length error, by the kind of count that was expected. */
function listLengthKo({ key, got, expected: e = {} }) {
  switch (e.kind) {
    case 'values':
      return `${key}에는 값 ${e.min}..=${e.max}개가 필요합니다 (입력: ${got}개)`;
    case 'for':
      return `${e.activation}에서 ${key}에는 값 ${e.count}개가 필요합니다 (입력: ${got}개)`;
    case 'per-hinge':
      return `${e.activation}에서 ${key}에는 힌지마다 하나씩 값 ${e.hinges}개가 필요합니다 (hinges=${e.hinges}, 입력: ${got}개)`;
    default:
      return `${key}에는 ${e.min}..=${e.max}개가 필요합니다 (입력: ${got}개)`;
  }
}

const list = (items) => (items ?? []).join(', ');

const KO_ERRORS = {
  'unknown-key': (f) => `알 수 없는 키 "${f.key}" (가능한 키: ${list(f.valid)})`,
  'unknown-name': (f) => `${f.key}에 알 수 없는 값 "${f.value}" (가능한 값: ${list(f.valid)})`,
  'not-a-number': (f) => `${f.key} 값은 숫자여야 합니다 (입력: "${f.value}")`,
  'out-of-range': (f) => `${f.key} 값은 ${rangeKo(f.range)}여야 합니다 (입력: ${f.value})`,
  'list-length': listLengthKo,
  'repeated-name': (f) => `${f.key}에 ${f.name}이(가) 두 번 들어 있습니다`,
  'x-range-order': (f) => `x-min은 x-max보다 작아야 합니다 (입력: x-min=${f.x_min}, x-max=${f.x_max})`,
  'target-not-a-logit': (f) => `target은 로짓 ${f.logits}개 중 하나(0..=${f.last})여야 합니다 (입력: ${f.target})`,
  'memory-budget': (f) => `batch × width × depth = ${f.batch} × ${f.width} × ${f.depth} = ${f.values}개 값으로 메모리 한도 ${f.budget}(약 ${f.megabytes} MB)를 넘습니다. batch, width, depth 중 하나를 줄이세요`,
  'phase-budget': (f) => `위상 지도의 작업량 phase-cells² × phase-depth × phase-batch × phase-width² × 3 = ${f.cells}² × ${f.depth} × ${f.batch} × ${f.width}² × 3 = ${f.work}이(가) 한도 ${f.budget}을(를) 넘습니다. phase-cells, phase-depth, phase-batch, phase-width 중 하나를 줄이세요`,
  'training-budget': (f) => `학습 한 스텝의 작업량 활성화 함수 수 × (가중치 + ${f.unit_cost} × 유닛) × (3 × batch-size + samples) = ${f.races} × (${f.weights} + ${f.unit_cost} × ${f.units}) × (3 × ${f.batch_size} + ${f.samples}) = ${f.work}이(가) 한도 ${f.budget}을(를) 넘습니다. 비교할 활성화 함수 수를 줄이거나 hidden, batch-size, samples를 줄이세요`,
  'classes-need-dataset': (f) => `classes=${f.classes}에는 ${(f.datasets ?? []).map((d) => `dataset=${d}`).join(' 또는 ')}가 필요합니다: ${f.dataset}은(는) 클래스가 2개입니다`,
  'batch-norm-one-example': (f) => `norm=batch에는 batch-size가 2 이상이어야 합니다: 예제 하나로는 유닛마다 분산이 0이라 정규화한 출력이 0이 되고 아무것도 학습하지 않습니다 (입력: batch-size=${f.batch_size})`,
  'layer-count': (f) => `layer-activations에 활성화 함수가 ${f.got}개 있지만 은닉층은 ${f.layers}개입니다 (hidden=${f.hidden_text}): 층마다 하나씩 주세요`,
  'points-and-grid': (f) => `--${f.flag}는 점을 직접 나열하므로 ${(f.grid ?? []).map((g) => `--${g}`).join(', ')}와(과) 함께 쓸 수 없습니다`,
  'init-not-finite': (f) => `가중치를 초기화할 수 없습니다: ${f.scale === 'std' ? '표준편차' : '균등분포의 한계'}가 유한하지 않습니다`,
  internal: (f) => `내부 오류가 났습니다: ${f.detail}`,
  'link-too-long': (f) => `이 링크는 ${f.unit === 'pairs' ? '설정' : '글자'} ${f.got}개로 되어 있어 앞의 ${f.max}개만 읽습니다`,
  malformed: (f) => `잘못된 설정 "${f.fragment}" (key=value 형식이어야 합니다)`,
  'not-scalar': (f) => `${f.name}은(는) 벡터 값을 내는 함수라 곡선이 아니라 별도의 보기(view=softmax)에서 봅니다`,
  'canvas-unavailable': () => '캔버스에서 2D 그리기 컨텍스트를 쓸 수 없습니다',
  drawing: (f) => `그리기에 실패했습니다: ${f.message}`,
  formula: formulaKo,
  'repeat-form': (f) => `${f.key}의 "${f.value}"은(는) 반복 형식이 아닙니다: 유닛 수 ${f.separator} 층 수로 쓰세요 (예: ${f.example}은 유닛 16개짜리 층 20개), 층 수는 1..=${f.max}입니다`,
};

/** Korean for a typed formula's problem (crate/src/activation/formula/problem.rs), by kind. */
function formulaKo(f) {
  switch (f.problem) {
    case 'missing': return `activation=custom에는 ${f.variable}에 대한 수식이 필요합니다 (예: formula=${f.example})`;
    case 'empty': return `수식이 비어 있습니다: ${f.variable}에 대한 식을 쓰세요`;
    case 'too-long': return `수식이 ${f.got}자입니다. 최대 ${f.max}자까지 쓸 수 있습니다`;
    case 'too-deep': return `수식이 ${f.column}번째 글자에서 ${f.max}겹보다 깊게 중첩됩니다`;
    case 'unexpected': return `수식의 ${f.column}번째 글자에 예상하지 못한 '${f.found}'이(가) 있습니다`;
    case 'unexpected-end': return `수식이 ${f.column}번째 글자에서 예상보다 일찍 끝납니다`;
    case 'bad-number': return `${f.column}번째 글자의 '${f.found}'은(는) 유한한 수가 아닙니다`;
    case 'unknown-function': return `${f.column}번째 글자에 알 수 없는 함수 '${f.name}' (가능한 함수: ${f.valid})`;
    case 'unknown-name': return `${f.column}번째 글자에 알 수 없는 이름 '${f.name}': ${f.names}, 한 글자 파라미터나 함수를 쓰세요`;
    case 'arity': return `${f.column}번째 글자의 ${f.name}에는 인수 ${f.expected}개가 필요합니다 (입력: ${f.got}개)`;
    case 'too-many-params': return `${f.column}번째 글자의 파라미터 '${f.name}'은(는) 하나 더 많습니다: 수식에는 파라미터를 최대 ${f.max}개까지 쓸 수 있습니다`;
    case 'no-value': return `파라미터 '${f.name}'에 값이 없습니다: formula-params에 주세요 (예: formula-params=${f.name}:1)`;
    case 'params-syntax': return `formula-params는 ${f.example}처럼 글자:숫자 쌍이어야 합니다 (입력: "${f.fragment}")`;
    case 'too-complex': return `수식을 계산하려면 명령 ${f.got}개가 필요해 최대 ${f.max}개를 넘습니다: 수식을 줄이세요`;
    default: return undefined;
  }
}

/** The error codes that have a Korean sentence (the i18n test checks the core has no other). */
export const TRANSLATED_ERROR_CODES = Object.keys(KO_ERRORS);

/**
 * An error in `lang`: from its `code` and `fields` when it has them (errors and warnings from the
 * core), else its English message (the page's own errors, and plain text).
 */
export function translateError(lang, error) {
  const message = typeof error === 'string' ? error : String(error?.message ?? error ?? '');
  if (lang !== 'ko' || error === null || typeof error !== 'object') return message;
  const template = Object.hasOwn(KO_ERRORS, error.code) ? KO_ERRORS[error.code] : null;
  return template ? template(error.fields ?? {}) : message;
}
