//! Text measured with the embedded fonts: advance widths from the fonts' own tables (the ttf-parser that
//! krilla's shaper uses), line breaking to a width, and cutting a line to fit with an ellipsis.

use rustybuzz::ttf_parser::Face;

/// The advance widths of the two embedded faces.
pub struct Metrics<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
}

impl<'a> Metrics<'a> {
    pub fn new(regular: &'a [u8], bold: &'a [u8]) -> Result<Self, String> {
        let parse = |d: &'a [u8]| Face::parse(d, 0).map_err(|e| format!("embedded font: {e}"));
        Ok(Metrics {
            regular: parse(regular)?,
            bold: parse(bold)?,
        })
    }

    fn face(&self, bold: bool) -> &Face<'a> {
        if bold { &self.bold } else { &self.regular }
    }

    /// Whether the faces have a glyph for `c` (both are the same family: the regular face decides).
    pub fn has(&self, c: char) -> bool {
        self.regular.glyph_index(c).is_some()
    }

    /// The width of `text` at `size` points (advance widths, no kerning: never narrower than drawn).
    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let face = self.face(bold);
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }
}

/// `text` broken into lines no wider than `width`: at spaces, a word wider than a line by character; a
/// newline always breaks, an empty line stays.
pub fn wrap(m: &Metrics<'_>, text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if m.width(&candidate, bold, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: split it where it overflows.
            for c in word.chars() {
                line.push(c);
                if m.width(&line, bold, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// `text` cut to `width` with an ellipsis (for the running header).
pub fn fit(m: &Metrics<'_>, text: &str, bold: bool, size: f32, width: f32) -> String {
    if m.width(text, bold, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if m.width(&format!("{out}…"), bold, size) > width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics<'static> {
        Metrics::new(super::super::REGULAR, super::super::BOLD).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn wrapping_keeps_every_word_and_stays_within_the_width() {
        let m = metrics();
        let text = "Die Ergebnisdatei ist unverändert und signiert von Erika Mustermann (Datenschutzbeauftragte) am 2. Juni 2025";
        let lines = wrap(&m, text, false, 9.5, 120.0);
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(m.width(l, false, 9.5) <= 120.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn an_overlong_word_is_split_and_newlines_break() {
        let m = metrics();
        let word = "x".repeat(200);
        let lines = wrap(&m, &format!("a\n\n{word}"), false, 9.5, 100.0);
        assert_eq!(lines[0], "a");
        assert_eq!(lines[1], "");
        assert!(lines.len() > 3);
        assert_eq!(lines[2..].concat(), word);
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let m = metrics();
        assert!(m.width("Befund", true, 10.0) > m.width("Befund", false, 10.0));
        assert!(m.width("", false, 10.0).abs() < f32::EPSILON);
        assert!(m.has('ä') && m.has('„') && m.has('€'));
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let m = metrics();
        let long = "Organisation mit einem sehr langen Namen ".repeat(5);
        let f = fit(&m, &long, false, 8.5, 150.0);
        assert!(f.ends_with('…'));
        assert!(m.width(&f, false, 8.5) <= 150.0);
        assert_eq!(fit(&m, "kurz", false, 8.5, 150.0), "kurz");
    }
}
