//! The formula and its derivative typeset as MathML, built element by element from the parsed
//! expression: every leaf is a number Rust formatted, a letter the parser accepted or a fixed
//! function name, and each is escaped anyway, so nothing typed becomes markup.

use super::expr::{Bin, Constant, Differentiator, Expr, Func, Var, E};
use super::{parse, Problem};

/// Most elements a typeset expression may have; a longer f′ is left untypeset (the page then
/// says so) rather than filling the card.
const MAX_ELEMENTS: usize = 400;

/// `<math>` markup of f and of f′ (`None` when f′ is longer than a card can show).
pub fn typeset(source: &str) -> Result<(String, Option<String>), Problem> {
    let parsed = parse::parse(source)?;
    let d1 = Differentiator::new(Var::X).diff(&parsed.expr);
    let f =
        Writer::render(&parsed.expr, &parsed.params).unwrap_or_else(|| wrap(&leaf("mtext", "f")));
    Ok((f, Writer::render(&d1, &parsed.params)))
}

fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn leaf(tag: &str, text: &str) -> String {
    format!("<{tag}>{}</{tag}>", escape(text))
}

fn wrap(body: &str) -> String {
    format!("<math display=\"inline\">{body}</math>")
}

/// Binding strength, to decide where parentheses go.
fn precedence(e: &Expr) -> u8 {
    match e {
        Expr::Bin(Bin::Add | Bin::Sub, ..) => 1,
        Expr::Bin(Bin::Mul | Bin::Div, ..) => 2,
        Expr::Neg(_) => 2,
        Expr::Num(v) if *v < 0.0 => 2,
        Expr::Bin(Bin::Pow, ..) => 3,
        _ => 4,
    }
}

struct Writer<'a> {
    params: &'a [char],
    elements: usize,
}

impl Writer<'_> {
    fn render(e: &E, params: &[char]) -> Option<String> {
        let mut writer = Writer {
            params,
            elements: 0,
        };
        writer.write(e).map(|body| wrap(&body))
    }

    fn count(&mut self) -> Option<()> {
        self.elements += 1;
        (self.elements <= MAX_ELEMENTS).then_some(())
    }

    fn paren(&mut self, e: &E, at_least: u8) -> Option<String> {
        let inner = self.write(e)?;
        Some(if precedence(e) < at_least {
            format!("<mrow><mo>(</mo>{inner}<mo>)</mo></mrow>")
        } else {
            inner
        })
    }

    fn write(&mut self, e: &E) -> Option<String> {
        self.count()?;
        Some(match &**e {
            Expr::Num(v) => leaf("mn", &format_number(*v)),
            Expr::Const(Constant::Pi) => leaf("mi", "π"),
            Expr::Const(Constant::E) => leaf("mi", "e"),
            Expr::X => leaf("mi", "x"),
            Expr::Param(i) => leaf("mi", &self.params.get(*i).map_or('?', |c| *c).to_string()),
            Expr::Neg(a) => format!("<mrow><mo>−</mo>{}</mrow>", self.paren(a, 3)?),
            Expr::Bin(Bin::Div, a, b) => format!(
                "<mfrac><mrow>{}</mrow><mrow>{}</mrow></mfrac>",
                self.write(a)?,
                self.write(b)?
            ),
            Expr::Bin(Bin::Pow, a, b) => {
                format!(
                    "<msup>{}<mrow>{}</mrow></msup>",
                    self.paren(a, 4)?,
                    self.write(b)?
                )
            }
            Expr::Bin(op @ (Bin::Min | Bin::Max), a, b) => format!(
                "<mrow><mi>{}</mi><mo>(</mo>{}<mo>,</mo>{}<mo>)</mo></mrow>",
                if *op == Bin::Min { "min" } else { "max" },
                self.write(a)?,
                self.write(b)?
            ),
            Expr::Bin(op, a, b) => {
                let (symbol, left, right) = match op {
                    Bin::Add => ("+", 1, 1),
                    Bin::Sub => ("−", 1, 2),
                    _ => ("·", 2, 3),
                };
                format!(
                    "<mrow>{}<mo>{symbol}</mo>{}</mrow>",
                    self.paren(a, left)?,
                    self.paren(b, right)?
                )
            }
            Expr::Call(Func::Sech2, a) => format!(
                "<mrow><msup><mi>sech</mi><mn>2</mn></msup><mo>(</mo>{}<mo>)</mo></mrow>",
                self.write(a)?
            ),
            Expr::Call(Func::Sqrt, a) => format!("<msqrt>{}</msqrt>", self.write(a)?),
            Expr::Call(Func::Abs, a) => {
                format!("<mrow><mo>|</mo>{}<mo>|</mo></mrow>", self.write(a)?)
            }
            Expr::Call(f, a) => format!(
                "<mrow>{}<mo>(</mo>{}<mo>)</mo></mrow>",
                leaf("mi", f.name()),
                self.write(a)?
            ),
        })
    }
}

/// A literal as a reader writes it: up to 10 significant digits, no trailing zeros.
fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{v}");
    }
    let text = format!("{:.10}", v);
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed.len() > 14 {
        format!("{v:e}")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::typeset;

    #[test]
    fn the_derivative_is_typeset_from_the_tree() {
        let (f, d) = typeset("x*sigmoid(x)").unwrap_or_default();
        assert_eq!(
            f,
            "<math display=\"inline\"><mrow><mi>x</mi><mo>·</mo><mrow><mi>sigmoid</mi><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow></math>"
        );
        // σ(x) + x·(σ(x)·σ(−x)): the product rule, with σ′ = σ(x)σ(−x).
        let d = d.unwrap_or_default();
        assert!(d.contains("<mo>+</mo>"), "{d}");
        assert!(d.contains("<mrow><mo>−</mo><mi>x</mi></mrow>"), "{d}");
        let (f, _) = typeset("x^2/(1+abs(x)) - pi").unwrap_or_default();
        assert!(f.contains("<mfrac>") && f.contains("<msup>") && f.contains("<mi>π</mi>"));
    }

    #[test]
    fn nothing_typed_becomes_markup() {
        // The parser refuses anything outside its alphabet, so markup can't reach the writer.
        assert!(typeset("x<script>").is_err());
        assert!(typeset("x*\"><img").is_err());
        let (f, _) = typeset("k*x").unwrap_or_default();
        assert!(!f.contains("script"));
    }
}
