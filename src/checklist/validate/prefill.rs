//! `prefill` on a `multi` question: the earlier `multi` question whose chosen options it starts with (in
//! every repetition, if that question is in a repeated section), resolved like a condition's reference
//! and checked so that every option carried over has a place (same id, `other` for `other`).

use toml::Spanned;

use super::{Ctx, Place};
use crate::checklist::expr::RefName;
use crate::checklist::ids::id_problem;
use crate::checklist::model::{ChoiceOption, Kind, Prefill, QRef};
use crate::i18n::{T, Text};

impl Ctx<'_> {
    pub(super) fn prefill(
        &mut self,
        file: usize,
        reference: &Spanned<String>,
        si: usize,
        qi: usize,
        kind: Option<Kind>,
        options: &[ChoiceOption],
    ) {
        let span = reference.span();
        let Some(kind) = kind else {
            return; // the kind is wrong and reported already
        };
        if kind != Kind::Multi {
            let msg = T::new(
                "`prefill` gibt es nur bei Fragen der Art `multi`; diese Frage ist `{0}`",
                "`prefill` is for `multi` questions; this question is `{0}`",
            )
            .both(&[kind.as_str()]);
            self.err(file, span, msg);
            return;
        }
        if self.repeated[si] {
            self.err(
                file,
                span,
                T::new(
                    "`prefill` gibt es nicht in einem wiederholten Abschnitt: es sammelt die Antworten aller Wiederholungen",
                    "`prefill` cannot be used inside a repeated section: it gathers the answers of every repetition",
                ),
            );
            return;
        }
        let text = reference.get_ref();
        let (section, question) = match text.split_once('.') {
            Some((s, q)) => (Some(s.to_string()), q.to_string()),
            None => (None, text.clone()),
        };
        if let Some(p) = section
            .iter()
            .chain(std::iter::once(&question))
            .find_map(|id| id_problem(id))
        {
            let msg = Text::by(|lang| {
                T::new(
                    "`prefill` nennt eine Frage als `frage` oder `abschnitt.frage`: {0}",
                    "`prefill` names a question as `question` or `section.question`: {0}",
                )
                .fill(lang, &[p.get(lang)])
            });
            self.err(file, span, msg);
            return;
        }
        let name = RefName {
            section,
            question,
            span: span.clone(),
        };
        let Some(source) = self.resolve(file, span.clone(), &name, Place::Prefill(si, qi), si)
        else {
            return;
        };
        let (source_kind, source_options) = self.questions[source.section][source.question].clone();
        let Some(source_kind) = source_kind else {
            return;
        };
        if source_kind != Kind::Multi {
            let msg = T::new(
                "`prefill` übernimmt die Optionen einer Frage der Art `multi`; `{0}` ist `{1}`",
                "`prefill` takes the options of a `multi` question; `{0}` is `{1}`",
            )
            .both(&[text, source_kind.as_str()]);
            self.err(file, span, msg);
            return;
        }
        let source_other = self.other_option.get(&source).cloned();
        let mut map = Vec::new();
        let mut missing = Vec::new();
        for id in &source_options {
            match options.iter().position(|o| &o.id == id) {
                Some(i) => {
                    if options[i].other != (source_other.as_ref() == Some(id)) {
                        let msg = T::new(
                            "die Option `{0}` ist nur in einer von `{1}` und dieser Frage `other = true`; der Name, den der Prüfer dafür einträgt, ginge verloren",
                            "the option `{0}` is `other = true` in one of `{1}` and this question but not in the other; the auditor's name for it would be lost",
                        )
                        .both(&[id, text]);
                        self.err(file, span.clone(), msg);
                        return;
                    }
                    map.push(i);
                }
                None => missing.push(format!("`{id}`")),
            }
        }
        if !missing.is_empty() {
            let msg = T::new(
                "dieser Frage fehlen die Option(en) {0} von `{1}`; jede übernommene Option braucht hier eine mit derselben Id",
                "this question lacks the option(s) {0} of `{1}`; every option carried over needs one with the same id",
            )
            .both(&[&missing.join(", "), text]);
            self.err(file, span, msg);
            return;
        }
        self.prefills.push(Prefill {
            target: QRef {
                section: si,
                question: qi,
            },
            source,
            options: map,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::checklist::{self, Diagnostic};

    /// The number of prefills of a checklist with a repeated `proc.uses` (whatsapp, signal, other) and `disc.found` after it;
    /// `found_keys` are written into `found`, `flag_keys` into the yes/no question inside `proc`.
    fn load(
        found_keys: &str,
        found_options: &str,
        flag_keys: &str,
    ) -> Result<usize, Vec<Diagnostic>> {
        let text = format!(
            r#"format = 1
id = "p"
version = "1.0.0"
languages = ["en"]
title = "P"
description = "P."

[[section]]
id = "start"
title = "Start"

[[section.question]]
id = "procs"
kind = "multi"
text = "Which?"
options = [{{ id = "a", label = "A" }}, {{ id = "b", label = "B" }}]

[[section]]
id = "proc"
for_each = "start.procs"
title = "Process {{item}}"

[[section.question]]
id = "uses"
kind = "multi"
text = "Which messengers?"
options = [
  {{ id = "whatsapp", label = "WhatsApp" }},
  {{ id = "signal", label = "Signal" }},
  {{ id = "other", label = "Other", other = true }},
]

[[section.question]]
id = "flag"
kind = "yes_no"
text = "Flag?"
{flag_keys}

[[section]]
id = "disc"
title = "Discovery"

[[section.question]]
id = "found"
text = "Found?"
{found_keys}
options = [{found_options}]

[[section.question]]
id = "later"
kind = "multi"
text = "Later?"
options = [{{ id = "x", label = "X" }}]
"#
        );
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("p.toml");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        checklist::load(&path).map(|c| c.prefills.len())
    }

    const ALL: &str = r#"{ id = "whatsapp", label = "W" }, { id = "signal", label = "S" }, { id = "other", label = "O", other = true }"#;

    /// The one diagnostic of a load, as "line:column: message".
    fn error(found_keys: &str, found_options: &str, flag_keys: &str) -> String {
        match load(found_keys, found_options, flag_keys) {
            Ok(_) => panic!("expected an error for {found_keys:?}"),
            Err(d) if d.len() == 1 => format!("{}:{}: {}", d[0].line, d[0].column, d[0].message),
            Err(d) => panic!("expected one diagnostic, got {d:?}"),
        }
    }

    #[test]
    fn a_valid_prefill_loads_and_is_listed() {
        let found = "kind = \"multi\"\nprefill = \"proc.uses\"";
        assert_eq!(load(found, ALL, ""), Ok(1));
    }

    #[test]
    fn prefill_needs_a_multi_question() {
        assert_eq!(
            error("kind = \"single\"\nprefill = \"proc.uses\"", ALL, ""),
            "47:11: `prefill` is for `multi` questions; this question is `single`"
        );
    }

    #[test]
    fn prefill_is_not_for_a_repeated_section() {
        let more = "\n[[section.question]]\nid = \"more\"\nkind = \"multi\"\ntext = \"More?\"\n\
                    prefill = \"start.procs\"\noptions = [{ id = \"a\", label = \"A\" }]";
        assert_eq!(
            error("kind = \"multi\"", ALL, more),
            "42:11: `prefill` cannot be used inside a repeated section: it gathers the answers of every repetition"
        );
    }

    #[test]
    fn prefill_names_an_earlier_multi_question_by_id() {
        assert_eq!(
            error("kind = \"multi\"\nprefill = \"proc.uses.x\"", ALL, ""),
            "47:11: `prefill` names a question as `question` or `section.question`: the id `uses.x` contains `.`; ids use only a–z, 0–9, `_` and `-`"
        );
        assert_eq!(
            error("kind = \"multi\"\nprefill = \"later\"", ALL, ""),
            "47:11: `later` comes later in the checklist; `prefill` can only use earlier answers"
        );
        assert_eq!(
            error("kind = \"multi\"\nprefill = \"nowhere.uses\"", ALL, ""),
            "47:11: no section `nowhere` before this point"
        );
        assert_eq!(
            error("kind = \"multi\"\nprefill = \"proc.flag\"", ALL, ""),
            "47:11: `prefill` takes the options of a `multi` question; `proc.flag` is `yes_no`"
        );
    }

    #[test]
    fn every_option_carried_over_needs_its_place() {
        assert_eq!(
            error(
                "kind = \"multi\"\nprefill = \"proc.uses\"",
                r#"{ id = "whatsapp", label = "W" }, { id = "other", label = "O", other = true }"#,
                ""
            ),
            "47:11: this question lacks the option(s) `signal` of `proc.uses`; every option carried over needs one with the same id"
        );
        assert_eq!(
            error(
                "kind = \"multi\"\nprefill = \"proc.uses\"",
                r#"{ id = "whatsapp", label = "W" }, { id = "signal", label = "S" }, { id = "other", label = "O" }"#,
                ""
            ),
            "47:11: the option `other` is `other = true` in one of `proc.uses` and this question but not in the other; the auditor's name for it would be lost"
        );
    }
}
