//! Section-wise parsing of a checklist file: the text is cut before every line that starts with
//! `[[section]]` and each piece is parsed on its own, so the TOML parser's tokens, events and table tree
//! exist for one section at a time, not for the whole file. At the first sign of trouble the caller parses
//! the whole file instead: every diagnostic comes from that whole-file parse, byte for byte as before.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{RawFile, section_entry};

use super::super::files::{Sources, element};
use super::super::raw::{
    RawEntry, RawFinding, RawHead, RawInclude, RawOption, RawQuestion, RawQuestionEntry,
    RawSection, RawSectionHead, RawText, Word,
};

/// Where the pieces start: every line that begins with `[[section]]` followed by the end of the line,
/// blanks or a comment. A line that only looks so (inside a multi-line string or array) leaves the
/// piece before it unterminated: that piece fails to parse, and the whole file is parsed instead.
pub(super) fn cuts(text: &str) -> Vec<usize> {
    const HEADER: &str = "[[section]]";
    let bytes = text.as_bytes();
    text.match_indices(HEADER)
        .map(|(at, _)| at)
        .filter(|&at| at == 0 || bytes[at - 1] == b'\n')
        .filter(|&at| {
            matches!(
                bytes.get(at + HEADER.len()),
                None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'#')
            )
        })
        .collect()
}

/// The file parsed piece by piece, or `None` where that could differ from the whole-file parse in any
/// way: no `[[section]]` line, a piece that does not parse, a piece that defines anything besides its
/// sections (a table after the sections belongs to the whole document), or any element that does not
/// read. Then the caller parses the whole file, and reports from there.
pub(super) fn parse(sources: &Sources, file: usize) -> Option<RawFile> {
    let threads = if sources.text(file).len() < PARALLEL_FROM_BYTES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    };
    parse_on(sources, file, threads.min(MAX_THREADS))
}

/// [`parse`] with the pieces shared out over up to `threads` threads (the result does not depend on it).
pub(super) fn parse_on(sources: &Sources, file: usize, threads: usize) -> Option<RawFile> {
    let text = sources.text(file);
    let cuts = cuts(text);
    let first = *cuts.first()?;
    let mut diags = Vec::new();
    let (doc, errors) = DeTable::parse_recoverable(&text[..first]);
    if !errors.is_empty() || doc.get_ref().contains_key("section") {
        return None;
    }
    let span = doc.span();
    let head = element::<RawHead>(
        sources,
        file,
        Spanned::new(span, DeValue::Table(doc.into_inner())),
        &mut diags,
    );
    if !diags.is_empty() {
        return None;
    }
    let pieces: Vec<Range<usize>> = cuts
        .iter()
        .enumerate()
        .map(|(i, &start)| start..cuts.get(i + 1).copied().unwrap_or(text.len()))
        .collect();
    let entries = parse_pieces(sources, file, &pieces, threads)?;
    Some(RawFile {
        head,
        entries,
        ..RawFile::default()
    })
}

/// Files from this size on are parsed on more than one thread (the pieces are independent). Below it the
/// threads would cost more than they save: the shipped checklists are a tenth of it.
const PARALLEL_FROM_BYTES: usize = 512 * 1024;

/// At most this many threads: beyond it the validation, which follows on one thread, dominates.
const MAX_THREADS: usize = 4;

/// The sections of every piece, in file order; `None` if any piece needs the whole-file parse.
fn parse_pieces(
    sources: &Sources,
    file: usize,
    pieces: &[Range<usize>],
    threads: usize,
) -> Option<Vec<RawEntry>> {
    let threads = threads.min(pieces.len());
    if threads <= 1 {
        return parse_run(sources, file, pieces);
    }
    // Contiguous runs of about equal length, so that joining them in order keeps the file's order.
    let mut runs = pieces.chunks(pieces.len().div_ceil(threads));
    let first = runs.next().unwrap_or_default();
    let runs: Vec<Option<Vec<RawEntry>>> = std::thread::scope(|scope| {
        let others: Vec<_> = runs
            .map(|run| scope.spawn(move || parse_run(sources, file, run)))
            .collect();
        let mut all = vec![parse_run(sources, file, first)];
        // A panic in a worker is a bug: it goes on as one here, as it would have without threads.
        all.extend(others.into_iter().map(|other| {
            other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        all
    });
    let runs: Vec<Vec<RawEntry>> = runs.into_iter().collect::<Option<_>>()?;
    Some(runs.into_iter().flatten().collect())
}

/// The sections of consecutive pieces, or `None` at the first piece that needs the whole-file parse.
fn parse_run(sources: &Sources, file: usize, pieces: &[Range<usize>]) -> Option<Vec<RawEntry>> {
    let text = sources.text(file);
    let mut diags = Vec::new();
    let mut out = Vec::new();
    for piece in pieces {
        let (doc, errors) = DeTable::parse_recoverable(&text[piece.clone()]);
        if !errors.is_empty() {
            return None;
        }
        let mut root = doc.into_inner();
        let sections = root.remove("section")?;
        if !root.is_empty() {
            return None;
        }
        let DeValue::Array(items) = sections.into_inner() else {
            return None;
        };
        let mut raw = RawFile::default();
        for s in items {
            section_entry(s, sources, file, &mut diags, &mut raw);
        }
        if !diags.is_empty() || !raw.broken_sections.is_empty() {
            return None;
        }
        // The piece's spans count from its own start; the model's count from the file's.
        out.extend(raw.entries.into_iter().map(|e| e.shifted(piece.start)));
    }
    Some(out)
}

/// Moving every byte span of a raw element by the offset of the piece it was parsed from. Each impl
/// takes its value apart field by field, so a field added to a raw type does not compile until it is
/// listed here.
pub(super) trait Shift {
    #[must_use]
    fn shifted(self, by: usize) -> Self;
}

fn range(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

impl<T: Shift> Shift for Spanned<T> {
    fn shifted(self, by: usize) -> Self {
        let span = range(self.span(), by);
        Spanned::new(span, self.into_inner().shifted(by))
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shifted(self, by: usize) -> Self {
        self.map(|v| v.shifted(by))
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shifted(self, by: usize) -> Self {
        self.into_iter().map(|v| v.shifted(by)).collect()
    }
}

impl<A: Shift, B: Shift> Shift for (A, B) {
    fn shifted(self, by: usize) -> Self {
        (self.0.shifted(by), self.1.shifted(by))
    }
}

/// Values without a span of their own (the span is on the `Spanned` around them).
macro_rules! unspanned {
    ($($t:ty),*) => {$(
        impl Shift for $t {
            fn shifted(self, _: usize) -> Self {
                self
            }
        }
    )*};
}
unspanned!(String, Word, f64, bool);

impl Shift for RawText {
    fn shifted(self, by: usize) -> Self {
        match self {
            RawText::Plain(s) => RawText::Plain(s),
            RawText::Langs(pairs) => RawText::Langs(pairs.shifted(by)),
        }
    }
}

impl Shift for RawSectionHead {
    fn shifted(self, by: usize) -> Self {
        let RawSectionHead {
            id,
            title,
            intro,
            when,
            for_each,
        } = self;
        RawSectionHead {
            id: id.shifted(by),
            title: title.shifted(by),
            intro: intro.shifted(by),
            when: when.shifted(by),
            for_each: for_each.shifted(by),
        }
    }
}

impl Shift for RawInclude {
    fn shifted(self, by: usize) -> Self {
        let RawInclude {
            include,
            section,
            for_each,
            when,
        } = self;
        RawInclude {
            include: include.shifted(by),
            section: section.shifted(by),
            for_each: for_each.shifted(by),
            when: when.shifted(by),
        }
    }
}

impl Shift for RawOption {
    fn shifted(self, by: usize) -> Self {
        let RawOption { id, label, other } = self;
        RawOption {
            id: id.shifted(by),
            label: label.shifted(by),
            other,
        }
    }
}

impl Shift for RawQuestion {
    fn shifted(self, by: usize) -> Self {
        let RawQuestion {
            id,
            kind,
            text,
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
        } = self;
        RawQuestion {
            id: id.shifted(by),
            kind: kind.shifted(by),
            text: text.shifted(by),
            help: help.shifted(by),
            refs: refs.shifted(by),
            options: options.shifted(by),
            required,
            unknown,
            not_applicable,
            when: when.shifted(by),
            min: min.shifted(by),
            max: max.shifted(by),
            prefill: prefill.shifted(by),
            art30: art30.shifted(by),
        }
    }
}

impl Shift for RawFinding {
    fn shifted(self, by: usize) -> Self {
        let RawFinding {
            id,
            when,
            severity,
            title,
            measure,
            refs,
            dpia_criterion,
            covers,
        } = self;
        RawFinding {
            id: id.shifted(by),
            when: when.shifted(by),
            severity: severity.shifted(by),
            title: title.shifted(by),
            measure: measure.shifted(by),
            refs: refs.shifted(by),
            dpia_criterion: dpia_criterion.shifted(by),
            covers: covers.shifted(by),
        }
    }
}

impl Shift for RawQuestionEntry {
    fn shifted(self, by: usize) -> Self {
        let RawQuestionEntry { q, findings } = self;
        RawQuestionEntry {
            q: q.shifted(by),
            findings: findings.shifted(by),
        }
    }
}

impl Shift for RawSection {
    fn shifted(self, by: usize) -> Self {
        let RawSection {
            file,
            head,
            questions,
            findings,
            span,
            file_of_span,
            for_each_override,
            when_override,
            incomplete,
        } = self;
        // The overrides' file indices are not spans: only the spans in them move.
        let moved = |o: Option<(usize, Spanned<String>)>| o.map(|(f, s)| (f, s.shifted(by)));
        RawSection {
            file,
            head: head.shifted(by),
            questions: questions.shifted(by),
            findings: findings.shifted(by),
            span: range(span, by),
            file_of_span,
            for_each_override: moved(for_each_override),
            when_override: moved(when_override),
            incomplete,
        }
    }
}

impl Shift for RawEntry {
    fn shifted(self, by: usize) -> Self {
        match self {
            RawEntry::Own(s) => RawEntry::Own(Box::new(s.shifted(by))),
            RawEntry::Include(inc, span) => RawEntry::Include(inc.shifted(by), range(span, by)),
        }
    }
}

#[cfg(test)]
#[path = "sectionwise_tests.rs"]
mod tests;
