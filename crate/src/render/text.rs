//! The words the charts draw (titles, axis names, legends, notes), in each language the page
//! speaks. One table, so a chart cannot be half translated and a test can walk every entry.
//!
//! Korean follows the page's vocabulary (www/js/strings.js: 손실, 스텝, 정확도, 기울기, 은닉층,
//! 죽은 유닛, 학습…). Numbers, mathematical notation (f′(x), ‖∂L/∂W‖, μ, σ) and the names of
//! functions, datasets and parameters are not words and stay as they are in every language.
//!
//! An entry may hold `{name}` placeholders, filled by [`fill`]; each language's text has the same
//! placeholders, in whatever order its grammar wants.

use crate::error::Error;

/// A language of the chart text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Every language, in the order the page lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// From a language code (`en`, `ko`; case and a region suffix such as `ko-KR` ignored).
    pub fn parse(code: &str) -> Result<Lang, Error> {
        let base = code.trim().split(['-', '_']).next().unwrap_or("");
        match base.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "ko" => Ok(Lang::Ko),
            _ => Err(Error::UnknownName {
                key: "language",
                value: code.into(),
                valid: Lang::ALL.map(Lang::code).join(", "),
            }),
        }
    }

    /// The language code [`Lang::parse`] reads.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The CSS font family the charts ask for. Korean names a face with Hangul first: the
    /// canvas and SVG viewers fall back glyph by glyph, but a generic `sans-serif` alone may
    /// resolve to a Latin-only face on some systems.
    pub fn font_family(self) -> &'static str {
        match self {
            Lang::En => "sans-serif",
            // Noto Sans CJK KR is the name Linux distributions install Noto's Korean under.
            Lang::Ko => {
                "Noto Sans KR, Noto Sans CJK KR, Apple SD Gothic Neo, Malgun Gothic, sans-serif"
            }
        }
    }
}

/// One entry of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    // ── softmax ──
    /// A class under its bar: `{class}`.
    SoftmaxClass,
    /// The target class under its bar: `{class}`.
    SoftmaxTarget,
    // ── layers ──
    /// The histograms' heading: `{values}` (a, z or δ), `{activation}`, `{init}`.
    LayersHeading,
    /// Appended to the heading when the pass overflowed: `{layer}`.
    LayersOverflow,
    /// A histogram's saturated and dead shares: `{saturated}`, `{dead}` (percent).
    LayersShares,
    /// The spread chart's title.
    Spread,
    /// The spread chart's y axis.
    SpreadAxis,
    /// Spread series: std of z measured.
    StdZMeasured,
    /// Spread series: std of z predicted.
    StdZTheory,
    /// Spread series: std of a measured.
    StdAMeasured,
    /// The gradient-flow bars' title.
    GradientReach,
    /// The gradient-flow bars' y axis.
    LogScale,
    /// Gradient-flow series: std of δ.
    StdDelta,
    /// The vanishing threshold line.
    Vanishing,
    /// The exploding threshold line.
    Exploding,
    /// The per-layer charts' x axis.
    Layer,
    // ── training ──
    /// A surface panel past the last run: `{n}` (1-based).
    NoRun,
    /// The composite with no runs.
    NoRuns,
    /// The summary's title.
    Race,
    /// Summary: the target was not reached: `{target}`.
    TargetNotReached,
    /// Summary: the target was reached: `{target}`, `{step}`.
    TargetReachedAt,
    /// Summary: final test accuracy: `{value}` (percent).
    TestAccuracy,
    /// Summary: final test loss: `{value}`.
    TestLoss,
    /// Summary line of a diverged run: `{label}`, `{step}`.
    SummaryDiverged,
    /// A diverged run's legend entry and surface title: `{label}`, `{step}`.
    RunDiverged,
    /// Legend key for train lines.
    TrainSolid,
    /// Legend key for test lines.
    TestDashed,
    /// The time axis.
    Step,
    /// The loss chart's title.
    LossTitle,
    /// The loss chart's y axis.
    Loss,
    /// The target-loss line: `{value}`.
    TargetLoss,
    /// The accuracy chart's title.
    Accuracy,
    /// The accuracy panel's note for regression.
    AccuracyRegression,
    /// The accuracy chart's y axis.
    AccuracyAxis,
    /// The dead-units chart's title.
    DeadTitle,
    /// The dead-units chart's y axis.
    DeadAxis,
    /// A hidden layer's dash key: `{layer}`.
    LayerN,
    /// The fourth dash key when it stands for layers 4, 8, 12….
    LayersEveryFourth,
    /// The learned-parameters chart's title.
    LearnedTitle,
    /// The learned-parameters panel's note when nothing is learned.
    NoLearned,
    /// The learned-parameters chart's y axis.
    LearnedAxis,
    /// A learned parameter's series: `{layer}`, `{name}`.
    LearnedSeries,
    /// The gradient-flow heatmap's title.
    FlowTitle,
    /// The gradient-flow panel before the first record.
    NoRecords,
    /// The output layer's row label.
    Output,
    /// Marked on a diverged run's heatmap: `{step}`.
    Diverged,
    /// A classifier's surface title: `{label}`, `{step}`, `{value}` (percent).
    SurfaceAccuracy,
    /// A regression's surface title: `{label}`, `{step}`, `{value}`.
    SurfaceLoss,
    // ── phase ──
    /// The phase map's title: `{activation}`, `{depth}`, `{width}`.
    PhaseTitle,
    /// The phase map's x axis.
    PhaseGainAxis,
    /// The phase map's y axis.
    PhaseBiasAxis,
    /// The ordered region's name.
    Ordered,
    /// The chaotic region's name.
    Chaotic,
    /// The critical line's legend.
    CriticalLine,
    /// LeCun's and Xavier's gain.
    MarkLecun,
    /// He's gain.
    MarkHe,
    /// PyTorch's recommended gain: `{gain}`.
    MarkPytorch,
    /// The current setting.
    MarkCurrent,
    /// The colour bar's caption.
    ColourBar,
    /// The layer-distributions panel's title.
    DistributionsTitle,
    /// One run's row of it: `{label}`, `{step}`.
    DistributionsRun,
    /// Its share axis.
    DistributionsAxis,
    /// The saturated share's series.
    SaturatedShare,
    /// The zero share's series.
    ZeroShare,
    /// The dead units' series.
    DeadShare,
    /// The slow step's title: `{step}`.
    SlowTitle,
    /// The slow step's batch loss: `{loss}`.
    SlowLoss,
    /// Its forward column.
    SlowForward,
    /// Its backward column.
    SlowBackward,
    /// Its update column.
    SlowUpdate,
    /// The small multiples' title: `{values}`, `{label}`, `{step}` (issue #14).
    InsideTitle,
    /// Their values when they show a.
    InsideActivations,
    /// Their values when they show ẑ.
    InsidePre,
    /// Their values when they show δ.
    InsideDeltas,
    /// One layer's shares under its name: `{sat}`, `{zero}`.
    InsideShares,
    /// One layer's dead units beside its name: `{dead}` (as dead/units).
    InsideDead,
    /// The note when a record has no histograms kept.
    InsideNone,
    /// The per-layer lines' title: `{label}`.
    InsideLinesTitle,
    // ── curves ──
    /// A typed formula's kink markers in the legend: `{label}`.
    Kinks,
}

impl Key {
    /// Every entry, for the tests that walk the table.
    pub const ALL: [Key; 79] = [
        Key::SoftmaxClass,
        Key::SoftmaxTarget,
        Key::LayersHeading,
        Key::LayersOverflow,
        Key::LayersShares,
        Key::Spread,
        Key::SpreadAxis,
        Key::StdZMeasured,
        Key::StdZTheory,
        Key::StdAMeasured,
        Key::GradientReach,
        Key::LogScale,
        Key::StdDelta,
        Key::Vanishing,
        Key::Exploding,
        Key::Layer,
        Key::NoRun,
        Key::NoRuns,
        Key::Race,
        Key::TargetNotReached,
        Key::TargetReachedAt,
        Key::TestAccuracy,
        Key::TestLoss,
        Key::SummaryDiverged,
        Key::RunDiverged,
        Key::TrainSolid,
        Key::TestDashed,
        Key::Step,
        Key::LossTitle,
        Key::Loss,
        Key::TargetLoss,
        Key::Accuracy,
        Key::AccuracyRegression,
        Key::AccuracyAxis,
        Key::DeadTitle,
        Key::DeadAxis,
        Key::LayerN,
        Key::LayersEveryFourth,
        Key::LearnedTitle,
        Key::NoLearned,
        Key::LearnedAxis,
        Key::LearnedSeries,
        Key::FlowTitle,
        Key::NoRecords,
        Key::Output,
        Key::Diverged,
        Key::SurfaceAccuracy,
        Key::SurfaceLoss,
        Key::PhaseTitle,
        Key::PhaseGainAxis,
        Key::PhaseBiasAxis,
        Key::Ordered,
        Key::Chaotic,
        Key::CriticalLine,
        Key::MarkLecun,
        Key::MarkHe,
        Key::MarkPytorch,
        Key::MarkCurrent,
        Key::ColourBar,
        Key::DistributionsTitle,
        Key::DistributionsRun,
        Key::DistributionsAxis,
        Key::SaturatedShare,
        Key::ZeroShare,
        Key::DeadShare,
        Key::SlowTitle,
        Key::SlowLoss,
        Key::SlowForward,
        Key::SlowBackward,
        Key::SlowUpdate,
        Key::InsideTitle,
        Key::InsideActivations,
        Key::InsidePre,
        Key::InsideDeltas,
        Key::InsideShares,
        Key::InsideDead,
        Key::InsideNone,
        Key::InsideLinesTitle,
        Key::Kinks,
    ];
}

/// The text of `key` in `lang`, placeholders unfilled.
pub fn text(lang: Lang, key: Key) -> &'static str {
    let (en, ko) = match key {
        Key::SoftmaxClass => ("class {class}", "클래스 {class}"),
        Key::SoftmaxTarget => ("class {class} (target)", "클래스 {class} (정답)"),
        Key::LayersHeading => (
            "{values} per layer — {activation} with {init}",
            "층별 {values} — {activation}, 초기화 {init}",
        ),
        Key::LayersOverflow => (
            " — overflow at layer {layer}: values became infinite",
            " — {layer}번째 층에서 오버플로: 값이 무한대가 됨",
        ),
        Key::LayersShares => (
            "sat {saturated}% zero {zero}%",
            "포화 {saturated}% 0 출력 {zero}%",
        ),
        Key::Spread => ("spread per layer", "층별 분포 폭"),
        Key::SpreadAxis => ("std (log)", "표준편차 (로그)"),
        Key::StdZMeasured => ("std of z, measured", "z의 표준편차, 측정값"),
        Key::StdZTheory => ("std of z, mean-field theory", "z의 표준편차, 평균장 이론"),
        Key::StdAMeasured => ("std of a, measured", "a의 표준편차, 측정값"),
        Key::GradientReach => ("gradient reaching each layer", "각 층에 도달하는 기울기"),
        Key::LogScale => ("log scale", "로그 눈금"),
        Key::StdDelta => ("std of δ", "δ의 표준편차"),
        Key::Vanishing => ("vanishing (10⁻³ × top)", "소실 (맨 위 층의 10⁻³배)"),
        Key::Exploding => ("exploding (10³ × top)", "폭주 (맨 위 층의 10³배)"),
        Key::Layer => ("layer", "층"),
        Key::NoRun => (
            "no run {n} in this race",
            "이 경주에는 {n}번째 실행이 없습니다",
        ),
        Key::NoRuns => ("no runs", "실행 없음"),
        Key::Race => ("the race", "경주"),
        Key::TargetNotReached => ("loss {target} not reached", "손실 {target}에 도달하지 못함"),
        Key::TargetReachedAt => (
            "loss {target} at step {step}",
            "{step}스텝에서 손실 {target}",
        ),
        Key::TestAccuracy => ("test accuracy {value}%", "테스트 정확도 {value}%"),
        Key::TestLoss => ("test loss {value}", "테스트 손실 {value}"),
        Key::SummaryDiverged => (
            "{label}: diverged at step {step}",
            "{label}: {step}스텝에서 발산",
        ),
        Key::RunDiverged => (
            "{label} — diverged at step {step}",
            "{label} — {step}스텝에서 발산",
        ),
        Key::TrainSolid => ("train (solid)", "학습 (실선)"),
        Key::TestDashed => ("test (dashed)", "테스트 (점선)"),
        Key::Step => ("step", "스텝"),
        Key::LossTitle => ("loss (log scale)", "손실 (로그 눈금)"),
        Key::Loss => ("loss", "손실"),
        Key::TargetLoss => ("target loss {value}", "목표 손실 {value}"),
        Key::Accuracy => ("accuracy", "정확도"),
        Key::AccuracyRegression => (
            "accuracy does not apply to regression (sine): read the loss",
            "회귀(sine)에는 정확도가 없습니다: 손실을 보세요",
        ),
        Key::AccuracyAxis => ("share classified right", "맞게 분류한 비율"),
        Key::DeadTitle => ("dead units per hidden layer", "은닉층별 죽은 유닛"),
        Key::DeadAxis => ("share of units dead", "죽은 유닛 비율"),
        Key::LayerN => ("layer {layer}", "층 {layer}"),
        Key::LayersEveryFourth => ("layers 4, 8…", "층 4, 8…"),
        Key::LearnedTitle => (
            "learned activation parameters",
            "학습되는 활성화 함수 파라미터",
        ),
        Key::NoLearned => (
            "no learned parameters: pick prelu, swish or apl",
            "학습되는 파라미터 없음: prelu, swish, apl 중 하나를 고르세요",
        ),
        Key::LearnedAxis => ("value (mean over units)", "값 (유닛 평균)"),
        Key::LearnedSeries => ("layer {layer} {name}", "층 {layer} {name}"),
        Key::FlowTitle => (
            "gradient flow: log₁₀ ‖∂L/∂W‖ per layer over training",
            "기울기 흐름: 학습 중 층별 log₁₀ ‖∂L/∂W‖",
        ),
        Key::NoRecords => ("no records yet", "아직 기록 없음"),
        Key::Output => ("out", "출력"),
        Key::Diverged => ("diverged at step {step}", "{step}스텝에서 발산"),
        Key::SurfaceAccuracy => (
            "{label} — step {step}: test accuracy {value}%",
            "{label} — {step}스텝: 테스트 정확도 {value}%",
        ),
        Key::SurfaceLoss => (
            "{label} — step {step}: test loss {value}",
            "{label} — {step}스텝: 테스트 손실 {value}",
        ),
        Key::PhaseTitle => (
            "{activation}: how the gradient changes through {depth} layers × {width} units",
            "{activation}: {depth}개 층 × {width}개 유닛을 지나며 기울기가 변하는 정도",
        ),
        Key::PhaseGainAxis => (
            "σ_w (gain: weights N(0, σ_w²/fan_in))",
            "σ_w (게인: 가중치 N(0, σ_w²/fan_in))",
        ),
        Key::PhaseBiasAxis => ("σ_b (biases N(0, σ_b²))", "σ_b (편향 N(0, σ_b²))"),
        Key::Ordered => ("ordered: gradients vanish", "질서: 기울기 소실"),
        Key::Chaotic => ("chaotic: gradients explode", "혼돈: 기울기 폭주"),
        Key::CriticalLine => ("edge of chaos χ₁ = 1", "혼돈의 경계 χ₁ = 1"),
        Key::MarkLecun => ("LeCun/Xavier", "LeCun/Xavier 초기화"),
        Key::MarkHe => ("He", "He 초기화"),
        Key::MarkPytorch => ("PyTorch {gain}", "PyTorch 권장 {gain}"),
        Key::MarkCurrent => ("current", "현재 설정"),
        Key::ColourBar => (
            "gradient ratio log₁₀ ‖δ₁‖/‖δ_L‖",
            "기울기 비 log₁₀ ‖δ₁‖/‖δ_L‖",
        ),
        Key::DistributionsTitle => (
            "inside each hidden layer, over the training set",
            "학습 집합에서 본 은닉층 안쪽",
        ),
        Key::DistributionsRun => ("{label} — step {step}", "{label} — {step}스텝"),
        Key::DistributionsAxis => ("share of the layer", "층에서의 비율"),
        Key::SlowTitle => (
            "one training step, slowly: step {step}",
            "한 스텝을 천천히: {step}스텝",
        ),
        Key::SlowLoss => ("batch loss {loss}", "배치 손실 {loss}"),
        Key::SlowForward => ("forward: outputs of each layer", "순전파: 층마다의 출력"),
        Key::SlowBackward => (
            "backward: δ reaching the layer (rms)",
            "역전파: 층에 닿은 δ (rms)",
        ),
        Key::SlowUpdate => ("update: ‖ΔW‖ of the layer", "업데이트: 층의 ‖ΔW‖"),
        Key::SaturatedShare => (
            "saturated: |f′| under 1 % of max",
            "포화: |f′|이 최댓값의 1 % 미만",
        ),
        Key::ZeroShare => ("f = 0", "출력이 정확히 0"),
        Key::DeadShare => ("dead units", "죽은 유닛"),
        Key::InsideTitle => (
            "{values} in each hidden layer — {label}, step {step}",
            "은닉층마다의 {values} — {label}, {step}스텝",
        ),
        Key::InsideActivations => ("outputs a", "출력 a"),
        Key::InsidePre => ("pre-activations ẑ", "활성화 전 값 ẑ"),
        Key::InsideDeltas => ("deltas δ = ∂L/∂z", "역전파 신호 δ = ∂L/∂z"),
        Key::InsideShares => ("sat {sat} zero {zero}", "포화 {sat} 영 {zero}"),
        Key::InsideDead => ("dead {dead}", "죽은 유닛 {dead}"),
        Key::InsideNone => (
            "no histograms kept at this step",
            "이 스텝에 남긴 히스토그램 없음",
        ),
        Key::InsideLinesTitle => (
            "each hidden layer over the steps — {label}",
            "스텝에 따른 은닉층마다의 비율 — {label}",
        ),
        Key::Kinks => ("{label} kinks (no f′)", "{label} 꺾인 점 (f′ 없음)"),
    };
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// The text of `key` in `lang` with each `{name}` replaced by its value in `vars` (a name not
/// in `vars` is left as written). Values are inserted as they are, never scanned again.
pub fn fill(lang: Lang, key: Key, vars: &[(&str, &str)]) -> String {
    let template = text(lang, key);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_languages_with_the_same_placeholders() {
        for key in Key::ALL {
            let (en, ko) = (text(Lang::En, key), text(Lang::Ko, key));
            assert!(!en.is_empty() && !ko.is_empty(), "{key:?}");
            assert!(
                ko.chars().any(|c| ('가'..='힣').contains(&c)),
                "{key:?} has no Korean: {ko}"
            );
            let mut a = placeholders(en);
            let mut b = placeholders(ko);
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{key:?}");
        }
    }

    #[test]
    fn fill_replaces_named_placeholders_once() {
        let vars = [("label", "relu {step}"), ("step", "12")];
        assert_eq!(
            fill(Lang::En, Key::RunDiverged, &vars),
            "relu {step} — diverged at step 12"
        );
        assert_eq!(
            fill(Lang::Ko, Key::RunDiverged, &vars),
            "relu {step} — 12스텝에서 발산"
        );
        assert_eq!(fill(Lang::En, Key::LayerN, &[]), "layer {layer}");
    }

    #[test]
    fn languages_parse_from_codes() {
        assert_eq!(Lang::parse("ko").ok(), Some(Lang::Ko));
        assert_eq!(Lang::parse("ko-KR").ok(), Some(Lang::Ko));
        assert_eq!(Lang::parse("EN").ok(), Some(Lang::En));
        let error = Lang::parse("fr").err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("unknown language \"fr\" (expected one of: en, ko)")
        );
    }
}
