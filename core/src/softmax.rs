//! Softmax: the one vector-valued activation, with its Jacobian and the cross-entropy gradient.

use serde::Serialize;

/// Everything the softmax view shows and `actlab softmax` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readout {
    /// The logits z.
    pub logits: Vec<f64>,
    /// The temperature T.
    pub temperature: f64,
    /// The target class y.
    pub target: usize,
    /// p = softmax(z/T).
    pub probabilities: Vec<f64>,
    /// ∂p_i/∂z_j.
    pub jacobian: Vec<Vec<f64>>,
    /// −log p_target.
    pub loss: f64,
    /// ∂L/∂z = (p − y)/T.
    pub gradient: Vec<f64>,
}

/// Computes the whole readout for these logits, temperature and target.
pub fn readout(logits: &[f64], temperature: f64, target: usize) -> Readout {
    let probabilities = softmax(logits, temperature);
    Readout {
        jacobian: jacobian(&probabilities, temperature),
        loss: cross_entropy(logits, temperature, target),
        gradient: cross_entropy_gradient(&probabilities, temperature, target),
        logits: logits.to_vec(),
        temperature,
        target,
        probabilities,
    }
}

/// The probabilities p_i = e^(z_i/T) / Σ_j e^(z_j/T), computed after subtracting max z so no
/// `exp` overflows (the log-sum-exp trick).
pub fn softmax(logits: &[f64], temperature: f64) -> Vec<f64> {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = logits
        .iter()
        .map(|z| ((z - max) / temperature).exp())
        .collect();
    let sum: f64 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

/// ∂p_i/∂z_j = p_i(δ_ij − p_j)/T, row-major n×n.
pub fn jacobian(probabilities: &[f64], temperature: f64) -> Vec<Vec<f64>> {
    probabilities
        .iter()
        .enumerate()
        .map(|(i, p_i)| {
            probabilities
                .iter()
                .enumerate()
                .map(|(j, p_j)| p_i * (f64::from(u8::from(i == j)) - p_j) / temperature)
                .collect()
        })
        .collect()
}

/// Cross-entropy −log p_target = logsumexp(z/T) − z_target/T, stable for any finite logits.
pub fn cross_entropy(logits: &[f64], temperature: f64, target: usize) -> f64 {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_sum: f64 = logits
        .iter()
        .map(|z| ((z - max) / temperature).exp())
        .sum::<f64>()
        .ln();
    log_sum + (max - logits[target]) / temperature
}

/// ∂L/∂z for softmax + cross-entropy: (p − y)/T, where y is the one-hot target. At T = 1 this is
/// the famous p − y: no Jacobian product needed, and it never vanishes while p is wrong.
pub fn cross_entropy_gradient(probabilities: &[f64], temperature: f64, target: usize) -> Vec<f64> {
    probabilities
        .iter()
        .enumerate()
        .map(|(i, p)| (p - f64::from(u8::from(i == target))) / temperature)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_match_numpy() {
        // numpy: np.exp([1,2,3]) / np.exp([1,2,3]).sum()
        let p = softmax(&[1.0, 2.0, 3.0], 1.0);
        let expected = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
        for (got, want) in p.iter().zip(expected) {
            assert!((got - want).abs() < 1e-15, "{got} vs {want}");
        }
    }

    #[test]
    fn huge_logits_stay_finite() {
        let p = softmax(&[1000.0, 0.0, -1000.0], 1.0);
        assert_eq!(p[0], 1.0);
        assert!(p.iter().all(|v| v.is_finite()));
        let loss = cross_entropy(&[1000.0, 0.0, -1000.0], 1.0, 2);
        assert_eq!(loss, 2000.0);
    }

    #[test]
    fn gradient_is_p_minus_y_and_matches_finite_differences() {
        let z = [0.5, -1.0, 2.0, 0.1];
        let t = 0.7;
        let grad = cross_entropy_gradient(&softmax(&z, t), t, 1);
        for i in 0..z.len() {
            let h = 1e-6;
            let mut up = z;
            let mut down = z;
            up[i] += h;
            down[i] -= h;
            let numeric = (cross_entropy(&up, t, 1) - cross_entropy(&down, t, 1)) / (2.0 * h);
            assert!(
                (numeric - grad[i]).abs() < 1e-8,
                "dL/dz{i}: {numeric} vs {}",
                grad[i]
            );
        }
    }

    #[test]
    fn jacobian_rows_sum_to_zero_and_match_finite_differences() {
        let z = [0.3, 1.2, -0.4];
        let t = 1.5;
        let jac = jacobian(&softmax(&z, t), t);
        for (i, row) in jac.iter().enumerate() {
            assert!(row.iter().sum::<f64>().abs() < 1e-15);
            for (j, entry) in row.iter().enumerate() {
                let h = 1e-6;
                let mut up = z;
                let mut down = z;
                up[j] += h;
                down[j] -= h;
                let numeric = (softmax(&up, t)[i] - softmax(&down, t)[i]) / (2.0 * h);
                assert!((numeric - entry).abs() < 1e-9);
            }
        }
    }
}
