//! The elements of a checklist (head, sections, includes, questions, options, findings) read from the
//! sheets, each value with the cell it came from. What only the cells can tell — an empty required cell,
//! `vielleicht` for true/false, a cell that means nothing in its row, an option of a question that is
//! not there — is a problem at its cell; everything else the checklist validation says later.

use super::columns::{INCLUDE_ROW, SECTION_ROW};
use super::read::{Cell, LangText, table};
use super::{FINDINGS, Loc, OPTIONS, Problem, QUESTIONS, SETTINGS, Sheet, Workbook};
use crate::i18n::T;

#[derive(Debug)]
pub struct Head {
    pub row: Loc,
    pub format: (i64, Loc),
    pub id: Cell,
    pub version: Cell,
    pub languages: (Vec<String>, Loc),
    pub knowledge: Option<Cell>,
    pub title: LangText,
    pub description: LangText,
}

#[derive(Debug)]
pub struct Section {
    pub row: Loc,
    pub id: Cell,
    pub title: LangText,
    pub intro: Option<LangText>,
    pub when: Option<Cell>,
    pub for_each: Option<Cell>,
    pub findings: Vec<Finding>,
    pub questions: Vec<Question>,
}

#[derive(Debug)]
#[allow(clippy::struct_field_names)] // `include` is the key of the format
pub struct Include {
    pub row: Loc,
    pub section: Cell,
    pub include: Cell,
    pub when: Option<Cell>,
    pub for_each: Option<Cell>,
}

#[derive(Debug)]
pub enum Entry {
    Section(Section),
    Include(Include),
}

#[derive(Debug)]
pub struct Question {
    pub row: Loc,
    pub id: Cell,
    pub kind: Cell,
    pub text: LangText,
    pub help: Option<LangText>,
    pub refs: Vec<LangText>,
    pub required: Option<(bool, Loc)>,
    pub unknown: Option<(bool, Loc)>,
    pub not_applicable: Option<(bool, Loc)>,
    pub when: Option<Cell>,
    pub min: Option<(f64, Loc)>,
    pub max: Option<(f64, Loc)>,
    pub prefill: Option<Cell>,
    pub art30: Option<Cell>,
    pub options: Vec<Choice>,
    pub findings: Vec<Finding>,
}

#[derive(Debug)]
pub struct Choice {
    pub row: Loc,
    pub id: Cell,
    pub label: LangText,
    pub other: Option<(bool, Loc)>,
}

#[derive(Debug)]
pub struct Finding {
    pub row: Loc,
    pub id: Cell,
    pub when: Cell,
    pub severity: Cell,
    pub title: LangText,
    pub measure: LangText,
    pub refs: Vec<LangText>,
    pub dpia_criterion: Option<Cell>,
    pub covers: Vec<Cell>,
}

/// A whole workbook read.
#[derive(Debug)]
pub struct Parsed {
    pub head: Head,
    pub entries: Vec<Entry>,
}

/// The workbook's elements, or every problem found in its cells.
pub fn read(wb: &Workbook) -> Result<Parsed, Vec<Problem>> {
    let mut p = Vec::new();
    let Some(sheet) = wb.sheet(SETTINGS) else {
        return Err(vec![missing_sheet(SETTINGS)]);
    };
    let Some(head) = settings(sheet, &mut p) else {
        return Err(p);
    };
    let langs = head.languages.0.clone();
    let Some(sheet) = wb.sheet(QUESTIONS) else {
        // Options and findings name their questions there: without it, nothing more can be said.
        p.push(missing_sheet(QUESTIONS));
        return Err(p);
    };
    let mut entries = questions(sheet, &langs, &mut p);
    if let Some(s) = wb.sheet(OPTIONS) {
        options(s, &langs, &mut entries, &mut p);
    }
    if let Some(s) = wb.sheet(FINDINGS) {
        findings(s, &langs, &mut entries, &mut p);
    }
    if p.is_empty() {
        Ok(Parsed { head, entries })
    } else {
        Err(p)
    }
}

fn missing_sheet(name: &str) -> Problem {
    Problem::workbook(
        T::new(
            "die Arbeitsmappe hat kein Blatt „{0}“ (siehe docs/checklist-sheets.md)",
            "the workbook has no sheet `{0}` (see docs/checklist-sheets.md)",
        )
        .both(&[name]),
    )
}

const A_QUESTION: T = T::new("eine Frage", "a question");
const A_SECTION: T = T::new("eine Abschnittszeile", "a section row");
const AN_INCLUDE: T = T::new("eine Einbindungszeile", "an include row");
const AN_OPTION: T = T::new("eine Antwortoption", "an option");
const A_FINDING: T = T::new("ein Befund", "a finding");
const THE_SETTINGS: T = T::new("die Checkliste", "the checklist");

/// The head of the checklist: the one row of values below the header of `settings`.
fn settings(sheet: &Sheet, p: &mut Vec<Problem>) -> Option<Head> {
    let before = p.len();
    // The languages are a cell of this sheet: its header is read without them first.
    let t = table(sheet, None, &["format", "id", "version", "languages"], p);
    let mut rows = t.rows();
    let Some(row) = rows.next() else {
        p.push(Problem::at(
            Loc {
                sheet: sheet.name.clone(),
                row: 1,
                col: None,
            },
            T::new(
                "unter der Kopfzeile von „settings“ fehlt die Zeile mit den Werten",
                "the row of values below the header of `settings` is missing",
            ),
        ));
        return None;
    };
    for extra in rows {
        p.push(Problem::at(
            extra.row_loc(),
            T::new(
                "„settings“ hat nur eine Zeile mit Werten",
                "`settings` has only one row of values",
            ),
        ));
    }
    let languages = row.needed("languages", THE_SETTINGS, p).map(|c| {
        let list: Vec<String> = c
            .value
            .split([',', ';', ' ', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        (list, c.at)
    })?;
    // Now the per-language columns can be checked against them.
    let t = table(sheet, Some(&languages.0), &["title", "description"], p);
    let row = t.rows().next()?;
    let langs = &languages.0;
    let format = row.needed("format", THE_SETTINGS, p).and_then(|c| {
        if let Ok(n) = c.value.trim().parse::<i64>() {
            Some((n, c.at))
        } else {
            p.push(Problem::at(
                c.at,
                T::new(
                    "„format“ ist die Versionsnummer des Formats, eine ganze Zahl: 1",
                    "`format` is the format version, a whole number: 1",
                ),
            ));
            None
        }
    });
    let head = Head {
        row: row.row_loc(),
        id: row.needed("id", THE_SETTINGS, p)?,
        version: row.needed("version", THE_SETTINGS, p)?,
        knowledge: row.text("knowledge", p),
        title: row.needed_text("title", langs, THE_SETTINGS, p)?,
        description: row.needed_text("description", langs, THE_SETTINGS, p)?,
        format: format?,
        languages,
    };
    // The header was read twice; report its problems once.
    dedup_from(p, before);
    Some(head)
}

fn dedup_from(p: &mut Vec<Problem>, from: usize) {
    let mut seen = Vec::new();
    let tail: Vec<Problem> = p.drain(from..).collect();
    for x in tail {
        if !seen.contains(&x) {
            seen.push(x.clone());
            p.push(x);
        }
    }
}

const QUESTION_ONLY: &[&str] = &[
    "refs",
    "required",
    "unknown",
    "not_applicable",
    "min",
    "max",
    "prefill",
    "art30",
    "include",
];

/// The rows of `questions`: section rows, include rows, and the questions of the section above them.
fn questions(sheet: &Sheet, langs: &[String], p: &mut Vec<Problem>) -> Vec<Entry> {
    let t = table(sheet, Some(langs), &["kind", "id", "text"], p);
    let mut entries: Vec<Entry> = Vec::new();
    for row in t.rows() {
        let Some(kind) = row.needed("kind", T::new("jede Zeile", "every row"), p) else {
            continue;
        };
        match kind.value.as_str() {
            SECTION_ROW => {
                row.forbid(QUESTION_ONLY, A_SECTION, p);
                let (Some(id), Some(title)) = (
                    row.needed("id", A_SECTION, p),
                    row.needed_text("text", langs, A_SECTION, p),
                ) else {
                    continue;
                };
                entries.push(Entry::Section(Section {
                    row: row.row_loc(),
                    id,
                    title,
                    intro: row.lang_text("help", langs, p),
                    when: row.text("when", p),
                    for_each: row.text("for_each", p),
                    findings: Vec::new(),
                    questions: Vec::new(),
                }));
            }
            INCLUDE_ROW => {
                row.forbid(
                    &[
                        "text",
                        "help",
                        "refs",
                        "required",
                        "unknown",
                        "not_applicable",
                        "min",
                        "max",
                        "prefill",
                        "art30",
                    ],
                    AN_INCLUDE,
                    p,
                );
                let (Some(section), Some(include)) = (
                    row.needed("id", AN_INCLUDE, p),
                    row.needed("include", AN_INCLUDE, p),
                ) else {
                    continue;
                };
                entries.push(Entry::Include(Include {
                    row: row.row_loc(),
                    section,
                    include,
                    when: row.text("when", p),
                    for_each: row.text("for_each", p),
                }));
            }
            _ => {
                row.forbid(&["for_each", "include"], A_QUESTION, p);
                let q = Question {
                    row: row.row_loc(),
                    id: match row.needed("id", A_QUESTION, p) {
                        Some(id) => id,
                        None => continue,
                    },
                    text: match row.needed_text("text", langs, A_QUESTION, p) {
                        Some(t) => t,
                        None => continue,
                    },
                    help: row.lang_text("help", langs, p),
                    refs: row.refs(langs, p),
                    required: row.flag("required", p),
                    unknown: row.flag("unknown", p),
                    not_applicable: row.flag("not_applicable", p),
                    when: row.text("when", p),
                    min: row.number("min", p),
                    max: row.number("max", p),
                    prefill: row.text("prefill", p),
                    art30: row.text("art30", p),
                    options: Vec::new(),
                    findings: Vec::new(),
                    kind,
                };
                match entries.last_mut() {
                    Some(Entry::Section(s)) => s.questions.push(q),
                    Some(Entry::Include(inc)) => p.push(Problem::at(
                        q.row,
                        T::new(
                            "eine Frage unter der Einbindung von „{0}“: die Fragen eines eingebundenen Abschnitts stehen in seiner Datei; beginnen Sie davor eine Abschnittszeile (kind = section)",
                            "a question below the include of `{0}`: the questions of an included section are in its own file; start a section row (kind = section) before it",
                        )
                        .both(&[&inc.section.value]),
                    )),
                    None => p.push(Problem::at(
                        q.row,
                        T::new(
                            "eine Frage vor der ersten Abschnittszeile; jede Frage gehört zu einem Abschnitt (eine Zeile mit kind = section darüber)",
                            "a question before the first section row; every question belongs to a section (a row with kind = section above it)",
                        ),
                    )),
                }
            }
        }
    }
    entries
}

/// The section `section` names, and the question `question` names in it (when given): a problem at the
/// cell that names what is not there.
fn find<'e>(
    entries: &'e mut [Entry],
    section: &Cell,
    question: Option<&Cell>,
    p: &mut Vec<Problem>,
) -> Option<(&'e mut Section, Option<usize>)> {
    let found = entries.iter_mut().find(|e| match e {
        Entry::Section(s) => s.id.value == section.value,
        Entry::Include(i) => i.section.value == section.value,
    });
    let s = match found {
        Some(Entry::Section(s)) => s,
        Some(Entry::Include(inc)) => {
            p.push(Problem::at(
                section.at.clone(),
                T::new(
                    "der Abschnitt „{0}“ ist aus „{1}“ eingebunden; seine Optionen und Befunde stehen dort",
                    "the section `{0}` is included from `{1}`; its options and findings are there",
                )
                .both(&[&section.value, &inc.include.value]),
            ));
            return None;
        }
        None => {
            p.push(Problem::at(
                section.at.clone(),
                T::new(
                    "im Blatt „questions“ gibt es keinen Abschnitt „{0}“",
                    "the sheet `questions` has no section `{0}`",
                )
                .both(&[&section.value]),
            ));
            return None;
        }
    };
    let Some(q) = question else {
        return Some((s, None));
    };
    if let Some(i) = s.questions.iter().position(|x| x.id.value == q.value) {
        return Some((s, Some(i)));
    }
    p.push(Problem::at(
        q.at.clone(),
        T::new(
            "der Abschnitt „{0}“ hat im Blatt „questions“ keine Frage „{1}“",
            "the section `{0}` has no question `{1}` in the sheet `questions`",
        )
        .both(&[&section.value, &q.value]),
    ));
    None
}

fn options(sheet: &Sheet, langs: &[String], entries: &mut [Entry], p: &mut Vec<Problem>) {
    let t = table(
        sheet,
        Some(langs),
        &["section", "question", "id", "label"],
        p,
    );
    for row in t.rows() {
        let (Some(section), Some(question), Some(id), Some(label)) = (
            row.needed("section", AN_OPTION, p),
            row.needed("question", AN_OPTION, p),
            row.needed("id", AN_OPTION, p),
            row.needed_text("label", langs, AN_OPTION, p),
        ) else {
            continue;
        };
        let other = row.flag("other", p);
        if let Some((s, Some(q))) = find(entries, &section, Some(&question), p) {
            s.questions[q].options.push(Choice {
                row: row.row_loc(),
                id,
                label,
                other,
            });
        }
    }
}

fn findings(sheet: &Sheet, langs: &[String], entries: &mut [Entry], p: &mut Vec<Problem>) {
    let t = table(
        sheet,
        Some(langs),
        &["section", "id", "when", "severity", "title", "measure"],
        p,
    );
    for row in t.rows() {
        let (Some(section), Some(id), Some(when), Some(severity), Some(title), Some(measure)) = (
            row.needed("section", A_FINDING, p),
            row.needed("id", A_FINDING, p),
            row.needed("when", A_FINDING, p),
            row.needed("severity", A_FINDING, p),
            row.needed_text("title", langs, A_FINDING, p),
            row.needed_text("measure", langs, A_FINDING, p),
        ) else {
            continue;
        };
        let question = row.text("question", p);
        let covers = row
            .text("covers", p)
            .map(|c| {
                c.value
                    .split([',', ';', ' ', '\n'])
                    .map(|s| s.trim().trim_end_matches('\r'))
                    .filter(|s| !s.is_empty())
                    .map(|s| Cell {
                        value: s.to_string(),
                        at: c.at.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let f = Finding {
            row: row.row_loc(),
            id,
            when,
            severity,
            title,
            measure,
            refs: row.refs(langs, p),
            dpia_criterion: row.text("dpia_criterion", p),
            covers,
        };
        match find(entries, &section, question.as_ref(), p) {
            Some((s, Some(q))) => s.questions[q].findings.push(f),
            Some((s, None)) => s.findings.push(f),
            None => {}
        }
    }
}
