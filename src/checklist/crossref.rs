//! Checks that need the whole checklist: `covers` lists of findings (known ids, no self-reference, no
//! cycles). Run after every section is validated, so a finding may cover one defined later.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::model::Severity;

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
pub(super) fn covers(ids: &HashSet<String>, all: &[Covers]) -> Vec<(usize, Range<usize>, String)> {
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
            let err = |msg: String| (f.file, c.span(), msg);
            if !seen.insert(to) {
                out.push(err(format!("`{to}` is listed twice in `covers`")));
            } else if to == f.id {
                out.push(err(format!("the finding `{to}` cannot cover itself")));
            } else if !ids.contains(to) {
                // An id that is not an id at all was reported by the id check already.
                if super::ids::id_problem(to).is_none() {
                    out.push(err(format!(
                        "`covers` names `{to}`, but there is no finding `{to}`"
                    )));
                }
            } else if reaches(&graph, to, &f.id) {
                out.push(err(format!(
                    "`{}` covering `{to}` closes a cycle: `{to}` already covers `{}` (directly or through others)",
                    f.id, f.id
                )));
            } else {
                if let (Some(mine), Some(theirs)) = (f.severity, severity.get(to))
                    && mine < *theirs
                {
                    // The group takes the root cause's severity; a milder one would hide the worse finding.
                    out.push(err(format!(
                        "`{}` ({}) cannot cover `{to}` ({}): a root cause is at least as severe as what it covers",
                        f.id,
                        mine.as_str(),
                        theirs.as_str()
                    )));
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
