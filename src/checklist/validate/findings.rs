//! One finding of a checklist: a unique id, a known severity and DPIA criterion, its `covers` list kept for
//! the cross-check at the end, its texts and its condition.

use super::{Ctx, Place};
use crate::checklist::crossref;
use crate::checklist::model::{DpiaCriterion, Finding, Severity};
use crate::checklist::raw::RawFinding;
use crate::i18n::T;

impl Ctx<'_> {
    pub(super) fn finding(
        &mut self,
        file: usize,
        f: RawFinding,
        place: Place,
        current: usize,
    ) -> Option<Finding> {
        self.check_id(file, &f.id);
        if !self.finding_ids.insert(f.id.get_ref().clone()) {
            self.err(
                file,
                f.id.span(),
                T::new(
                    "einen Befund `{0}` gibt es schon; die Ids der Befunde sind in der Checkliste eindeutig",
                    "a finding `{0}` exists already; finding ids are unique in the checklist",
                )
                .both(&[f.id.get_ref()]),
            );
        }
        let severity = match f.severity.get_ref().as_str() {
            "info" => Some(Severity::Info),
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            other => {
                self.err(
                    file,
                    f.severity.span(),
                    T::new(
                        "unbekannter Schweregrad `{0}`; möglich sind info, low, medium oder high",
                        "unknown severity `{0}`; use info, low, medium or high",
                    )
                    .both(&[other]),
                );
                None
            }
        };
        let dpia = match &f.dpia_criterion {
            None => Some(None),
            Some(c) => {
                if let Some(c) = DpiaCriterion::parse(c.get_ref()) {
                    Some(Some(c))
                } else {
                    self.err(
                        file,
                        c.span(),
                        T::new(
                            "unbekanntes DSFA-Kriterium `{0}`; möglich sind: {1}",
                            "unknown DPIA criterion `{0}`; use one of: {1}",
                        )
                        .both(&[
                            c.get_ref(),
                            &DpiaCriterion::ALL.map(DpiaCriterion::as_str).join(", "),
                        ]),
                    );
                    None
                }
            }
        };
        if matches!(dpia, Some(Some(_))) {
            self.last_criterion = Some(current);
        }
        for c in &f.covers {
            self.check_id(file, c);
        }
        let covers = f.covers.iter().map(|c| c.get_ref().clone()).collect();
        self.covers.push(crossref::Covers {
            file,
            id: f.id.get_ref().clone(),
            targets: f.covers,
            severity,
        });
        let title = self.text(
            file,
            f.title,
            T::new("der Titel des Befunds", "the finding's title"),
        );
        let measure = self.text(
            file,
            f.measure,
            T::new("die Maßnahme des Befunds", "the finding's measure"),
        );
        let refs = f
            .refs
            .into_iter()
            .map(|r| self.reference(file, r))
            .collect();
        let when = self.condition(file, &f.when, place, current);
        Some(Finding {
            id: f.id.into_inner(),
            when: when?,
            severity: severity?,
            title,
            measure,
            refs,
            dpia_criterion: dpia?,
            covers,
        })
    }
}
