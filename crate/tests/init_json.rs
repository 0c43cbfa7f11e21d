//! An initialiser's JSON: written internally tagged (`{"name": "normal", "std": 0.01}`, what the
//! CLI prints and the page's workers send), read back as one flat object.

use activation_lab::init::Init;
use serde_json::json;

fn every_init() -> [Init; 10] {
    [
        Init::Zeros,
        Init::Constant { value: 0.5 },
        Init::Normal { std: 0.01 },
        Init::Uniform { limit: 0.2 },
        Init::XavierNormal { gain: 1.0 },
        Init::XavierUniform { gain: 5.0 / 3.0 },
        Init::KaimingNormal {
            gain: std::f64::consts::SQRT_2,
        },
        Init::KaimingUniform { gain: 2.0 },
        Init::LecunNormal { gain: 1.0 },
        Init::Orthogonal { gain: 0.5 },
    ]
}

#[test]
fn every_initialiser_reads_back_what_it_writes() -> Result<(), serde_json::Error> {
    for init in every_init() {
        let text = serde_json::to_string(&init)?;
        assert_eq!(serde_json::from_str::<Init>(&text)?, init, "{text}");
    }
    Ok(())
}

#[test]
fn the_written_form_is_tagged_by_name() -> Result<(), serde_json::Error> {
    let written = serde_json::to_value(Init::XavierUniform { gain: 2.0 })?;
    assert_eq!(written, json!({"name": "xavier_uniform", "gain": 2.0}));
    assert_eq!(serde_json::to_value(Init::Zeros)?, json!({"name": "zeros"}));
    Ok(())
}

#[test]
fn an_unknown_name_or_a_missing_parameter_is_an_error_that_says_so() {
    let unknown = serde_json::from_value::<Init>(json!({"name": "glorot", "gain": 1.0}));
    assert!(unknown.is_err_and(|e| e.to_string().contains("unknown initialiser \"glorot\"")));
    let missing = serde_json::from_value::<Init>(json!({"name": "normal"}));
    assert!(missing.is_err_and(|e| e.to_string().contains("normal needs std")));
    let no_name = serde_json::from_value::<Init>(json!({"std": 0.1}));
    assert!(no_name.is_err());
}
