//! Brent's method (zeroin): a root of a continuous function inside a bracket, with the
//! guaranteed convergence of bisection and the superlinear speed of inverse quadratic
//! interpolation where the function is smooth (Brent, "Algorithms for Minimization without
//! Derivatives", 1973, ch. 4).

/// A root of `f` in [a, b], where f(a) and f(b) differ in sign (or one is 0), to within
/// `tolerance` in x; `None` when the ends do not bracket a root or a value is not finite.
pub fn brent(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64, tolerance: f64) -> Option<f64> {
    let (mut fa, mut fb) = (f(a), f(b));
    if !(fa.is_finite() && fb.is_finite()) || fa * fb > 0.0 {
        return None;
    }
    if fa == 0.0 {
        return Some(a);
    }
    let (mut c, mut fc) = (a, fa);
    let (mut d, mut e) = (b - a, b - a);
    for _ in 0..200 {
        if fb * fc > 0.0 {
            (c, fc) = (a, fa);
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            (a, b, c) = (b, c, b);
            (fa, fb, fc) = (fb, fc, fb);
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 0.5 * tolerance;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return Some(b);
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            // Secant (two points) or inverse quadratic interpolation (three).
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * m * s, 1.0 - s)
            } else {
                let (qa, r) = (fa / fc, fb / fc);
                (
                    s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0)),
                    (qa - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        (a, fa) = (b, fb);
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b);
        if !fb.is_finite() {
            return None;
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::brent;

    #[test]
    fn finds_closed_form_roots() {
        // √2, the root of x² − 2; and cos x = x (the Dottie number 0.739085133215160641…).
        let root = brent(|x| x * x - 2.0, 0.0, 2.0, 1e-15).unwrap_or(f64::NAN);
        assert!((root - 2f64.sqrt()).abs() < 1e-14, "{root}");
        let dottie = brent(|x| x.cos() - x, 0.0, 1.0, 1e-15).unwrap_or(f64::NAN);
        assert!((dottie - 0.739_085_133_215_160_6).abs() < 1e-14, "{dottie}");
        // A double root's neighbour and a bracket without a sign change.
        assert_eq!(brent(|x| x * x + 1.0, -1.0, 1.0, 1e-12), None);
        let cube = brent(|x| (x - 0.3).powi(3), -1.0, 1.0, 1e-12).unwrap_or(f64::NAN);
        assert!((cube - 0.3).abs() < 1e-4, "{cube}");
    }
}
