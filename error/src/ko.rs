//! Every error's sentence in Korean, built from the same facts as the English one.
//!
//! One place for the Korean: the CLI prints it (`actlab ... --lang ko`, or a Korean locale), and
//! the wasm boundary sends it with each error as `ko`, so the page and the CLI never word one
//! error two ways. Keys, names and values stay as the reader types them; the glossary's terms
//! (유닛, 스텝, 층, 파라미터) are used throughout.

use super::{Count, Error, InitScale, Range};
use activation_lab_formula::{function_names, Problem};

/// The range an out-of-range value should have been in ("1..=64 범위의 정수").
fn range(range: &Range) -> String {
    match range {
        Range::Number { .. } | Range::Numbers { .. } => format!("{} 범위의 수", range.interval()),
        Range::Integer { .. } | Range::Integers { .. } => {
            format!("{} 범위의 정수", range.interval())
        }
        Range::Positive { activation } => format!("{activation}에서는 양수"),
    }
}

/// A list-length sentence, by the kind of count that was expected.
fn list_length(key: &str, got: usize, expected: &Count) -> String {
    match expected {
        Count::Values { min, max } => {
            format!("{key}에는 값 {min}..={max}개가 필요합니다 (입력: {got}개)")
        }
        Count::For { count, activation } => {
            format!("{activation}에서 {key}에는 값 {count}개가 필요합니다 (입력: {got}개)")
        }
        Count::PerHinge { activation, hinges } => format!(
            "{activation}에서 {key}에는 힌지마다 하나씩 값 {hinges}개가 필요합니다 \
             (hinges={hinges}, 입력: {got}개)"
        ),
        Count::Plain { min, max } => {
            format!("{key}에는 {min}..={max}개가 필요합니다 (입력: {got}개)")
        }
    }
}

/// The names of a comma-separated list, joined as the Korean sentence lists them.
fn listed(valid: &str) -> String {
    valid
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// The error's sentence in Korean (no trailing period, like the English `Display`).
    pub fn korean(&self) -> String {
        match self {
            Error::UnknownKey { key, valid } => {
                format!("알 수 없는 키 \"{key}\" (가능한 키: {})", listed(valid))
            }
            Error::UnknownName { key, value, valid } => format!(
                "{key}에 알 수 없는 값 \"{value}\" (가능한 값: {})",
                listed(valid)
            ),
            Error::NotANumber { key, value } => {
                format!("{key} 값은 숫자여야 합니다 (입력: \"{value}\")")
            }
            Error::OutOfRange {
                key,
                value,
                range: r,
            } => format!("{key} 값은 {}여야 합니다 (입력: {value})", range(r)),
            Error::ListLength { key, got, expected } => list_length(key, *got, expected),
            Error::RepeatedName { key, name } => format!("{key}에 {name}이(가) 두 번 들어 있습니다"),
            Error::XRangeOrder { x_min, x_max } => format!(
                "x-min은 x-max보다 작아야 합니다 (입력: x-min={x_min}, x-max={x_max})"
            ),
            Error::TargetNotALogit { target, logits } => format!(
                "target은 로짓 {logits}개 중 하나(0..={})여야 합니다 (입력: {target})",
                logits.saturating_sub(1)
            ),
            Error::MemoryBudget {
                batch,
                width,
                depth,
                values,
                budget,
                megabytes,
            } => format!(
                "batch × width × depth = {batch} × {width} × {depth} = {values}개 값으로 메모리 \
                 한도 {budget}(약 {megabytes} MB)를 넘습니다. batch, width, depth 중 하나를 줄이세요"
            ),
            Error::PhaseBudget {
                cells,
                depth,
                width,
                batch,
                work,
                budget,
            } => format!(
                "위상 지도의 작업량 phase-cells² × phase-depth × phase-batch × phase-width² × 3 = \
                 {cells}² × {depth} × {batch} × {width}² × 3 = {work}이(가) 한도 {budget}을(를) \
                 넘습니다. phase-cells, phase-depth, phase-batch, phase-width 중 하나를 줄이세요"
            ),
            Error::TrainingBudget {
                races,
                weights,
                units,
                unit_cost,
                batch_size,
                samples,
                work,
                budget,
            } => format!(
                "학습 한 스텝의 작업량 활성화 함수 수 × (가중치 + {unit_cost} × 유닛) × \
                 (3 × batch-size + samples) = {races} × ({weights} + {unit_cost} × {units}) × \
                 (3 × {batch_size} + {samples}) = {work}이(가) 한도 {budget}을(를) 넘습니다. \
                 비교할 활성화 함수 수를 줄이거나 hidden, batch-size, samples를 줄이세요"
            ),
            Error::BatchNormOneExample { batch_size } => format!(
                "norm=batch에는 batch-size가 2 이상이어야 합니다: 예제 하나로는 유닛마다 분산이 0이라 \
                 정규화한 출력이 0이 되고 아무것도 학습하지 않습니다 (입력: batch-size={batch_size})"
            ),
            Error::ClassesNeedDataset {
                classes,
                dataset,
                datasets,
            } => format!(
                "classes={classes}에는 {}가 필요합니다: {dataset}은(는) 클래스가 2개입니다",
                datasets
                    .iter()
                    .map(|d| format!("dataset={d}"))
                    .collect::<Vec<_>>()
                    .join(" 또는 ")
            ),
            Error::LayerCount { got, hidden } => format!(
                "layer-activations에 활성화 함수가 {got}개 있지만 은닉층은 {}개입니다 \
                 (hidden={}): 층마다 하나씩 주세요",
                hidden.len(),
                super::fields::join(hidden)
            ),
            Error::PointsAndGrid { grid } => format!(
                "--x는 점을 직접 나열하므로 {}와(과) 함께 쓸 수 없습니다",
                grid.iter()
                    .map(|g| format!("--{g}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Error::InitNotFinite { scale } => format!(
                "가중치를 초기화할 수 없습니다: {}가 유한하지 않습니다",
                match scale {
                    InitScale::Std => "표준편차",
                    InitScale::Limit => "균등분포의 한계",
                }
            ),
            Error::Internal { detail } => format!("내부 오류가 났습니다: {detail}"),
            Error::LinkTooLong { unit, got, max } => format!(
                "이 링크는 {} {got}개로 되어 있어 앞의 {max}개만 읽습니다",
                if *unit == "pairs" { "설정" } else { "글자" }
            ),
            Error::Malformed { fragment } => {
                format!("잘못된 설정 \"{fragment}\" (key=value 형식이어야 합니다)")
            }
            Error::NotScalar { name } => format!(
                "{name}은(는) 벡터 값을 내는 함수라 곡선이 아니라 별도의 보기(view=softmax)에서 봅니다"
            ),
            Error::CanvasUnavailable => "캔버스에서 2D 그리기 컨텍스트를 쓸 수 없습니다".into(),
            Error::Drawing { message } => format!("그리기에 실패했습니다: {message}"),
            Error::Formula { problem } => formula(problem),
            Error::RepeatForm { key, value, max } => format!(
                "{key}의 \"{value}\"은(는) 반복 형식이 아닙니다: 유닛 수 x 층 수로 쓰세요 \
                 (예: 16x20은 유닛 16개짜리 층 20개), 층 수는 1..={max}입니다"
            ),
        }
    }
}

/// A typed formula's problem in Korean.
fn formula(problem: &Problem) -> String {
    match problem {
        Problem::Missing => {
            "activation=custom에는 x에 대한 수식이 필요합니다 (예: formula=x*sigmoid(x))".into()
        }
        Problem::Empty => "수식이 비어 있습니다: x에 대한 식을 쓰세요".into(),
        Problem::TooLong { got, max } => {
            format!("수식이 {got}자입니다. 최대 {max}자까지 쓸 수 있습니다")
        }
        Problem::TooDeep { column, max } => {
            format!("수식이 {column}번째 글자에서 {max}겹보다 깊게 중첩됩니다")
        }
        Problem::Unexpected { found, column } if found.is_empty() => {
            format!("수식이 {column}번째 글자에서 예상보다 일찍 끝납니다")
        }
        Problem::Unexpected { found, column } => {
            format!("수식의 {column}번째 글자에 예상하지 못한 '{found}'이(가) 있습니다")
        }
        Problem::BadNumber { text, column } => {
            format!("{column}번째 글자의 '{text}'은(는) 유한한 수가 아닙니다")
        }
        Problem::UnknownFunction { name, column } => format!(
            "{column}번째 글자에 알 수 없는 함수 '{name}' (가능한 함수: {})",
            function_names()
        ),
        Problem::UnknownName { name, column } => format!(
            "{column}번째 글자에 알 수 없는 이름 '{name}': x, pi, e, 한 글자 파라미터나 함수를 쓰세요"
        ),
        Problem::Arity {
            name,
            got,
            expected,
            column,
        } => format!(
            "{column}번째 글자의 {name}에는 인수 {expected}개가 필요합니다 (입력: {got}개)"
        ),
        Problem::TooManyParams { name, column, max } => format!(
            "{column}번째 글자의 파라미터 '{name}'은(는) 하나 더 많습니다: 수식에는 파라미터를 \
             최대 {max}개까지 쓸 수 있습니다"
        ),
        Problem::NoValue { name } => format!(
            "파라미터 '{name}'에 값이 없습니다: formula-params에 주세요 \
             (예: formula-params={name}:1)"
        ),
        Problem::ParamsSyntax { fragment } => format!(
            "formula-params는 k:1.5처럼 글자:숫자 쌍이어야 합니다 (입력: \"{fragment}\")"
        ),
        Problem::TooComplex { got, max } => format!(
            "수식을 계산하려면 명령 {got}개가 필요해 최대 {max}개를 넘습니다: 수식을 줄이세요"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hangul syllables, the test that a sentence is Korean at all.
    fn has_hangul(text: &str) -> bool {
        text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    #[test]
    fn every_example_has_a_korean_sentence_unlike_its_english() {
        for error in Error::examples() {
            let korean = error.korean();
            assert!(has_hangul(&korean), "{error}: {korean}");
            assert_ne!(korean, error.to_string());
            assert!(!korean.ends_with('.'), "{korean}");
        }
    }
}
