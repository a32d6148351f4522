//! Laid-out pages → PDF bytes with krilla: the two Liberation Sans faces embedded as subsets, text shaped by
//! krilla's rustybuzz, no date from the clock and a document id from the report, so the same report gives
//! the same bytes.

use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document};

use super::blocks::Doc;
use super::layout::{Color, Item, PAGE_H, PAGE_W, Page};

fn font(bytes: &'static [u8]) -> Result<Font, String> {
    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(bytes);
    Font::new(Data::from(data), 0).ok_or_else(|| "cannot read the embedded font".to_string())
}

fn paint(c: Color) -> krilla::paint::Paint {
    rgb::Color::new(c.0, c.1, c.2).into()
}

/// The PDF of `pages`.
pub fn pdf(doc: &Doc, pages: &[Page]) -> Result<Vec<u8>, String> {
    let regular = font(super::REGULAR)?;
    let bold = font(super::BOLD)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.clone())
            .creator(format!("msgaudit {}", env!("CARGO_PKG_VERSION")))
            .document_id(doc.id.clone()),
    );
    let settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| "invalid page size".to_string())?;
    for p in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in &p.items {
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    color,
                    text,
                } => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill {
                        paint: paint(*color),
                        ..Fill::default()
                    }));
                    let f = if *b { bold.clone() } else { regular.clone() };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        f,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Item::Rect { x, y, w, h, fill } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill {
                            paint: paint(*fill),
                            ..Fill::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    color,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: paint(*color),
                            width: 0.6,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("cannot write the PDF: {e:?}"))
}
