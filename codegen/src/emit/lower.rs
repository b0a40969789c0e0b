//! Lowering: specs to the items of the generated crate, named, deduplicated and in a fixed order.
//!
//! Per operation, every object becomes a struct and every enum field an enum, named after
//! the field (`envInfo` → `EnvInfo`); where two different shapes want one name, both are
//! prefixed with their root (`ApplyDropinSessionRequestData`). Per provider, a type that
//! several operations define identically is generated once in the provider module, and
//! request or response roots that differ only in their nested objects share one generic
//! envelope (`RequestEnvelope<Data>`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::names;
use super::protocol::Protocol;
use crate::error::Diagnostic;
use crate::spec::{Field, Method, Provider, Spec, Type};

/// The provider module's result-code enum.
pub const RESULT_CODE: &str = "ResultCode";

/// A Rust type as the generated code spells it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    String,
    I64,
    F64,
    Bool,
    /// An object whose fields the page does not show.
    Map,
    Vec(Box<Ty>),
    /// `Box<T>`: nested objects deeper than [`BOX_DEPTH`], so deep pages stay within the
    /// compiler's recursion limits.
    Boxed(Box<Ty>),
    /// A generated type, possibly generic; resolved to `super::` when it is shared.
    Named {
        name: String,
        args: Vec<Ty>,
    },
    /// A type parameter of a shared envelope.
    Param(String),
    /// A constant marker: `Const<Name>`.
    Const(String),
    /// The provider's result codes (`ResultCode` in the provider module).
    ResultCode,
    /// Antom's `result` object: `runtime::AntomResult<ResultCode>`.
    AntomResult,
}

impl Ty {
    fn named(name: &str) -> Ty {
        Ty::Named { name: name.to_string(), args: Vec::new() }
    }

    /// Whether values of this type are plain scalars (the envelope test).
    fn is_plain(&self) -> bool {
        match self {
            Ty::String | Ty::I64 | Ty::F64 | Ty::Bool | Ty::Map | Ty::ResultCode | Ty::AntomResult => true,
            Ty::Vec(t) | Ty::Boxed(t) => t.is_plain(),
            _ => false,
        }
    }

    /// Names of generated types this refers to.
    pub fn refs(&self, out: &mut Vec<String>) {
        match self {
            Ty::Vec(t) | Ty::Boxed(t) => t.refs(out),
            Ty::Named { name, args } => {
                out.push(name.clone());
                for a in args {
                    a.refs(out);
                }
            }
            Ty::Const(name) => out.push(name.clone()),
            _ => {}
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldDef {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    pub optional: bool,
    pub docs: Vec<String>,
    pub max_length: Option<u64>,
    /// A required string: checked for emptiness.
    pub required_string: bool,
    pub sensitive: bool,
    /// Sent as a JSON string though it is a number or boolean (Antom).
    pub stringly: bool,
    /// Read as empty when absent (`#[serde(default)]`): a status message error bodies may omit.
    pub default: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StructDef {
    pub name: String,
    pub docs: Vec<String>,
    pub fields: Vec<FieldDef>,
    pub params: Vec<String>,
    /// Used in a request: gets `validate()` and a builder, and derives `Serialize`.
    pub request: bool,
    /// Used in a response: derives `Deserialize`.
    pub response: bool,
    /// A response root: implements `runtime::Reply` by the provider's protocol.
    pub reply: Option<Protocol>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    pub name: String,
    pub docs: Vec<String>,
    /// (Rust variant, wire value)
    pub variants: Vec<(String, String)>,
    /// Accepts values the docs do not list (`Unknown(String)`): every enum a response uses.
    pub open: bool,
    /// Doc lines per variant, in the order of `variants` (empty when the page gives none).
    pub variant_docs: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Struct(StructDef),
    Enum(EnumDef),
    /// A constant marker type and its value.
    Const {
        name: String,
        value: String,
    },
    /// `pub type Name = Target;`
    Alias {
        name: String,
        docs: Vec<String>,
        target: Ty,
    },
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::Struct(s) => &s.name,
            Item::Enum(e) => &e.name,
            Item::Const { name, .. } | Item::Alias { name, .. } => name,
        }
    }
}

/// One operation's module, borrowing its spec.
#[derive(Clone, Debug)]
pub struct OpModule<'s> {
    pub module: String,
    /// The Cargo feature that compiles the operation ([`names::feature`]).
    pub feature: String,
    pub spec_file: String,
    pub spec: &'s Spec,
    /// The endpoint marker type (`ApplyDropinSession`).
    pub marker: String,
    pub request: String,
    pub response: String,
    pub items: Vec<Item>,
    /// (method, path) where known.
    pub endpoint: Option<(Method, String)>,
    /// PayerMax's interface version of the operation: the request envelope's `version`, as
    /// its constant or the value the page calls current.
    pub version: Option<String>,
    /// What the caller builds and the client sends: the request root, or for providers whose
    /// client adds an envelope, the type of the envelope's payload field.
    pub payload: Ty,
}

#[derive(Clone, Debug)]
pub struct ProviderModule<'s> {
    pub provider: Provider,
    pub shared: Vec<Item>,
    pub ops: Vec<OpModule<'s>>,
    /// For each shared item that operations use, the features of those operations: it is
    /// compiled when one of them is enabled. Items not listed (the result codes) always are.
    pub used_by: BTreeMap<String, Vec<String>>,
}

/// What lowering found: the modules and the warnings, one per item.
pub struct Lowered<'s> {
    pub providers: Vec<ProviderModule<'s>>,
    pub warnings: Vec<Diagnostic>,
}

pub fn lower(specs: &[(String, Spec)]) -> Lowered<'_> {
    let mut warnings = Vec::new();
    // One spec per operation: English where there are several languages, else the first.
    let mut by_op: BTreeMap<(Provider, String), &(String, Spec)> = BTreeMap::new();
    for entry in specs {
        let key = (entry.1.provider, entry.1.operation.clone());
        match by_op.get(&key) {
            Some(prev) if prev.1.lang == "en" || entry.1.lang != "en" => {}
            _ => {
                by_op.insert(key, entry);
            }
        }
    }
    // Each operation lowers on its own, its warnings kept in order. Not on the thread pool:
    // with glibc's allocator, operations lowered on other threads made the rendering after
    // it take twice the CPU time (14.5 s against 5.4–7.2 s for 1,000 operations), likely as
    // the render threads reuse those threads' arenas, holed by lowering's temporaries.
    let mut lowered: Vec<Option<(OpModule<'_>, Vec<String>)>> = by_op
        .values()
        .map(|(file, spec)| {
            let mut said = Vec::new();
            let op = lower_op(file, spec, &mut |m| said.push(m));
            Some((op, said))
        })
        .collect();
    let mut providers = Vec::new();
    for provider in Provider::ALL {
        let mut ops = Vec::new();
        let mut seen_modules: BTreeSet<String> = BTreeSet::new();
        let mut seen_features: BTreeSet<String> = BTreeSet::new();
        for (((p, _), (file, spec)), slot) in by_op.iter().zip(lowered.iter_mut()) {
            if *p != provider {
                continue;
            }
            let Some((mut op, said)) = slot.take() else { continue };
            let shown = format!("spec/{file}");
            warnings.extend(said.into_iter().map(|m| Diagnostic { file: shown.clone(), at: None, message: m }));
            if !seen_modules.insert(op.module.clone()) || !seen_features.insert(op.feature.clone()) {
                let module = format!("{}_{}", op.module, seen_modules.len());
                warnings.push(Diagnostic {
                    file: shown.clone(),
                    at: None,
                    message: format!("module name `{}` is taken; using `{module}`", op.module),
                });
                op.feature = names::feature(provider.as_str(), &module);
                op.module = module.clone();
                seen_modules.insert(module);
                seen_features.insert(op.feature.clone());
            }
            // The page's own "no path" warning already says it, once, with its page.
            let page_says = spec.warnings.iter().any(|w| w.kind == crate::spec::WarningKind::NoPath);
            if op.endpoint.is_none() && !page_says {
                warnings.push(Diagnostic {
                    file: shown.clone(),
                    at: None,
                    message:
                        "no endpoint path (add one in an overlay); generated the types but no endpoint or client method"
                            .into(),
                });
            }
            ops.push(op);
        }
        if ops.is_empty() {
            continue;
        }
        let specs: Vec<&Spec> = ops.iter().map(|o| o.spec).collect();
        let codes = result_codes(&specs, Protocol::of(provider));
        let mut shared = vec![Item::Enum(codes)];
        shared.extend(share_envelopes(&mut ops));
        shared.extend(hoist_shared(&mut ops));
        let used_by = used_by(&shared, &ops);
        providers.push(ProviderModule { provider, shared, ops, used_by });
    }
    Lowered { providers, warnings }
}

/// A type being collected, before naming.
struct Proto {
    desired: String,
    key: ShapeId,
}

/// What makes two nested types the same type: equal keys generate equal code. Keys borrow
/// the spec's fields, and an object's nested objects are their interned [`ShapeId`]s, so
/// each shape is built and compared once however deep it is nested.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ShapeKey<'s> {
    Object(Vec<FieldShape<'s>>),
    /// An enum's values; an open one (a response's) has an `Unknown` variant.
    Enum {
        open: bool,
        values: &'s [String],
    },
    Const(&'s str),
}

/// A [`ShapeKey`] interned in one operation: equal ids, equal keys.
type ShapeId = u32;

/// One field of an object's [`ShapeKey`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct FieldShape<'s> {
    name: &'s str,
    ty: &'s Type,
    required: bool,
    max_length: Option<u64>,
    enum_values: &'s [String],
    /// Constants shape request types only: a response accepts any value.
    constant: Option<&'s str>,
    sensitive: bool,
    /// An inferred value list makes an open enum even in a request.
    enum_inferred: bool,
    /// Whether the field's enum takes values the docs do not list: a response object never
    /// shares a struct with a request object whose enum is closed, or it could not read a
    /// value the docs leave out.
    open: bool,
    strings: bool,
    children: Option<ShapeId>,
}

/// The shapes of one operation, interned, and each object's shape by its field list.
#[derive(Default)]
struct Shapes<'s> {
    ids: HashMap<ShapeKey<'s>, ShapeId>,
    /// An object's shape by the address of its field list (lowering borrows the fields and
    /// never moves them) and direction: computed once, not at every level it is nested in.
    objects: HashMap<(usize, bool), ShapeId>,
}

impl<'s> Shapes<'s> {
    fn intern(&mut self, key: ShapeKey<'s>) -> ShapeId {
        let next = self.ids.len() as ShapeId;
        *self.ids.entry(key).or_insert(next)
    }

    /// The shape of a field list: equal shapes generate equal code.
    fn object(&mut self, fields: &'s [Field], request: bool, strings: bool) -> ShapeId {
        let at = (fields.as_ptr() as usize, request);
        if let Some(&id) = self.objects.get(&at) {
            return id;
        }
        let shapes = fields
            .iter()
            .map(|f| FieldShape {
                name: &f.name,
                ty: &f.ty,
                required: f.required,
                max_length: f.max_length,
                enum_values: &f.enum_values,
                constant: f.constant.as_deref().filter(|_| request),
                sensitive: f.sensitive,
                enum_inferred: f.enum_inferred,
                open: is_enum(f) && open_enum(f, request),
                strings,
                children: has_object_children(f).then(|| self.object(&f.fields, request, strings)),
            })
            .collect();
        let id = self.intern(ShapeKey::Object(shapes));
        self.objects.insert(at, id);
        id
    }
}

/// Objects nested deeper than this are boxed.
pub const BOX_DEPTH: usize = 16;

struct OpCtx<'a, 's> {
    /// How deep the fields being built are nested.
    depth: usize,
    strings: bool,
    shapes: Shapes<'s>,
    protos: Vec<(Proto, &'static str)>,
    names: BTreeMap<(String, ShapeId), String>,
    items: Vec<Item>,
    done: BTreeSet<String>,
    warn: &'a mut dyn FnMut(String),
}

fn lower_op<'s>(file: &str, spec: &'s Spec, warn: &mut dyn FnMut(String)) -> OpModule<'s> {
    let prefix = names::type_name(&spec.operation);
    let protocol = Protocol::of(spec.provider);
    let response_fields = status_free(&spec.response.fields, protocol);
    let mut cx = OpCtx {
        depth: 0,
        strings: spec.scalars_as_strings,
        shapes: Shapes::default(),
        protos: Vec::new(),
        names: BTreeMap::new(),
        items: Vec::new(),
        done: BTreeSet::new(),
        warn,
    };
    // Pass 1: every nested type's desired name and shape.
    for (role, fields) in [("Request", &spec.request.fields), ("Response", &response_fields)] {
        collect(fields, role, &mut cx);
    }
    // Pass 2: names. A name two shapes want goes to neither: both take their root's prefix.
    let mut wanted: BTreeMap<String, BTreeSet<ShapeId>> = BTreeMap::new();
    for (p, _) in &cx.protos {
        wanted.entry(p.desired.clone()).or_default().insert(p.key);
    }
    let request = format!("{prefix}Request");
    let response = format!("{prefix}Response");
    let mut taken: BTreeSet<String> =
        [prefix.clone(), request.clone(), response.clone(), RESULT_CODE.to_string()].into();
    let protos = std::mem::take(&mut cx.protos);
    // Names numbered because several shapes wanted them: one warning each.
    let mut numbered: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (p, role) in &protos {
        let id = (p.desired.clone(), p.key);
        if cx.names.contains_key(&id) {
            continue;
        }
        let clash = wanted.get(&p.desired).is_some_and(|keys| keys.len() > 1) || taken.contains(&p.desired);
        let mut name = if clash { format!("{prefix}{role}{}", p.desired) } else { p.desired.clone() };
        if taken.contains(&name) {
            let base = name.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}{n}");
                n += 1;
            }
            numbered.entry(base).or_default().push(name.clone());
        }
        taken.insert(name.clone());
        cx.names.insert(id, name);
    }
    for (base, names) in numbered {
        let last = names.last().cloned().unwrap_or_default();
        (cx.warn)(format!(
            "{} different types want the name `{base}`; they are numbered `{base}`, `{}` … `{last}`",
            names.len() + 1,
            names.first().cloned().unwrap_or_default()
        ));
    }
    // Pass 3: the items.
    let req_fields = build_fields(&spec.request.fields, true, &mut cx);
    let payload = protocol
        .request_payload()
        .and_then(|wire| req_fields.iter().find(|f| f.wire == wire && !f.optional))
        .map(|f| f.ty.clone())
        .filter(|t| matches!(t, Ty::Named { .. }))
        .unwrap_or_else(|| Ty::named(&request));
    let resp_fields = reply_fields(build_fields(&response_fields, false, &mut cx), &spec.response.fields, protocol);
    let page = spec.source.url.clone().unwrap_or_else(|| spec.source.page.clone());
    let mut items = vec![
        Item::Struct(StructDef {
            name: request.clone(),
            docs: vec![
                format!("Request body of `{}`.", spec.operation),
                String::new(),
                format!("From the request table of <{page}>."),
            ],
            fields: req_fields,
            params: Vec::new(),
            request: true,
            response: false,
            reply: None,
        }),
        Item::Struct(StructDef {
            name: response.clone(),
            docs: vec![
                format!("Response body of `{}`.", spec.operation),
                String::new(),
                format!("From the response table of <{page}>."),
            ],
            fields: resp_fields,
            params: Vec::new(),
            request: false,
            response: true,
            reply: Some(protocol),
        }),
    ];
    items.append(&mut cx.items);
    directions(&mut items, &request, &response);
    let endpoint = match (&spec.method, &spec.path) {
        (Some(m), Some(p)) => Some((*m, p.clone())),
        (None, Some(p)) => Some((Method::Post, p.clone())),
        _ => None,
    };
    let module = names::module(&spec.operation);
    OpModule {
        feature: names::feature(spec.provider.as_str(), &module),
        module,
        spec_file: file.to_string(),
        spec,
        marker: prefix,
        request,
        response,
        items,
        endpoint,
        version: protocol.request_version().and_then(|wire| {
            let f = spec.request.fields.iter().find(|f| f.name == wire)?;
            f.constant.clone().or_else(|| f.current_value.clone())
        }),
        payload,
    }
}

/// Whether a response root field is one the protocol types itself.
fn is_status(name: &str, protocol: Protocol) -> bool {
    match protocol {
        Protocol::Envelope { code, message, .. } => name == code || name == message,
        Protocol::ResultObject { result } => name == result,
        Protocol::StringPayload => false,
    }
}

/// The response root without its status fields, which [`reply_fields`] types by the protocol.
fn status_free(fields: &[Field], protocol: Protocol) -> Vec<Field> {
    fields.iter().filter(|f| !is_status(&f.name, protocol)).cloned().collect()
}

/// The response root's fields as every body, success or error, decodes them: the status
/// fields typed by the protocol (and added where the page leaves them out), every other
/// field optional, since error bodies leave them out. `built` holds the other fields in
/// page order.
fn reply_fields(built: Vec<FieldDef>, page: &[Field], protocol: Protocol) -> Vec<FieldDef> {
    let status: Vec<(&str, Ty, bool, &str)> = match protocol {
        Protocol::Envelope { code, message, .. } => vec![
            (code, Ty::ResultCode, false, "The result code: `APPLY_SUCCESS` on success."),
            (message, Ty::String, true, "The gateway's message."),
        ],
        Protocol::ResultObject { result } => {
            vec![(result, Ty::AntomResult, false, "The result of the call: `resultStatus` is `S`, `F` or `U`.")]
        }
        Protocol::StringPayload => return built,
    };
    let def = |wire: &str, ty: &Ty, default: bool, docs: Vec<String>| FieldDef {
        wire: wire.to_string(),
        rust: names::field(wire),
        ty: ty.clone(),
        optional: false,
        docs,
        max_length: None,
        required_string: false,
        sensitive: false,
        stringly: false,
        default,
    };
    let mut out = Vec::new();
    for (wire, ty, default, doc) in &status {
        if !page.iter().any(|f| f.name == *wire) {
            out.push(def(wire, ty, *default, vec![doc.to_string()]));
        }
    }
    let mut built = built.into_iter();
    for f in page {
        if let Some((wire, ty, default, doc)) = status.iter().find(|(w, ..)| *w == f.name) {
            let mut docs: Vec<String> = f.description.lines().map(str::to_string).collect();
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.push(doc.to_string());
            out.push(def(wire, ty, *default, docs));
        } else if let Some(mut d) = built.next() {
            d.optional = true;
            out.push(d);
        }
    }
    out
}

/// The response fields as the operation's reply type reads them: the protocol's status
/// fields (added where the page leaves them out) and every other root field optional.
pub fn reply_view(fields: &[Field], protocol: Protocol) -> Vec<Field> {
    let status = |name: &str, required: bool, children: Vec<Field>| {
        let mut f = Field::new(name, if children.is_empty() { Type::String } else { Type::Object }, "");
        f.required = required;
        f.fields = children;
        f
    };
    let protocol_fields: Vec<Field> = match protocol {
        Protocol::Envelope { code, message, .. } => vec![status(code, true, vec![]), status(message, false, vec![])],
        Protocol::ResultObject { result } => vec![status(
            result,
            true,
            vec![
                status("resultCode", true, vec![]),
                status("resultStatus", true, vec![]),
                status("resultMessage", false, vec![]),
            ],
        )],
        Protocol::StringPayload => return fields.to_vec(),
    };
    let mut out: Vec<Field> =
        protocol_fields.iter().filter(|p| !fields.iter().any(|f| f.name == p.name)).cloned().collect();
    for f in fields {
        match protocol_fields.iter().find(|p| p.name == f.name) {
            Some(p) => out.push(p.clone()),
            None => {
                let mut f = f.clone();
                f.required = false;
                out.push(f);
            }
        }
    }
    out
}

/// The provider's result codes, from every result-code table of its pages: one variant per
/// code, documented with the page's description, status and action, and where it is listed.
fn result_codes(specs: &[&Spec], protocol: Protocol) -> EnumDef {
    let mut variants: Vec<(String, String)> = Vec::new();
    let mut variant_docs: Vec<Vec<String>> = Vec::new();
    let push =
        |wire: &str, docs: Vec<String>, variants: &mut Vec<(String, String)>, variant_docs: &mut Vec<Vec<String>>| {
            let mut rust = names::type_name(wire);
            if rust == "Unknown" {
                rust = "UnknownValue".into();
            }
            let base = rust.clone();
            let mut n = 2;
            while variants.iter().any(|(r, _)| *r == rust) {
                rust = format!("{base}{n}");
                n += 1;
            }
            variants.push((rust, wire.to_string()));
            variant_docs.push(docs);
        };
    for (code, _, doc) in protocol.protocol_codes() {
        push(code, vec![doc.to_string()], &mut variants, &mut variant_docs);
    }
    let mut listed: BTreeMap<String, usize> = BTreeMap::new();
    for spec in specs {
        let page = spec.source.url.clone().unwrap_or_else(|| format!("spec/{}", spec.source.page));
        for rc in &spec.result_codes {
            let link = format!("Listed for `{}` on <{page}>.", spec.operation);
            if let Some(&i) = listed.get(&rc.code) {
                if let Some(docs) = variant_docs.get_mut(i)
                    && !docs.contains(&link)
                {
                    docs.push(link);
                }
                continue;
            }
            if let Some(i) = variants.iter().position(|(_, w)| *w == rc.code) {
                listed.insert(rc.code.clone(), i);
                if let Some(docs) = variant_docs.get_mut(i) {
                    docs.push(link);
                }
                continue;
            }
            let mut docs: Vec<String> = rc.message.lines().map(str::to_string).collect();
            let mut facts = Vec::new();
            if let Some(status) = &rc.status {
                facts.push(format!("Status `{status}`."));
            }
            facts.extend(rc.action.lines().map(str::to_string));
            if !facts.is_empty() {
                if !docs.is_empty() {
                    docs.push(String::new());
                }
                docs.extend(facts);
            }
            docs.push(String::new());
            docs.push(link);
            listed.insert(rc.code.clone(), variants.len());
            push(&rc.code, docs, &mut variants, &mut variant_docs);
        }
    }
    EnumDef {
        name: RESULT_CODE.to_string(),
        docs: vec![
            "The result codes of the provider's responses, from the result-code tables of its pages.".to_string(),
        ],
        variants,
        open: true,
        variant_docs,
    }
}

fn has_object_children(f: &Field) -> bool {
    f.ty.has_children() && !f.fields.is_empty()
}

fn is_enum(f: &Field) -> bool {
    !f.enum_values.is_empty() && f.constant.is_none() && matches!(f.ty.leaf(), Type::String)
}

/// Whether an enum takes values the docs do not list: in every response, and in requests
/// where the values are only inferred from a description's prose, which the vendors' own
/// examples contradict (`"app"` for "value is WEB,WAP,APP").
fn open_enum(f: &Field, request: bool) -> bool {
    !request || f.enum_inferred
}

fn enum_key(f: &Field, open: bool) -> ShapeKey<'_> {
    ShapeKey::Enum { open, values: &f.enum_values }
}

fn collect<'s>(fields: &'s [Field], role: &'static str, cx: &mut OpCtx<'_, 's>) {
    let request = role == "Request";
    for f in fields {
        if has_object_children(f) {
            let desired = object_name(f);
            let key = cx.shapes.object(&f.fields, request, cx.strings);
            cx.protos.push((Proto { desired, key }, role));
            collect(&f.fields, role, cx);
        } else if is_enum(f) {
            let key = cx.shapes.intern(enum_key(f, open_enum(f, request)));
            cx.protos.push((Proto { desired: names::type_name(&f.name), key }, role));
        } else if let (Some(c), true) = (&f.constant, request) {
            let key = cx.shapes.intern(ShapeKey::Const(c));
            cx.protos.push((Proto { desired: names::type_name(c), key }, role));
        }
    }
}

/// An object's type name: the page's own name for its type (`Amount`) where it gives one,
/// so objects of one type share one struct; else the field's name.
fn object_name(f: &Field) -> String {
    match f.type_name.as_deref().filter(|n| !n.trim().is_empty()) {
        Some(n) => names::type_name(n),
        None => names::type_name(&singular(&f.name, &f.ty)),
    }
}

/// `goodsDetails` as an array of objects names its item type `GoodsDetail`.
fn singular(name: &str, ty: &Type) -> String {
    if matches!(ty, Type::Array(_)) && name.len() > 3 && name.ends_with('s') && !name.ends_with("ss") {
        name[..name.len() - 1].to_string()
    } else {
        name.to_string()
    }
}

fn build_fields<'s>(fields: &'s [Field], request: bool, cx: &mut OpCtx<'_, 's>) -> Vec<FieldDef> {
    let mut out: Vec<FieldDef> = Vec::new();
    // Rust name → the wire name that took it.
    let mut used: BTreeMap<String, String> = BTreeMap::new();
    for f in fields {
        let leaf = if has_object_children(f) {
            let desired = object_name(f);
            let key = cx.shapes.object(&f.fields, request, cx.strings);
            let name = cx.names.get(&(desired.clone(), key)).cloned().unwrap_or(desired);
            if cx.done.insert(name.clone()) {
                // Parents before children: the slot is taken before the children are built.
                let slot = cx.items.len();
                let mut docs = field_docs(f);
                if docs.is_empty() {
                    docs.push(format!("The `{}` object.", f.name));
                }
                cx.items.push(Item::Struct(StructDef {
                    name: name.clone(),
                    docs,
                    fields: Vec::new(),
                    params: Vec::new(),
                    request,
                    response: !request,
                    reply: None,
                }));
                cx.depth += 1;
                let children = build_fields(&f.fields, request, cx);
                cx.depth -= 1;
                if let Some(Item::Struct(s)) = cx.items.get_mut(slot) {
                    s.fields = children;
                }
            }
            if cx.depth >= BOX_DEPTH { Ty::Boxed(Box::new(Ty::named(&name))) } else { Ty::named(&name) }
        } else if is_enum(f) {
            let desired = names::type_name(&f.name);
            let key = cx.shapes.intern(enum_key(f, open_enum(f, request)));
            let name = cx.names.get(&(desired.clone(), key)).cloned().unwrap_or(desired);
            if cx.done.insert(name.clone()) {
                let mut variants: Vec<(String, String)> = Vec::new();
                let mut firsts: BTreeMap<String, String> = BTreeMap::new();
                for v in &f.enum_values {
                    if variants.iter().any(|(_, w)| w == v) {
                        continue;
                    }
                    let mut rust = names::type_name(v);
                    if rust == "Unknown" && open_enum(f, request) {
                        rust = "UnknownValue".into();
                    }
                    if variants.iter().any(|(r, _)| *r == rust) {
                        let base = rust.clone();
                        let mut n = 2;
                        while variants.iter().any(|(r, _)| *r == rust) {
                            rust = format!("{base}{n}");
                            n += 1;
                        }
                        let first = firsts.get(&base).cloned().unwrap_or_default();
                        (cx.warn)(format!(
                            "enum `{name}`: values `{first}` and `{v}` both make the variant `{base}`; `{v}` is `{rust}`"
                        ));
                    }
                    firsts.entry(rust.clone()).or_insert_with(|| v.clone());
                    variants.push((rust, v.clone()));
                }
                cx.items.push(Item::Enum(EnumDef {
                    name: name.clone(),
                    docs: field_docs(f),
                    variants,
                    open: open_enum(f, request),
                    variant_docs: Vec::new(),
                }));
            }
            Ty::named(&name)
        } else if let (Some(c), true) = (&f.constant, request) {
            let desired = names::type_name(c);
            let key = cx.shapes.intern(ShapeKey::Const(c));
            let name = cx.names.get(&(desired.clone(), key)).cloned().unwrap_or(desired);
            if cx.done.insert(name.clone()) {
                cx.items.push(Item::Const { name: name.clone(), value: c.clone() });
            }
            Ty::Const(name)
        } else {
            match f.ty.leaf() {
                Type::String => Ty::String,
                Type::Integer => Ty::I64,
                Type::Number => Ty::F64,
                Type::Boolean => Ty::Bool,
                Type::Object | Type::Array(_) => Ty::Map,
            }
        };
        let ty = wrap_arrays(&f.ty, leaf);
        let mut rust = names::field(&f.name);
        if let Some(first) = used.get(&rust).cloned() {
            let base = rust.clone();
            let mut n = 2;
            while used.contains_key(&rust) {
                rust = format!("{base}_{n}");
                n += 1;
            }
            (cx.warn)(format!(
                "fields `{first}` and `{}` both make the Rust field `{base}`; `{}` is `{rust}`",
                f.name, f.name
            ));
        }
        used.insert(rust.clone(), f.name.clone());
        let scalar = matches!(ty, Ty::I64 | Ty::F64 | Ty::Bool);
        out.push(FieldDef {
            wire: f.name.clone(),
            rust,
            optional: !f.required && !matches!(ty, Ty::Const(_)),
            docs: field_docs(f),
            max_length: f.max_length.filter(|_| matches!(f.ty.leaf(), Type::String) && !matches!(ty, Ty::Const(_))),
            required_string: request && f.required && ty == Ty::String,
            sensitive: f.sensitive,
            stringly: cx.strings && scalar,
            default: false,
            ty,
        });
    }
    out
}

/// Marks each struct with the directions it travels in, by what the request and response
/// roots reach: a struct both use (one shape, one name) is sent and read.
fn directions(items: &mut [Item], request: &str, response: &str) {
    let reach = |root: &str, items: &[Item]| {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut todo = vec![root.to_string()];
        while let Some(name) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(Item::Struct(s)) = items.iter().find(|i| i.name() == name) {
                let mut refs = Vec::new();
                s.fields.iter().for_each(|f| f.ty.refs(&mut refs));
                todo.extend(refs);
            }
        }
        seen
    };
    let (sent, read) = (reach(request, items), reach(response, items));
    for item in items {
        if let Item::Struct(s) = item {
            s.request = sent.contains(&s.name);
            s.response = read.contains(&s.name);
        }
    }
}

fn wrap_arrays(ty: &Type, leaf: Ty) -> Ty {
    match ty {
        Type::Array(inner) => Ty::Vec(Box::new(wrap_arrays(inner, leaf))),
        _ => leaf,
    }
}

/// Doc lines from a field's description and limits.
fn field_docs(f: &Field) -> Vec<String> {
    let mut docs: Vec<String> = f.description.lines().map(str::to_string).collect();
    let mut facts = Vec::new();
    if let Some(n) = f.type_name.as_deref() {
        facts.push(format!("The page's type: `{n}`."));
    }
    if let Some(m) = f.max_length {
        facts.push(format!("At most {m} characters."));
    }
    if let Some(fmt) = f.format {
        facts.push(match fmt {
            crate::spec::Format::DateTime => "A date-time.".to_string(),
            crate::spec::Format::Url => "A URL.".to_string(),
        });
    }
    if let Some(c) = &f.constant {
        facts.push(format!("Always `{c}`."));
    }
    if f.ty.has_children() && f.fields.is_empty() {
        facts.push("Its fields are not on the doc page.".to_string());
    }
    if f.origin == crate::spec::Origin::Example {
        facts.push("Not in the page's table: known from its example, which gives the type.".to_string());
    }
    if !facts.is_empty() {
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.push(facts.join(" "));
    }
    docs
}

/// Roots of several operations that differ only in their nested objects become one
/// generic envelope in the provider module.
fn share_envelopes(ops: &mut [OpModule<'_>]) -> Vec<Item> {
    let mut groups: BTreeMap<(bool, Vec<HoleField>), Vec<usize>> = BTreeMap::new();
    for (i, op) in ops.iter().enumerate() {
        for (request, root) in [(true, &op.request), (false, &op.response)] {
            let Some(Item::Struct(s)) = op.items.iter().find(|it| it.name() == root) else { continue };
            if let Some(key) = hole_key(s) {
                groups.entry((request, key)).or_default().push(i);
            }
        }
    }
    let mut shared = Vec::new();
    let mut counters: BTreeMap<bool, usize> = BTreeMap::new();
    let mut ordered: Vec<_> = groups.into_iter().filter(|(_, v)| v.len() > 1).collect();
    ordered.sort_by_key(|((request, _), v)| (!*request, v.first().copied()));
    for ((request, _), members) in ordered {
        let n = counters.entry(request).or_insert(0);
        *n += 1;
        let base = if request { "RequestEnvelope" } else { "ResponseEnvelope" };
        let name = if *n == 1 { base.to_string() } else { format!("{base}{n}") };
        let mut template: Option<StructDef> = None;
        for &i in &members {
            let op = &mut ops[i];
            let root = if request { op.request.clone() } else { op.response.clone() };
            let Some(pos) = op.items.iter().position(|it| it.name() == root) else { continue };
            let Item::Struct(s) = op.items[pos].clone() else { continue };
            if template.is_none() {
                let mut t = s.clone();
                t.name = name.clone();
                t.params = Vec::new();
                let version = Protocol::of(op.spec.provider).request_version();
                for f in &mut t.fields {
                    if !f.ty.is_plain() {
                        let param = names::type_name(&f.wire);
                        t.params.push(param.clone());
                        f.ty = Ty::Param(param);
                    }
                    // Each operation has its own current version; one page's would mislead.
                    if request && Some(f.wire.as_str()) == version {
                        f.docs = vec![
                            "The operation's interface version, which differs by operation: the client fills".into(),
                            "it in from the operation's `Endpoint::OPERATION`.".into(),
                        ];
                    }
                }
                t.docs = vec![format!(
                    "The {} envelope {} operations share; `{}` is the operation's own data.",
                    if request { "request" } else { "response" },
                    members.len(),
                    t.params.join("`, `")
                )];
                template = Some(t);
            }
            // Arguments in the template's parameter order, found by wire name.
            let holes: Vec<&String> = template
                .iter()
                .flat_map(|t| t.fields.iter())
                .filter(|f| matches!(f.ty, Ty::Param(_)))
                .map(|f| &f.wire)
                .collect();
            let args: Vec<Ty> =
                holes.iter().filter_map(|w| s.fields.iter().find(|f| &&f.wire == w)).map(|f| f.ty.clone()).collect();
            op.items[pos] = Item::Alias {
                name: root.clone(),
                docs: s.docs.clone(),
                target: Ty::Named { name: name.clone(), args },
            };
        }
        shared.extend(template.map(Item::Struct));
    }
    shared
}

/// A root's shape with its nested-object fields as holes; `None` when it has no hole or
/// has fields of other generated types.
fn hole_key(s: &StructDef) -> Option<Vec<HoleField>> {
    let mut entries = Vec::new();
    let mut holes = 0;
    for f in &s.fields {
        let ty = match &f.ty {
            Ty::Named { .. } => {
                holes += 1;
                None
            }
            t if t.is_plain() => Some(t.clone()),
            _ => return None,
        };
        entries.push(HoleField {
            wire: f.wire.clone(),
            ty,
            optional: f.optional,
            max_length: f.max_length,
            sensitive: f.sensitive,
            stringly: f.stringly,
            default: f.default,
        });
    }
    // JSON objects have no order: roots listing the same fields in another order share too.
    entries.sort();
    (holes > 0).then_some(entries)
}

/// One field of a root's [`hole_key`]: its plain type, or `None` for a generated type (a hole).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct HoleField {
    wire: String,
    ty: Option<Ty>,
    optional: bool,
    max_length: Option<u64>,
    sensitive: bool,
    stringly: bool,
    default: bool,
}

/// Which operations use each shared item, directly or through other shared items.
fn used_by(shared: &[Item], ops: &[OpModule<'_>]) -> BTreeMap<String, Vec<String>> {
    let refs_of = |item: &Item| {
        let mut refs = Vec::new();
        match item {
            Item::Struct(s) => s.fields.iter().for_each(|f| f.ty.refs(&mut refs)),
            Item::Alias { target, .. } => target.refs(&mut refs),
            Item::Enum(_) | Item::Const { .. } => {}
        }
        refs
    };
    let by_name: BTreeMap<&str, &Item> = shared.iter().map(|i| (i.name(), i)).collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for op in ops {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut todo: Vec<String> = op.items.iter().flat_map(refs_of).collect();
        while let Some(name) = todo.pop() {
            let Some(item) = by_name.get(name.as_str()) else { continue };
            if seen.insert(name) {
                todo.extend(refs_of(item));
            }
        }
        for name in seen {
            out.entry(name).or_default().push(op.feature.clone());
        }
    }
    out
}

/// Types that several operations define identically move to the provider module.
fn hoist_shared(ops: &mut [OpModule<'_>]) -> Vec<Item> {
    // (name → (item, count)) over non-root items.
    let mut seen: BTreeMap<String, (Item, usize, bool)> = BTreeMap::new();
    for op in ops.iter() {
        for item in &op.items {
            let n = item.name();
            if n == op.request || n == op.response || matches!(item, Item::Alias { .. }) {
                continue;
            }
            match seen.get_mut(n) {
                Some((first, count, same)) => {
                    *count += 1;
                    *same &= same_item(first, item);
                }
                None => {
                    seen.insert(n.to_string(), (item.clone(), 1, true));
                }
            }
        }
    }
    let mut hoist: BTreeSet<String> =
        seen.iter().filter(|(_, (_, c, same))| *c > 1 && *same).map(|(n, _)| n.clone()).collect();
    // A shared type may only refer to shared types.
    loop {
        let before = hoist.len();
        let snapshot = hoist.clone();
        hoist.retain(|n| {
            let mut refs = Vec::new();
            if let Some((Item::Struct(s), _, _)) = seen.get(n) {
                for f in &s.fields {
                    f.ty.refs(&mut refs);
                }
            }
            refs.iter().all(|r| snapshot.contains(r))
        });
        if hoist.len() == before {
            break;
        }
    }
    let mut shared = Vec::new();
    for name in &hoist {
        if let Some((item, _, _)) = seen.get(name) {
            let mut item = item.clone();
            // Validation and `Serialize` are needed if any operation sends it, `Deserialize`
            // if any reads it.
            if let Item::Struct(s) = &mut item {
                let used = |dir: fn(&StructDef) -> bool| {
                    ops.iter()
                        .any(|op| op.items.iter().any(|i| matches!(i, Item::Struct(t) if t.name == *name && dir(t))))
                };
                s.request = used(|t| t.request);
                s.response = used(|t| t.response);
            }
            shared.push(item);
        }
    }
    for op in ops.iter_mut() {
        op.items.retain(|i| !hoist.contains(i.name()));
    }
    shared
}

/// Equal but for docs (descriptions differ in wording and language across pages).
fn same_item(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::Struct(x), Item::Struct(y)) => {
            x.fields.len() == y.fields.len()
                && x.fields.iter().zip(&y.fields).all(|(f, g)| {
                    (
                        &f.wire,
                        &f.rust,
                        &f.ty,
                        f.optional,
                        f.max_length,
                        f.required_string,
                        f.sensitive,
                        f.stringly,
                        f.default,
                    ) == (
                        &g.wire,
                        &g.rust,
                        &g.ty,
                        g.optional,
                        g.max_length,
                        g.required_string,
                        g.sensitive,
                        g.stringly,
                        g.default,
                    )
                })
        }
        (Item::Enum(x), Item::Enum(y)) => x.variants == y.variants && x.open == y.open,
        (Item::Const { value: x, .. }, Item::Const { value: y, .. }) => x == y,
        _ => false,
    }
}
