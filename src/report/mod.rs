//! Reports a DPO can hand on: one result file as Markdown, HTML, CSV, JSON, XLSX or PDF, and one overview
//! across many result files. Every report opens with the file's verification state; the data of a report is
//! derived once (`model`) and each format only renders it.

pub mod actions;
mod answers;
pub mod art30;
pub mod art30_texts;
pub mod audited;
pub mod csv_report;
pub mod diff;
pub mod dpia;
pub mod dpia_md;
pub mod evidence;
pub mod files;
pub mod history;
pub mod html;
pub mod markdown;
pub mod md_art30;
mod md_outcome;
mod md_plan;
pub mod model;
pub mod outcome;
pub mod pdf;
pub mod plan;
pub mod reading;
pub mod summary;
pub mod texts;
pub mod trend;
mod verification;
pub mod xlsx;

pub use files::{
    Options, ReportError, beside, build_file, build_verified, write_beside, write_formats_beside,
    write_output,
};
pub use model::{Report, build, build_with};
pub use summary::{Input, Overview};

/// The output formats of `msgaudit report` and `msgaudit summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Markdown (CommonMark/GFM tables; renders with pandoc and on git hosting sites).
    #[default]
    Md,
    /// One self-contained, printable HTML file.
    Html,
    /// CSV, UTF-8 with byte order mark.
    Csv,
    /// JSON (schema: docs/report-json.md).
    Json,
    /// Excel workbook (also LibreOffice): a sheet per part, real dates and numbers; needs -o FILE.
    Xlsx,
    /// PDF (A4, fonts embedded, verification state and page number on every page); needs -o FILE.
    Pdf,
}

impl Format {
    /// The format's name in the action "write the … report" (the same in both languages).
    pub fn name(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Html => "HTML",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Xlsx => "XLSX",
            Format::Pdf => "PDF",
        }
    }

    /// Whether the format is binary (not for a terminal: `msgaudit report` wants `-o FILE` for it).
    #[must_use]
    pub fn binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Pdf)
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, String> {
    let s = serde_json::to_string_pretty(v).map_err(|e| format!("cannot write JSON: {e}"))?;
    // DEL, C1, bidi and invisible characters as \uXXXX too, not only C0.
    let mut s = crate::text::escape_json(&s).into_owned();
    s.push('\n');
    Ok(s.into_bytes())
}

/// Render the report of one result; `findings` makes the CSV one row per finding instead of per answer.
pub fn render(r: &Report, format: Format, findings: bool) -> Result<Vec<u8>, String> {
    match format {
        Format::Md => Ok(markdown::report(r).into_bytes()),
        Format::Html => html::report(r).map(String::into_bytes),
        Format::Csv if findings => csv_report::findings(r),
        Format::Csv => csv_report::answers(r),
        Format::Json => json(r),
        Format::Xlsx => xlsx::report(r),
        Format::Pdf => pdf::report(r),
    }
}

/// Render the overview across results.
pub fn render_overview(o: &Overview, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Md => Ok(markdown::overview(o).into_bytes()),
        Format::Html => html::overview(o).map(String::into_bytes),
        Format::Csv => csv_report::overview(o),
        Format::Json => json(o),
        Format::Xlsx => xlsx::overview(o),
        Format::Pdf => pdf::overview(o),
    }
}
