//! The chain readout's n has a key of its own (`chain-depth`, 1..=100, as the README says),
//! so the curves view is not held to the layers view's memory budget; `depth` keeps meaning
//! the network's hidden layers, and the readout follows it until `chain-depth` is set, so old
//! links (`#depth=20`) open to the same n.
//!
//! Expected chains are closed forms: σ'(0) = 1/4, tanh'(0) = 1, relu'(1) = 1.

use activation_lab::readout::at_cursor;
use activation_lab::view::View;
use activation_lab::Config;
use std::error::Error;

type TestResult = Result<(), Box<dyn Error>>;

/// The readout's n and f'(at)^n for the first selected activation.
fn chain(query: &str) -> Result<(usize, f64), Box<dyn Error>> {
    let config = Config::parse(query)?;
    let first = at_cursor(&config)?.remove(0);
    Ok((first.depth, first.chain))
}

#[test]
fn the_curves_view_takes_a_chain_of_thirty_layers() -> TestResult {
    // index.html#depth=30: the default view is curves, which builds no network, so the memory
    // budget (1000 × 500 × 30 > 12 M) does not apply. It used to refuse this link.
    let config = Config::parse("depth=30")?;
    assert_eq!(config.view, View::Curves);
    assert_eq!(config.to_query(), "depth=30");
    // sigmoid'(0)^30 = 4^−30.
    assert_eq!(chain("depth=30")?, (30, 0.25f64.powi(30)));
    Ok(())
}

#[test]
fn the_chain_reaches_one_hundred_layers() -> TestResult {
    assert_eq!(chain("chain-depth=100")?, (100, 0.25f64.powi(100)));
    assert_eq!(chain("activation=relu&at=1&chain-depth=100")?, (100, 1.0));
    let error = Config::parse("chain-depth=101")
        .err()
        .ok_or("chain-depth=101 parsed")?;
    assert_eq!(
        error.to_string(),
        "chain-depth must be an integer in 1..=100, got 101"
    );
    Ok(())
}

#[test]
fn old_links_keep_their_chain_through_depth() -> TestResult {
    // Before chain-depth existed, `depth` set the readout's n: such a link opens to the same n,
    // and its canonical query is unchanged.
    let config = Config::parse("activation=tanh&depth=20")?;
    assert_eq!(config.chain_depth(), 20);
    assert_eq!(config.get("chain-depth")?, "20");
    assert_eq!(config.to_query(), "activation=tanh&depth=20");
    assert_eq!(chain("activation=tanh&depth=20")?, (20, 1.0));
    // Once set, chain-depth is independent of the network's depth, in both directions.
    let config = Config::parse("chain-depth=50&depth=3")?;
    assert_eq!((config.chain_depth(), config.depth), (50, 3));
    assert_eq!(config.to_query(), "chain-depth=50&depth=3");
    assert_eq!(Config::parse(&config.to_query())?, config);
    Ok(())
}

#[test]
fn the_budget_applies_where_a_network_is_built() -> TestResult {
    let mut config = Config::parse("depth=30")?;
    // Switching to the layers view would build it: refused, and the state stays as it was.
    let error = config
        .set("view", "layers")
        .err()
        .ok_or("the layers view took 1000 × 500 × 30")?;
    assert_eq!(
        error.to_string(),
        "batch × width × depth = 1000 × 500 × 30 = 15000000 values is over the memory budget of \
         12000000 (about 150 MB): lower batch, width or depth"
    );
    assert_eq!(config.view, View::Curves);
    // A smaller batch fits, and then the view switches.
    config.set("batch", "500")?;
    config.set("view", "layers")?;
    assert_eq!(config.to_query(), "view=layers&depth=30&batch=500");
    // The chain readout is never held to it.
    let config = Config::parse("chain-depth=100&batch=4096&width=1024&depth=64")?;
    assert_eq!(config.chain_depth(), 100);
    Ok(())
}
