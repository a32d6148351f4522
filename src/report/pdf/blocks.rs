//! The PDF's building blocks, between the report model and the page layout: headings, paragraphs, lists,
//! tables and tinted boxes, plus what the running header and footer say. `Clean` is the text hygiene every
//! text passes on its way in.

use super::layout::{BLACK, Color};

/// The whole document: its blocks and what the running header and footer say on every page.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: String,
    pub lang: String,
    /// A fixed document id (the PDF's /ID comes from it, not from the clock).
    pub id: String,
    /// Organisation and audit date.
    pub header: String,
    pub confidential: String,
    /// Whether the footer's state is good news (green) or not (red).
    pub verified: bool,
    /// The footer's verification state: „Prüfstatus: GÜLTIG“, „Prüfstatus: NICHT VERIFIZIERT“.
    pub state: String,
    /// Said in red at the top of every page: „NICHT VERIFIZIERT“ for a result that failed.
    pub banner: Option<String>,
    /// The completeness warning of an incomplete audit, on every page as the HTML prints it.
    pub incomplete: Option<String>,
    /// „Seite {0} von {1}“.
    pub page_of: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    Subtitle(String),
    Heading(String),
    Subheading(String),
    Para(String),
    Warning(String),
    Small(String),
    Items {
        numbered: bool,
        items: Vec<String>,
    },
    Table(Table),
    /// A tinted box, one paragraph per cell.
    Callout {
        tone: Tone,
        lines: Vec<Cell>,
    },
    PageBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Caution,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub bold: bool,
}

impl Cell {
    pub fn plain(text: String) -> Cell {
        Cell { text, bold: false }
    }
    pub fn bold(text: String) -> Cell {
        Cell { text, bold: true }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub fill: Option<Color>,
    pub color: Color,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Relative column widths.
    pub widths: Vec<f32>,
    pub header: Option<Vec<String>>,
    pub rows: Vec<Row>,
    /// Font size; 0 for the default table size.
    pub size: f32,
    /// Rules between rows.
    pub rules: bool,
}

impl Table {
    pub fn new(widths: &[f32], header: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table {
            widths: widths.to_vec(),
            header: Some(header.iter().map(|h| (*h).to_string()).collect()),
            rows: rows
                .into_iter()
                .map(|cells| Row {
                    cells,
                    fill: None,
                    color: BLACK,
                })
                .collect(),
            size: 0.0,
            rules: true,
        }
    }
}

/// Text hygiene for the PDF: controls and invisible characters out (a tab is a space, a newline stays a
/// line break), a character the font has no glyph for shown as `?`.
pub struct Clean<'a> {
    pub has: &'a dyn Fn(char) -> bool,
}

impl Clean<'_> {
    pub fn s(&self, s: &str) -> String {
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\u{2028}' | '\u{2029}' => Some('\n'),
                '\t' => Some(' '),
                c if crate::text::is_hostile(c) => None,
                c if (self.has)(c) => Some(c),
                _ => Some('?'),
            })
            .collect()
    }

    pub fn c(&self, s: &str) -> Cell {
        Cell::plain(self.s(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_controls_keeps_line_breaks_and_marks_missing_glyphs() {
        let m = super::super::measure::Metrics::new(super::super::REGULAR, super::super::BOLD)
            .unwrap_or_else(|e| panic!("{e}"));
        let has = |c: char| m.has(c);
        let k = Clean { has: &has };
        assert_eq!(
            k.s("a\u{1b}[31mb\u{7}\tc\u{202e}d\ne\u{2028}f\r"),
            "a[31mb cd\ne\nf"
        );
        assert_eq!(k.s("Prüfung „ok“ – € ✓"), "Prüfung „ok“ – € ?");
        assert_eq!(k.s("漢"), "?");
    }
}
