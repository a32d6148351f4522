//! The elements read from the sheets written as a checklist file: readable TOML (one key per line, texts
//! as inline language tables, options as one inline table per line) and, for every value written, the
//! cell it came from, so that a diagnostic at a line and column of this text can name its cell.

use std::fmt::Write as _;

use super::Loc;
use super::elements::{Choice, Entry, Finding, Head, Parsed, Question};
use super::read::{Cell, LangText};

/// A piece of the generated text that came from one cell (or row): line (1-based), columns (1-based
/// characters, end exclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub line: usize,
    pub cols: std::ops::Range<usize>,
    pub at: Loc,
}

/// The generated checklist text and where its values came from.
#[derive(Debug, Clone, Default)]
pub struct Emitted {
    pub text: String,
    pub segments: Vec<Segment>,
}

impl Emitted {
    /// The cell (or row) a diagnostic at `line`:`column` of the text is about: the value written there,
    /// else the first value on that line, else the nearest line above that came from a cell.
    pub fn locate(&self, line: usize, column: usize) -> Option<&Loc> {
        let on_line = || self.segments.iter().filter(move |s| s.line == line);
        on_line()
            .find(|s| s.cols.contains(&column))
            .or_else(|| on_line().next())
            .or_else(|| {
                self.segments
                    .iter()
                    .filter(|s| s.line < line)
                    .max_by_key(|s| s.line)
            })
            .map(|s| &s.at)
    }

    fn line(&self) -> usize {
        self.text.matches('\n').count() + 1
    }

    fn column(&self) -> usize {
        let start = self.text.rfind('\n').map_or(0, |i| i + 1);
        self.text[start..].chars().count() + 1
    }

    fn put(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Write `s`, noting that it came from `at`.
    fn from(&mut self, s: &str, at: &Loc) {
        let (line, start) = (self.line(), self.column());
        self.text.push_str(s);
        self.segments.push(Segment {
            line,
            cols: start..self.column(),
            at: at.clone(),
        });
    }

    /// A table header line (`[[section.question]]`) standing for a row.
    fn table(&mut self, header: &str, row: &Loc) {
        self.put("\n");
        self.from(header, row);
        self.put("\n");
    }

    fn string(&mut self, key: &str, c: &Cell) {
        let _ = write!(self.text, "{key} = ");
        self.from(&quote(&c.value), &c.at);
        self.put("\n");
    }

    fn opt_string(&mut self, key: &str, c: Option<&Cell>) {
        if let Some(c) = c {
            self.string(key, c);
        }
    }

    fn flag(&mut self, key: &str, b: Option<&(bool, Loc)>) {
        if let Some((b, at)) = b {
            let _ = write!(self.text, "{key} = ");
            self.from(&b.to_string(), at);
            self.put("\n");
        }
    }

    fn number(&mut self, key: &str, n: Option<&(f64, Loc)>) {
        if let Some((n, at)) = n {
            let _ = write!(self.text, "{key} = ");
            // `{:?}` keeps a point (250.0): TOML reads a float, and every f64 comes back exactly.
            self.from(&format!("{n:?}"), at);
            self.put("\n");
        }
    }

    /// `{ de = "…", en = "…" }`, each text from its cell.
    fn lang_table(&mut self, t: &LangText) {
        self.put("{ ");
        for (i, (lang, c)) in t.iter().enumerate() {
            if i > 0 {
                self.put(", ");
            }
            let _ = write!(self.text, "{} = ", key(lang));
            self.from(&quote(&c.value), &c.at);
        }
        self.put(" }");
    }

    fn text(&mut self, k: &str, t: Option<&LangText>) {
        if let Some(t) = t {
            let _ = write!(self.text, "{k} = ");
            self.lang_table(t);
            self.put("\n");
        }
    }

    /// `refs = [...]`: a reference that is the same in every language as a plain string.
    fn refs(&mut self, refs: &[LangText]) {
        if refs.is_empty() {
            return;
        }
        self.put("refs = [");
        for (i, r) in refs.iter().enumerate() {
            if i > 0 {
                self.put(", ");
            }
            match r.first() {
                Some((_, first)) if r.iter().all(|(_, c)| c.value == first.value) => {
                    self.from(&quote(&first.value), &first.at);
                }
                _ => self.lang_table(r),
            }
        }
        self.put("]\n");
    }
}

/// A key as TOML writes it: bare when it can be, quoted otherwise.
fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        quote(k)
    }
}

/// A TOML string for `s`: a literal string ('…') when that reads better and can hold it (quotes or
/// backslashes, no apostrophe, no control character), a basic string with escapes otherwise; always on
/// one line, so that each line of the file comes from one cell.
pub fn quote(s: &str) -> String {
    let control = |c: char| c.is_control();
    if s.contains(['"', '\\']) && !s.contains('\'') && !s.chars().any(control) {
        return format!("'{s}'");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if control(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The checklist file for what the sheets hold.
pub fn emit(p: &Parsed) -> Emitted {
    let mut e = Emitted::default();
    head(&mut e, &p.head);
    for entry in &p.entries {
        match entry {
            Entry::Section(s) => {
                e.table("[[section]]", &s.row);
                e.string("id", &s.id);
                e.opt_string("when", s.when.as_ref());
                e.opt_string("for_each", s.for_each.as_ref());
                e.text("title", Some(&s.title));
                e.text("intro", s.intro.as_ref());
                for f in &s.findings {
                    finding(&mut e, "[[section.finding]]", f);
                }
                for q in &s.questions {
                    question(&mut e, q);
                }
            }
            Entry::Include(i) => {
                e.table("[[section]]", &i.row);
                e.string("include", &i.include);
                e.string("section", &i.section);
                e.opt_string("for_each", i.for_each.as_ref());
                e.opt_string("when", i.when.as_ref());
            }
        }
    }
    e
}

fn head(e: &mut Emitted, h: &Head) {
    e.from(
        "# Made by `msgaudit checklist import` from a spreadsheet (docs/checklist-sheets.md).",
        &h.row,
    );
    e.put("\n\n");
    let (format, at) = &h.format;
    e.put("format = ");
    e.from(&format.to_string(), at);
    e.put("\n");
    e.string("id", &h.id);
    e.string("version", &h.version);
    let (langs, at) = &h.languages;
    e.put("languages = ");
    let list: Vec<String> = langs.iter().map(|l| quote(l)).collect();
    e.from(&format!("[{}]", list.join(", ")), at);
    e.put("\n");
    e.opt_string("knowledge", h.knowledge.as_ref());
    e.text("title", Some(&h.title));
    e.text("description", Some(&h.description));
}

fn question(e: &mut Emitted, q: &Question) {
    e.table("[[section.question]]", &q.row);
    e.string("id", &q.id);
    e.string("kind", &q.kind);
    e.opt_string("when", q.when.as_ref());
    e.flag("required", q.required.as_ref());
    e.flag("unknown", q.unknown.as_ref());
    e.flag("not_applicable", q.not_applicable.as_ref());
    e.number("min", q.min.as_ref());
    e.number("max", q.max.as_ref());
    e.opt_string("prefill", q.prefill.as_ref());
    e.opt_string("art30", q.art30.as_ref());
    e.text("text", Some(&q.text));
    e.text("help", q.help.as_ref());
    e.refs(&q.refs);
    if !q.options.is_empty() {
        e.put("options = [\n");
        for o in &q.options {
            option(e, o);
        }
        e.put("]\n");
    }
    for f in &q.findings {
        finding(e, "[[section.question.finding]]", f);
    }
}

fn option(e: &mut Emitted, o: &Choice) {
    e.put("  ");
    e.from("{ id = ", &o.row);
    e.from(&quote(&o.id.value), &o.id.at);
    e.put(", label = ");
    e.lang_table(&o.label);
    if let Some((b, at)) = &o.other {
        e.put(", other = ");
        e.from(&b.to_string(), at);
    }
    e.put(" },\n");
}

fn finding(e: &mut Emitted, header: &str, f: &Finding) {
    e.table(header, &f.row);
    e.string("id", &f.id);
    e.string("when", &f.when);
    e.string("severity", &f.severity);
    e.opt_string("dpia_criterion", f.dpia_criterion.as_ref());
    e.text("title", Some(&f.title));
    e.text("measure", Some(&f.measure));
    e.refs(&f.refs);
    if !f.covers.is_empty() {
        e.put("covers = [");
        for (i, c) in f.covers.iter().enumerate() {
            if i > 0 {
                e.put(", ");
            }
            e.from(&quote(&c.value), &c.at);
        }
        e.put("]\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_stay_on_one_line_and_read_back_exactly() {
        for s in [
            "plain",
            "Zeile 1\nZeile 2",
            "„Anführungszeichen“ und \"quotes\"",
            "it's \"both\"",
            "back\\slash",
            "=1+1",
            "tab\there\r\n",
            "\u{7}bell \u{7f} del",
            "",
        ] {
            let q = quote(s);
            assert!(!q.contains('\n'), "{q}");
            let doc: toml::Table =
                toml::from_str(&format!("x = {q}")).unwrap_or_else(|e| panic!("{q}: {e}"));
            assert_eq!(doc["x"].as_str(), Some(s), "{q}");
        }
        assert_eq!(quote(r#"item != "teams""#), r#"'item != "teams"'"#);
        assert_eq!(key("de"), "de");
        assert_eq!(key("de CH"), "\"de CH\"");
    }

    #[test]
    fn a_position_in_the_text_names_the_cell_written_there() {
        let at = |col| Loc {
            sheet: "questions".into(),
            row: 3,
            col,
        };
        let mut e = Emitted::default();
        e.table("[[section.question]]", &at(None));
        e.string(
            "id",
            &Cell {
                value: "x".into(),
                at: at(Some(1)),
            },
        );
        e.put("\n\n");
        // Line 1 is empty, line 2 the header, line 3 `id = "x"`.
        assert_eq!(e.locate(2, 1), Some(&at(None)));
        assert_eq!(e.locate(3, 6), Some(&at(Some(1))));
        assert_eq!(e.locate(3, 1), Some(&at(Some(1))), "the line's value");
        assert_eq!(e.locate(5, 1), Some(&at(Some(1))), "the nearest line above");
        assert_eq!(e.locate(1, 1), None);
    }
}
