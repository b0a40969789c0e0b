//! Rust names for wire names: case conversion, keywords, digits, and odd characters.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keeps the characters a Rust identifier may hold (Unicode XID_Continue, as typify's
/// sanitizer does); everything else becomes a separator: `areaM²` is `area_m`, the wire
/// name stays in `#[serde(rename)]`.
fn clean(wire: &str) -> String {
    wire.chars().map(|c| if unicode_ident::is_xid_continue(c) { c } else { ' ' }).collect()
}

/// Whether a made name is one `proc_macro2::Ident` accepts: XID_Start or `_` first, then
/// XID_Continue. Case conversion can produce letters the wire name lacked.
fn is_ident(s: &str) -> bool {
    let body = s.strip_prefix("r#").unwrap_or(s);
    let mut chars = body.chars();
    chars.next().is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(unicode_ident::is_xid_continue)
}

/// Drops what is still not an identifier character after case conversion.
fn ident_only(s: String) -> String {
    if is_ident(&s) { s } else { s.chars().filter(|c| unicode_ident::is_xid_continue(*c)).collect() }
}

/// The Cargo feature of one operation: `<provider>-<module in kebab-case>`
/// (`payermax-create-paybylink`).
pub fn feature(provider: &str, module: &str) -> String {
    let module = module.trim_start_matches("r#").trim_end_matches('_').replace('_', "-");
    format!("{provider}-{module}")
}

/// The Cargo feature of a provider's module without its operations: client, signing, result
/// codes (`payermax-core`). Every operation feature enables it.
pub fn core_feature(provider: &str) -> String {
    format!("{provider}-core")
}

/// A field name: `snake_case`, never a keyword (raw where allowed), never starting with a digit.
pub fn field(wire: &str) -> String {
    let mut s = ident_only(clean(wire).to_snake_case());
    if s.is_empty() || s == "_" {
        s = "field".into();
    }
    if !s.starts_with(|c: char| c == '_' || unicode_ident::is_xid_start(c)) {
        s = format!("n{s}");
    }
    if KEYWORDS.contains(&s.as_str()) {
        s = match s.as_str() {
            "self" | "crate" | "super" | "Self" => format!("{s}_"),
            _ => format!("r#{s}"),
        };
    }
    s
}

/// A type or variant name: `UpperCamelCase`, never starting with a digit, never `Self`.
pub fn type_name(wire: &str) -> String {
    let mut s = ident_only(clean(wire).to_upper_camel_case());
    if s.is_empty() {
        s = "Empty".into();
    }
    if !s.starts_with(|c: char| unicode_ident::is_xid_start(c)) {
        s = format!("V{s}");
    }
    if s.starts_with(|c: char| c.is_lowercase()) {
        // Scripts heck cannot capitalize keep their letters; a lower-case start would not
        // be camel case.
        s = format!("V{s}");
    }
    // `Self`, and prelude names a generated item would shadow in the code around it.
    if matches!(s.as_str(), "Self" | "Result" | "Option" | "Some" | "None" | "Ok" | "Err" | "String" | "Vec" | "Box") {
        s.push_str("Value");
    }
    s
}

/// A module name for an operation: a keyword gets a trailing underscore, since a module
/// file cannot be a raw identifier.
pub fn module(operation: &str) -> String {
    let s = field(operation);
    match s.strip_prefix("r#") {
        Some(kw) => format!("{kw}_"),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_wire_names_become_valid_identifiers() {
        assert_eq!(field("keyVersion"), "key_version");
        assert_eq!(field("Content-Type"), "content_type");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("3ds"), "n3ds");
        assert_eq!(field("user name"), "user_name");
        assert_eq!(type_name("UNSCHDULED"), "Unschduled");
        assert_eq!(type_name("02"), "V02");
        assert_eq!(type_name(""), "Empty");
        assert_eq!(type_name("A-B"), type_name("A_B"));
        assert_eq!(type_name("result"), "ResultValue");
        assert_eq!(type_name("Self"), "SelfValue");
    }

    #[test]
    fn names_that_are_not_identifiers_are_made_valid() {
        for wire in
            ["areaM²", "m²", "²", "½price", "price€", "x\u{200b}y", "٣ds", "Ⅻ", "a\u{301}", "\u{301}a", "ǅx", "ß", "_"]
        {
            for name in [field(wire), type_name(wire), module(wire)] {
                assert!(is_ident(&name), "{wire:?} gave {name:?}");
                let _ =
                    proc_macro2::Ident::new(name.strip_prefix("r#").unwrap_or(&name), proc_macro2::Span::call_site());
            }
        }
        assert_eq!(field("areaM²"), "area_m");
        assert_eq!(type_name("areaM²"), "AreaM");
    }
}
