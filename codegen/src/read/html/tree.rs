//! HTML to a light element tree: built from html5ever's token stream, or from the full parse where the stream alone cannot say.
//!
//! The tree is what the reader walks: elements with what it asks of them (name, chrome or
//! not, the content-root marks, the code language), text and comments, in page order.
//!
//! Most doc pages are well-formed: every element is closed where it is written, so the tree
//! the HTML parser would build is the nesting of the tags. [`build`] reads the token stream
//! and builds that nesting itself, following the standard's tree construction for what such
//! pages hold (the implied `html`, `head` and `body`, void and raw-text elements, tables as
//! written, inline SVG). At anything whose tree needs more of the standard (a tag closed
//! implicitly or out of order, text or tags stray inside a table, a form, a second `body`…)
//! it stops and takes the full parse instead, so the tree is always the parser's. Text
//! inside site chrome (`is_skip_tag`, `is_skip_class`) is not kept as it streams by; should the
//! content root sit inside chrome, the full parse is taken as well.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::{LocalName, local_name};

use super::{is_skip_class, is_skip_tag};

/// No node.
pub(super) const NONE: u32 = u32::MAX;

/// Deepest stack of open elements the token reader builds itself; deeper pages take the full
/// parse (the pipeline refuses far shallower pages before reading them).
const MAX_STREAM_DEPTH: usize = 1024;

pub(super) struct Tree {
    nodes: Vec<Node>,
    /// The text of every text node, one after the other.
    text: String,
}

struct Node {
    parent: u32,
    first_child: u32,
    last_child: u32,
    prev: u32,
    next: u32,
    kind: Kind,
}

enum Kind {
    Document,
    /// Kept so that it separates the text on either side, as in the parser's tree.
    Comment,
    /// A range of `Tree::text`.
    Text(usize, usize),
    Element(Elem),
}

/// An element, as the reader sees it.
pub(super) struct Elem {
    pub name: LocalName,
    /// Site chrome: never page content.
    pub skipped: bool,
    /// Has the `vp-doc` class.
    pub vp_doc: bool,
    /// Has `role="main"`.
    pub role_main: bool,
    /// `xxx` of its first `language-xxx` class (classes in sorted order, as scraper gives them).
    pub lang: Option<Box<str>>,
}

impl Elem {
    fn new<'a>(name: LocalName, classes: impl Iterator<Item = &'a str>, role: Option<&str>) -> Elem {
        // The commonest tags first: they are never chrome by their name.
        let common = name == local_name!("span") || name == local_name!("td") || name == local_name!("div");
        let mut skipped = !common && is_skip_tag(&name);
        let mut vp_doc = false;
        let mut lang: Option<&str> = None;
        for c in classes {
            skipped |= is_skip_class(c);
            vp_doc |= c == "vp-doc";
            if let Some(l) = c.strip_prefix("language-")
                && !l.is_empty()
                && lang.is_none_or(|best| l < best)
            {
                lang = Some(l);
            }
        }
        Elem { name, skipped, vp_doc, role_main: role == Some("main"), lang: lang.map(Box::from) }
    }
}

impl Tree {
    fn new() -> Tree {
        Tree {
            nodes: vec![Node {
                parent: NONE,
                first_child: NONE,
                last_child: NONE,
                prev: NONE,
                next: NONE,
                kind: Kind::Document,
            }],
            text: String::new(),
        }
    }

    /// The document node.
    pub(super) const ROOT: u32 = 0;

    fn node(&self, id: u32) -> Option<&Node> {
        self.nodes.get(usize::try_from(id).ok()?)
    }

    pub(super) fn elem(&self, id: u32) -> Option<&Elem> {
        match &self.node(id)?.kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }

    pub(super) fn text(&self, id: u32) -> Option<&str> {
        match self.node(id)?.kind {
            Kind::Text(start, end) => self.text.get(start..end),
            _ => None,
        }
    }

    pub(super) fn parent(&self, id: u32) -> Option<u32> {
        self.node(id).map(|n| n.parent).filter(|p| *p != NONE)
    }

    /// The children of a node, first to last.
    pub(super) fn children(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.node(id).map_or(NONE, |n| n.first_child);
        std::iter::successors(Some(first), |c| self.node(*c).map(|n| n.next)).take_while(|c| *c != NONE)
    }

    /// The children of a node, last to first.
    pub(super) fn children_rev(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let last = self.node(id).map_or(NONE, |n| n.last_child);
        std::iter::successors(Some(last), |c| self.node(*c).map(|n| n.prev)).take_while(|c| *c != NONE)
    }

    /// Every node below the document, in page order.
    pub(super) fn descendants(&self) -> impl Iterator<Item = u32> + '_ {
        // Nodes are made in page order by both builders.
        (1..self.nodes.len()).filter_map(|i| u32::try_from(i).ok())
    }

    /// Whether an element above `id` (not `id` itself) is site chrome.
    pub(super) fn inside_chrome(&self, id: u32) -> bool {
        let mut at = self.parent(id);
        while let Some(p) = at {
            if self.elem(p).is_some_and(|e| e.skipped) {
                return true;
            }
            at = self.parent(p);
        }
        false
    }

    fn append(&mut self, parent: u32, kind: Kind) -> u32 {
        let id = u32::try_from(self.nodes.len()).unwrap_or(NONE);
        let prev = self.node(parent).map_or(NONE, |p| p.last_child);
        self.nodes.push(Node { parent, first_child: NONE, last_child: NONE, prev, next: NONE, kind });
        if let Some(p) = self.nodes.get_mut(parent as usize) {
            if p.first_child == NONE {
                p.first_child = id;
            }
            p.last_child = id;
        }
        if let Some(prev) = self.nodes.get_mut(prev as usize) {
            prev.next = id;
        }
        id
    }

    /// Appends text to `parent`, joining it to a text node that is its last child, as the
    /// parser does.
    fn append_text(&mut self, parent: u32, s: &str) {
        if s.is_empty() {
            return;
        }
        let last = self.node(parent).map_or(NONE, |p| p.last_child);
        let len = self.text.len();
        if let Some(Node { kind: Kind::Text(start, end), .. }) = self.nodes.get_mut(last as usize) {
            if *end != len {
                // Not the last text stored: move it to the end first.
                let (s0, e0) = (*start, *end);
                let moved = self.text.get(s0..e0).unwrap_or("").to_string();
                self.text.push_str(&moved);
                *start = len;
            }
            self.text.push_str(s);
            *end = self.text.len();
            return;
        }
        self.text.push_str(s);
        let end = self.text.len();
        self.append(parent, Kind::Text(len, end));
    }
}

/// The page's tree: from the token stream, else from the full parse.
pub(super) fn build(src: &str) -> Tree {
    stream(src).unwrap_or_else(|| parsed(src))
}

/// The tree of the full parse (scraper's, that is html5ever's tree builder).
pub(super) fn parsed(src: &str) -> Tree {
    use scraper::{Html, Node as SNode};
    let html = Html::parse_document(src);
    let mut tree = Tree::new();
    // (scraper node, parent in our tree), children pushed last to first.
    let mut stack = Vec::new();
    for child in html.tree.root().children().rev() {
        stack.push((child, Tree::ROOT));
    }
    while let Some((node, parent)) = stack.pop() {
        let id = match node.value() {
            SNode::Text(t) => {
                tree.append_text(parent, t);
                continue;
            }
            SNode::Comment(_) => tree.append(parent, Kind::Comment),
            SNode::Element(e) => {
                let elem = Elem::new(e.name.local.clone(), e.classes(), e.attr("role"));
                tree.append(parent, Kind::Element(elem))
            }
            _ => continue,
        };
        for child in node.children().rev() {
            stack.push((child, id));
        }
    }
    tree
}

/// The tree from the token stream, or `None` where the full parse is needed.
pub(super) fn stream(src: &str) -> Option<Tree> {
    let sink = Sink(RefCell::new(Builder::new()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(src));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let b = tokenizer.sink.0.into_inner();
    if b.bail {
        return None;
    }
    let tree = b.tree;
    // Text inside chrome was not kept: a content root there needs the full parse.
    let root = super::content_root(&tree)?;
    if tree.inside_chrome(root) {
        return None;
    }
    Some(tree)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    AfterBody,
    AfterAfterBody,
}

/// An element on the stack of open elements.
struct Open {
    node: u32,
    name: LocalName,
    /// SVG or MathML.
    foreign: bool,
    /// Inside chrome (this element or one above it is skipped).
    chrome: bool,
    /// An HTML element whose content is text (`raw_kind`).
    raw: bool,
    /// An HTML element of a table's structure (`is_table_part`).
    table_part: bool,
}

struct Builder {
    tree: Tree,
    stack: Vec<Open>,
    mode: Mode,
    html: u32,
    head: u32,
    /// Drop a newline that starts the next text (after `<pre>`, `<listing>`, `<textarea>`).
    ignore_lf: bool,
    /// The page needs the full parse.
    bail: bool,
    /// Open elements named `p`, `a` and `button`, so that asking whether one is open does
    /// not walk the stack.
    open_p: usize,
    open_a: usize,
    open_button: usize,
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        if b.bail {
            return TokenSinkResult::Continue;
        }
        let r = b.token(token);
        if b.stack.len() > MAX_STREAM_DEPTH {
            b.bail = true;
        }
        r
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.0.borrow().stack.last().is_some_and(|o| o.foreign)
    }
}

fn is_ws(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ')
}

/// Elements of the standard's "special" category (HTML ones).
fn is_special(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}

/// End tags the standard handles by their own rule in the body, not as "any other end tag".
fn has_own_end_rule(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "button"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "form"
            | "p"
            | "li"
            | "dd"
            | "dt"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "applet"
            | "marquee"
            | "object"
            | "br"
            | "body"
            | "html"
            | "template"
            | "a"
            | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
            | "table"
            | "caption"
            | "colgroup"
            | "col"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "head"
            | "select"
            | "option"
            | "optgroup"
            | "frameset"
            | "rb"
            | "rp"
            | "rt"
            | "rtc"
    )
}

/// Start tags that close an open `p` (in button scope) before they open.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "table"
            | "hr"
            | "xmp"
            | "li"
            | "dd"
            | "dt"
            | "form"
            | "plaintext"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Start tags that leave SVG or MathML content for HTML.
fn breaks_out_of_foreign(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
            | "font"
            | "script"
    )
}

/// SVG and MathML elements whose content is read as HTML.
fn is_integration_point(name: &str) -> bool {
    matches!(
        name,
        "foreignobject" | "foreignObject" | "desc" | "title" | "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "br"
            | "embed"
            | "img"
            | "keygen"
            | "wbr"
            | "input"
            | "param"
            | "source"
            | "track"
            | "meta"
            | "link"
            | "base"
            | "basefont"
            | "bgsound"
            | "col"
            | "frame"
            | "hr"
    )
}

/// The tokenizer state an element's content is read in, for HTML elements whose content is text.
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "title" | "textarea" => Some(RawKind::Rcdata),
        // Scripting is on in the full parse, so `noscript` holds text.
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
        "script" => Some(RawKind::ScriptData),
        _ => None,
    }
}

/// Elements a table's structure is made of, where the standard's table modes apply.
fn is_table_part(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr" | "colgroup")
}

/// Scope boundaries of the "button scope" (HTML elements; foreign ones are checked apart).
fn bounds_button_scope(name: &str) -> bool {
    matches!(name, "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template" | "button")
}

impl Builder {
    fn new() -> Builder {
        Builder {
            tree: Tree::new(),
            stack: Vec::new(),
            mode: Mode::BeforeHtml,
            html: NONE,
            head: NONE,
            ignore_lf: false,
            bail: false,
            open_p: 0,
            open_a: 0,
            open_button: 0,
        }
    }

    fn current(&self) -> u32 {
        self.stack.last().map_or(Tree::ROOT, |o| o.node)
    }

    fn current_name(&self) -> &str {
        self.stack.last().map_or("", |o| &*o.name)
    }

    fn in_chrome(&self) -> bool {
        self.stack.last().is_some_and(|o| o.chrome)
    }

    fn none(&mut self) -> TokenSinkResult<()> {
        self.bail = true;
        TokenSinkResult::Continue
    }

    /// Makes an element under `parent` and pushes it.
    fn open(&mut self, parent: u32, name: LocalName, attrs: &[html5ever::Attribute], foreign: bool) -> u32 {
        let class = attrs.iter().find(|a| a.name.local == local_name!("class")).map(|a| &*a.value);
        let role = attrs.iter().find(|a| a.name.local == local_name!("role")).map(|a| &*a.value);
        let elem = Elem::new(name.clone(), class.into_iter().flat_map(str::split_ascii_whitespace), role);
        // A skipped cell is still read as a cell of its row, so its text is kept.
        let chrome = (elem.skipped && !matches!(&*name, "td" | "th")) || self.in_chrome();
        let node = self.tree.append(parent, Kind::Element(elem));
        let raw = !foreign && raw_kind(&name).is_some();
        let table_part = !foreign && is_table_part(&name);
        if let Some(count) = self.count_of(&name) {
            *count += 1;
        }
        self.stack.push(Open { node, name, foreign, chrome, raw, table_part });
        node
    }

    fn pop(&mut self) {
        if let Some(o) = self.stack.pop()
            && let Some(count) = self.count_of(&o.name)
        {
            *count = count.saturating_sub(1);
        }
    }

    /// The count of open elements of this name, where one is kept.
    fn count_of(&mut self, name: &LocalName) -> Option<&mut usize> {
        if *name == local_name!("p") {
            Some(&mut self.open_p)
        } else if *name == local_name!("a") {
            Some(&mut self.open_a)
        } else if *name == local_name!("button") {
            Some(&mut self.open_button)
        } else {
            None
        }
    }

    fn text(&mut self, parent: u32, s: &str) {
        if !self.in_chrome() {
            self.tree.append_text(parent, s);
        }
    }

    /// Whether an open `p` is in button scope.
    fn p_in_button_scope(&self) -> bool {
        if self.open_p == 0 {
            return false;
        }
        for o in self.stack.iter().rev() {
            if o.foreign {
                if is_integration_point(&o.name) {
                    return false;
                }
                continue;
            }
            if &*o.name == "p" {
                return true;
            }
            if bounds_button_scope(&o.name) {
                return false;
            }
        }
        false
    }

    fn any_open(&self, name: &str) -> bool {
        match name {
            "p" => self.open_p > 0,
            "a" => self.open_a > 0,
            "button" => self.open_button > 0,
            _ => self.stack.iter().any(|o| &*o.name == name),
        }
    }

    fn token(&mut self, token: Token) -> TokenSinkResult<()> {
        let ignore_lf = std::mem::take(&mut self.ignore_lf);
        match token {
            Token::CharacterTokens(t) => {
                let s: &str = &t;
                let s = if ignore_lf { s.strip_prefix('\n').unwrap_or(s) } else { s };
                self.chars(s);
                TokenSinkResult::Continue
            }
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => self.start(tag.name, &tag.attrs, tag.self_closing),
                TagKind::EndTag => {
                    self.end(&tag.name);
                    TokenSinkResult::Continue
                }
            },
            Token::CommentToken(_) => {
                match self.mode {
                    Mode::BeforeHtml | Mode::AfterAfterBody => {}
                    Mode::AfterBody => {
                        let html = self.html;
                        self.tree.append(html, Kind::Comment);
                    }
                    _ => {
                        let at = self.current();
                        self.tree.append(at, Kind::Comment);
                    }
                }
                TokenSinkResult::Continue
            }
            Token::NullCharacterToken => self.none(),
            Token::DoctypeToken(_) | Token::EOFToken | Token::ParseError(_) => TokenSinkResult::Continue,
        }
    }

    fn implied_html(&mut self) {
        self.html = self.open(Tree::ROOT, local_name!("html"), &[], false);
        self.mode = Mode::BeforeHead;
    }

    fn implied_head(&mut self) {
        self.head = self.open(self.html, local_name!("head"), &[], false);
        self.mode = Mode::InHead;
    }

    fn implied_body(&mut self) {
        self.open(self.html, local_name!("body"), &[], false);
        self.mode = Mode::InBody;
    }

    /// Closes the `head` (the current node in the head).
    fn close_head(&mut self) {
        if self.current() == self.head {
            self.pop();
        }
        self.mode = Mode::AfterHead;
    }

    fn chars(&mut self, s: &str) {
        if let Some(top) = self.stack.last()
            && top.raw
        {
            // The text of a raw-text element (`title`, `script`, `style`, `xmp`…).
            let at = top.node;
            self.text(at, s);
            return;
        }
        let mut s = s;
        loop {
            match self.mode {
                Mode::BeforeHtml | Mode::BeforeHead => {
                    s = s.trim_start_matches(is_ws);
                    if s.is_empty() {
                        return;
                    }
                    if self.mode == Mode::BeforeHtml {
                        self.implied_html();
                    } else {
                        self.implied_head();
                    }
                }
                Mode::InHead | Mode::AfterHead => {
                    let rest = s.trim_start_matches(is_ws);
                    let ws = &s[..s.len() - rest.len()];
                    let at = self.current();
                    self.text(at, ws);
                    s = rest;
                    if s.is_empty() {
                        return;
                    }
                    if self.mode == Mode::InHead {
                        self.close_head();
                    } else {
                        self.implied_body();
                    }
                }
                Mode::AfterBody | Mode::AfterAfterBody => {
                    if !s.chars().all(is_ws) {
                        self.mode = Mode::InBody;
                    }
                    let at = self.current();
                    self.text(at, s);
                    return;
                }
                Mode::InBody => {
                    if self.stack.last().is_some_and(|o| o.table_part) && !s.chars().all(is_ws) {
                        // Stray text in a table is moved before it by the parser.
                        self.bail = true;
                        return;
                    }
                    let at = self.current();
                    self.text(at, s);
                    return;
                }
            }
        }
    }

    fn start(&mut self, name: LocalName, attrs: &[html5ever::Attribute], self_closing: bool) -> TokenSinkResult<()> {
        loop {
            match self.mode {
                Mode::BeforeHtml => {
                    if name == local_name!("html") {
                        self.html = self.open(Tree::ROOT, name, attrs, false);
                        self.mode = Mode::BeforeHead;
                        return TokenSinkResult::Continue;
                    }
                    self.implied_html();
                }
                Mode::BeforeHead => {
                    if name == local_name!("head") {
                        self.head = self.open(self.html, name, attrs, false);
                        self.mode = Mode::InHead;
                        return TokenSinkResult::Continue;
                    }
                    if name == local_name!("html") {
                        return self.none();
                    }
                    self.implied_head();
                }
                Mode::InHead | Mode::AfterHead => {
                    match &*name {
                        "meta" | "link" | "base" | "basefont" | "bgsound" => {
                            let head = self.head;
                            self.open(head, name, attrs, false);
                            self.pop();
                            return TokenSinkResult::Continue;
                        }
                        "title" | "noscript" | "noframes" | "style" | "script" => {
                            let head = self.head;
                            let kind = raw_kind(&name);
                            self.open(head, name, attrs, false);
                            return kind.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData);
                        }
                        "html" | "head" | "template" | "frameset" => return self.none(),
                        "body" if self.mode == Mode::AfterHead => {
                            let html = self.html;
                            self.open(html, name, attrs, false);
                            self.mode = Mode::InBody;
                            return TokenSinkResult::Continue;
                        }
                        _ => {}
                    }
                    if self.mode == Mode::InHead {
                        self.close_head();
                    } else {
                        self.implied_body();
                    }
                }
                Mode::AfterBody | Mode::AfterAfterBody => {
                    if name == local_name!("html") {
                        return self.none();
                    }
                    self.mode = Mode::InBody;
                }
                Mode::InBody => return self.start_in_body(name, attrs, self_closing),
            }
        }
    }

    fn start_in_body(
        &mut self,
        name: LocalName,
        attrs: &[html5ever::Attribute],
        self_closing: bool,
    ) -> TokenSinkResult<()> {
        let at = self.current();
        if let Some(top) = self.stack.last()
            && top.foreign
        {
            if is_integration_point(&top.name) || breaks_out_of_foreign(&name) {
                return self.none();
            }
            self.open(at, name, attrs, true);
            if self_closing {
                self.pop();
            }
            return TokenSinkResult::Continue;
        }
        // Inside a table's structure, outside its cells.
        let in_table = self.stack.last().is_some_and(|o| o.table_part);
        if name == local_name!("span") && !in_table {
            // The commonest tag, with no rule of its own: straight in.
            self.open(at, name, attrs, false);
            return TokenSinkResult::Continue;
        }
        if in_table {
            let current = self.stack.last().map(|o| o.name.clone()).unwrap_or_default();
            let fits = match &*current {
                "table" => matches!(&*name, "caption" | "colgroup" | "tbody" | "thead" | "tfoot"),
                "tbody" | "thead" | "tfoot" => &*name == "tr",
                "tr" => matches!(&*name, "td" | "th"),
                "colgroup" => &*name == "col",
                _ => false,
            };
            if matches!(&*name, "script" | "style") {
                let kind = raw_kind(&name);
                self.open(at, name, attrs, false);
                return kind.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData);
            }
            if !fits {
                return self.none();
            }
            self.open(at, name, attrs, false);
            if &*current == "colgroup" {
                self.pop();
            }
            return TokenSinkResult::Continue;
        }
        match &*name {
            "html" | "body" | "frameset" | "head" | "form" | "plaintext" | "nobr" | "image" | "select" | "template"
            | "rb" | "rp" | "rt" | "rtc" | "caption" | "col" | "colgroup" | "frame" | "tbody" | "td" | "tfoot"
            | "th" | "thead" | "tr" | "isindex" | "menuitem" => return self.none(),
            _ => {}
        }
        if self.p_in_button_scope() && closes_p(&name) {
            return self.none();
        }
        match &*name {
            "li" | "dd" | "dt" => {
                // An open item of the same kind before any other special element is closed.
                for o in self.stack.iter().rev() {
                    let n = &*o.name;
                    let same = if &*name == "li" { n == "li" } else { matches!(n, "dd" | "dt") };
                    if same {
                        return self.none();
                    }
                    if o.foreign || (is_special(n) && !matches!(n, "address" | "div" | "p")) {
                        break;
                    }
                }
            }
            "a" if self.any_open("a") => return self.none(),
            "button" if self.any_open("button") => return self.none(),
            "option" | "optgroup" if self.current_name() == "option" => return self.none(),
            _ if is_heading(&name) && is_heading(self.current_name()) => return self.none(),
            _ => {}
        }
        let foreign = matches!(&*name, "svg" | "math");
        let lf = matches!(&*name, "pre" | "listing" | "textarea");
        let kind = if foreign { None } else { raw_kind(&name) };
        let void = !foreign && is_void(&name);
        self.open(at, name, attrs, foreign);
        if void || (foreign && self_closing) {
            self.pop();
        }
        self.ignore_lf = lf;
        kind.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData)
    }

    fn end(&mut self, name: &LocalName) {
        match self.mode {
            Mode::BeforeHtml | Mode::BeforeHead | Mode::AfterBody | Mode::AfterAfterBody => {
                if self.mode == Mode::AfterBody && *name == local_name!("html") {
                    self.mode = Mode::AfterAfterBody;
                    return;
                }
                self.bail = true;
            }
            Mode::InHead | Mode::AfterHead => {
                let top = self.stack.last().map(|o| o.node);
                if self.mode == Mode::InHead && *name == local_name!("head") && top == Some(self.head) {
                    self.close_head();
                } else if top.is_some_and(|t| t != self.head && t != self.html) && self.current_name() == &**name {
                    // The end of a raw-text element of the head.
                    self.pop();
                } else {
                    self.bail = true;
                }
            }
            Mode::InBody => self.end_in_body(name),
        }
    }

    fn end_in_body(&mut self, name: &LocalName) {
        let Some(top) = self.stack.last() else {
            self.bail = true;
            return;
        };
        if top.foreign {
            if top.name.eq_ignore_ascii_case(name) && self.stack.len() > 2 {
                self.pop();
            } else {
                self.bail = true;
            }
            return;
        }
        if &**name == "body" || &**name == "html" {
            // Only where everything else is closed: the body stays open after it.
            let only_body = self.stack.len() == 2 && self.current_name() == "body";
            if only_body {
                self.mode = if &**name == "html" { Mode::AfterAfterBody } else { Mode::AfterBody };
            } else {
                self.bail = true;
            }
            return;
        }
        if top.name == *name {
            if self.stack.len() <= 2 {
                // `html` or `body` themselves: not closed by a matching tag here.
                self.bail = true;
                return;
            }
            self.pop();
            return;
        }
        if top.table_part {
            // In a table's structure the parser moves or drops what does not fit.
            self.bail = true;
            return;
        }
        if has_own_end_rule(name) {
            if &**name == "p" && !self.any_open("p") {
                // `</p>` without a `p`: the parser makes an empty one.
                let at = self.current();
                self.open(at, local_name!("p"), &[], false);
                self.pop();
                return;
            }
            if is_heading(name) {
                if self.stack.iter().any(|o| !o.foreign && is_heading(&o.name)) {
                    self.bail = true;
                }
                return;
            }
            if !self.any_open(name) && &**name != "br" {
                // Nothing of that name open: ignored.
                return;
            }
            self.bail = true;
            return;
        }
        // Any other end tag: closes the nearest open element of its name unless a special
        // element comes first, where it is ignored.
        for o in self.stack.iter().rev() {
            if o.name == *name {
                self.bail = true;
                return;
            }
            if !o.foreign && is_special(&o.name) {
                return;
            }
        }
    }
}
