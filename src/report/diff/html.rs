//! The HTML diff: one self-contained page (the reports' inline CSS, no script, a Content-Security-Policy).
//! minijinja escapes every value inserted into the template, so nothing from the files can inject markup.

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value, context};

use super::Diff;
use super::texts as dt;
use crate::report::texts as tx;

const STYLE: &str = include_str!("../templates/style.css");
const DIFF: &str = include_str!("templates/diff.html");

/// The HTML diff of two results.
pub fn diff(d: &Diff) -> Result<String, String> {
    let mut env = Environment::new();
    // Escape in every template, whatever its name.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    for (name, src) in [("style.css", STYLE), ("diff.html", DIFF)] {
        env.add_template(name, src)
            .map_err(|e| format!("diff template {name}: {e}"))?;
    }
    let tpl = env
        .get_template("diff.html")
        .map_err(|e| format!("diff template diff.html: {e}"))?;
    let severity_was: Vec<Option<&str>> = d
        .findings
        .still_open
        .iter()
        .map(|f| f.old_severity.map(|s| tx::severity(s, d.lang)))
        .collect();
    let kinds: Vec<&str> = d
        .answers
        .iter()
        .map(|a| dt::kind(a.kind).get(d.lang))
        .collect();
    tpl.render(context! {
        d => Value::from(Serde(d)),
        t => tx::all(d.lang),
        x => dt::all(d.lang),
        overview => dt::overview(d),
        finished => context! { old => crate::i18n::dates::time(d.lang, d.old.finished, &crate::i18n::dates::Zone::System), new => crate::i18n::dates::time(d.lang, d.new.finished, &crate::i18n::dates::Zone::System) },
        severity_was => severity_was,
        kinds => kinds,
        version => env!("CARGO_PKG_VERSION"),
    })
    .map_err(|e| format!("cannot render the diff: {e}"))
}
