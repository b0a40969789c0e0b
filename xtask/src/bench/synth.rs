//! The synthetic pages: a seeded generator of operations and their fields, and the field listing each page must scrape to.

use super::*;

/// splitmix64: tiny, fast, and good enough to shape pages.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub(super) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub(super) fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    PayermaxHtml,
    PayermaxText,
    PingpongHtml,
    AntomText,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::PayermaxHtml, Kind::PayermaxText, Kind::PingpongHtml, Kind::AntomText];

    pub(super) fn provider(self) -> Provider {
        match self {
            Kind::PayermaxHtml | Kind::PayermaxText => Provider::Payermax,
            Kind::PingpongHtml => Provider::Pingpong,
            Kind::AntomText => Provider::Antom,
        }
    }
    pub(super) fn is_html(self) -> bool {
        matches!(self, Kind::PayermaxHtml | Kind::PingpongHtml)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lang {
    Zh,
    En,
}

impl Lang {
    pub(super) fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ty {
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
    pub(super) fn listing(self) -> &'static str {
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
pub(super) struct Fld {
    pub(super) name: String,
    pub(super) ty: Ty,
    pub(super) required: bool,
    pub(super) max_len: Option<u32>,
    pub(super) desc: String,
    pub(super) enums: Vec<&'static str>,
    pub(super) constant: Option<&'static str>,
    /// The English suffix the name was made with (`Id`, `Time`, …): picks example values
    /// and Antom's type words.
    pub(super) hint: &'static str,
    pub(super) children: Vec<Fld>,
}

impl Fld {
    pub(super) fn new(name: &str, ty: Ty, required: bool, desc: &str) -> Fld {
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
    pub(super) fn max(mut self, n: u32) -> Fld {
        self.max_len = Some(n);
        self
    }
    pub(super) fn count(list: &[Fld]) -> usize {
        list.iter().map(|f| 1 + Fld::count(&f.children)).sum()
    }
}

/// One synthetic page: its operation, fields and where it is written.
pub(super) struct Synth {
    pub(super) kind: Kind,
    pub(super) lang: Lang,
    pub(super) op: String,
    pub(super) title: String,
    pub(super) path: String,
    pub(super) summary: String,
    pub(super) tag: String,
    pub(super) headers: Vec<Fld>,
    pub(super) request: Vec<Fld>,
    pub(super) response: Vec<Fld>,
    /// Relative to `spec/`.
    pub(super) file: String,
    pub(super) url: String,
}

pub(super) const NOUNS: &[(&str, &str, &str)] = &[
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
pub(super) const STR_SUFFIXES: &[(&str, &str, &str)] = &[
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
pub(super) const INT_SUFFIXES: &[(&str, &str, &str)] =
    &[("Count", "数量", "count"), ("Limit", "限额", "limit"), ("Days", "天数", "days"), ("Seconds", "秒数", "seconds")];
pub(super) const NUM_SUFFIXES: &[(&str, &str, &str)] = &[("Rate", "费率", "rate"), ("Ratio", "比例", "ratio")];
pub(super) const BOOL_SUFFIXES: &[(&str, &str, &str)] =
    &[("Enabled", "是否启用", "enabled flag"), ("Flag", "标识", "flag"), ("Allowed", "是否允许", "allowed flag")];
pub(super) const LIST_SUFFIXES: &[(&str, &str, &str)] =
    &[("List", "列表", "list"), ("Types", "类型列表", "types"), ("Codes", "编码列表", "codes")];
pub(super) const OBJ_SUFFIXES: &[(&str, &str, &str)] = &[
    ("Info", "信息", "information"),
    ("Detail", "详情", "details"),
    ("Params", "参数", "parameters"),
    ("Context", "上下文", "context"),
    ("Data", "数据", "data"),
];
pub(super) const ARR_SUFFIXES: &[(&str, &str, &str)] =
    &[("Details", "明细", "details"), ("Items", "条目", "items"), ("Records", "记录", "records")];

/// Clauses that follow a description; none carries a value hint (enum, constant, current
/// value) the field does not have.
pub(super) const CLAUSES_ZH: &[&str] = &[
    "",
    "",
    "",
    ",由平台分配",
    ",用于风控识别,建议上送",
    ",支付成功后返回",
    ",如不传则使用商户后台配置",
    ",在收银台页面展示给用户",
];
pub(super) const CLAUSES_EN: &[&str] = &[
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
pub(super) fn suffix_clause(suffix: &str) -> Option<(&'static str, &'static str)> {
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
pub(super) const ENUM_SETS: &[&[&str]] = &[
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
pub(super) const CONSTANTS: &[(&str, &str)] =
    &[("tokenScope", "tokenAcq"), ("bizType", "CodeGrant"), ("integrateType", "Direct_Payment"), ("sceneMode", "API")];
pub(super) const VERBS: &[(&str, &str)] = &[
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
pub(super) const MAX_LENGTHS: &[u32] = &[2, 3, 8, 16, 32, 32, 64, 64, 64, 128, 256, 256, 1024];
pub(super) const SIGN: &str = "FPFVT3o227JrFRbqu19boZCpVVTF9KznxyRawUmxpfXilHV/0yK46haPhAjNu1hPUMy7Vw/ILXhfzffNm4Fj0apWknlTY9OJxnSoQxS9BTFtc61tn5yV1q69x/kkBl82/qwg+XTJ4fOzy7Mar3VaC1E2PlDA6RkkKBUyNE6RYgsdB+Su7an4+4HVTNAnoe74WyvBgxTLMNg28igBTdqxaO3w/UBY6ObVp7vkqkQGdL1Y+HgmMYaAVwrM3+ALWGId0sJ+YqTY4WJ+0xCRGhaSnybiIjZsQEYyID68WNUfuavDLDsEhaMm/HfQvf5p0R1Ltovp3wwJnEbQcjY458iX5A==";

pub(super) fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// Builds the fields of one page.
pub(super) struct Gen<'r> {
    pub(super) rng: &'r mut Rng,
    pub(super) lang: Lang,
    /// Antom text copies: flat lists, objects without their (collapsed) children.
    pub(super) flat: bool,
    pub(super) request: bool,
    pub(super) constant_left: bool,
    /// Every dotted path on the page, request and response: the Enum Reference is keyed
    /// by path alone, so no path is used twice.
    pub(super) paths: BTreeSet<String>,
}

impl Gen<'_> {
    /// A field name that none of `taken` has, its description and the suffix used.
    pub(super) fn name(
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
    pub(super) fn fields(
        &mut self,
        mut budget: usize,
        depth: usize,
        max_depth: usize,
        force: bool,
        prefix: &str,
    ) -> Vec<Fld> {
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

    pub(super) fn leaf(&mut self, taken: &BTreeSet<String>, prefix: &str) -> Fld {
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

pub(super) fn make_page(index: usize, seed: u64) -> Synth {
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
pub(super) fn expected_listing(p: &Synth) -> String {
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
