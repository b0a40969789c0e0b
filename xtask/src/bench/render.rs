//! A synthetic page as each doc site serves it: PayerMax HTML and text copies, PingPong HTML, Antom text copies.

use super::*;

pub(super) fn esc(s: &str) -> String {
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
pub(super) fn rows<'a>(fields: &'a [Fld], prefix: &str, out: &mut Vec<(String, &'a Fld)>) {
    for f in fields {
        let path = format!("{prefix}{}", f.name);
        let child = if f.ty == Ty::ObjArr { format!("{path}[].") } else { format!("{path}.") };
        out.push((path, f));
        rows(&f.children, &child, out);
    }
}

pub(super) fn table_rows(fields: &[Fld]) -> Vec<(String, &Fld)> {
    let mut out = Vec::new();
    rows(fields, "", &mut out);
    out
}

pub(super) fn payermax_type(ty: Ty) -> &'static str {
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

pub(super) fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

pub(super) fn constraints(f: &Fld) -> String {
    f.max_len.map(|m| format!("maxLength: {m}")).unwrap_or_default()
}

/// Paths of the fields with enums, with their values: the Enum Reference.
pub(super) fn enum_reference<'a>(sections: &[&'a [Fld]]) -> Vec<(String, &'a [&'static str])> {
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

pub(super) const VP_HEAD: &str = r##"    <meta name="description" content="A VitePress site">
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
pub(super) const VP_NAV: &str = r##"<div class="Layout" data-v-a9a9e638><!--[--><!--]--><!--[--><span tabindex="-1" data-v-492508fc></span><a href="#VPContent" class="VPSkipLink visually-hidden" data-v-492508fc>Skip to content</a><!--]--><!----><header class="VPNav" data-v-a9a9e638 data-v-f1e365da><div class="VPNavBar" data-v-f1e365da data-v-822684d1><div class="wrapper" data-v-822684d1><div class="container" data-v-822684d1><div class="title" data-v-822684d1><div class="VPNavBarTitle has-sidebar" data-v-822684d1 data-v-0f4f798b><a class="title" href="/" data-v-0f4f798b><!--[--><!--]--><!----><span data-v-0f4f798b>PayerMax Docs</span><!--[--><!--]--></a></div></div><div class="content" data-v-822684d1><div class="content-body" data-v-822684d1><!--[--><!--]--><div class="VPNavBarSearch search" data-v-822684d1><!----></div><!----><!----><div class="VPNavBarAppearance appearance" data-v-822684d1 data-v-af096f4a><button class="VPSwitch VPSwitchAppearance" type="button" role="switch" title aria-checked="false" data-v-af096f4a data-v-e40a8bb6 data-v-4a1c76db><span class="check" data-v-4a1c76db><span class="icon" data-v-4a1c76db><!--[--><span class="vpi-sun sun" data-v-e40a8bb6></span><span class="vpi-moon moon" data-v-e40a8bb6></span><!--]--></span></span></button></div><!----><div class="VPFlyout VPNavBarExtra extra" data-v-822684d1 data-v-925effce data-v-04f5c5e9><button type="button" class="button" aria-haspopup="true" aria-expanded="false" aria-label="extra navigation" data-v-04f5c5e9><span class="vpi-more-horizontal icon" data-v-04f5c5e9></span></button></div><!--[--><!--]--><button type="button" class="VPNavBarHamburger hamburger" aria-label="mobile navigation" aria-expanded="false" aria-controls="VPNavScreen" data-v-822684d1 data-v-5dea55bf><span class="container" data-v-5dea55bf><span class="top" data-v-5dea55bf></span><span class="middle" data-v-5dea55bf></span><span class="bottom" data-v-5dea55bf></span></span></button></div></div></div></div><div class="divider" data-v-822684d1><div class="divider-line" data-v-822684d1></div></div></div><!----></header><div class="VPLocalNav has-sidebar empty" data-v-a9a9e638 data-v-070ab83d><div class="container" data-v-070ab83d><button class="menu" aria-expanded="false" aria-controls="VPSidebarNav" data-v-070ab83d><span class="vpi-align-left menu-icon" data-v-070ab83d></span><span class="menu-text" data-v-070ab83d>Menu</span></button><div class="VPLocalNavOutlineDropdown" style="--vp-vh:0px;" data-v-070ab83d data-v-168ddf5d><button data-v-168ddf5d>Return to top</button><!----></div></div></div>"##;
pub(super) const VP_ASIDE: &str = r##"<div class="VPContent has-sidebar" id="VPContent" data-v-a9a9e638 data-v-91765379><div class="VPDoc has-sidebar has-aside" data-v-91765379 data-v-83890dd9><!--[--><!--]--><div class="container" data-v-83890dd9><div class="aside" data-v-83890dd9><div class="aside-curtain" data-v-83890dd9></div><div class="aside-container" data-v-83890dd9><div class="aside-content" data-v-83890dd9><div class="VPDocAside" data-v-83890dd9 data-v-6d7b3c46><!--[--><!--]--><!--[--><!--]--><nav aria-labelledby="doc-outline-aria-label" class="VPDocAsideOutline" data-v-6d7b3c46 data-v-b38bf2ff><div class="content" data-v-b38bf2ff><div class="outline-marker" data-v-b38bf2ff></div><div aria-level="2" class="outline-title" id="doc-outline-aria-label" role="heading" data-v-b38bf2ff>On this page</div><ul class="VPDocOutlineItem root" data-v-b38bf2ff data-v-3f927ebe><!--[--><!--]--></ul></div></nav><!--[--><!--]--><div class="spacer" data-v-6d7b3c46></div><!--[--><!--]--><!----><!--[--><!--]--><!--[--><!--]--></div></div></div></div><div class="content" data-v-83890dd9><div class="content-container" data-v-83890dd9><!--[--><!--]--><main class="main" data-v-83890dd9>"##;
pub(super) const VP_FOOT: &str = r##"</main><footer class="VPDocFooter" data-v-83890dd9 data-v-4f9813fa><!--[--><!--]--><!----><nav class="prev-next" aria-labelledby="doc-footer-aria-label" data-v-4f9813fa><span class="visually-hidden" id="doc-footer-aria-label" data-v-4f9813fa>Pager</span><div class="pager" data-v-4f9813fa></div><div class="pager" data-v-4f9813fa></div></nav></footer><!--[--><!--]--></div></div></div><!--[--><!--]--></div></div><footer class="VPFooter has-sidebar" data-v-a9a9e638 data-v-c970a860><div class="container" data-v-c970a860><p class="message" data-v-c970a860>Released under the MIT License.</p><!----></div></footer><!--[--><!--]--></div></div>
"##;

/// Sidebar links to neighbouring operations, as a docs site lists its section.
pub(super) fn sidebar_ops(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let (v, _) = *rng.pick(VERBS);
            let (a, _, _) = *rng.pick(NOUNS);
            let (b, _, _) = *rng.pick(NOUNS);
            format!("{v}{}{}", upper_first(a), upper_first(b))
        })
        .collect()
}

pub(super) fn vp_heading(out: &mut String, level: u8, text: &str) {
    let id: String = text.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect::<String>();
    let t = esc(text);
    let _ = write!(
        out,
        "<h{level} id=\"{id}\" tabindex=\"-1\">{t} <a class=\"header-anchor\" href=\"#{id}\" aria-label=\"Permalink to &quot;{t}&quot;\">\u{200b}</a></h{level}>"
    );
}

pub(super) fn vp_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
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

pub(super) fn vp_code(out: &mut String, lines: &[JLine]) {
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

pub(super) fn payermax_rows(fields: &[Fld]) -> Vec<Vec<String>> {
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

pub(super) fn render_payermax_html(p: &Synth, rng: &mut Rng) -> String {
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

pub(super) fn render_payermax_text(p: &Synth, rng: &mut Rng) -> String {
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

pub(super) fn pingpong_type(f: &Fld) -> String {
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
pub(super) fn pingpong_desc(f: &Fld, lang: Lang) -> String {
    if f.enums.is_empty() {
        return f.desc.clone();
    }
    let d = f.desc.trim_end_matches(['。', '.']);
    match lang {
        Lang::Zh => format!("{d},可选值:{}", f.enums.join(",")),
        Lang::En => format!("{d}. Possible values are {}.", f.enums.join(", ")),
    }
}

pub(super) fn vdoing_heading(out: &mut String, level: u8, text: &str) {
    let id: String = text.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let _ =
        write!(out, "<h{level} id=\"{id}\"><a href=\"#{id}\" class=\"header-anchor\">#</a> {}</h{level}> ", esc(text));
}

pub(super) fn vdoing_code(out: &mut String, lines: &[JLine]) {
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

pub(super) fn render_pingpong_html(p: &Synth, rng: &mut Rng) -> String {
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

pub(super) fn antom_type(f: &Fld) -> String {
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

pub(super) fn render_antom_text(p: &Synth) -> String {
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
pub(super) fn render(p: &Synth, seed: u64, index: usize) -> String {
    let mut rng = Rng::new(seed ^ 0x005E_ED0F_BA6E, index as u64);
    match p.kind {
        Kind::PayermaxHtml => render_payermax_html(p, &mut rng),
        Kind::PayermaxText => render_payermax_text(p, &mut rng),
        Kind::PingpongHtml => render_pingpong_html(p, &mut rng),
        Kind::AntomText => render_antom_text(p),
    }
}
