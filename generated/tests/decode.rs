//! Reading response types from JSON: their generated `Deserialize` (`runtime::de`) keeps
//! serde's derived rules: wire names, missing and repeated fields, unknown keys, `null`
//! options, escaped keys, string-encoded scalars, and decode errors that name the JSON path.

#![cfg(feature = "payermax-create-paybylink")]

use paydoc_sdk::payermax::create_paybylink::{CreatePaybylinkResponse, CreatePaybylinkResponseData, LinkStatus};
use paydoc_sdk::runtime;

/// The page's response `data` fields, each given once, with `extra` spliced in after them.
fn data_with(extra: &str) -> String {
    format!(
        r#"{{"linkId": "l", "merchantLinkId": "m", "linkUrl": "u", "linkStatus": "ACTIVE",
            "qrCodeUrl": "q", "expiresAt": "e"{extra}}}"#
    )
}

fn read(json: &str) -> Result<CreatePaybylinkResponseData, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn fields_are_read_by_their_wire_names() {
    let d = read(&data_with("")).expect("reads");
    assert_eq!((d.link_id.as_str(), d.merchant_link_id.as_str(), d.link_url.as_str()), ("l", "m", "u"));
    assert_eq!((d.qr_code_url.as_str(), d.expires_at.as_str()), ("q", "e"));
    assert_eq!(d.link_status, LinkStatus::Active);
    // The Rust name is not a wire name: `link_id` is an unknown key, so `linkId` is missing.
    let err = read(&data_with("").replace("\"linkId\"", "\"link_id\"")).expect_err("Rust name");
    assert!(err.to_string().starts_with("missing field `linkId`"), "{err}");
}

#[test]
fn a_missing_required_field_is_named_by_its_wire_name() {
    let err = read(&data_with("").replace(r#""merchantLinkId": "m","#, "")).expect_err("left out");
    assert!(err.to_string().starts_with("missing field `merchantLinkId`"), "{err}");
}

#[test]
fn a_repeated_key_is_refused() {
    let err = read(&data_with(r#", "linkUrl": "again""#)).expect_err("twice");
    assert!(err.to_string().starts_with("duplicate field `linkUrl`"), "{err}");
    // A `null` counts as the first value of an optional field, as with serde's derive.
    let err = serde_json::from_str::<CreatePaybylinkResponse>(r#"{"code": "x", "data": null, "data": null}"#)
        .expect_err("an optional field twice");
    assert!(err.to_string().starts_with("duplicate field `data`"), "{err}");
}

#[test]
fn unknown_keys_of_any_shape_are_skipped() {
    let d = read(&data_with(r#", "brandNew": {"deep": [1, {"x": null}]}, "n": 3.5, "s": "t""#)).expect("reads");
    assert_eq!(d.link_id, "l");
}

#[test]
fn a_null_or_missing_option_and_a_missing_default_are_filled_in() {
    let r: CreatePaybylinkResponse = serde_json::from_str(r#"{"code": "APPLY_SUCCESS", "data": null}"#).expect("null");
    assert!(r.data.is_none());
    assert_eq!(r.msg, "", "`msg` is read as empty when absent");
    let r: CreatePaybylinkResponse = serde_json::from_str(r#"{"code": "APPLY_SUCCESS"}"#).expect("absent");
    assert!(r.data.is_none());
    // `default` is not `Option`: a `null` message is still the wrong type.
    assert!(serde_json::from_str::<CreatePaybylinkResponse>(r#"{"code": "x", "msg": null}"#).is_err());
}

#[test]
fn escaped_keys_match_like_plain_ones() {
    // `\u0049` is `I`: the key arrives unescaped into a new string, not borrowed from the input.
    let d = read(&data_with("").replace("\"linkId\"", r#""link\u0049d""#)).expect("escaped key");
    assert_eq!(d.link_id, "l");
    // The same from a `serde_json::Value`, whose keys are owned strings.
    let value: serde_json::Value = serde_json::from_str(&data_with("")).expect("json");
    let d: CreatePaybylinkResponseData = serde_json::from_value(value).expect("from a Value");
    assert_eq!(d.expires_at, "e");
}

#[test]
fn anything_but_an_object_names_the_struct_it_expected() {
    let err = read(r#"["l", "m"]"#).expect_err("an array");
    assert!(
        err.to_string().starts_with("invalid type: sequence, expected struct CreatePaybylinkResponseData"),
        "{err}"
    );
    let err = read(r#""l""#).expect_err("a string");
    assert!(
        err.to_string().starts_with("invalid type: string \"l\", expected struct CreatePaybylinkResponseData"),
        "{err}"
    );
}

#[test]
fn decode_errors_name_the_json_path() {
    let body = format!(r#"{{"code": "APPLY_SUCCESS", "data": {}}}"#, data_with("").replace(r#""u""#, "7"));
    let err = runtime::outcome::<CreatePaybylinkResponse>(body.as_bytes()).expect_err("a number for a string");
    assert_eq!(err.path, "data.linkUrl");
    assert_eq!(err.to_string(), "data.linkUrl: invalid type, expected a string");
    // An escaped key is still named in the path.
    let body = body.replace("\"linkUrl\"", r#""link\u0055rl""#);
    let err = runtime::outcome::<CreatePaybylinkResponse>(body.as_bytes()).expect_err("escaped key");
    assert_eq!(err.path, "data.linkUrl");
    let body = format!(r#"{{"code": "APPLY_SUCCESS", "data": {}}}"#, data_with(r#", "linkId": "again""#));
    // A repeated key is refused before its value is read: the error is the object's, as with
    // serde's derive.
    let err = runtime::outcome::<CreatePaybylinkResponse>(body.as_bytes()).expect_err("repeated key");
    assert_eq!(err.to_string(), "data: duplicate field `linkId`");
}

/// Antom sends numbers and booleans as strings; a response field that is one reads through
/// `Entries::stringly`, as a generated `from_map` calls it.
#[test]
fn string_encoded_scalars_read_from_strings_and_plain_values() {
    struct Counts {
        count: i64,
        flag: Option<bool>,
    }
    impl<'de> serde::Deserialize<'de> for Counts {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            runtime::de::object(d)
        }
    }
    impl<'de> runtime::de::Object<'de> for Counts {
        const EXPECTING: &'static str = "struct Counts";
        fn from_map<A: serde::de::MapAccess<'de>>(mut map: runtime::de::Entries<'de, A>) -> Result<Self, A::Error> {
            let mut count = None;
            let mut flag = None;
            while let Some(key) = map.key()? {
                match key.as_str() {
                    "count" => map.stringly(&mut count, "count")?,
                    "flag" => map.stringly_option(&mut flag, "flag")?,
                    _ => map.skip()?,
                }
            }
            Ok(Self { count: map.required(count, "count")?, flag: flag.flatten() })
        }
    }
    let read = |json: &str| serde_json::from_str::<Counts>(json).map(|c| (c.count, c.flag));
    assert_eq!(read(r#"{"count": "3", "flag": "true"}"#).expect("strings"), (3, Some(true)));
    assert_eq!(read(r#"{"count": 3, "flag": false}"#).expect("plain values"), (3, Some(false)));
    assert_eq!(read(r#"{"count": "3", "flag": null}"#).expect("null"), (3, None));
    assert_eq!(read(r#"{"count": "3"}"#).expect("absent"), (3, None));
    let err = read(r#"{"flag": "true"}"#).expect_err("count left out");
    assert!(err.to_string().starts_with("missing field `count`"), "{err}");
    let err = read(r#"{"count": "3", "count": "4"}"#).expect_err("twice");
    assert!(err.to_string().starts_with("duplicate field `count`"), "{err}");
    assert!(read(r#"{"count": "three"}"#).is_err());
}
