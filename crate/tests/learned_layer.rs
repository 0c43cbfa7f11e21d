//! A learned activation's layer step against PReLU's closed form (He et al. 2015: f = z for
//! z > 0, else a·z; f′ = 1 or a; ∂f/∂a = 0 or z), in both layouts and both modes: training walks
//! a unit-major grid as slices without the finiteness check and the slope summary, the layers
//! view and the inspector walk any grid with both.

use activation_lab::mlp::layer::{Grid, LayerActivation, Learnable, Mode};
use activation_lab::Activation;

/// Two units, three examples; z includes 0 (PyTorch's slope at 0 is a) and both signs.
const Z: [[f32; 2]; 3] = [[1.5, -2.0], [0.0, 0.5], [-0.25, 3.0]];
/// Per-unit slopes.
const SLOPES: [f32; 2] = [0.25, 0.1];

fn layer() -> Result<LayerActivation, String> {
    let prelu = Activation::Prelu {
        negative_slope: 0.25,
    };
    let (learnable, _) = Learnable::of(&prelu).ok_or("prelu has a learning rule")?;
    Ok(LayerActivation::Learned {
        learnable,
        offset: 0,
        slots: 2,
    })
}

/// z laid out in `grid` (unit-major rows of `stride`, or row-major), with padding of NaN.
fn lay_out(grid: Grid, len: usize, values: impl Fn(usize, usize) -> f32) -> Vec<f32> {
    let mut buffer = vec![f32::NAN; len];
    for i in 0..grid.examples {
        for j in 0..grid.units {
            buffer[grid.at(i, j)] = values(i, j);
        }
    }
    buffer
}

fn closed_form(z: f32, a: f32) -> (f32, f32, f32) {
    if z > 0.0 {
        (z, 1.0, 0.0)
    } else {
        (a * z, a, z)
    }
}

#[test]
fn prelu_layer_matches_its_closed_form_in_both_layouts_and_modes() -> Result<(), String> {
    let layouts = [(Grid::unit_major(3, 2, 4), 8), (Grid::row_major(3, 2), 6)];
    for (grid, len) in layouts {
        for mode in [Mode::Train, Mode::Inspect] {
            let z = lay_out(grid, len, |i, j| Z[i][j]);
            let mut a = vec![f32::NAN; len];
            let finite = layer()?.forward(&SLOPES, &z, &mut a, grid, mode);
            assert!(finite, "{grid:?} {mode:?}: every value is finite");
            let mut delta = lay_out(grid, len, |i, j| 1.0 + i as f32 + 10.0 * j as f32);
            let delta_in = delta.clone();
            let mut grads = [0.0f32; 2];
            let summary = layer()?.backward(
                &SLOPES,
                &z,
                None,
                &mut delta,
                Some(&mut grads),
                grid,
                mode,
                0.2,
            );
            let (mut want_grads, mut want_sum, mut want_below) = ([0.0f32; 2], 0.0, 0);
            for (i, row) in Z.iter().enumerate() {
                for (j, &zij) in row.iter().enumerate() {
                    let k = grid.at(i, j);
                    let (f, slope, df_da) = closed_form(zij, SLOPES[j]);
                    assert_eq!(a[k], f, "{grid:?} {mode:?}: f at example {i}, unit {j}");
                    assert_eq!(delta[k], delta_in[k] * slope, "{grid:?} {mode:?}: δ·f′");
                    want_grads[j] += delta_in[k] * df_da;
                    want_sum += f64::from(slope);
                    want_below += usize::from(f64::from(slope).abs() < 0.2);
                }
            }
            assert_eq!(grads, want_grads, "{grid:?} {mode:?}: ∂L/∂a");
            match mode {
                Mode::Inspect => {
                    assert!((summary.sum - want_sum).abs() < 1e-6, "{grid:?}: Σ f′");
                    assert_eq!(summary.below, want_below, "{grid:?}: |f′| < 0.2");
                }
                // Nobody reads it in training, so the loop skips it.
                Mode::Train => assert_eq!((summary.sum, summary.below), (0.0, 0)),
            }
        }
    }
    Ok(())
}

#[test]
fn inspecting_a_learned_layer_reports_an_infinite_value() -> Result<(), String> {
    let grid = Grid::row_major(1, 2);
    let z = [f32::INFINITY, 1.0];
    let mut a = [0.0f32; 2];
    assert!(!layer()?.forward(&SLOPES, &z, &mut a, grid, Mode::Inspect));
    // Training finds divergence in the loss instead, as with a fixed activation.
    assert!(layer()?.forward(&SLOPES, &z, &mut a, grid, Mode::Train));
    Ok(())
}
