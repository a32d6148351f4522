//! A checklist file as written → the cells of its sheets. Only a checklist that loads is exported, and
//! every key of the format goes into a cell (the raw structs are taken apart field by field, so a new key
//! cannot be forgotten here); a value no cell can hold is a diagnostic at its place in the file.

use std::collections::HashMap;
use std::path::Path;

use toml::Spanned;

use super::columns::{self, INCLUDE_ROW, Key, SECTION_ROW};
use super::{FINDINGS, MAX_CELL_CHARS, OPTIONS, QUESTIONS, Row, SETTINGS, Sheet, Value, Workbook};
use crate::checklist::diag::Diagnostic;
use crate::checklist::files::{Files, Sources};
use crate::checklist::parse::parse_checklist_file;
use crate::checklist::raw::{
    RawEntry, RawFinding, RawHead, RawInclude, RawOption, RawQuestion, RawQuestionEntry,
    RawSection, RawSectionHead, RawText,
};
use crate::i18n::T;

/// The sheets of the checklist at `path`; Err: why it cannot be exported (it does not load, or a value
/// cannot go into a cell).
pub fn export(path: &Path) -> Result<Workbook, Vec<Diagnostic>> {
    crate::checklist::load(path)?;
    let mut files = Files::default();
    let Some(file) = files.add_file(path) else {
        return Err(files.diags);
    };
    let mut diags = Vec::new();
    let raw = parse_checklist_file(&files.sources, file, &mut diags);
    let Some(head) = raw.head.filter(|_| diags.is_empty()) else {
        return Err(diags);
    };
    let mut x = Exporter {
        sources: &files.sources,
        file,
        languages: head
            .languages
            .get_ref()
            .iter()
            .map(|l| l.get_ref().clone())
            .collect(),
        diags,
        settings: Vec::new(),
        questions: Vec::new(),
        options: Vec::new(),
        findings: Vec::new(),
    };
    x.head(&head);
    for entry in &raw.entries {
        match entry {
            RawEntry::Own(s) => x.section(s),
            RawEntry::Include(inc, _) => x.include(inc),
        }
    }
    if !x.diags.is_empty() {
        return Err(x.diags);
    }
    let sheet = |name: &str, rows: Vec<HashMap<Key, Value>>| {
        let header = columns::header(columns::of(name), &x.languages);
        let mut out = vec![Row {
            number: 1,
            cells: header.iter().map(|k| Value::Text(k.to_string())).collect(),
        }];
        for (number, mut cells) in (2..).zip(rows) {
            out.push(Row {
                number,
                cells: header
                    .iter()
                    .map(|k| cells.remove(k).unwrap_or(Value::Empty))
                    .collect(),
            });
        }
        Sheet {
            name: name.to_string(),
            first_col: 0,
            rows: out,
        }
    };
    Ok(Workbook {
        sheets: vec![
            sheet(SETTINGS, std::mem::take(&mut x.settings)),
            sheet(QUESTIONS, std::mem::take(&mut x.questions)),
            sheet(OPTIONS, std::mem::take(&mut x.options)),
            sheet(FINDINGS, std::mem::take(&mut x.findings)),
        ],
    })
}

type Cells = HashMap<Key, Value>;

struct Exporter<'a> {
    sources: &'a Sources,
    file: usize,
    languages: Vec<String>,
    diags: Vec<Diagnostic>,
    settings: Vec<Cells>,
    questions: Vec<Cells>,
    options: Vec<Cells>,
    findings: Vec<Cells>,
}

fn text(s: &Spanned<impl AsRef<str>>) -> Value {
    Value::Text(s.get_ref().as_ref().to_owned())
}

fn opt(s: Option<&Spanned<impl AsRef<str>>>) -> Value {
    s.map_or(Value::Empty, text)
}

fn flag(b: Option<bool>) -> Value {
    b.map_or(Value::Empty, Value::Bool)
}

fn number(n: Option<&Spanned<f64>>) -> Value {
    n.map_or(Value::Empty, |n| Value::Number(*n.get_ref()))
}

impl Exporter<'_> {
    fn fits(&mut self, s: &str, span: std::ops::Range<usize>) {
        if s.chars().count() > MAX_CELL_CHARS {
            self.diags.push(
                self.sources.diag(
                    self.file,
                    span,
                    T::new(
                        "der Text ist länger als eine Tabellenzelle fasst ({0} Zeichen)",
                        "the text is longer than a spreadsheet cell holds ({0} characters)",
                    )
                    .both(&[&MAX_CELL_CHARS.to_string()]),
                ),
            );
        }
    }

    /// A text in the column `name::lang` of every language (a plain string in each of them).
    fn texts(&mut self, cells: &mut Cells, name: &'static str, t: Option<&Spanned<RawText>>) {
        let Some(t) = t else { return };
        for lang in self.languages.clone() {
            let s = match t.get_ref() {
                RawText::Plain(s) => s.clone(),
                RawText::Langs(entries) => entries
                    .iter()
                    .find(|(l, _)| *l.get_ref() == lang)
                    .map(|(_, v)| v.get_ref().clone())
                    .unwrap_or_default(),
            };
            self.fits(&s, t.span());
            cells.insert(Key::lang(name, &lang), Value::Text(s));
        }
    }

    /// References, one per line of the cell `refs::lang`.
    fn refs(&mut self, cells: &mut Cells, refs: &[Spanned<RawText>]) {
        if refs.is_empty() {
            return;
        }
        for lang in self.languages.clone() {
            let mut lines = Vec::new();
            for r in refs {
                let s = match r.get_ref() {
                    RawText::Plain(s) => s.clone(),
                    RawText::Langs(entries) => entries
                        .iter()
                        .find(|(l, _)| *l.get_ref() == lang)
                        .map(|(_, v)| v.get_ref().clone())
                        .unwrap_or_default(),
                };
                if s.is_empty() || s.contains(['\n', '\r']) {
                    self.diags.push(self.sources.diag(
                        self.file,
                        r.span(),
                        T::new(
                            "eine Fundstelle, die leer ist oder einen Zeilenumbruch enthält, passt nicht in eine Tabelle (dort steht eine Fundstelle je Zeile)",
                            "a reference that is empty or holds a line break cannot go into a sheet (it holds one reference per line)",
                        ),
                    ));
                }
                lines.push(s);
            }
            let joined = lines.join("\n");
            if let Some(first) = refs.first() {
                self.fits(&joined, first.span());
            }
            cells.insert(Key::lang("refs", &lang), Value::Text(joined));
        }
    }

    fn head(&mut self, h: &RawHead) {
        let RawHead {
            format,
            id,
            version,
            languages,
            title,
            description,
            knowledge,
        } = h;
        let mut c = Cells::new();
        c.insert(Key::one("format"), Value::Number(*format.get_ref() as f64));
        c.insert(Key::one("id"), text(id));
        c.insert(Key::one("version"), text(version));
        c.insert(
            Key::one("languages"),
            Value::Text(
                languages
                    .get_ref()
                    .iter()
                    .map(|l| l.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        );
        c.insert(Key::one("knowledge"), opt(knowledge.as_ref()));
        self.texts(&mut c, "title", Some(title));
        self.texts(&mut c, "description", Some(description));
        self.settings.push(c);
    }

    fn section(&mut self, s: &RawSection) {
        let RawSectionHead {
            id,
            title,
            intro,
            when,
            for_each,
        } = &s.head;
        let mut c = Cells::new();
        c.insert(Key::one("kind"), Value::Text(SECTION_ROW.into()));
        c.insert(Key::one("id"), text(id));
        self.texts(&mut c, "text", Some(title));
        self.texts(&mut c, "help", intro.as_ref());
        c.insert(Key::one("when"), opt(when.as_ref()));
        c.insert(Key::one("for_each"), opt(for_each.as_ref()));
        self.questions.push(c);
        for f in &s.findings {
            self.finding(id.get_ref(), None, f);
        }
        for RawQuestionEntry { q, findings } in &s.questions {
            self.question(id.get_ref(), q);
            for f in findings {
                self.finding(id.get_ref(), Some(q.id.get_ref()), f);
            }
        }
    }

    fn include(&mut self, inc: &RawInclude) {
        let RawInclude {
            include,
            section,
            for_each,
            when,
        } = inc;
        let mut c = Cells::new();
        c.insert(Key::one("kind"), Value::Text(INCLUDE_ROW.into()));
        c.insert(Key::one("id"), text(section));
        c.insert(Key::one("include"), text(include));
        c.insert(Key::one("when"), opt(when.as_ref()));
        c.insert(Key::one("for_each"), opt(for_each.as_ref()));
        self.questions.push(c);
    }

    fn question(&mut self, section: &str, q: &RawQuestion) {
        let RawQuestion {
            id,
            kind,
            text: question_text,
            help,
            refs,
            options,
            required,
            unknown,
            not_applicable,
            when,
            min,
            max,
            prefill,
            art30,
        } = q;
        let mut c = Cells::new();
        c.insert(Key::one("kind"), text(kind));
        c.insert(Key::one("id"), text(id));
        self.texts(&mut c, "text", Some(question_text));
        self.texts(&mut c, "help", help.as_ref());
        self.refs(&mut c, refs);
        c.insert(Key::one("when"), opt(when.as_ref()));
        c.insert(Key::one("required"), flag(*required));
        c.insert(Key::one("unknown"), flag(*unknown));
        c.insert(Key::one("not_applicable"), flag(*not_applicable));
        c.insert(Key::one("min"), number(min.as_ref()));
        c.insert(Key::one("max"), number(max.as_ref()));
        c.insert(Key::one("prefill"), opt(prefill.as_ref()));
        c.insert(Key::one("art30"), opt(art30.as_ref()));
        self.questions.push(c);
        for o in options.iter().flat_map(Spanned::get_ref) {
            let RawOption {
                id: option_id,
                label,
                other,
            } = o.get_ref();
            let mut c = Cells::new();
            c.insert(Key::one("section"), Value::Text(section.into()));
            c.insert(Key::one("question"), text(id));
            c.insert(Key::one("id"), text(option_id));
            self.texts(&mut c, "label", Some(label));
            c.insert(Key::one("other"), flag(other.then_some(true)));
            self.options.push(c);
        }
    }

    fn finding(&mut self, section: &str, question: Option<&String>, f: &RawFinding) {
        let RawFinding {
            id,
            when,
            severity,
            title,
            measure,
            refs,
            dpia_criterion,
            covers,
        } = f;
        let mut c = Cells::new();
        c.insert(Key::one("section"), Value::Text(section.into()));
        c.insert(
            Key::one("question"),
            question.map_or(Value::Empty, |q| Value::Text(q.clone())),
        );
        c.insert(Key::one("id"), text(id));
        c.insert(Key::one("when"), text(when));
        c.insert(Key::one("severity"), text(severity));
        self.texts(&mut c, "title", Some(title));
        self.texts(&mut c, "measure", Some(measure));
        self.refs(&mut c, refs);
        c.insert(Key::one("dpia_criterion"), opt(dpia_criterion.as_ref()));
        c.insert(
            Key::one("covers"),
            if covers.is_empty() {
                Value::Empty
            } else {
                Value::Text(
                    covers
                        .iter()
                        .map(|c| c.get_ref().as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            },
        );
        self.findings.push(c);
    }
}
