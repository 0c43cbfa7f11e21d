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
    /// The lesson in a few words, in English and Korean.
    pub title: Text,
    /// What a learner should see, and where the figures it quotes come from.
    pub claim: Text,
}

/// The five lessons of issue #4, in the order the page shows them.
pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "relu-fastest",
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
];
