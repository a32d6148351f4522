//! The DPIA draft (`msgaudit report RESULT --dpia`): a skeleton of a data protection impact assessment
//! following Art. 35(7) GDPR lit. a–d, derived from a report — the systematic description from the
//! records-of-processing draft, necessity and proportionality as prompts with the audit's relevant
//! values, risks from the grouped findings and the criteria met (rated per DSK Kurzpapier Nr. 18), and
//! the findings' measures. Every part says what the controller and the DPO still have to complete.

use serde::Serialize;

use super::art30::{Art30Entry, Art30Info};
use super::art30_texts as ax;
use super::model::Report;
use super::outcome::GroupInfo;
use crate::audit::DpiaVerdict;
use crate::checklist::{Art30Field, Severity};
use crate::i18n::T;
use crate::lang::Lang;

/// Whether the screening verdict calls for a DPIA: "required" or "required in most cases".
pub fn due(verdict: DpiaVerdict) -> bool {
    verdict >= DpiaVerdict::RequiredInMostCases
}

#[derive(Debug, Clone, Serialize)]
pub struct DpiaDraft {
    pub lang: Lang,
    pub title: String,
    pub organisation: String,
    pub unit: String,
    pub audit_date: jiff::civil::Date,
    pub checklist: String,
    pub file: String,
    pub valid: bool,
    pub verification: String,
    /// The verdict in words with its provisional mark.
    pub verdict: String,
    pub provisional: bool,
    /// The verdict does not call for a DPIA: written with `--force` only.
    pub forced: bool,
    pub criteria: Vec<CriterionLine>,
    /// (a): one description per messenger, from the Art. 30 draft.
    pub description: Vec<Art30Entry>,
    /// (b): the points of necessity and proportionality with the audit's values.
    pub necessity: Vec<Prompt>,
    /// (c): the risks, highest proposed class first.
    pub risks: Vec<Risk>,
    /// The risk matrix: per severity level (4 down to 1) the class per likelihood level (1 to 4).
    pub matrix: Vec<MatrixRow>,
    /// (d): the measures of the grouped findings.
    pub measures: Vec<GroupInfo>,
    /// What the controller still completes at the end (residual risk, the DPO's advice, sign-off).
    pub closing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionLine {
    pub label: String,
    /// The findings and answers the criterion comes from.
    pub from: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Prompt {
    pub title: String,
    /// The audit's values for the point: „WhatsApp: … — Antwort auf „…“ (key)“.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub title: String,
    pub applies_to: Vec<String>,
    /// The proposed DSK class (from the finding's severity), or null for a criterion without a rated finding.
    pub class: Option<String>,
    /// `high` | `medium` | `low` for the class, for styling.
    pub severity: Option<Severity>,
    pub criterion: Option<String>,
    /// Where it comes from: the finding keys, for a criterion the titles of the findings that meet it.
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub severity: &'static str,
    pub cells: Vec<&'static str>,
    /// The cells as msgaudit severities (`low`, `medium`, `high`), for styling.
    pub levels: Vec<&'static str>,
}

/// The DSK class of a finding severity (docs/risk-scheme.md): info is no risk class.
fn class(s: Severity) -> Option<T> {
    match s {
        Severity::High => Some(ax::RISK_HIGH),
        Severity::Medium => Some(ax::RISK_NORMAL),
        Severity::Low => Some(ax::RISK_LOW),
        Severity::Info => None,
    }
}

/// msgaudit's reading of the matrix of Kurzpapier Nr. 18 (docs/risk-scheme.md, "Matrix").
fn matrix(lang: Lang) -> Vec<MatrixRow> {
    use Severity::{High as H, Low as L, Medium as M};
    let rows: [(T, [Severity; 4]); 4] = [
        (ax::LEVEL_4, [M, H, H, H]),
        (ax::LEVEL_3, [M, M, H, H]),
        (ax::LEVEL_2, [L, M, M, H]),
        (ax::LEVEL_1, [L, L, L, M]),
    ];
    rows.iter()
        .map(|(level, cells)| MatrixRow {
            severity: level.get(lang),
            cells: cells
                .iter()
                .map(|s| class(*s).map_or("", |t| t.get(lang)))
                .collect(),
            levels: cells.iter().map(|s| s.as_str()).collect(),
        })
        .collect()
}

/// The values of `fields` over every entry, each once: per-messenger values with the messenger's name.
fn values_of(a: &Art30Info, fields: &[Art30Field]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for e in &a.entries {
        for f in e.fields.iter().filter(|f| fields.contains(&f.field)) {
            for v in &f.values {
                let own = v.key.contains('[') || v.key.starts_with("knowledge:");
                let id = if own {
                    format!("{}\u{0}{}", e.messenger, v.key)
                } else {
                    v.key.clone()
                };
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                out.push(if own {
                    format!("{}: {}", e.messenger, v.line())
                } else {
                    v.line()
                });
            }
        }
    }
    out
}

/// The DPIA draft of a report; `forced` when the verdict does not call for one.
pub fn build(r: &Report) -> DpiaDraft {
    let lang = r.lang;
    let o = &r.outcome;
    let prompt = |title: T, fields: &[Art30Field]| Prompt {
        title: title.get(lang).to_string(),
        values: values_of(&r.art30, fields),
    };
    let necessity = vec![
        prompt(ax::DPIA_B_PURPOSE, &[Art30Field::Purpose]),
        prompt(ax::DPIA_B_BASIS, &[]),
        prompt(
            ax::DPIA_B_MINIMISATION,
            &[Art30Field::DataCategories, Art30Field::DataSubjects],
        ),
        prompt(ax::DPIA_B_STORAGE, &[Art30Field::Retention]),
        prompt(ax::DPIA_B_INFORMATION, &[]),
        prompt(ax::DPIA_B_RIGHTS, &[]),
        prompt(ax::DPIA_B_PROCESSORS, &[Art30Field::Recipients]),
        prompt(
            ax::DPIA_B_TRANSFERS,
            &[Art30Field::ThirdCountry, Art30Field::TransferMechanism],
        ),
    ];
    let mut risks: Vec<Risk> = o
        .findings
        .iter()
        .filter_map(|g| {
            let c = class(g.severity)?;
            Some(Risk {
                title: g.title.clone(),
                applies_to: g.applies_to.clone(),
                class: Some(c.get(lang).to_string()),
                severity: Some(g.severity),
                criterion: g.dpia_criterion.as_ref().map(|c| c.label.clone()),
                keys: g.keys.clone(),
            })
        })
        .collect();
    // A criterion met only by findings that are no risk class (`info`) is a risk of its own, to be rated.
    for c in &o.dpia.criteria {
        let rated = o.findings.iter().any(|g| {
            g.severity != Severity::Info
                && g.dpia_criterion
                    .as_ref()
                    .is_some_and(|x| x.id == c.criterion.id)
        });
        if !rated {
            risks.push(Risk {
                title: ax::DPIA_CRITERION_RISK.fill(lang, &[&c.criterion.label]),
                applies_to: Vec::new(),
                class: None,
                severity: None,
                criterion: None,
                keys: c.findings.clone(),
            });
        }
    }
    let a = &r.audit;
    DpiaDraft {
        lang,
        title: format!("{}: {}", ax::DPIA_TITLE.get(lang), a.checklist.title),
        organisation: a.organisation.clone(),
        unit: a.unit.clone(),
        audit_date: a.audit_date,
        checklist: format!(
            "{} ({} {})",
            a.checklist.title, a.checklist.id, a.checklist.version
        ),
        file: r.file.clone(),
        valid: r.verification.valid,
        verification: r.verification.headline.clone(),
        verdict: o.dpia.verdict.label(lang, o.dpia.provisional),
        provisional: o.dpia.provisional,
        forced: !due(o.dpia.verdict),
        criteria: o
            .dpia
            .criteria
            .iter()
            .map(|c| CriterionLine {
                label: c.criterion.label.clone(),
                from: c.findings.iter().chain(&c.answers).cloned().collect(),
            })
            .collect(),
        description: r.art30.entries.clone(),
        necessity,
        risks,
        matrix: matrix(lang),
        measures: o.findings.clone(),
        closing: [
            ax::DPIA_E_RESIDUAL,
            ax::DPIA_E_DPO,
            ax::DPIA_E_VIEWS,
            ax::DPIA_E_REVIEW,
        ]
        .iter()
        .map(|t| t.get(lang).to_string())
        .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dpia_is_due_when_required_or_required_in_most_cases_only() {
        assert!(due(DpiaVerdict::Required));
        assert!(due(DpiaVerdict::RequiredInMostCases));
        assert!(!due(DpiaVerdict::Consider));
        assert!(!due(DpiaVerdict::NotIndicated));
    }

    #[test]
    fn the_matrix_is_the_risk_schemes_and_grows_with_both_axes() {
        let m = matrix(Lang::De);
        assert_eq!(m[0].severity, "4 groß");
        assert_eq!(
            m[0].cells,
            ["Risiko", "hohes Risiko", "hohes Risiko", "hohes Risiko"]
        );
        assert_eq!(
            m[3].cells,
            [
                "geringes Risiko",
                "geringes Risiko",
                "geringes Risiko",
                "Risiko"
            ]
        );
        let rank = |c: &str| match c {
            "geringes Risiko" => 0,
            "Risiko" => 1,
            _ => 2,
        };
        // Never less risk with more severity (up the rows) or more likelihood (along the row).
        for (i, row) in m.iter().enumerate() {
            for j in 1..4 {
                assert!(rank(row.cells[j]) >= rank(row.cells[j - 1]));
            }
            if i > 0 {
                for j in 0..4 {
                    assert!(rank(m[i - 1].cells[j]) >= rank(row.cells[j]));
                }
            }
        }
        assert_eq!(class(Severity::Info), None, "info is no risk class");
    }
}
