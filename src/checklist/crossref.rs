//! Checks that need the whole checklist: `covers` lists of findings (known ids, no self-reference, no
//! cycles). Run after every section is validated, so a finding may cover one defined later.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::model::Severity;
use crate::i18n::{T, Text};

/// One finding's `covers` list as written.
pub(super) struct Covers {
    pub file: usize,
    pub id: String,
    /// The finding ids it names.
    pub targets: Vec<Spanned<String>>,
    /// None when the severity was invalid (reported already).
    pub severity: Option<Severity>,
}

/// Problems of every `covers` list: (file, span, message), in the order written.
pub(super) fn covers(ids: &HashSet<String>, all: &[Covers]) -> Vec<(usize, Range<usize>, Text)> {
    let mut out = Vec::new();
    // Edges accepted so far; an edge that would close a cycle is reported where it is written.
    let mut graph: HashMap<&str, Vec<&str>> = HashMap::new();
    let severity: HashMap<&str, Severity> = all
        .iter()
        .filter_map(|f| Some((f.id.as_str(), f.severity?)))
        .collect();
    for f in all {
        let mut seen = HashSet::new();
        for c in &f.targets {
            let to = c.get_ref().as_str();
            let err = |msg: Text| (f.file, c.span(), msg);
            if !seen.insert(to) {
                out.push(err(T::new(
                    "`{0}` steht zweimal in `covers`",
                    "`{0}` is listed twice in `covers`",
                )
                .both(&[to])));
            } else if to == f.id {
                out.push(err(T::new(
                    "der Befund `{0}` kann sich nicht selbst umfassen",
                    "the finding `{0}` cannot cover itself",
                )
                .both(&[to])));
            } else if !ids.contains(to) {
                // An id that is not an id at all was reported by the id check already.
                if super::ids::id_problem(to).is_none() {
                    out.push(err(T::new(
                        "`covers` nennt `{0}`, aber es gibt keinen Befund `{0}`",
                        "`covers` names `{0}`, but there is no finding `{0}`",
                    )
                    .both(&[to])));
                }
            } else if reaches(&graph, to, &f.id) {
                out.push(err(T::new(
                    "`{0}` umfasst `{1}` und schließt damit einen Kreis: `{1}` umfasst `{0}` schon (direkt oder über andere)",
                    "`{0}` covering `{1}` closes a cycle: `{1}` already covers `{0}` (directly or through others)",
                )
                .both(&[&f.id, to])));
            } else {
                if let (Some(mine), Some(theirs)) = (f.severity, severity.get(to))
                    && mine < *theirs
                {
                    // The group takes the root cause's severity; a milder one would hide the worse finding.
                    out.push(err(T::new(
                        "`{0}` ({1}) kann `{2}` ({3}) nicht umfassen: eine Ursache ist mindestens so schwer wie das, was sie umfasst",
                        "`{0}` ({1}) cannot cover `{2}` ({3}): a root cause is at least as severe as what it covers",
                    )
                    .both(&[&f.id, mine.as_str(), to, theirs.as_str()])));
                }
                graph.entry(f.id.as_str()).or_default().push(to);
            }
        }
    }
    out
}

fn reaches(graph: &HashMap<&str, Vec<&str>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from];
    let mut seen = HashSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            stack.extend(graph.get(n).into_iter().flatten().copied());
        }
    }
    false
}
