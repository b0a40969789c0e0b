//! The example JSON of a synthetic page, pretty-printed and split into the tokens highlighters colour.

use super::*;

pub(super) enum J {
    Str(String),
    Num(String),
    Bool(bool),
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
}

pub(super) fn sample_value(f: &Fld, lang: Lang, rng: &mut Rng) -> J {
    match f.ty {
        Ty::Int => J::Num(rng.range(1, 1000).to_string()),
        Ty::Num => J::Num(format!("{}.{}", rng.range(0, 99), rng.range(1, 9))),
        Ty::Bool => J::Bool(rng.percent(50)),
        Ty::StrArr => J::Arr(vec![J::Str("CARD".into()), J::Str("APPLEPAY".into())]),
        Ty::Obj => J::Obj(example(&f.children, lang, rng)),
        Ty::ObjArr => J::Arr(vec![J::Obj(example(&f.children, lang, rng))]),
        Ty::Str => {
            if let Some(c) = f.constant {
                return J::Str(c.to_string());
            }
            if !f.enums.is_empty() {
                return J::Str(rng.pick(&f.enums).to_string());
            }
            let zh = lang == Lang::Zh;
            let s = match f.hint {
                "Id" | "No" | "Ref" => {
                    format!("{}{:010}", &f.name[..1].to_ascii_uppercase(), rng.next() % 10_000_000_000)
                }
                "Time" => "2022-01-22T10:00:00.500+08:00".into(),
                "Date" => "2022-01-22".into(),
                "Url" => "https://www.example.com/notify".into(),
                "Email" => "test@example.com".into(),
                "Phone" => "+6281234567890".into(),
                "Country" => "ID".into(),
                "Currency" => "IDR".into(),
                "Amount" => format!("{}", rng.range(1, 99999)),
                "Zip" => "10110".into(),
                "Name" if zh => "孟艳".into(),
                "Name" => "ZHANGSAN".into(),
                "City" if zh => "北京".into(),
                "Remark" | "Desc" | "Label" if zh => "冬季新款减震跑步运动鞋".into(),
                "Remark" | "Desc" | "Label" => "winter running shoes".into(),
                "Version" => "1.0".into(),
                _ => "a1b2c3".into(),
            };
            let max = f.max_len.map_or(usize::MAX, |m| m as usize);
            J::Str(s.chars().take(max).collect())
        }
    }
}

pub(super) fn example(fields: &[Fld], lang: Lang, rng: &mut Rng) -> Vec<(String, J)> {
    fields
        .iter()
        .map(|f| {
            let v = match f.name.as_str() {
                "Content-Type" => J::Str("application/json".into()),
                "version" => J::Str("1.1".into()),
                "keyVersion" => J::Str("1".into()),
                "code" => J::Str("APPLY_SUCCESS".into()),
                "msg" => J::Str("Success.".into()),
                _ => sample_value(f, lang, rng),
            };
            (f.name.clone(), v)
        })
        .collect()
}

pub(super) fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One line of pretty-printed JSON, split into the tokens highlighters colour.
pub(super) struct JLine {
    pub(super) indent: usize,
    pub(super) key: Option<String>,
    /// The value token: `{`, `[`, `}`, `]`, `{}`, `[]` or a scalar literal.
    pub(super) value: String,
    /// What kind of token `value` is: punctuation, string, number or boolean.
    pub(super) class: &'static str,
    pub(super) comma: bool,
}

pub(super) fn json_lines(value: &J) -> Vec<JLine> {
    fn go(out: &mut Vec<JLine>, key: Option<String>, v: &J, indent: usize, comma: bool) {
        let scalar = |value: String, class| JLine { indent, key: key.clone(), value, class, comma };
        match v {
            J::Str(s) => out.push(scalar(json_str(s), "string")),
            J::Num(n) => out.push(scalar(n.clone(), "number")),
            J::Bool(b) => out.push(scalar(b.to_string(), "boolean")),
            J::Obj(items) if items.is_empty() => out.push(scalar("{}".into(), "punctuation")),
            J::Arr(items) if items.is_empty() => out.push(scalar("[]".into(), "punctuation")),
            J::Obj(items) => {
                out.push(JLine { indent, key: key.clone(), value: "{".into(), class: "punctuation", comma: false });
                for (i, (k, v)) in items.iter().enumerate() {
                    go(out, Some(k.clone()), v, indent + 1, i + 1 < items.len());
                }
                out.push(JLine { indent, key: None, value: "}".into(), class: "punctuation", comma });
            }
            J::Arr(items) => {
                out.push(JLine { indent, key: key.clone(), value: "[".into(), class: "punctuation", comma: false });
                for (i, v) in items.iter().enumerate() {
                    go(out, None, v, indent + 1, i + 1 < items.len());
                }
                out.push(JLine { indent, key: None, value: "]".into(), class: "punctuation", comma });
            }
        }
    }
    let mut out = Vec::new();
    go(&mut out, None, value, 0, false);
    out
}

pub(super) fn json_plain(lines: &[JLine]) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(&"  ".repeat(l.indent));
        if let Some(k) = &l.key {
            let _ = write!(out, "{}: ", json_str(k));
        }
        out.push_str(&l.value);
        if l.comma {
            out.push(',');
        }
        out.push('\n');
    }
    out.pop();
    out
}
