//! A signed result to read on screen: the report model as plain lines (verification, details, management
//! summary, open points, findings, answers, corrections from the change history, sign-off), the same for the TUI's results screen and plain
//! mode. Every text in the model is cleaned already; this only arranges and labels it.

use super::model::Report;
use super::texts::{self as tx};
use crate::checklist::Severity;
use crate::lang::Lang;

/// How a line is meant: the front end picks the style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Text,
    /// Less important (notes, references).
    Dim,
    /// The verification state when it does not hold, and other warnings.
    Warn,
    /// The verification state when it holds.
    Good,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: Kind,
    /// Spaces of indentation (the front end wraps the rest to the width it has).
    pub indent: usize,
    pub text: String,
}

struct Out(Vec<Line>);

impl Out {
    fn push(&mut self, kind: Kind, indent: usize, text: impl Into<String>) {
        self.0.push(Line {
            kind,
            indent,
            text: text.into(),
        });
    }

    fn heading(&mut self, text: &str) {
        if !self.0.is_empty() {
            self.push(Kind::Text, 0, "");
        }
        self.push(Kind::Heading, 0, text);
    }

    fn field(&mut self, label: tx::T, value: &str, lang: Lang) {
        if !value.trim().is_empty() {
            self.push(Kind::Text, 2, format!("{}: {value}", label.get(lang)));
        }
    }
}

/// The whole result, top to bottom.
pub fn lines(r: &Report) -> Vec<Line> {
    let lang = r.lang;
    let t = |x: tx::T| x.get(lang);
    let mut o = Out(Vec::new());
    let v = &r.verification;
    o.heading(t(tx::VERIFICATION_STATE));
    o.push(
        if v.valid { Kind::Good } else { Kind::Warn },
        2,
        v.headline.clone(),
    );
    if !v.valid {
        o.push(Kind::Warn, 2, t(tx::INVALID_WARNING));
    }
    for n in &v.notes {
        o.push(Kind::Dim, 2, format!("{}: {n}", t(tx::NOTE)));
    }
    if let Some(s) = &r.supersedes {
        o.push(Kind::Text, 2, s.text.clone());
        if !s.file_check_text.is_empty() {
            o.push(Kind::Dim, 2, s.file_check_text.clone());
        }
    }

    let a = &r.audit;
    o.heading(t(tx::DETAILS));
    o.field(tx::ORGANISATION, &a.organisation, lang);
    o.field(tx::UNIT, &a.unit, lang);
    o.field(tx::INTERVIEWEES, &a.interviewees, lang);
    o.field(tx::AUDITOR, &a.auditor, lang);
    o.field(
        tx::CHECKLIST,
        &format!(
            "{} ({} {})",
            a.checklist.title,
            t(tx::VERSION),
            a.checklist.version
        ),
        lang,
    );
    o.field(
        tx::FINISHED,
        &crate::i18n::dates::time(lang, a.finished, &r.zone),
        lang,
    );
    o.field(tx::AUDIT_ID, &a.audit_id, lang);
    o.field(tx::FILE, &r.file, lang);

    let oc = &r.outcome;
    o.heading(t(tx::MANAGEMENT_SUMMARY));
    o.push(Kind::Text, 2, oc.completeness.label.clone());
    o.field(tx::DPIA_SHORT, &oc.dpia.label, lang);
    let messengers = if oc.management.messengers.is_empty() {
        t(tx::NO_MESSENGERS_FOUND).to_string()
    } else {
        oc.management.messengers.join(", ")
    };
    o.field(tx::MESSENGERS_FOUND, &messengers, lang);
    let counts: Vec<String> = Severity::ALL
        .iter()
        .filter(|s| oc.counts.get(**s) > 0)
        .map(|s| format!("{} {}", tx::severity(*s, lang), oc.counts.get(*s)))
        .collect();
    if !counts.is_empty() {
        o.field(tx::FINDINGS, &counts.join(" · "), lang);
    }
    for n in &oc.notes {
        o.push(Kind::Dim, 2, n.clone());
    }

    o.heading(&format!(
        "{} ({})",
        t(tx::OPEN_POINTS),
        oc.open_points.len()
    ));
    if oc.open_points.is_empty() {
        o.push(Kind::Dim, 2, t(tx::NO_OPEN_POINTS));
    }
    for p in &oc.open_points {
        o.push(
            Kind::Text,
            2,
            format!("[{}] {} › {}", p.kind_label, p.place, p.question),
        );
    }

    o.heading(&format!("{} ({})", t(tx::FINDINGS), oc.findings.len()));
    if oc.findings.is_empty() {
        o.push(Kind::Dim, 2, oc.no_findings.clone());
    }
    for g in &oc.findings {
        o.push(Kind::Text, 2, format!("[{}] {}", g.severity_label, g.title));
        if !g.applies_to.is_empty() {
            o.push(
                Kind::Dim,
                6,
                format!("{}: {}", t(tx::APPLIES_TO), g.applies_to.join("; ")),
            );
        }
        o.push(Kind::Text, 6, format!("{}: {}", t(tx::MEASURE), g.measure));
        for c in &g.covered {
            o.push(Kind::Dim, 6, format!("{}: {}", t(tx::ALSO_COVERS), c.title));
        }
    }

    o.heading(t(tx::ANSWERS));
    if r.sections.is_empty() {
        o.push(Kind::Dim, 2, t(tx::NO_ANSWERS));
    }
    for s in &r.sections {
        o.push(Kind::Text, 2, s.title.clone());
        for row in &s.answers {
            let shown = match (row.display.is_empty(), &row.other) {
                (_, Some(other)) if !other.is_empty() => format!("{} ({other})", row.display),
                (true, _) => "–".to_string(),
                (false, _) => row.display.clone(),
            };
            o.push(Kind::Text, 4, format!("{}: {shown}", row.question));
            if let Some(n) = row.note.as_deref().filter(|n| !n.is_empty()) {
                o.push(Kind::Dim, 6, format!("{}: {n}", t(tx::ANSWER_NOTE)));
            }
            for e in r.evidence.iter().filter(|e| e.question_key == row.key) {
                o.push(
                    Kind::Dim,
                    6,
                    format!("{}: {}", t(tx::EVIDENCE), e.line(lang)),
                );
            }
        }
    }
    // Evidence of questions without an answer has no answer line to go under.
    let answered: Vec<&str> = r
        .sections
        .iter()
        .flat_map(|s| s.answers.iter().map(|a| a.key.as_str()))
        .collect();
    let rest: Vec<_> = r
        .evidence
        .iter()
        .filter(|e| !answered.contains(&e.question_key.as_str()))
        .collect();
    if !rest.is_empty() {
        o.heading(t(tx::EVIDENCE));
        for e in rest {
            o.push(Kind::Text, 2, format!("{}: {}", e.question, e.line(lang)));
        }
    }

    history(&mut o, r);

    let s = &r.signoff;
    o.heading(t(tx::SIGNOFF));
    o.field(tx::SIGNER, &s.name, lang);
    o.field(tx::ROLE, &s.role, lang);
    o.field(tx::STATEMENT, &s.statement, lang);
    o.field(
        tx::SIGNED_AT,
        &crate::i18n::dates::time(lang, s.signed_at, &r.zone),
        lang,
    );
    o.field(tx::KEY_ID, &s.key_id, lang);
    o.0
}

/// The change history in short: the counts, then each correction and each change with a reason (the
/// reports list every change).
fn history(o: &mut Out, r: &Report) {
    let lang = r.lang;
    o.heading(tx::HISTORY.get(lang));
    if !r.history_recorded {
        o.push(Kind::Dim, 2, tx::HISTORY_NONE.get(lang));
        return;
    }
    let c = &r.history_counts;
    o.push(
        Kind::Text,
        2,
        tx::HISTORY_SUMMARY.fill(
            lang,
            &[
                &c.changes.to_string(),
                &c.answers.to_string(),
                &c.corrections.to_string(),
            ],
        ),
    );
    for h in r
        .history
        .iter()
        .filter(|h| h.correction || h.reason.is_some())
    {
        let (before, after) = h.change_text(lang);
        o.push(
            Kind::Text,
            4,
            format!(
                "{} · {}: {before} → {after}",
                crate::i18n::dates::time_short(lang, h.at, &r.zone),
                h.question
            ),
        );
        let remark = h.remark(lang);
        let by = format!("{}: {}", tx::HISTORY_BY.get(lang), h.by);
        o.push(
            Kind::Dim,
            6,
            if remark.is_empty() {
                by
            } else {
                format!("{by} · {}: {remark}", tx::HISTORY_REASON.get(lang))
            },
        );
    }
}
