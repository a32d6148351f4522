//! Turning the raw, spanned model into a validated `Checklist`: ids, kinds, options, languages, conditions
//! (resolved and type-checked), repeats and findings. Collects every problem instead of stopping at the first.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use super::crossref;
use super::expr::RefName;
use super::files::Files;
use super::ids::id_problem;
use super::knowledge;
use super::model::{Checklist, Kind, Prefill, QRef, Section};
use super::raw::{RawHead, RawSection};
use crate::i18n::{T, Text as Msg};

mod cond;
mod findings;
mod prefill;
mod question;
mod texts;
mod types;

/// Where a condition stands, for the forward-reference rule.
#[derive(Clone, Copy)]
enum Place {
    /// A section's `when`/`for_each`: may refer to questions of earlier sections.
    Section(usize),
    /// A question's `when`: earlier questions.
    Question(usize, usize),
    /// A question's finding: that question or earlier ones.
    QuestionFinding(usize, usize),
    /// A section's finding: any question of that section or earlier ones.
    SectionFinding(usize),
    /// A question's `prefill`: earlier questions, also inside a repeated section.
    Prefill(usize, usize),
}

struct Ctx<'a> {
    files: &'a mut Files,
    /// Sections that could not be read at all: conditions naming them are not reported again.
    broken_sections: &'a [String],
    /// Shared so that every text's language tag is a reference count, not an allocation.
    languages: Vec<Arc<str>>,
    /// Section id → index, for sections validated so far.
    section_ids: HashMap<String, usize>,
    /// Per section: question id → index.
    question_ids: Vec<HashMap<String, usize>>,
    /// Per section: kinds and option ids of its questions (for type checks).
    questions: Vec<Vec<(Option<Kind>, Vec<String>)>>,
    /// Per section: whether it repeats.
    repeated: Vec<bool>,
    /// Per section: whether some of its questions could not be read.
    incomplete: Vec<bool>,
    /// While validating a repeated section: the option ids it repeats for (what `item` may be).
    item_options: Option<Vec<String>>,
    /// Every section id of the checklist, to tell "comes later" from "does not exist".
    later_sections: HashSet<String>,
    /// Per section: every question id, for the same purpose.
    later_questions: Vec<HashSet<String>>,
    finding_ids: HashSet<String>,
    /// Every `covers` list, checked once all finding ids are known.
    covers: Vec<crossref::Covers>,
    /// Every `dpia()` operand: file, span, section. Checked against `last_criterion` at the end.
    dpia_uses: Vec<(usize, Range<usize>, usize)>,
    /// The last section with a finding that carries a `dpia_criterion`, and its id (for the message
    /// about `dpia()` before it: the raw section is consumed by then).
    last_criterion: Option<usize>,
    last_criterion_id: Option<String>,
    /// Per validated choice question with an `other = true` option: that option's id.
    other_option: HashMap<QRef, String>,
    prefills: Vec<Prefill>,
}

impl Ctx<'_> {
    fn err(&mut self, file: usize, span: Range<usize>, msg: impl Into<Msg>) {
        let d = self.files.sources.diag(file, span, msg);
        self.files.diags.push(d);
    }

    fn check_id(&mut self, file: usize, id: &Spanned<String>) {
        if let Some(p) = id_problem(id.get_ref()) {
            self.err(file, id.span(), p);
        }
    }

    fn section(&mut self, si: usize, s: RawSection) -> Option<Section> {
        let file = s.file;
        let RawSection {
            file: _,
            head,
            questions: raw_questions,
            findings: raw_findings,
            span,
            file_of_span,
            for_each_override,
            when_override,
            incomplete,
        } = s;
        let id = &head.id;
        self.check_id(file, id);
        let title = self.text(
            file,
            head.title,
            T::new("der Titel des Abschnitts", "the section's title"),
        );
        let intro = head.intro.map(|t| {
            self.text(
                file,
                t,
                T::new("die Einleitung des Abschnitts", "the section's intro"),
            )
        });
        let (ffile, fe_src) = match &for_each_override {
            Some((f, w)) => (*f, Some(w)),
            None => (file, head.for_each.as_ref()),
        };
        let for_each = fe_src.map(|fe| self.for_each(ffile, fe, si));
        // `item` in this section's conditions names one of the options it repeats for.
        self.item_options = match for_each {
            Some(Some(q)) => Some(self.questions[q.section][q.question].1.clone()),
            // A broken `for_each` was reported; `item` then stays quiet instead of adding errors.
            Some(None) => Some(Vec::new()),
            None => None,
        };
        let (wfile, when_src) = match &when_override {
            Some((f, w)) => (*f, Some(w)),
            None => (file, head.when.as_ref()),
        };
        let when = when_src.map(|w| self.condition(wfile, w, Place::Section(si), si));
        if self.section_ids.contains_key(id.get_ref()) {
            self.err(
                file_of_span,
                if file_of_span == file {
                    id.span()
                } else {
                    span.clone()
                },
                T::new(
                    "einen Abschnitt `{0}` gibt es schon; die Ids der Abschnitte sind eindeutig",
                    "a section `{0}` exists already; section ids are unique",
                )
                .both(&[id.get_ref()]),
            );
        } else {
            self.section_ids.insert(id.get_ref().clone(), si);
        }
        self.repeated.push(fe_src.is_some());
        self.incomplete.push(incomplete);
        self.question_ids.push(HashMap::new());
        self.questions.push(Vec::new());
        if raw_questions.is_empty() {
            self.err(
                file_of_span,
                span.start..span.start,
                T::new(
                    "der Abschnitt `{0}` hat keine Fragen",
                    "the section `{0}` has no questions",
                )
                .both(&[id.get_ref()]),
            );
        }
        // Sized up front: the model keeps these vectors, and growing them by doubling wastes up to half.
        let mut questions = Vec::with_capacity(raw_questions.len());
        let mut ok = true;
        for (qi, q) in raw_questions.into_iter().enumerate() {
            self.check_id(file, &q.q.id);
            if self.question_ids[si].contains_key(q.q.id.get_ref()) {
                self.err(
                    file,
                    q.q.id.span(),
                    T::new(
                        "der Abschnitt hat schon eine Frage `{0}`",
                        "the section already has a question `{0}`",
                    )
                    .both(&[q.q.id.get_ref()]),
                );
                ok = false;
                continue;
            }
            match self.question(file, si, qi, q) {
                Some(q) => questions.push(q),
                None => ok = false,
            }
        }
        let findings: Vec<_> = raw_findings
            .into_iter()
            .map(|f| self.finding(file, f, Place::SectionFinding(si), si))
            .collect();
        if self.last_criterion == Some(si) {
            self.last_criterion_id = Some(head.id.get_ref().clone());
        }
        let findings = findings.into_iter().collect::<Option<Vec<_>>>()?;
        if !ok {
            return None;
        }
        Some(Section {
            id: head.id.into_inner(),
            title,
            intro,
            when: match when {
                Some(c) => Some(c?),
                None => None,
            },
            for_each: match for_each {
                Some(q) => Some(q?),
                None => None,
            },
            questions,
            findings,
        })
    }

    fn for_each(&mut self, file: usize, fe: &Spanned<String>, si: usize) -> Option<QRef> {
        let span = fe.span();
        let Some((sec, q)) = fe.get_ref().split_once('.') else {
            self.err(
                file,
                span,
                T::new(
                    "`for_each` nennt eine Frage als `abschnitt.frage`",
                    "`for_each` names a question as `section.question`",
                ),
            );
            return None;
        };
        let r = RefName {
            section: Some(sec.to_string()),
            question: q.to_string(),
            span: 0..fe.get_ref().len(),
        };
        let inner = span.start + 1..span.end.saturating_sub(1);
        let q = self.resolve(file, inner, &r, Place::Section(si), si)?;
        let kind = self.questions[q.section][q.question].0?;
        if !kind.is_choice() {
            self.err(
                file,
                span,
                T::new(
                    "`for_each` braucht eine Auswahlfrage (single oder multi); `{0}` ist `{1}`",
                    "`for_each` needs a single or multi choice question; `{0}` is `{1}`",
                )
                .both(&[fe.get_ref(), kind.as_str()]),
            );
            return None;
        }
        Some(q)
    }
}

/// Validate an expanded checklist; diagnostics go to `files`. `included` are the files whose sections
/// were included, in load order. Each raw section is dropped once it is validated, so that the raw and the
/// validated model of a large checklist are not both whole in memory.
pub fn validate(
    files: &mut Files,
    broken_sections: &[String],
    included: &[std::path::PathBuf],
    path: &Path,
    head: &RawHead,
    sections: Vec<RawSection>,
) -> Option<Checklist> {
    let main = 0;
    let mut ctx = Ctx {
        files,
        broken_sections,
        languages: Vec::new(),
        section_ids: HashMap::new(),
        question_ids: Vec::new(),
        questions: Vec::new(),
        repeated: Vec::new(),
        incomplete: Vec::new(),
        item_options: None,
        later_sections: sections
            .iter()
            .map(|s| s.head.id.get_ref().clone())
            .collect(),
        later_questions: sections
            .iter()
            .map(|s| {
                s.questions
                    .iter()
                    .map(|q| q.q.id.get_ref().clone())
                    .collect()
            })
            .collect(),
        finding_ids: HashSet::new(),
        covers: Vec::new(),
        dpia_uses: Vec::new(),
        last_criterion: None,
        last_criterion_id: None,
        other_option: HashMap::new(),
        prefills: Vec::new(),
    };
    if *head.format.get_ref() != 1 {
        ctx.err(
            main,
            head.format.span(),
            T::new(
                "Formatversion {0} wird nicht unterstützt; dieses msgaudit liest `format = 1`",
                "unsupported format version {0}; this msgaudit reads `format = 1`",
            )
            .both(&[&head.format.get_ref().to_string()]),
        );
        return None;
    }
    ctx.check_id(main, &head.id);
    let mut langs = Vec::new();
    for l in head.languages.get_ref() {
        let code = l.get_ref();
        if !(2..=3).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_lowercase()) {
            ctx.err(
                main,
                l.span(),
                T::new(
                    "`{0}` ist kein Sprachkürzel wie \"de\" oder \"en\"",
                    "`{0}` is not a language code such as \"de\" or \"en\"",
                )
                .both(&[code]),
            );
        } else if langs.contains(code) {
            ctx.err(
                main,
                l.span(),
                T::new(
                    "die Sprache `{0}` ist doppelt aufgeführt",
                    "the language `{0}` is listed twice",
                )
                .both(&[code]),
            );
        } else {
            langs.push(code.clone());
        }
    }
    if head.languages.get_ref().is_empty() {
        ctx.err(
            main,
            head.languages.span(),
            T::new(
                "geben Sie mindestens eine Sprache an, z. B. languages = [\"de\", \"en\"]",
                "declare at least one language, e.g. languages = [\"de\", \"en\"]",
            ),
        );
    }
    if langs.is_empty() {
        return None;
    }
    ctx.languages = langs.iter().map(|l| Arc::from(l.as_str())).collect();
    // The head may be shared (an included checklist's expansion): its two texts are copied.
    let title = ctx.text(main, head.title.clone(), T::new("der Titel", "the title"));
    let description = ctx.text(
        main,
        head.description.clone(),
        T::new("die Beschreibung", "the description"),
    );
    let knowledge = head.knowledge.as_ref().and_then(|k| {
        let p = path.parent().unwrap_or(Path::new(".")).join(k.get_ref());
        knowledge::load(ctx.files, main, k, &p, &langs)
    });
    let mut out = Vec::with_capacity(sections.len());
    let mut ok = true;
    for (si, s) in sections.into_iter().enumerate() {
        match ctx.section(si, s) {
            Some(s) => out.push(s),
            None => ok = false,
        }
    }
    let mut late = crossref::covers(&ctx.finding_ids, &ctx.covers);
    if let (Some(last), Some(name)) = (ctx.last_criterion, ctx.last_criterion_id.take()) {
        late.extend(
            ctx.dpia_uses
                .iter()
                .filter(|(_, _, section)| *section <= last)
                .map(|(file, span, _)| {
                    (
                        *file,
                        span.clone(),
                        T::new(
                            "dpia() steht nur in Abschnitten nach `{0}`, dem letzten mit einem Befund mit `dpia_criterion`: hier steht das Ergebnis noch nicht fest",
                            "dpia() can only be used in sections after `{0}`, the last one with a finding that has a `dpia_criterion`: here the verdict is not final yet",
                        )
                        .both(&[&name]),
                    )
                }),
        );
    }
    if ok && let Some(kb) = &knowledge {
        knowledge::check_expectations(ctx.files, kb, &out);
    }
    late.sort_by_key(|(file, span, _)| (*file, span.start));
    for (file, span, msg) in late {
        ctx.err(file, span, msg);
    }
    if !ok || !ctx.files.diags.is_empty() {
        return None;
    }
    let question_count = out.iter().map(|s| s.questions.len()).sum();
    Some(Checklist {
        id: head.id.get_ref().clone(),
        version: head.version.get_ref().clone(),
        languages: langs,
        title,
        description,
        sections: out,
        knowledge,
        sha256: ctx.files.sources.sha256(),
        path: path.to_path_buf(),
        question_count,
        includes: included.to_vec(),
        prefills: ctx.prefills,
        read: ctx.files.sources.read(),
    })
}
