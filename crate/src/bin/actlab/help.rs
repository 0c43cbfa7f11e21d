//! The usage text, assembled from what is declared elsewhere: each command's usage line and
//! paragraph from its module's `Spec`, the options from the argument parser's table, and the key
//! list from the key table, so a new key or command appears in `--help` without anyone editing
//! this file.

use crate::args::{CLI_FLAGS, WITH_CONFIG};
use crate::command::Command;
use crate::format::Format;
use crate::train;
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
        ValueKind::Text { .. } => "TEXT",
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

fn keys_section(only: Option<Command>) -> String {
    let mut text = String::from(
        "Keys (the same names and checks as the page's URL hash: --x-max 8 is #x-max=8;\n\
         write --KEY VALUE or --KEY=VALUE; a value starting with -- needs the = form):\n",
    );
    let mut defaults = Config::default();
    let training = only == Some(Command::Train);
    if training {
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
        .filter(|key| !training || train::KEYS.contains(&key.name))
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
        text.push_str(&wrap_hanging(&c.synopsis(), 2, 6));
    }
    if command.is_none() {
        text.push_str("  actlab help [COMMAND]    (or actlab COMMAND --help)\n");
    }
    text.push_str("\nCommands:\n");
    for c in &commands {
        text.push_str(&format!("  {}\n", c.name()));
        text.push_str(&wrap(c.about(), 8));
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
                .map(|c| format!("{}: {}", c.name(), Format::join(c.formats(), ", ")))
                .collect();
            about.push_str(&format!(": {}", formats.join("; ")));
        } else if applies.len() < commands.len() {
            about.push_str(&format!(" [{}]", applies.join(", ")));
        }
        text.push_str(&wrap(&about, 8));
    }
    text.push_str("  --help, -h\n        print this text\n");
    text.push_str("  --lang LANG\n");
    text.push_str(&wrap(
        "the language of error sentences, en or ko; without it, Korean when the locale \
         (LC_ALL, else LC_MESSAGES, else LANG) starts with ko",
        8,
    ));
    if commands.iter().any(|c| WITH_CONFIG.contains(c)) {
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
