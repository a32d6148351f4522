//! Compiler-style diagnostics for checklist files, rendered with `annotate-snippets` as cargo does:
//! `path:line:col: error: message`, the offending source line with a caret, notes. Positions come from byte
//! spans; whatever comes from a file or its path is shown with control, bidi and invisible characters escaped.
//! Every message is held in German and English (checklist authors and DPOs read them under `--lang de`).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::i18n::{Lang, T, Text};
use crate::text::escape_visible;

/// The longest source line an excerpt shows; longer lines are cut around the caret.
const MAX_EXCERPT_CHARS: usize = 160;

/// One problem in one file, located by line and column (both 1-based; the column counts characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The message in English (logs, tests, `Display`); [`Diagnostic::message_in`] says it in either language.
    pub message: String,
    /// The same message in German.
    pub message_de: String,
    pub excerpt: Option<Excerpt>,
    /// Further lines printed after the excerpt (e.g. the expected/actual difference of a failed example).
    pub notes: Vec<Text>,
    /// A problem with the file as a whole (its words are `message` and `message_de`).
    pub problem: Option<FileProblem>,
}

/// What can be wrong with a file as a whole (before its content is looked at), named so that it can be
/// said in German and English: these are the diagnostics a DPO meets, not only checklist authors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// `check PATH`: neither a file nor a folder is there.
    NoSuchPath,
    /// A file to read is not there.
    NotFound,
    /// A folder was given where a file is read.
    Folder,
    /// A pipe, a device or another special file: reading it could hang or never end.
    NotRegular,
    /// Larger than msgaudit reads; the size when the metadata tells it.
    TooLarge { bytes: Option<u64>, limit: u64 },
    /// Not UTF-8 text (the diagnostic points at the first bad byte).
    NotUtf8,
    /// Any other I/O error while reading the file.
    Io(std::io::ErrorKind),
    /// `check DIR`: the folder holds no `*.toml` file.
    NoChecklists,
    /// `check DIR`: the folder cannot be listed.
    CannotList(std::io::ErrorKind),
    /// An examples file was named whose checklist is not beside it.
    ExamplesWithoutChecklist { checklist: PathBuf },
}

impl FileProblem {
    /// The problem in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mb = |b: u64| format!("{:.1} MB", b as f64 / 1_048_576.0);
        match self {
            FileProblem::NoSuchPath => T::new(
                "weder eine Datei noch ein Ordner ist dort",
                "no such file or folder",
            )
            .get(lang)
            .into(),
            FileProblem::NotFound => T::new("die Datei ist nicht vorhanden", "no such file")
                .get(lang)
                .into(),
            FileProblem::Folder => T::new(
                "das ist ein Ordner, keine Datei",
                "this is a folder, not a file",
            )
            .get(lang)
            .into(),
            FileProblem::NotRegular => T::new(
                "das ist keine gewöhnliche Datei (eine Pipe oder ein Gerät); nennen Sie den Pfad einer Datei",
                "this is not a regular file (a pipe or a device); give the path of a file",
            )
            .get(lang)
            .into(),
            FileProblem::TooLarge { bytes, limit } => {
                let size = match bytes {
                    Some(b) if b > limit => mb(*b),
                    _ => T::new("mehr als {0} MB", "more than {0} MB")
                        .fill(lang, &[&(limit / 1_048_576).to_string()]),
                };
                T::new(
                    "die Datei hat {0}; msgaudit liest Dateien bis {1} MB",
                    "the file is {0}; msgaudit reads files of at most {1} MB",
                )
                .fill(lang, &[&size, &(limit / 1_048_576).to_string()])
            }
            FileProblem::NotUtf8 => T::new(
                "die Datei ist kein gültiger UTF-8-Text",
                "the file is not valid UTF-8 text",
            )
            .get(lang)
            .into(),
            FileProblem::Io(kind) => T::new(
                "die Datei kann nicht gelesen werden: {0}",
                "cannot read the file: {0}",
            )
            .fill(lang, &[crate::i18n::io::kind(*kind).get(lang)]),
            FileProblem::NoChecklists => T::new(
                "dieser Ordner enthält keine Checklisten-Dateien (*.toml)",
                "this folder holds no checklist (*.toml) files",
            )
            .get(lang)
            .into(),
            FileProblem::CannotList(kind) => T::new(
                "der Ordner kann nicht gelesen werden: {0}",
                "cannot list the folder: {0}",
            )
            .fill(lang, &[crate::i18n::io::kind(*kind).get(lang)]),
            FileProblem::ExamplesWithoutChecklist { checklist } => T::new(
                "eine Beispieldatei braucht ihre Checkliste {0} daneben",
                "an examples file needs its checklist {0} beside it",
            )
            .fill(lang, &[&checklist.display().to_string()]),
        }
    }
}

/// The source line of a diagnostic, already made safe to print, and where the caret goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub caret_start: usize,
    pub caret_len: usize,
}

impl Diagnostic {
    /// A diagnostic for `span` (byte offsets) in `source`.
    pub fn at(path: &Path, source: &str, span: Range<usize>, message: impl Into<Text>) -> Self {
        let message = message.into();
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let caret_len = source[start..end.min(line_end)].chars().count().max(1);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: message.en,
            message_de: message.de,
            excerpt: Some(Excerpt::new(line_text, column - 1, caret_len)),
            notes: Vec::new(),
            problem: None,
        }
    }

    /// A diagnostic about a whole file (unreadable, too large, not UTF-8 before any line could be shown).
    pub fn file(path: &Path, message: impl Into<Text>) -> Self {
        let message = message.into();
        Diagnostic {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: message.en,
            message_de: message.de,
            excerpt: None,
            notes: Vec::new(),
            problem: None,
        }
    }

    /// A diagnostic about a whole file whose problem can be said in either language.
    pub fn problem(path: &Path, problem: FileProblem) -> Self {
        Diagnostic::file(path, Text::default()).with_problem(problem)
    }

    /// This diagnostic, its message being `problem` (said in either language).
    #[must_use]
    pub fn with_problem(mut self, problem: FileProblem) -> Self {
        self.message = problem.text(Lang::En);
        self.message_de = problem.text(Lang::De);
        self.problem = Some(problem);
        self
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.message_de,
            Lang::En => &self.message,
        }
    }

    /// The diagnostic on one line (`path:line:col: error: message`), in `lang`: for a list of checklists.
    pub fn headline(&self, lang: Lang) -> String {
        self.render(lang).lines().next().unwrap_or("").to_string()
    }

    /// The message in both languages.
    pub fn text(&self) -> Text {
        Text::new(self.message_de.clone(), self.message.clone())
    }

    /// The whole diagnostic as the terminal shows it, with the level word in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let level = match lang {
            Lang::De => Level::ERROR.with_name("Fehler"),
            Lang::En => Level::ERROR,
        };
        let message = escape_visible(self.message_in(lang)).into_owned();
        let notes: Vec<String> = self
            .notes
            .iter()
            .map(|n| escape_visible(n.get(lang)).into_owned())
            .collect();
        let mut group = Group::with_title(level.primary_title(message.as_str()));
        if let Some(ex) = &self.excerpt {
            // The excerpt is already escaped and cut; annotate-snippets spans are byte ranges into it.
            let byte = |chars: usize| {
                ex.text
                    .char_indices()
                    .nth(chars)
                    .map_or(ex.text.len(), |(i, _)| i)
            };
            let span = byte(ex.caret_start)..byte(ex.caret_start + ex.caret_len);
            group = group.element(
                Snippet::source(ex.text.as_str())
                    .line_start(self.line)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        for n in &notes {
            group = group.element(Level::NOTE.no_name().message(n.as_str()));
        }
        let report: &[Group<'_>] = &[group];
        // The excerpt is cut to MAX_EXCERPT_CHARS already: the renderer must not cut it again.
        let body = Renderer::plain().term_width(usize::MAX / 4).render(report);
        format!(
            "{}:{}:{}: {body}",
            escape_visible(&self.path.display().to_string()),
            self.line,
            self.column
        )
    }
}

impl Excerpt {
    fn new(line: &str, caret_start: usize, caret_len: usize) -> Self {
        let chars: Vec<char> = line.chars().collect();
        let (from, to) = if chars.len() <= MAX_EXCERPT_CHARS {
            (0, chars.len())
        } else {
            let from = caret_start.saturating_sub(MAX_EXCERPT_CHARS / 2);
            (from, (from + MAX_EXCERPT_CHARS).min(chars.len()))
        };
        let caret_start = caret_start.saturating_sub(from).min(to - from);
        let caret_len = caret_len
            .min((to - from).saturating_sub(caret_start))
            .max(1);
        // Never print control characters from a file to the terminal: they could move the cursor
        // or worse. They are shown escaped (`\u{1b}`), and the caret moves with the longer text.
        let mut text = String::new();
        let (mut shown_start, mut shown_len) = (0, 0);
        for (i, &c) in chars[from..to].iter().enumerate() {
            let before = text.chars().count();
            if c == '\t' {
                text.push(' ');
            } else {
                crate::text::push_visible(&mut text, c);
            }
            let width = text.chars().count() - before;
            if i < caret_start {
                shown_start += width;
            } else if i < caret_start + caret_len {
                shown_len += width;
            }
        }
        Excerpt {
            text,
            caret_start: shown_start,
            caret_len: shown_len.max(1),
        }
    }
}

/// The diagnostic in English (logs, tests); the CLI prints `render(lang)`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message for the tests of the layout, the same in both languages.
    fn en(s: &str) -> Text {
        Text::new(s, s)
    }

    #[test]
    fn locates_line_and_column_in_characters() {
        let src = "a = 1\nbeschreibung = \"Ä\" bad\n";
        let at = src.find("bad").unwrap_or(0);
        let d = Diagnostic::at(Path::new("x.toml"), src, at..at + 3, en("oops"));
        assert_eq!((d.line, d.column), (2, 20));
        assert_eq!(
            d.to_string(),
            "x.toml:2:20: error: oops\n  |\n2 | beschreibung = \"Ä\" bad\n  |                    ^^^"
        );
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let src = "x = \"\u{1b}[2J\"";
        let d = Diagnostic::at(Path::new("x\u{202e}.toml"), src, 4..5, en("bad\u{7}"));
        for shown in [d.to_string(), d.render(Lang::De)] {
            assert!(
                !shown.contains(['\u{1b}', '\u{202e}', '\u{7}']),
                "{shown:?}"
            );
            assert!(shown.contains("\\u{1b}[2J"), "{shown:?}");
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let src = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let d = Diagnostic::at(Path::new("x.toml"), &src, 1000..1001, en("here"));
        let ex = d.excerpt.unwrap_or_else(|| panic!("excerpt"));
        assert!(ex.text.chars().count() <= MAX_EXCERPT_CHARS);
        assert_eq!(ex.text.chars().nth(ex.caret_start), Some('X'));
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let d = Diagnostic::at(Path::new("x.toml"), "abc", 10..20, en("end"));
        assert_eq!((d.line, d.column), (1, 4));
    }

    #[test]
    fn german_names_the_level_and_the_file_problem_in_german() {
        let d = Diagnostic::problem(Path::new("a.toml"), FileProblem::NotFound);
        assert_eq!(d.to_string(), "a.toml:1:1: error: no such file");
        assert_eq!(
            d.render(Lang::De),
            "a.toml:1:1: Fehler: die Datei ist nicht vorhanden"
        );
        // A checklist author's message is said in German too.
        let d = Diagnostic::at(
            Path::new("x.toml"),
            "kind = 1",
            7..8,
            Text::new("falsche Art", "wrong kind"),
        );
        assert!(
            d.render(Lang::De)
                .starts_with("x.toml:1:8: Fehler: falsche Art\n")
        );
        assert!(d.to_string().starts_with("x.toml:1:8: error: wrong kind\n"));
    }

    #[test]
    fn notes_follow_the_excerpt_under_the_gutter() {
        let mut d = Diagnostic::at(Path::new("x.toml"), "a = 1\nb = 2", 6..7, en("here"));
        d.notes = vec![
            Text::new("erwartet: x", "expected: x"),
            Text::new("tatsächlich: \u{1b}y", "actual: \u{1b}y"),
        ];
        assert_eq!(
            d.to_string(),
            "x.toml:2:1: error: here\n  |\n2 | b = 2\n  | ^\n  |\n  = expected: x\n  = actual: \\u{1b}y"
        );
    }

    #[test]
    fn the_renderer_does_not_cut_the_excerpt_again() {
        let src = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let d = Diagnostic::at(Path::new("x.toml"), &src, 1000..1001, en("here"));
        let ex = d.excerpt.clone().unwrap_or_else(|| panic!("excerpt"));
        assert!(d.to_string().contains(&ex.text), "{d}");
    }
}
