//! The modules depend downward (#10, "no cycles, small rooms"): the top-level modules of
//! `core/src` and `crate/src` (a folder or a file each; `activation-lab` re-exports the core's
//! under the same names, so one `crate::train` means one module in both), the crates under the
//! core (`formula/`, `error/`: one module each, named as the core re-exports them) and their
//! imports form a graph without a cycle, so every module can stand on a floor above everything it
//! imports. A folder-level circle (`activation/` importing `error/` while `error/` imports
//! `activation/`) fails here even when no two files import each other, and so does a use of a root
//! re-export such as `crate::Config` from inside the crate (lib.rs re-exports upward-facing names
//! for the CLI, tests and benches; inside, it would put the root under the modules it declares).

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fs;
use std::path::Path;

type TestResult = Result<(), Box<dyn Error>>;

/// The workspace's crates under the core, each one module of the graph: its folder, which is also
/// its name in the graph (the core re-exports it as `crate::error`, `crate::activation::formula`),
/// and the name code uses to import it.
const LOWER_CRATES: [(&str, &str); 2] = [
    ("formula", "activation_lab_formula"),
    ("error", "activation_lab_error"),
];

/// The module (first path component, `.rs` dropped) a file under a crate's `src` belongs to.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// The modules a line of code names through `crate::` (or `$crate::` in a macro), grouped
/// imports (`crate::{a, b}`) included; `lib.rs`'s own `pub use x::…` re-exports count as
/// imports of `x`.
fn named_modules(line: &str, in_lib: bool, into: &mut BTreeSet<String>) {
    let ident = |text: &str| -> String {
        text.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in line.match_indices("crate::") {
        let rest = &line[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inside = group.split('}').next().unwrap_or_default();
            into.extend(inside.split(',').map(|name| ident(name.trim())));
        } else {
            into.insert(ident(rest));
        }
    }
    if in_lib {
        if let Some(path) = line.trim().strip_prefix("pub use ") {
            into.insert(ident(path));
        }
    }
    for (module, crate_name) in LOWER_CRATES {
        if line.contains(crate_name) {
            into.insert(module.to_string());
        }
    }
}

/// Each top-level module of one crate's `src` with the names its files reach through `crate::`
/// (its own name included; `both_crates` resolves them).
fn imports(src: &Path) -> Result<BTreeMap<String, BTreeSet<String>>, Box<dyn Error>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pending = vec![src.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            let relative = path.strip_prefix(src)?;
            // The CLI is a crate of its own on top of the library.
            if relative.starts_with("bin") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let module = module_of(relative).ok_or("a file outside any module")?;
            let in_lib = module == "lib";
            let mut named = BTreeSet::new();
            for line in fs::read_to_string(&path)?.lines() {
                if !line.trim_start().starts_with("//") {
                    named_modules(line, in_lib, &mut named);
                }
            }
            named.retain(|name| !name.is_empty());
            graph.entry(module).or_default().extend(named);
        }
    }
    Ok(graph)
}

/// Both crates' modules as one graph. Each crate's root is a module of its own (`lib` above,
/// `core_lib` below); a name that is no module is one of that root's re-exports (`crate::Config`,
/// or the core's exported `named!` macro), and `activation_lab_core::{…}` in lib.rs only hands
/// the core's modules on.
fn both_crates(root: &Path) -> Result<BTreeMap<String, BTreeSet<String>>, Box<dyn Error>> {
    let crates = [
        (imports(&root.join("core/src"))?, "core_lib"),
        (imports(&root.join("crate/src"))?, "lib"),
    ];
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // A lower crate's own modules stay inside its node; its arrows are the other crates it names.
    for (module, _) in LOWER_CRATES {
        let named = imports(&root.join(module).join("src"))?
            .into_values()
            .flatten()
            .filter(|name| name != module && LOWER_CRATES.iter().any(|(m, _)| m == name))
            .collect();
        graph.insert(module.to_string(), named);
    }
    let modules: BTreeSet<String> = crates
        .iter()
        .flat_map(|(graph, _)| graph.keys().cloned())
        .chain(graph.keys().cloned())
        .filter(|module| module != "lib")
        .collect();
    for (imports, root_name) in &crates {
        for (module, named) in imports {
            let module = match module.as_str() {
                "lib" => root_name.to_string(),
                _ => module.clone(),
            };
            let named: BTreeSet<String> = named
                .iter()
                .filter(|name| *name != "activation_lab_core")
                .map(|name| match modules.contains(name) {
                    true => name.clone(),
                    false => root_name.to_string(),
                })
                .filter(|name| *name != module)
                .collect();
            graph.entry(module).or_default().extend(named);
        }
    }
    Ok(graph)
}

/// A cycle in the graph, if any, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

#[test]
fn the_core_modules_import_downward_only() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let graph = both_crates(&root)?;
    // The reader sees it read something: the modules the issue named are there, with the
    // arrows that must exist (the config knows the domains; the error describes a formula's
    // problems; the catalogue holds the typed formula and turns its own answers into errors).
    for module in [
        "activation",
        "config",
        "error",
        "layers",
        "mlp",
        "render",
        "train",
        "views",
    ] {
        assert!(graph.contains_key(module), "{module} not read");
    }
    assert!(graph["config"].contains("train") && graph["error"].contains("formula"));
    assert!(graph["activation"].contains("error") && graph["activation"].contains("formula"));
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "modules import each other in a circle: {}",
            cycle.join(" -> ")
        );
    }
    Ok(())
}

#[test]
fn the_check_finds_a_folder_level_circle() {
    // The graph before this test existed: activation/ named crate::error for one result type,
    // and error/ names activation::formula for its Korean sentences.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    fn add(graph: &mut BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) {
        graph.entry(from.into()).or_default().insert(to.into());
    }
    add(&mut graph, "error", "activation");
    add(&mut graph, "activation", "features");
    assert_eq!(find_cycle(&graph), None);
    add(&mut graph, "activation", "error");
    assert_eq!(
        find_cycle(&graph),
        Some(vec![
            "activation".into(),
            "error".into(),
            "activation".into()
        ])
    );
    // Grouped imports and the root's re-exports are read too.
    let mut named = BTreeSet::new();
    named_modules("use crate::{layers, readout};", false, &mut named);
    named_modules("pub use config::Config;", true, &mut named);
    assert_eq!(
        named,
        BTreeSet::from(["config".into(), "layers".into(), "readout".into()])
    );
}
