//! The usage text. The key list is generated from the key table, so a new key appears in
//! `--help` with its help line, bounds and default without anyone editing this file.

use crate::args::CLI_FLAGS;
use crate::Command;
use activation_lab::config::{ValueKind, KEYS};
use activation_lab::Config;

/// Help lines wrap at this many characters.
const WIDTH: usize = 100;

/// The placeholder after a key's flag.
fn metavar(kind: &ValueKind) -> &'static str {
    match kind {
        ValueKind::Number { .. } => "X",
        ValueKind::Integer { .. } => "N",
        ValueKind::Bool => "true|false",
        ValueKind::Names { max_count: 1, .. } => "NAME",
        ValueKind::Names { .. } => "NAME[,NAME...]",
        ValueKind::NumberList { .. } => "X[,X...]",
        ValueKind::IntegerList { .. } => "N[,N...]",
    }
}

/// Splits on whitespace, but keeps a bracketed group (`[--out FILE]`) together.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut depth = 0i32;
    for token in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if depth > 0 => {
                last.push(' ');
                last.push_str(token);
            }
            _ => words.push(token.to_string()),
        }
        depth += token.matches('[').count() as i32 - token.matches(']').count() as i32;
    }
    words
}

/// Word-wraps `text` to [`WIDTH`]: the first line indented by `first` spaces, the rest by `rest`.
fn wrap_hanging(text: &str, first: usize, rest: usize) -> String {
    let mut lines: Vec<String> = vec![" ".repeat(first)];
    for word in words(text) {
        let indent = if lines.len() == 1 { first } else { rest };
        let line = lines.last_mut().map(|l| (l.chars().count(), l));
        match line {
            Some((length, line))
                if length == indent || length + 1 + word.chars().count() <= WIDTH =>
            {
                if length > indent {
                    line.push(' ');
                }
                line.push_str(&word);
            }
            _ => lines.push(format!("{}{word}", " ".repeat(rest))),
        }
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Word-wraps `text` to [`WIDTH`], every line indented by `indent` spaces.
fn wrap(text: &str, indent: usize) -> String {
    wrap_hanging(text, indent, indent)
}

fn synopsis(command: Command) -> &'static str {
    match command {
        Command::Curve => {
            "actlab curve [--config FILE.json] [--KEY VALUE ...] [--x=X1,X2,...] \
             [--format json|csv|svg] [--out FILE]"
        }
        Command::Softmax => {
            "actlab softmax [--config FILE.json] [--logits Z1,Z2,...] [--temperature T] \
             [--target K] [--format json] [--out FILE]"
        }
        Command::Layers => {
            "actlab layers [--config FILE.json] [--KEY VALUE ...] [--format json|svg] [--out FILE]"
        }
        Command::Train => {
            "actlab train [--config FILE.json] [--KEY VALUE ...] [--format json|csv|svg] \
             [--out FILE]"
        }
        Command::List => "actlab list [--format json|text] [--out FILE]",
        Command::Keys => "actlab keys [--format json|text] [--out FILE]",
    }
}

fn description(command: Command) -> &'static str {
    match command {
        Command::Curve => {
            "Samples f(x), the exact f'(x) and, with --second-derivative true, f''(x) of \
             each --activation over the x-min..x-max grid of --points values, or at the \
             points of --x. json prints {\"activation\", \"params\", \"x\", \"y\", \"dy\"} \
             (+ \"d2y\") for one activation and a JSON array of such objects for several; \
             params are the resolved parameters, e.g. {\"negative-slope\": 0.01}. csv \
             prints the header activation,x,y,dy (+ ,d2y) and one row per point. svg draws \
             the page's chart (900×560) into --out, with the crosshair only when --at is \
             given. Numbers are printed at full f64 precision."
        }
        Command::Softmax => {
            "Prints the softmax view's numbers as JSON: logits, temperature, target, \
             probabilities, jacobian (∂p_i/∂z_j, row-major), loss (cross-entropy \
             −log p_target) and gradient (∂loss/∂z = (p − y)/T)."
        }
        Command::Layers => {
            "Builds the network the keys describe (--depth hidden layers of --width units, \
             weights from --init, a --batch of inputs, all drawn from --seed), runs one \
             forward and backward pass, and reports every hidden layer. The network uses the \
             first --activation, as the page's layers view does. json prints {\"config\", \
             \"layers\", \"loss\", \"overflow_at\", \"variance_preserving_gain\"}: config \
             holds the resolved settings under their key names (activation and its \
             parameters, init and its parameter, depth, width, batch, input, bias, residual, \
             norm, seed), so it is also a --config file that repeats the run; each layer has \
             index (1 = first hidden layer), mean, std, frac_saturated, frac_zero, \
             mean_derivative, pre_mean, pre_std, delta_std, grad_weight_norm, \
             distinct_neurons, theory_variance (the mean-field Var(z); null with residual or \
             norm) and histogram, pre_histogram and delta_histogram as {\"edges\", \
             \"counts\"}. If values stop being finite, overflow_at names that layer, layers \
             lists those before it, loss is null, and the exit status is still 0. svg draws \
             the page's layers view (1200×900) into --out, with the panel --histograms \
             selects."
        }
        Command::Train => {
            "Trains the network the keys describe (--hidden units per layer, each --activation \
             in every hidden layer or one per layer from --layer-activations, weights from \
             --init) on --dataset with --optimizer for --steps steps, recording every \
             --record-every steps; several activations race on the same data and seed. The \
             output head follows the task: sigmoid + binary cross-entropy, softmax + \
             cross-entropy (--classes 3..=5 on spiral or gaussians), linear + mean squared \
             error (sine). json prints {\"config\", \"label\", \"head\", \"parameters\", \
             \"steps\", \"train_loss\", \"test_loss\", \"train_accuracy\", \
             \"test_accuracy\", \"grad_norms\", \"dead_fraction\", \"learned\", \
             \"steps_to_target\", \"diverged_at\", \"divergence\"} for one run and \
             {\"config\", \"runs\": [...]} for a race: one entry per record in each list, \
             grad_norms and dead_fraction per layer (hidden layers, then the output layer for \
             the gradients), learned as {\"layer1.slope\": [...]}, accuracies null for \
             regression, steps_to_target the first recorded step at or under --target-loss. \
             csv prints one row per run and record (run,step,train_loss,test_loss,\
             train_accuracy,test_accuracy,grad_norm_1...,dead_1...). svg draws the page's \
             training view (1400×1000) into --out: each run's decision surface, then loss, \
             accuracy, gradient flow, dead units and learned parameters. Divergence (the loss \
             becoming NaN or infinite) stops that run and is a result: diverged_at and the \
             divergence sentence in the JSON, the sentence on stderr as a note otherwise, and \
             the exit status is still 0. The same seed gives the same bytes."
        }
        Command::List => {
            "Lists the catalogue: name, summary, formulas {f, df}, params [{key, default}] \
             and the properties at default parameters (null for softmax, which has no \
             scalar curve)."
        }
        Command::Keys => {
            "Lists the configuration keys (the same in the page's URL hash, widget \
             attributes, these flags and --config files): name, help, type and bounds, \
             default."
        }
    }
}

/// The keys that shape a training run, listed by `actlab train --help` (in key-table order);
/// the others are accepted too, as everywhere, but do not change the run.
const TRAIN_KEYS: [&str; 29] = [
    "activation",
    "negative-slope",
    "alpha",
    "beta",
    "cap",
    "hinges",
    "a",
    "b",
    "init",
    "std",
    "value",
    "limit",
    "gain",
    "seed",
    "dataset",
    "classes",
    "samples",
    "noise",
    "test-fraction",
    "hidden",
    "layer-activations",
    "learned",
    "optimizer",
    "learning-rate",
    "batch-size",
    "weight-decay",
    "steps",
    "record-every",
    "target-loss",
];

fn keys_section(only: Option<Command>) -> String {
    let mut text = String::from(
        "Keys (the same names and checks as the page's URL hash: --x-max 8 is #x-max=8;\n\
         write --KEY VALUE or --KEY=VALUE; a value starting with -- needs the = form):\n",
    );
    let mut defaults = Config::default();
    let train = only == Some(Command::Train);
    if train {
        text = String::from(
            "Keys of a training run (the same names and checks as the page's URL hash:\n\
             --learning-rate 0.1 is #view=train&learning-rate=0.1; every other key is accepted\n\
             too, as in the other commands, but does not change the run):\n",
        );
        // The training view has its own defaults (the initialiser).
        defaults.view = activation_lab::config::View::Train;
    }
    for key in KEYS
        .iter()
        .filter(|key| !train || TRAIN_KEYS.contains(&key.name))
    {
        text.push_str(&format!("  --{} {}\n", key.name, metavar(&key.kind)));
        text.push_str(&wrap(key.help, 8));
        // The value in effect (an unset chain-depth is depth's); "per activation" where each
        // selected activation has its own.
        let default = defaults
            .get(key.name)
            .ok()
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| "per activation".into());
        let mut about = format!("{}; default {default}", key.kind.describe());
        if let ValueKind::Names {
            choices, max_count, ..
        } = key.kind
        {
            if max_count > 1 {
                about.push_str(&format!("; names: {}", choices.names().join(", ")));
            }
        }
        text.push_str(&wrap(&about, 8));
    }
    text
}

/// The usage text: every command, or one command in detail.
pub fn usage(command: Option<Command>) -> String {
    let commands: Vec<Command> = command.map_or(Command::ALL.to_vec(), |c| vec![c]);
    let mut text = String::from(
        "actlab: Activation Lab on the command line \
         (activation functions, exact derivatives, charts)\n\nUsage:\n",
    );
    for c in &commands {
        text.push_str(&wrap_hanging(synopsis(*c), 2, 6));
    }
    if command.is_none() {
        text.push_str("  actlab help [COMMAND]    (or actlab COMMAND --help)\n");
    }
    text.push_str("\nCommands:\n");
    for c in &commands {
        text.push_str(&format!("  {}\n", c.name()));
        text.push_str(&wrap(description(*c), 8));
    }
    text.push_str("\nOptions:\n");
    for (name, placeholder, help, takers) in CLI_FLAGS {
        let applies: Vec<&str> = takers
            .iter()
            .filter(|c| commands.contains(c))
            .map(|c| c.name())
            .collect();
        if applies.is_empty() {
            continue;
        }
        text.push_str(&format!("  --{name} {placeholder}\n"));
        let mut about = help.to_string();
        if name == "format" {
            let formats: Vec<String> = commands
                .iter()
                .map(|c| format!("{}: {}", c.name(), c.formats().join(", ")))
                .collect();
            about.push_str(&format!(": {}", formats.join("; ")));
        } else if applies.len() < commands.len() {
            about.push_str(&format!(" [{}]", applies.join(", ")));
        }
        text.push_str(&wrap(&about, 8));
    }
    text.push_str("  --help, -h\n        print this text\n");
    if commands.iter().any(|c| {
        matches!(
            c,
            Command::Curve | Command::Softmax | Command::Layers | Command::Train
        )
    }) {
        text.push('\n');
        text.push_str(&keys_section(command));
    }
    text.push_str(
        "\nExamples:\n  actlab curve --activation sigmoid --x=0\n  \
         actlab curve --activation leaky_relu,elu --negative-slope 0.1 --format csv\n  \
         actlab curve --activation tanh,relu --at 1.5 --format svg --out curves.svg\n  \
         actlab softmax --logits 2,1,0.1 --target 0\n  \
         actlab layers --activation tanh --init normal --std 0.01 --depth 10 --width 500 \
         --batch 1000\n  \
         actlab layers --activation relu --init kaiming_normal --format svg --out layers.svg\n  \
         actlab train --dataset spiral --classes 3 --hidden 16,16 --activation relu \
         --optimizer adam --learning-rate 0.01 --steps 2000 --seed 1\n  \
         actlab train --dataset xor --activation relu,tanh,sigmoid --steps 3000 --format svg \
         --out race.svg\n\
         \nExit status: 0 on success; 2 for bad input, with one sentence on stderr \
         after \"actlab: \";\n1 when the output cannot be written.\n",
    );
    text
}
