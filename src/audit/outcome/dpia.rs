//! The DPIA part of the outcome: the verdict, whether it is provisional, and for every criterion met the
//! raised findings and the answers it comes from.

use std::collections::BTreeSet;

use super::{CriterionMet, Dpia};
use crate::audit::layout::{Key, refs};
use crate::audit::session::Session;
use crate::checklist::DpiaVerdict;

pub(super) fn derive(session: &Session, provisional: bool) -> Dpia {
    let screening = session.dpia();
    let criteria = screening
        .criteria
        .iter()
        .map(|&criterion| {
            let mut findings = Vec::new();
            let mut answers: BTreeSet<Key> = BTreeSet::new();
            for f in session
                .findings()
                .filter(|f| f.finding.dpia_criterion == Some(criterion))
            {
                findings.push(session.finding_key(&f));
                let mut qs = Vec::new();
                refs(&f.finding.when, &mut qs);
                for q in qs {
                    let key = Key {
                        section: q.section,
                        // A reference into the finding's own section reads its own repetition.
                        item: if q.section == f.section { f.item } else { None },
                        question: q.question,
                    };
                    if session.is_visible(key) && session.answer(key).response.is_some() {
                        answers.insert(key);
                    }
                }
            }
            CriterionMet {
                criterion,
                findings,
                answers: answers.into_iter().map(|k| session.key_string(k)).collect(),
            }
        })
        .collect();
    debug_assert_eq!(
        screening.verdict,
        DpiaVerdict::of(&screening.criteria),
        "the session's verdict follows the documented thresholds"
    );
    Dpia {
        verdict: screening.verdict,
        provisional,
        criteria,
    }
}
