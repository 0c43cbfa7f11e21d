//! Whether a unit's incoming weight gradients agree in sign: the zig-zag of a layer fed by a
//! layer that is not zero-centred.
//!
//! The gradient of unit j's incoming weight from input i is ∂L/∂W_ij = Σ_b δ_jb·a_ib over the
//! batch. For one example every a_i > 0 (after a sigmoid layer) gives all of unit j's weight
//! gradients the sign of δ_j: the update can only move them all up or all down together, so
//! reaching a mixed target takes a zig-zag. Summed over a batch the δ_jb differ in sign and the
//! agreement need not be complete; this measures what the update actually used, the last
//! step's batch gradient. The share is the majority sign's share of a unit's non-zero incoming
//! gradients (½ to 1), averaged over the layer's units that have any.

use crate::mlp::Mlp;

/// Per layer (hidden layers, then the output layer), the mean over its units of the majority
/// sign's share of the unit's incoming weight gradients in `grads`; `None` for a layer whose
/// weight gradients are all zero (before the first step).
pub fn sign_agreement(mlp: &Mlp, grads: &[f32]) -> Vec<Option<f64>> {
    mlp.layers
        .iter()
        .map(|layer| {
            let size = layer.fan_in * layer.fan_out;
            let w = &grads[layer.weights..layer.weights + size];
            layer_agreement(w, layer.fan_in, layer.fan_out)
        })
        .collect()
}

/// One layer's share, from its weight gradients `w` (row-major fan_in × fan_out, so unit j's
/// incoming gradients are column j).
pub fn layer_agreement(w: &[f32], fan_in: usize, fan_out: usize) -> Option<f64> {
    let mut sum = 0.0;
    let mut units = 0usize;
    for j in 0..fan_out {
        let (mut positive, mut negative) = (0usize, 0usize);
        for g in w.iter().skip(j).step_by(fan_out).take(fan_in) {
            if *g > 0.0 {
                positive += 1;
            } else if *g < 0.0 {
                negative += 1;
            }
        }
        if positive + negative > 0 {
            sum += positive.max(negative) as f64 / (positive + negative) as f64;
            units += 1;
        }
    }
    (units > 0).then(|| sum / units as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_by_hand() {
        // 3 inputs → 3 units, row-major: unit 0 gets +,+,− (2 of 3 agree), unit 1 −,−,0 (2 of
        // 2), unit 2 nothing (not counted): the layer's share is (2/3 + 1)/2.
        let w = [1.0, -1.0, 0.0, 0.5, -3.0, 0.0, -2.0, 0.0, 0.0];
        let share = layer_agreement(&w, 3, 3);
        assert!(
            share.is_some_and(|share| (share - (2.0 / 3.0 + 1.0) / 2.0).abs() < 1e-15),
            "{share:?}"
        );
        assert_eq!(layer_agreement(&[0.0; 6], 2, 3), None);
    }
}
