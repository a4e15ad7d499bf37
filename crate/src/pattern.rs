//! A small backtracking matcher for the detectors' own, fixed patterns (national IDs, phone
//! candidates, dates of birth, addresses, doses, ages, ...), with the `regex` crate's syntax and
//! leftmost-first semantics for the subset those patterns use: literals, classes (`[...]`, `\w`,
//! `\d`, `\s` with their Unicode meaning), groups and captures, alternation, greedy `?` `*` `+`
//! `{n,m}`, `^` `$`, `\b` (Unicode, or ASCII inside `(?-u:...)`) and the flags `i` (Unicode
//! simple case folding), `u` and `x`.
//!
//! Why not `regex`: it is ~60% of the WASM package (regex-automata, regex-syntax and their
//! Unicode tables, ~345 KB of 493 KB gzipped) and the package must stay under 300 KB (issue 2).
//! These patterns are short, run only in small windows around keywords or digit runs, and start
//! with a known set of bytes, so a backtracker is as fast here (candidates are rejected on their
//! first byte). It is not a general engine: backtracking can be exponential on hostile patterns,
//! so it is only for patterns written in this crate; user patterns from settings go to
//! `regex-lite` (linear time). A repeated group stops after 256 rounds (stack depth), where
//! `regex` would go on: only runs far longer than any identifier are affected. `crate/tests/pattern.rs` checks every pattern the detectors compile
//! against the `regex` crate on generated and real text.

use std::sync::Mutex;

mod tables {
    include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));
}

/// A class's sorted inclusive ranges from the build-time varints (`build.rs`, `unicode_tables`).
fn unpack_ranges(packed: &[u8]) -> Vec<(char, char)> {
    let mut bytes = packed.iter().copied().peekable();
    let mut out = Vec::with_capacity(packed.len() / 2);
    let mut prev_end = 0u32;
    while bytes.peek().is_some() {
        let start = prev_end + crate::decompose::read_varint(&mut bytes);
        let end = start + crate::decompose::read_varint(&mut bytes);
        out.push((char::from_u32(start).unwrap_or('\0'), char::from_u32(end).unwrap_or('\0')));
        prev_end = end;
    }
    out
}

/// Unicode `\w` as sorted inclusive ranges, unpacked once.
pub(crate) fn word_ranges() -> &'static [(char, char)] {
    static WORD: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    WORD.get_or_init(|| unpack_ranges(tables::WORD_PACKED))
}

/// Simple case folding's "next member of the orbit" for the Latin characters, as sorted pairs,
/// unpacked once from the build-time varints.
fn fold_next() -> &'static [(char, char)] {
    static FOLD: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    FOLD.get_or_init(|| {
        let mut bytes = tables::FOLD_NEXT_PACKED.iter().copied().peekable();
        let mut out = Vec::with_capacity(460);
        let mut prev = 0u32;
        while bytes.peek().is_some() {
            let a = prev + crate::decompose::read_varint(&mut bytes);
            let zigzag = crate::decompose::read_varint(&mut bytes);
            let b = a as i32 + ((zigzag >> 1) as i32 ^ -((zigzag & 1) as i32));
            out.push((char::from_u32(a).unwrap_or('\0'), char::from_u32(b as u32).unwrap_or('\0')));
            prev = a;
        }
        out
    })
}

#[derive(Debug, Clone)]
enum Node {
    Empty,
    /// A literal string, matched exactly.
    Lit(Box<str>),
    /// One character out of a few (a case-insensitive letter and its case variants).
    Set(Box<[char]>),
    /// One character in a class.
    Class(Box<Class>),
    /// Any character but `\n`.
    Any,
    Start,
    End,
    /// Word boundary: Unicode `\w` (true) or ASCII.
    WordB(bool),
    NotWordB(bool),
    /// A sequence, with (`rest[i]`) the bytes that can follow its `i`-th node inside it, so that a
    /// repetition does not hand over at a position where the rest cannot go on.
    Seq(Vec<Node>, Vec<Branch>),
    /// Alternatives in order of preference, each with the first bytes it can start with, so that
    /// only the ones that can match at a position are tried.
    Alt(Vec<Branch>, Option<Box<Dispatch>>),
    /// Greedy repetition, `max` u32::MAX for unbounded.
    Rep(Box<Node>, u32, u32),
    Group(usize, Box<Node>),
}

#[derive(Debug, Clone)]
struct Branch {
    node: Node,
    /// Bitmap of first bytes.
    first: [u64; 4],
    nullable: bool,
    /// For a branch that opens with one character (`[\s-]` or an optional `[\s-]?`) followed by
    /// something that cannot be empty: the bytes that something can start with, and whether the
    /// character is optional. Lets "45 years" and "45 lat" skip each other's branches on the
    /// byte after the space.
    then: Option<([u64; 4], bool)>,
}

fn bitmap(set: &[bool; 256]) -> [u64; 4] {
    let mut m = [0u64; 4];
    for (b, _) in set.iter().enumerate().filter(|(_, &on)| on) {
        m[b >> 6] |= 1 << (b & 63);
    }
    m
}

#[inline]
fn has(m: &[u64; 4], b: u8) -> bool {
    m[(b >> 6) as usize] >> (b & 63) & 1 != 0
}

impl Branch {
    fn new(node: Node) -> Branch {
        let mut set = [false; 256];
        let nullable = first_bytes(&node, &mut set);
        let first = bitmap(&set);
        let mut then = None;
        if let Node::Seq(ns, _) = &node {
            if let Some(head) = ns.first() {
                let (head, optional) = match head {
                    Node::Rep(inner, 0, 1) => (&**inner, true),
                    n => (n, false),
                };
                if Exec::single_char(head) {
                    let mut rest = [false; 256];
                    if !first_bytes(&Node::Seq(ns[1..].to_vec(), Vec::new()), &mut rest) {
                        then = Some((bitmap(&rest), optional));
                    }
                }
            }
        }
        Branch { node, first, nullable, then }
    }

    #[inline]
    fn may_start(&self, b: Option<u8>) -> bool {
        self.nullable || b.is_some_and(|b| has(&self.first, b))
    }

    /// `may_start`, also looking at the byte after a one-character head.
    #[inline]
    fn may_match(&self, hay: &[u8], at: usize) -> bool {
        let b = hay.get(at).copied();
        if !self.may_start(b) {
            return false;
        }
        let (Some((rest, optional)), Some(b)) = (self.then, b) else { return true };
        if optional && has(&rest, b) {
            return true;
        }
        let len = match b {
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        hay.get(at + len).is_some_and(|&n| has(&rest, n))
    }
}

/// For an alternation of 3 to 32 branches: which branches may start with each byte (bit `i` for
/// branch `i`), so that a position tries only those instead of testing every branch.
#[derive(Debug, Clone)]
struct Dispatch {
    by_byte: [u32; 256],
    /// The branches that may match at the end of the haystack (the nullable ones).
    at_end: u32,
}

impl Dispatch {
    fn new(branches: &[Branch]) -> Option<Box<Dispatch>> {
        if !(3..=32).contains(&branches.len()) {
            return None;
        }
        let mut d = Dispatch { by_byte: [0; 256], at_end: 0 };
        for (i, br) in branches.iter().enumerate() {
            for b in 0..=255u8 {
                if br.may_start(Some(b)) {
                    d.by_byte[b as usize] |= 1 << i;
                }
            }
            if br.may_start(None) {
                d.at_end |= 1 << i;
            }
        }
        Some(Box::new(d))
    }
}

#[derive(Debug, Clone)]
struct Class {
    /// Sorted, merged ranges.
    ranges: Vec<(char, char)>,
    ascii: u128,
}

impl Class {
    fn new(mut ranges: Vec<(char, char)>) -> Class {
        // Insertion sort: classes are small and built once; `sort()` would add a few KB of code.
        for i in 1..ranges.len() {
            let mut j = i;
            while j > 0 && ranges[j - 1] > ranges[j] {
                ranges.swap(j - 1, j);
                j -= 1;
            }
        }
        let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if (a as u32) <= (last.1 as u32).saturating_add(1) => {
                    if b > last.1 {
                        last.1 = b;
                    }
                }
                _ => merged.push((a, b)),
            }
        }
        let mut ascii = 0u128;
        for c in 0u8..128 {
            if in_ranges(&merged, c as char) {
                ascii |= 1 << c;
            }
        }
        Class { ranges: merged, ascii }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        if (c as u32) < 128 {
            self.ascii & (1 << c as u32) != 0
        } else {
            in_ranges(&self.ranges, c)
        }
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(a, b)| {
            if b < c {
                std::cmp::Ordering::Less
            } else if a > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn negate(ranges: &[(char, char)]) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    let class = Class::new(ranges.to_vec());
    for &(a, b) in &class.ranges {
        if (a as u32) > next {
            push_range(&mut out, next, a as u32 - 1);
        }
        next = b as u32 + 1;
    }
    if next <= 0x10FFFF {
        push_range(&mut out, next, 0x10FFFF);
    }
    out
}

/// Adds `[a, b]` minus the surrogate gap.
fn push_range(out: &mut Vec<(char, char)>, a: u32, b: u32) {
    let mut add = |a: u32, b: u32| {
        if a <= b {
            if let (Some(x), Some(y)) = (char::from_u32(a), char::from_u32(b)) {
                out.push((x, y));
            }
        }
    };
    if b < 0xD800 || a > 0xDFFF {
        add(a, b);
    } else {
        add(a, 0xD7FF);
        add(0xE000, b);
    }
}

/// The other members of `c`'s simple case-folding orbit, `c` first. `None` for a character with
/// case variants that the table does not cover (only Latin orbits are there).
fn orbit(c: char) -> Option<Vec<char>> {
    let fold = fold_next();
    let next = |c: char| fold.binary_search_by_key(&c, |&(a, _)| a).ok().map(|i| fold[i].1);
    let mut out = vec![c];
    match next(c) {
        Some(mut n) => {
            while n != c {
                out.push(n);
                n = next(n)?;
            }
            Some(out)
        }
        None if (c as u32) >= 0x250 && (c.is_lowercase() || c.is_uppercase()) => None,
        None => Some(out),
    }
}

fn is_word(c: char, unicode: bool) -> bool {
    if (c as u32) < 128 {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        unicode && in_ranges(word_ranges(), c)
    }
}

#[derive(Clone, Copy)]
struct Flags {
    i: bool,
    u: bool,
    x: bool,
}

struct Parser<'p> {
    src: &'p str,
    pos: usize,
    groups: usize,
}

type PResult<T> = Result<T, String>;

impl<'p> Parser<'p> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn err<T>(&self, what: &str) -> PResult<T> {
        Err(format!("pattern error at {}: {what}", self.pos))
    }

    fn skip_x(&mut self, f: Flags) {
        if !f.x {
            return;
        }
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('#') => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// alternation := concat ('|' concat)*; ends at ')' or the end.
    fn alternation(&mut self, mut f: Flags) -> PResult<Node> {
        let mut alts = vec![self.concat(&mut f)?];
        while self.peek() == Some('|') {
            self.bump();
            alts.push(self.concat(&mut f)?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            let branches: Vec<Branch> = alts.into_iter().map(Branch::new).collect();
            let dispatch = Dispatch::new(&branches);
            Node::Alt(branches, dispatch)
        })
    }

    fn concat(&mut self, f: &mut Flags) -> PResult<Node> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_x(*f);
            match self.peek() {
                None | Some('|') | Some(')') => break,
                _ => {}
            }
            let atom = match self.atom(f)? {
                Some(a) => a,
                None => continue, // a flag group: `(?i)`
            };
            self.skip_x(*f);
            let atom = self.quantifier(atom, *f)?;
            items.push(atom);
        }
        // Merge neighbouring literals.
        let mut out: Vec<Node> = Vec::new();
        for n in items {
            if let (Some(Node::Lit(a)), Node::Lit(b)) = (out.last_mut(), &n) {
                let mut s = a.to_string();
                s.push_str(b);
                *a = s.into_boxed_str();
                continue;
            }
            out.push(n);
        }
        Ok(match out.len() {
            0 => Node::Empty,
            1 => out.pop().unwrap(),
            _ => {
                let rest = (0..out.len()).map(|i| Branch::new(Node::Seq(out[i + 1..].to_vec(), Vec::new()))).map(|b| Branch { node: Node::Empty, then: None, ..b }).collect();
                Node::Seq(out, rest)
            }
        })
    }

    fn number(&mut self) -> PResult<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        self.src[start..self.pos].parse().or_else(|_| self.err("number expected"))
    }

    fn quantifier(&mut self, atom: Node, f: Flags) -> PResult<Node> {
        let (min, max) = match self.peek() {
            Some('?') => (0, 1),
            Some('*') => (0, u32::MAX),
            Some('+') => (1, u32::MAX),
            Some('{') => {
                self.bump();
                self.skip_x(f);
                let min = self.number()?;
                self.skip_x(f);
                let max = if self.peek() == Some(',') {
                    self.bump();
                    self.skip_x(f);
                    if self.peek() == Some('}') { u32::MAX } else { self.number()? }
                } else {
                    min
                };
                self.skip_x(f);
                if self.peek() != Some('}') {
                    return self.err("'}' expected");
                }
                if max < min {
                    return self.err("bad repetition");
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.bump();
        if matches!(self.peek(), Some('?') | Some('+')) {
            return self.err("lazy and possessive repetitions are not supported");
        }
        if matches!(atom, Node::Start | Node::End | Node::WordB(_) | Node::NotWordB(_)) {
            return self.err("repeated assertion");
        }
        Ok(Node::Rep(Box::new(atom), min, max))
    }

    fn flags(&mut self, f: &mut Flags) -> PResult<()> {
        let mut on = true;
        loop {
            match self.peek() {
                Some('-') => on = false,
                Some('i') => f.i = on,
                Some('u') => f.u = on,
                Some('x') => f.x = on,
                Some(':') | Some(')') => return Ok(()),
                _ => return self.err("unsupported flag"),
            }
            self.bump();
        }
    }

    /// `None` for a bare flag group, which changes `f` for the rest of the group.
    fn atom(&mut self, f: &mut Flags) -> PResult<Option<Node>> {
        let c = self.bump().unwrap();
        let node = match c {
            '(' => {
                if self.peek() == Some('?') {
                    self.bump();
                    let mut inner = *f;
                    self.flags(&mut inner)?;
                    if self.bump() == Some(')') {
                        *f = inner;
                        return Ok(None);
                    }
                    let n = self.alternation(inner)?;
                    if self.bump() != Some(')') {
                        return self.err("')' expected");
                    }
                    n
                } else {
                    self.groups += 1;
                    let idx = self.groups;
                    let n = self.alternation(*f)?;
                    if self.bump() != Some(')') {
                        return self.err("')' expected");
                    }
                    Node::Group(idx, Box::new(n))
                }
            }
            '[' => self.class(*f)?,
            '\\' => match self.escape(*f)? {
                Esc::Char(c) => self.literal(c, *f)?,
                Esc::Class(r) => Node::Class(Box::new(Class::new(r))),
                Esc::Node(n) => n,
            },
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Any,
            '*' | '+' | '?' | '{' => return self.err("repetition without an operand"),
            c => self.literal(c, *f)?,
        };
        Ok(Some(node))
    }

    fn literal(&self, c: char, f: Flags) -> PResult<Node> {
        if !f.i {
            return Ok(Node::Lit(c.to_string().into_boxed_str()));
        }
        let o = if f.u { orbit(c) } else { Some(ascii_orbit(c)) };
        match o {
            None => self.err("case-insensitive letter outside the folding table"),
            Some(o) if o.len() == 1 => Ok(Node::Lit(c.to_string().into_boxed_str())),
            Some(o) => Ok(Node::Set(o.into_boxed_slice())),
        }
    }

    fn escape(&mut self, f: Flags) -> PResult<Esc> {
        let Some(c) = self.bump() else { return self.err("escape at end") };
        Ok(match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                let r = perl_class(c.to_ascii_lowercase(), f.u);
                Esc::Class(if c.is_ascii_uppercase() { negate(&r) } else { r })
            }
            'b' => Esc::Node(Node::WordB(f.u)),
            'B' => Esc::Node(Node::NotWordB(f.u)),
            'n' => Esc::Char('\n'),
            't' => Esc::Char('\t'),
            'r' => Esc::Char('\r'),
            'x' => {
                let hex = if self.peek() == Some('{') {
                    self.bump();
                    let start = self.pos;
                    while self.peek().is_some_and(|c| c != '}') {
                        self.bump();
                    }
                    let h = &self.src[start..self.pos];
                    self.bump();
                    h
                } else {
                    let start = self.pos;
                    self.bump();
                    self.bump();
                    &self.src[start..self.pos]
                };
                match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    Some(c) => Esc::Char(c),
                    None => return self.err("bad \\x escape"),
                }
            }
            c if c.is_ascii_punctuation() || c == ' ' => Esc::Char(c),
            _ => return self.err("unsupported escape"),
        })
    }

    fn class(&mut self, f: Flags) -> PResult<Node> {
        let negated = self.peek() == Some('^');
        if negated {
            self.bump();
        }
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        loop {
            if f.x {
                while self.peek().is_some_and(char::is_whitespace) {
                    self.bump();
                }
            }
            let Some(c) = self.bump() else { return self.err("unclosed class") };
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = match c {
                '[' => return self.err("nested classes are not supported"),
                '\\' => match self.escape(f)? {
                    Esc::Char(c) => c,
                    Esc::Class(r) => {
                        ranges.extend(r);
                        continue;
                    }
                    Esc::Node(_) => return self.err("assertion in a class"),
                },
                c => c,
            };
            // A range `a-z` (a '-' just before ']' is a literal).
            if self.peek() == Some('-') && !self.src[self.pos + 1..].starts_with(']') {
                self.bump();
                let hi = match self.bump() {
                    Some('\\') => match self.escape(f)? {
                        Esc::Char(c) => c,
                        _ => return self.err("bad range"),
                    },
                    Some(c) => c,
                    None => return self.err("unclosed class"),
                };
                if hi < lo {
                    return self.err("bad range");
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        if f.i {
            ranges = self.fold_ranges(ranges, f.u)?;
        }
        let ranges = if negated { negate(&ranges) } else { ranges };
        Ok(Node::Class(Box::new(Class::new(ranges))))
    }

    /// Closes a class under case folding, as `regex` does under `(?i)`.
    fn fold_ranges(&self, ranges: Vec<(char, char)>, unicode: bool) -> PResult<Vec<(char, char)>> {
        let mut out = ranges.clone();
        let total: u32 = ranges.iter().map(|&(a, b)| b as u32 - a as u32 + 1).sum();
        if total > 20_000 {
            // A big class (`\w`, `[^x]`): the perl classes are closed under folding already.
            return Ok(out);
        }
        for &(a, b) in &ranges {
            for c in (a as u32..=b as u32).filter_map(char::from_u32) {
                let o = if unicode { orbit(c) } else { Some(ascii_orbit(c)) };
                match o {
                    Some(o) => out.extend(o.into_iter().map(|m| (m, m))),
                    None => return self.err("case-insensitive class outside the folding table"),
                }
            }
        }
        Ok(out)
    }
}

enum Esc {
    Char(char),
    Class(Vec<(char, char)>),
    Node(Node),
}

fn ascii_orbit(c: char) -> Vec<char> {
    if c.is_ascii_alphabetic() {
        vec![c, if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }]
    } else {
        vec![c]
    }
}

fn perl_class(c: char, unicode: bool) -> Vec<(char, char)> {
    match (c, unicode) {
        ('d', true) => unpack_ranges(tables::DIGIT_PACKED),
        ('w', true) => word_ranges().to_vec(),
        ('s', true) => unpack_ranges(tables::SPACE_PACKED),
        ('d', false) => vec![('0', '9')],
        ('w', false) => vec![('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
        _ => vec![('\t', '\r'), (' ', ' ')],
    }
}

/// First bytes a match can start with, and whether it can be empty. Conservative: every
/// non-ASCII lead byte counts as possible when a non-ASCII character could start a match.
fn first_bytes(n: &Node, set: &mut [bool; 256]) -> bool {
    let non_ascii = |set: &mut [bool; 256]| set[0xC0..].iter_mut().for_each(|b| *b = true);
    match n {
        Node::Empty | Node::Start | Node::End | Node::WordB(_) | Node::NotWordB(_) => true,
        Node::Lit(s) => {
            set[s.as_bytes()[0] as usize] = true;
            false
        }
        Node::Set(cs) => {
            for c in cs.iter() {
                let mut buf = [0u8; 4];
                set[c.encode_utf8(&mut buf).as_bytes()[0] as usize] = true;
            }
            false
        }
        Node::Class(c) => {
            for b in 0..128 {
                if c.ascii & (1 << b) != 0 {
                    set[b] = true;
                }
            }
            if c.ranges.last().is_some_and(|r| r.1 as u32 >= 128) {
                non_ascii(set);
            }
            false
        }
        Node::Any => {
            set.iter_mut().enumerate().for_each(|(i, b)| *b |= i != b'\n' as usize && !(0x80..0xC0).contains(&i));
            false
        }
        Node::Seq(ns, _) => {
            for n in ns {
                if !first_bytes(n, set) {
                    return false;
                }
            }
            true
        }
        Node::Alt(bs, _) => {
            let mut nullable = false;
            for b in bs {
                nullable |= first_bytes(&b.node, set);
            }
            nullable
        }
        Node::Rep(n, min, _) => first_bytes(n, set) || *min == 0,
        Node::Group(_, n) => first_bytes(n, set),
    }
}

/// A compiled pattern. The API is the part of `regex::Regex` the detectors use.
#[derive(Debug)]
pub struct Regex {
    root: Node,
    slots: usize,
    first: [bool; 256],
    nullable: bool,
    /// Every match starts at a word boundary (Unicode or ASCII): positions inside a word are
    /// skipped without trying the pattern.
    lead_boundary: Option<bool>,
    /// Every match starts with an ASCII digit (national IDs, phone numbers, ages): the scan for
    /// a start looks at eight bytes at a time.
    digit_first: bool,
    /// Every match is at least `prefix_len` (<= PREFIX) bytes long, and its byte at offset
    /// `j < prefix_len` has bit `j` set in `prefix`: a start position is tried only if the bytes
    /// there fit, so most are rejected without entering the matcher.
    prefix: [u8; 256],
    prefix_len: usize,
}

/// How many leading bytes of a match the start-position filter looks at.
const PREFIX: usize = 8;

/// Offsets into a match, as a bit set: bit `o` for `o < PREFIX` bytes, bit `PREFIX` for
/// "PREFIX or more".
type Offsets = u16;

/// Walks `n` from the offsets `from` (see `Offsets`): marks in `allow` every byte `n` may read
/// at an offset below `PREFIX`, and returns the offsets where `n` may end. An over-approximation
/// (assertions read nothing, a class allows every lead byte in its ranges), so the filter built
/// from it never rejects a position where the matcher would find a match.
fn prefix_walk(n: &Node, from: Offsets, allow: &mut [u8; 256]) -> Offsets {
    const FAR: Offsets = 1 << PREFIX;
    fn after(o: usize) -> Offsets {
        1 << o.min(PREFIX)
    }
    fn mark(allow: &mut [u8; 256], o: usize, b: u8) {
        if o < PREFIX {
            allow[b as usize] |= 1 << o;
        }
    }
    let starts = (0..PREFIX).filter(move |o| from >> o & 1 != 0);
    // One character: ASCII ones from the bitmap, others by UTF-8 lead byte and length.
    let one_char = |allow: &mut [u8; 256], ascii: u128, ranges: &[(char, char)]| -> Offsets {
        let mut out = from & FAR;
        for o in starts.clone() {
            if ascii != 0 {
                (0..128u8).filter(|b| ascii >> b & 1 != 0).for_each(|b| mark(allow, o, b));
                out |= after(o + 1);
            }
            for &(a, z) in ranges.iter().filter(|r| r.1 as u32 >= 0x80) {
                let a = a.max('\u{80}');
                let mut buf = [0u8; 4];
                let lo = a.encode_utf8(&mut buf).as_bytes()[0];
                let hi = z.encode_utf8(&mut buf).as_bytes()[0];
                (lo..=hi).for_each(|b| mark(allow, o, b));
                for len in a.len_utf8()..=z.len_utf8() {
                    for j in 1..len {
                        (0x80..=0xBFu8).for_each(|b| mark(allow, o + j, b));
                    }
                    out |= after(o + len);
                }
            }
        }
        out
    };
    let literal = |allow: &mut [u8; 256], s: &[u8]| -> Offsets {
        let mut out = from & FAR;
        for o in starts.clone() {
            s.iter().enumerate().for_each(|(j, &b)| mark(allow, o + j, b));
            out |= after(o + s.len());
        }
        out
    };
    match n {
        Node::Empty | Node::Start | Node::End | Node::WordB(_) | Node::NotWordB(_) => from,
        Node::Lit(s) => literal(allow, s.as_bytes()),
        Node::Set(cs) => cs.iter().fold(0, |out, c| out | literal(allow, c.encode_utf8(&mut [0u8; 4]).as_bytes())),
        Node::Class(c) => one_char(allow, c.ascii, &c.ranges),
        Node::Any => one_char(allow, !(1u128 << b'\n'), &[('\u{80}', char::MAX)]),
        Node::Seq(ns, _) => ns.iter().fold(from, |at, n| prefix_walk(n, at, allow)),
        Node::Alt(bs, _) => bs.iter().fold(0, |out, b| out | prefix_walk(&b.node, from, allow)),
        Node::Group(_, n) => prefix_walk(n, from, allow),
        Node::Rep(inner, min, max) => {
            let mut cur = from;
            for _ in 0..*min {
                if cur & !FAR == 0 {
                    break; // nothing left below PREFIX: more rounds mark nothing
                }
                cur = prefix_walk(inner, cur, allow);
            }
            // Optional rounds: grow the reachable offsets until nothing changes.
            let mut all = cur;
            for _ in *min..*max {
                let more = all | prefix_walk(inner, all, allow);
                if more == all {
                    break;
                }
                all = more;
            }
            all
        }
    }
}

/// Index of the first ASCII digit at or after `i`.
#[inline]
pub(crate) fn next_digit(bytes: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while i + 8 <= bytes.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[i..i + 8]);
        // Digits become bytes 0..=9; a byte below 10 sets its top bit here (and only then).
        let a = u64::from_le_bytes(w) ^ (ONES * 0x30);
        if a.wrapping_sub(ONES * 10) & !a & (ONES * 0x80) != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(u8::is_ascii_digit).map(|o| i + o)
}

/// `Some(unicode)` when every match of `n` must start with a `\b` assertion.
fn leading_boundary(n: &Node) -> Option<bool> {
    match n {
        Node::WordB(u) => Some(*u),
        Node::Seq(ns, _) => ns.first().and_then(leading_boundary),
        Node::Group(_, n) => leading_boundary(n),
        Node::Alt(bs, _) => {
            let first = leading_boundary(&bs.first()?.node)?;
            bs.iter().all(|b| leading_boundary(&b.node) == Some(first)).then_some(first)
        }
        _ => None,
    }
}

/// Every pattern compiled so far (for `crate/tests/pattern.rs`).
static COMPILED: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[doc(hidden)]
pub fn compiled_patterns() -> Vec<String> {
    match COMPILED.lock() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    }
}

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, String> {
        let mut p = Parser { src: pattern, pos: 0, groups: 0 };
        let root = p.alternation(Flags { i: false, u: true, x: false })?;
        if p.pos != pattern.len() {
            return p.err("unbalanced ')'");
        }
        let mut first = [false; 256];
        let nullable = first_bytes(&root, &mut first);
        if let Ok(mut g) = COMPILED.lock() {
            if !g.iter().any(|s| s == pattern) {
                g.push(pattern.to_string());
            }
        }
        let lead_boundary = leading_boundary(&root);
        let digit_first = !nullable && (0..256).all(|b| first[b] == (b as u8).is_ascii_digit());
        let mut prefix = [0u8; 256];
        let ends = prefix_walk(&root, 1, &mut prefix);
        // The shortest match bounds how many bytes the filter may look at.
        let prefix_len = if ends == 0 { PREFIX } else { (ends.trailing_zeros() as usize).min(PREFIX) };
        Ok(Regex { root, slots: 2 * (p.groups + 1), first, nullable, lead_boundary, digit_first, prefix, prefix_len })
    }

    pub fn is_match(&self, hay: &str) -> bool {
        let mut slots = vec![usize::MAX; self.slots];
        self.search(hay, 0, &mut slots)
    }

    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.captures_iter(hay).map(|c| c.get(0).unwrap())
    }

    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        let mut at = 0usize;
        let mut last_end: Option<usize> = None;
        std::iter::from_fn(move || loop {
            if at > hay.len() {
                return None;
            }
            let mut slots = vec![usize::MAX; self.slots];
            if !self.search(hay, at, &mut slots) {
                at = hay.len() + 1;
                return None;
            }
            let (s, e) = (slots[0], slots[1]);
            if s == e && last_end == Some(e) {
                // An empty match right where the last one ended: not reported (as in `regex`).
                at = next_boundary(hay, e);
                continue;
            }
            at = e;
            last_end = Some(e);
            return Some(Captures { hay, slots });
        })
    }

    /// Leftmost-first match starting at or after `from`; fills `slots`.
    /// True if a match may start at `s` (see `prefix`).
    #[inline]
    fn prefix_fits(&self, bytes: &[u8], s: usize) -> bool {
        let Some(window) = bytes.get(s..s + self.prefix_len) else { return false };
        window.iter().enumerate().all(|(j, &b)| self.prefix[b as usize] >> j & 1 != 0)
    }

    fn search(&self, hay: &str, from: usize, slots: &mut [usize]) -> bool {
        let bytes = hay.as_bytes();
        let ex = Exec { hay };
        let mut s = from;
        loop {
            if s > hay.len() {
                return false;
            }
            if self.digit_first {
                match next_digit(bytes, s) {
                    Some(i) => s = i,
                    None => return false,
                }
            } else if !self.nullable {
                // Skip to the next byte a match can start with (never a UTF-8 continuation byte).
                match bytes[s..].iter().position(|&b| self.first[b as usize]) {
                    Some(off) => s += off,
                    None => return false,
                }
            } else if s < hay.len() && (0x80..0xC0).contains(&bytes[s]) {
                s += 1;
                continue;
            }
            if !self.prefix_fits(bytes, s) {
                s += 1;
                continue;
            }
            if let Some(u) = self.lead_boundary {
                if !ex.boundary(s, u) {
                    s += 1;
                    continue;
                }
            }
            let mut end = usize::MAX;
            if ex.m(&self.root, s, slots, &mut |p, _| {
                end = p;
                true
            }) {
                slots[0] = s;
                slots[1] = end;
                return true;
            }
            s += 1;
        }
    }
}

/// Random text the pattern matches (assertions aside), for tests: `crate/tests/pattern.rs`
/// mutates such samples to probe the edges of every detector pattern.
#[doc(hidden)]
pub fn sample(re: &Regex, seed: &mut u64) -> String {
    fn rnd(seed: &mut u64, n: usize) -> usize {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed % n.max(1) as u64) as usize
    }
    fn walk(n: &Node, seed: &mut u64, out: &mut String) {
        match n {
            Node::Lit(s) => out.push_str(s),
            Node::Set(cs) => out.push(cs[rnd(seed, cs.len())]),
            Node::Class(c) => {
                let (a, b) = c.ranges[rnd(seed, c.ranges.len())];
                let span = (b as u32 - a as u32).min(64) as usize + 1;
                out.push(char::from_u32(a as u32 + rnd(seed, span) as u32).unwrap_or(a));
            }
            Node::Any => out.push((b'a' + rnd(seed, 26) as u8) as char),
            Node::Seq(ns, _) => ns.iter().for_each(|n| walk(n, seed, out)),
            Node::Alt(bs, _) => walk(&bs[rnd(seed, bs.len())].node, seed, out),
            Node::Rep(n, min, max) => {
                let extra = (*max - *min).min(3) as usize;
                for _ in 0..*min as usize + rnd(seed, extra + 1) {
                    walk(n, seed, out);
                }
            }
            Node::Group(_, n) => walk(n, seed, out),
            _ => {}
        }
    }
    let mut out = String::new();
    walk(&re.root, seed, &mut out);
    out
}

fn next_boundary(hay: &str, mut i: usize) -> usize {
    i += 1;
    while i < hay.len() && !hay.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn prev_boundary(hay: &str, mut i: usize) -> usize {
    i -= 1;
    while i > 0 && !hay.is_char_boundary(i) {
        i -= 1;
    }
    i
}

type K<'k> = &'k mut dyn FnMut(usize, &mut [usize]) -> bool;

/// Most rounds a repeated group (not a single character) takes; see `Exec::rep`.
const MAX_ROUNDS: u32 = 256;

struct Exec<'h> {
    hay: &'h str,
}

impl Exec<'_> {
    /// The character at `at` (a char boundary); ASCII without decoding.
    #[inline]
    fn char_at(&self, at: usize) -> Option<char> {
        match self.hay.as_bytes().get(at) {
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => self.hay[at..].chars().next(),
            None => None,
        }
    }

    #[inline]
    fn char_before(&self, at: usize) -> Option<char> {
        match at.checked_sub(1).map(|i| self.hay.as_bytes()[i]) {
            Some(b) if b < 0x80 => Some(b as char),
            Some(_) => self.hay[..at].chars().next_back(),
            None => None,
        }
    }

    fn boundary(&self, at: usize, unicode: bool) -> bool {
        let w = |c: Option<char>| c.is_some_and(|c| is_word(c, unicode));
        if unicode {
            w(self.char_before(at)) != w(self.char_at(at))
        } else {
            let b = self.hay.as_bytes();
            let wb = |x: Option<&u8>| x.is_some_and(|&x| x.is_ascii_alphanumeric() || x == b'_');
            wb(at.checked_sub(1).and_then(|i| b.get(i))) != wb(b.get(at))
        }
    }

    /// Nodes that match at most one way: their end, or None.
    #[inline(always)]
    fn step(&self, n: &Node, at: usize) -> Option<Option<usize>> {
        Some(match n {
            Node::Empty => Some(at),
            Node::Lit(s) => (self.hay.as_bytes().get(at..at + s.len()) == Some(s.as_bytes())).then(|| at + s.len()),
            Node::Set(cs) => self.char_at(at).filter(|c| cs.contains(c)).map(|c| at + c.len_utf8()),
            Node::Class(cl) => self.char_at(at).filter(|&c| cl.contains(c)).map(|c| at + c.len_utf8()),
            Node::Any => self.char_at(at).filter(|&c| c != '\n').map(|c| at + c.len_utf8()),
            Node::Start => (at == 0).then_some(at),
            Node::End => (at == self.hay.len()).then_some(at),
            Node::WordB(u) => self.boundary(at, *u).then_some(at),
            Node::NotWordB(u) => (!self.boundary(at, *u)).then_some(at),
            _ => return None,
        })
    }

    fn single_char(n: &Node) -> bool {
        match n {
            Node::Set(_) | Node::Class(_) | Node::Any => true,
            Node::Lit(s) => s.chars().count() == 1,
            _ => false,
        }
    }

    fn m(&self, n: &Node, at: usize, slots: &mut [usize], k: K) -> bool {
        if !matches!(n, Node::Seq(..) | Node::Alt(..) | Node::Group(..) | Node::Rep(..)) {
            return match self.step(n, at) {
                Some(Some(p)) => k(p, slots),
                _ => false,
            };
        }
        match n {
            Node::Seq(ns, rest) => self.seq(ns, rest, at, slots, k),
            Node::Alt(bs, dispatch) => {
                let hay = self.hay.as_bytes();
                let Some(d) = dispatch else {
                    return bs.iter().any(|br| br.may_match(hay, at) && self.m(&br.node, at, slots, k));
                };
                // Only the branches that can start with the byte here, in order.
                let mut todo = hay.get(at).map_or(d.at_end, |&b| d.by_byte[b as usize]);
                while todo != 0 {
                    let br = &bs[todo.trailing_zeros() as usize];
                    todo &= todo - 1;
                    if br.may_match(hay, at) && self.m(&br.node, at, slots, k) {
                        return true;
                    }
                }
                false
            }
            Node::Group(i, inner) => {
                let i = *i;
                self.m(inner, at, slots, &mut |p, slots| {
                    let old = (slots[2 * i], slots[2 * i + 1]);
                    slots[2 * i] = at;
                    slots[2 * i + 1] = p;
                    if k(p, slots) {
                        return true;
                    }
                    slots[2 * i] = old.0;
                    slots[2 * i + 1] = old.1;
                    false
                })
            }
            Node::Rep(inner, min, max) => {
                if Self::single_char(inner) {
                    return self.rep_single(inner, *min, *max, None, at, slots, k);
                }
                self.rep(inner, *min, *max, 0, at, slots, k)
            }
            _ => unreachable!(),
        }
    }

    /// Greedy repetition of a one-character node: take as many as possible, then give back one
    /// character at a time. With `follow`, only ends where what follows can start are tried.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn rep_single(&self, inner: &Node, min: u32, max: u32, follow: Option<&Branch>, at: usize, slots: &mut [usize], k: K) -> bool {
        let bytes = self.hay.as_bytes();
        let mut p = at;
        let mut count = 0u32;
        while count < max {
            match self.step(inner, p) {
                Some(Some(q)) => {
                    p = q;
                    count += 1;
                }
                _ => break,
            }
        }
        loop {
            if count < min {
                return false;
            }
            if follow.map_or(true, |f| f.may_start(bytes.get(p).copied())) && k(p, slots) {
                return true;
            }
            if count == 0 {
                return false;
            }
            p = prev_boundary(self.hay, p);
            count -= 1;
        }
    }

    fn seq(&self, ns: &[Node], rest: &[Branch], mut at: usize, slots: &mut [usize], k: K) -> bool {
        let mut i = 0;
        while i < ns.len() {
            match self.step(&ns[i], at) {
                Some(Some(p)) => at = p,
                Some(None) => return false,
                None => break,
            }
            i += 1;
        }
        if i == ns.len() {
            return k(at, slots);
        }
        if i + 1 == ns.len() {
            return self.m(&ns[i], at, slots, k);
        }
        let mut next = |p: usize, slots: &mut [usize]| self.seq(&ns[i + 1..], &rest[i + 1..], p, slots, k);
        match &ns[i] {
            Node::Rep(inner, min, max) if Self::single_char(inner) => self.rep_single(inner, *min, *max, Some(&rest[i]), at, slots, &mut next),
            n => self.m(n, at, slots, &mut next),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rep(&self, n: &Node, min: u32, max: u32, count: u32, at: usize, slots: &mut [usize], k: K) -> bool {
        // Each round of a repeated group is a few stack frames deeper: stop taking more after
        // MAX_ROUNDS, so that a pasted megabyte of "12 34 56 ..." cannot overflow the stack (the
        // WASM stack is 1 MB). Only a run longer than any real identifier is cut this way.
        if count < max
            && count < MAX_ROUNDS
            && self.m(n, at, slots, &mut |p, slots| {
                // An empty iteration adds nothing: stop there (no infinite loop).
                if p == at && count >= min {
                    return false;
                }
                self.rep(n, min, max, count + 1, p, slots, k)
            })
        {
            return true;
        }
        count >= min && k(at, slots)
    }
}

/// A match: byte offsets into the haystack.
#[derive(Debug, Clone, Copy)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// Capture groups of one match; group 0 is the whole match.
#[derive(Debug, Clone)]
pub struct Captures<'h> {
    hay: &'h str,
    slots: Vec<usize>,
}

impl<'h> Captures<'h> {
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let (s, e) = (*self.slots.get(2 * i)?, *self.slots.get(2 * i + 1)?);
        (s != usize::MAX).then_some(Match { hay: self.hay, start: s, end: e })
    }

    pub fn len(&self) -> usize {
        self.slots.len() / 2
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::Regex;

    /// All matches with their capture groups, as offsets.
    fn all(re: &Regex, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(hay).map(|c| (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect()).collect()
    }

    #[test]
    fn prefix_filter_agrees_with_trying_every_position() {
        // Every pattern the detectors compile, and a few with optional, Unicode and any-character
        // heads; on samples of each pattern cut, shifted and glued to awkward text.
        let _ = crate::Checker::new(crate::Settings::default()).unwrap();
        let _ = crate::Checker::new(crate::Settings::default()).unwrap().check("45-year-old, 20mg twice a day, born 1/2/1980");
        let mut patterns = super::compiled_patterns();
        patterns.extend(
            [r"(?i)k\w{2,}", r"a?b?c?\d", r".{3}x", r"(?:é|ab)[\s-]?\d{2}", r"\bſt", r"x*", r"(?i)(?:ı|i)n[0-9]", r"$|\d{9}", r"(?:ab|a)(?:bc|c)d"]
                .map(String::from),
        );
        const GLUE: &[&str] = &["", " ", "x", "1", "é", "K", "\u{212A}", "\u{a0}", "😀", "\n", "-", "(", "ı", "İ"];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for p in &patterns {
            let fast = Regex::new(p).unwrap();
            let mut plain = Regex::new(p).unwrap();
            plain.prefix_len = 0;
            for _ in 0..300 {
                let mut hay = String::new();
                for _ in 0..3 {
                    let s = super::sample(&fast, &mut seed);
                    let cut = (seed % (s.len() as u64 + 1)) as usize;
                    let piece = if seed % 3 == 0 && s.is_char_boundary(cut) { &s[cut..] } else { &s[..] };
                    hay.push_str(GLUE[(seed >> 8) as usize % GLUE.len()]);
                    hay.push_str(piece);
                }
                assert_eq!(all(&fast, &hay), all(&plain, &hay), "{p:?} on {hay:?}");
            }
        }
    }
}
