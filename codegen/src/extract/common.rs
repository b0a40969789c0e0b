//! What the site extractors share: reading types, required flags, constraints and hints
//! out of cell and description text, splitting run-together rows, and building field trees.

use crate::doc::{Block, Document, Loc};
use crate::spec::{Field, Format, Origin, Spec, Type, WarningKind};

/// The role of a table column, from its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Name,
    In,
    Type,
    Required,
    Constraints,
    /// A column of bare maximum lengths (`Max. Length`, `最大长度`): read as constraints, and
    /// in a run-together row the digits after the required flag.
    Length,
    Description,
    Enum,
    Code,
    Status,
    Message,
    Action,
    /// An example value for the field (`Example Value`, `示例值`): not a constraint.
    Example,
    Other,
}

pub fn column_role(title: &str) -> Col {
    // Dots and runs of spaces do not change a title: `Max. Length` is `max length`.
    let t = title.to_lowercase().replace('.', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    match t.as_str() {
        "field" | "fields" | "name" | "parameter" | "param" | "parameter name" | "field name" | "参数名"
        | "参数名称" | "参数" | "字段" | "字段名" | "名称" | "字段名称" | "参数字段" => Col::Name,
        "in" | "location" | "位置" => Col::In,
        "type" | "data type" | "类型" | "数据类型" | "参数类型" => Col::Type,
        "required"
        | "mandatory"
        | "mandatory (y/n)"
        | "required (y/n)"
        | "whether it is required"
        | "if required"
        | "是否必填"
        | "是否必须"
        | "必填"
        | "必选"
        | "参数属性"
        | "必填属性"
        | "attribute" => Col::Required,
        "constraints" | "constraint" | "约束" => Col::Constraints,
        "length" | "max length" | "maximum length" | "length max" | "长度" | "最大长度" => Col::Length,
        "example" | "example value" | "example values" | "示例" | "示例值" => Col::Example,
        "description" | "remark" | "remarks" | "描述" | "说明" | "备注" | "参数说明" => Col::Description,
        "enum" | "enums" | "枚举" | "枚举值" | "values" => Col::Enum,
        "result code" | "code" | "结果码" => Col::Code,
        "result status" | "status" | "结果状态" => Col::Status,
        "result message" | "message" | "结果码信息" | "结果信息" => Col::Message,
        "further action" | "行动建议" | "处理建议" => Col::Action,
        _ => Col::Other,
    }
}

/// The cells of a field-table row, by role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldRow {
    pub name: String,
    /// How deep a tree-drawn table nests the row under the rows above it (`└─ name` is 1);
    /// 0 for a top-level row or a dotted path.
    pub depth: usize,
    pub location: String,
    pub ty: String,
    pub required: String,
    pub constraints: String,
    pub description: String,
    pub enum_cell: String,
}

/// Maps the cells of a row under `roles` to a [`FieldRow`]. Where a copy lost an empty cell
/// and a description slid into the Constraints column, it is moved back.
pub fn field_row(roles: &[Col], cells: &[String]) -> FieldRow {
    let mut row = FieldRow::default();
    for (role, cell) in roles.iter().zip(cells) {
        let slot = match role {
            Col::Name => &mut row.name,
            Col::In => &mut row.location,
            Col::Type => &mut row.ty,
            Col::Required => &mut row.required,
            Col::Constraints | Col::Length => &mut row.constraints,
            Col::Description | Col::Message => &mut row.description,
            Col::Enum => &mut row.enum_cell,
            _ => continue,
        };
        *slot = cell.trim().to_string();
    }
    let (depth, name) = tree_depth(&row.name);
    row.depth = depth;
    row.name = name.to_string();
    // A copy that dropped the Type cell (a type printed as a link): the flag sits under
    // Type and the description under Required.
    let type_at = roles.iter().position(|r| *r == Col::Type);
    let flag_at = roles.iter().position(|r| *r == Col::Required);
    if let (Some(t), Some(f)) = (type_at, flag_at)
        && t + 1 == f
        && !row.ty.is_empty()
        && parse_type(&row.ty, false).is_none()
        && parse_required(&row.ty).is_some()
        && parse_required(&row.required).is_none()
    {
        row.required = std::mem::take(&mut row.ty);
        row.description.clear();
        for (role, cell) in roles.iter().skip(f + 1).zip(cells.iter().skip(f)) {
            let cell = cell.trim().to_string();
            match role {
                Col::Description | Col::Message => row.description = cell,
                Col::Constraints | Col::Length => row.constraints = cell,
                Col::Enum => row.enum_cell = cell,
                _ => {}
            }
        }
    }
    if !row.constraints.is_empty() && parse_constraints(&row.constraints).is_none() {
        let moved = std::mem::take(&mut row.constraints);
        if row.description.is_empty() {
            row.description = moved;
        } else {
            // What slid into the Description column is the next column's: the enum, or an
            // example value, which is no constraint.
            if row.enum_cell.is_empty() && roles.contains(&Col::Enum) {
                row.enum_cell = std::mem::take(&mut row.description);
            }
            row.description = moved;
        }
    }
    row
}

const LOCATIONS: &[&str] = &["header", "query", "path", "body", "cookie", "formData"];

/// Splits a row whose cells ran together (`data.mitTypestringNo签约…SCHEDULED, UNSCHDULED`)
/// by the roles of its table's columns: name, [in], type, required, [constraints],
/// description, [enum]. `enums` are values known for the row from elsewhere on the page
/// (an enum reference), used to cut the enum cell off the end.
pub fn split_joined(roles: &[Col], raw: &str, enums: &dyn Fn(&str) -> Option<Vec<String>>) -> Option<FieldRow> {
    let passes: &[Flag] =
        if roles.contains(&Col::Length) { &[Flag::Given, Flag::LengthOnly, Flag::ObjectOnly] } else { &[Flag::Given] };
    passes.iter().find_map(|&flag| split_joined_at(roles, raw, enums, flag))
}

/// What must follow the type word of a run-together row for a split to hold there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flag {
    /// A required flag (`M`, `Yes`, `是`): the usual row.
    Given,
    /// No flag, then the digits of a length column (`merchantIdString30PayerMax…`): a table
    /// whose required column is left empty.
    LengthOnly,
    /// No flag and no length, after an object or array type (`+dataObjectPlease refer…`).
    ObjectOnly,
}

fn split_joined_at(
    roles: &[Col],
    raw: &str,
    enums: &dyn Fn(&str) -> Option<Vec<String>>,
    flag: Flag,
) -> Option<FieldRow> {
    let has_in = roles.contains(&Col::In);
    let has_enum = roles.contains(&Col::Enum);
    let has_length = roles.contains(&Col::Length);
    // Try every place a type word starts; the first where `flag` holds wins.
    for (start, _) in raw.char_indices().filter(|(i, _)| *i > 0) {
        let (name, rest) = raw.split_at(start);
        let (location, rest) = if has_in {
            match LOCATIONS.iter().find(|l| rest.starts_with(**l)) {
                Some(l) => (l.to_string(), &rest[l.len()..]),
                None => continue,
            }
        } else {
            (String::new(), rest)
        };
        let Some(ty_len) = type_word_len(rest) else { continue };
        let (ty, rest) = rest.split_at(ty_len);
        let req_len = match flag {
            Flag::Given => {
                let Some(req_len) = required_word_len(rest) else { continue };
                // A one-letter flag (`M`, `C`, `Y`) before a lower-case letter is the start of
                // a word: `updateCardSeller` is no field `up` of type `date`.
                if req_len == 1 && rest[1..].starts_with(|c: char| c.is_ascii_lowercase()) {
                    continue;
                }
                req_len
            }
            Flag::LengthOnly if rest.starts_with(|c: char| c.is_ascii_digit()) => 0,
            Flag::ObjectOnly
                if matches!(type_word_at(ty), Some((_, Word::Object | Word::Array)))
                    && (rest.is_empty() || rest.starts_with(|c: char| c.is_uppercase() || !c.is_ascii())) =>
            {
                0
            }
            _ => continue,
        };
        if !is_field_name(name) {
            continue;
        }
        let (required, rest) = rest.split_at(req_len);
        // A length column holds a bare number: the digits right after the flag.
        let (constraints, mut description) = match rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()) {
            digits if has_length && digits > 0 => (rest[..digits].to_string(), rest[digits..].trim().to_string()),
            _ => split_constraints(rest),
        };
        let mut enum_cell = String::new();
        if has_enum {
            let (d, e) = cut_enum_suffix(&description, enums(name).as_deref());
            description = d;
            enum_cell = e;
        }
        return Some(FieldRow {
            depth: 0,
            name: name.to_string(),
            location,
            ty: ty.to_string(),
            required: required.to_string(),
            constraints,
            description,
            enum_cell,
        });
    }
    None
}

/// Reads one field-table row into its cells: split by the column roles where the copy ran
/// them together, checked for a usable name. A row that cannot be read is warned about
/// and skipped.
pub fn read_row(
    roles: &[Col],
    row: &crate::doc::Row,
    enums: &dyn Fn(&str) -> Option<Vec<String>>,
    spec: &mut Spec,
) -> Option<FieldRow> {
    let at = row.loc.to_string();
    let cells = if row.joined {
        let raw = row.cells.first().map(String::as_str).unwrap_or("");
        let (depth, body) = tree_depth(raw);
        let Some(mut cells) = split_joined(roles, body, enums) else {
            spec.warn(WarningKind::Unreadable, &at, format!("row `{raw}` could not be split into cells; skipped"));
            return None;
        };
        cells.depth = depth;
        cells
    } else {
        let filled: Vec<&str> = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        // A cell's closing `|` on a line of its own (a copy of a cell that held a list), or a
        // stray letter a collapsed widget left: no field.
        if filled.is_empty() || (filled.len() == 1 && filled[0].chars().count() == 1) {
            return None;
        }
        // Only a name where the table gives more: the row was cut off mid-name.
        if filled.len() == 1 && row.cells.len() < 2 && roles.len() > 2 {
            spec.warn(
                WarningKind::Truncated,
                &at,
                format!("row `{}` has only a name, which may be cut off; skipped", filled[0]),
            );
            return None;
        }
        field_row(roles, &row.cells)
    };
    let name_ok = if row.joined { is_field_name(&cells.name) } else { is_cell_name(&cells.name) };
    if !name_ok {
        spec.warn(WarningKind::Unreadable, &at, format!("`{}` is not a field name; row skipped", cells.name));
        return None;
    }
    Some(cells)
}

/// The column roles a header-less row's cells fit (an excerpt cut mid-table, or a table
/// whose header row was lost): a name, then an optional location, a type and a required
/// flag. `None` when the cells do not read as a field row.
pub fn roles_for_cells(cells: &[String]) -> Option<Vec<Col>> {
    let is_type = |i: usize| cells.get(i).is_some_and(|c| parse_type(c, false).is_some());
    let is_flag = |i: usize| cells.get(i).is_some_and(|c| !c.trim().is_empty() && parse_required(c).is_some());
    if !cells.first().is_some_and(|n| is_field_name(n.trim())) {
        return None;
    }
    let mut roles = if is_type(1) && is_flag(2) {
        if cells.len() <= 4 {
            vec![Col::Name, Col::Type, Col::Required, Col::Description]
        } else {
            vec![Col::Name, Col::Type, Col::Required, Col::Constraints, Col::Description, Col::Enum]
        }
    } else if cells.get(1).is_some_and(|c| LOCATIONS.contains(&c.trim())) && is_type(2) && is_flag(3) {
        vec![Col::Name, Col::In, Col::Type, Col::Required, Col::Constraints, Col::Description]
    } else {
        return None;
    };
    roles.truncate(cells.len().max(3));
    Some(roles)
}

/// A paragraph that is a field row shown without its table (an excerpt that starts
/// mid-table): `|` cells, space-separated cells, or cells run together.
pub fn row_from_text(text: &str, loc: Loc) -> Option<(Vec<Col>, crate::doc::Row)> {
    let text = text.trim();
    if text.contains('|') {
        let t = text.strip_prefix('|').unwrap_or(text);
        let t = t.strip_suffix('|').unwrap_or(t);
        let cells: Vec<String> = t.split('|').map(|c| c.trim().to_string()).collect();
        let roles = roles_for_cells(&cells)?;
        return Some((roles, crate::doc::Row { cells, joined: false, loc }));
    }
    let words: Vec<&str> = text.splitn(4, char::is_whitespace).collect();
    if words.len() >= 3 {
        let cells: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        if let Some(roles) = roles_for_cells(&cells) {
            return Some((roles, crate::doc::Row { cells, joined: false, loc }));
        }
    }
    for roles in [
        vec![Col::Name, Col::Type, Col::Required, Col::Constraints, Col::Description, Col::Enum],
        vec![Col::Name, Col::In, Col::Type, Col::Required, Col::Constraints, Col::Description],
    ] {
        if split_joined(&roles, text, &|_| None).is_some_and(|r| is_field_name(&r.name) && !r.required.is_empty()) {
            return Some((roles, crate::doc::Row { cells: vec![text.to_string()], joined: true, loc }));
        }
    }
    None
}

/// The scalar a type word names.
#[derive(Clone, Copy)]
enum Word {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Url,
    DateTime,
}

/// Every type word the sites print, longest first, so that a run-together row splits at the
/// longest word (`amountbigdecimalYes` is `amount` of type `bigdecimal`). Both the type cell
/// reader ([`parse_type`]) and the run-together row splitter ([`split_joined`]) use this one
/// list; words are matched without case.
const TYPE_WORDS: &[(&str, Word)] = &[
    ("bigdecimal", Word::Number),
    ("date-time", Word::DateTime),
    ("timestamp", Word::DateTime),
    ("datetime", Word::DateTime),
    ("boolean", Word::Boolean),
    ("decimal", Word::Number),
    ("integer", Word::Integer),
    ("varchar", Word::String),
    ("double", Word::Number),
    ("number", Word::Number),
    ("object", Word::Object),
    ("string", Word::String),
    ("int32", Word::Integer),
    ("int64", Word::Integer),
    ("array", Word::Array),
    ("float", Word::Number),
    ("short", Word::Integer),
    ("bool", Word::Boolean),
    ("char", Word::String),
    ("date", Word::DateTime),
    ("enum", Word::String),
    ("json", Word::Object),
    ("list", Word::Array),
    ("long", Word::Integer),
    ("text", Word::String),
    ("int", Word::Integer),
    ("map", Word::Object),
    ("str", Word::String),
    ("uri", Word::Url),
    ("url", Word::Url),
];

/// Every required flag the sites print, longest first: the cell reader ([`parse_required`])
/// and the run-together row splitter use this one list. Case matters only for splitting,
/// where a lower-case `no` inside a name must not end it.
const REQUIRED_WORDS: &[(&str, bool)] = &[
    ("Mandatory", true),
    ("mandatory", true),
    ("REQUIRED", true),
    ("Required", true),
    ("required", true),
    ("OPTIONAL", false),
    ("Optional", false),
    ("optional", false),
    ("false", false),
    ("true", true),
    ("Yes", true),
    ("yes", true),
    ("非必填", false),
    ("No", false),
    ("no", false),
    ("必填", true),
    ("必须", true),
    ("必选", true),
    ("选填", false),
    ("可选", false),
    ("是", true),
    ("否", false),
    ("Y", true),
    ("N", false),
    ("M", true),
    ("O", false),
    ("C", false),
];

/// Length of a required flag at the start of a run-together rest.
fn required_word_len(s: &str) -> Option<usize> {
    REQUIRED_WORDS.iter().find(|(w, _)| s.starts_with(w)).map(|(w, _)| w.len())
}

/// The type word at the start of `s`, matched without case.
fn type_word_at(s: &str) -> Option<(&'static str, Word)> {
    TYPE_WORDS.iter().copied().find(|(w, _)| s.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w)))
}

/// Length of a type word at the start of `s` (`string`, `bigdecimal`, `array[object]`,
/// `String(64)`, …).
fn type_word_len(s: &str) -> Option<usize> {
    let lower_head: String = s.chars().take(6).collect::<String>().to_ascii_lowercase();
    for prefix in ["array[", "array<", "list<"] {
        if lower_head.starts_with(prefix) {
            let close = if prefix.ends_with('[') { ']' } else { '>' };
            return s[prefix.len()..].find(close).map(|i| prefix.len() + i + 1);
        }
    }
    let (word, _) = type_word_at(s)?;
    let mut len = word.len();
    // `String(64)`: the length goes with the type.
    if let Some(rest) = s[len..].strip_prefix('(') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(')') {
            len += digits + 2;
        }
    }
    Some(len)
}

/// A tree-drawn name cell (`└─ queryBeginTime`, `│ └─ x`, `「plainSign`, `+data`): its depth
/// under the rows above and the bare name.
pub fn tree_depth(cell: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = cell.trim_start();
    // Each glyph is one level: `└─ x` is 1, `│ └─ x` is 2.
    while let Some(r) = rest.strip_prefix(['└', '├', '│', '「']) {
        depth += 1;
        rest = r.trim_start_matches(['─', '-', '—', ' ']);
    }
    // `+data`: a collapsible object row; the `+` is the widget, not the name.
    let rest = match rest.strip_prefix('+') {
        Some(r) if depth == 0 && r.starts_with(|c: char| c.is_alphabetic()) => r,
        _ => rest,
    };
    (depth, rest.trim())
}

/// Turns tree-drawn rows into dotted paths: a row at depth `d` goes under the last row
/// seen at depth `d - 1`.
#[derive(Default)]
pub struct Nesting {
    parents: Vec<String>,
}

impl Nesting {
    pub fn path(&mut self, depth: usize, name: &str) -> String {
        self.parents.truncate(depth);
        let path = match self.parents.last() {
            Some(parent) if depth > 0 => format!("{parent}.{name}"),
            _ => name.to_string(),
        };
        self.parents.push(path.clone());
        path
    }
}

/// `cardInfos[i].token`, `items[0].price`: an index in a path means the array's items.
pub fn normalize_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        let inner = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        if inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.push_str("[]");
        } else {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A dotted field path as the tables print it: `data.goodsDetails[].price`.
pub fn is_field_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-' | '$'))
}

/// A field name as a table's name cell holds it: the column says it is a name, so anything
/// short and printable is one (`3ds`, `user name`, `名称`); only run-together rows, where
/// the name must be found in prose, need [`is_field_name`].
pub fn is_cell_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.len() <= 8192
        && s.split('.').all(|seg| !seg.is_empty() && seg.chars().count() <= 128)
        && !s.chars().any(char::is_control)
}

/// Splits leading constraints (`maxLength: 8`) off the rest of a run-together cell.
fn split_constraints(s: &str) -> (String, String) {
    let mut rest = s;
    let mut taken = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        let Some(key) = ["maxLength", "minLength", "maximum", "minimum", "maxItems", "minItems"]
            .iter()
            .find(|k| trimmed.starts_with(**k))
        else {
            break;
        };
        let after = trimmed[key.len()..].trim_start();
        let Some(after) = after.strip_prefix(':').or_else(|| after.strip_prefix('：')) else { break };
        let after = after.trim_start();
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            break;
        }
        taken.push(format!("{key}: {}", &after[..digits]));
        rest = &after[digits..];
    }
    (taken.join(", "), rest.trim().to_string())
}

/// Cuts an enum cell off the end of a run-together description. With known values, the
/// exact `A, B` suffix; without, a trailing list of two or more upper-case words.
fn cut_enum_suffix(desc: &str, known: Option<&[String]>) -> (String, String) {
    if let Some(values) = known.filter(|v| !v.is_empty()) {
        for sep in [", ", ",", "", " "] {
            let joined = values.join(sep);
            if let Some(d) = desc.strip_suffix(joined.as_str()) {
                return (d.trim().to_string(), values.join(", "));
            }
        }
        return (desc.to_string(), String::new());
    }
    // `…citSCHEDULE, UNSCHEDULE`: walk back over `, WORD` groups, then the upper-case run
    // that the first value makes at the end of the description.
    let is_word =
        |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    let mut words = Vec::new();
    let mut head = desc;
    while let Some((before, last)) = head.rsplit_once(", ") {
        if !is_word(last) {
            break;
        }
        words.push(last);
        head = before;
    }
    if words.is_empty() {
        return (desc.to_string(), String::new());
    }
    let cut = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
        .last()
        .map(|(i, _)| i);
    match cut {
        Some(i) if i > 0 => {
            let mut values = vec![&head[i..]];
            values.extend(words.iter().rev());
            (head[..i].trim().to_string(), values.join(", "))
        }
        _ => (desc.to_string(), String::new()),
    }
}

/// Parsed type text: the wire type, a page's own type name, and a format hint.
pub struct TypeText {
    pub ty: Type,
    pub type_name: Option<String>,
    pub format: Option<Format>,
    /// A length given with the type: `String(64)`.
    pub max_length: Option<u64>,
}

/// Reads a type cell (`string`, `array[object]`, `Integer`, `URL`, `Datetime`, `Array<Goods>`).
/// Capitalized names the sites use for object types (`Amount`) give an object with that
/// name when `named_objects` is set.
pub fn parse_type(s: &str, named_objects: bool) -> Option<TypeText> {
    let s = s.trim().trim_end_matches(" object").trim();
    // `String(64)`: a type with its length.
    if let Some((base, rest)) = s.split_once('(')
        && let Some(n) = rest.strip_suffix(')').and_then(|n| n.trim().parse::<u64>().ok())
    {
        let mut tt = parse_type(base, named_objects)?;
        tt.max_length = Some(n);
        return Some(tt);
    }
    let plain = |ty| Some(TypeText { ty, type_name: None, format: None, max_length: None });
    let lower = s.to_ascii_lowercase();
    for (open, close) in [("array[", ']'), ("array<", '>'), ("list<", '>')] {
        if let Some(inner) = lower.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            let orig = &s[open.len()..s.len() - 1];
            let item = parse_type(orig, named_objects).or_else(|| parse_type(inner, named_objects))?;
            return Some(TypeText { ty: Type::Array(Box::new(item.ty)), ..item });
        }
    }
    if let Some(inner) = s.strip_suffix("[]") {
        let item = parse_type(inner, named_objects)?;
        return Some(TypeText { ty: Type::Array(Box::new(item.ty)), ..item });
    }
    let exact = TYPE_WORDS.iter().find(|(w, _)| *w == lower).map(|(_, k)| *k);
    match exact {
        Some(Word::String) => plain(Type::String),
        Some(Word::Integer) => plain(Type::Integer),
        Some(Word::Number) => plain(Type::Number),
        Some(Word::Boolean) => plain(Type::Boolean),
        Some(Word::Object) => plain(Type::Object),
        Some(Word::Array) => plain(Type::Array(Box::new(Type::String))),
        Some(Word::Url) => {
            Some(TypeText { ty: Type::String, type_name: None, format: Some(Format::Url), max_length: None })
        }
        Some(Word::DateTime) => {
            Some(TypeText { ty: Type::String, type_name: None, format: Some(Format::DateTime), max_length: None })
        }
        // A page's own object type (`Amount`, `Env`); two letters are a type cut off (`St`).
        _ if named_objects
            && s.len() >= 3
            && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && s.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            Some(TypeText { ty: Type::Object, type_name: Some(s.to_string()), format: None, max_length: None })
        }
        None => None,
    }
}

/// Reads a required flag (`Yes`, `No`, `M`, `O`, `C`, `REQUIRED`, `是`, `否`).
pub fn parse_required(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.is_empty() {
        return Some(false);
    }
    REQUIRED_WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(s)).map(|(_, r)| *r)
}

/// Constraints read from a cell or a "more information" line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Constraints {
    pub max_length: Option<u64>,
    /// A number too large for any length, kept as text for the warning.
    pub overflow: Option<String>,
}

/// Reads `maxLength: 8`, `最大长度:64 字符`, `Maximum length: 64 characters`. `None` when
/// the text is not a constraint at all.
pub fn parse_constraints(s: &str) -> Option<Constraints> {
    let mut out = Constraints::default();
    let mut any = false;
    for part in s.split([',', ';', '，', '；']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let lower = part.to_lowercase();
        // A bare number in a length column: `32`.
        if part.chars().all(|c| c.is_ascii_digit()) {
            match part.parse::<u64>() {
                Ok(n) => out.max_length = Some(n),
                Err(_) => out.overflow = Some(part.to_string()),
            }
            any = true;
            continue;
        }
        let key_end = ["maxlength", "max length", "maximum length", "最大长度", "长度上限"]
            .iter()
            .find_map(|k| lower.strip_prefix(k).map(|_| k.len()));
        if let Some(end) = key_end {
            let digits: String = lower[end..]
                .trim_start_matches([':', '：', ' ', '='])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits.is_empty() {
                return None;
            }
            match digits.parse::<u64>() {
                Ok(n) => out.max_length = Some(n),
                Err(_) => out.overflow = Some(digits),
            }
            any = true;
        } else if ["minlength", "minimum", "maximum", "pattern", "format", "maxitems", "minitems", "min length"]
            .iter()
            .any(|k| lower.starts_with(k))
        {
            any = true;
        } else {
            return None;
        }
    }
    any.then_some(out)
}

/// What a description says about the field's values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    pub enum_values: Vec<String>,
    pub constant: Option<String>,
    pub current: Option<String>,
    pub format: Option<Format>,
}

/// What a marker in a description announces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    Constant,
    /// `needs to pass in “x”`: the one quoted value the field takes.
    MustPass,
    Current,
    Enums,
    DateTime,
    Url,
}

/// The markers of the value hints, in lower case, each group in order of preference.
const HINT_MARKERS: [(Hint, &str); 53] = [
    (Hint::Constant, "the value is fixed as "),
    (Hint::Constant, "value is fixed as "),
    (Hint::Constant, "值固定为"),
    (Hint::Constant, "constant value:"),
    (Hint::Constant, "constant value："),
    (Hint::Constant, "constant value "),
    (Hint::Constant, "固定传"),
    (Hint::Constant, "固定值:"),
    (Hint::Constant, "固定值："),
    (Hint::Constant, "固定值为"),
    (Hint::Constant, "固定为"),
    (Hint::Constant, "fixed value:"),
    (Hint::Constant, "fixed value "),
    (Hint::Constant, "the valid value is:"),
    (Hint::Constant, "the valid value is "),
    (Hint::Constant, "需传入参数:"),
    (Hint::Constant, "需传入参数："),
    (Hint::MustPass, "needs to pass in"),
    (Hint::MustPass, "needs to be passed here"),
    (Hint::MustPass, "needs to be entered here"),
    (Hint::Current, "当前值为:"),
    (Hint::Current, "当前值为："),
    (Hint::Current, "当前值为"),
    (Hint::Current, "current value:"),
    (Hint::Current, "current value："),
    (Hint::Current, "current value is "),
    (Hint::Enums, "value is "),
    (Hint::Enums, "values are "),
    (Hint::Enums, "valid values are:"),
    (Hint::Enums, "valid values are "),
    (Hint::Enums, "valid values:"),
    (Hint::Enums, "possible values are:"),
    (Hint::Enums, "possible values are "),
    (Hint::Enums, "possible values:"),
    (Hint::Enums, "possible values include "),
    (Hint::Enums, "枚举值:"),
    (Hint::Enums, "枚举值："),
    (Hint::Enums, "可选值:"),
    (Hint::Enums, "可选值："),
    (Hint::Enums, "取值:"),
    (Hint::Enums, "取值："),
    (Hint::Enums, "可能的值包括"),
    (Hint::Enums, "有效值为:"),
    (Hint::Enums, "有效值为："),
    (Hint::DateTime, "rfc3339"),
    (Hint::DateTime, "rfc 3339"),
    (Hint::DateTime, "iso 8601"),
    (Hint::DateTime, "iso8601"),
    (Hint::DateTime, "yyyy-mm-dd't'"),
    (Hint::Url, "starting with http"),
    (Hint::Url, "以http"),
    (Hint::Url, "start with http"),
    (Hint::Url, "begins with http"),
];

/// For each byte, the markers that start with it: bit `k` for `HINT_MARKERS[k]`.
const HINT_FIRST_BYTES: [u64; 256] = {
    assert!(HINT_MARKERS.len() <= 64);
    let mut table = [0u64; 256];
    let mut k = 0;
    while k < HINT_MARKERS.len() {
        table[HINT_MARKERS[k].1.as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    table
};

/// Where each marker first occurs in `lower`, as `lower.find(marker)` gives it: one pass for
/// all the markers instead of a search for each.
fn find_hint_markers(lower: &str) -> [Option<usize>; HINT_MARKERS.len()] {
    let mut found = [None; HINT_MARKERS.len()];
    let mut pending = HINT_FIRST_BYTES.iter().fold(0u64, |all, m| all | m);
    let bytes = lower.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let mut candidates = HINT_FIRST_BYTES[usize::from(*b)] & pending;
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if let (Some(slot), Some((_, marker))) = (found.get_mut(k), HINT_MARKERS.get(k))
                && bytes[i..].starts_with(marker.as_bytes())
            {
                *slot = Some(i);
                pending &= !(1 << k);
            }
        }
        if pending == 0 {
            break;
        }
    }
    found
}

/// Reads the value hints out of a description, in English and Chinese.
pub fn description_hints(desc: &str) -> Hints {
    let mut h = Hints::default();
    // The same as `to_lowercase` on ASCII, without decoding characters.
    let lower = if desc.is_ascii() { desc.to_ascii_lowercase() } else { desc.to_lowercase() };
    let found = find_hint_markers(&lower);
    if found.iter().all(Option::is_none) {
        // No marker: only the values a description lists without one.
        h.enum_values = unmarked_values(desc);
        return h;
    }
    let any = |hint: Hint| HINT_MARKERS.iter().zip(&found).any(|((g, _), at)| *g == hint && at.is_some());
    if let Some(v) = after_marker(desc, &lower, &found, Hint::Constant).and_then(first_value) {
        h.constant = Some(v);
    }
    // `Business code, this interface needs to pass in “removePaymentToken”`, `Value
    // 'payTransQuery' needs to be passed here`: the one quoted value the field takes.
    if h.constant.is_none() && any(Hint::MustPass) {
        h.constant = quoted_values(desc).into_iter().next();
    }
    if let Some(v) = after_marker(desc, &lower, &found, Hint::Current).and_then(first_value) {
        h.current = Some(v);
    }
    if let Some(rest) = after_marker(desc, &lower, &found, Hint::Enums) {
        h.enum_values = value_list(rest);
        if h.enum_values.is_empty() {
            h.enum_values = glued_values(rest);
        }
    }
    if h.enum_values.is_empty() {
        h.enum_values = unmarked_values(desc);
    }
    if any(Hint::DateTime) {
        h.format = Some(Format::DateTime);
    } else if any(Hint::Url) {
        h.format = Some(Format::Url);
    }
    h
}

/// Values a description lists without a marker: under a line, after dashes, or each with
/// its meaning.
fn unmarked_values(desc: &str) -> Vec<String> {
    let mut values = listed_values(desc);
    if values.is_empty() {
        values = dash_values(desc);
    }
    if values.is_empty() {
        values = meaning_values(desc);
    }
    values
}

/// Values listed under a line that announces them (`支持的枚举:` then `- Boost` lines): a
/// line ending in a colon followed by two or more short items that read as values, not as
/// sentences. Items may hold spaces (`TNG eWallet`); a `VALUE: meaning` item gives `VALUE`.
fn listed_values(desc: &str) -> Vec<String> {
    if !desc.contains('\n') {
        // One line: nothing can follow the announcing line.
        return Vec::new();
    }
    let lines: Vec<&str> = desc.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.trim_end().ends_with([':', '：']) {
            continue;
        }
        let items: Vec<&str> = lines[i + 1..]
            .iter()
            .map_while(|l| l.trim().strip_prefix("- ").or_else(|| l.trim().strip_prefix("• ")))
            .collect();
        let values: Vec<String> = items
            .iter()
            .map(|v| v.split([':', '：']).next().unwrap_or("").trim().trim_matches('`').to_string())
            .collect();
        let value_like = |v: &String| {
            !v.is_empty()
                && v.chars().count() <= 40
                && !v.contains([',', '，', '。', ';', '；', '、', '(', '（'])
                && v.split_whitespace().count() <= 3
        };
        if values.len() >= 2 && values.iter().all(value_like) {
            return values;
        }
    }
    Vec::new()
}

/// Values each followed by a colon and their meaning, as a copy that lost its list prints
/// them: `SUCCESS\n: Indicates success.FAIL\n: Indicates failure.` gives `SUCCESS`, `FAIL`.
/// A value is an upper-case word (two or more characters) that starts the text, a line or
/// a sentence and is followed by a colon; two or more are needed.
fn glued_values(rest: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = i == 0 || matches!(bytes[i - 1], b'\n' | b' ' | b'.' | b'\t');
        let len = bytes[i..].iter().take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || **b == b'_').count();
        if starts && len >= 2 && bytes[i].is_ascii_uppercase() {
            let after = rest[i + len..].trim_start();
            if after.starts_with([':', '：']) {
                let v = rest[i..i + len].to_string();
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
        i += len.max(1);
        while i < bytes.len() && !rest.is_char_boundary(i) {
            i += 1;
        }
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

/// Values listed inline after a colon, each with a dash: `Account Type: -ACQUIRING Acquiring
/// Account -FREEZE Freeze Accounts`. Two or more upper-case words are needed.
fn dash_values(desc: &str) -> Vec<String> {
    let Some((_, rest)) = desc.split_once([':', '：']) else { return Vec::new() };
    if !rest.contains('-') {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for part in rest.split(" -").skip(usize::from(!rest.trim_start().starts_with('-'))) {
        let part = part.trim_start().trim_start_matches('-');
        let word: String =
            part.chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_').collect();
        let ends = part[word.len()..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
        if word.len() >= 2 && ends && !out.contains(&word) {
            out.push(word);
        }
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

/// The quoted values of a text, in order: `'a'`, `"a"`, `“a”`, `‘a’` (a copy may close `“` with `“`).
fn quoted_values(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['\'', '"', '“', '‘']) {
        let c = rest[open..].chars().next().unwrap_or('"');
        let after = &rest[open + c.len_utf8()..];
        let close = match c {
            '“' => after.find(['”', '“']),
            '‘' => after.find(['’', '‘']),
            other => after.find(other),
        };
        let Some(end) = close else { break };
        let v = after[..end].trim();
        if !v.is_empty() && v.len() <= 64 && !v.contains(char::is_whitespace) {
            out.push(v.to_string());
        }
        let skip = after[end..].chars().next().map_or(0, char::len_utf8);
        rest = &after[end + skip..];
    }
    out
}

/// Values each followed by a hyphen and their meaning in Chinese: `SUCCESS-成功 FAILED-失败`.
/// Two or more are needed.
fn meaning_values(desc: &str) -> Vec<String> {
    if !desc.contains('-') {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for word in desc.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | ':' | '：' | ';' | '；' | '、'))
    {
        let Some((value, meaning)) = word.split_once('-') else { continue };
        let upper = value.len() >= 2
            && value.starts_with(|c: char| c.is_ascii_uppercase())
            && value.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let cjk = meaning.chars().next().is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if upper && cjk && !out.iter().any(|v| v == value) {
            out.push(value.to_string());
        }
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

/// The text after the first of a group's markers that the description holds (markers
/// matched without case: `found` is where each first occurs in `lower`).
fn after_marker<'a>(
    desc: &'a str,
    lower: &str,
    found: &[Option<usize>; HINT_MARKERS.len()],
    hint: Hint,
) -> Option<&'a str> {
    HINT_MARKERS.iter().zip(found).filter(|((g, _), _)| *g == hint).find_map(|((_, m), at)| {
        let i = (*at)?;
        // `lower` and `desc` differ in length only where lowercasing changed byte lengths;
        // fall back to searching `desc` itself then.
        let end = i + m.len();
        if lower.len() == desc.len() && desc.is_char_boundary(end) {
            Some(&desc[end..])
        } else {
            desc.find(m).map(|j| &desc[j + m.len()..])
        }
    })
}

/// A value as written after a marker: quoted, or the leading run of word characters.
fn first_value(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    for (open, close) in [('"', '"'), ('“', '”'), ('\'', '\''), ('‘', '’'), ('`', '`')] {
        if let Some(r) = rest.strip_prefix(open) {
            return r.split_once(close).map(|(v, _)| v.to_string()).filter(|v| !v.is_empty());
        }
    }
    let v: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')).collect();
    let v = v.trim_end_matches('.').to_string();
    (!v.is_empty()).then_some(v)
}

/// `WEB,WAP,APP`, `US, SG, HK, 和 MY`, `A/B`: upper-case or digit-led word values, up to
/// the first thing that is not one.
fn value_list(rest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let line = rest.lines().next().unwrap_or("");
    for raw in line.split([',', '，', '、', '/', '|', ' ', ';']) {
        let w = raw.trim().trim_start_matches("和").trim_start_matches("或").trim();
        let w = w.strip_prefix("and ").or_else(|| w.strip_prefix("or ")).unwrap_or(w);
        if w.is_empty() || w == "and" || w == "or" || w == "和" || w == "或" {
            continue;
        }
        let w = w.trim_end_matches(['.', '。']).trim_matches('`');
        let word = !w.is_empty()
            && w.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            && w.chars().next().is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !word {
            break;
        }
        out.push(w.to_string());
    }
    out
}

/// The endpoint: the first `METHOD /path` on the page (or, under an address heading such as
/// `请求地址`, a bare URL), with anything the site appended to the path
/// (`(for-auth-capture-copy-me)`, a `delSuffixStart1` segment) cut off and returned as junk.
pub struct Endpoint {
    /// `None` where the page gives only a URL.
    pub method: Option<String>,
    /// `None` where the whole path is doc-site junk (`/delSuffixStart5`).
    pub path: Option<String>,
    pub junk: Option<String>,
    pub loc: Loc,
}

/// Labels of the block that gives the endpoint's address.
const ADDRESS: &[&str] = &[
    "请求地址",
    "接口地址",
    "请求URL",
    "接口路径",
    "请求路径",
    "Request URL",
    "Request Address",
    "Request Path",
    "API Path",
    "Endpoint",
    "URL",
];

/// A section title without its number: `3.1 Headers` is `Headers`, `1. API Path` is `API Path`.
pub fn strip_numbering(label: &str) -> &str {
    let t = label.trim();
    let digits: usize =
        t.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '、').map(char::len_utf8).sum();
    if digits == 0 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return t;
    }
    let rest = &t[digits..];
    if rest.starts_with(' ') || t[..digits].ends_with(['.', '、']) { rest.trim_start() } else { t }
}

/// Whether a block is an address heading (`# 请求地址`, `1. API Path`).
fn is_address_label(block: &Block) -> bool {
    block.label().is_some_and(|l| {
        let l = strip_numbering(l).trim_end_matches([':', '：']).trim();
        ADDRESS.iter().any(|a| l.eq_ignore_ascii_case(a))
    })
}

pub fn find_endpoint(doc: &Document) -> Option<Endpoint> {
    let mut under_address = false;
    for block in &doc.blocks {
        let texts: Vec<(String, Loc)> = match block {
            Block::List { items, .. } => items.iter().map(|i| (i.text.clone(), i.loc)).collect(),
            Block::Table { .. } => continue,
            b => vec![(b.text(), b.loc())],
        };
        for (text, loc) in &texts {
            if let Some(e) = endpoint_in(text, *loc) {
                return Some(e);
            }
            if under_address && let Some(e) = bare_url_endpoint(text, *loc) {
                return Some(e);
            }
        }
        if is_address_label(block) {
            under_address = true;
        } else if matches!(block, Block::Heading { .. }) {
            under_address = false;
        }
    }
    None
}

/// `https://{host}/v2/registrations` on its own: an endpoint without a method.
fn bare_url_endpoint(text: &str, loc: Loc) -> Option<Endpoint> {
    let first = text.split_whitespace().next()?;
    let after = ["https://", "http://"].iter().find_map(|s| first.strip_prefix(s))?;
    let path = &after[after.find('/')?..];
    let (path, junk) = clean_path(path)?;
    Some(Endpoint { method: None, path, junk, loc })
}

/// Cuts what the doc site added to a path token: returns the path (`None` when nothing real
/// is left) and the junk.
fn clean_path(token_src: &str) -> Option<(Option<String>, Option<String>)> {
    let token: String = token_src.chars().take_while(|c| !c.is_whitespace() && *c != '`').collect();
    let clean: String = token
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '{' | '}' | ':' | '~'))
        .collect();
    let clean = clean.trim_end_matches(['.', ':']);
    let clean = if clean.len() > 1 { clean.trim_end_matches('/') } else { clean }.to_string();
    if clean.len() < 2 {
        return None;
    }
    let mut junk: Vec<String> = Vec::new();
    let tail = token[clean.len()..].trim().trim_start_matches('/').to_string();
    // A `delSuffixStart1` segment: the doc site's stand-in for a bracketed description.
    let segments: Vec<&str> = clean.split('/').collect();
    let cut = segments.iter().position(|s| is_junk_segment(s));
    let path = match cut {
        Some(k) => {
            junk.push(segments[k..].join("/"));
            let kept = &segments[..k];
            let real = kept.iter().any(|s| !s.is_empty() && !is_version_segment(s));
            real.then(|| kept.join("/"))
        }
        None => Some(clean),
    };
    if !tail.is_empty() {
        junk.push(tail);
    }
    Some((path, (!junk.is_empty()).then(|| junk.join(" "))))
}

/// `delSuffixStart`, `delSuffixStart12`: a placeholder segment of PayerMax's old doc paths.
pub fn is_junk_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    lower.strip_prefix("delsuffixstart").is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

fn is_version_segment(segment: &str) -> bool {
    segment.strip_prefix(['v', 'V']).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn endpoint_in(text: &str, loc: Loc) -> Option<Endpoint> {
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(method) {
            let at = from + i;
            from = at + method.len();
            let before_ok = text[..at].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric());
            let rest = &text[at + method.len()..];
            let Some(mut path) = rest.strip_prefix(' ').map(str::trim_start) else { continue };
            // `POST https://host/v4/x`: the path is what follows the host.
            for scheme in ["https://", "http://"] {
                if let Some(after) = path.strip_prefix(scheme) {
                    path = after.find('/').map_or("", |i| &after[i..]);
                }
            }
            if !before_ok || !path.starts_with('/') {
                continue;
            }
            let Some((path, junk)) = clean_path(path) else { continue };
            return Some(Endpoint { method: Some(method.to_string()), path, junk, loc });
        }
    }
    None
}

/// The hosts the page names for calling the API: the host of each `METHOD https://…` line
/// and address URL, and environment lines (`Test Environment: https://…`, `测试环境:…`),
/// in page order, each host once.
pub fn find_servers(doc: &Document) -> Vec<crate::spec::Server> {
    let mut out: Vec<crate::spec::Server> = Vec::new();
    let mut add = |label: Option<&str>, host: &str| {
        let host = host.trim().trim_matches('`').trim_end_matches('/');
        let ok = !host.is_empty()
            && host.contains('.')
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
        if !ok {
            return;
        }
        let url = format!("https://{host}");
        if out.iter().any(|s| s.url == url) {
            return;
        }
        let name = environment_name(label.unwrap_or(host));
        out.push(crate::spec::Server { name, url });
    };
    let mut under_address = false;
    let blocks = &doc.blocks;
    for (bi, block) in blocks.iter().enumerate() {
        let texts: Vec<&str> = match block {
            Block::List { items, .. } => items.iter().map(|i| i.text.as_str()).collect(),
            Block::Table { .. } => continue,
            Block::Heading { text, .. } | Block::Paragraph { text, .. } | Block::Code { text, .. } => {
                text.lines().collect()
            }
        };
        for text in texts {
            let t = text.trim();
            // `POST https://host/path`.
            for method in ["GET ", "POST ", "PUT ", "PATCH ", "DELETE "] {
                if let Some(rest) = t.strip_prefix(method)
                    && let Some(host) = url_host(rest.trim_start())
                {
                    add(None, host);
                }
            }
            if under_address && let Some(host) = url_host(t) {
                add(None, host);
            }
            // `Test Environment: https:// host/path`.
            if let Some((label, rest)) = t.split_once([':', '：'])
                && is_environment_label(label)
            {
                let rest = rest.trim_start();
                let rest = if rest.starts_with("https") || rest.starts_with("http") { rest } else { continue };
                let after = rest.trim_start_matches("https").trim_start_matches("http").trim_start_matches("://");
                let after = after.trim_start().trim_start_matches('`');
                let host: String = if after.is_empty() {
                    // The host ran onto the next line of a copy.
                    blocks.get(bi + 1).map(|b| b.text()).unwrap_or_default().trim().to_string()
                } else {
                    after.chars().take_while(|c| !c.is_whitespace() && !matches!(c, '/' | '`')).collect()
                };
                add(Some(label), &host);
            }
        }
        if is_address_label(block) {
            under_address = true;
        } else if matches!(block, Block::Heading { .. }) {
            under_address = false;
        }
    }
    out
}

/// The host of `https://host/…`.
fn url_host(s: &str) -> Option<&str> {
    let first = s.split_whitespace().next()?;
    let after = ["https://", "http://"].iter().find_map(|p| first.strip_prefix(p))?;
    Some(after.split('/').next().unwrap_or(after))
}

fn is_environment_label(label: &str) -> bool {
    let label = label.trim().trim_matches('*');
    if label.is_ascii() {
        // Lower-casing ASCII changes no length and makes no Chinese: the common case (every
        // `"key": value` line of a JSON example) without a lower-case copy.
        return label.len() <= 40
            && ["environment", "sandbox", "production"]
                .iter()
                .any(|k| label.as_bytes().windows(k.len()).any(|w| w.eq_ignore_ascii_case(k.as_bytes())));
    }
    let l = label.to_lowercase();
    l.chars().count() <= 40
        && ["environment", "sandbox", "production", "环境", "沙箱", "生产"].iter().any(|k| l.contains(k))
}

/// `sandbox` for test hosts and labels, else `production`.
fn environment_name(label_or_host: &str) -> String {
    let l = label_or_host.to_lowercase();
    let test = ["sandbox", "test", "uat", "staging", "测试", "沙箱", "-dev", "dev."].iter().any(|k| l.contains(k));
    if test { "sandbox".into() } else { "production".into() }
}

/// Builds the field tree from dotted paths in page order.
#[derive(Default)]
pub struct Tree {
    pub fields: Vec<Field>,
}

impl Tree {
    /// Inserts a field under its parent path (`data.items[].price` goes under `items`).
    /// A parent the page does not show (an excerpt cut mid-table) is made, with a warning.
    pub fn insert(&mut self, path: &str, mut field: Field, warn: &mut dyn FnMut(WarningKind, String)) {
        let segments: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
        let Some((last, parents)) = segments.split_last() else { return };
        field.name = last.trim_end_matches("[]").to_string();
        let mut list = &mut self.fields;
        for (i, seg) in parents.iter().enumerate() {
            let is_array = seg.ends_with("[]");
            let name = seg.trim_end_matches("[]");
            let pos = match list.iter().position(|f| f.name == name) {
                Some(p) => p,
                None => {
                    let shown = segments[..=i].join(".");
                    warn(
                        WarningKind::Truncated,
                        format!("`{shown}` is not on the page but `{path}` is under it; taken as an object"),
                    );
                    let ty = if is_array { Type::Array(Box::new(Type::Object)) } else { Type::Object };
                    let mut parent = Field::new(name, ty, field.at.clone());
                    // Whether the page requires it is unknown (a required child of an optional
                    // object is common), so it is optional.
                    parent.origin = Origin::Table;
                    list.push(parent);
                    list.len() - 1
                }
            };
            let parent = &mut list[pos];
            if !parent.ty.has_children() {
                let ty = if is_array || matches!(parent.ty, Type::Array(_)) {
                    Type::Array(Box::new(Type::Object))
                } else {
                    Type::Object
                };
                warn(
                    WarningKind::Contradiction,
                    format!("`{}` is typed {} but has child fields; read as {ty}", segments[..=i].join("."), parent.ty),
                );
                parent.ty = ty;
            }
            list = &mut parent.fields;
        }
        if let Some(existing) = list.iter().position(|f| f.name == field.name) {
            warn(WarningKind::Contradiction, format!("`{path}` is listed twice; the later row is used"));
            list[existing] = field;
        } else {
            list.push(field);
        }
    }
}

/// Fills a field's type, flags, constraints and value hints from its row.
pub fn field_from_row(row: &FieldRow, at: &str, named_objects: bool, spec: &mut Spec) -> Option<Field> {
    if row.ty.is_empty() {
        spec.warn(WarningKind::Unclear, at, format!("`{}`: the table gives no type; read as string", row.name));
        let mut f = Field::new(&row.name, Type::String, at);
        f.required = parse_required(&row.required).unwrap_or(false);
        return Some(describe(f, row, at, spec));
    }
    let Some(tt) = parse_type(&row.ty, named_objects) else {
        spec.warn(WarningKind::Unreadable, at, format!("`{}`: unknown type `{}`; read as string", row.name, row.ty));
        return Some(describe(Field::new(&row.name, Type::String, at), row, at, spec));
    };
    let mut f = Field::new(&row.name, tt.ty, at);
    f.type_name = tt.type_name;
    f.format = tt.format;
    f.max_length = tt.max_length;
    f.required = match parse_required(&row.required) {
        Some(r) => r,
        None => {
            spec.warn(
                WarningKind::Unreadable,
                at,
                format!("`{}`: unclear required flag `{}`; read as optional", row.name, row.required),
            );
            false
        }
    };
    Some(describe(f, row, at, spec))
}

fn describe(mut f: Field, row: &FieldRow, at: &str, spec: &mut Spec) -> Field {
    if !row.constraints.is_empty() {
        match parse_constraints(&row.constraints) {
            Some(c) if c.max_length.is_some() && f.ty.has_children() => spec.warn(
                WarningKind::Unclear,
                at,
                format!("`{}`: a length of {} for an object means nothing; ignored", row.name, row.constraints),
            ),
            Some(c) => {
                f.max_length = c.max_length.or(f.max_length);
                if let Some(big) = c.overflow {
                    spec.warn(
                        WarningKind::Unreadable,
                        at,
                        format!("`{}`: maxLength {big} is too large to be a length; ignored", row.name),
                    );
                }
            }
            None => spec.warn(
                WarningKind::Unreadable,
                at,
                format!("`{}`: unreadable constraints `{}`", row.name, row.constraints),
            ),
        }
    }
    f.description = row.description.clone();
    f.enum_values = split_values(&row.enum_cell);
    apply_hints(&mut f, at, spec);
    f
}

/// A length a description states: `Maximum length: 64 characters`, `最大长度:32`.
pub fn max_length_in(desc: &str) -> Option<u64> {
    let lower = desc.to_lowercase();
    ["maximum length", "最大长度"].iter().find_map(|key| {
        let at = lower.find(key)?;
        // Lower-casing can shift byte offsets in other scripts; read from the original then.
        let rest = match desc.get(at..).filter(|_| lower.len() == desc.len()) {
            Some(r) => r,
            None => &desc[desc.find(key)?..],
        };
        let clause = rest.split(['.', '。', ';', '；', '\n', ',']).next().unwrap_or(rest);
        parse_constraints(clause.trim()).and_then(|c| c.max_length)
    })
}

/// Splits an enum cell (`SCHEDULED, UNSCHDULED`).
pub fn split_values(cell: &str) -> Vec<String> {
    cell.split([',', '，', '、', '\n'])
        .map(|v| v.trim().trim_matches('`').to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Applies what the description says: enum values, a constant, a current value, a format.
pub fn apply_hints(f: &mut Field, at: &str, spec: &mut Spec) {
    let h = description_hints(&f.description);
    if f.format.is_none() {
        f.format = h.format;
    }
    f.current_value = h.current;
    if let Some(c) = h.constant {
        f.constant = Some(c);
    }
    let scalar = matches!(f.ty.leaf(), Type::String | Type::Integer | Type::Number);
    if !h.enum_values.is_empty() && scalar && f.constant.is_none() {
        if f.enum_values.is_empty() {
            f.enum_values = h.enum_values;
            f.enum_inferred = true;
        } else if !h.enum_values.iter().all(|v| f.enum_values.contains(v)) {
            spec.warn(
                WarningKind::Contradiction,
                at,
                format!(
                    "`{}`: the description lists {} but the enum column has {}",
                    f.name,
                    h.enum_values.join("|"),
                    f.enum_values.join("|")
                ),
            );
        }
    }
    // A description that is nothing but one upper-case value (`MANUAL`): enum, constant or example?
    let d = f.description.trim();
    if f.enum_values.is_empty()
        && f.constant.is_none()
        && !d.is_empty()
        && d.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && d.chars().any(|c| c.is_ascii_uppercase())
    {
        spec.warn(
            WarningKind::Unclear,
            at,
            format!("`{}`: the description is only the value `{d}`; unclear whether it is the one allowed value or an example", f.name),
        );
    }
}

/// Infers fields from an example value, for keys the page's tables do not list.
pub fn infer_fields(value: &serde_json::Value, at: &str) -> Vec<Field> {
    let serde_json::Value::Object(map) = value else { return Vec::new() };
    map.iter()
        .map(|(k, v)| {
            let mut f = Field::new(k, infer_type(v), at);
            f.origin = Origin::Example;
            match v {
                serde_json::Value::Object(_) => f.fields = infer_fields(v, at),
                serde_json::Value::Array(items) => {
                    if let Some(first @ serde_json::Value::Object(_)) = items.first() {
                        f.fields = infer_fields(first, at);
                    }
                }
                _ => {}
            }
            f
        })
        .collect()
}

pub fn infer_type(v: &serde_json::Value) -> Type {
    match v {
        serde_json::Value::Bool(_) => Type::Boolean,
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => Type::Integer,
        serde_json::Value::Number(_) => Type::Number,
        serde_json::Value::Object(_) => Type::Object,
        serde_json::Value::Array(items) => Type::Array(Box::new(items.first().map_or(Type::String, infer_type))),
        serde_json::Value::String(_) | serde_json::Value::Null => Type::String,
    }
}

/// The page's language, from its share of CJK characters.
pub fn detect_lang(doc: &Document) -> String {
    let text = doc.text();
    let cjk = text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    if cjk * 20 > text.chars().filter(|c| c.is_alphabetic()).count().max(1) { "zh".into() } else { "en".into() }
}

/// The label (heading or one-line paragraph) matches one of `names`, ignoring case and a
/// trailing colon.
pub fn label_is(block: &Block, names: &[&str]) -> bool {
    block.label().is_some_and(|l| {
        let l = l.trim_end_matches([':', '：']).trim();
        names.iter().any(|n| l.eq_ignore_ascii_case(n))
    })
}

/// Parses a JSON code block, or says why it could not be.
pub fn parse_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("example is not valid JSON: {e}"))
}

/// A page's title: the last heading or paragraph of at most `max_chars` characters before
/// block `end` (the first section).
pub fn title_before(doc: &Document, end: usize, max_chars: usize) -> String {
    doc.blocks[..end.min(doc.blocks.len())]
        .iter()
        .rev()
        .find_map(|b| match b {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } if text.chars().count() <= max_chars => {
                Some(text.clone())
            }
            _ => None,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(h: &[&str]) -> Vec<Col> {
        h.iter().map(|t| column_role(t)).collect()
    }

    #[test]
    fn joined_rows_split_by_column_roles() {
        let r = roles(&["Field", "Type", "Required", "Constraints", "Description", "Enum"]);
        let none = |_: &str| None;
        let row = split_joined(&r, "data.cardInfo.cardIdentifierNostringNocard ID, card number.", &none).unwrap();
        assert_eq!(
            (row.name.as_str(), row.ty.as_str(), row.required.as_str()),
            ("data.cardInfo.cardIdentifierNo", "string", "No")
        );
        assert_eq!(row.description, "card ID, card number.");
        let row = split_joined(&r, "versionstringYesmaxLength: 8接口版本 当前值为:1.6", &none).unwrap();
        assert_eq!(row.constraints, "maxLength: 8");
        assert_eq!(row.description, "接口版本 当前值为:1.6");
        let row = split_joined(&r, "data.stringValuestringYes", &none).unwrap();
        assert_eq!(row.name, "data.stringValue");
        let row = split_joined(&r, "data.mitTypestringNowhen x, otherwise citSCHEDULE, UNSCHEDULE", &none).unwrap();
        assert_eq!(row.enum_cell, "SCHEDULE, UNSCHEDULE");
        assert_eq!(row.description, "when x, otherwise cit");
        let known = |_: &str| Some(vec!["SCHEDULED".to_string(), "UNSCHDULED".to_string()]);
        let row = split_joined(&r, "data.mitTypestringNo可传mitTypeSCHEDULED, UNSCHDULED", &known).unwrap();
        assert_eq!((row.description.as_str(), row.enum_cell.as_str()), ("可传mitType", "SCHEDULED, UNSCHDULED"));
        let with_in = roles(&["Field", "In", "Type", "Required", "Constraints", "Description"]);
        let row = split_joined(&with_in, "Content-TypeheaderstringYes", &none).unwrap();
        assert_eq!((row.name.as_str(), row.location.as_str()), ("Content-Type", "header"));
        assert!(split_joined(&r, "no type here", &none).is_none());
        // An operation name is no row: `up` + `date` + `C`ard… would be one.
        assert!(split_joined(&r, "updateCardSeller101", &none).is_none());
        let row = split_joined(&r, "amountString(64)M金额", &none).unwrap();
        assert_eq!((row.name.as_str(), row.required.as_str()), ("amount", "M"));
    }

    #[test]
    fn joined_rows_under_a_length_column() {
        let r = roles(&["Parameter", "Type", "If Required", "Length Max.", "Description", "Example"]);
        assert_eq!(r[3], Col::Length);
        let none = |_: &str| None;
        let row = split_joined(&r, "versionStringM8API version. Current value: 1.1", &none).unwrap();
        assert_eq!((row.required.as_str(), row.constraints.as_str()), ("M", "8"));
        assert_eq!(row.description, "API version. Current value: 1.1");
        // The required column left empty: the length still ends the type.
        let row = split_joined(&r, "accountNumberString16商户内部的账号", &none).unwrap();
        assert_eq!((row.name.as_str(), row.ty.as_str()), ("accountNumber", "String"));
        assert_eq!(
            (row.required.as_str(), row.constraints.as_str(), row.description.as_str()),
            ("", "16", "商户内部的账号")
        );
        // No flag and no length: only an object row (`+data`) splits, at its object type.
        let row = split_joined(&r, "dataObjectPlease refer to each interface", &none).unwrap();
        assert_eq!((row.name.as_str(), row.ty.as_str(), row.required.as_str()), ("data", "Object", ""));
        assert!(split_joined(&r, "remarkStringfree text", &none).is_none());
        // Without a length column, the flag stays required and digits stay description.
        let plain = roles(&["Field", "Type", "Required", "Description"]);
        assert!(split_joined(&plain, "accountNumberString16x", &none).is_none());
        let row = split_joined(&plain, "codeStringM3DS result", &none).unwrap();
        assert_eq!((row.constraints.as_str(), row.description.as_str()), ("", "3DS result"));
    }

    #[test]
    fn a_description_in_the_constraints_cell_is_moved_back() {
        let r = roles(&["Field", "In", "Type", "Required", "Constraints", "Description"]);
        let cells: Vec<String> = ["sign", "header", "string", "Yes", "签名信息"].map(String::from).to_vec();
        let row = field_row(&r, &cells);
        assert_eq!((row.constraints.as_str(), row.description.as_str()), ("", "签名信息"));
    }

    /// The one-pass marker scan finds each marker where searching for it alone does.
    #[test]
    fn hint_markers_are_found_where_each_search_finds_them() {
        let mut texts: Vec<String> = [
            "",
            "the value is fixed as x; value is fixed as y; fixed value: z",
            "当前值为:1.6 当前值为 取值：A 取值:B 可能的值包括 有效值为：C",
            "possible values are possible values: valid values are: rfc 3339 iso8601 以http",
            "Value is value is VALUE IS yyyy-mm-dd't'",
        ]
        .map(String::from)
        .to_vec();
        texts.extend(HINT_MARKERS.iter().map(|(_, m)| format!("x{m}{m}")));
        for t in &texts {
            let lower = t.to_lowercase();
            let found = find_hint_markers(&lower);
            for ((_, m), at) in HINT_MARKERS.iter().zip(found) {
                assert_eq!(at, lower.find(m), "{m:?} in {t:?}");
            }
        }
    }

    #[test]
    fn hints_from_descriptions() {
        assert_eq!(description_hints("constant value:tokenAcq").constant.as_deref(), Some("tokenAcq"));
        assert_eq!(description_hints("已有字段,固定传\"CodeGrant\"").constant.as_deref(), Some("CodeGrant"));
        assert_eq!(description_hints("接口版本 当前值为:1.6").current.as_deref(), Some("1.6"));
        assert_eq!(description_hints("API version. Current value: 1.4").current.as_deref(), Some("1.4"));
        assert_eq!(description_hints("terminal type, value is WEB,WAP,APP").enum_values, ["WEB", "WAP", "APP"]);
        assert_eq!(description_hints("可能的值包括 US, SG, HK, 和 MY").enum_values, ["US", "SG", "HK", "MY"]);
        assert_eq!(description_hints("枚举值:ONETIME,当前仅支持ONETIME").enum_values, ["ONETIME"]);
        assert!(description_hints("when status is PENDING, the value is required").enum_values.is_empty());
        assert_eq!(description_hints("符合rfc3339规范").format, Some(Format::DateTime));
        assert_eq!(description_hints("支持的枚举:\n- Boost\n- TNG eWallet").enum_values, ["Boost", "TNG eWallet"]);
        assert_eq!(description_hints("可选的钱包:\n- A\n- B: 说明").enum_values, ["A", "B"]);
        assert!(
            description_hints("用途如下:\n- 在支付过程中,此字段用于风控。\n- 支付完成后用于对账")
                .enum_values
                .is_empty()
        );
    }

    #[test]
    fn tree_drawn_names_nest_under_the_row_above() {
        assert_eq!(tree_depth("└─ queryBeginTime"), (1, "queryBeginTime"));
        assert_eq!(tree_depth("│ └─ price"), (2, "price"));
        assert_eq!(tree_depth("「plainSign"), (1, "plainSign"));
        assert_eq!(tree_depth("+data"), (0, "data"));
        assert_eq!(tree_depth("data.items[].price"), (0, "data.items[].price"));
        let mut n = Nesting::default();
        let paths: Vec<String> =
            [(0, "data"), (1, "a"), (2, "b"), (1, "c"), (0, "d")].iter().map(|(d, name)| n.path(*d, name)).collect();
        assert_eq!(paths, ["data", "data.a", "data.a.b", "data.c", "d"]);
        assert_eq!(normalize_path("cardInfos[i].token"), "cardInfos[].token");
        assert_eq!(normalize_path("a[0].b[]"), "a[].b[]");
    }

    #[test]
    fn values_in_prose_of_every_shape() {
        let h = description_hints("Indicates the result. Valid values are:\nSUCCESS\n: It worked.FAIL\n: It did not.");
        assert_eq!(h.enum_values, ["SUCCESS", "FAIL"]);
        let h = description_hints("Account Type: -ACQUIRING Acquiring Account -FREEZE Freeze Accounts");
        assert_eq!(h.enum_values, ["ACQUIRING", "FREEZE"]);
        assert_eq!(description_hints("Possible values: A1, B2").enum_values, ["A1", "B2"]);
        assert_eq!(description_hints("支持的枚举:\n• Boost\n• GCash").enum_values, ["Boost", "GCash"]);
        assert_eq!(description_hints("取值:Y,N").enum_values, ["Y", "N"]);
        let h = description_hints("Business code, this interface needs to pass in “removePaymentToken”");
        assert_eq!(h.constant.as_deref(), Some("removePaymentToken"));
        assert!(description_hints("a - b - c").enum_values.is_empty());
        let h = description_hints("交易状态:状态幂等 SUCCESS-成功 FAILED-失败 PROCESSING-处理中");
        assert_eq!(h.enum_values, ["SUCCESS", "FAILED", "PROCESSING"]);
        assert!(description_hints("ISO-4217 三位币种").enum_values.is_empty());
    }

    proptest::proptest! {
        /// The text helpers take any text a page may hold.
        #[test]
        fn text_helpers_never_panic(t in "\\PC{0,60}") {
            let _ = strip_numbering(&t);
            let _ = max_length_in(&t);
            let _ = tree_depth(&t);
            let _ = normalize_path(&t);
            let _ = description_hints(&t);
            let _ = parse_type(&t, true);
            let _ = parse_required(&t);
            let _ = type_word_len(&t);
            let _ = bare_url_endpoint(&t, Loc::Line(1));
            let _ = endpoint_in(&t, Loc::Line(1));
            let r = [Col::Name, Col::Type, Col::Required, Col::Description];
            let _ = split_joined(&r, &t, &|_| None);
            let _ = field_row(&r, &[t.clone(), "Yes".into(), t.clone()]);
        }
    }

    #[test]
    fn constraints_in_both_languages() {
        assert_eq!(parse_constraints("maxLength: 8").unwrap().max_length, Some(8));
        assert_eq!(parse_constraints("最大长度:64 字符").unwrap().max_length, Some(64));
        assert_eq!(parse_constraints("Maximum length: 64 characters").unwrap().max_length, Some(64));
        assert!(parse_constraints("请求数据体").is_none());
        let big = parse_constraints("maxLength: 1000000000000000000000000000000").unwrap();
        assert_eq!((big.max_length, big.overflow.is_some()), (None, true));
    }

    #[test]
    fn types_and_named_objects() {
        assert_eq!(parse_type("array[object]", false).unwrap().ty.to_string(), "array<object>");
        assert_eq!(parse_type("Array<Goods>", true).unwrap().type_name.as_deref(), Some("Goods"));
        assert_eq!(parse_type("URL", true).unwrap().format, Some(Format::Url));
        assert!(parse_type("Amount", false).is_none());
        assert_eq!(parse_type("Order object", true).unwrap().ty, Type::Object);
        let t = parse_type("String(64)", false).unwrap();
        assert_eq!((t.ty, t.max_length), (Type::String, Some(64)));
    }

    #[test]
    fn endpoint_junk_is_cut() {
        let e = endpoint_in("Endpoint: POST /a/b/applyX(for-auth-capture-copy-me)", Loc::Line(1)).unwrap();
        assert_eq!((e.path.as_deref(), e.junk.as_deref()), (Some("/a/b/applyX"), Some("(for-auth-capture-copy-me)")));
        let e = endpoint_in("POST /aggregate-pay/api/gateway/createPaybylink - Tags: x", Loc::Line(1)).unwrap();
        assert_eq!((e.path.as_deref(), e.junk), (Some("/aggregate-pay/api/gateway/createPaybylink"), None));
        assert!(endpoint_in("REPOST /x", Loc::Line(1)).is_none());
        let e = endpoint_in("POST /a/orderAndPay/(for-drop-dont-copy-me)", Loc::Line(1)).unwrap();
        assert_eq!((e.path.as_deref(), e.junk.as_deref()), (Some("/a/orderAndPay"), Some("(for-drop-dont-copy-me)")));
        let e = endpoint_in("POST https://sandbox.example.com/v4/paymethod/bind", Loc::Line(1)).unwrap();
        assert_eq!(e.path.as_deref(), Some("/v4/paymethod/bind"));
        // PayerMax's placeholder segments: cut off, and a path of nothing else is no path.
        let e = endpoint_in("POST /a/orderAndPay/delSuffixStart1", Loc::Line(1)).unwrap();
        assert_eq!((e.path.as_deref(), e.junk.as_deref()), (Some("/a/orderAndPay"), Some("delSuffixStart1")));
        let e = endpoint_in("Endpoint: POST /delSuffixStart5", Loc::Line(1)).unwrap();
        assert_eq!((e.path, e.junk.as_deref()), (None, Some("delSuffixStart5")));
        let e = endpoint_in("POST /v2/delSuffixStart10", Loc::Line(1)).unwrap();
        assert_eq!((e.path, e.junk.as_deref()), (None, Some("delSuffixStart10")));
        let e = bare_url_endpoint("https://{host}/v2/registrations", Loc::Line(1)).unwrap();
        assert_eq!((e.method, e.path.as_deref()), (None, Some("/v2/registrations")));
        assert_eq!(strip_numbering("3.1 Headers"), "Headers");
        assert_eq!(strip_numbering("1. API Path"), "API Path");
        assert_eq!(strip_numbering("3DS"), "3DS");
    }
}
