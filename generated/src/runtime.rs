//! The hand-written support the generated operations stand on: validation, constants,
//! redaction, string-encoded scalars, and the endpoint/transport/client plumbing.
//!
//! This file is not generated; `cargo xtask gen` leaves it alone.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One broken constraint, with the wire path of the value (`data.goodsDetails[2].goodsName`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every constraint a request breaks. Messages never contain the values themselves, so
/// card data cannot leak through them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// The wire path to the value being checked: a chain of frames on the call stack, so
/// checking a valid request allocates nothing; the path is spelled out only for a violation.
#[derive(Clone, Copy, Debug, Default)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    part: Option<Part>,
}

#[derive(Clone, Copy, Debug)]
enum Part {
    Field(&'static str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The path one field further down.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path { parent: Some(self), part: Some(Part::Field(name)) }
    }

    /// The path one array item further down.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path { parent: Some(self), part: Some(Part::Index(i)) }
    }

    fn with_field(&self, name: &'static str) -> String {
        self.field(name).to_string()
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(part) = self.part else { return Ok(()) };
        let top = self.parent.is_none_or(|p| p.part.is_none());
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match part {
            Part::Field(name) if top => f.write_str(name),
            Part::Field(name) => write!(f, ".{name}"),
            Part::Index(n) => write!(f, "[{n}]"),
        }
    }
}

/// Checks the documented constraints of a request before it is sent.
pub trait Validate {
    /// Adds every violation below `path` to `out`.
    fn validate_into(&self, path: &Path<'_>, out: &mut Vec<Violation>);

    /// Checks everything and reports every violation, not just the first.
    fn validate(&self) -> Result<(), Violations> {
        let mut out = Vec::new();
        self.validate_into(&Path::default(), &mut out);
        if out.is_empty() { Ok(()) } else { Err(Violations(out)) }
    }
}

impl<T: Validate> Validate for Option<T> {
    #[inline]
    fn validate_into(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        if let Some(v) = self {
            v.validate_into(path, out);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    #[inline]
    fn validate_into(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        (**self).validate_into(path, out);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        for (i, v) in self.iter().enumerate() {
            v.validate_into(&path.index(i), out);
        }
    }
}

/// Validates a nested object or array under the field `name`.
#[inline]
pub fn nested<T: Validate + ?Sized>(path: &Path<'_>, name: &'static str, value: &T, out: &mut Vec<Violation>) {
    value.validate_into(&path.field(name), out);
}

/// A string's length in characters, as the docs count it (Chinese text counts one a character).
#[inline]
pub fn max_length(path: &Path<'_>, name: &'static str, value: &str, max: usize, out: &mut Vec<Violation>) {
    // A string of at most `max` bytes has at most `max` characters: no need to count.
    if value.len() <= max {
        return;
    }
    let n = value.chars().count();
    if n > max {
        out.push(Violation { path: path.with_field(name), message: format!("{n} characters, maxLength {max}") });
    }
}

/// Each string of an array, by its length in characters.
pub fn max_length_each(path: &Path<'_>, name: &'static str, values: &[String], max: usize, out: &mut Vec<Violation>) {
    for (i, v) in values.iter().enumerate() {
        let n = v.chars().count();
        if n > max {
            out.push(Violation {
                path: format!("{}[{i}]", path.with_field(name)),
                message: format!("{n} characters, maxLength {max}"),
            });
        }
    }
}

/// A required string must not be empty.
#[inline]
pub fn required(path: &Path<'_>, name: &'static str, value: &str, out: &mut Vec<Violation>) {
    if value.is_empty() {
        out.push(Violation { path: path.with_field(name), message: "required, but empty".into() });
    }
}

/// A field whose value the docs fix: [`Const`] carries it in the type.
pub trait ConstValue {
    const VALUE: &'static str;
}

/// The one value a field may have. It serializes as that value and is filled in by
/// `Default`, so a request cannot carry a wrong one.
pub struct Const<C>(PhantomData<C>);

impl<C> Const<C> {
    pub const fn new() -> Self {
        Const(PhantomData)
    }
}

impl<C: ConstValue> Const<C> {
    pub const fn as_str(&self) -> &'static str {
        C::VALUE
    }
}

impl<C> Default for Const<C> {
    fn default() -> Self {
        Const::new()
    }
}

impl<C> Clone for Const<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Const<C> {}

impl<C> PartialEq for Const<C> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<C> Eq for Const<C> {}

impl<C: ConstValue> fmt::Debug for Const<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", C::VALUE)
    }
}

impl<C: ConstValue> Serialize for Const<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(C::VALUE)
    }
}

impl<'de, C: ConstValue> Deserialize<'de> for Const<C> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == C::VALUE {
            Ok(Const::new())
        } else {
            Err(serde::de::Error::custom(format_args!("expected the constant {:?}", C::VALUE)))
        }
    }
}

/// What `Debug` prints in place of a sensitive value.
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// For `#[serde(with = "…")]`: a number or boolean sent as a JSON string (`"20"`, `"true"`),
/// as Antom requires; a plain JSON number or boolean is accepted too.
pub mod stringly {
    use std::fmt::Display;
    use std::str::FromStr;

    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Str(String),
        Bool(bool),
        Num(serde_json::Number),
    }

    fn parse<T: FromStr, E: serde::de::Error>(raw: Raw) -> Result<T, E> {
        let s = match raw {
            Raw::Str(s) => s,
            Raw::Bool(b) => b.to_string(),
            Raw::Num(n) => n.to_string(),
        };
        s.parse().map_err(|_| E::custom("not a value of the documented type"))
    }

    pub fn serialize<T: Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub fn deserialize<'de, T: FromStr, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        parse(Raw::deserialize(d)?)
    }

    /// The same for an optional field.
    pub mod option {
        use super::*;

        pub fn serialize<T: Display, S: Serializer>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => s.collect_str(v),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, T: FromStr, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
            match Option::<Raw>::deserialize(d)? {
                Some(raw) => parse(raw).map(Some),
                None => Ok(None),
            }
        }
    }
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One documented operation: its method, path, request and response types.
pub trait Endpoint {
    const METHOD: Method;
    const PATH: &'static str;
    type Request: Serialize + Validate;
    type Response: DeserializeOwned;
}

/// Sends a request body and returns the response body. Users implement it over their
/// HTTP client, adding the host, signatures and headers their gateway account needs.
pub trait Transport {
    type Error;
    fn send(&self, method: Method, path: &str, body: Vec<u8>) -> Result<Vec<u8>, Self::Error>;
}

/// Why a call failed.
#[derive(Debug)]
pub enum Error<E> {
    /// The request breaks documented constraints; nothing was sent.
    Invalid(Violations),
    Encode(serde_json::Error),
    Transport(E),
    /// The response body is not the documented JSON.
    Decode(DecodeError),
}

/// Where and how a response failed to decode. It keeps no part of the body, so a card
/// number or token in a malformed response cannot reach a log through the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub line: usize,
    pub column: usize,
    /// `syntax` (not JSON), `data` (JSON of another shape), `eof` (cut short) or `io`.
    pub category: &'static str,
}

impl From<serde_json::Error> for DecodeError {
    fn from(e: serde_json::Error) -> Self {
        let category = match e.classify() {
            serde_json::error::Category::Io => "io",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "data",
            serde_json::error::Category::Eof => "eof",
        };
        DecodeError { line: e.line(), column: e.column(), category }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error at line {} column {}", self.category, self.line, self.column)
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(v) => write!(f, "invalid request: {v}"),
            Error::Encode(e) => write!(f, "cannot encode the request: {e}"),
            Error::Transport(e) => write!(f, "transport: {e}"),
            Error::Decode(e) => write!(f, "cannot decode the response: {e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {}

/// Validates, encodes, sends and decodes one call.
pub fn call<P: Endpoint, T: Transport + ?Sized>(
    transport: &T,
    request: &P::Request,
) -> Result<P::Response, Error<T::Error>> {
    request.validate().map_err(Error::Invalid)?;
    let body = serde_json::to_vec(request).map_err(Error::Encode)?;
    let response = transport.send(P::METHOD, P::PATH, body).map_err(Error::Transport)?;
    serde_json::from_slice(&response).map_err(|e| Error::Decode(e.into()))
}
