//! Blocks → A4 pages: lines broken by the fonts' measured advance widths, headings kept with what follows,
//! tables whose rows break across pages with the header row repeated, and the running header and footer
//! (organisation, date, confidentiality, verification state, „Seite n von m“) once the page count is known.

use super::blocks::{Block, Cell, Doc, Row, Table, Tone};
use super::measure::{Metrics, fit, wrap};

/// A4 in PDF points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const TOP: f32 = 78.0;
const BOTTOM: f32 = PAGE_H - 62.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const BODY: f32 = 9.5;
const TABLE: f32 = 8.5;
const SMALL: f32 = 8.0;
const LEADING: f32 = 1.3;
const PAD: f32 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

pub const BLACK: Color = Color(0x1a, 0x1a, 0x1a);
pub const GREY: Color = Color(0x55, 0x55, 0x55);
const RULE: Color = Color(0xc8, 0xc8, 0xc8);
const HEAD_FILL: Color = Color(0xe9, 0xec, 0xef);
pub const RED: Color = Color(0xa3, 0x3a, 0x2f);
const RED_FILL: Color = Color(0xfb, 0xec, 0xea);
const GREEN: Color = Color(0x1e, 0x6b, 0x3a);
const GREEN_FILL: Color = Color(0xe8, 0xf4, 0xec);
const AMBER: Color = Color(0x8a, 0x5a, 0x00);
const AMBER_FILL: Color = Color(0xfd, 0xf3, 0xdc);

/// What a page holds, in points from the top left corner; `y` of a text is its baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Color,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Color,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Color,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

struct Cursor<'m, 'a> {
    m: &'m Metrics<'a>,
    pages: Vec<Page>,
    y: f32,
}

impl Cursor<'_, '_> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Start a new page unless `h` more points fit on this one (or this one is still empty).
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, bold: bool, color: Color, text: String) {
        if !text.is_empty() {
            self.page().items.push(Item::Text {
                x,
                y: baseline,
                size,
                bold,
                color,
                text,
            });
        }
    }

    /// Wrapped lines at `x` within `width`, each line moved to the next page when it does not fit.
    fn lines(&mut self, x: f32, width: f32, text: &str, size: f32, bold: bool, color: Color) {
        let lh = size * LEADING;
        for line in wrap(self.m, text, bold, size, width) {
            self.ensure(lh);
            let baseline = self.y + size;
            self.text(x, baseline, size, bold, color, line);
            self.y += lh;
        }
    }

    fn heading(&mut self, text: &str, size: f32, before: f32) {
        let lh = size * LEADING;
        // Kept with the first lines of what follows.
        if self.y > TOP {
            self.y += before;
        }
        self.ensure(lh * wrap(self.m, text, true, size, CONTENT_W).len() as f32 + 4.0 * BODY);
        self.lines(MARGIN_X, CONTENT_W, text, size, true, BLACK);
        self.y += size * 0.35;
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Title(t) => {
                self.lines(MARGIN_X, CONTENT_W, t, 19.0, true, BLACK);
                self.y += 4.0;
            }
            Block::Subtitle(t) => {
                self.lines(MARGIN_X, CONTENT_W, t, 11.0, false, GREY);
                self.y += 10.0;
            }
            Block::Heading(t) => self.heading(t, 14.0, 14.0),
            Block::Subheading(t) => self.heading(t, 11.0, 8.0),
            Block::Para(t) => self.para(t, BODY, false, BLACK),
            Block::Warning(t) => self.para(t, BODY, true, RED),
            Block::Small(t) => self.para(t, SMALL, false, GREY),
            Block::Items { numbered, items } => {
                for (i, it) in items.iter().enumerate() {
                    let marker = if *numbered {
                        format!("{}.", i + 1)
                    } else {
                        "•".to_string()
                    };
                    let lh = BODY * LEADING;
                    self.ensure(lh);
                    let baseline = self.y + BODY;
                    self.text(MARGIN_X + 4.0, baseline, BODY, false, BLACK, marker);
                    self.lines(MARGIN_X + 20.0, CONTENT_W - 20.0, it, BODY, false, BLACK);
                    self.y += 1.5;
                }
                self.y += BODY * 0.6;
            }
            Block::Table(t) => self.table(t),
            Block::Callout { tone, lines } => {
                let (color, fill) = tone_colors(*tone);
                let rows: Vec<Row> = lines
                    .iter()
                    .map(|c| Row {
                        cells: vec![c.clone()],
                        fill: Some(fill),
                        color,
                    })
                    .collect();
                self.table(&Table {
                    widths: vec![1.0],
                    header: None,
                    rows,
                    size: BODY,
                    rules: false,
                });
            }
            Block::PageBreak => {
                if self.y > TOP {
                    self.new_page();
                }
            }
        }
    }

    fn para(&mut self, t: &str, size: f32, bold: bool, color: Color) {
        self.lines(MARGIN_X, CONTENT_W, t, size, bold, color);
        self.y += size * 0.6;
    }

    fn table(&mut self, t: &Table) {
        let size = if t.size > 0.0 { t.size } else { TABLE };
        let lh = size * LEADING;
        let total: f32 = t.widths.iter().sum();
        let widths: Vec<f32> = t
            .widths
            .iter()
            .map(|w| w / total.max(f32::EPSILON) * CONTENT_W)
            .collect();
        let header = t.header.as_ref().map(|h| Row {
            cells: h
                .iter()
                .map(|s| Cell {
                    text: s.clone(),
                    bold: true,
                })
                .collect(),
            fill: Some(HEAD_FILL),
            color: BLACK,
        });
        let header_h = header
            .as_ref()
            .map_or(0.0, |h| self.row_height(h, &widths, size));
        // The header never stands alone at the foot of a page.
        self.ensure(header_h + lh + 2.0 * PAD);
        if let Some(h) = &header {
            self.row(h, &widths, size, t.rules, None);
        }
        for r in &t.rows {
            self.row(r, &widths, size, t.rules, header.as_ref());
        }
        self.y += BODY * 0.8;
    }

    fn cell_lines(&self, r: &Row, widths: &[f32], size: f32) -> Vec<Vec<String>> {
        r.cells
            .iter()
            .zip(widths)
            .map(|(c, w)| wrap(self.m, &c.text, c.bold, size, w - 2.0 * PAD))
            .collect()
    }

    fn row_height(&self, r: &Row, widths: &[f32], size: f32) -> f32 {
        let n = self
            .cell_lines(r, widths, size)
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(1);
        n as f32 * size * LEADING + 2.0 * PAD
    }

    /// One row; a row taller than what is left of the page goes on on the next, under the repeated
    /// `header`.
    fn row(&mut self, r: &Row, widths: &[f32], size: f32, rules: bool, header: Option<&Row>) {
        let lh = size * LEADING;
        let cells = self.cell_lines(r, widths, size);
        let total = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut done = 0;
        while done < total {
            if self.y + lh + 2.0 * PAD > BOTTOM && self.y > TOP {
                self.new_page();
                if let Some(h) = header {
                    self.row(h, widths, size, rules, None);
                }
            }
            // At least one line; a page holds well under a thousand, so the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let fit = (((BOTTOM - self.y - 2.0 * PAD) / lh)
                .floor()
                .clamp(1.0, 1000.0)) as usize;
            let take = fit.min(total - done);
            let h = take as f32 * lh + 2.0 * PAD;
            let top = self.y;
            if let Some(fill) = r.fill {
                self.page().items.push(Item::Rect {
                    x: MARGIN_X,
                    y: top,
                    w: CONTENT_W,
                    h,
                    fill,
                });
            }
            let mut x = MARGIN_X;
            for ((lines, w), cell) in cells.iter().zip(widths).zip(&r.cells) {
                for (i, line) in lines.iter().skip(done).take(take).enumerate() {
                    let baseline = top + PAD + i as f32 * lh + size;
                    self.text(x + PAD, baseline, size, cell.bold, r.color, line.clone());
                }
                x += w;
            }
            if rules {
                self.rule(top + h);
            }
            self.y = top + h;
            done += take;
        }
    }

    fn rule(&mut self, y: f32) {
        self.page().items.push(Item::Line {
            x1: MARGIN_X,
            y1: y,
            x2: MARGIN_X + CONTENT_W,
            y2: y,
            color: RULE,
        });
    }
}

fn tone_colors(t: Tone) -> (Color, Color) {
    match t {
        Tone::Good => (GREEN, GREEN_FILL),
        Tone::Bad => (RED, RED_FILL),
        Tone::Caution => (AMBER, AMBER_FILL),
    }
}

/// Lay out `doc` on pages, then put the running header and footer on each.
pub fn pages(doc: &Doc, m: &Metrics<'_>) -> Vec<Page> {
    let mut c = Cursor {
        m,
        pages: vec![Page::default()],
        y: TOP,
    };
    for b in &doc.blocks {
        c.block(b);
    }
    let mut pages = c.pages;
    if pages.last().is_some_and(|p| p.items.is_empty()) && pages.len() > 1 {
        pages.pop();
    }
    let n = pages.len();
    for (i, p) in pages.iter_mut().enumerate() {
        running(p, doc, m, i + 1, n);
    }
    pages
}

/// Header: organisation and audit date left, confidentiality right, the failed verification in red below;
/// footer: the verification state left, the page number right.
fn running(p: &mut Page, doc: &Doc, m: &Metrics<'_>, page: usize, of: usize) {
    let size = 8.5;
    let right_w = m.width(&doc.confidential, true, size);
    let left = fit(m, &doc.header, false, size, CONTENT_W - right_w - 16.0);
    let mut items = vec![
        Item::Text {
            x: MARGIN_X,
            y: 36.0,
            size,
            bold: false,
            color: GREY,
            text: left,
        },
        Item::Text {
            x: MARGIN_X + CONTENT_W - right_w,
            y: 36.0,
            size,
            bold: true,
            color: GREY,
            text: doc.confidential.clone(),
        },
        Item::Line {
            x1: MARGIN_X,
            y1: 41.0,
            x2: MARGIN_X + CONTENT_W,
            y2: 41.0,
            color: RULE,
        },
    ];
    if let Some(banner) = &doc.banner {
        let banner = fit(m, banner, true, 10.0, CONTENT_W);
        let w = m.width(&banner, true, 10.0);
        items.push(Item::Text {
            x: MARGIN_X + (CONTENT_W - w) / 2.0,
            y: 56.0,
            size: 10.0,
            bold: true,
            color: RED,
            text: banner,
        });
    }
    if let Some(inc) = &doc.incomplete {
        items.push(Item::Text {
            x: MARGIN_X,
            y: 68.0,
            size: 8.0,
            bold: true,
            color: AMBER,
            text: fit(m, inc, true, 8.0, CONTENT_W),
        });
    }
    let footer_y = PAGE_H - 34.0;
    items.push(Item::Line {
        x1: MARGIN_X,
        y1: footer_y - 11.0,
        x2: MARGIN_X + CONTENT_W,
        y2: footer_y - 11.0,
        color: RULE,
    });
    let number = crate::i18n::fill(&doc.page_of, &[&page.to_string(), &of.to_string()]);
    let number_w = m.width(&number, false, size);
    items.push(Item::Text {
        x: MARGIN_X,
        y: footer_y,
        size,
        bold: true,
        color: if doc.verified { GREEN } else { RED },
        text: fit(m, &doc.state, true, size, CONTENT_W - number_w - 16.0),
    });
    items.push(Item::Text {
        x: MARGIN_X + CONTENT_W - number_w,
        y: footer_y,
        size,
        bold: false,
        color: GREY,
        text: number,
    });
    // The frame first: drawn under nothing, found first by text extraction.
    items.append(&mut p.items);
    p.items = items;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics<'static> {
        Metrics::new(super::super::REGULAR, super::super::BOLD).unwrap_or_else(|e| panic!("{e}"))
    }

    fn doc(blocks: Vec<Block>) -> Doc {
        Doc {
            title: "t".into(),
            lang: "de".into(),
            id: "id".into(),
            header: "Muster GmbH · 2. Juni 2025".into(),
            confidential: "Vertraulich".into(),
            verified: false,
            state: "Prüfstatus: NICHT VERIFIZIERT".into(),
            banner: Some("NICHT VERIFIZIERT".into()),
            incomplete: None,
            page_of: "Seite {0} von {1}".into(),
            blocks,
        }
    }

    fn texts(p: &Page) -> Vec<&str> {
        p.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_long_table_repeats_its_header_and_every_page_has_the_frame() {
        let m = metrics();
        let rows = (0..120)
            .map(|i| Row {
                cells: vec![
                    Cell::plain(format!("Frage {i}")),
                    Cell::plain("Antwort".to_string()),
                ],
                fill: None,
                color: BLACK,
            })
            .collect();
        let t = Table {
            widths: vec![2.0, 1.0],
            header: Some(vec!["Frage".into(), "Antwort".into()]),
            rows,
            size: 0.0,
            rules: true,
        };
        let pages = pages(&doc(vec![Block::Title("T".into()), Block::Table(t)]), &m);
        assert!(pages.len() >= 3, "{}", pages.len());
        let n = pages.len();
        for (i, p) in pages.iter().enumerate() {
            let t = texts(p);
            assert!(t.contains(&"Frage"), "header on page {}", i + 1);
            assert!(t.contains(&"NICHT VERIFIZIERT"));
            assert!(t.contains(&"Vertraulich"));
            assert!(t.contains(&format!("Seite {} von {n}", i + 1).as_str()));
            for item in &p.items {
                if let Item::Text { y, .. } = item {
                    assert!(*y < PAGE_H && *y > 0.0);
                }
            }
        }
        // Every row once, in order.
        let rows: Vec<&str> = pages
            .iter()
            .flat_map(texts)
            .filter(|t| t.starts_with("Frage "))
            .collect();
        assert_eq!(rows.len(), 120);
        assert_eq!(rows[119], "Frage 119");
    }

    #[test]
    fn a_row_taller_than_a_page_goes_on_on_the_next() {
        let m = metrics();
        let note = (0..150)
            .map(|i| format!("Zeile {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let t = Table {
            widths: vec![1.0, 1.0],
            header: Some(vec!["Frage".into(), "Notiz".into()]),
            rows: vec![Row {
                cells: vec![Cell::plain("q".into()), Cell::plain(note)],
                fill: None,
                color: BLACK,
            }],
            size: 0.0,
            rules: true,
        };
        let pages = pages(&doc(vec![Block::Table(t)]), &m);
        assert!(pages.len() >= 2);
        let all: Vec<&str> = pages.iter().flat_map(texts).collect();
        assert!(all.contains(&"Zeile 0") && all.contains(&"Zeile 149"));
        assert!(texts(&pages[1]).contains(&"Frage"));
    }

    #[test]
    fn a_valid_document_has_no_red_banner_and_a_page_break_starts_a_page() {
        let m = metrics();
        let mut d = doc(vec![
            Block::Para("eins".into()),
            Block::PageBreak,
            Block::Para("zwei".into()),
        ]);
        d.verified = true;
        d.state = "Prüfstatus: GÜLTIG".into();
        d.banner = None;
        let pages = pages(&d, &m);
        assert_eq!(pages.len(), 2);
        assert!(texts(&pages[1]).contains(&"zwei"));
        assert!(texts(&pages[0]).contains(&"Prüfstatus: GÜLTIG"));
        assert!(!texts(&pages[0]).iter().any(|t| t.contains("NICHT")));
    }
}
