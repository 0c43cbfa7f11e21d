//! The domain words: every name of every enum parses back to its value (in any ASCII case), an
//! unknown name is an error that lists the valid ones, and the config offers exactly these
//! names for the key that takes them.

use activation_lab::config::{ValueKind, View, KEYS};
use activation_lab::init::Scheme;
use activation_lab::input::Input;
use activation_lab::layers::HistogramSource;
use activation_lab::names::{Named, UnknownName};
use activation_lab::norm::Norm;
use activation_lab::train::dataset::Dataset;
use activation_lab::train::learned::Learned;
use activation_lab::train::optimizer::Optimizer;
use activation_lab::{Config, Kind};
use std::error::Error;
use std::fmt::Debug;
use std::str::FromStr;

type TestResult = Result<(), Box<dyn Error>>;

/// `name()` → `FromStr` is the identity for every value, upper case parses too, `Display` is the
/// name, and the names are distinct.
fn round_trips<T>() -> TestResult
where
    T: Named + FromStr<Err = UnknownName> + PartialEq + Debug + std::fmt::Display,
{
    let names = T::names();
    for &value in T::ALL {
        assert_eq!(value.name().parse::<T>(), Ok(value), "{value:?}");
        assert_eq!(value.name().to_uppercase().parse::<T>(), Ok(value));
        assert_eq!(value.to_string(), value.name());
        let count = names.iter().filter(|n| **n == value.name()).count();
        assert_eq!(count, 1, "{} is listed {count} times", value.name());
    }
    let unknown = "no-such-name"
        .parse::<T>()
        .err()
        .ok_or("an unknown name parsed")?;
    assert_eq!(unknown.value, "no-such-name");
    assert_eq!(unknown.valid, names.join(", "));
    Ok(())
}

#[test]
fn every_domain_word_round_trips_through_its_name() -> TestResult {
    round_trips::<View>()?;
    round_trips::<Scheme>()?;
    round_trips::<Input>()?;
    round_trips::<Norm>()?;
    round_trips::<HistogramSource>()?;
    round_trips::<Dataset>()?;
    round_trips::<Learned>()?;
    round_trips::<Optimizer>()
}

#[test]
fn the_names_are_the_ones_links_already_use() {
    // Permalinks carry these names: they must never change.
    let names = |list: Vec<&str>| list.join(",");
    assert_eq!(names(View::names()), "curves,softmax,layers,train,phase");
    assert_eq!(
        names(Scheme::names()),
        "zeros,constant,normal,uniform,xavier_normal,xavier_uniform,kaiming_normal,\
         kaiming_uniform,lecun_normal,orthogonal"
    );
    assert_eq!(names(Input::names()), "normal,uniform");
    assert_eq!(names(Norm::names()), "none,batch,layer");
    assert_eq!(
        names(HistogramSource::names()),
        "activations,pre-activations,deltas"
    );
    assert_eq!(
        names(Dataset::names()),
        "xor,circles,gaussians,moons,spiral,sine"
    );
    assert_eq!(names(Learned::names()), "per-layer,per-unit,none");
    assert_eq!(names(Optimizer::names()), "sgd,momentum,adam");
}

/// The choices the key table offers for `key`.
fn choices(key: &str) -> Result<Vec<&'static str>, Box<dyn Error>> {
    match Config::key(key)?.kind {
        ValueKind::Names { choices, .. } => Ok(choices.names()),
        other => Err(format!("{key} is {other:?}, not names").into()),
    }
}

#[test]
fn each_key_offers_its_domain_word_s_names() -> TestResult {
    assert_eq!(choices("view")?, View::names());
    assert_eq!(choices("init")?, Scheme::names());
    assert_eq!(choices("input")?, Input::names());
    assert_eq!(choices("norm")?, Norm::names());
    assert_eq!(choices("histograms")?, HistogramSource::names());
    assert_eq!(choices("dataset")?, Dataset::names());
    assert_eq!(choices("learned")?, Learned::names());
    assert_eq!(choices("optimizer")?, Optimizer::names());
    Ok(())
}

#[test]
fn activation_keys_offer_the_whole_catalogue() -> TestResult {
    // Both keys list every kind the catalogue has, so a new activation needs no config edit.
    // And `custom`, a typed formula (issue #15), which is not a catalogue file.
    let mut catalogue: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    catalogue.push("custom");
    assert_eq!(choices("activation")?, catalogue);
    assert_eq!(choices("layer-activations")?, catalogue);
    // Every catalogue name parses in both keys.
    for kind in Kind::ALL.into_iter().filter(|k| k.is_scalar()) {
        let config = Config::parse(&format!("activation={}", kind.name()))?;
        assert_eq!(config.activations, [kind]);
        let config = Config::parse(&format!("hidden=4&layer-activations={}", kind.name()))?;
        assert_eq!(config.layer_activations, [kind]);
    }
    Ok(())
}

#[test]
fn aliases_work_in_every_key_that_takes_activation_names() -> TestResult {
    for (alias, kind) in Kind::ALIASES {
        let config = Config::parse(&format!("activation={alias}"))?;
        assert_eq!(config.activations, [kind]);
        let config = Config::parse(&format!("hidden=4,4&layer-activations={alias},relu"))?;
        assert_eq!(config.layer_activations, [kind, Kind::Relu]);
        assert_eq!(
            config.to_query(),
            format!("hidden=4,4&layer-activations={},relu", kind.name())
        );
    }
    // One per layer may repeat, through an alias too; a set of curves may not.
    let config = Config::parse("hidden=4,4&layer-activations=silu,swish")?;
    assert_eq!(config.layer_activations, [Kind::Swish, Kind::Swish]);
    Ok(())
}

#[test]
fn names_in_a_link_are_read_in_any_case_and_written_canonically() -> TestResult {
    let config = Config::parse("view=Layers&init=Kaiming_Normal&norm=BATCH&activation=ReLU,Tanh")?;
    assert_eq!(config.view, View::Layers);
    assert_eq!(config.init, Some(Scheme::KaimingNormal));
    assert_eq!(config.norm, Norm::Batch);
    assert_eq!(config.activations, [Kind::Relu, Kind::Tanh]);
    assert_eq!(
        config.to_query(),
        "view=layers&activation=relu,tanh&init=kaiming_normal&norm=batch"
    );
    Ok(())
}

#[test]
fn an_unknown_optimizer_is_an_error_not_sgd() {
    let error = Config::parse("view=train&optimizer=rmsprop").err();
    assert_eq!(
        error.map(|e| (e.to_string(), e.code())),
        Some((
            "unknown optimizer \"rmsprop\" (expected one of: sgd, momentum, adam)".to_string(),
            "unknown-name"
        ))
    );
}

#[test]
fn the_config_stores_the_words_not_their_names() -> TestResult {
    let config = Config::parse(
        "view=train&input=uniform&histograms=deltas&dataset=spiral&learned=none&optimizer=adam",
    )?;
    assert_eq!(
        (
            config.view,
            config.input,
            config.histograms,
            config.dataset,
            config.learned,
            config.optimizer
        ),
        (
            View::Train,
            Input::Uniform,
            HistogramSource::Deltas,
            Dataset::Spiral,
            Learned::None,
            Optimizer::Adam
        )
    );
    let spec = config.train_specs()?.remove(0);
    assert_eq!(
        (spec.optimizer, spec.learned, spec.dataset.dataset),
        (Optimizer::Adam, None, Dataset::Spiral)
    );
    // Every key of the table is spelled the same in the canonical query as in the table.
    assert!(KEYS.iter().all(|k| k.name == k.name.to_lowercase()));
    Ok(())
}

#[test]
fn every_offered_name_round_trips_through_a_link() -> TestResult {
    // Each single-name key, set to each name it offers, reads back and writes back that name,
    // and the canonical query opens to the same config.
    for key in KEYS.iter() {
        let ValueKind::Names {
            choices,
            max_count: 1,
            ..
        } = key.kind
        else {
            continue;
        };
        for name in choices.names() {
            // classes need not fit here: every dataset takes the default two.
            let config = Config::parse(&format!("{}={name}", key.name))?;
            assert_eq!(config.get(key.name)?, name, "{}={name}", key.name);
            assert_eq!(
                Config::parse(&config.to_query())?,
                config,
                "{}={name}",
                key.name
            );
        }
    }
    Ok(())
}
