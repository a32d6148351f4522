//! `msgaudit evaluate CHECKLIST ANSWERS.toml`: what the engine derives from a set of answers — the audit's
//! outcome (completeness, open points, grouped findings, DPIA verdict) — as text or JSON, for scripts and
//! checklist authors.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::audit::result::{self, ResultFinding};
use crate::audit::{Meta, Outcome, Session, values};
use crate::checklist::Severity;
use crate::checklist::{self, Diagnostic};
use crate::i18n::{T, vocab};
use crate::lang::Lang;

#[derive(Debug, Serialize)]
pub struct Evaluation {
    pub checklist: String,
    pub version: String,
    pub progress: ProgressOut,
    pub open: Vec<OpenOut>,
    /// Highest severity first, as in result files.
    pub findings: Vec<ResultFinding>,
    pub dpia: DpiaOut,
    /// The outcome as a signed result would store it (result format 2's `[outcome]`).
    pub outcome: Outcome,
}

#[derive(Debug, Serialize)]
pub struct ProgressOut {
    pub answered: usize,
    pub required: usize,
    pub visible: usize,
}

#[derive(Debug, Serialize)]
pub struct OpenOut {
    pub key: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct DpiaOut {
    pub verdict: String,
    pub criteria: Vec<String>,
}

/// Load both files and derive the evaluation; errors are located diagnostics.
pub fn evaluate(
    checklist_path: &Path,
    answers: &Path,
    lang: Lang,
) -> Result<Evaluation, Vec<Diagnostic>> {
    let c = Arc::new(checklist::load(checklist_path)?);
    let mut session = Session::new(Arc::clone(&c));
    values::load_file(&mut session, answers)?;
    Ok(summarise(&session, lang))
}

/// The evaluation of a session, texts in `lang`.
pub fn summarise(session: &Session, lang: Lang) -> Evaluation {
    let c = session.checklist();
    let l = lang.code();
    let p = session.progress();
    let open = session
        .open_required()
        .map(|k| OpenOut {
            key: session.key_string(k),
            text: session
                .question(k)
                .text
                .render(l, session.item_label(k.section, k.item, l).as_deref())
                .into_owned(),
        })
        .collect();
    let findings = result::findings(session, l);
    let dpia = session.dpia();
    Evaluation {
        checklist: c.id.clone(),
        version: c.version.clone(),
        progress: ProgressOut {
            answered: p.answered,
            required: p.required,
            visible: p.visible,
        },
        open,
        findings,
        dpia: DpiaOut {
            verdict: dpia.verdict.as_str().into(),
            criteria: dpia.criteria.iter().map(|c| c.as_str().into()).collect(),
        },
        outcome: Outcome::derive(
            session,
            &Meta {
                lang,
                ..Meta::default()
            },
            crate::audit::result::audit_date(jiff::Timestamp::now()),
        ),
    }
}

/// Plain-text rendering of an evaluation in `lang`: answer keys and ids stay, for checklist authors.
pub fn to_text(e: &Evaluation, lang: Lang) -> String {
    use std::fmt::Write;
    let o = &e.outcome;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: {} {}",
        T::new("Checkliste", "checklist").get(lang),
        e.checklist,
        e.version
    );
    let _ = writeln!(s, "{}", o.completeness.describe(lang));
    let _ = writeln!(
        s,
        "\n{} ({}):",
        vocab::OPEN_POINTS.get(lang),
        o.open_points.len()
    );
    for p in &o.open_points {
        let _ = writeln!(
            s,
            "  {}  {} › {} ({})",
            p.key,
            p.place.title,
            p.question,
            p.kind.word().get(lang)
        );
    }
    let _ = writeln!(s, "\n{} ({}):", vocab::FINDINGS.get(lang), o.counts.total());
    for g in &o.findings {
        let _ = write!(
            s,
            "  [{}] {}  {}",
            g.severity.word().get(lang),
            g.id,
            g.title
        );
        let at = g.applies_to();
        if !at.is_empty() {
            let _ = write!(s, " ({}: {at})", vocab::APPLIES_TO.get(lang));
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "      {}: {}", vocab::MEASURE.get(lang), g.measure);
        if !g.refs.is_empty() {
            let _ = writeln!(s, "      {}: {}", vocab::REFS.get(lang), g.refs.join("; "));
        }
        for c in &g.covered {
            let _ = writeln!(
                s,
                "      {}: {}  {}",
                vocab::ALSO_COVERS.get(lang),
                c.id,
                c.title
            );
        }
    }
    let crit = if o.dpia.criteria.is_empty() {
        T::new("keine", "none").get(lang).to_string()
    } else {
        o.dpia
            .criteria
            .iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    c.criterion.word().get(lang),
                    c.criterion.as_str()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        s,
        "\n{}: {} – {}: {crit}",
        vocab::DPIA_SCREENING.get(lang),
        o.dpia.verdict.label(lang, o.dpia.provisional),
        vocab::CRITERIA_MET.get(lang)
    );
    // Counts by root cause, for scripts that grep the text.
    let counts: Vec<String> = Severity::ALL
        .iter()
        .map(|sev| format!("{} {}", sev.word().get(lang), o.counts.get(*sev)))
        .collect();
    let _ = writeln!(s, "{}", counts.join(" · "));
    crate::text::sanitize(&s).into_owned()
}
