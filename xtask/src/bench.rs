//! Benchmarks: a synthetic, deterministic corpus of doc pages (`cargo xtask bench-corpus`)
//! and the measurements of scraping, generation, generated-code compile time, runtime and
//! peak memory (`cargo xtask bench`). BENCHMARKS.md has the figures and how to read them.
//!
//! The corpus has four kinds of page, in turn: PayerMax as VitePress serves it (HTML
//! tables), PayerMax as a text copy (run-together rows, like `spec/pages/000_*.txt`),
//! PingPong as vuepress-theme-vdoing serves it (HTML), and Antom as a text copy (`name
//! Type REQUIRED` paragraphs, like `spec/pages/004_*.txt`). Each page has 30–200 fields,
//! nested 1–4 levels (`data.a.b`, `[]` arrays; Antom text copies are flat, as the site
//! collapses child parameters), enums, constants, and Chinese or English descriptions.
//! Every page is written together with the field listing it must scrape to, and both
//! commands check that it does.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::Args;
use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::pipeline::{self, Layout, Run};
use paydoc_codegen::spec::manifest::{Manifest, Page};
use paydoc_codegen::spec::{Provider, Spec, yaml};

const DEFAULT_SEED: u64 = 1;
/// The first line of a corpus manifest: `bench-corpus` overwrites only its own corpora.
const MANIFEST_HEADER: &str = "# synthetic bench corpus written by `cargo xtask bench-corpus`";
/// Threads for the scrape figures (the benchmark machine has two cores).
const THREADS: usize = 2;

/// `cargo xtask bench-corpus [N] [--seed S] [--out DIR]`.
#[derive(Args, Debug, Clone)]
pub struct CorpusArgs {
    /// Number of pages, spread evenly over the four page kinds.
    #[arg(default_value_t = 1000)]
    pub pages: usize,
    /// Seed of the generator: the same N and seed give the same bytes.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// The project root to write (spec/manifest.yaml, spec/pages/…, spec/<provider>/…);
    /// by default target/bench-corpus under the root.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `cargo xtask bench [--pages N] [--runs R] [--smoke]`.
#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// Pages (and so operations) in the synthetic corpus.
    #[arg(long, default_value_t = 1000)]
    pub pages: usize,
    /// Runs of each timed step; figures are medians.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Everything on a few pages, once, without the compile-time step: checks that the
    /// commands still work (CI). Its figures are not measurements.
    #[arg(long)]
    pub smoke: bool,
    /// Seed of the corpus generator.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Skip the generated-code compile-time step.
    #[arg(long)]
    pub no_compile: bool,
    /// Crates to compile, by their number of operations (the corpus's first ones), comma
    /// separated; by default a tenth of the corpus and all of it.
    #[arg(long, value_delimiter = ',')]
    pub compile_ops: Vec<usize>,
    /// Runs of each compile command (each is a full compile of the crate).
    #[arg(long, default_value_t = 1)]
    pub compile_runs: usize,
    /// A build whose processes hold more than this much memory (GiB) is stopped and
    /// reported as such; by default 60% of the machine's memory. The build is also stopped
    /// when the machine has less than 10% of its memory available.
    #[arg(long)]
    pub compile_mem_gib: Option<f64>,
    /// A build that runs longer than this many seconds is stopped and reported as such.
    #[arg(long, default_value_t = 1800)]
    pub compile_timeout: u64,
    /// Skip the runtime step (`cargo bench -p paydoc-sdk --bench runtime`).
    #[arg(long)]
    pub no_runtime: bool,
    /// Measure in this build even when it is a debug build (by default a debug build
    /// re-runs itself with `cargo run --release`).
    #[arg(long)]
    pub here: bool,
}

// ---------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------

/// splitmix64: tiny, fast, and good enough to shape pages.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    PayermaxHtml,
    PayermaxText,
    PingpongHtml,
    AntomText,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::PayermaxHtml, Kind::PayermaxText, Kind::PingpongHtml, Kind::AntomText];

    fn provider(self) -> Provider {
        match self {
            Kind::PayermaxHtml | Kind::PayermaxText => Provider::Payermax,
            Kind::PingpongHtml => Provider::Pingpong,
            Kind::AntomText => Provider::Antom,
        }
    }
    fn is_html(self) -> bool {
        matches!(self, Kind::PayermaxHtml | Kind::PingpongHtml)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    Str,
    Int,
    Num,
    Bool,
    StrArr,
    Obj,
    ObjArr,
}

impl Ty {
    /// As `scrape --fields` prints it.
    fn listing(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Int => "integer",
            Ty::Num => "number",
            Ty::Bool => "boolean",
            Ty::StrArr => "array<string>",
            Ty::Obj => "object",
            Ty::ObjArr => "array<object>",
        }
    }
}

/// One field of a synthetic page.
struct Fld {
    name: String,
    ty: Ty,
    required: bool,
    max_len: Option<u32>,
    desc: String,
    enums: Vec<&'static str>,
    constant: Option<&'static str>,
    /// The English suffix the name was made with (`Id`, `Time`, …): picks example values
    /// and Antom's type words.
    hint: &'static str,
    children: Vec<Fld>,
}

impl Fld {
    fn new(name: &str, ty: Ty, required: bool, desc: &str) -> Fld {
        Fld {
            name: name.to_string(),
            ty,
            required,
            max_len: None,
            desc: desc.to_string(),
            enums: Vec::new(),
            constant: None,
            hint: "",
            children: Vec::new(),
        }
    }
    fn max(mut self, n: u32) -> Fld {
        self.max_len = Some(n);
        self
    }
    fn count(list: &[Fld]) -> usize {
        list.iter().map(|f| 1 + Fld::count(&f.children)).sum()
    }
}

/// One synthetic page: its operation, fields and where it is written.
struct Synth {
    kind: Kind,
    lang: Lang,
    op: String,
    title: String,
    path: String,
    summary: String,
    tag: String,
    headers: Vec<Fld>,
    request: Vec<Fld>,
    response: Vec<Fld>,
    /// Relative to `spec/`.
    file: String,
    url: String,
}

const NOUNS: &[(&str, &str, &str)] = &[
    ("merchant", "商户", "merchant"),
    ("order", "订单", "order"),
    ("user", "用户", "user"),
    ("goods", "商品", "goods"),
    ("payment", "支付", "payment"),
    ("card", "卡片", "card"),
    ("bank", "银行", "bank"),
    ("shipping", "收货", "shipping"),
    ("billing", "账单", "billing"),
    ("device", "设备", "device"),
    ("risk", "风控", "risk"),
    ("settlement", "结算", "settlement"),
    ("refund", "退款", "refund"),
    ("trade", "交易", "trade"),
    ("account", "账户", "account"),
    ("customer", "客户", "customer"),
    ("address", "地址", "address"),
    ("tax", "税费", "tax"),
    ("fee", "手续费", "fee"),
    ("promo", "优惠", "promotion"),
    ("channel", "渠道", "channel"),
    ("terminal", "终端", "terminal"),
    ("store", "门店", "store"),
    ("invoice", "发票", "invoice"),
    ("buyer", "买家", "buyer"),
    ("seller", "卖家", "seller"),
    ("wallet", "钱包", "wallet"),
    ("coupon", "优惠券", "coupon"),
    ("delivery", "配送", "delivery"),
    ("contract", "合约", "contract"),
    ("subscription", "订阅", "subscription"),
    ("period", "周期", "period"),
    ("route", "路由", "route"),
    ("platform", "平台", "platform"),
    ("partner", "合作方", "partner"),
    ("product", "产品", "product"),
    ("quote", "报价", "quote"),
    ("batch", "批次", "batch"),
    ("plan", "计划", "plan"),
];

/// (suffix, Chinese, English) of string fields.
const STR_SUFFIXES: &[(&str, &str, &str)] = &[
    ("Id", "唯一标识", "ID"),
    ("No", "编号", "number"),
    ("Name", "名称", "name"),
    ("Code", "编码", "code"),
    ("Type", "类型", "type"),
    ("Amount", "金额", "amount"),
    ("Currency", "币种", "currency"),
    ("Time", "时间", "time"),
    ("Date", "日期", "date"),
    ("Url", "地址", "URL"),
    ("Status", "状态", "status"),
    ("Email", "邮箱", "email"),
    ("Phone", "电话", "phone number"),
    ("Country", "国家代码", "country code"),
    ("City", "城市", "city"),
    ("Remark", "备注", "remark"),
    ("Desc", "描述", "description"),
    ("Level", "等级", "level"),
    ("Ref", "参考号", "reference"),
    ("Mode", "模式", "mode"),
    ("Version", "版本", "version"),
    ("Zip", "邮编", "postal code"),
    ("Method", "方式", "method"),
    ("Scene", "场景", "scene"),
    ("Source", "来源", "source"),
    ("Label", "标签", "label"),
];
const INT_SUFFIXES: &[(&str, &str, &str)] =
    &[("Count", "数量", "count"), ("Limit", "限额", "limit"), ("Days", "天数", "days"), ("Seconds", "秒数", "seconds")];
const NUM_SUFFIXES: &[(&str, &str, &str)] = &[("Rate", "费率", "rate"), ("Ratio", "比例", "ratio")];
const BOOL_SUFFIXES: &[(&str, &str, &str)] =
    &[("Enabled", "是否启用", "enabled flag"), ("Flag", "标识", "flag"), ("Allowed", "是否允许", "allowed flag")];
const LIST_SUFFIXES: &[(&str, &str, &str)] =
    &[("List", "列表", "list"), ("Types", "类型列表", "types"), ("Codes", "编码列表", "codes")];
const OBJ_SUFFIXES: &[(&str, &str, &str)] = &[
    ("Info", "信息", "information"),
    ("Detail", "详情", "details"),
    ("Params", "参数", "parameters"),
    ("Context", "上下文", "context"),
    ("Data", "数据", "data"),
];
const ARR_SUFFIXES: &[(&str, &str, &str)] =
    &[("Details", "明细", "details"), ("Items", "条目", "items"), ("Records", "记录", "records")];

/// Clauses that follow a description; none carries a value hint (enum, constant, current
/// value) the field does not have.
const CLAUSES_ZH: &[&str] = &[
    "",
    "",
    "",
    ",由平台分配",
    ",用于风控识别,建议上送",
    ",支付成功后返回",
    ",如不传则使用商户后台配置",
    ",在收银台页面展示给用户",
];
const CLAUSES_EN: &[&str] = &[
    "",
    "",
    "",
    ", assigned by the platform",
    ", used for risk control; recommended",
    ", returned after the payment succeeds",
    ", the merchant dashboard setting is used when it is empty",
    ", shown to the user on the checkout page",
];

/// The clause a field with this name suffix usually has, in Chinese and English.
fn suffix_clause(suffix: &str) -> Option<(&'static str, &'static str)> {
    Some(match suffix {
        "Country" | "Currency" => (
            ",大写字母,参见【交易支持国家/地区与币种】",
            ", in uppercase letters, see Supported Country/Region and Currency",
        ),
        "Time" => {
            (",符合rfc3339规范,格式:yyyy-MM-dd'T'HH:mm:ss.SSSXXX", ", rfc3339, format: yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
        }
        "Id" | "No" | "Ref" => {
            (",商户系统内唯一,需要保证每个ID唯一性", ", unique within the merchant system; cannot be repeated")
        }
        "Amount" => (
            ",金额的单位为元。除以下国家外,按照各国币种支持的小数点位上送 注意:巴林、科威特、约旦、阿曼、突尼斯,本币只支持两位小数;印尼、中国台湾、韩国、越南、智利、巴基斯坦、哥伦比亚、日本、冰岛、巴拉圭,本币不支持带小数金额",
            ", in the currency's major unit. Amounts take the decimal places of their currency, except: Bahrain, Kuwait, Jordan, Oman and Tunisia take two; Indonesia, Taiwan, Korea, Vietnam, Chile, Pakistan, Colombia, Japan, Iceland and Paraguay take none",
        ),
        "Days" | "Seconds" => (",最长可30天,默认24h,最小1h", ", at most 30 days; 24 hours by default, 1 hour at least"),
        _ => return None,
    })
}
const ENUM_SETS: &[&[&str]] = &[
    &["SCHEDULED", "UNSCHDULED"],
    &["PENDING", "SUCCESS", "FAILED"],
    &["WEB", "WAP", "APP"],
    &["ANDROID", "IOS"],
    &["ACTIVE", "EXPIRED"],
    &["CARD", "BANKTRANSFER", "WALLET"],
    &["ONETIME", "RECURRING"],
    &["B2B", "B2C"],
    &["PERSONAL", "COMPANY"],
    &["DEBIT", "CREDIT", "PREPAID"],
    &["AUTH", "CAPTURE", "VOID", "REFUND"],
];
const CONSTANTS: &[(&str, &str)] =
    &[("tokenScope", "tokenAcq"), ("bizType", "CodeGrant"), ("integrateType", "Direct_Payment"), ("sceneMode", "API")];
const VERBS: &[(&str, &str)] = &[
    ("create", "创建"),
    ("query", "查询"),
    ("apply", "申请"),
    ("cancel", "取消"),
    ("close", "关闭"),
    ("update", "更新"),
    ("confirm", "确认"),
    ("submit", "提交"),
    ("bind", "绑定"),
    ("capture", "请款"),
];
const MAX_LENGTHS: &[u32] = &[2, 3, 8, 16, 32, 32, 64, 64, 64, 128, 256, 256, 1024];
const SIGN: &str = "FPFVT3o227JrFRbqu19boZCpVVTF9KznxyRawUmxpfXilHV/0yK46haPhAjNu1hPUMy7Vw/ILXhfzffNm4Fj0apWknlTY9OJxnSoQxS9BTFtc61tn5yV1q69x/kkBl82/qwg+XTJ4fOzy7Mar3VaC1E2PlDA6RkkKBUyNE6RYgsdB+Su7an4+4HVTNAnoe74WyvBgxTLMNg28igBTdqxaO3w/UBY6ObVp7vkqkQGdL1Y+HgmMYaAVwrM3+ALWGId0sJ+YqTY4WJ+0xCRGhaSnybiIjZsQEYyID68WNUfuavDLDsEhaMm/HfQvf5p0R1Ltovp3wwJnEbQcjY458iX5A==";

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// Builds the fields of one page.
struct Gen<'r> {
    rng: &'r mut Rng,
    lang: Lang,
    /// Antom text copies: flat lists, objects without their (collapsed) children.
    flat: bool,
    request: bool,
    constant_left: bool,
    /// Every dotted path on the page, request and response: the Enum Reference is keyed
    /// by path alone, so no path is used twice.
    paths: BTreeSet<String>,
}

impl Gen<'_> {
    /// A field name that none of `taken` has, its description and the suffix used.
    fn name(
        &mut self,
        suffixes: &[(&'static str, &'static str, &'static str)],
        taken: &BTreeSet<String>,
        prefix: &str,
    ) -> (String, String, &'static str) {
        for attempt in 0.. {
            let (n1, z1, e1) = *self.rng.pick(NOUNS);
            let (suffix, zs, es) = *self.rng.pick(suffixes);
            let two = self.rng.percent(25);
            let (n2, z2, e2) = *self.rng.pick(NOUNS);
            let mut name =
                if two && n2 != n1 { format!("{n1}{}{suffix}", upper_first(n2)) } else { format!("{n1}{suffix}") };
            if attempt > 20 {
                name.push_str(&attempt.to_string());
            }
            if taken.contains(&name) || !self.paths.insert(format!("{prefix}{name}")) {
                continue;
            }
            let special = suffix_clause(suffix).filter(|_| self.rng.percent(60));
            let clause = match (self.lang, special) {
                (Lang::Zh, Some((zh, _))) => zh,
                (Lang::En, Some((_, en))) => en,
                (Lang::Zh, None) => *self.rng.pick(CLAUSES_ZH),
                (Lang::En, None) => *self.rng.pick(CLAUSES_EN),
            };
            let desc = match (self.lang, two && n2 != n1) {
                (Lang::Zh, true) => format!("{z1}{z2}{zs}{clause}。"),
                (Lang::Zh, false) => format!("{z1}{zs}{clause}。"),
                (Lang::En, true) => format!("The {e1} {e2} {es}{clause}."),
                (Lang::En, false) => format!("The {e1} {es}{clause}."),
            };
            return (name, desc, suffix);
        }
        unreachable!("the loop returns")
    }

    /// Exactly `budget` fields (counting nested ones) at `depth` (1 = top level).
    fn fields(&mut self, mut budget: usize, depth: usize, max_depth: usize, force: bool, prefix: &str) -> Vec<Fld> {
        let mut out: Vec<Fld> = Vec::new();
        let mut taken = BTreeSet::new();
        while budget > 0 {
            budget -= 1;
            let nest = depth < max_depth && budget >= 2 && ((force && out.is_empty()) || self.rng.percent(15));
            let f = if nest {
                let kids = if force && out.is_empty() { self.rng.range(2, 8).max(3) } else { self.rng.range(2, 8) };
                let kids = kids.min(budget);
                budget -= kids;
                let array = self.rng.percent(30);
                let (name, desc, hint) = self.name(if array { ARR_SUFFIXES } else { OBJ_SUFFIXES }, &taken, prefix);
                let mut f = Fld::new(&name, if array { Ty::ObjArr } else { Ty::Obj }, self.rng.percent(60), &desc);
                f.hint = hint;
                let child = format!("{prefix}{name}{}.", if array { "[]" } else { "" });
                f.children = self.fields(kids, depth + 1, max_depth, force && out.is_empty(), &child);
                f
            } else {
                self.leaf(&taken, prefix)
            };
            taken.insert(f.name.clone());
            out.push(f);
        }
        out
    }

    fn leaf(&mut self, taken: &BTreeSet<String>, prefix: &str) -> Fld {
        let roll = self.rng.below(100);
        if self.request && self.constant_left && roll < 3 {
            let (name, value) = *self.rng.pick(CONSTANTS);
            if !taken.contains(name) && self.paths.insert(format!("{prefix}{name}")) {
                self.constant_left = false;
                let desc = match self.lang {
                    Lang::Zh => format!("固定传\"{value}\""),
                    Lang::En => format!("constant value:{value}"),
                };
                let mut f = Fld::new(name, Ty::Str, true, &desc);
                f.constant = Some(value);
                return f;
            }
        }
        let (ty, suffixes) = match roll {
            0..6 => (Ty::Int, INT_SUFFIXES),
            6..9 => (Ty::Num, NUM_SUFFIXES),
            9..14 => (Ty::Bool, BOOL_SUFFIXES),
            14..19 => (Ty::StrArr, LIST_SUFFIXES),
            19..27 if self.flat => (Ty::Obj, OBJ_SUFFIXES),
            27..30 if self.flat => (Ty::ObjArr, ARR_SUFFIXES),
            _ => (Ty::Str, STR_SUFFIXES),
        };
        let (name, desc, hint) = self.name(suffixes, taken, prefix);
        let mut f = Fld::new(&name, ty, self.rng.percent(55), &desc);
        f.hint = hint;
        if ty == Ty::Str {
            if self.rng.percent(10) {
                f.enums = self.rng.pick(ENUM_SETS).to_vec();
            }
            if self.rng.percent(70) {
                f.max_len = Some(*self.rng.pick(MAX_LENGTHS));
            }
        }
        f
    }
}

fn make_page(index: usize, seed: u64) -> Synth {
    let mut rng = Rng::new(seed, index as u64);
    let kind = Kind::ALL[index % Kind::ALL.len()];
    let lang = match kind {
        Kind::PingpongHtml if rng.percent(70) => Lang::Zh,
        Kind::PingpongHtml => Lang::En,
        _ if rng.percent(50) => Lang::Zh,
        _ => Lang::En,
    };
    let (verb, verb_zh) = *rng.pick(VERBS);
    let (noun, noun_zh, noun_en) = *rng.pick(NOUNS);
    let (noun2, noun2_zh, _) = *rng.pick(NOUNS);
    let op = format!("{verb}{}{}{index}", upper_first(noun), upper_first(noun2));
    let title = match (kind, lang) {
        (Kind::AntomText, Lang::Zh) => format!("{noun_zh}{noun2_zh}{verb_zh}"),
        (_, Lang::Zh) => format!("{verb_zh}{noun_zh}{noun2_zh}"),
        (_, Lang::En) => op.clone(),
    };
    let summary = match lang {
        Lang::Zh => format!("在商户服务端调用该接口,{verb_zh}{noun_zh}{noun2_zh}。"),
        Lang::En => format!("Call this API from the merchant server to {verb} the {noun_en} of a transaction."),
    };
    let total = rng.range(30, 200);
    let max_depth = match kind {
        Kind::AntomText => 1,
        _ => rng.range(2, 4),
    };
    let mut g = Gen {
        rng: &mut rng,
        lang,
        flat: kind == Kind::AntomText,
        request: true,
        constant_left: true,
        paths: BTreeSet::new(),
    };
    let zh = lang == Lang::Zh;
    let (headers, request, response) = match kind {
        Kind::PayermaxHtml | Kind::PayermaxText => {
            let headers = vec![
                Fld::new("Content-Type", Ty::Str, true, ""),
                Fld::new(
                    "sign",
                    Ty::Str,
                    true,
                    if zh {
                        "签名信息请参考技术文档"
                    } else {
                        "Signature, see the technical documentation."
                    },
                ),
            ];
            let rest = total - 11;
            let req_budget = rest * g.rng.range(55, 75) / 100;
            let mut data = Fld::new("data", Ty::Obj, true, if zh { "请求数据体" } else { "Request data." });
            data.children = g.fields(req_budget, 2, max_depth, true, "data.");
            let request = vec![
                Fld::new("version", Ty::Str, true, if zh { "接口版本 当前值为:1.1" } else { "API version. Current value: 1.1" }).max(8),
                Fld::new("keyVersion", Ty::Str, true, if zh { "密钥版本 当前值为:1" } else { "Signature Algorithm Version, Current value: 1" }).max(8),
                Fld::new("requestTime", Ty::Str, true, if zh { "请求时间,符合rfc3339规范,格式:yyyy-MM-dd'T'HH:mm:ss.SSSXXX" } else { "Request time, compliant with rfc3339 specification, format: yyyy-MM-dd'T'HH:mm:ss.SSSXXX" }).max(32),
                Fld::new("appId", Ty::Str, true, if zh { "商户应用Id,PayerMax分配给商户应用的唯一标识" } else { "Merchant AppId, the unique identifier assigned to the merchant app by PayerMax" }).max(64),
                Fld::new("merchantNo", Ty::Str, false, if zh { "商户号,商户与PayerMax业务签约时生成的唯一标识" } else { "Merchant Id, the unique identifier generated when the merchant signs the contract with PayerMax" }).max(32),
                data,
            ];
            g.request = false;
            let mut data = Fld::new("data", Ty::Obj, true, if zh { "返回数据体" } else { "Response data." });
            data.children = g.fields(rest - req_budget, 2, max_depth, true, "data.");
            let response = vec![
                Fld::new(
                    "code",
                    Ty::Str,
                    true,
                    if zh {
                        "返回码,’APPLY_SUCCESS’代表成功"
                    } else {
                        "Return code, ‘APPLY_SUCCESS’ means success"
                    },
                ),
                Fld::new("msg", Ty::Str, true, if zh { "返回描述,’Success.’" } else { "Return message, ‘Success.’" }),
                data,
            ];
            (headers, request, response)
        }
        Kind::PingpongHtml => {
            let rest = total - 9;
            let req_budget = rest * g.rng.range(55, 75) / 100;
            let mut biz = Fld::new("bizContent", Ty::Obj, true, if zh { "业务参数" } else { "Business parameters." });
            biz.children = g.fields(req_budget, 2, max_depth, true, "bizContent.");
            let request = vec![
                Fld::new("accId", Ty::Str, true, if zh { "商户店铺编号。" } else { "The merchant store number." })
                    .max(32),
                Fld::new("clientId", Ty::Str, true, if zh { "商户编号。" } else { "The merchant number." }).max(32),
                Fld::new("signType", Ty::Str, true, if zh { "签名类型。" } else { "The signature type." }).max(8),
                Fld::new("sign", Ty::Str, true, if zh { "签名。" } else { "The signature." }),
                Fld::new("version", Ty::Str, true, if zh { "接口版本。" } else { "The API version." }).max(8),
                biz,
            ];
            g.request = false;
            // Required, as it was when BENCHMARKS.md's figures were taken: an optional payload
            // of a shared envelope did not compile then (`#[serde(default)]` on `Option<Param>`
            // demanded `Param: Default`); it does now, and codegen/tests/hostile.rs checks it.
            let mut biz = Fld::new("bizContent", Ty::Obj, true, if zh { "业务响应参数" } else { "Business response." });
            biz.children = g.fields(rest - req_budget, 2, max_depth, true, "bizContent.");
            let response = vec![
                Fld::new("code", Ty::Str, true, if zh { "响应码。" } else { "The result code." }),
                Fld::new("description", Ty::Str, true, if zh { "响应描述。" } else { "The result description." }),
                biz,
            ];
            (Vec::new(), request, response)
        }
        Kind::AntomText => {
            let req_budget = total * g.rng.range(55, 75) / 100;
            let request = g.fields(req_budget, 1, 1, false, "");
            g.request = false;
            let mut response = vec![Fld::new(
                "result",
                Ty::Obj,
                true,
                if zh { "接口调用的结果。" } else { "The result of the API call." },
            )];
            response[0].hint = "Result";
            g.paths.insert("result".into());
            response.extend(g.fields(total - req_budget - 1, 1, 1, false, ""));
            (Vec::new(), request, response)
        }
    };
    let tag = match lang {
        Lang::Zh => format!("收单/{noun_zh}"),
        Lang::En => format!("Collection Service/{}", upper_first(noun_en)),
    };
    let (path, file, url) = match kind {
        Kind::PayermaxHtml | Kind::PayermaxText => {
            let dir = if zh { "cn" } else { "en" };
            let ext = if kind.is_html() { "html" } else { "txt" };
            (
                format!("/aggregate-pay/api/gateway/{op}"),
                format!("pages/{index:04}_{op}.{ext}"),
                format!(
                    "https://docs.payermax.com/public/api/New%20Version/{dir}/v1.0/aggregate-pay_api_gateway_{op}.html"
                ),
            )
        }
        Kind::PingpongHtml => (
            format!("/v4/{noun}/{op}"),
            format!("pages/{index:04}_{op}.html"),
            format!("https://acquirer-api-docs-v4.pingpongx.com/pages/{:06x}/", rng.next() & 0xff_ffff),
        ),
        Kind::AntomText => (
            format!("/v1/payments/{op}"),
            format!("pages/{index:04}_{op}.txt"),
            format!(
                "https://global.alipay.com/docs/ac/{}/{}",
                if zh { "ams_zh-cn" } else { "ams" },
                op.to_ascii_lowercase()
            ),
        ),
    };
    Synth { kind, lang, op, title, path, summary, tag, headers, request, response, file, url }
}

/// The listing `scrape --fields` must print for the page.
fn expected_listing(p: &Synth) -> String {
    fn walk(out: &mut String, section: &str, prefix: &str, fields: &[Fld]) {
        for f in fields {
            let path = format!("{prefix}{}", f.name);
            let values = match (f.constant, f.enums.is_empty()) {
                (Some(c), _) => c.to_string(),
                (None, false) => f.enums.join("|"),
                (None, true) => "-".into(),
            };
            let _ = writeln!(
                out,
                "{section}\t{path}\t{}\t{}\t{}\t{values}",
                f.ty.listing(),
                if f.required { "required" } else { "optional" },
                f.max_len.map_or_else(|| "-".to_string(), |m| m.to_string())
            );
            let child = if f.ty == Ty::ObjArr { format!("{path}[].") } else { format!("{path}.") };
            walk(out, section, &child, &f.children);
        }
    }
    let mut out = format!("POST {}\n", p.path);
    walk(&mut out, "header", "", &p.headers);
    walk(&mut out, "request", "", &p.request);
    walk(&mut out, "response", "", &p.response);
    out
}

// ---------------------------------------------------------------------------------------
// Example JSON
// ---------------------------------------------------------------------------------------

enum J {
    Str(String),
    Num(String),
    Bool(bool),
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
}

fn sample_value(f: &Fld, lang: Lang, rng: &mut Rng) -> J {
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

fn example(fields: &[Fld], lang: Lang, rng: &mut Rng) -> Vec<(String, J)> {
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

fn json_str(s: &str) -> String {
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
struct JLine {
    indent: usize,
    key: Option<String>,
    /// The value token: `{`, `[`, `}`, `]`, `{}`, `[]` or a scalar literal.
    value: String,
    /// What kind of token `value` is: punctuation, string, number or boolean.
    class: &'static str,
    comma: bool,
}

fn json_lines(value: &J) -> Vec<JLine> {
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

fn json_plain(lines: &[JLine]) -> String {
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

// ---------------------------------------------------------------------------------------
// Page renderers
// ---------------------------------------------------------------------------------------

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Rows of a field table in page order: (dotted path, field).
fn rows<'a>(fields: &'a [Fld], prefix: &str, out: &mut Vec<(String, &'a Fld)>) {
    for f in fields {
        let path = format!("{prefix}{}", f.name);
        let child = if f.ty == Ty::ObjArr { format!("{path}[].") } else { format!("{path}.") };
        out.push((path, f));
        rows(&f.children, &child, out);
    }
}

fn table_rows(fields: &[Fld]) -> Vec<(String, &Fld)> {
    let mut out = Vec::new();
    rows(fields, "", &mut out);
    out
}

fn payermax_type(ty: Ty) -> &'static str {
    match ty {
        Ty::Str => "string",
        Ty::Int => "integer",
        Ty::Num => "number",
        Ty::Bool => "boolean",
        Ty::StrArr => "array[string]",
        Ty::Obj => "object",
        Ty::ObjArr => "array[object]",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

fn constraints(f: &Fld) -> String {
    f.max_len.map(|m| format!("maxLength: {m}")).unwrap_or_default()
}

/// Paths of the fields with enums, with their values: the Enum Reference.
fn enum_reference<'a>(sections: &[&'a [Fld]]) -> Vec<(String, &'a [&'static str])> {
    let mut out = Vec::new();
    for s in sections {
        for (path, f) in table_rows(s) {
            if !f.enums.is_empty() {
                out.push((path, f.enums.as_slice()));
            }
        }
    }
    out
}

const VP_HEAD: &str = r##"    <meta name="description" content="A VitePress site">
    <meta name="generator" content="VitePress v1.6.4">
    <link rel="preload stylesheet" href="/assets/style.CDrLWmeR.css" as="style">
    <link rel="preload stylesheet" href="/vp-icons.css" as="style">
    <script type="module" src="/assets/app.C4r4EFiL.js"></script>
    <link rel="preload" href="/assets/inter-roman-latin.Di8DUHzh.woff2" as="font" type="font/woff2" crossorigin="">
    <link rel="modulepreload" href="/assets/chunks/theme.vlB68kMw.js">
    <link rel="modulepreload" href="/assets/chunks/framework.DRhEAzAp.js">
    <script id="check-dark-mode">(()=>{const e=localStorage.getItem("vitepress-theme-appearance")||"auto",a=window.matchMedia("(prefers-color-scheme: dark)").matches;(!e||e==="auto"?a:e==="dark")&&document.documentElement.classList.add("dark")})();</script>
    <script id="check-mac-os">document.documentElement.classList.toggle("mac",/Mac|iPhone|iPod|iPad/i.test(navigator.platform));</script>
"##;
const VP_NAV: &str = r##"<div class="Layout" data-v-a9a9e638><!--[--><!--]--><!--[--><span tabindex="-1" data-v-492508fc></span><a href="#VPContent" class="VPSkipLink visually-hidden" data-v-492508fc>Skip to content</a><!--]--><!----><header class="VPNav" data-v-a9a9e638 data-v-f1e365da><div class="VPNavBar" data-v-f1e365da data-v-822684d1><div class="wrapper" data-v-822684d1><div class="container" data-v-822684d1><div class="title" data-v-822684d1><div class="VPNavBarTitle has-sidebar" data-v-822684d1 data-v-0f4f798b><a class="title" href="/" data-v-0f4f798b><!--[--><!--]--><!----><span data-v-0f4f798b>PayerMax Docs</span><!--[--><!--]--></a></div></div><div class="content" data-v-822684d1><div class="content-body" data-v-822684d1><!--[--><!--]--><div class="VPNavBarSearch search" data-v-822684d1><!----></div><!----><!----><div class="VPNavBarAppearance appearance" data-v-822684d1 data-v-af096f4a><button class="VPSwitch VPSwitchAppearance" type="button" role="switch" title aria-checked="false" data-v-af096f4a data-v-e40a8bb6 data-v-4a1c76db><span class="check" data-v-4a1c76db><span class="icon" data-v-4a1c76db><!--[--><span class="vpi-sun sun" data-v-e40a8bb6></span><span class="vpi-moon moon" data-v-e40a8bb6></span><!--]--></span></span></button></div><!----><div class="VPFlyout VPNavBarExtra extra" data-v-822684d1 data-v-925effce data-v-04f5c5e9><button type="button" class="button" aria-haspopup="true" aria-expanded="false" aria-label="extra navigation" data-v-04f5c5e9><span class="vpi-more-horizontal icon" data-v-04f5c5e9></span></button></div><!--[--><!--]--><button type="button" class="VPNavBarHamburger hamburger" aria-label="mobile navigation" aria-expanded="false" aria-controls="VPNavScreen" data-v-822684d1 data-v-5dea55bf><span class="container" data-v-5dea55bf><span class="top" data-v-5dea55bf></span><span class="middle" data-v-5dea55bf></span><span class="bottom" data-v-5dea55bf></span></span></button></div></div></div></div><div class="divider" data-v-822684d1><div class="divider-line" data-v-822684d1></div></div></div><!----></header><div class="VPLocalNav has-sidebar empty" data-v-a9a9e638 data-v-070ab83d><div class="container" data-v-070ab83d><button class="menu" aria-expanded="false" aria-controls="VPSidebarNav" data-v-070ab83d><span class="vpi-align-left menu-icon" data-v-070ab83d></span><span class="menu-text" data-v-070ab83d>Menu</span></button><div class="VPLocalNavOutlineDropdown" style="--vp-vh:0px;" data-v-070ab83d data-v-168ddf5d><button data-v-168ddf5d>Return to top</button><!----></div></div></div>"##;
const VP_ASIDE: &str = r##"<div class="VPContent has-sidebar" id="VPContent" data-v-a9a9e638 data-v-91765379><div class="VPDoc has-sidebar has-aside" data-v-91765379 data-v-83890dd9><!--[--><!--]--><div class="container" data-v-83890dd9><div class="aside" data-v-83890dd9><div class="aside-curtain" data-v-83890dd9></div><div class="aside-container" data-v-83890dd9><div class="aside-content" data-v-83890dd9><div class="VPDocAside" data-v-83890dd9 data-v-6d7b3c46><!--[--><!--]--><!--[--><!--]--><nav aria-labelledby="doc-outline-aria-label" class="VPDocAsideOutline" data-v-6d7b3c46 data-v-b38bf2ff><div class="content" data-v-b38bf2ff><div class="outline-marker" data-v-b38bf2ff></div><div aria-level="2" class="outline-title" id="doc-outline-aria-label" role="heading" data-v-b38bf2ff>On this page</div><ul class="VPDocOutlineItem root" data-v-b38bf2ff data-v-3f927ebe><!--[--><!--]--></ul></div></nav><!--[--><!--]--><div class="spacer" data-v-6d7b3c46></div><!--[--><!--]--><!----><!--[--><!--]--><!--[--><!--]--></div></div></div></div><div class="content" data-v-83890dd9><div class="content-container" data-v-83890dd9><!--[--><!--]--><main class="main" data-v-83890dd9>"##;
const VP_FOOT: &str = r##"</main><footer class="VPDocFooter" data-v-83890dd9 data-v-4f9813fa><!--[--><!--]--><!----><nav class="prev-next" aria-labelledby="doc-footer-aria-label" data-v-4f9813fa><span class="visually-hidden" id="doc-footer-aria-label" data-v-4f9813fa>Pager</span><div class="pager" data-v-4f9813fa></div><div class="pager" data-v-4f9813fa></div></nav></footer><!--[--><!--]--></div></div></div><!--[--><!--]--></div></div><footer class="VPFooter has-sidebar" data-v-a9a9e638 data-v-c970a860><div class="container" data-v-c970a860><p class="message" data-v-c970a860>Released under the MIT License.</p><!----></div></footer><!--[--><!--]--></div></div>
"##;

/// Sidebar links to neighbouring operations, as a docs site lists its section.
fn sidebar_ops(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let (v, _) = *rng.pick(VERBS);
            let (a, _, _) = *rng.pick(NOUNS);
            let (b, _, _) = *rng.pick(NOUNS);
            format!("{v}{}{}", upper_first(a), upper_first(b))
        })
        .collect()
}

fn vp_heading(out: &mut String, level: u8, text: &str) {
    let id: String = text.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect::<String>();
    let t = esc(text);
    let _ = write!(
        out,
        "<h{level} id=\"{id}\" tabindex=\"-1\">{t} <a class=\"header-anchor\" href=\"#{id}\" aria-label=\"Permalink to &quot;{t}&quot;\">\u{200b}</a></h{level}>"
    );
}

fn vp_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table tabindex=\"0\"><thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn vp_code(out: &mut String, lines: &[JLine]) {
    const PUNCT: &str = "--shiki-light:#24292E;--shiki-dark:#E1E4E8;";
    const KEY: &str = "--shiki-light:#005CC5;--shiki-dark:#79B8FF;";
    const STR: &str = "--shiki-light:#032F62;--shiki-dark:#9ECBFF;";
    out.push_str("<div class=\"language-json vp-adaptive-theme\"><button title=\"Copy Code\" class=\"copy\"></button><span class=\"lang\">json</span><pre class=\"shiki shiki-themes github-light github-dark vp-code\" tabindex=\"0\"><code>");
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("<span class=\"line\">");
        let pad = "  ".repeat(l.indent);
        match &l.key {
            Some(k) => {
                let _ = write!(out, "<span style=\"{KEY}\">{pad}{}</span>", esc(&json_str(k)));
                let _ = write!(out, "<span style=\"{PUNCT}\">: </span>");
            }
            None => {
                if !pad.is_empty() && l.class != "punctuation" {
                    let _ = write!(out, "<span style=\"{PUNCT}\">{pad}</span>");
                }
            }
        }
        let style = match l.class {
            "string" => STR,
            "number" | "boolean" => KEY,
            _ => PUNCT,
        };
        let lead = if l.key.is_none() && l.class == "punctuation" { pad.as_str() } else { "" };
        let comma = if l.comma { "," } else { "" };
        if l.class == "punctuation" {
            let _ = write!(out, "<span style=\"{style}\">{lead}{}{comma}</span>", esc(&l.value));
        } else {
            let _ = write!(out, "<span style=\"{style}\">{}</span>", esc(&l.value));
            if l.comma {
                let _ = write!(out, "<span style=\"{PUNCT}\">,</span>");
            }
        }
        out.push_str("</span>");
    }
    out.push_str("</code></pre></div>");
}

fn payermax_rows(fields: &[Fld]) -> Vec<Vec<String>> {
    table_rows(fields)
        .into_iter()
        .map(|(path, f)| {
            vec![
                path,
                payermax_type(f.ty).to_string(),
                yes_no(f.required).to_string(),
                constraints(f),
                f.desc.clone(),
                f.enums.join(", "),
            ]
        })
        .collect()
}

fn render_payermax_html(p: &Synth, rng: &mut Rng) -> String {
    let zh = p.lang == Lang::Zh;
    let dir = if zh { "cn" } else { "en" };
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-US\" dir=\"ltr\">\n  <head>\n    <meta charset=\"utf-8\">\n    <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n    <title>{} | PayerMax Docs</title>\n{VP_HEAD}    <link rel=\"modulepreload\" href=\"/assets/{dir}_v1.0_aggregate-pay_api_gateway_{}.md.q-zX6kmi.lean.js\">\n  </head>\n  <body>\n    <div id=\"app\">{VP_NAV}",
        esc(&p.title),
        p.op
    );
    // The sidebar: the site's section with its operations.
    out.push_str("<aside class=\"VPSidebar\" data-v-a9a9e638 data-v-18756405><div class=\"curtain\" data-v-18756405></div><nav class=\"nav\" id=\"VPSidebarNav\" aria-labelledby=\"sidebar-aria-label\" tabindex=\"-1\" data-v-18756405><span class=\"visually-hidden\" id=\"sidebar-aria-label\" data-v-18756405> Sidebar Navigation </span><!--[--><!--]--><!--[--><div class=\"no-transition group\" data-v-9e426adc><section class=\"VPSidebarItem level-0 has-active\" data-v-9e426adc data-v-a4b0d9bf><div class=\"item\" role=\"button\" tabindex=\"0\" data-v-a4b0d9bf><div class=\"indicator\" data-v-a4b0d9bf></div>");
    let _ = write!(
        out,
        "<h2 class=\"text\" data-v-a4b0d9bf>{}</h2><!----></div><div class=\"items\" data-v-a4b0d9bf><!--[-->",
        esc(&p.tag)
    );
    let n = rng.range(8, 30);
    for op in sidebar_ops(rng, n) {
        let _ = write!(
            out,
            "<div class=\"VPSidebarItem level-1 is-link\" data-v-a4b0d9bf><div class=\"item\" data-v-a4b0d9bf><div class=\"indicator\" data-v-a4b0d9bf></div><a class=\"VPLink link link\" href=\"/{dir}/v1.0/aggregate-pay_api_gateway_{op}.html\" data-v-a4b0d9bf><!--[--><p class=\"text\" data-v-a4b0d9bf>{op}</p><!--]--></a><!----></div><!----></div>"
        );
    }
    out.push_str("<!--]--></div></section></div><!--]--><!--[--><!--]--></nav></aside>");
    out.push_str(VP_ASIDE);
    let _ = write!(
        out,
        "<div style=\"position:relative;\" class=\"vp-doc _{dir}_v1_0_aggregate-pay_api_gateway_{}\" data-v-83890dd9><div>",
        p.op
    );
    vp_heading(&mut out, 1, &p.title);
    let _ = write!(out, "<ul><li>Endpoint: POST {}</li><li>Tags: {}</li></ul>", esc(&p.path), esc(&p.tag));
    vp_heading(&mut out, 2, "Description");
    let _ = write!(out, "<p>{}</p>", esc(&p.summary));
    vp_heading(&mut out, 2, "Parameters");
    let header_rows: Vec<Vec<String>> = table_rows(&p.headers)
        .into_iter()
        .map(|(path, f)| {
            vec![path, "header".into(), "string".into(), yes_no(f.required).into(), String::new(), f.desc.clone()]
        })
        .collect();
    vp_table(&mut out, &["Field", "In", "Type", "Required", "Constraints", "Description"], &header_rows);
    vp_heading(&mut out, 2, "Parameter Examples");
    let _ =
        write!(out, "<ul><li>Content-Type: &quot;application/json&quot;</li><li>sign: &quot;{SIGN}&quot;</li></ul>");
    vp_heading(&mut out, 2, "Request Body");
    out.push_str("<p>Content-Type: application/json</p>");
    let cols = ["Field", "Type", "Required", "Constraints", "Description", "Enum"];
    vp_table(&mut out, &cols, &payermax_rows(&p.request));
    vp_heading(&mut out, 2, "Example");
    vp_code(&mut out, &json_lines(&J::Obj(example(&p.request, p.lang, rng))));
    vp_heading(&mut out, 2, "Responses");
    vp_heading(&mut out, 3, "200");
    vp_table(&mut out, &cols, &payermax_rows(&p.response));
    vp_heading(&mut out, 2, "Response Example");
    vp_code(&mut out, &json_lines(&J::Obj(example(&p.response, p.lang, rng))));
    let enums = enum_reference(&[&p.request, &p.response]);
    if !enums.is_empty() {
        vp_heading(&mut out, 2, "Enum Reference");
        for (path, values) in enums {
            vp_heading(&mut out, 3, &path);
            out.push_str("<ul>");
            for v in values {
                let _ = write!(out, "<li>{v}</li>");
            }
            out.push_str("</ul>");
        }
    }
    out.push_str("</div></div>");
    out.push_str(VP_FOOT);
    let _ = writeln!(
        out,
        "    <script>window.__VP_HASH_MAP__=JSON.parse(\"{{\\\"{dir}_v1.0_aggregate-pay_api_gateway_{}.md\\\":\\\"q-zX6kmi\\\"}}\");window.__VP_SITE_DATA__=JSON.parse(\"{{\\\"lang\\\":\\\"en-US\\\",\\\"dir\\\":\\\"ltr\\\",\\\"title\\\":\\\"PayerMax Docs\\\",\\\"description\\\":\\\"A VitePress site\\\",\\\"base\\\":\\\"/\\\",\\\"head\\\":[],\\\"appearance\\\":true,\\\"cleanUrls\\\":false}}\");</script>\n    \n  </body>\n</html>",
        p.op.to_lowercase()
    );
    out
}

fn render_payermax_text(p: &Synth, rng: &mut Rng) -> String {
    let zh = p.lang == Lang::Zh;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "Skip to content\n\n{}\n\n  • Endpoint: POST {}\n  • Tags: {}\n\nDescription\n\n{}\n\nParameters\n\nFieldInTypeRequiredConstraintsDescription\n",
        p.title, p.path, p.tag, p.summary
    );
    for (path, f) in table_rows(&p.headers) {
        let _ = writeln!(out, "{path}headerstring{}{}", yes_no(f.required), f.desc);
    }
    let _ = write!(
        out,
        "\nParameter Examples\n\n  • Content-Type: \"application/json\"\n  • sign: \"{SIGN}\"\n\nRequest Body\n\nContent-Type: application/json\n\n"
    );
    let joined = |out: &mut String, fields: &[Fld]| {
        out.push_str("FieldTypeRequiredConstraintsDescriptionEnum\n");
        for (path, f) in table_rows(fields) {
            let _ = writeln!(
                out,
                "{path}{}{}{}{}{}",
                payermax_type(f.ty),
                yes_no(f.required),
                constraints(f),
                f.desc,
                f.enums.join(", ")
            );
        }
    };
    joined(&mut out, &p.request);
    let _ = write!(
        out,
        "\nExample\n\njson\n{}\n\nResponses\n\n200\n\n",
        json_plain(&json_lines(&J::Obj(example(&p.request, p.lang, rng))))
    );
    joined(&mut out, &p.response);
    let _ = write!(
        out,
        "\nResponse Example\n\njson\n{}\n\n",
        json_plain(&json_lines(&J::Obj(example(&p.response, p.lang, rng))))
    );
    let enums = enum_reference(&[&p.request, &p.response]);
    if !enums.is_empty() {
        out.push_str("Enum Reference\n\n");
        for (path, values) in enums {
            let _ = writeln!(out, "{path}\n");
            for v in values {
                let _ = writeln!(out, "  • {v}");
            }
            out.push('\n');
        }
    }
    if zh {
        out.push_str("此页面的内容有帮助吗?\n\n感谢您帮助改进 PayerMax 产品文档!\n\nReleased under the MIT License.");
    } else {
        out.push_str("Was this page helpful?\n\nThank you for your help in improving PayerMax Product Docs!\n\nReleased under the MIT License.");
    }
    out
}

fn pingpong_type(f: &Fld) -> String {
    match f.ty {
        Ty::Str => match f.max_len {
            Some(n) => format!("String({n})"),
            None => "String".into(),
        },
        Ty::Int => "Integer".into(),
        Ty::Num => "BigDecimal".into(),
        Ty::Bool => "Boolean".into(),
        Ty::StrArr => "Array<String>".into(),
        Ty::Obj => "Object".into(),
        Ty::ObjArr => "Array<Object>".into(),
    }
}

/// A PingPong description: enums and constants as the site writes them in the text.
fn pingpong_desc(f: &Fld, lang: Lang) -> String {
    if f.enums.is_empty() {
        return f.desc.clone();
    }
    let d = f.desc.trim_end_matches(['。', '.']);
    match lang {
        Lang::Zh => format!("{d},可选值:{}", f.enums.join(",")),
        Lang::En => format!("{d}. Possible values are {}.", f.enums.join(", ")),
    }
}

fn vdoing_heading(out: &mut String, level: u8, text: &str) {
    let id: String = text.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let _ =
        write!(out, "<h{level} id=\"{id}\"><a href=\"#{id}\" class=\"header-anchor\">#</a> {}</h{level}> ", esc(text));
}

fn vdoing_code(out: &mut String, lines: &[JLine]) {
    out.push_str("<div class=\"language-json line-numbers-mode\"><pre class=\"language-json\"><code>");
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&"  ".repeat(l.indent));
        if let Some(k) = &l.key {
            let _ = write!(
                out,
                "<span class=\"token property\">{}</span><span class=\"token operator\">:</span> ",
                esc(&json_str(k))
            );
        }
        let class = match l.class {
            "punctuation" => "punctuation",
            "string" => "string",
            "number" => "number",
            _ => "boolean",
        };
        if l.value.len() == 2 && l.class == "punctuation" {
            let (a, b) = l.value.split_at(1);
            let _ =
                write!(out, "<span class=\"token punctuation\">{a}</span><span class=\"token punctuation\">{b}</span>");
        } else {
            let _ = write!(out, "<span class=\"token {class}\">{}</span>", esc(&l.value));
        }
        if l.comma {
            out.push_str("<span class=\"token punctuation\">,</span>");
        }
    }
    out.push_str("\n</code></pre> <div class=\"line-numbers-wrapper\">");
    for n in 1..=lines.len() {
        let _ = write!(out, "<span class=\"line-number\">{n}</span><br>");
    }
    out.push_str("</div></div>");
}

fn render_pingpong_html(p: &Synth, rng: &mut Rng) -> String {
    let zh = p.lang == Lang::Zh;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n  <head>\n    <meta charset=\"utf-8\">\n    <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n    <title>{} | 商户接入指南</title>\n    <meta name=\"generator\" content=\"VuePress 1.9.10\">\n    \n    <meta name=\"description\" content=\"\">\n    \n    <link rel=\"preload\" href=\"/assets/css/0.styles.f48a39f3.css\" as=\"style\"><link rel=\"preload\" href=\"/assets/js/app.d65d39aa.js\" as=\"script\"><link rel=\"preload\" href=\"/assets/js/3.c5a5122f.js\" as=\"script\"><link rel=\"preload\" href=\"/assets/js/2.a3dc173a.js\" as=\"script\">",
        esc(&p.title)
    );
    for i in 10..40 {
        let _ = write!(out, "<link rel=\"prefetch\" href=\"/assets/js/{i}.{:08x}.js\">", rng.next() as u32);
    }
    out.push_str("\n    <link rel=\"stylesheet\" href=\"/assets/css/0.styles.f48a39f3.css\">\n  </head>\n  <body class=\"theme-mode-light\">\n    <div id=\"app\" data-server-rendered=\"true\"><div class=\"theme-container sidebar-open have-rightmenu\"><header class=\"navbar blur\"><div title=\"目录\" class=\"sidebar-button\"><span class=\"icon iconfont icon-caidan\"></span></div> <a href=\"/\" class=\"home-link router-link-active\"><!----> <span class=\"site-name\">商户接入指南</span></a> <div class=\"links\"><div class=\"search-box\"><input aria-label=\"Search\" autocomplete=\"off\" spellcheck=\"false\" value=\"\"> <!----></div> <nav class=\"nav-links can-hide\"><div class=\"nav-item\"><a href=\"https://acquirer-api-docs-v2.pingpongx.com\" target=\"_blank\" rel=\"noopener noreferrer\" class=\"nav-link external\">V2 <span><svg xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" focusable=\"false\" x=\"0px\" y=\"0px\" viewBox=\"0 0 100 100\" width=\"15\" height=\"15\" class=\"icon outbound\"><path fill=\"currentColor\" d=\"M18.8,85.1h56l0,0c2.2,0,4-1.8,4-4v-32h-8v28h-48v-48h28v-8h-32l0,0c-2.2,0-4,1.8-4,4v56C14.8,83.3,16.6,85.1,18.8,85.1z\"></path></svg> <span class=\"sr-only\">(opens new window)</span></span></a></div></nav></div></header> <div class=\"sidebar-mask\"></div> <div class=\"blur-mask\"></div> <aside class=\"sidebar\"><ul class=\"sidebar-links\"><li><section class=\"sidebar-group collapsable depth-0\"><p class=\"sidebar-heading open\"><span>APIs</span> <span class=\"arrow down\"></span></p> <ul class=\"sidebar-links sidebar-group-items\">");
    let n = rng.range(8, 30);
    for op in sidebar_ops(rng, n) {
        let _ =
            write!(out, "<li><a href=\"/pages/{:06x}/\" class=\"sidebar-link\">{op}</a></li>", rng.next() & 0xff_ffff);
    }
    out.push_str("</ul></section></li></ul> </aside> <div><main class=\"page\"><div class=\"theme-vdoing-wrapper \"><div class=\"placeholder\"></div> <!----> <div class=\"content-wrapper\"><div class=\"right-menu-wrapper\"><div class=\"right-menu-margin\"><div class=\"right-menu-title\">目录</div> <div class=\"right-menu-content\"></div></div></div> ");
    let _ =
        write!(out, "<h1>{}<!----></h1> <!----> <div class=\"theme-vdoing-content content__default\">", esc(&p.title));
    let (about, address, req, req_ex, resp, resp_ex) = if zh {
        ("接口说明", "请求地址", "请求参数", "请求示例", "响应参数", "响应示例")
    } else {
        ("Description", "Endpoint", "Request Parameters", "Request Example", "Response Parameters", "Response Example")
    };
    let cols: [&str; 4] = if zh {
        ["参数名", "类型", "是否必填", "描述"]
    } else {
        ["Parameter", "Type", "Required", "Description"]
    };
    vdoing_heading(&mut out, 2, about);
    let _ = write!(out, "<p>{}</p> ", esc(&p.summary));
    vdoing_heading(&mut out, 2, address);
    let _ = write!(out, "<p>POST https://sandbox-acquirer-payment.pingpongx.com{}</p> ", esc(&p.path));
    let table = |out: &mut String, fields: &[Fld]| {
        out.push_str("<table><thead><tr>");
        for c in cols {
            let _ = write!(out, "<th>{c}</th> ");
        }
        out.push_str("</tr></thead> <tbody>");
        for (path, f) in table_rows(fields) {
            let flag = if f.required {
                "M"
            } else if f.hint == "Url" {
                "C"
            } else {
                "O"
            };
            let _ = write!(
                out,
                "<tr><td>{}</td> <td>{}</td> <td>{flag}</td> <td>{}</td></tr> ",
                esc(&path),
                esc(&pingpong_type(f)),
                esc(&pingpong_desc(f, p.lang))
            );
        }
        out.push_str("</tbody></table> ");
    };
    vdoing_heading(&mut out, 2, req);
    table(&mut out, &p.request);
    vdoing_heading(&mut out, 2, req_ex);
    vdoing_code(&mut out, &json_lines(&J::Obj(example(&p.request, p.lang, rng))));
    vdoing_heading(&mut out, 2, resp);
    table(&mut out, &p.response);
    vdoing_heading(&mut out, 2, resp_ex);
    vdoing_code(&mut out, &json_lines(&J::Obj(example(&p.response, p.lang, rng))));
    let _ = write!(
        out,
        "</div></div> <!----> <div class=\"page-edit\"><!----> <!----> <div class=\"last-updated\"><span class=\"prefix\">上次更新:</span> <span class=\"time\">2024/05/{:02}, 15:44:15</span></div></div> <div class=\"page-nav-wapper\"><!----> <!----></div></div> <!----></main></div> <div class=\"footer\"><!----> \n  Theme by\n  <a href=\"https://github.com/xugaoyi/vuepress-theme-vdoing\" target=\"_blank\" title=\"本站主题\">Vdoing</a> \n    | Copyright © 2015-2024\n    <span>checkout.pingpongx.com.All Rights Reserved.</span></div> <div class=\"buttons\"><div title=\"返回顶部\" class=\"button blur go-to-top iconfont icon-fanhuidingbu\" style=\"display:none;\"></div> <div title=\"主题模式\" class=\"button blur theme-mode-but iconfont icon-zhuti\"></div></div></div><div class=\"global-ui\"></div></div>\n    <script src=\"/assets/js/app.d65d39aa.js\" defer></script><script src=\"/assets/js/3.c5a5122f.js\" defer></script>\n  </body>\n</html>\n",
        rng.range(1, 28)
    );
    out
}

fn antom_type(f: &Fld) -> String {
    let type_name = || upper_first(f.name.strip_suffix('s').unwrap_or(&f.name));
    match f.ty {
        Ty::Str if f.hint == "Url" => "URL".into(),
        Ty::Str if f.hint == "Time" => "Datetime".into(),
        Ty::Str => "String".into(),
        Ty::Int => "Integer".into(),
        Ty::Num => "Number".into(),
        Ty::Bool => "Boolean".into(),
        Ty::StrArr => "Array<String>".into(),
        Ty::Obj => format!("{} object", upper_first(&f.name)),
        Ty::ObjArr => format!("Array<{}>", type_name()),
    }
}

fn render_antom_text(p: &Synth) -> String {
    let zh = p.lang == Lang::Zh;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "Alipay, China's leading third-party online payment solutionAlipay, China's leading third-party online payment solution\n\n{}\n\nPOST {}\n\n{}\n\n",
        p.title, p.path, p.summary
    );
    if zh {
        out.push_str("结构\n\n报文由报文头和报文体组成。本文主要介绍报文体结构信息,有关报文头的结构信息,请参阅:\n\n\n注意:将每个字段(除数组外)的数据类型设置为字符串。这意味字段值必须使用双引号(\" \")括起来。例如:\n\n  • 如果字段的数据类型为整数属性,且其值为 20,设置为 \"20\"。\n  • 如果字段的数据类型为布尔属性,且其值为 true,设置为 \"true\"。\n\n入参\n\n");
    } else {
        out.push_str("Structure\n\nA message consists of a header and body. The following sections are focused on the body structure. For the header structure, see:\n\n\nNote: Set the data type of each field (except array) as String. This means that you must use double quotation marks (\" \") to enclose the field value. Examples:\n\n  • If the data type of a field is Integer and its value is 20, set it as \"20\".\n  • If the data type of a field is Boolean and its value is true, set it as \"true\".\n\nRequest parameters\n\n");
    }
    let fields = |out: &mut String, list: &[Fld]| {
        for f in list {
            let req = if f.required { "REQUIRED" } else { "" };
            let _ = write!(out, "{} {}  {req}\n\n", f.name, antom_type(f));
            if f.enums.is_empty() {
                let _ = write!(out, "{}\n\n", f.desc);
            } else {
                let _ = write!(out, "{}{}\n\n", f.desc, if zh { "有效值为:" } else { " Valid values are:" });
                for v in &f.enums {
                    let meaning = if zh { format!("表示{v}场景。") } else { format!("indicates the {v} case.") };
                    let _ = writeln!(out, "  • {v}: {meaning}");
                }
                out.push('\n');
            }
            if let Some(m) = f.max_len {
                if zh {
                    let _ = write!(out, "更多信息:\n\n  • 最大长度:{m} 字符\n\n");
                } else {
                    let _ = write!(out, "More information:\n\n  • Maximum length: {m} characters\n\n");
                }
            }
            if matches!(f.ty, Ty::Obj | Ty::ObjArr) {
                out.push_str("Show child parameters\n\n");
            }
        }
    };
    fields(&mut out, &p.request);
    out.push_str(if zh { "出参\n\n" } else { "Response parameters\n\n" });
    fields(&mut out, &p.response);
    if zh {
        out.push_str("API Explorer\n示例代码沙箱运行\n\n请求\n\nURL\nCase\n请求体\n\n响应\n\n响应体\n\n结果码\n\n结果码结果码信息行动建议\nSUCCESSS成功\n\n请求已成功处理。无需进一步操作。\n\nPARAM_ILLEGALF缺少必需的参数,或者存在非法参数。例如,非数字输入,无效的日期,或者参数的长度和类型错误。\n\n检查并验证当前接口所需的请求字段(包括头部字段和正文字段)是否正确传递并有效。\n\nPROCESS_FAILF发生了常见的业务失败。\n\n获取 Antom 技术支持前请勿尝试。\n\nUNKNOWN_EXCEPTIONU由于未知原因,接口调用失败。\n\n重新调用接口以解决问题。如果问题未解决,请联系 Antom 技术支持。");
    } else {
        out.push_str("API Explorer\nSample CodesRun in Sandbox\n\nRequest\n\nURL\nCase\nRequest Body\n\nResponse\n\nResponse Body\n\nResult/Error codes\n\nCodeValueMessageFurther action\nSUCCESSSSuccess\n\nThe request is processed successfully. No further action is needed.\n\nPARAM_ILLEGALFIllegal parameters. For example, non-numeric input, invalid date.\n\nCheck and verify whether the required request fields (including the header fields and body fields) of the current API are correctly passed and valid.\n\nPROCESS_FAILFA general business failure occurred.\n\nDo not retry. Human intervention is usually needed. It is recommended that you contact Antom Technical Support to troubleshoot the issue.\n\nUNKNOWN_EXCEPTIONUAn API call has failed, which is caused by unknown reasons.\n\nCall the interface again to resolve the issue. If not resolved, contact Antom Technical Support.");
    }
    out
}

/// A page's bytes, by its kind.
fn render(p: &Synth, seed: u64, index: usize) -> String {
    let mut rng = Rng::new(seed ^ 0x005E_ED0F_BA6E, index as u64);
    match p.kind {
        Kind::PayermaxHtml => render_payermax_html(p, &mut rng),
        Kind::PayermaxText => render_payermax_text(p, &mut rng),
        Kind::PingpongHtml => render_pingpong_html(p, &mut rng),
        Kind::AntomText => render_antom_text(p),
    }
}

/// One corpus page in memory.
struct CorpusPage {
    kind: Kind,
    bytes: Vec<u8>,
    info: PageInfo,
    /// The file name the page is scraped as (its extension picks the form).
    name: String,
    expected: String,
    fields: usize,
    lang: Lang,
    op: String,
}

fn corpus_pages(n: usize, seed: u64) -> Vec<CorpusPage> {
    (0..n)
        .map(|i| {
            let p = make_page(i, seed);
            let bytes = render(&p, seed, i).into_bytes();
            let fields = Fld::count(&p.headers) + Fld::count(&p.request) + Fld::count(&p.response);
            CorpusPage {
                kind: p.kind,
                info: PageInfo {
                    file: p.file.clone(),
                    url: Some(p.url.clone()),
                    lang: Some(p.lang.code().to_string()),
                    provider: Some(p.kind.provider()),
                    operation: None,
                },
                name: p.file.clone(),
                expected: expected_listing(&p),
                fields,
                lang: p.lang,
                op: p.op.clone(),
                bytes,
            }
        })
        .collect()
}

/// Checks scraped specs against the listings their pages were written with; prints the
/// first differences and returns how many pages differ.
fn check_listings(pages: &[CorpusPage], specs: &[Option<Spec>]) -> usize {
    let mut bad = 0;
    for (p, s) in pages.iter().zip(specs) {
        let Some(s) = s else {
            bad += 1;
            continue;
        };
        let got = s.fields_listing();
        if got != p.expected {
            bad += 1;
            if bad <= 3 {
                let first = got.lines().zip(p.expected.lines()).position(|(a, b)| a != b);
                let (g, e) = match first {
                    Some(i) => (got.lines().nth(i).unwrap_or(""), p.expected.lines().nth(i).unwrap_or("")),
                    None => ("(a different number of fields)", ""),
                };
                eprintln!("error: {}: scrapes to a different listing:\n  got:      {g}\n  expected: {e}", p.info.file);
            }
        }
    }
    bad
}

// ---------------------------------------------------------------------------------------
// bench-corpus
// ---------------------------------------------------------------------------------------

/// Writes the corpus: pages, manifest and (through the pipeline) the spec.
pub fn corpus(layout: &Layout, args: &CorpusArgs) -> bool {
    let out = args.out.clone().unwrap_or_else(|| layout.root.join("target/bench-corpus"));
    let spec_dir = out.join("spec");
    let manifest_path = spec_dir.join("manifest.yaml");
    if let Ok(existing) = fs::read_to_string(&manifest_path)
        && !existing.starts_with(MANIFEST_HEADER)
    {
        eprintln!("error: {}: a manifest that bench-corpus did not write; pick another --out", manifest_path.display());
        return false;
    }
    let started = Instant::now();
    let pages = corpus_pages(args.pages, args.seed);
    let pages_dir = spec_dir.join("pages");
    if let Err(e) = fs::create_dir_all(&pages_dir) {
        eprintln!("error: {}: cannot create: {e}", pages_dir.display());
        return false;
    }
    let mut manifest = Manifest::default();
    let mut wanted = BTreeSet::new();
    for p in &pages {
        let path = spec_dir.join(&p.info.file);
        if fs::read(&path).ok().as_deref() != Some(p.bytes.as_slice())
            && let Err(e) = pipeline::write_atomic(&path, &p.bytes)
        {
            eprintln!("error: {}: cannot write: {e}", path.display());
            return false;
        }
        wanted.insert(path);
        manifest.pages.push(Page {
            file: p.info.file.clone(),
            provider: p.kind.provider(),
            lang: p.lang.code().to_string(),
            url: p.info.url.clone().unwrap_or_default(),
            fetch_url: None,
            operation: None,
        });
    }
    // Pages of an earlier, larger corpus.
    if let Ok(entries) = fs::read_dir(&pages_dir) {
        for e in entries.flatten() {
            let path = e.path();
            let ours = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.len() > 5 && n.as_bytes()[..4].iter().all(u8::is_ascii_digit) && n.as_bytes()[4] == b'_'
            });
            if ours && !wanted.contains(&path) {
                let _ = fs::remove_file(&path);
            }
        }
    }
    let text = match yaml::to_string(&manifest) {
        Ok(t) => format!("{MANIFEST_HEADER} {} --seed {}: generated, do not edit\n{t}", args.pages, args.seed),
        Err(e) => {
            eprintln!("error: cannot write the manifest: {e}");
            return false;
        }
    };
    if let Err(e) = pipeline::write_atomic(&manifest_path, text.as_bytes()) {
        eprintln!("error: {}: cannot write: {e}", manifest_path.display());
        return false;
    }
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let fields: usize = pages.iter().map(|p| p.fields).sum();
    println!(
        "bench-corpus: wrote {} pages ({:.1} MB, {fields} fields; {} HTML, {} text) to {} in {:.1} s",
        pages.len(),
        bytes as f64 / 1e6,
        pages.iter().filter(|p| p.kind.is_html()).count(),
        pages.iter().filter(|p| !p.kind.is_html()).count(),
        spec_dir.display(),
        started.elapsed().as_secs_f64()
    );
    let corpus_layout = Layout::new(&out);
    let started = Instant::now();
    let report = match pipeline::run(&corpus_layout, Run { check: false, accept_shrink: true, emit: false }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    println!(
        "bench-corpus: scraped them into spec/ in {:.1} s: {} files written, {} warnings, {} errors",
        started.elapsed().as_secs_f64(),
        report.changed.len(),
        report.warnings.len(),
        report.errors.len()
    );
    for e in report.errors.iter().take(5) {
        eprintln!("error: {e}");
    }
    // Each page must scrape to the fields it was written with.
    let specs: Vec<Option<Spec>> = pages
        .iter()
        .map(|p| {
            let file = spec_dir.join(format!("{}/{}.{}.yaml", p.kind.provider(), p.op, p.lang.code()));
            fs::read_to_string(file).ok().and_then(|s| yaml::spec_from_str(&s).ok())
        })
        .collect();
    let bad = check_listings(&pages, &specs);
    if bad > 0 {
        eprintln!("error: {bad} of {} pages do not scrape to the fields they were written with", pages.len());
    } else {
        println!("bench-corpus: every page scrapes to the fields it was written with");
    }
    report.errors.is_empty() && bad == 0
}

// ---------------------------------------------------------------------------------------
// bench
// ---------------------------------------------------------------------------------------

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => v[n / 2],
        _ => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// A `/proc/self/status` value in KiB.
fn status_kib(key: &str) -> Option<u64> {
    let s = fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// Resets the peak resident set size (VmHWM) to the current one; false where the kernel
/// does not allow it.
fn reset_peak() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peak memory of `f`: (VmHWM after, VmRSS before), in MiB.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, Option<(f64, f64, bool)>) {
    let reset = reset_peak();
    let before = status_kib("VmRSS:");
    let out = f();
    let peak = status_kib("VmHWM:");
    let mib = |k: u64| k as f64 / 1024.0;
    (out, peak.zip(before).map(|(p, b)| (mib(p), mib(b), reset)))
}

/// Runs `f` over the pages on `threads` threads, each taking the next page.
fn parallel<T: Send>(pages: &[&CorpusPage], threads: usize, f: impl Fn(&CorpusPage) -> T + Sync) -> Vec<T> {
    paydoc_codegen::pool::map(pages, threads, |p| f(p), |_| {})
}

fn scrape_one(p: &CorpusPage) -> Option<Spec> {
    pipeline::scrape_bytes(&p.bytes, &p.name, &p.info).ok()
}

/// The baseline: the HTML parse alone (the tree is built and dropped, as a scrape does).
fn parse_only(p: &CorpusPage) -> bool {
    let src = std::str::from_utf8(&p.bytes).unwrap_or("");
    let html = scraper::Html::parse_document(src);
    std::hint::black_box(&html);
    true
}

fn verdict_max(value: f64, target: f64, unit: &str, smoke: bool) -> String {
    if smoke {
        format!("target ≤ {target}{unit}; smoke run, not a measurement")
    } else if value <= target {
        format!("target ≤ {target}{unit}: met")
    } else {
        format!("target ≤ {target}{unit}: missed by {:.0}%", (value / target - 1.0) * 100.0)
    }
}

/// Runs the measurements; false when a step failed (a missed target is not a failure).
pub fn bench(layout: &Layout, args: &BenchArgs) -> bool {
    if cfg!(debug_assertions) && !args.smoke && !args.here {
        return rerun_release(layout, args);
    }
    let smoke = args.smoke;
    let pages_n = if smoke { args.pages.min(8) } else { args.pages };
    let runs = if smoke { 1 } else { args.runs.max(1) };
    let mut summary: Vec<String> = Vec::new();
    let mut ok = true;

    machine();
    println!(
        "== corpus: {pages_n} pages, seed {}, {runs} run(s) a step, {} build{}",
        args.seed,
        if cfg!(debug_assertions) { "debug" } else { "release" },
        if smoke { ", smoke" } else { "" }
    );
    let started = Instant::now();
    let pages = corpus_pages(pages_n, args.seed);
    let all: Vec<&CorpusPage> = pages.iter().collect();
    let html: Vec<&CorpusPage> = pages.iter().filter(|p| p.kind.is_html()).collect();
    let total_bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let html_bytes: usize = html.iter().map(|p| p.bytes.len()).sum();
    let fields: usize = pages.iter().map(|p| p.fields).sum();
    println!(
        "generated in {:.1} s: {:.1} MB, {fields} fields; {} HTML pages ({:.1} MB), {} text pages",
        started.elapsed().as_secs_f64(),
        total_bytes as f64 / 1e6,
        html.len(),
        html_bytes as f64 / 1e6,
        pages.len() - html.len()
    );

    // --- Scrape --------------------------------------------------------------------------
    println!("== scrape ({THREADS} threads, pipeline::scrape_bytes)");
    let (specs, scrape_mem) = peak_of(|| parallel(&all, THREADS, scrape_one));
    let bad = check_listings(&pages, &specs);
    let failed = specs.iter().filter(|s| s.is_none()).count();
    if bad > 0 || failed > 0 {
        eprintln!("error: {bad} pages scrape to other fields than they were written with ({failed} failed)");
        ok = false;
    }
    let (mut t_all, mut t_html, mut t_parse) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(parallel(&all, THREADS, |p| scrape_one(p).is_some()));
        t_all.push(secs(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(parallel(&html, THREADS, parse_only));
        t_parse.push(secs(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(parallel(&html, THREADS, |p| scrape_one(p).is_some()));
        t_html.push(secs(t.elapsed()));
    }
    let (t_all, t_html, t_parse) = (median(t_all), median(t_html), median(t_parse));
    let ratio = t_html / t_parse;
    println!(
        "all pages:  {:.3} s, {:.0} pages/s, {:.1} MB/s",
        t_all,
        pages.len() as f64 / t_all,
        total_bytes as f64 / 1e6 / t_all
    );
    println!(
        "HTML pages: scrape {:.3} s ({:.0} pages/s, {:.1} MB/s); Html::parse_document alone {:.3} s ({:.1} MB/s)",
        t_html,
        html.len() as f64 / t_html,
        html_bytes as f64 / 1e6 / t_html,
        t_parse,
        html_bytes as f64 / 1e6 / t_parse
    );
    summary.push(format!(
        "bench: scrape: {:.0} pages/s, {:.1} MB/s ({} pages, all forms, {THREADS} threads)",
        pages.len() as f64 / t_all,
        total_bytes as f64 / 1e6 / t_all,
        pages.len()
    ));
    summary.push(format!(
        "bench: scrape-vs-parse: {ratio:.2}x (HTML scrape {:.0} ms / parse only {:.0} ms; {})",
        t_html * 1e3,
        t_parse * 1e3,
        verdict_max(ratio, 1.2, "x", smoke)
    ));

    // --- Gen -----------------------------------------------------------------------------
    println!("== gen (emit::generate over the corpus spec, after its YAML round trip)");
    let mut named: Vec<(String, Spec)> = Vec::new();
    for s in specs.into_iter().flatten() {
        let file = s.file_name();
        match yaml::spec_to_string(&s).and_then(|t| yaml::spec_from_str(&t)) {
            Ok(back) => named.push((file, back)),
            Err(e) => {
                eprintln!("error: spec/{file}: {e}");
                ok = false;
            }
        }
    }
    let (output, gen_mem) = peak_of(|| paydoc_codegen::emit::generate(&named));
    let loc: usize = output.files.iter().map(|(_, c)| c.lines().count()).sum();
    let src_loc: usize =
        output.files.iter().filter(|(p, _)| p.starts_with("src/")).map(|(_, c)| c.lines().count()).sum();
    let mut t_gen = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(paydoc_codegen::emit::generate(&named).files.len());
        t_gen.push(secs(t.elapsed()));
    }
    let t_gen = median(t_gen);
    let ops = named.len();
    println!(
        "{ops} operations → {} files, {loc} lines ({src_loc} in src/), {} warnings: {:.3} s",
        output.files.len(),
        output.warnings.len(),
        t_gen
    );
    // The target is for 1,000 operations; scale when the corpus has another size.
    let per_1000 = t_gen * 1000.0 / ops.max(1) as f64;
    summary.push(format!(
        "bench: gen: {t_gen:.3} s for {ops} operations ({per_1000:.3} s per 1,000; {})",
        verdict_max(per_1000, 1.0, " s", smoke).replace('≤', "<")
    ));

    println!("== gen --check, no-op, on the seed set ({})", layout.root.display());
    let check = || pipeline::run(layout, Run { check: true, accept_shrink: false, emit: true });
    match check() {
        Ok(first) => {
            let clean = first.errors.is_empty() && first.stale.is_empty();
            if !clean {
                println!(
                    "note: the seed set is not clean ({} stale, {} errors): the figure is not a no-op",
                    first.stale.len(),
                    first.errors.len()
                );
            }
            let mut t_check = Vec::new();
            for _ in 0..runs.max(3) {
                let t = Instant::now();
                let r = check();
                t_check.push(secs(t.elapsed()));
                std::hint::black_box(r.is_ok());
            }
            let t_check = median(t_check);
            println!("{:.1} ms", t_check * 1e3);
            summary.push(format!(
                "bench: gen-check: {:.1} ms (seed set{}; {})",
                t_check * 1e3,
                if clean { ", no-op" } else { ", NOT clean" },
                verdict_max(t_check * 1e3, 150.0, " ms", smoke).replace('≤', "<")
            ));
        }
        Err(e) => {
            eprintln!("error: gen --check on the seed set: {e}");
            ok = false;
        }
    }

    // --- Memory --------------------------------------------------------------------------
    println!("== peak memory (VmHWM, reset before each step through /proc/self/clear_refs)");
    for (name, m) in [("scrape", scrape_mem), ("gen", gen_mem)] {
        match m {
            Some((peak, before, reset)) => {
                let what = if reset { "" } else { " (peak not reset: includes earlier steps)" };
                println!(
                    "{name}: peak {peak:.0} MiB, {:.0} MiB over the {before:.0} MiB before the step{what}",
                    peak - before
                );
                summary.push(format!(
                    "bench: peak-memory-{name}: {peak:.0} MiB (+{:.0} MiB over the step's start; {} pages)",
                    peak - before,
                    pages.len()
                ));
            }
            None => println!("{name}: /proc/self/status is not readable here"),
        }
    }

    // --- Compile -------------------------------------------------------------------------
    if !smoke && !args.no_compile {
        println!("== compile time of the generated crate ({ops} operations)");
        let mut sizes =
            if args.compile_ops.is_empty() { vec![(ops / 10).max(1), ops] } else { args.compile_ops.clone() };
        sizes.sort_unstable();
        sizes.dedup();
        for n in sizes {
            let n = n.min(ops);
            let files = if n == ops { output.files.clone() } else { paydoc_codegen::emit::generate(&named[..n]).files };
            match compile(&files, n, args) {
                Ok(lines) => summary.extend(lines),
                Err(e) => {
                    eprintln!("error: compile step: {e}");
                    ok = false;
                }
            }
        }
    }

    // --- Runtime -------------------------------------------------------------------------
    if !args.no_runtime {
        println!("== runtime (cargo bench -p paydoc-sdk --bench runtime)");
        match runtime(runs, smoke) {
            Ok(lines) => summary.extend(lines),
            Err(e) => {
                eprintln!("error: runtime step: {e}");
                ok = false;
            }
        }
    }

    println!("== summary");
    for s in &summary {
        println!("{s}");
    }
    ok
}

/// Prints the machine the figures are from.
fn machine() {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("MemTotal:")).map(str::to_string))
        .and_then(|l| l["MemTotal:".len()..].trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or_else(|| "unknown".into(), |k| format!("{:.1} GiB", k as f64 / 1024.0 / 1024.0));
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let load = fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    println!("== machine: {cpus} CPUs ({model}), {mem} RAM, {rustc}, load average {load} at the start");
}

/// A debug build re-runs the measurements from a release build.
fn rerun_release(layout: &Layout, args: &BenchArgs) -> bool {
    println!(
        "bench: this is a debug build; measuring with `cargo run --release -p xtask` (pass --here to measure this build)"
    );
    let mut c = cargo();
    c.arg("run").arg("--release").arg("--quiet").arg("--manifest-path").arg(crate::project_root().join("Cargo.toml"));
    c.args(["-p", "xtask", "--", "--root"]).arg(&layout.root).arg("bench").arg("--here");
    c.args(["--pages", &args.pages.to_string(), "--runs", &args.runs.to_string(), "--seed", &args.seed.to_string()]);
    if args.no_compile {
        c.arg("--no-compile");
    }
    if !args.compile_ops.is_empty() {
        let sizes: Vec<String> = args.compile_ops.iter().map(usize::to_string).collect();
        c.args(["--compile-ops", &sizes.join(",")]);
    }
    c.args(["--compile-runs", &args.compile_runs.to_string(), "--compile-timeout", &args.compile_timeout.to_string()]);
    if let Some(g) = args.compile_mem_gib {
        c.args(["--compile-mem-gib", &g.to_string()]);
    }
    if args.no_runtime {
        c.arg("--no-runtime");
    }
    match c.status() {
        Ok(s) => s.success(),
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            false
        }
    }
}

/// The generated crate's manifest with the workspace's inherited keys spelled out, and no
/// bench targets, so the crate builds on its own.
fn standalone_manifest(root: &Path) -> Result<String, String> {
    let read = |p: PathBuf| fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let member = read(root.join("generated/Cargo.toml"))?;
    let workspace = read(root.join("Cargo.toml"))?;
    // `key = value` lines of a section of the workspace manifest.
    let section = |name: &str| -> Vec<(String, String)> {
        let mut inside = false;
        let mut out = Vec::new();
        for line in workspace.lines() {
            let t = line.trim();
            if t.starts_with('[') {
                inside = t == format!("[{name}]");
                continue;
            }
            if inside && let Some((k, v)) = t.split_once('=') {
                out.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        out
    };
    let package = section("workspace.package");
    let deps = section("workspace.dependencies");
    let mut out = String::new();
    let mut current = String::new();
    for line in member.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            current = t.to_string();
        }
        if current == "[[bench]]" || (t.starts_with('#') && t.contains("cargo bench")) {
            continue;
        }
        if let Some(key) = t.strip_suffix(".workspace = true") {
            let table = if current == "[package]" { &package } else { &deps };
            match table.iter().find(|(k, _)| k == key) {
                Some((k, v)) => {
                    let _ = writeln!(out, "{k} = {v}");
                }
                None => return Err(format!("`{key}` is not in the workspace manifest")),
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("\n# Built on its own by `cargo xtask bench`.\n[workspace]\n");
    Ok(out)
}

/// A `/proc/<pid>/status` value in KiB.
fn proc_kib(pid: u32, key: &str) -> Option<u64> {
    let s = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// A `/proc/meminfo` value in KiB.
fn meminfo_kib(key: &str) -> Option<u64> {
    let s = fs::read_to_string("/proc/meminfo").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// `pid` and every process below it.
fn process_tree(pid: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Some(p) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            // `pid (comm) state ppid …`: the command may hold spaces and parentheses.
            let Ok(stat) = fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
            let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else { continue };
            if let Some(ppid) = after.split_whitespace().nth(1).and_then(|x| x.parse::<u32>().ok()) {
                parent_of.push((p, ppid));
            }
        }
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(parent_of.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    tree
}

/// How a guarded build ended.
struct Built {
    secs: f64,
    /// Largest sampled total resident memory of the build's processes, MiB.
    peak_mib: f64,
    /// Why it was stopped, if it was.
    stopped: Option<String>,
}

/// Runs cargo in `dir`, sampling the memory of its process tree every 0.2 s; stops it (the
/// whole tree) past the memory limit, when the machine runs short, or past the timeout.
fn run_cargo(dir: &Path, args: &[&str], limit_mib: f64, timeout: Duration) -> Result<Built, String> {
    let log_path = dir.join("build.log");
    let log = fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let start = Instant::now();
    let mut child = cargo()
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let total_mib = meminfo_kib("MemTotal:").map_or(f64::MAX, |k| k as f64 / 1024.0);
    let mut peak = 0.0f64;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let secs = start.elapsed().as_secs_f64();
            if !status.success() {
                let err = fs::read_to_string(&log_path).unwrap_or_default();
                let tail: Vec<&str> = err.lines().rev().take(15).collect();
                return Err(format!(
                    "`cargo {}` failed:\n{}",
                    args.join(" "),
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                ));
            }
            return Ok(Built { secs, peak_mib: peak, stopped: None });
        }
        let tree = process_tree(child.id());
        let rss: u64 = tree.iter().filter_map(|p| proc_kib(*p, "VmRSS:")).sum();
        peak = peak.max(rss as f64 / 1024.0);
        let available = meminfo_kib("MemAvailable:").map_or(f64::MAX, |k| k as f64 / 1024.0);
        let why = if peak > limit_mib {
            Some(format!("its processes held {:.1} GiB, over the {:.1} GiB limit", peak / 1024.0, limit_mib / 1024.0))
        } else if available < total_mib / 10.0 {
            Some(format!("the machine had {:.1} GiB available, under 10% of its memory", available / 1024.0))
        } else if start.elapsed() > timeout {
            Some(format!("it ran over the {} s limit", timeout.as_secs()))
        } else {
            None
        };
        if let Some(why) = why {
            // Deepest first, so nothing is re-parented and left running.
            let mut pids: Vec<String> = tree.iter().rev().map(u32::to_string).collect();
            pids.retain(|p| *p != child.id().to_string());
            if !pids.is_empty() {
                let _ = Command::new("kill").arg("-KILL").args(&pids).status();
            }
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Built { secs: start.elapsed().as_secs_f64(), peak_mib: peak, stopped: Some(why) });
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Writes the generated crate of the first `ops` operations into its own cargo project and
/// times `cargo check` and `cargo build` (dev profile) of the crate alone (dependencies
/// built beforehand, incremental compilation off), for every provider and for PayerMax
/// alone, with the peak memory of the build.
fn compile(files: &[(String, String)], ops: usize, args: &BenchArgs) -> Result<Vec<String>, String> {
    let root = crate::project_root();
    let dir = root.join(format!("target/bench/sdk-{ops}"));
    let write = |rel: &str, contents: &[u8]| -> Result<(), String> {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&p, contents).map_err(|e| format!("{}: {e}", p.display()))
    };
    let _ = fs::remove_dir_all(dir.join("src"));
    let _ = fs::remove_dir_all(dir.join("tests"));
    write("Cargo.toml", standalone_manifest(&root)?.as_bytes())?;
    if let Ok(lock) = fs::read(root.join("Cargo.lock")) {
        write("Cargo.lock", &lock)?;
    }
    let runtime =
        fs::read(root.join("generated/src/runtime.rs")).map_err(|e| format!("generated/src/runtime.rs: {e}"))?;
    write("src/runtime.rs", &runtime)?;
    let total_mib = meminfo_kib("MemTotal:").map_or(16.0 * 1024.0, |k| k as f64 / 1024.0);
    let limit_mib = args.compile_mem_gib.map_or(total_mib * 0.6, |g| g * 1024.0);
    let timeout = Duration::from_secs(args.compile_timeout);
    // Dependencies first, from a crate holding only the runtime, so the timed builds are the crate's.
    write("src/lib.rs", b"pub mod runtime;\n")?;
    for cmd in [
        &["build", "--offline", "--quiet"][..],
        &["check", "--offline", "--quiet"],
        &["build", "--offline", "--quiet", "--no-default-features", "--features", "payermax"],
        &["check", "--offline", "--quiet", "--no-default-features", "--features", "payermax"],
    ] {
        run_cargo(&dir, cmd, limit_mib, timeout)?;
    }
    for (rel, contents) in files {
        write(rel, contents.as_bytes())?;
    }
    let lines_under = |prefix: &str| -> usize {
        files.iter().filter(|(p, _)| p.starts_with(prefix)).map(|(_, c)| c.lines().count()).sum()
    };
    let runtime_lines = String::from_utf8_lossy(&runtime).lines().count();
    let all_lines = lines_under("src/") + runtime_lines;
    let payermax_lines = lines_under("src/payermax/") + lines_under("src/lib.rs") + runtime_lines;
    println!(
        "crate of {ops} operations: {all_lines} lines in src/ (payermax {}, antom {}, pingpong {}), in {}",
        lines_under("src/payermax/"),
        lines_under("src/antom/"),
        lines_under("src/pingpong/"),
        dir.display()
    );
    let lib = dir.join("src/lib.rs");
    let mut out = Vec::new();
    for (features, lines, extra) in [
        ("all", all_lines, &[][..]),
        ("payermax", payermax_lines, &["--no-default-features", "--features", "payermax"][..]),
    ] {
        let mut stopped = false;
        for cmd in ["check", "build"] {
            let name = format!("compile-{cmd}-{features}-{ops}ops");
            if stopped {
                println!("cargo {cmd} ({features} features): skipped, as `cargo check` was stopped");
                out.push(format!("bench: {name}: not run ({lines} lines; `cargo check` was stopped)"));
                continue;
            }
            let (mut times, mut peaks) = (Vec::new(), Vec::new());
            for _ in 0..args.compile_runs.max(1) {
                // A new mtime: cargo rebuilds the crate, and only the crate.
                let f = fs::File::options().write(true).open(&lib).map_err(|e| format!("{}: {e}", lib.display()))?;
                f.set_modified(std::time::SystemTime::now()).map_err(|e| format!("{}: {e}", lib.display()))?;
                let mut cmd_args = vec![cmd, "--offline", "--quiet"];
                cmd_args.extend_from_slice(extra);
                let built = run_cargo(&dir, &cmd_args, limit_mib, timeout)?;
                if let Some(why) = built.stopped {
                    println!(
                        "cargo {cmd} ({features} features, {lines} lines): stopped after {:.0} s: {why}",
                        built.secs
                    );
                    out.push(format!(
                        "bench: {name}: did not finish: stopped after {:.0} s, {why} ({lines} lines)",
                        built.secs
                    ));
                    stopped = true;
                    break;
                }
                times.push(built.secs);
                peaks.push(built.peak_mib);
            }
            if stopped {
                continue;
            }
            let (t, peak) = (median(times), median(peaks));
            println!(
                "cargo {cmd} ({features} features): {t:.1} s for {lines} lines ({:.0} lines/s), peak {:.1} GiB",
                lines as f64 / t,
                peak / 1024.0
            );
            out.push(format!(
                "bench: {name}: {t:.1} s ({lines} lines, {:.0} lines/s, peak {:.1} GiB)",
                lines as f64 / t,
                peak / 1024.0
            ));
        }
    }
    Ok(out)
}

/// Runs the runtime harness and returns its `bench:` lines.
fn runtime(runs: usize, smoke: bool) -> Result<Vec<String>, String> {
    let mut c = cargo();
    c.args(["bench", "--offline", "--quiet", "--manifest-path"]).arg(crate::project_root().join("Cargo.toml"));
    c.args(["-p", "paydoc-sdk", "--bench", "runtime"]);
    if smoke {
        // Quick to build, and the harness takes a few short samples.
        c.args(["--profile", "dev", "--", "--smoke"]);
    } else {
        c.args(["--", "--runs", &runs.to_string()]);
    }
    let out = c.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    if !out.status.success() {
        return Err(format!("cargo bench failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(stdout.lines().filter(|l| l.starts_with("bench: ")).map(str::to_string).collect())
}
