//! The layers network's numbers (weights, biases, input) from its seed: drawn one by one, or from
//! the thread's kept normal draws.
//!
//! With a normal initialiser and a normal input, every number [`Network::new`] draws (the weights
//! layer by layer, the biases when `bias_std` > 0, then the input) is one standard-normal draw
//! scaled in f32: `Normal::<f32>::from_zscore(z)`, which is what `Normal::<f32>::sample`
//! computes. So the network can be built from a run of the seed's z-scores that the thread keeps
//! between passes ([`with_standard_normals`]): a slider dragged at the cs231n size redraws 2.5 M
//! weights per pass otherwise. The values are the ones drawing them one by one gives, bit for
//! bit (tested below against [`Network::drawn`]).
//!
//! The weights are drawn in f32 (σ rounded to f32, then σ·z in f32), where a trained network's
//! are drawn in f64 and rounded ([`Init::fill`](crate::init::Init::fill)): each weight is then
//! within four ulp of that (tested below), and the build reads 4 bytes a weight instead of 8 (in Chromium,
//! the cs231n network built in about half the time: the preview's largest share).

use super::network::{Network, NetworkSpec};
use super::{drawn_by, AppendWeights, Mlp, Shape};
use crate::error::{Error, InitScale};
use crate::random::{with_standard_normals, SeededRng};
use rand::SeedableRng;
use rand_distr::{Distribution, Normal, Uniform};

impl Network {
    /// Draws weights, biases and then inputs from the seed: from the thread's kept run of the
    /// seed's normal draws when every one of them is normal (this module), one by one
    /// otherwise. Both give the same values, bit for bit.
    pub fn new(spec: NetworkSpec) -> Result<Network, Error> {
        match normal_count(&spec)? {
            Some(count) => with_standard_normals(spec.seed, count, |z| from_zscores(spec, z)),
            None => Network::drawn(spec),
        }
    }

    /// [`Network::new`] drawing every value from a fresh generator.
    pub(super) fn drawn(spec: NetworkSpec) -> Result<Network, Error> {
        let mut rng = SeededRng::seed_from_u64(spec.seed);
        let w = spec.width;
        let mut mlp = match weight_normal(&spec)? {
            Some(normal) => layers(&spec, &mut |params, fan_in, fan_out| {
                params.extend((0..fan_in * fan_out).map(|_| normal.sample(&mut rng)));
                Ok(())
            })?,
            None => layers(&spec, &mut drawn_by(spec.init, &mut rng))?,
        };
        // The biases before the input, so the network does not depend on the batch size: a
        // batch of k samples is the first k of any larger batch, through the same weights and
        // biases (the layers view's preview on a few samples relies on it).
        if spec.bias_std > 0.0 {
            let normal =
                Normal::new(0.0f32, spec.bias_std as f32).map_err(|e| Error::Internal {
                    detail: e.to_string(),
                })?;
            for l in 0..mlp.layers.len() {
                let start = mlp.layers[l].biases;
                let end = start + mlp.layers[l].fan_out;
                mlp.params[start..end]
                    .iter_mut()
                    .for_each(|b| *b += normal.sample(&mut rng));
            }
        }
        let mut input = vec![0.0f32; spec.batch * w];
        if spec.uniform_input {
            let uniform = Uniform::new_inclusive(-1.0f32, 1.0).map_err(|e| Error::Internal {
                detail: e.to_string(),
            })?;
            input.iter_mut().for_each(|x| *x = uniform.sample(&mut rng));
        } else {
            let normal = Normal::new(0.0f32, 1.0).map_err(|e| Error::Internal {
                detail: e.to_string(),
            })?;
            input.iter_mut().for_each(|x| *x = normal.sample(&mut rng));
        }
        Ok(Network { spec, mlp, input })
    }
}

/// The distribution of each weight of the network, for a normal initialiser: σ as the
/// initialiser gives it for the width, rounded to f32 (module doc).
fn weight_normal(spec: &NetworkSpec) -> Result<Option<Normal<f32>>, Error> {
    let not_finite = || Error::InitNotFinite {
        scale: InitScale::Std,
    };
    match spec.init.normal(spec.width, spec.width)? {
        Some(normal) => Normal::new(0.0f32, normal.std_dev() as f32)
            .map(Some)
            .map_err(|_| not_finite()),
        None => Ok(None),
    }
}

/// How many standard-normal draws the network and its input take, or `None` when some are not
/// normal (a uniform or orthogonal initialiser, a uniform input) or the count overflows (such a
/// network is refused by its memory budget before it is drawn; counted wrong, it would be built
/// from too few draws).
pub(super) fn normal_count(spec: &NetworkSpec) -> Result<Option<usize>, Error> {
    let w = spec.width;
    if spec.uniform_input || spec.init.normal(w, w)?.is_none() {
        return Ok(None);
    }
    let biases = if spec.bias_std > 0.0 { w } else { 0 };
    let per_layer = w
        .checked_mul(w)
        .and_then(|weights| weights.checked_add(biases));
    let layers = per_layer.and_then(|n| n.checked_mul(spec.depth));
    let input = spec.batch.checked_mul(w);
    Ok(layers
        .zip(input)
        .and_then(|(layers, input)| layers.checked_add(input)))
}

/// The spec's layers (skips and normalisation included), each layer's weights appended by
/// `append` (as [`Mlp::with_weights`] says).
fn layers(spec: &NetworkSpec, append: &mut AppendWeights) -> Result<Mlp, Error> {
    let w = spec.width;
    let mut mlp = Mlp::with_weights(
        Shape {
            widths: &vec![w; spec.depth + 1],
            activations: &vec![spec.activation.clone(); spec.depth],
            learn_per_unit: None,
            bias: spec.bias as f32,
        },
        append,
    )?;
    mlp.residual = spec.residual;
    mlp.norm = spec.norm;
    Ok(mlp)
}

/// [`Network::new`] from the seed's first standard-normal draws `z`, exactly as many as
/// [`normal_count`] says.
fn from_zscores(spec: NetworkSpec, z: &[f32]) -> Result<Network, Error> {
    let internal = |e: rand_distr::NormalError| Error::Internal {
        detail: e.to_string(),
    };
    let weight = weight_normal(&spec)?.ok_or_else(|| Error::Internal {
        detail: "a normal network without a normal initialiser".into(),
    })?;
    let bias = Normal::new(0.0f32, spec.bias_std as f32).map_err(internal)?;
    let unit = Normal::new(0.0f32, 1.0).map_err(internal)?;
    let mut draws = z;
    let mut mlp = layers(&spec, &mut |params, fan_in, fan_out| {
        let (these, rest) =
            draws
                .split_at_checked(fan_in * fan_out)
                .ok_or_else(|| Error::Internal {
                    detail: "fewer normal draws than weights".into(),
                })?;
        params.extend(these.iter().map(|z| weight.from_zscore(*z)));
        draws = rest;
        Ok(())
    })?;
    let mut z = draws.iter();
    if spec.bias_std > 0.0 {
        for l in 0..mlp.layers.len() {
            let (_, biases) = mlp.weights_and_biases_mut(l);
            for (b, z) in biases.iter_mut().zip(&mut z) {
                *b += bias.from_zscore(*z);
            }
        }
    }
    let input: Vec<f32> = z.map(|z| unit.from_zscore(*z)).collect();
    Ok(Network { spec, mlp, input })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;
    use crate::init::Init;
    use crate::mlp::network::Norm;

    fn spec(init: Init, bias_std: f64, uniform_input: bool) -> NetworkSpec {
        NetworkSpec {
            activation: Activation::Tanh,
            init,
            depth: 3,
            width: 7,
            batch: 5,
            uniform_input,
            bias: 0.25,
            bias_std,
            residual: true,
            norm: Norm::Layer,
            seed: 11,
        }
    }

    #[test]
    fn kept_draws_build_the_network_drawing_builds() -> Result<(), Error> {
        let normal = [
            Init::Normal { std: 0.3 },
            Init::XavierNormal { gain: 1.0 },
            Init::KaimingNormal { gain: 2f64.sqrt() },
            Init::LecunNormal { gain: 1.0 },
        ];
        for init in normal {
            for bias_std in [0.0, 0.5] {
                let spec = spec(init, bias_std, false);
                assert!(normal_count(&spec)?.is_some(), "{init:?}");
                let (kept, drawn) = (Network::new(spec.clone())?, Network::drawn(spec)?);
                assert_eq!(kept.mlp.params, drawn.mlp.params, "{init:?} {bias_std}");
                assert_eq!(kept.input, drawn.input, "{init:?} {bias_std}");
                assert_eq!(kept.mlp.residual, drawn.mlp.residual);
            }
        }
        // A count past usize is drawn one by one, never from too few draws.
        let mut huge = spec(Init::XavierNormal { gain: 1.0 }, 0.0, false);
        huge.width = usize::MAX / 2;
        assert_eq!(normal_count(&huge)?, None);
        // Everything else is drawn one by one.
        for (init, uniform_input) in [
            (Init::XavierUniform { gain: 1.0 }, false),
            (Init::Orthogonal { gain: 1.0 }, false),
            (Init::Zeros, false),
            (Init::XavierNormal { gain: 1.0 }, true),
        ] {
            assert_eq!(normal_count(&spec(init, 0.0, uniform_input))?, None);
        }
        Ok(())
    }

    #[test]
    fn the_f32_weights_are_within_four_ulp_of_the_f64_draw_rounded() -> Result<(), Error> {
        // σ, z and σ·z each rounded to f32, against one rounding of σ·z in f64: at most
        // (1 + u)³ − 1 + u ≈ 3.5u apart relative to the value, u = 2⁻²⁴.
        const U: f64 = 1.0 / (1u64 << 24) as f64;
        for init in [
            Init::KaimingNormal { gain: 2f64.sqrt() },
            Init::Normal { std: 0.3 },
        ] {
            let spec = spec(init, 0.0, false);
            let network = Network::new(spec.clone())?;
            let mut rng = SeededRng::seed_from_u64(spec.seed);
            let wide = layers(&spec, &mut drawn_by(spec.init, &mut rng))?;
            assert_eq!(network.mlp.params.len(), wide.params.len());
            let mut differ = 0;
            for (narrow, wide) in network.mlp.params.iter().zip(&wide.params) {
                let (n, w) = (f64::from(*narrow), f64::from(*wide));
                assert!((n - w).abs() <= 4.0 * U * w.abs(), "{init:?}: {n} vs {w}");
                differ += usize::from(n != w);
            }
            // Not the same numbers: the test would pass vacuously on the f64 path itself.
            assert!(differ > 0, "{init:?}");
        }
        Ok(())
    }

    #[test]
    fn weights_appended_short_or_long_are_an_error_not_a_shifted_network() {
        let spec = spec(Init::XavierNormal { gain: 1.0 }, 0.0, false);
        for extra in [-1isize, 1] {
            let built = layers(&spec, &mut |params, fan_in, fan_out| {
                let count = (fan_in * fan_out).saturating_add_signed(extra);
                params.resize(params.len() + count, 0.0);
                Ok(())
            });
            assert!(matches!(built, Err(Error::Internal { .. })), "{extra}");
        }
    }

    #[test]
    fn a_bad_scale_is_the_same_error_either_way() {
        let spec = spec(Init::Normal { std: f64::NAN }, 0.0, false);
        assert!(matches!(
            normal_count(&spec),
            Err(Error::InitNotFinite { .. })
        ));
        assert!(Network::drawn(spec).is_err());
    }
}
