//! `msgaudit evaluate CHECKLIST ANSWERS.toml`: what the engine derives from a set of answers — open
//! required questions, findings, DPIA verdict — as text or JSON, for scripts and checklist authors.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::audit::result::{self, ResultFinding};
use crate::audit::{Session, values};
use crate::checklist::{self, Diagnostic};
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
    }
}

/// Plain-text rendering of an evaluation.
pub fn to_text(e: &Evaluation) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "checklist: {} {}", e.checklist, e.version);
    let _ = writeln!(
        s,
        "progress: {}/{} required questions answered ({} visible)",
        e.progress.answered, e.progress.required, e.progress.visible
    );
    let _ = writeln!(s, "\nopen required questions: {}", e.open.len());
    for o in &e.open {
        let _ = writeln!(s, "  {}  {}", o.key, o.text);
    }
    let _ = writeln!(s, "\nfindings: {}", e.findings.len());
    for f in &e.findings {
        let _ = writeln!(s, "  [{}] {}  {}", f.severity.as_str(), f.key, f.title);
        let _ = writeln!(s, "      measure: {}", f.measure);
        if !f.refs.is_empty() {
            let _ = writeln!(s, "      refs: {}", f.refs.join("; "));
        }
    }
    let crit = if e.dpia.criteria.is_empty() {
        "none".to_string()
    } else {
        e.dpia.criteria.join(", ")
    };
    let _ = writeln!(
        s,
        "\nDPIA screening: {} (criteria met: {})",
        e.dpia.verdict, crit
    );
    crate::text::sanitize(&s).into_owned()
}
