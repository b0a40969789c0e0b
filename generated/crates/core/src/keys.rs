//! RSA keys as the gateways hand them out (bare base64 DER or PEM): SHA256withRSA signing and verification on `ring`.
//!
//! A merchant private key is PKCS#8 (`-----BEGIN PRIVATE KEY-----`, or the bare base64 of its
//! DER, as PayerMax and Antom issue it) or PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`). A gateway
//! public key is X.509 SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`, or bare base64) or
//! PKCS#1 (`-----BEGIN RSA PUBLIC KEY-----`). Keys are checked when they are read, so a garbled
//! or wrong-kind key fails at configuration time, not on the first payment. Neither type shows
//! any key material in `Debug`, and no error carries any.
//!
//! Signatures are RSASSA-PKCS1-v1_5 with SHA-256 (Java's `SHA256withRSA`), which is
//! deterministic: the same key and message always give the same bytes, so
//! `openssl dgst -sha256 -sign` is an exact oracle.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ring::rand::SystemRandom;
use ring::signature::{self, RsaKeyPair};

/// Why a key could not be read or used. Never contains key material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The text is empty (or only whitespace).
    Empty,
    /// A PEM block is cut short or has no matching `-----END …-----` line.
    MalformedPem,
    /// The PEM label names another kind of key (`expected` what this type reads).
    WrongPemLabel {
        /// The label found, e.g. `CERTIFICATE`.
        found: String,
        /// What this type accepts.
        expected: &'static str,
    },
    /// The text is not base64.
    NotBase64,
    /// The bytes are not a key of the expected kind; the reason says why.
    Invalid {
        /// What was expected, e.g. "an RSA private key (PKCS#8 or PKCS#1)".
        expected: &'static str,
        /// Why it was refused, in a few words.
        reason: &'static str,
    },
    /// The private-key operation failed (the system random source, used for blinding, failed).
    SigningFailed,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Empty => f.write_str("key is empty"),
            KeyError::MalformedPem => f.write_str("key: malformed PEM (missing or mismatched BEGIN/END line)"),
            KeyError::WrongPemLabel { found, expected } => {
                write!(f, "key: PEM block is `{found}`, expected {expected}")
            }
            KeyError::NotBase64 => f.write_str("key: not base64 (nor PEM)"),
            KeyError::Invalid { expected, reason } => write!(f, "key: not {expected}: {reason}"),
            KeyError::SigningFailed => f.write_str("signing failed (system random source unavailable)"),
        }
    }
}

impl std::error::Error for KeyError {}

/// A signature did not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadSignature;

impl fmt::Display for BadSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("signature does not verify")
    }
}

impl std::error::Error for BadSignature {}

const PRIVATE: &str = "an RSA private key (PKCS#8 or PKCS#1)";
const PUBLIC: &str = "an RSA public key (X.509 SubjectPublicKeyInfo or PKCS#1)";

/// A merchant's RSA private key, for signing requests (and, in tests, anything else).
pub struct PrivateKey {
    pair: RsaKeyPair,
    rng: SystemRandom,
}

impl PrivateKey {
    /// Reads a private key from bare base64 PKCS#8 (or PKCS#1) DER, whitespace and line
    /// breaks allowed, or from PEM (`PRIVATE KEY` = PKCS#8, `RSA PRIVATE KEY` = PKCS#1). Keys under 2048 bits
    /// are refused.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let (label, der) = decode_text(text)?;
        let pair = match label.as_deref() {
            // Bare base64 is PKCS#8 as the gateways issue it; PKCS#1 DER is accepted too.
            None => RsaKeyPair::from_pkcs8(&der).or_else(|e| RsaKeyPair::from_der(&der).map_err(|_| e)),
            Some("PRIVATE KEY") => RsaKeyPair::from_pkcs8(&der),
            Some("RSA PRIVATE KEY") => RsaKeyPair::from_der(&der),
            Some(other) => {
                return Err(KeyError::WrongPemLabel {
                    found: other.to_string(),
                    expected: "`PRIVATE KEY` or `RSA PRIVATE KEY`",
                });
            }
        }
        .map_err(|e| KeyError::Invalid { expected: PRIVATE, reason: rejected(&e) })?;
        Ok(PrivateKey { pair, rng: SystemRandom::new() })
    }

    /// RSASSA-PKCS1-v1_5 SHA-256 signature of `msg` (deterministic).
    pub fn sign_sha256(&self, msg: &[u8]) -> Result<Vec<u8>, KeyError> {
        let mut sig = vec![0; self.pair.public().modulus_len()];
        self.pair.sign(&signature::RSA_PKCS1_SHA256, &self.rng, msg, &mut sig).map_err(|_| KeyError::SigningFailed)?;
        Ok(sig)
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        let pkcs1 = self.pair.public().as_ref().to_vec();
        PublicKey { bits: self.pair.public().modulus_len() * 8, pkcs1 }
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.pair.public().modulus_len() * 8
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey(RSA {} bits, redacted)", self.bits())
    }
}

/// A gateway's RSA public key, for verifying what it signs.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// PKCS#1 `RSAPublicKey` DER, what `ring` verifies with.
    pkcs1: Vec<u8>,
    bits: usize,
}

impl PublicKey {
    /// Reads a public key from bare base64 SubjectPublicKeyInfo (or PKCS#1) DER, whitespace
    /// allowed, or PEM (`PUBLIC KEY` = SubjectPublicKeyInfo, `RSA PUBLIC KEY` = PKCS#1). Only RSA keys of
    /// 2048 to 8192 bits are accepted.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let (label, der) = decode_text(text)?;
        let pkcs1 = match label.as_deref() {
            // Bare base64 is SubjectPublicKeyInfo as the gateways issue it; PKCS#1 DER is accepted too.
            None => match der::spki_rsa(&der) {
                Ok(inner) => inner.to_vec(),
                Err(e) => der::rsa_public_key_bits(&der).map(|_| der).map_err(|_| invalid_public(e))?,
            },
            Some("PUBLIC KEY") => der::spki_rsa(&der).map_err(invalid_public)?.to_vec(),
            Some("RSA PUBLIC KEY") => der,
            Some(other) => {
                return Err(KeyError::WrongPemLabel {
                    found: other.to_string(),
                    expected: "`PUBLIC KEY` or `RSA PUBLIC KEY`",
                });
            }
        };
        let bits = der::rsa_public_key_bits(&pkcs1).map_err(invalid_public)?;
        if !(2048..=8192).contains(&bits) {
            return Err(invalid_public("modulus is not 2048 to 8192 bits"));
        }
        Ok(PublicKey { pkcs1, bits })
    }

    /// Checks an RSASSA-PKCS1-v1_5 SHA-256 signature of `msg`.
    pub fn verify_sha256(&self, msg: &[u8], sig: &[u8]) -> Result<(), BadSignature> {
        signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &self.pkcs1)
            .verify(msg, sig)
            .map_err(|_| BadSignature)
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey(RSA {} bits)", self.bits)
    }
}

/// ring's reason for refusing a private key, in words (its texts are fixed, not key data).
fn rejected(e: &ring::error::KeyRejected) -> &'static str {
    match e.to_string().as_str() {
        "InvalidEncoding" => "not a valid DER encoding",
        "WrongAlgorithm" => "not an RSA key",
        "TooSmall" => "modulus under 2048 bits",
        "TooLarge" => "modulus over 8192 bits",
        "VersionNotSupported" => "unsupported key version",
        "InconsistentComponents" | "InvalidComponent" => "inconsistent key components",
        "PublicKeyIsMissing" => "public key missing",
        _ => "refused by the RSA implementation",
    }
}

fn invalid_public(reason: &'static str) -> KeyError {
    KeyError::Invalid { expected: PUBLIC, reason }
}

/// The PEM label (None for bare base64) and the DER bytes of a key's text.
fn decode_text(text: &str) -> Result<(Option<String>, Vec<u8>), KeyError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(KeyError::Empty);
    }
    let (label, body) = match text.strip_prefix("-----BEGIN ") {
        None => (None, text),
        Some(rest) => {
            let (label, rest) = rest.split_once("-----").ok_or(KeyError::MalformedPem)?;
            let end = format!("-----END {label}-----");
            let (body, after) = rest.split_once(end.as_str()).ok_or(KeyError::MalformedPem)?;
            if !after.trim().is_empty() {
                return Err(KeyError::MalformedPem);
            }
            // Encrypted or annotated PEM (`Proc-Type:` headers) is not supported.
            if body.contains(':') {
                return Err(KeyError::Invalid { expected: "an unencrypted PEM key", reason: "PEM headers present" });
            }
            (Some(label.to_string()), body)
        }
    };
    let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = STANDARD.decode(compact.as_bytes()).map_err(|_| KeyError::NotBase64)?;
    if der.is_empty() {
        return Err(KeyError::Empty);
    }
    Ok((label, der))
}

/// Just enough DER to unwrap an RSA SubjectPublicKeyInfo: every length is bounds-checked.
mod der {
    const SEQUENCE: u8 = 0x30;
    const INTEGER: u8 = 0x02;
    const BIT_STRING: u8 = 0x03;
    const OID: u8 = 0x06;
    const NULL: u8 = 0x05;
    /// 1.2.840.113549.1.1.1 (rsaEncryption).
    const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

    /// Splits one TLV with tag `tag` off the front of `input`: (contents, rest).
    fn take(input: &[u8], tag: u8) -> Result<(&[u8], &[u8]), &'static str> {
        let (&t, rest) = input.split_first().ok_or("truncated")?;
        if t != tag {
            return Err("unexpected DER structure");
        }
        let (&first, rest) = rest.split_first().ok_or("truncated")?;
        let (len, rest) = if first < 0x80 {
            (first as usize, rest)
        } else {
            let n = (first & 0x7f) as usize;
            if n == 0 || n > 4 || rest.len() < n {
                return Err("bad DER length");
            }
            let len = rest[..n].iter().fold(0usize, |acc, &b| (acc << 8) | b as usize);
            (len, &rest[n..])
        };
        if rest.len() < len {
            return Err("truncated");
        }
        Ok(rest.split_at(len))
    }

    /// The PKCS#1 `RSAPublicKey` inside an X.509 SubjectPublicKeyInfo.
    pub(super) fn spki_rsa(der: &[u8]) -> Result<&[u8], &'static str> {
        let (spki, rest) = take(der, SEQUENCE)?;
        if !rest.is_empty() {
            return Err("trailing bytes");
        }
        let (alg, rest) = take(spki, SEQUENCE)?;
        let (oid, params) = take(alg, OID)?;
        if oid != RSA_ENCRYPTION {
            return Err("not an RSA key");
        }
        if !params.is_empty() {
            let (null, after) = take(params, NULL)?;
            if !null.is_empty() || !after.is_empty() {
                return Err("unexpected algorithm parameters");
            }
        }
        let (bits, rest) = take(rest, BIT_STRING)?;
        if !rest.is_empty() {
            return Err("trailing bytes");
        }
        match bits.split_first() {
            Some((0, key)) => Ok(key),
            _ => Err("bad BIT STRING"),
        }
    }

    /// Size in bits of the modulus of a PKCS#1 `RSAPublicKey { modulus, publicExponent }`.
    pub(super) fn rsa_public_key_bits(der: &[u8]) -> Result<usize, &'static str> {
        let (seq, rest) = take(der, SEQUENCE)?;
        if !rest.is_empty() {
            return Err("trailing bytes");
        }
        let (modulus, rest) = take(seq, INTEGER)?;
        let (exponent, rest) = take(rest, INTEGER)?;
        if !rest.is_empty() || exponent.is_empty() {
            return Err("unexpected DER structure");
        }
        let modulus = match modulus {
            [0, tail @ ..] => tail,
            m => m,
        };
        match modulus.first() {
            Some(&b) if b != 0 => Ok(modulus.len() * 8 - b.leading_zeros() as usize),
            _ => Err("empty modulus"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_refused_without_echoing_it() {
        for (text, want) in [
            ("", KeyError::Empty),
            ("   \n", KeyError::Empty),
            ("not base64 !!", KeyError::NotBase64),
            ("-----BEGIN PRIVATE KEY-----\nAAAA\n", KeyError::MalformedPem),
        ] {
            assert_eq!(PrivateKey::from_text(text).err(), Some(want.clone()), "{text:?}");
            assert_eq!(PublicKey::from_text(text).err(), Some(want), "{text:?}");
        }
        let err = PrivateKey::from_text("c2VjcmV0c2VjcmV0").expect_err("not a key");
        assert!(!err.to_string().contains("c2VjcmV0"), "{err}");
        assert!(matches!(err, KeyError::Invalid { .. }), "{err:?}");
        let err =
            PublicKey::from_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").expect_err("label");
        assert_eq!(err.to_string(), "key: PEM block is `CERTIFICATE`, expected `PUBLIC KEY` or `RSA PUBLIC KEY`");
    }

    #[test]
    fn der_reader_refuses_truncation_and_other_algorithms() {
        // SEQUENCE claiming 5 bytes with 1 present.
        assert!(der::spki_rsa(&[0x30, 0x05, 0x00]).is_err());
        // Long-form length longer than the input.
        assert!(der::spki_rsa(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err());
        // An EC SubjectPublicKeyInfo prefix: OID 1.2.840.10045.2.1.
        let ec = [0x30, 0x0d, 0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x03, 0x00];
        assert_eq!(der::spki_rsa(&ec), Err("not an RSA key"));
        // RSAPublicKey with a 2-byte modulus 0x00 0x81 → 8 bits.
        assert_eq!(der::rsa_public_key_bits(&[0x30, 0x07, 0x02, 0x02, 0x00, 0x81, 0x02, 0x01, 0x03]), Ok(8));
    }
}
