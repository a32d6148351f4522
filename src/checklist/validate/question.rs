//! One question of a checklist: a known kind, its texts, options (unique ids, at most one `other`),
//! `min`/`max` for numbers, its condition, prefill and Art. 30 field, and the findings attached to it.

use super::{Ctx, Place};
use crate::checklist::model::{ChoiceOption, Kind, QRef, Question};
use crate::checklist::raw::RawQuestionEntry;
use crate::i18n::T;

impl Ctx<'_> {
    pub(super) fn question(
        &mut self,
        file: usize,
        si: usize,
        qi: usize,
        entry: RawQuestionEntry,
    ) -> Option<Question> {
        let RawQuestionEntry { q, findings } = entry;
        let kind = match q.kind.get_ref().as_str() {
            "yes_no" => Some(Kind::YesNo),
            "single" => Some(Kind::Single),
            "multi" => Some(Kind::Multi),
            "text" => Some(Kind::Text),
            "number" => Some(Kind::Number),
            "date" => Some(Kind::Date),
            other => {
                self.err(
                    file,
                    q.kind.span(),
                    T::new(
                        "unbekannte Art `{0}`; möglich sind yes_no, single, multi, text, number oder date",
                        "unknown kind `{0}`; use yes_no, single, multi, text, number or date",
                    )
                    .both(&[other]),
                );
                None
            }
        };
        let text = self.text(file, q.text, T::new("die Frage", "the question"));
        let help = q
            .help
            .map(|h| self.text(file, h, T::new("die Hilfe", "the help")));
        let refs = q
            .refs
            .into_iter()
            .map(|r| self.reference(file, r))
            .collect();
        let when = q
            .when
            .as_ref()
            .map(|w| self.condition(file, w, Place::Question(si, qi), si));
        let mut options: Vec<ChoiceOption> = Vec::new();
        if let Some(k) = kind {
            match (q.options, k.is_choice()) {
                (None, true) => self.err(
                    file,
                    q.id.span(),
                    T::new(
                        "eine Frage der Art `{0}` braucht `options`",
                        "a `{0}` question needs `options`",
                    )
                    .both(&[k.as_str()]),
                ),
                (Some(o), false) => self.err(
                    file,
                    o.span(),
                    T::new(
                        "eine Frage der Art `{0}` hat keine `options`; entfernen Sie sie oder ändern Sie die Art",
                        "a `{0}` question has no `options`; remove them or change the kind",
                    )
                    .both(&[k.as_str()]),
                ),
                (Some(o), true) => {
                    let min = if k == Kind::Single { 2 } else { 1 };
                    if o.get_ref().len() < min {
                        self.err(
                            file,
                            o.span(),
                            T::new(
                                "eine Frage der Art `{0}` braucht mindestens {1} Option(en)",
                                "a `{0}` question needs at least {1} option(s)",
                            )
                            .both(&[k.as_str(), &min.to_string()]),
                        );
                    }
                    let mut others = 0;
                    options.reserve_exact(o.get_ref().len());
                    for opt in o.into_inner() {
                        let opt = opt.into_inner();
                        self.check_id(file, &opt.id);
                        // A question has a handful of options: a scan is cheaper than a set.
                        if options.iter().any(|known| known.id == *opt.id.get_ref()) {
                            self.err(
                                file,
                                opt.id.span(),
                                T::new(
                                    "die Option `{0}` ist doppelt aufgeführt",
                                    "the option `{0}` is listed twice",
                                )
                                .both(&[opt.id.get_ref()]),
                            );
                        }
                        if opt.other {
                            others += 1;
                            if others > 1 {
                                self.err(
                                    file,
                                    opt.id.span(),
                                    T::new(
                                        "eine Frage kann nur eine Option mit `other = true` haben",
                                        "a question can have only one `other = true` option",
                                    ),
                                );
                            }
                        }
                        let label = self.text(
                            file,
                            opt.label,
                            T::new("die Beschriftung der Option", "the option's label"),
                        );
                        options.push(ChoiceOption {
                            id: opt.id.into_inner(),
                            label,
                            other: opt.other,
                        });
                    }
                }
                (None, false) => {}
            }
            if k != Kind::Number {
                for m in [&q.min, &q.max].into_iter().flatten() {
                    self.err(
                        file,
                        m.span(),
                        T::new(
                            "`min` und `max` gibt es nur bei Fragen der Art `number`",
                            "`min` and `max` are for `number` questions only",
                        ),
                    );
                }
            }
            if let (Some(lo), Some(hi)) = (&q.min, &q.max)
                && lo.get_ref() > hi.get_ref()
            {
                self.err(
                    file,
                    hi.span(),
                    T::new("`max` ist kleiner als `min`", "`max` is smaller than `min`"),
                );
            }
            for m in [&q.min, &q.max].into_iter().flatten() {
                if !m.get_ref().is_finite() {
                    self.err(
                        file,
                        m.span(),
                        T::new(
                            "`min` und `max` müssen endliche Zahlen sein",
                            "`min` and `max` must be finite numbers",
                        ),
                    );
                }
            }
        }
        // Register before the findings: a finding may refer to its own question.
        self.question_ids[si].insert(q.id.get_ref().clone(), qi);
        self.questions[si].push((kind, options.iter().map(|o| o.id.clone()).collect()));
        if let Some(o) = options.iter().find(|o| o.other) {
            let here = QRef {
                section: si,
                question: qi,
            };
            self.other_option.insert(here, o.id.clone());
        }
        if let Some(p) = &q.prefill {
            self.prefill(file, p, si, qi, kind, &options);
        }
        let art30 = match &q.art30 {
            None => Some(None),
            Some(f) => match crate::checklist::art30::parse_field(f.get_ref()) {
                Ok(f) => Some(Some(f)),
                Err(msg) => {
                    self.err(file, f.span(), msg);
                    None
                }
            },
        };
        let findings: Vec<_> = findings
            .into_iter()
            .map(|f| self.finding(file, f, Place::QuestionFinding(si, qi), si))
            .collect();
        Some(Question {
            id: q.id.into_inner(),
            kind: kind?,
            text,
            help,
            refs,
            options,
            required: q.required.unwrap_or(true),
            allow_unknown: q.unknown.unwrap_or(true),
            allow_not_applicable: q.not_applicable.unwrap_or(false),
            when: match when {
                Some(c) => Some(c?),
                None => None,
            },
            min: q.min.as_ref().map(|m| *m.get_ref()),
            max: q.max.as_ref().map(|m| *m.get_ref()),
            art30: art30?,
            findings: findings.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }
}
