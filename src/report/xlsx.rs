//! XLSX reports: one workbook with a sheet per part of the report (summary, findings, points to clarify,
//! answers, the records-of-processing draft), real cells (dates as dates, counts as numbers), a frozen
//! header row, an autofilter and column widths. Every text goes in as a string cell, never as a formula,
//! so no answer can run in a spreadsheet.

use jiff::Timestamp;
use jiff::civil::Date;
use rust_xlsxwriter::{Color, ExcelDateTime, Format as Style, Workbook, Worksheet, XlsxError};

use super::model::{AnswerRow, Report};
use super::summary::Overview;
use super::texts::{self as tx, T};
use crate::checklist::Severity;
use crate::i18n::dates::Zone;
use crate::lang::Lang;

/// Excel keeps at most 32 767 characters in a cell; longer texts are cut there (with "…").
const MAX_CELL_CHARS: usize = 32_767;

/// One cell of a sheet.
enum Cell {
    Text(String),
    Number(usize),
    Date(Date),
    Time(Timestamp),
    /// Text in white on red: the state of a file that failed verification.
    Alarm(String),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The styles of a workbook: the header, wrapped text, dates and times in the report's language, and the
/// warning of a file that failed verification.
struct Styles {
    header: Style,
    wrap: Style,
    date: Style,
    time: Style,
    alarm: Style,
}

impl Styles {
    fn new(lang: Lang) -> Styles {
        let (date, time) = match lang {
            Lang::De => ("dd.mm.yyyy", "dd.mm.yyyy hh:mm"),
            Lang::En => ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"),
        };
        Styles {
            header: Style::new().set_bold().set_background_color(0x00D9_E1F2),
            wrap: Style::new().set_text_wrap(),
            date: Style::new().set_num_format(date),
            time: Style::new().set_num_format(time),
            alarm: Style::new()
                .set_bold()
                .set_text_wrap()
                .set_font_color(Color::White)
                .set_background_color(Color::Red),
        }
    }
}

/// A sheet's columns (header text and width in characters) and rows.
struct Sheet<'a> {
    name: &'a str,
    columns: Vec<(&'a str, f64)>,
    rows: Vec<Vec<Cell>>,
}

fn err(e: &XlsxError) -> String {
    format!("cannot write XLSX: {e}")
}

/// Cut a text to what a cell holds.
fn fit(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
        out.push('…');
        out
    }
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    // Excel has no dates before 1900; such a year (or a negative one) is refused as an error.
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month().unsigned_abs(), d.day().unsigned_abs())
}

fn excel_time(t: Timestamp, zone: &Zone) -> Result<ExcelDateTime, XlsxError> {
    let dt = t.to_zoned(zone.tz().clone()).datetime();
    excel_date(dt.date())?.and_hms(
        dt.hour().unsigned_abs().into(),
        dt.minute().unsigned_abs(),
        dt.second().unsigned_abs(),
    )
}

/// Write `s` as a string cell: Excel and `LibreOffice` show "=1+1", "+49 …", "-x", "@x" as the text it is
/// and never evaluate it (the formula-injection guard of every XLSX msgaudit writes; the checklist sheets
/// use it too).
pub fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    format: &Style,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, s, format)?;
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    st: &Styles,
    zone: &Zone,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => return write_text(ws, row, col, &fit(s), &st.wrap),
        Cell::Number(n) => ws.write_number(row, col, u32::try_from(*n).unwrap_or(u32::MAX)),
        Cell::Date(d) => ws.write_datetime_with_format(row, col, excel_date(*d)?, &st.date),
        Cell::Time(t) => ws.write_datetime_with_format(row, col, excel_time(*t, zone)?, &st.time),
        Cell::Alarm(s) => ws.write_string_with_format(row, col, fit(s), &st.alarm),
    }?;
    Ok(())
}

/// Add `sheet` to `wb`: header row frozen, autofilter over all rows, column widths.
fn add(wb: &mut Workbook, sheet: &Sheet<'_>, st: &Styles, zone: &Zone) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet.name)?;
    for (col, (title, width)) in (0u16..).zip(&sheet.columns) {
        ws.write_string_with_format(0, col, *title, &st.header)?;
        ws.set_column_width(col, *width)?;
    }
    let mut last_row = 0;
    for (row, cells) in (1u32..).zip(&sheet.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            write_cell(ws, row, col, cell, st, zone)?;
        }
        last_row = row;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(sheet.columns.len().saturating_sub(1)).unwrap_or(0);
    ws.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// The summary sheet: what the report says first, as field and value; a result that failed verification
/// gets its warning in the first rows, in red.
fn summary_sheet(r: &Report) -> Sheet<'static> {
    let lang = r.lang;
    let a = &r.audit;
    let o = &r.outcome;
    let mut rows = Vec::new();
    if r.verification.valid {
        rows.push(vec![
            text(tx::VERIFICATION_STATE.get(lang)),
            text(&r.verification.headline),
        ]);
    } else {
        rows.push(vec![
            Cell::Alarm(tx::VERIFICATION_STATE.get(lang).to_string()),
            Cell::Alarm(r.verification.headline.clone()),
        ]);
        rows.push(vec![
            Cell::Alarm(tx::NOTE.get(lang).to_string()),
            Cell::Alarm(tx::INVALID_WARNING.get(lang).to_string()),
        ]);
    }
    let mut field = |name: &T, value: Cell| rows.push(vec![text(name.get(lang)), value]);
    field(&tx::ORGANISATION, text(&a.organisation));
    field(&tx::UNIT, text(&a.unit));
    field(&tx::AUDIT_DATE, Cell::Date(a.audit_date));
    field(&tx::AUDITOR, text(&a.auditor));
    field(&tx::INTERVIEWEES, text(&a.interviewees));
    field(
        &tx::CHECKLIST,
        text(format!(
            "{} ({} {})",
            a.checklist.title,
            tx::VERSION.get(lang),
            a.checklist.version
        )),
    );
    field(&tx::AUDIT_ID, text(&a.audit_id));
    field(&tx::COMPLETENESS, text(&o.completeness.label));
    field(&tx::DPIA, text(&o.dpia.label));
    field(&tx::OPEN_POINTS, Cell::Number(o.open_points.len()));
    for s in [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ] {
        rows.push(vec![
            text(format!(
                "{} ({})",
                tx::FINDINGS.get(lang),
                tx::severity(s, lang)
            )),
            Cell::Number(o.counts.get(s)),
        ]);
    }
    let mut field = |name: &T, value: Cell| rows.push(vec![text(name.get(lang)), value]);
    field(
        &tx::MESSENGERS_FOUND,
        text(o.management.messengers.join("; ")),
    );
    field(&tx::SIGNER, text(&r.signoff.name));
    field(&tx::ROLE, text(&r.signoff.role));
    field(&tx::SIGNED_AT, Cell::Time(r.signoff.signed_at));
    field(&tx::TIME_ZONE, text(&r.time_zone));
    field(&tx::FILE, text(&r.file));
    Sheet {
        name: tx::SHEET_SUMMARY.get(lang),
        columns: vec![(tx::FIELD.get(lang), 34.0), (tx::VALUE.get(lang), 90.0)],
        rows,
    }
}

/// One row per root-cause group, as the findings CSV.
fn findings_sheet(r: &Report) -> Sheet<'static> {
    let lang = r.lang;
    let rows = r
        .outcome
        .findings
        .iter()
        .map(|g| {
            let covered: Vec<String> = g
                .covered
                .iter()
                .map(|x| {
                    if x.applies_to.is_empty() {
                        x.title.clone()
                    } else {
                        format!("{} ({})", x.title, x.applies_to.join("; "))
                    }
                })
                .collect();
            vec![
                text(&g.id),
                text(&g.severity_label),
                text(&g.title),
                text(&g.measure),
                text(g.applies_to.join("; ")),
                text(covered.join("; ")),
                text(g.refs.join("; ")),
                text(
                    g.dpia_criterion
                        .as_ref()
                        .map(|c| c.label.clone())
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    Sheet {
        name: tx::FINDINGS.get(lang),
        columns: vec![
            (tx::FINDING_ID.get(lang), 18.0),
            (tx::SEVERITY.get(lang), 12.0),
            (tx::FINDING.get(lang), 40.0),
            (tx::MEASURE.get(lang), 50.0),
            (tx::APPLIES_TO.get(lang), 30.0),
            (tx::ALSO_COVERS.get(lang), 30.0),
            (tx::REFS.get(lang), 24.0),
            (tx::DPIA_CRITERION.get(lang), 24.0),
        ],
        rows,
    }
}

fn open_points_sheet(r: &Report) -> Sheet<'static> {
    let lang = r.lang;
    let rows = r
        .outcome
        .open_points
        .iter()
        .map(|p| {
            vec![
                text(&p.place),
                text(&p.question),
                text(&p.kind_label),
                text(&p.key),
            ]
        })
        .collect();
    Sheet {
        name: tx::OPEN_POINTS.get(lang),
        columns: vec![
            (tx::PLACE.get(lang), 30.0),
            (tx::QUESTION.get(lang), 60.0),
            (tx::REASON.get(lang), 22.0),
            (tx::KEY.get(lang), 30.0),
        ],
        rows,
    }
}

fn plan_sheet(r: &Report) -> Sheet<'static> {
    let lang = r.lang;
    let rows = r
        .plan
        .iter()
        .map(|p| {
            vec![
                text(&p.severity_label),
                text(&p.title),
                text(&p.status_label),
                text(&p.owner),
                p.due.map_or_else(|| text(""), Cell::Date),
                text(&p.justification),
                text(p.earlier.clone().unwrap_or_default()),
                text(&p.finding),
            ]
        })
        .collect();
    Sheet {
        name: tx::ACTION_PLAN.get(lang),
        columns: vec![
            (tx::SEVERITY.get(lang), 12.0),
            (tx::MEASURE.get(lang), 50.0),
            (tx::PLAN_STATUS.get(lang), 18.0),
            (tx::PLAN_OWNER.get(lang), 24.0),
            (tx::PLAN_DUE.get(lang), 14.0),
            (tx::PLAN_JUSTIFICATION.get(lang), 40.0),
            (tx::PLAN_EARLIER.get(lang), 50.0),
            (tx::KEY.get(lang), 24.0),
        ],
        rows,
    }
}

fn answers_sheet(r: &Report) -> Sheet<'static> {
    let lang = r.lang;
    let row = |section: &str, a: &AnswerRow, hidden: bool| {
        vec![
            text(section),
            text(&a.question),
            text(&a.display),
            text(a.note.clone().unwrap_or_default()),
            text(super::csv_report::state(a, lang)),
            text(&a.key),
            text(tx::yes_no(hidden, lang)),
            text(r.outcome.contradiction_hint(&a.key).unwrap_or_default()),
        ]
    };
    let mut rows = Vec::new();
    for (sections, hidden) in [(&r.sections, false), (&r.hidden_answers, true)] {
        for s in sections {
            rows.extend(s.answers.iter().map(|a| row(&s.title, a, hidden)));
        }
    }
    Sheet {
        name: tx::ANSWERS.get(lang),
        columns: vec![
            (tx::SECTION.get(lang), 28.0),
            (tx::QUESTION.get(lang), 55.0),
            (tx::ANSWER.get(lang), 40.0),
            (tx::ANSWER_NOTE.get(lang), 40.0),
            (tx::STATE.get(lang), 14.0),
            (tx::KEY.get(lang), 30.0),
            (tx::HIDDEN.get(lang), 12.0),
            (tx::CONTRADICTION_COLUMN.get(lang), 40.0),
        ],
        rows,
    }
}

/// The evidence files, one row each (a sheet only for results with evidence).
fn evidence_sheet(r: &Report) -> Sheet<'static> {
    let lang = r.lang;
    let rows = r
        .evidence
        .iter()
        .map(|e| {
            let state = e.state_text(lang).to_string();
            vec![
                text(&e.question),
                text(&e.name),
                Cell::Number(usize::try_from(e.size).unwrap_or(usize::MAX)),
                text(&e.sha256),
                text(&e.caption),
                if e.state == "changed" {
                    Cell::Alarm(state)
                } else {
                    text(state)
                },
                Cell::Time(e.added),
                text(&e.question_key),
            ]
        })
        .collect();
    Sheet {
        name: tx::EVIDENCE.get(lang),
        columns: vec![
            (tx::QUESTION.get(lang), 55.0),
            (tx::EVIDENCE_FILE.get(lang), 30.0),
            (tx::EVIDENCE_SIZE.get(lang), 12.0),
            ("SHA-256", 66.0),
            (tx::EVIDENCE_CAPTION.get(lang), 40.0),
            (tx::EVIDENCE_STATE.get(lang), 22.0),
            (tx::HISTORY_WHEN.get(lang), 20.0),
            (tx::KEY.get(lang), 30.0),
        ],
        rows,
    }
}

/// The records-of-processing draft (Art. 30): a row per value of every field of every messenger's entry,
/// and a row marking each open field.
fn art30_sheet(r: &Report) -> Sheet<'static> {
    use super::art30_texts as ax;
    let lang = r.lang;
    let mut rows = Vec::new();
    for e in &r.art30.entries {
        for f in &e.fields {
            let lead = || vec![text(&e.messenger), text(&f.label), text(&f.reference)];
            for v in &f.values {
                let mut row = lead();
                row.extend([
                    text(&v.text),
                    text(&v.source_text),
                    text(&v.key),
                    v.as_of.map_or_else(|| text(""), Cell::Date),
                    text(v.note.clone().unwrap_or_default()),
                    text(""),
                ]);
                rows.push(row);
            }
            if f.open {
                let mut row = lead();
                row.extend([
                    text(""),
                    text(""),
                    text(""),
                    text(""),
                    text(""),
                    text(ax::OPEN_FIELD.get(lang)),
                ]);
                rows.push(row);
            }
        }
    }
    Sheet {
        name: ax::ART30_SHEET.get(lang),
        columns: vec![
            (ax::MESSENGER.get(lang), 24.0),
            (ax::ART30_FIELD.get(lang), 40.0),
            (ax::REFERENCE.get(lang), 24.0),
            (ax::CONTENT.get(lang), 50.0),
            (ax::SOURCE.get(lang), 50.0),
            (ax::KEY.get(lang), 30.0),
            (tx::AS_OF.get(lang), 12.0),
            (ax::NOTE.get(lang), 30.0),
            (tx::OPEN.get(lang), 22.0),
        ],
        rows,
    }
}

fn workbook(sheets: &[Sheet<'_>], lang: Lang, zone: &Zone) -> Result<Vec<u8>, String> {
    let st = Styles::new(lang);
    let mut wb = Workbook::new();
    for s in sheets {
        add(&mut wb, s, &st, zone).map_err(|e| err(&e))?;
    }
    wb.save_to_buffer().map_err(|e| err(&e))
}

/// The workbook of one result: summary, findings, points to clarify, answers.
///
/// # Errors
/// When the writer fails (a date outside Excel's range, a bug): the message, in English.
pub fn report(r: &Report) -> Result<Vec<u8>, String> {
    let mut sheets = vec![
        summary_sheet(r),
        findings_sheet(r),
        plan_sheet(r),
        open_points_sheet(r),
        answers_sheet(r),
        art30_sheet(r),
    ];
    if !r.evidence.is_empty() {
        sheets.push(evidence_sheet(r));
    }
    workbook(&sheets, r.lang, &r.zone)
}

/// The workbook of an overview: one row per file, as the overview CSV, with the audit date as a date.
///
/// # Errors
/// As [`report`].
pub fn overview(o: &Overview) -> Result<Vec<u8>, String> {
    let lang = o.lang;
    let mut rows: Vec<Vec<Cell>> = o
        .audits
        .iter()
        .map(|a| {
            vec![
                text(&a.file),
                text(tx::VALID.get(lang)),
                text(&a.organisation),
                text(&a.unit),
                text(&a.audit_id),
                Cell::Date(a.audit_date),
                text(&a.completeness),
                Cell::Number(a.findings.high),
                Cell::Number(a.findings.medium),
                Cell::Number(a.findings.low),
                Cell::Number(a.findings.info),
                text(&a.dpia_verdict_label),
                text(a.messengers.join("; ")),
                text(&a.standing_label),
                text(a.superseded_by.clone().unwrap_or_default()),
                text(super::csv_report::trend_words(o, a)),
                text(super::csv_report::overdue_words(o, a)),
            ]
        })
        .collect();
    rows.extend(o.failed.iter().map(|f| {
        vec![
            text(&f.file),
            text(format!("{}: {}", tx::INVALID.get(lang), f.reason)),
        ]
    }));
    let sheet = Sheet {
        name: tx::AUDITS.get(lang),
        columns: vec![
            (tx::FILE.get(lang), 36.0),
            (tx::VERIFICATION_STATE.get(lang), 24.0),
            (tx::ORGANISATION.get(lang), 28.0),
            (tx::UNIT.get(lang), 20.0),
            (tx::AUDIT_ID.get(lang), 20.0),
            (tx::AUDIT_DATE.get(lang), 14.0),
            (tx::COMPLETENESS.get(lang), 36.0),
            (tx::severity(Severity::High, lang), 10.0),
            (tx::severity(Severity::Medium, lang), 10.0),
            (tx::severity(Severity::Low, lang), 10.0),
            (tx::severity(Severity::Info, lang), 10.0),
            (tx::DPIA_SHORT.get(lang), 24.0),
            (tx::MESSENGERS.get(lang), 30.0),
            (tx::STANDING.get(lang), 14.0),
            (tx::SUPERSEDED_BY.get(lang), 36.0),
            (tx::TREND.get(lang), 60.0),
            (tx::OVERDUE_MEASURES.get(lang), 60.0),
        ],
        rows,
    };
    workbook(&[sheet], lang, &o.zone)
}
