//! The training lessons, each one query: the page's preset buttons load them and
//! `tests/train_lessons.rs` asserts each one's outcome with the same query and seed.

use serde::Serialize;

use crate::activation::Text;

/// One lesson: what to run, and what it shows, with the figure it quotes attributed.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Preset {
    /// A stable identifier (the page's string keys and the tests use it).
    pub id: &'static str,
    /// The config, as a query.
    pub query: &'static str,
    /// The same run with only the setting the lesson is about changed (no skips, no norm, the
    /// shallower network, the small learning rate), which the lesson's test runs beside it and
    /// the page offers as the other half of the comparison; `None` where the race compares.
    pub contrast: Option<&'static str>,
    /// The lesson in a few words, in English and Korean.
    pub title: Text,
    /// What a learner should see, and where the figures it quotes come from.
    pub claim: Text,
}

/// The five lessons of issue #4, then the six on deep networks of issue #14, in the order the
/// page shows them.
pub const PRESETS: [Preset; 11] = [
    Preset {
        id: "relu-fastest",
        contrast: None,
        query: "view=train&activation=relu,tanh,sigmoid&learning-rate=0.03&steps=3000",
        title: Text {
            en: "ReLU trains faster than tanh and sigmoid",
            ko: "ReLU는 tanh와 sigmoid보다 빨리 학습한다",
        },
        claim: Text {
            en: "Same data, seed and learning rate: relu reaches the target loss first, tanh later, and sigmoid (f′ ≤ 0.25) barely moves. Krizhevsky et al. (2012) report a 6× speed-up of ReLU over tanh for a CNN on CIFAR-10; the factor here depends on the task and the learning rate.",
            ko: "데이터, 시드, 학습률이 모두 같을 때 relu가 목표 손실에 가장 먼저 닿고, tanh가 그다음이며, sigmoid(f′ ≤ 0.25)는 거의 움직이지 않습니다. Krizhevsky 외(2012)는 CIFAR-10의 CNN에서 ReLU가 tanh보다 6배 빨리 학습했다고 보고했습니다. 여기서 보이는 배수는 과제와 학습률에 따라 달라집니다.",
        },
    },
    Preset {
        id: "dead-relu",
        contrast: None,
        query: "view=train&activation=relu,leaky_relu,prelu&dataset=moons&hidden=32,32,32&learned=per-unit&learning-rate=1",
        title: Text {
            en: "A large learning rate kills ReLUs",
            ko: "큰 학습률은 ReLU 유닛을 죽인다",
        },
        claim: Text {
            en: "At learning rate 1, about half of the relu units end up outputting 0 for every example (55 % at this seed), and a dead unit gets no gradient to recover; leaky_relu and prelu keep a slope for x < 0 and stay alive. The CS231n notes warn that with a learning rate set too high, as much as 40 % of a network can be dead.",
            ko: "학습률이 1이면 relu 유닛의 절반가량(이 시드에서 55 %)이 모든 예제에 0을 출력하게 되고, 죽은 유닛은 기울기를 받지 못해 되살아나지 못합니다. leaky_relu와 prelu는 x < 0에서도 미분값이 남아 있어 살아 있습니다. CS231n 강의 노트는 학습률을 너무 크게 잡으면 네트워크의 40 %까지 죽을 수 있다고 경고합니다.",
        },
    },
    Preset {
        id: "linear-xor",
        contrast: None,
        query: "view=train&activation=identity,relu&dataset=xor&learning-rate=0.03&steps=2000",
        title: Text {
            en: "Without an activation, depth adds nothing",
            ko: "활성화 함수가 없으면 층을 쌓아도 소용없다",
        },
        claim: Text {
            en: "Stacked linear layers are one linear map, so identity draws a straight boundary and stays near a linear model's accuracy on xor; relu bends the boundary and fits it.",
            ko: "선형 층을 여러 개 쌓아도 하나의 선형 변환과 같습니다. 그래서 identity는 직선 경계만 그릴 수 있어 xor에서 선형 모델의 정확도에 머물고, relu는 경계를 구부려 xor를 맞힙니다.",
        },
    },
    Preset {
        id: "learned-activations",
        contrast: None,
        query: "view=train&activation=prelu,swish&dataset=spiral&hidden=16,16&optimizer=adam&learning-rate=0.01&steps=2000",
        title: Text {
            en: "PReLU's slope and Swish's β are learned",
            ko: "PReLU의 음수 구간 계수와 Swish의 β도 학습된다",
        },
        claim: Text {
            en: "The negative slope of prelu (He et al. 2015) and the β of swish (Ramachandran et al. 2017) are trained with the weights: watch them leave 0.25 and 1 in the learned-parameters chart.",
            ko: "prelu의 음수 구간 계수(He 외 2015)와 swish의 β(Ramachandran 외 2017)는 가중치와 함께 학습됩니다. 학습된 파라미터 차트에서 두 값이 처음의 0.25와 1을 떠나는 모습을 보세요.",
        },
    },
    Preset {
        id: "spiral-softmax",
        contrast: None,
        query: "view=train&activation=relu&dataset=spiral&classes=3&hidden=16,16&optimizer=adam&learning-rate=0.01&steps=2000",
        title: Text {
            en: "Softmax separates a 3-class spiral",
            ko: "softmax로 3개 클래스의 나선을 가른다",
        },
        claim: Text {
            en: "The CS231n spiral: three interleaved arms no line can separate. A small relu network with a softmax + cross-entropy head classifies over 95 % of the training points.",
            ko: "CS231n의 나선 데이터: 서로 얽힌 세 팔은 어떤 직선으로도 가를 수 없습니다. softmax + 교차 엔트로피 출력층을 단 작은 relu 네트워크가 학습 예제의 95 % 이상을 맞게 분류합니다.",
        },
    },
    // Issue #14: deep networks while they train. Each compares two runs on the same data, seed
    // and weights' draw; `tests/train_deep_lessons.rs` asserts both halves.
    Preset {
        id: "deep-sigmoid-skips",
        query: "view=train&activation=sigmoid&residual=true&dataset=spiral&hidden=16x20&steps=3000",
        contrast: Some("view=train&activation=sigmoid&dataset=spiral&hidden=16x20&steps=3000"),
        title: Text {
            en: "Skip connections rescue a deep sigmoid network",
            ko: "스킵 연결이 깊은 sigmoid 네트워크를 살린다",
        },
        claim: Text {
            en: "20 sigmoid layers of 16 units on the 2-class spiral: without skips the first layer's gradient is about 10⁻¹⁴ (each layer multiplies it by f′ ≤ 0.25) and the test accuracy stays at chance, 50 %; with a_l = a_(l−1) + f(z_l) the gradient reaches the first layer undiminished and the network learns (He et al. 2016, ResNet).",
            ko: "2개 클래스 나선에서 유닛 16개짜리 sigmoid 층 20개: 스킵 연결이 없으면 첫 층의 기울기는 약 10⁻¹⁴(층마다 f′ ≤ 0.25가 곱해집니다)이고 테스트 정확도는 우연 수준인 50 %에 머뭅니다. a_l = a_(l−1) + f(z_l)이면 기울기가 줄지 않고 첫 층까지 닿아 네트워크가 학습합니다(He 외 2016, ResNet).",
        },
    },
    Preset {
        id: "deep-tanh-skips",
        query: "view=train&activation=tanh&init=normal&std=0.1&residual=true&dataset=spiral&hidden=16x20&steps=2000",
        contrast: Some("view=train&activation=tanh&init=normal&std=0.1&dataset=spiral&hidden=16x20&steps=2000"),
        title: Text {
            en: "The same for tanh",
            ko: "tanh에서도 마찬가지",
        },
        claim: Text {
            en: "20 tanh layers drawn from N(0, 0.1²): each layer shrinks the signal and the gradient, so without skips the first layer's gradient is about 10⁻⁹ and the test accuracy stays at chance; with skips the same weights learn the spiral.",
            ko: "N(0, 0.1²)에서 뽑은 tanh 층 20개: 층마다 신호와 기울기가 줄어들어, 스킵 연결이 없으면 첫 층의 기울기는 약 10⁻⁹이고 테스트 정확도는 우연 수준에 머뭅니다. 스킵 연결이 있으면 같은 가중치로 나선을 학습합니다.",
        },
    },
    Preset {
        id: "deep-sigmoid-batch-norm",
        query: "view=train&activation=sigmoid&norm=batch&dataset=spiral&hidden=16x20&batch-size=32&steps=2000",
        contrast: Some("view=train&activation=sigmoid&dataset=spiral&hidden=16x20&batch-size=32&steps=2000"),
        title: Text {
            en: "Batch norm lets the plain deep network learn",
            ko: "배치 정규화로 평범한 깊은 네트워크도 학습한다",
        },
        claim: Text {
            en: "The 20-layer sigmoid network without skips, with batch norm before each activation (learned γ and β; the test set is evaluated with running statistics, momentum 0.1, as in PyTorch): every layer's z is re-centred where σ′ is largest, the gradient reaches the first layer and the network learns (Ioffe and Szegedy 2015).",
            ko: "스킵 연결 없는 20층 sigmoid 네트워크에서 활성화 함수 앞마다 배치 정규화를 둡니다(γ와 β는 학습되고, 테스트 집합은 PyTorch처럼 모멘텀 0.1의 이동 통계로 평가합니다). 층마다 z가 σ′이 가장 큰 곳으로 다시 맞춰져 기울기가 첫 층까지 닿고 네트워크가 학습합니다(Ioffe와 Szegedy 2015).",
        },
    },
    Preset {
        id: "deep-relu-depth",
        query: "view=train&activation=relu&init=kaiming_normal&dataset=spiral&hidden=8x10&learning-rate=0.03&steps=2000",
        contrast: Some("view=train&activation=relu&init=kaiming_normal&dataset=spiral&hidden=8x50&learning-rate=0.03&steps=2000"),
        title: Text {
            en: "Deep ReLU: He init trains at depth 10, not at 50",
            ko: "깊은 ReLU: He 초기화는 깊이 10에서는 학습하고 50에서는 못 한다",
        },
        claim: Text {
            en: "He (kaiming_normal) init keeps the variance of a ReLU layer's output, and 10 layers of 8 units learn the spiral; at 50 layers the same init degrades: units die along the way and the network stays at chance.",
            ko: "He(kaiming_normal) 초기화는 ReLU 층 출력의 분산을 유지해서, 유닛 8개짜리 층 10개는 나선을 학습합니다. 층이 50개이면 같은 초기화로도 무너집니다: 도중에 유닛이 죽고 네트워크는 우연 수준에 머뭅니다.",
        },
    },
    Preset {
        id: "deep-relu-skips",
        query: "view=train&activation=relu&init=kaiming_normal&gain=0.2&residual=true&dataset=spiral&hidden=8x50&learning-rate=0.03&steps=2000",
        contrast: Some("view=train&activation=relu&init=kaiming_normal&gain=0.2&dataset=spiral&hidden=8x50&learning-rate=0.03&steps=2000"),
        title: Text {
            en: "Residual connections fix the 50-layer ReLU network",
            ko: "잔차 연결이 50층 ReLU 네트워크를 고친다",
        },
        claim: Text {
            en: "50 ReLU layers with skips learn the spiral; without skips the same weights stay at chance. Each branch starts small (gain 0.2), since 50 branches at full He scale would double the variance 50 times, as Fixup (Zhang et al. 2019) scales them.",
            ko: "스킵 연결이 있는 ReLU 층 50개는 나선을 학습하고, 스킵 연결이 없으면 같은 가중치로도 우연 수준에 머뭅니다. 가지마다 작게(gain 0.2) 시작합니다. He 크기 그대로의 가지 50개는 분산을 50번 두 배로 키우기 때문이며, Fixup(Zhang 외 2019)도 가지의 크기를 이렇게 줄입니다.",
        },
    },
    Preset {
        id: "dead-relu-timeline",
        query: "view=train&activation=relu&dataset=moons&hidden=32,32,32&learning-rate=3&steps=50&record-every=1",
        contrast: Some("view=train&activation=relu&dataset=moons&hidden=32,32,32&learning-rate=0.03&steps=50&record-every=1"),
        title: Text {
            en: "Dead ReLUs appear within the first steps",
            ko: "죽은 ReLU는 처음 몇 스텝 안에 생긴다",
        },
        claim: Text {
            en: "Recorded at every step at learning rate 3: the share of dead relu units (0 for every training example) jumps from under 10 % at initialisation to over 40 % within 10 steps, as single large steps push units' biases and weights to where no example turns them on; at learning rate 0.03 it stays under 15 %.",
            ko: "학습률 3에서 스텝마다 기록하면, 죽은 relu 유닛(모든 학습 예제에 0을 내는 유닛)의 비율이 초기화 때 10 % 미만에서 10스텝 안에 40 % 넘게 뜁니다. 큰 스텝 하나하나가 유닛의 편향과 가중치를 어떤 예제로도 켜지지 않는 곳으로 밀어내기 때문입니다. 학습률 0.03에서는 15 % 미만에 머뭅니다.",
        },
    },
];
