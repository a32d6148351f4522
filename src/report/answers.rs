//! A result's answers for reports: in checklist order, grouped by section repetition, each with its
//! question text and its value in words, and where messengers are used — with the checklist when it is
//! available, from the raw stored values otherwise.

use super::model::{AnswerRow, Criterion, MessengerUse, Place, SectionAnswers};
use super::texts as tx;
use super::verification::clean;
use crate::audit::result::ResultFile;
use crate::audit::{Key, Session, Value, input, values};
use crate::checklist::DpiaCriterion;
use crate::lang::Lang;

/// The checklist's view of a result, when its checklist is available.
pub(super) struct Ctx<'a> {
    pub(super) session: Option<Session>,
    pub(super) lang: Lang,
    pub(super) result: &'a ResultFile,
}

impl Ctx<'_> {
    pub(super) fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// Section index and repetition of `section` or `section[option]`.
    pub(super) fn section_ref(&self, text: &str) -> Option<(usize, Option<usize>)> {
        let s = self.session.as_ref()?;
        let c = s.checklist();
        let (id, item) = match text.split_once('[') {
            Some((id, rest)) => (id, Some(rest.strip_suffix(']')?)),
            None => (text, None),
        };
        let si = c.sections.iter().position(|x| x.id == id)?;
        let item = match (item, c.sections[si].for_each) {
            (Some(opt), Some(fe)) => {
                Some(c.sections[fe.section].questions[fe.question].option_index(opt)?)
            }
            (None, None) => None,
            _ => return None,
        };
        Some((si, item))
    }

    pub(super) fn section_title(&self, text: &str) -> String {
        match (self.session.as_ref(), self.section_ref(text)) {
            (Some(s), Some((si, item))) => {
                let label = s.item_label(si, item, self.code());
                clean(
                    &s.checklist().sections[si]
                        .title
                        .render(self.code(), label.as_deref()),
                )
            }
            _ => clean(text),
        }
    }
}

/// The section part of an answer key: `process[orders]` of `process[orders].which`.
pub(super) fn section_of(key: &str) -> &str {
    key.rsplit_once('.').map_or(key, |(s, _)| s)
}

pub(super) fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(clean(s)),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (clean(k), toml_to_json(v))).collect())
        }
    }
}

use input::number;

/// A raw TOML value for people, without the checklist.
pub(super) fn raw_display(v: &toml::Value, lang: Lang) -> String {
    match v {
        toml::Value::String(s) => clean(s),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => number(*f),
        toml::Value::Boolean(b) => tx::yes_no(*b, lang).to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(a) => a
            .iter()
            .map(|x| raw_display(x, lang))
            .collect::<Vec<_>>()
            .join("; "),
        toml::Value::Table(_) => String::new(),
    }
}

/// Split a stored answer into (state, value, note, other) without the checklist.
pub(super) fn raw_parts(
    v: &toml::Value,
) -> (
    &'static str,
    Option<&toml::Value>,
    Option<String>,
    Option<String>,
) {
    let toml::Value::Table(t) = v else {
        return ("answered", Some(v), None, None);
    };
    let text = |k: &str| t.get(k).and_then(|x| x.as_str()).map(clean);
    let state = match (t.get("value"), t.get("state").and_then(|s| s.as_str())) {
        (Some(_), _) => "answered",
        (None, Some("unknown")) => "unknown",
        (None, Some("not_applicable")) => "not_applicable",
        _ => "none",
    };
    (state, t.get("value"), text("note"), text("other"))
}

pub(super) fn answer_row(ctx: &Ctx<'_>, key: &str, v: &toml::Value) -> AnswerRow {
    let lang = ctx.lang;
    let (state, raw_value, note, other) = raw_parts(v);
    let value = raw_value.map_or(serde_json::Value::Null, toml_to_json);
    let state_text = |state: &str| match state {
        "unknown" => tx::UNKNOWN.get(lang).to_string(),
        "not_applicable" => tx::NOT_APPLICABLE.get(lang).to_string(),
        _ => "—".to_string(),
    };
    let parsed = ctx.session.as_ref().and_then(|s| {
        let k = s.parse_key(key)?;
        let q = s.question(k);
        let a = values::parse_answer(q, v).ok()?;
        let label = s.item_label(k.section, k.item, ctx.code());
        let question = clean(&q.text.render(ctx.code(), label.as_deref()));
        let display =
            input::describe(q, &a, lang).map_or_else(|| state_text("none"), |d: String| clean(&d));
        Some((question, display))
    });
    let (question, display) = parsed.unwrap_or_else(|| {
        let display = match raw_value {
            Some(x) => raw_display(x, lang),
            None => state_text(state),
        };
        let display = match &other {
            Some(o) if !o.trim().is_empty() => format!("{display} ({}: {o})", tx::OTHER.get(lang)),
            _ => display,
        };
        (clean(key), display)
    });
    AnswerRow {
        key: clean(key),
        question,
        state,
        value,
        display,
        note,
        other,
    }
}

/// Messenger ids and names of the knowledge base that ships with msgaudit, for results without their
/// checklist: from the copy embedded in the binary (an installed binary has no source folder to read),
/// parsed once per process (`summary` builds a report per result).
pub(super) fn shipped_messengers() -> &'static [(String, String)] {
    static SHIPPED: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        let Some((_, text)) = crate::shipped::FILES
            .iter()
            .find(|(name, _)| *name == "messengers.toml")
        else {
            return Vec::new();
        };
        let Ok(t) = text.parse::<toml::Table>() else {
            return Vec::new();
        };
        t.get("entry")
            .and_then(|e| e.as_array())
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|e| {
                        Some((
                            e.get("id")?.as_str()?.to_string(),
                            e.get("name")?.as_str()?.to_string(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Which messengers the answers name, and where: every choice answer whose options are messengers of the
/// knowledge base (the checklist's, else the shipped one); an `other` option beside them counts with its name.
pub(super) fn messengers(ctx: &Ctx<'_>, answers: &[(String, toml::Value)]) -> Vec<MessengerUse> {
    let mut out: Vec<MessengerUse> = Vec::new();
    let mut add = |id: String, name: String, place: Place| match out.iter_mut().find(|m| m.id == id)
    {
        Some(m) => {
            if !m.places.contains(&place) {
                m.places.push(place);
            }
        }
        None => out.push(MessengerUse {
            id,
            name,
            places: vec![place],
        }),
    };
    let shipped = shipped_messengers();
    let place = |key: &str| Place {
        section: clean(section_of(key)),
        title: ctx.section_title(section_of(key)),
        answer: clean(key),
    };
    match ctx.session.as_ref() {
        Some(s) => {
            let c = s.checklist();
            let kb_name = |id: &str| -> Option<String> {
                match &c.knowledge {
                    Some(kb) => kb.entry(id).map(|e| e.name.clone()),
                    None => shipped
                        .iter()
                        .find(|(i, _)| i == id)
                        .map(|(_, n)| n.clone()),
                }
            };
            for (key, v) in answers {
                let Some(k) = s.parse_key(key) else { continue };
                let q = s.question(k);
                if !q.kind.is_choice() || !q.options.iter().any(|o| kb_name(&o.id).is_some()) {
                    continue;
                }
                let Ok(a) = values::parse_answer(q, v) else {
                    continue;
                };
                let chosen: Vec<usize> = match a.value() {
                    Some(Value::Choice(i)) => vec![*i],
                    Some(Value::Choices(is)) => is.clone(),
                    _ => continue,
                };
                for i in chosen {
                    let Some(o) = q.options.get(i) else { continue };
                    if let Some(name) = kb_name(&o.id) {
                        add(clean(&o.id), clean(&name), place(key));
                    } else if o.other {
                        let name = a
                            .other
                            .as_deref()
                            .filter(|n| !n.trim().is_empty())
                            .map_or_else(|| o.label.get(ctx.code()).to_string(), str::to_string);
                        add(format!("other:{}", clean(&name)), clean(&name), place(key));
                    }
                }
            }
        }
        None => {
            for (key, v) in answers {
                let (_, value, _, _) = raw_parts(v);
                let ids: Vec<&str> = match value {
                    Some(toml::Value::String(s)) => vec![s.as_str()],
                    Some(toml::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
                    _ => continue,
                };
                for id in ids {
                    if let Some((_, name)) = shipped.iter().find(|(i, _)| i == id) {
                        add(clean(id), clean(name), place(key));
                    }
                }
            }
        }
    }
    out
}

pub(super) fn criterion(c: DpiaCriterion, lang: Lang) -> Criterion {
    Criterion {
        id: c,
        label: tx::dpia_criterion(c, lang).to_string(),
    }
}

/// Answers in checklist order (by key when the checklist is not available).
pub(super) fn ordered(ctx: &Ctx<'_>, table: &toml::Table) -> Vec<(String, toml::Value)> {
    let mut v: Vec<(Option<Key>, String, toml::Value)> = table
        .iter()
        .map(|(k, v)| {
            (
                ctx.session.as_ref().and_then(|s| s.parse_key(k)),
                k.clone(),
                v.clone(),
            )
        })
        .collect();
    // Keys the checklist knows first, in its order; the rest by name.
    v.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    v.into_iter().map(|(_, k, v)| (k, v)).collect()
}

/// Answer rows grouped by section repetition, in the given order.
pub(super) fn by_section(ctx: &Ctx<'_>, answers: &[(String, toml::Value)]) -> Vec<SectionAnswers> {
    let mut sections: Vec<SectionAnswers> = Vec::new();
    for (key, value) in answers {
        let row = answer_row(ctx, key, value);
        let sec = section_of(key);
        match sections.last_mut() {
            Some(s) if s.key == clean(sec) => s.answers.push(row),
            _ => sections.push(SectionAnswers {
                key: clean(sec),
                title: ctx.section_title(sec),
                answers: vec![row],
            }),
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    /// Results whose checklist is gone still name their messengers: from the embedded knowledge base,
    /// which an installed binary has even where the source folder is not.
    #[test]
    fn the_shipped_messengers_come_from_the_embedded_knowledge_base() {
        let shipped = super::shipped_messengers();
        assert!(
            shipped
                .iter()
                .any(|(id, name)| id == "whatsapp" && name.contains("WhatsApp")),
            "{shipped:?}"
        );
        let entries = crate::shipped::FILES
            .iter()
            .find(|(n, _)| *n == "messengers.toml")
            .map(|(_, t)| t.matches("[[entry]]").count());
        assert_eq!(Some(shipped.len()), entries);
    }
}
