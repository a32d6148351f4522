//! A result's evidence for reports: each file with its question, size, SHA-256, caption and what
//! `verify` found of it (matches, missing, changed, unreadable; not checked when the result is not
//! valid), in the order the result lists them, grouped by question where a format groups.

use jiff::Timestamp;
use serde::Serialize;

use super::answers::Ctx;
use super::verification::clean;
use crate::evidence::Found;
use crate::i18n::vocab;
use crate::lang::Lang;
use crate::result::verify::Verification;

/// One evidence file as reports show it.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    /// The answer key of its question.
    pub question_key: String,
    /// The question's text, or the answer key without the checklist.
    pub question: String,
    /// The original file name.
    pub name: String,
    /// The copy's name in the evidence folder.
    pub file: String,
    pub size: u64,
    pub sha256: String,
    pub caption: String,
    pub added: Timestamp,
    /// `matches`, `missing`, `changed`, `unreadable`, or `not_checked` (the result did not verify).
    pub state: &'static str,
}

impl EvidenceRow {
    /// The state in words.
    pub fn state_text(&self, lang: Lang) -> &'static str {
        match self.state {
            "matches" => vocab::EVIDENCE_MATCHES.get(lang),
            "missing" => vocab::EVIDENCE_MISSING.get(lang),
            "changed" => vocab::EVIDENCE_CHANGED.get(lang),
            "unreadable" => vocab::EVIDENCE_UNREADABLE.get(lang),
            _ => vocab::EVIDENCE_UNCHECKED.get(lang),
        }
    }

    /// "scan.pdf (14.2 KB, SHA-256 3f2a…) – caption", one line.
    pub fn line(&self, lang: Lang) -> String {
        let caption = if self.caption.is_empty() {
            String::new()
        } else {
            format!(" – {}", self.caption)
        };
        format!(
            "{} ({}, SHA-256 {}…; {}){caption}",
            self.name,
            crate::evidence::size_text(self.size),
            crate::evidence::short_hash(&self.sha256),
            self.state_text(lang)
        )
    }
}

/// The rows of the result's evidence, checked or not as `v` found them.
pub(super) fn rows(ctx: &Ctx<'_>, v: &Verification) -> Vec<EvidenceRow> {
    ctx.result
        .evidence
        .iter()
        .map(|e| {
            let found = v.evidence.iter().find(|c| c.entry == *e).map(|c| &c.found);
            let question = ctx
                .session
                .as_ref()
                .and_then(|s| {
                    let k = s.parse_key(&e.question)?;
                    let label = s.item_label(k.section, k.item, ctx.code());
                    Some(clean(
                        &s.question(k).text.render(ctx.code(), label.as_deref()),
                    ))
                })
                .unwrap_or_else(|| clean(&e.question));
            EvidenceRow {
                question_key: clean(&e.question),
                question,
                name: clean(&e.name),
                file: clean(&e.file),
                size: e.size,
                sha256: clean(&e.sha256),
                caption: clean(&e.caption),
                added: e.added,
                state: match found {
                    Some(Found::Matches(_)) => "matches",
                    Some(Found::Missing) => "missing",
                    Some(Found::Changed { .. }) => "changed",
                    Some(Found::Unreadable { .. }) => "unreadable",
                    None => "not_checked",
                },
            }
        })
        .collect()
}

/// The rows grouped by question, in the order each question first appears.
pub fn by_question(rows: &[EvidenceRow]) -> Vec<(&str, Vec<&EvidenceRow>)> {
    let mut out: Vec<(&str, Vec<&EvidenceRow>)> = Vec::new();
    for r in rows {
        match out.iter_mut().find(|(k, _)| *k == r.question_key) {
            Some((_, list)) => list.push(r),
            None => out.push((&r.question_key, vec![r])),
        }
    }
    out
}
