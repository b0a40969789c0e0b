//! The hand-written support the generated operations stand on: validation, constants,
//! redaction, string-encoded scalars, response decoding and outcomes, and the calls.
//!
//! This file is not generated; `cargo xtask gen` leaves it alone.

use std::convert::Infallible;
use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::auth::{AuthError, Operation};
pub use crate::transport::{AsyncTransport, Transport};

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

/// Writing a generated struct as a JSON object: what serde's derive does for a struct, said
/// once here, so each struct's `Serialize` is one call per field.
pub mod ser {
    use std::fmt::Display;

    use serde::ser::{Serialize, SerializeMap, Serializer};

    /// The entries of the object being written.
    pub struct Entries<M>(M);

    /// Starts the object: the first step of every generated struct's `Serialize`.
    #[inline]
    pub fn object<S: Serializer>(s: S) -> Result<Entries<S::SerializeMap>, S::Error> {
        s.serialize_map(None).map(Entries)
    }

    /// A value written as its text (Antom's string-encoded scalars).
    struct Text<'a, T>(&'a T);

    impl<T: Display> Serialize for Text<'_, T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::stringly::serialize(self.0, s)
        }
    }

    impl<M: SerializeMap> Entries<M> {
        /// A field that is always written.
        #[inline]
        pub fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
            self.0.serialize_entry(key, value)
        }

        /// An optional field, written only when set.
        #[inline]
        pub fn option<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), M::Error> {
            match value {
                Some(v) => self.0.serialize_entry(key, v),
                None => Ok(()),
            }
        }

        /// A string-encoded field, always written.
        #[inline]
        pub fn text<T: Display>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
            self.0.serialize_entry(key, &Text(value))
        }

        /// A string-encoded optional field, written only when set.
        #[inline]
        pub fn text_option<T: Display>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), M::Error> {
            match value {
                Some(v) => self.0.serialize_entry(key, &Text(v)),
                None => Ok(()),
            }
        }

        /// Ends the object.
        #[inline]
        pub fn end(self) -> Result<M::Ok, M::Error> {
            self.0.end()
        }
    }
}

/// Reading a generated struct from a JSON object: what serde's derive does for a struct, said
/// once here, so each struct carries only its key `match`.
///
/// A struct's `Deserialize` is [`de::object`]; its [`de::Object::from_map`] matches each key
/// to a field and keeps the derive's rules: wire names, unknown keys skipped, a repeated key
/// refused, a missing required field named, a missing or `null` optional one `None`.
pub mod de {
    use std::borrow::Cow;
    use std::fmt;
    use std::marker::PhantomData;
    use std::str::FromStr;

    use serde::de::{DeserializeSeed, Error, IgnoredAny, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    /// A struct read from the entries of a JSON object.
    pub trait Object<'de>: Sized {
        /// What the input should have been, for the error when it is not an object.
        const EXPECTING: &'static str;
        /// Reads the struct from the object's entries.
        fn from_map<A: MapAccess<'de>>(map: Entries<'de, A>) -> Result<Self, A::Error>;
    }

    /// Reads an [`Object`]: the body of every generated struct's `Deserialize`.
    #[inline]
    pub fn object<'de, T: Object<'de>, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        d.deserialize_map(ObjectVisitor(PhantomData))
    }

    struct ObjectVisitor<T>(PhantomData<fn() -> T>);

    impl<'de, T: Object<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }

        #[inline]
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_map(Entries { map, de: PhantomData })
        }
    }

    /// An object's key: borrowed from the input, or owned when it had to be unescaped.
    pub struct Key<'de>(Cow<'de, str>);

    impl Key<'_> {
        /// The key's text.
        #[inline]
        pub fn as_str(&self) -> &str {
            &self.0
        }
    }

    impl<'de> Deserialize<'de> for Key<'de> {
        #[inline(always)]
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(KeyVisitor)
        }
    }

    struct KeyVisitor;

    impl<'de> Visitor<'de> for KeyVisitor {
        type Value = Key<'de>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a field name")
        }

        #[inline(always)]
        fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key<'de>, E> {
            Ok(Key(Cow::Borrowed(v)))
        }

        // Only a key with escapes is copied: rare, so kept out of the way of the common path.
        #[cold]
        fn visit_str<E: Error>(self, v: &str) -> Result<Key<'de>, E> {
            Ok(Key(Cow::Owned(v.to_owned())))
        }

        #[cold]
        fn visit_string<E: Error>(self, v: String) -> Result<Key<'de>, E> {
            Ok(Key(Cow::Owned(v)))
        }
    }

    /// The entries of the object being read, with the steps a struct's `from_map` takes.
    pub struct Entries<'de, A> {
        map: A,
        de: PhantomData<&'de ()>,
    }

    impl<'de, A: MapAccess<'de>> Entries<'de, A> {
        /// The next key, or `None` after the last entry.
        #[inline(always)]
        pub fn key(&mut self) -> Result<Option<Key<'de>>, A::Error> {
            self.map.next_key()
        }

        /// Reads the value of the field `name` into its slot; a second value for the same
        /// field is serde's `duplicate field` error.
        #[inline(always)]
        pub fn value<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error> {
            self.fill(slot, name, PhantomData)
        }

        /// [`Entries::value`] for a number or boolean sent as a string ([`super::stringly`]).
        #[inline]
        pub fn stringly<T: FromStr>(&mut self, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error> {
            self.fill(slot, name, Stringly(PhantomData))
        }

        /// [`Entries::stringly`] for an optional field: `null` reads as `None`.
        #[inline]
        pub fn stringly_option<T: FromStr>(
            &mut self,
            slot: &mut Option<Option<T>>,
            name: &'static str,
        ) -> Result<(), A::Error> {
            self.fill(slot, name, StringlyOption(PhantomData))
        }

        /// Reads the value with `seed` into an empty slot; a filled one is a repeated key.
        #[inline(always)]
        fn fill<S: DeserializeSeed<'de>>(
            &mut self,
            slot: &mut Option<S::Value>,
            name: &'static str,
            seed: S,
        ) -> Result<(), A::Error> {
            if slot.is_some() {
                return Err(A::Error::duplicate_field(name));
            }
            *slot = Some(self.map.next_value_seed(seed)?);
            Ok(())
        }

        /// Skips the value of a key the struct does not have.
        #[inline]
        pub fn skip(&mut self) -> Result<(), A::Error> {
            self.map.next_value::<IgnoredAny>().map(drop)
        }

        /// The value of a required field, or serde's `missing field` error naming it.
        #[inline(always)]
        pub fn required<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
            match slot {
                Some(v) => Ok(v),
                None => Err(A::Error::missing_field(name)),
            }
        }
    }

    struct Stringly<T>(PhantomData<T>);

    impl<'de, T: FromStr> DeserializeSeed<'de> for Stringly<T> {
        type Value = T;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            super::stringly::deserialize(d)
        }
    }

    struct StringlyOption<T>(PhantomData<T>);

    impl<'de, T: FromStr> DeserializeSeed<'de> for StringlyOption<T> {
        type Value = Option<T>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
            super::stringly::option::deserialize(d)
        }
    }
}

/// One documented operation: what to call, what the caller builds, and what every response
/// decodes into.
pub trait Endpoint {
    /// The method, path and (PayerMax) interface version the signing needs.
    const OPERATION: Operation;
    /// The business payload the caller builds (PayerMax: the envelope's `data`; Antom: the
    /// whole body; PingPong: `bizContent`). The gateway's [`Gateway`] adds the rest.
    type Request: Serialize + Validate;
    /// What every response body of the operation decodes into, success or error.
    type Response: Reply;
}

/// What a call of the operation `P` answers: its business data, or the gateway's failure.
pub type Answer<P> = Outcome<<<P as Endpoint>::Response as Reply>::Data, <<P as Endpoint>::Response as Reply>::Code>;

/// A gateway's signing configuration, as the calls use it: it turns a payload into the exact
/// signed HTTP request and checks the signature of what comes back. Implemented by each
/// provider's `Config`.
pub trait Gateway {
    /// The signed request for `payload`, the serialized business payload of `op`.
    fn request(&self, op: &Operation, payload: &[u8]) -> Result<http::Request<Vec<u8>>, AuthError>;
    /// Checks the response's signature (unless the config opted out).
    fn verify_response(&self, op: &Operation, response: &http::Response<Vec<u8>>) -> Result<(), AuthError>;
    /// Checks an incoming notification's signature; notifications are always verified.
    fn verify_notification(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<(), AuthError>;
}

macro_rules! gateway {
    ($($feature:literal => $config:ty),*) => {$(
        #[cfg(feature = $feature)]
        impl Gateway for $config {
            fn request(&self, op: &Operation, payload: &[u8]) -> Result<http::Request<Vec<u8>>, AuthError> {
                <$config>::request(self, op, payload)
            }
            fn verify_response(&self, op: &Operation, response: &http::Response<Vec<u8>>) -> Result<(), AuthError> {
                <$config>::verify_response(self, op, response)
            }
            fn verify_notification(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<(), AuthError> {
                <$config>::verify_notification(self, headers, body)
            }
        }
    )*};
}

gateway!(
    "payermax-core" => crate::auth::payermax::Config,
    "antom-core" => crate::auth::antom::Config,
    "pingpong-core" => crate::auth::pingpong::Config
);

/// Why a call did not produce an answer. The gateway's own documented errors are not here:
/// they are the `Err` of the [`Outcome`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request breaks documented constraints; nothing was sent.
    Invalid(Violations),
    /// The request could not be serialized; nothing was sent.
    Encode(serde_json::Error),
    /// The request could not be signed, or the response's signature is missing or wrong:
    /// nothing of an unverified response reaches the caller.
    Auth(AuthError),
    /// The exchange failed (connect, TLS, timeout). The gateway may still have received the
    /// request: query before sending it again.
    Transport(E),
    /// The response is not what the docs describe; `status` is its HTTP status.
    Decode { status: u16, error: DecodeError },
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(v) => write!(f, "invalid request: {v}"),
            Error::Encode(e) => write!(f, "cannot encode the request: {e}"),
            Error::Auth(e) => write!(f, "{e}"),
            Error::Transport(e) => write!(f, "transport: {e}"),
            Error::Decode { status, error } => write!(f, "cannot decode the response (HTTP {status}): {error}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {}

impl Error<Infallible> {
    /// The same error, in a call whose transport can fail.
    pub fn widen<E>(self) -> Error<E> {
        match self {
            Error::Invalid(v) => Error::Invalid(v),
            Error::Encode(e) => Error::Encode(e),
            Error::Auth(e) => Error::Auth(e),
            Error::Transport(never) => match never {},
            Error::Decode { status, error } => Error::Decode { status, error },
        }
    }
}

/// The sans-IO first half of a call: validates the payload and builds the exact signed
/// HTTP request (method, full URL, headers, body bytes). Any HTTP client can send it.
pub fn prepare<P: Endpoint, G: Gateway + ?Sized>(
    gateway: &G,
    request: &P::Request,
) -> Result<http::Request<Vec<u8>>, Error<Infallible>> {
    request.validate().map_err(Error::Invalid)?;
    let payload = serde_json::to_vec(request).map_err(Error::Encode)?;
    gateway.request(&P::OPERATION, &payload).map_err(Error::Auth)
}

/// The sans-IO second half: verifies the response's signature, then decodes it and applies
/// the provider's rule.
pub fn finish<P: Endpoint, G: Gateway + ?Sized>(
    gateway: &G,
    response: &http::Response<Vec<u8>>,
) -> Result<Answer<P>, Error<Infallible>> {
    gateway.verify_response(&P::OPERATION, response).map_err(Error::Auth)?;
    outcome::<P::Response>(response.body()).map_err(|error| Error::Decode { status: response.status().as_u16(), error })
}

/// Why an incoming notification was not accepted.
#[derive(Debug)]
pub enum NotificationError {
    /// The signature is missing or wrong: the body is not the gateway's, and none of it is
    /// handed on.
    Auth(AuthError),
    /// The signature holds but the body is not the documented JSON.
    Decode(DecodeError),
}

impl fmt::Display for NotificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotificationError::Auth(e) => write!(f, "notification rejected: {e}"),
            NotificationError::Decode(e) => write!(f, "cannot decode the notification: {e}"),
        }
    }
}

impl std::error::Error for NotificationError {}

/// Verifies an incoming notification's signature over the raw `headers` and `body`, then
/// decodes it into `T` (a generated notification type, or `serde_json::Value` where the
/// page documents no payload). A notification whose signature fails never reaches the
/// caller as data. Answer the gateway with its `Config::ACKNOWLEDGEMENT` afterwards.
pub fn notification<T: DeserializeOwned, G: Gateway + ?Sized>(
    gateway: &G,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<T, NotificationError> {
    gateway.verify_notification(headers, body).map_err(NotificationError::Auth)?;
    decode(body).map_err(NotificationError::Decode)
}

/// Validates, signs, sends, verifies and decodes one call over a blocking transport.
pub fn call<P: Endpoint, G: Gateway + ?Sized, T: Transport + ?Sized>(
    gateway: &G,
    transport: &T,
    request: &P::Request,
) -> Result<Answer<P>, Error<T::Error>> {
    let http_request = prepare::<P, G>(gateway, request).map_err(Error::widen)?;
    let response = transport.send(http_request).map_err(Error::Transport)?;
    finish::<P, G>(gateway, &response).map_err(Error::widen)
}

/// The same over an async transport.
pub async fn call_async<P: Endpoint, G: Gateway + ?Sized, T: AsyncTransport + ?Sized>(
    gateway: &G,
    transport: &T,
    request: &P::Request,
) -> Result<Answer<P>, Error<T::Error>> {
    let http_request = prepare::<P, G>(gateway, request).map_err(Error::widen)?;
    let response = transport.send(http_request).await.map_err(Error::Transport)?;
    finish::<P, G>(gateway, &response).map_err(Error::widen)
}

/// Required fields a builder was not given, by wire name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingFields(pub Vec<&'static str>);

impl fmt::Display for MissingFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("missing required fields: ")?;
        f.write_str(&self.0.join(", "))
    }
}

impl std::error::Error for MissingFields {}

/// Where and why a response failed to decode: the JSON path of the value (`data.goodsDetails[2].price`)
/// and what was wrong with it. It keeps no part of the body, so a card number or token in a
/// malformed response cannot reach a log through the error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The JSON path of the value that failed; empty for the body as a whole.
    pub path: String,
    /// What was wrong, without the value itself.
    pub message: String,
}

impl DecodeError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        DecodeError { path: path.into(), message: message.into() }
    }

    /// The same error for a value nested under `prefix` (`bizContent`).
    fn under(mut self, prefix: &str) -> Self {
        self.path = match (self.path.is_empty(), self.path.starts_with('[')) {
            (true, _) => prefix.to_string(),
            (false, true) => format!("{prefix}{}", self.path),
            (false, false) => format!("{prefix}.{}", self.path),
        };
        self
    }

    fn from_json(path: String, e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let message = match e.classify() {
            Category::Io => "the body could not be read".to_string(),
            Category::Syntax => format!("not JSON (line {} column {})", e.line(), e.column()),
            Category::Eof => "the body is cut short".to_string(),
            Category::Data => without_value(&e.to_string()),
        };
        DecodeError { path, message }
    }
}

/// serde's messages quote the offending value (`invalid type: string "4111…", expected i64`);
/// keep what was expected and drop the value.
fn without_value(message: &str) -> String {
    let message = message.rfind(" at line ").map_or(message, |i| &message[..i]);
    for kind in ["invalid type", "invalid value", "unknown variant"] {
        if message.starts_with(kind) {
            return match message.find(", expected") {
                Some(i) => format!("{kind}{}", &message[i..]),
                None => kind.to_string(),
            };
        }
    }
    message.to_string()
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

impl std::error::Error for DecodeError {}

/// Reads a JSON body into `T`; a failure names the JSON path of the value that failed.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        // `.` is the body itself, `?` a place serde cannot name (a syntax error before any key).
        let path = if path == "." || path == "?" { String::new() } else { path };
        DecodeError::from_json(path, e.inner())
    })?;
    de.end().map_err(|e| DecodeError::from_json(String::new(), &e))?;
    Ok(value)
}

/// What the gateway answered: the operation's business data, or why there is none.
pub type Outcome<T, C> = Result<T, Failure<C>>;

/// A response that is not a success, as the provider's own rule reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure<C> {
    /// The gateway refused or failed the call.
    Rejected(ApiError<C>),
    /// The gateway does not know the outcome yet (Antom `resultStatus` `U`). The payment may
    /// still go through: query its status before retrying it or telling the buyer it failed.
    Unknown(ApiError<C>),
}

impl<C> Failure<C> {
    /// The gateway's error, whichever kind of failure it is.
    pub fn error(&self) -> &ApiError<C> {
        match self {
            Failure::Rejected(e) | Failure::Unknown(e) => e,
        }
    }
}

impl<C: AsRef<str>> fmt::Display for Failure<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Rejected(e) => write!(f, "rejected: {e}"),
            Failure::Unknown(e) => write!(f, "outcome unknown, query again: {e}"),
        }
    }
}

impl<C: AsRef<str> + fmt::Debug> std::error::Error for Failure<C> {}

/// The gateway's own account of a failure: its result code, its message and the raw body.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError<C> {
    /// The result code (`PARAM_ILLEGAL`); codes the docs do not list arrive as `Unknown`.
    pub code: C,
    /// The gateway's message, as sent.
    pub message: String,
    raw: Box<[u8]>,
}

impl<C> ApiError<C> {
    pub fn new(code: C, message: String, raw: &[u8]) -> Self {
        ApiError { code, message, raw: raw.into() }
    }

    /// The response body exactly as received. It may carry the request's personal data, so
    /// it is not part of `Debug` or `Display`.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw
    }
}

impl<C: fmt::Debug> fmt::Debug for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("raw", &format_args!("<{} bytes>", self.raw.len()))
            .finish()
    }
}

impl<C: AsRef<str>> fmt::Display for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.code.as_ref())
        } else {
            write!(f, "{} ({})", self.code.as_ref(), self.message)
        }
    }
}

/// A response body, success or error, and the provider's rule that tells which it is.
pub trait Reply: DeserializeOwned {
    /// The business data a success carries.
    type Data;
    /// The provider's result codes.
    type Code;
    /// Applies the provider's rule; `raw` is the body the reply was decoded from.
    fn into_outcome(self, raw: &[u8]) -> Result<Outcome<Self::Data, Self::Code>, DecodeError>;
}

/// Reads a response body and applies the provider's rule: `Ok(Ok(data))` on success,
/// `Ok(Err(failure))` for the gateway's documented errors.
pub fn outcome<R: Reply>(body: &[u8]) -> Result<Outcome<R::Data, R::Code>, DecodeError> {
    decode::<R>(body)?.into_outcome(body)
}

/// How each provider says success, failure or "not known yet": one rule per provider, each
/// from the provider's docs.
pub mod rules {
    use super::{ApiError, DecodeError, Failure, Outcome};

    /// What a response's status fields say.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Verdict {
        Success,
        Failure,
        /// Not known yet: query again.
        Unknown,
    }

    /// PayerMax's success code: every other `code` is a failure.
    pub const PAYERMAX_SUCCESS: &str = "APPLY_SUCCESS";

    /// PayerMax: `code` is `APPLY_SUCCESS` on success.
    pub fn payermax(code: &str) -> Verdict {
        if code == PAYERMAX_SUCCESS { Verdict::Success } else { Verdict::Failure }
    }

    /// Antom: `result.resultStatus` is `S` (success), `F` (failure) or `U` (unknown: the
    /// call may still have taken effect; query before retrying).
    pub fn antom(result_status: &str) -> Verdict {
        match result_status {
            "S" => Verdict::Success,
            "U" => Verdict::Unknown,
            _ => Verdict::Failure,
        }
    }

    /// PingPong Checkout's codes of a request or transaction that succeeded, and of one still
    /// in progress, from its status-code table ("请求成功或交易成功",
    /// <https://acquirer-api-docs.pingpongx.com/pages/183abf>): `000000` transaction
    /// succeeded, `001000` request succeeded, `002000` transaction processing.
    pub const PINGPONG_SUCCESS: [&str; 2] = ["000000", "001000"];
    /// See [`PINGPONG_SUCCESS`].
    pub const PINGPONG_PROCESSING: &str = "002000";

    /// PingPong Checkout: `000000` and `001000` are successes; `002000` (processing) is not
    /// known yet, so query again; every other code is a failure.
    pub fn pingpong(code: &str) -> Verdict {
        if PINGPONG_SUCCESS.contains(&code) {
            Verdict::Success
        } else if code == PINGPONG_PROCESSING {
            Verdict::Unknown
        } else {
            Verdict::Failure
        }
    }

    /// The data of a success that sends none: only a type whose fields are all optional has it.
    pub fn empty<D: serde::de::DeserializeOwned>() -> Option<D> {
        serde_json::from_slice(b"{}").ok()
    }

    /// Builds the outcome from a verdict: a success must carry its data (`missing` names
    /// where it belongs); anything else is the gateway's error.
    pub fn outcome<D, C>(
        verdict: Verdict,
        code: C,
        message: String,
        data: Option<D>,
        missing: &str,
        raw: &[u8],
    ) -> Result<Outcome<D, C>, DecodeError> {
        match verdict {
            Verdict::Success => match data {
                Some(d) => Ok(Ok(d)),
                None => Err(DecodeError::new(missing, "missing from a successful response")),
            },
            Verdict::Failure => Ok(Err(Failure::Rejected(ApiError::new(code, message, raw)))),
            Verdict::Unknown => Ok(Err(Failure::Unknown(ApiError::new(code, message, raw)))),
        }
    }
}

/// The `result` object of every Antom response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AntomResult<C> {
    /// The result code (`SUCCESS`, `PARAM_ILLEGAL`, …).
    #[serde(rename = "resultCode")]
    pub result_code: C,
    /// `S` success, `F` failure, `U` unknown (query again).
    #[serde(rename = "resultStatus")]
    pub result_status: String,
    /// The gateway's message.
    #[serde(rename = "resultMessage", default)]
    pub result_message: String,
}

impl<C: Clone> AntomResult<C> {
    /// Applies Antom's rule to a whole response `body`, which is the success data itself.
    pub fn outcome<D>(&self, body: D, raw: &[u8]) -> Result<Outcome<D, C>, DecodeError> {
        let verdict = rules::antom(&self.result_status);
        rules::outcome(verdict, self.result_code.clone(), self.result_message.clone(), Some(body), "", raw)
    }
}

/// A PingPong Checkout response: the status fields, and the business data as the JSON
/// string `bizContent`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(bound(deserialize = "C: Deserialize<'de>"))]
pub struct PingPongReply<D, C> {
    pub code: C,
    #[serde(default)]
    pub description: String,
    #[serde(rename = "bizContent", default)]
    biz_content: Option<serde_json::Value>,
    #[serde(skip)]
    data: PhantomData<fn() -> D>,
}

impl<D: DeserializeOwned, C: AsRef<str> + DeserializeOwned> Reply for PingPongReply<D, C> {
    type Data = D;
    type Code = C;
    fn into_outcome(self, raw: &[u8]) -> Result<Outcome<D, C>, DecodeError> {
        let verdict = rules::pingpong(self.code.as_ref());
        let data = match (verdict, self.biz_content) {
            (rules::Verdict::Success, Some(serde_json::Value::String(s))) => {
                Some(decode::<D>(s.as_bytes()).map_err(|e| e.under("bizContent"))?)
            }
            (rules::Verdict::Success, Some(v)) => {
                let bytes = serde_json::to_vec(&v).map_err(|e| DecodeError::from_json("bizContent".into(), &e))?;
                Some(decode::<D>(&bytes).map_err(|e| e.under("bizContent"))?)
            }
            (rules::Verdict::Success, None) => rules::empty(),
            _ => None,
        };
        rules::outcome(verdict, self.code, self.description, data, "bizContent", raw)
    }
}
