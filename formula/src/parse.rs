//! A recursive-descent parser for the formula grammar (see the module doc of [`super`]), with
//! the bounds checked as it goes: length first, nesting on every parenthesis and call, names
//! against the function list, columns counted in characters from 1.

use super::expr::{call, num, Bin, Callable, Constant, Expr, E, FUNCTIONS};
use super::Problem;
use std::rc::Rc;

/// Most characters a formula may have.
pub const MAX_LENGTH: usize = 200;
/// Deepest nesting of parentheses, calls and signs.
pub const MAX_DEPTH: usize = 32;
/// Most named parameters.
pub const MAX_PARAMS: usize = 3;

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Symbol(char),
    End,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Number(v) => v.to_string(),
            Token::Name(name) => name.clone(),
            Token::Symbol(c) => c.to_string(),
            Token::End => String::new(),
        }
    }
}

/// The tokens with their 1-based columns.
fn lex(text: &str) -> Result<Vec<(Token, usize)>, Problem> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // An exponent only when digits follow (2e-3), so `2e` stays 2 then the name e.
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    i = j;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let literal: String = chars[start..i].iter().collect();
            match crate::number::parse(&literal) {
                Some(v) if v.is_finite() => out.push((Token::Number(v), column)),
                _ => {
                    return Err(Problem::BadNumber {
                        text: literal,
                        column,
                    })
                }
            }
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            out.push((Token::Name(name.to_ascii_lowercase()), column));
        } else if "+-*/^(),".contains(c) {
            out.push((Token::Symbol(c), column));
            i += 1;
        } else {
            return Err(Problem::Unexpected {
                found: c.to_string(),
                column,
            });
        }
    }
    out.push((Token::End, chars.len() + 1));
    Ok(out)
}

/// The parsed formula: its expression and its parameters' names, in order of first use.
pub struct Parsed {
    /// f.
    pub expr: E,
    /// The parameters' letters.
    pub params: Vec<char>,
}

/// Parses `text` within the bounds.
pub fn parse(text: &str) -> Result<Parsed, Problem> {
    let length = text.chars().count();
    if length > MAX_LENGTH {
        return Err(Problem::TooLong {
            got: length,
            max: MAX_LENGTH,
        });
    }
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    let mut parser = Parser {
        tokens: lex(text)?,
        at: 0,
        depth: 0,
        params: Vec::new(),
    };
    let expr = parser.sum()?;
    match parser.peek() {
        (Token::End, _) => Ok(Parsed {
            expr,
            params: parser.params,
        }),
        (token, column) => Err(Problem::Unexpected {
            found: token.describe(),
            column,
        }),
    }
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    depth: usize,
    params: Vec<char>,
}

impl Parser {
    fn peek(&self) -> (Token, usize) {
        self.tokens[self.at.min(self.tokens.len() - 1)].clone()
    }

    fn next(&mut self) -> (Token, usize) {
        let token = self.peek();
        self.at += 1;
        token
    }

    fn eat(&mut self, symbol: char) -> bool {
        if self.peek().0 == Token::Symbol(symbol) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, symbol: char) -> Result<(), Problem> {
        if self.eat(symbol) {
            Ok(())
        } else {
            let (token, column) = self.peek();
            Err(Problem::Unexpected {
                found: token.describe(),
                column,
            })
        }
    }

    fn enter(&mut self, column: usize) -> Result<(), Problem> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Problem::TooDeep {
                column,
                max: MAX_DEPTH,
            });
        }
        Ok(())
    }

    /// sum := product (('+' | '-') product)*
    fn sum(&mut self) -> Result<E, Problem> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat('+') {
                Bin::Add
            } else if self.eat('-') {
                Bin::Sub
            } else {
                return Ok(left);
            };
            let right = self.product()?;
            left = Rc::new(Expr::Bin(op, left, right));
        }
    }

    /// product := signed (('*' | '/') signed)*
    fn product(&mut self) -> Result<E, Problem> {
        let mut left = self.signed()?;
        loop {
            let op = if self.eat('*') {
                Bin::Mul
            } else if self.eat('/') {
                Bin::Div
            } else {
                return Ok(left);
            };
            let right = self.signed()?;
            left = Rc::new(Expr::Bin(op, left, right));
        }
    }

    /// signed := ('-' | '+') signed | power. A sign binds looser than `^`: −x^2 = −(x²).
    fn signed(&mut self) -> Result<E, Problem> {
        let (token, column) = self.peek();
        match token {
            Token::Symbol(sign @ ('-' | '+')) => {
                self.at += 1;
                self.enter(column)?;
                let inner = self.signed()?;
                self.depth -= 1;
                Ok(if sign == '-' {
                    match &*inner {
                        Expr::Num(v) => num(-v),
                        _ => Rc::new(Expr::Neg(inner)),
                    }
                } else {
                    inner
                })
            }
            _ => self.power(),
        }
    }

    /// power := atom ('^' signed)?, right-associative (2^3^2 = 2^9), and 2^-x allowed.
    fn power(&mut self) -> Result<E, Problem> {
        let base = self.atom()?;
        if self.eat('^') {
            let column = self.peek().1;
            self.enter(column)?;
            let exponent = self.signed()?;
            self.depth -= 1;
            return Ok(Rc::new(Expr::Bin(Bin::Pow, base, exponent)));
        }
        Ok(base)
    }

    /// atom := number | x | pi | e | parameter | name '(' args ')' | '(' sum ')'
    fn atom(&mut self) -> Result<E, Problem> {
        let (token, column) = self.next();
        match token {
            Token::Number(v) => Ok(num(v)),
            Token::Symbol('(') => {
                self.enter(column)?;
                let inner = self.sum()?;
                self.expect(')')?;
                self.depth -= 1;
                Ok(inner)
            }
            Token::Name(name) if self.peek().0 == Token::Symbol('(') => self.call(&name, column),
            Token::Name(name) => self.name(&name, column),
            other => Err(Problem::Unexpected {
                found: other.describe(),
                column,
            }),
        }
    }

    fn call(&mut self, name: &str, column: usize) -> Result<E, Problem> {
        let Some((_, callable)) = FUNCTIONS.iter().find(|(n, _)| *n == name) else {
            return Err(Problem::UnknownFunction {
                name: name.to_string(),
                column,
            });
        };
        self.at += 1; // '('
        self.enter(column)?;
        let mut args = vec![self.sum()?];
        while self.eat(',') {
            args.push(self.sum()?);
        }
        self.expect(')')?;
        self.depth -= 1;
        let expected = match callable {
            Callable::One(_) => 1,
            Callable::Two(_) => 2,
        };
        if args.len() != expected {
            return Err(Problem::Arity {
                name: name.to_string(),
                got: args.len(),
                expected,
                column,
            });
        }
        let mut args = args.into_iter();
        let mut arg = || args.next().unwrap_or_else(|| num(f64::NAN));
        Ok(match *callable {
            Callable::One(f) => call(f, arg()),
            Callable::Two(op) => {
                let a = arg();
                Rc::new(Expr::Bin(op, a, arg()))
            }
        })
    }

    fn name(&mut self, name: &str, column: usize) -> Result<E, Problem> {
        let mut letters = name.chars();
        match (name, letters.next(), letters.next()) {
            ("x", ..) => Ok(Rc::new(Expr::X)),
            ("pi", ..) => Ok(Rc::new(Expr::Const(Constant::Pi))),
            ("e", ..) => Ok(Rc::new(Expr::Const(Constant::E))),
            (_, Some(letter), None) if letter.is_ascii_lowercase() => {
                let index = match self.params.iter().position(|p| *p == letter) {
                    Some(index) => index,
                    None if self.params.len() < MAX_PARAMS => {
                        self.params.push(letter);
                        self.params.len() - 1
                    }
                    None => {
                        return Err(Problem::TooManyParams {
                            name: letter,
                            column,
                            max: MAX_PARAMS,
                        })
                    }
                };
                Ok(Rc::new(Expr::Param(index)))
            }
            _ if FUNCTIONS.iter().any(|(n, _)| *n == name) => Err(Problem::Unexpected {
                found: name.to_string(),
                column,
            }),
            _ => Err(Problem::UnknownName {
                name: name.to_string(),
                column,
            }),
        }
    }
}
