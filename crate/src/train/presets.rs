//! The training lessons, each one query: the page's preset buttons load them and
//! `tests/train_lessons.rs` asserts each one's outcome with the same query and seed.

use serde::Serialize;

/// One lesson: what to run, and what it shows, with the figure it quotes attributed.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Preset {
    /// A stable identifier (the page's string keys and the tests use it).
    pub id: &'static str,
    /// The config, as a query.
    pub query: &'static str,
    /// The lesson in a few words.
    pub title: &'static str,
    /// What a learner should see, and where the figures it quotes come from.
    pub claim: &'static str,
}

/// The five lessons of issue #4, in the order the page shows them.
pub const PRESETS: [Preset; 5] = [
    Preset {
        id: "relu-fastest",
        query: "view=train&activation=relu,tanh,sigmoid&learning-rate=0.03&steps=3000",
        title: "ReLU trains faster than tanh and sigmoid",
        claim: "Same data, seed and learning rate: relu reaches the target loss first, tanh later, and sigmoid (f′ ≤ 0.25) barely moves. Krizhevsky et al. (2012) report a 6× speed-up of ReLU over tanh for a CNN on CIFAR-10; the factor here depends on the task and the learning rate.",
    },
    Preset {
        id: "dead-relu",
        query: "view=train&activation=relu,leaky_relu,prelu&dataset=moons&hidden=32,32,32&learned=per-unit&learning-rate=1",
        title: "A large learning rate kills ReLUs",
        claim: "At learning rate 1, many relu units end up outputting 0 for every example, and a dead unit gets no gradient to recover; leaky_relu and prelu keep a slope for x < 0 and stay alive. Reported shares of dead ReLUs range from 10–20 % to 40–50 % (the CS231n notes warn of up to 40 % at a high learning rate).",
    },
    Preset {
        id: "linear-xor",
        query: "view=train&activation=identity,relu&dataset=xor&learning-rate=0.03&steps=2000",
        title: "Without an activation, depth adds nothing",
        claim: "Stacked linear layers are one linear map, so identity draws a straight boundary and stays near a linear model's accuracy on xor; relu bends the boundary and fits it.",
    },
    Preset {
        id: "learned-activations",
        query: "view=train&activation=prelu,swish&dataset=spiral&hidden=16,16&optimizer=adam&learning-rate=0.01&steps=2000",
        title: "PReLU's slope and Swish's β are learned",
        claim: "The negative slope of prelu (He et al. 2015) and the β of swish (Ramachandran et al. 2017) are trained with the weights: watch them leave 0.25 and 1 in the learned-parameters chart.",
    },
    Preset {
        id: "spiral-softmax",
        query: "view=train&activation=relu&dataset=spiral&classes=3&hidden=16,16&optimizer=adam&learning-rate=0.01&steps=2000",
        title: "Softmax separates a 3-class spiral",
        claim: "The CS231n spiral: three interleaved arms no line can separate. A small relu network with a softmax + cross-entropy head classifies over 95 % of the training points.",
    },
];
