//! Conditions in a checklist: resolving written question references against the place of the condition
//! (earlier answers only, repeat scoping), lowering the syntax tree to a typed `Cond`, and mapping offsets
//! inside TOML strings back to file columns for the diagnostics.

use std::ops::Range;

use toml::Spanned;

use super::{Ctx, Place};
use crate::checklist::expr::{self, Ast, CmpOp, Func, Literal, RefName};
use crate::checklist::model::{Cond, DpiaVerdict, Kind, Ord3, QRef, Test};
use crate::i18n::{Lang, T, Text};

impl Ctx<'_> {
    /// Resolve a written reference at `place`; reports unknown ids, forward references and repeat scoping.
    pub(super) fn resolve(
        &mut self,
        file: usize,
        span: Range<usize>,
        r: &RefName,
        place: Place,
        current: usize,
    ) -> Option<QRef> {
        let what = if matches!(place, Place::Prefill(..)) {
            T::new("`prefill`", "`prefill`")
        } else {
            T::new("eine Bedingung", "a condition")
        };
        // "… {what} can only use earlier answers", with `args` before `what`.
        let later = |template: T, args: &[&str]| {
            Text::by(|lang: Lang| {
                let mut all = args.to_vec();
                all.push(what.get(lang));
                template.fill(lang, &all)
            })
        };
        let section = if let Some(s) = &r.section {
            match self.section_ids.get(s) {
                Some(&i) => i,
                None if self.broken_sections.contains(s) => return None,
                None if self.later_sections.contains(s) => {
                    self.err(
                        file,
                        span,
                        later(
                            T::new(
                                "der Abschnitt `{0}` kommt erst später; {1} kann nur frühere Antworten verwenden",
                                "the section `{0}` comes later; {1} can only use earlier answers",
                            ),
                            &[s],
                        ),
                    );
                    return None;
                }
                None => {
                    let msg = if matches!(place, Place::Section(_))
                        && s == &self.current_section_name(current)
                    {
                        T::new(
                            "die Bedingung eines Abschnitts kann sich nicht auf ihren eigenen Abschnitt `{0}` beziehen",
                            "a section's condition cannot refer to its own section `{0}`",
                        )
                        .both(&[s])
                    } else {
                        T::new(
                            "vor dieser Stelle gibt es keinen Abschnitt `{0}`",
                            "no section `{0}` before this point",
                        )
                        .both(&[s])
                    };
                    self.err(file, span, msg);
                    return None;
                }
            }
        } else {
            if matches!(place, Place::Section(_)) {
                self.err(
                    file,
                    span,
                    T::new(
                        "schreiben Sie `abschnitt.{0}`: die Bedingung eines Abschnitts bezieht sich auf Fragen früherer Abschnitte",
                        "write `section.{0}`: a section's condition refers to questions of earlier sections",
                    )
                    .both(&[&r.question]),
                );
                return None;
            }
            current
        };
        let Some(&question) = self
            .question_ids
            .get(section)
            .and_then(|m| m.get(&r.question))
        else {
            if self.incomplete[section] {
                return None;
            }
            if self
                .later_questions
                .get(section)
                .is_some_and(|qs| qs.contains(&r.question))
            {
                self.err(
                    file,
                    span,
                    later(
                        T::new(
                            "`{0}` kommt erst später in der Checkliste; {1} kann nur frühere Antworten verwenden",
                            "`{0}` comes later in the checklist; {1} can only use earlier answers",
                        ),
                        &[&r.question],
                    ),
                );
                return None;
            }
            let sec = self.section_name(section);
            self.err(
                file,
                span,
                T::new(
                    "der Abschnitt `{0}` hat vor dieser Stelle keine Frage `{1}`",
                    "section `{0}` has no question `{1}` before this point",
                )
                .both(&[&sec, &r.question]),
            );
            return None;
        };
        let ok = match place {
            Place::Section(s) => section < s,
            Place::Question(s, q) => (section, question) < (s, q),
            Place::QuestionFinding(s, q) => (section, question) <= (s, q),
            Place::SectionFinding(s) => section <= s,
            Place::Prefill(s, q) => (section, question) < (s, q),
        };
        if !ok {
            self.err(
                file,
                span,
                later(
                    T::new(
                        "`{0}` kommt erst später in der Checkliste; {1} kann nur frühere Antworten verwenden",
                        "`{0}` comes later in the checklist; {1} can only use earlier answers",
                    ),
                    &[&format!("{}.{}", self.section_name(section), r.question)],
                ),
            );
            return None;
        }
        if self.repeated[section] && section != current && !matches!(place, Place::Prefill(..)) {
            self.err(
                file,
                span,
                T::new(
                    "`{0}` steht im wiederholten Abschnitt `{1}` und kann nur innerhalb dieses Abschnitts verwendet werden",
                    "`{0}` is inside the repeated section `{1}` and can only be used from inside that section",
                )
                .both(&[&r.question, &self.section_name(section)]),
            );
            return None;
        }
        Some(QRef { section, question })
    }

    pub(super) fn section_name(&self, i: usize) -> String {
        self.section_ids
            .iter()
            .find(|(_, v)| **v == i)
            .map_or_else(String::new, |(k, _)| k.clone())
    }

    pub(super) fn current_section_name(&self, i: usize) -> String {
        self.section_name(i)
    }

    /// Parse, resolve and type-check a condition string.
    pub(super) fn condition(
        &mut self,
        file: usize,
        src: &Spanned<String>,
        place: Place,
        current: usize,
    ) -> Option<Cond> {
        let span = src.span();
        let text = src.get_ref();
        let raw = &self.files.sources.text(file)[span.clone()];
        let map = Mapping(string_offsets(raw, text, span.start), span);
        let ast = match expr::parse(text) {
            Ok(a) => a,
            Err(e) => {
                self.err(
                    file,
                    map.at(&e.span),
                    Text::by(|lang| {
                        T::new("in der Bedingung: {0}", "in condition: {0}")
                            .fill(lang, &[e.message.get(lang)])
                    }),
                );
                return None;
            }
        };
        self.lower(file, &map, &ast, place, current)
    }

    pub(super) fn lower(
        &mut self,
        file: usize,
        map: &Mapping,
        ast: &Ast,
        place: Place,
        current: usize,
    ) -> Option<Cond> {
        match ast {
            Ast::Or(a, b) | Ast::And(a, b) => {
                let l = self.lower(file, map, a, place, current);
                let r = self.lower(file, map, b, place, current);
                let (l, r) = (Box::new(l?), Box::new(r?));
                Some(if matches!(ast, Ast::Or(..)) {
                    Cond::Or(l, r)
                } else {
                    Cond::And(l, r)
                })
            }
            Ast::Not(a) => Some(Cond::Not(Box::new(
                self.lower(file, map, a, place, current)?,
            ))),
            Ast::Item {
                span,
                equal,
                op_span: _,
                literal,
                literal_span,
            } => {
                let options = match self.item_options.clone() {
                    // The section's `for_each` is broken and was reported: no follow-up errors.
                    Some(o) if o.is_empty() => return None,
                    o => o,
                };
                let Some(options) = options else {
                    self.err(
                        file,
                        map.at(span),
                        T::new(
                            "`item` gibt es nur in einem wiederholten Abschnitt (einem mit `for_each`)",
                            "`item` can only be used in a repeated section (one with `for_each`)",
                        ),
                    );
                    return None;
                };
                let Literal::Str(id) = literal else {
                    return None;
                };
                if let Some(option) = options.iter().position(|o| o == id) {
                    Some(Cond::Item {
                        option,
                        equal: *equal,
                    })
                } else {
                    self.err(
                        file,
                        map.at(literal_span),
                        T::new(
                            "dieser Abschnitt wiederholt sich für die Optionen seiner `for_each`-Frage, und diese hat keine Option „{0}“; ihre Optionen sind: {1}",
                            "this section repeats for the options of its `for_each` question, which has no option \"{0}\"; its options are: {1}",
                        )
                        .both(&[id, &options.join(", ")]),
                    );
                    None
                }
            }
            Ast::Dpia {
                span,
                op,
                op_span,
                verdict,
                verdict_span,
            } => {
                let op = match op {
                    CmpOp::Eq => Ord3::Eq,
                    CmpOp::Ne => Ord3::Ne,
                    CmpOp::Lt => Ord3::Lt,
                    CmpOp::Le => Ord3::Le,
                    CmpOp::Gt => Ord3::Gt,
                    CmpOp::Ge => Ord3::Ge,
                    CmpOp::Contains => {
                        self.err(
                            file,
                            map.at(op_span),
                            T::new(
                                "dpia() wird mit ==, !=, <, <=, > oder >= verglichen",
                                "dpia() is compared with ==, !=, <, <=, > or >=",
                            ),
                        );
                        return None;
                    }
                };
                self.dpia_uses.push((file, map.at(span), current));
                // `recommended` is the format-1 name; a condition says what it means.
                if let Some(verdict) = DpiaVerdict::ALL.into_iter().find(|v| v.as_str() == verdict)
                {
                    Some(Cond::Dpia { op, verdict })
                } else {
                    let hint = if verdict == "recommended" {
                        T::new(
                            " (zwei oder mehr Kriterien heißen `required_in_most_cases`)",
                            " (two or more criteria is `required_in_most_cases`)",
                        )
                    } else {
                        T::new("", "")
                    };
                    let verdicts = DpiaVerdict::ALL
                        .map(super::super::model::DpiaVerdict::as_str)
                        .join(", ");
                    self.err(
                        file,
                        map.at(verdict_span),
                        Text::by(|lang| {
                            T::new(
                                "unbekanntes Ergebnis der DSFA-Vorprüfung `{0}`; die Ergebnisse sind {1}{2}",
                                "unknown DPIA verdict `{0}`; the verdicts are {1}{2}",
                            )
                            .fill(lang, &[verdict, &verdicts, hint.get(lang)])
                        }),
                    );
                    None
                }
            }
            Ast::Call { func, target } => {
                let q = self.resolve(file, map.at(&target.span), target, place, current)?;
                let test = match func {
                    Func::Answered => Test::Answered,
                    Func::Unknown => Test::Unknown,
                    Func::NotApplicable => Test::NotApplicable,
                    Func::Selected => {
                        let kind = self.questions[q.section][q.question].0?;
                        if !kind.is_choice() {
                            self.err(
                                file,
                                map.at(&target.span),
                                T::new(
                                    "selected() ist für Auswahlfragen (single und multi); `{0}` ist `{1}` (nehmen Sie answered())",
                                    "selected() is for single and multi choice questions; `{0}` is `{1}` (use answered())",
                                )
                                .both(&[&target.question, kind.as_str()]),
                            );
                            return None;
                        }
                        Test::Selected
                    }
                };
                Some(Cond::Test(q, test))
            }
            Ast::Ref(target) => {
                let q = self.resolve(file, map.at(&target.span), target, place, current)?;
                // An unknown kind was reported already; don't pile type errors on it.
                let kind = self.questions[q.section][q.question].0?;
                if kind != Kind::YesNo {
                    self.err(
                        file,
                        map.at(&target.span),
                        T::new(
                            "`{0}` ist eine Frage der Art `{1}`: vergleichen Sie sie (zum Beispiel `{0} == …`); allein stehen nur yes_no-Fragen",
                            "`{0}` is a `{1}` question: compare it (for example `{0} == …`); only yes_no questions stand alone",
                        )
                        .both(&[&target.question, kind.as_str()]),
                    );
                    return None;
                }
                Some(Cond::Test(
                    q,
                    Test::Bool {
                        value: true,
                        equal: true,
                    },
                ))
            }
            Ast::Cmp {
                target,
                op,
                op_span,
                literal,
                literal_span,
            } => {
                let q = self.resolve(file, map.at(&target.span), target, place, current)?;
                let (kind, options) = self.questions[q.section][q.question].clone();
                let kind = kind?;
                match self.type_check(kind, &options, target, *op, literal) {
                    Ok(t) => Some(Cond::Test(q, t)),
                    Err((on_op, msg)) => {
                        self.err(
                            file,
                            map.at(if on_op { op_span } else { literal_span }),
                            msg,
                        );
                        None
                    }
                }
            }
        }
    }
}

/// Maps byte offsets inside a TOML string's value to offsets in the file.
pub(super) struct Mapping(Option<Vec<usize>>, Range<usize>);

impl Mapping {
    /// The file range of `r`; the whole string when its escapes could not be followed.
    pub(super) fn at(&self, r: &Range<usize>) -> Range<usize> {
        match &self.0 {
            Some(m) if r.end < m.len() => m[r.start]..m[r.end].max(m[r.start]),
            _ => self.1.clone(),
        }
    }
}

/// For the written string `raw` (with quotes, starting at file offset `start`) whose value is `value`, the file
/// offset of every byte of `value` plus one past the end. Follows basic-string escapes such as `\"`.
fn string_offsets(raw: &str, value: &str, start: usize) -> Option<Vec<usize>> {
    let q = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    if raw.len() < 2 * q {
        return None;
    }
    let inner = &raw[q..raw.len() - q];
    let base = start + q;
    let literal = raw.starts_with('\'');
    let mut out = Vec::with_capacity(value.len() + 1);
    let mut produced = String::with_capacity(value.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ch = if c == '\\' && !literal {
            let (_, e) = chars.next()?;
            match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'e' => '\u{1b}',
                '"' => '"',
                '\\' => '\\',
                'u' | 'U' => {
                    let n = if e == 'u' { 4 } else { 8 };
                    let hex: String = (0..n)
                        .filter_map(|_| chars.next().map(|(_, h)| h))
                        .collect();
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                _ => return None,
            }
        } else {
            c
        };
        for _ in 0..ch.len_utf8() {
            out.push(base + i);
        }
        produced.push(ch);
    }
    out.push(base + inner.len());
    (produced == value).then_some(out)
}
