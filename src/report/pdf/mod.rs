//! PDF reports (`--format pdf`), offline and without an external program: the report model becomes blocks
//! (content, overview, history), blocks become A4 pages with a running header and footer (layout, measure),
//! and krilla writes the pages with Liberation Sans embedded (render). docs/pdf.md says what is in it.

mod art30;
mod blocks;
mod content;
mod dpia;
mod history;
mod layout;
mod measure;
mod overview;
mod plan;
mod render;

use super::model::Report;
use super::summary::Overview;
use blocks::{Clean, Doc};

/// Liberation Sans 2.1.5 (SIL Open Font License 1.1, assets/fonts/OFL.txt).
pub(crate) const REGULAR: &[u8] =
    include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

fn render(make: impl FnOnce(&Clean<'_>) -> Doc) -> Result<Vec<u8>, String> {
    let m = measure::Metrics::new(REGULAR, BOLD)?;
    let has = |c: char| m.has(c);
    let doc = make(&Clean { has: &has });
    let pages = layout::pages(&doc, &m);
    render::pdf(&doc, &pages)
}

/// The PDF report of one result.
pub fn report(r: &Report) -> Result<Vec<u8>, String> {
    render(|k| content::report(r, k))
}

/// The PDF overview across results.
pub fn overview(o: &Overview) -> Result<Vec<u8>, String> {
    render(|k| overview::overview(o, k))
}

/// The DPIA draft as PDF (`--dpia --format pdf`), with the report's running header, footer and
/// verification state.
pub fn dpia(d: &super::dpia::DpiaDraft) -> Result<Vec<u8>, String> {
    render(|k| dpia::draft(d, k))
}
