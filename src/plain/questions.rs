//! Plain mode's questions: each visible question printed with its options, answered line by line, with
//! help and the knowledge base on `?`.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Walk the visible questions from the current one; None when past the last one (go to the review).
pub(super) fn questions(ui: &mut Ui<'_>, a: &mut Audit) -> R<Option<Outcome>> {
    let mut shown_instance = None;
    loop {
        let Some(key) = a.session.current() else {
            return Ok(None);
        };
        if shown_instance != Some((key.section, key.item)) {
            shown_instance = Some((key.section, key.item));
            section_header(ui, a, key)?;
        }
        show_question(ui, a, key)?;
        loop {
            match answer(ui, a, key)? {
                Step::Stay => {}
                Step::Next => {
                    if !a.session.go_next() {
                        return Ok(None);
                    }
                    break;
                }
                Step::Back => {
                    if a.session.go_prev() {
                        break;
                    }
                    ui.say(ui.t(S::AtFirst))?;
                }
                Step::Quit => return Ok(Some(Outcome::Saved(saved(ui, a)?))),
            }
        }
    }
}

/// (index, count) of the section repetition among those with visible questions.
pub(super) fn section_position(a: &Audit, key: Key) -> (usize, usize) {
    let shown: Vec<_> = a
        .session
        .instances()
        .into_iter()
        .filter(|i| i.visible && i.visible_questions > 0)
        .collect();
    let at = shown
        .iter()
        .position(|i| i.section == key.section && i.item == key.item)
        .map_or(0, |p| p + 1);
    (at, shown.len())
}

pub(super) fn section_header(ui: &mut Ui<'_>, a: &Audit, key: Key) -> R<()> {
    let c = a.checklist();
    let s = &c.sections[key.section];
    let item = a.item_label(key);
    let (at, of) = section_position(a, key);
    ui.blank()?;
    ui.say(&fill(
        ui.t(S::SectionHeader),
        &[
            &at.to_string(),
            &of.to_string(),
            &s.title.render(a.code(), item.as_deref()),
        ],
    ))?;
    if let Some(intro) = &s.intro {
        ui.say(&intro.render(a.code(), item.as_deref()))?;
    }
    Ok(())
}

pub(super) fn show_question(ui: &mut Ui<'_>, a: &Audit, key: Key) -> R<()> {
    let c = a.checklist();
    let q = &c.sections[key.section].questions[key.question];
    let item = a.item_label(key);
    let number = a
        .session
        .visible()
        .position(|k| k == key)
        .map_or(0, |p| p + 1);
    let total = a.session.progress().visible;
    let (at, of) = section_position(a, key);
    let lang = ui.lang();
    ui.blank()?;
    ui.say(&fill(
        ui.t(S::QuestionHeader),
        &[
            &number.to_string(),
            &total.to_string(),
            &at.to_string(),
            &of.to_string(),
            &crate::text::sanitize_line(&q.text.render(a.code(), item.as_deref())),
        ],
    ))?;
    // A question about the DPIA shows the screening's current verdict.
    if let Some(line) = crate::explain::current_verdict(lang, &a.session, key) {
        ui.say(&line)?;
    }
    let items = entry::menu(q);
    if !items.is_empty() {
        let line = items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let label = match it {
                    crate::audit::input::Row::Opt(o) => q.options[*o]
                        .label
                        .render(a.code(), item.as_deref())
                        .into_owned(),
                    other => entry::item_label(q, *other, lang, None),
                };
                format!("{}) {}", i + 1, crate::text::sanitize_line(&label))
            })
            .collect::<Vec<_>>()
            .join("  ");
        ui.say(&line)?;
    }
    let mut hint = match q.kind {
        Kind::YesNo | Kind::Single => ui.t(S::HintChoice).to_string(),
        Kind::Multi => ui.t(S::HintMulti).to_string(),
        Kind::Text => ui.t(S::HintText).to_string(),
        Kind::Date => ui.t(S::HintDate).to_string(),
        Kind::Number => {
            let mut bounds = Vec::new();
            if let Some(m) = q.min {
                bounds.push(fill(ui.t(S::HintMin), &[&entry::number(m)]));
            }
            if let Some(m) = q.max {
                bounds.push(fill(ui.t(S::HintMax), &[&entry::number(m)]));
            }
            if bounds.is_empty() {
                format!("{}.", ui.t(S::HintNumber))
            } else {
                format!("{} ({}).", ui.t(S::HintNumber), bounds.join(", "))
            }
        }
    };
    if !q.kind.is_choice() && q.kind != Kind::YesNo {
        let mut states = Vec::new();
        if q.allow_unknown {
            states.push(format!("{}) {}", entry::UNKNOWN_LETTER, ui.t(S::Unknown)));
        }
        if q.allow_not_applicable {
            states.push(format!(
                "{}) {}",
                entry::NOT_APPLICABLE_LETTER,
                ui.t(S::NotApplicable)
            ));
        }
        if !states.is_empty() {
            hint = format!("{hint}  {}", states.join("  "));
        }
    }
    ui.say(&hint)?;
    let ans = a.session.answer(key);
    if let Some(d) = entry::describe(q, ans, a.text_lang) {
        ui.say(&fill(
            ui.t(S::CurrentAnswer),
            &[&crate::text::sanitize_line(&d)],
        ))?;
    } else if !q.required {
        ui.say(ui.t(S::SkipOptional))?;
    }
    if let Some(n) = &ans.note {
        ui.say(&fill(
            ui.t(S::CurrentNote),
            &[&crate::text::sanitize_line(n)],
        ))?;
    }
    let attached =
        crate::evidence::of_question(&a.draft.evidence, &a.session.key_string(key)).count();
    if attached > 0 {
        ui.say(&fill(ui.t(S::EvidenceCount), &[&attached.to_string()]))?;
    }
    ui.say(ui.t(S::Commands))?;
    Ok(())
}

pub(super) enum Step {
    Stay,
    Next,
    Back,
    Quit,
}

/// Read and apply one line at question `key`.
pub(super) fn answer(ui: &mut Ui<'_>, a: &mut Audit, key: Key) -> R<Step> {
    let c = a.checklist();
    let q = &c.sections[key.section].questions[key.question];
    let lang = ui.lang();
    let label = ui.t(S::Answer);
    let e = ui.ask(label, |s| entry::parse(q, s, lang))?;
    match e {
        Entry::Command(Command::Help) => {
            help(ui, a, key)?;
            Ok(Step::Stay)
        }
        Entry::Command(Command::Back) => Ok(Step::Back),
        Entry::Command(Command::Save) => Ok(Step::Quit),
        Entry::Command(Command::Note) => {
            let label = ui.t(S::NotePrompt);
            let note = ui.read(label, false)?;
            let note = note.trim();
            let _ = a.session.set_note(key, Some(note.to_string()));
            a.save(ui)?;
            ui.say(ui.t(if note.is_empty() {
                S::NoteCleared
            } else {
                S::NoteSaved
            }))?;
            Ok(Step::Stay)
        }
        Entry::Command(Command::Reason) => {
            reason(ui, a)?;
            Ok(Step::Stay)
        }
        Entry::Command(Command::Evidence) => {
            super::evidence::at_question(ui, a, key)?;
            Ok(Step::Stay)
        }
        Entry::Empty => {
            if a.session.answer(key).response.is_some() || !q.required {
                Ok(Step::Next)
            } else {
                ui.invalid(ui.t(S::RequiredEmpty))?;
                Ok(Step::Stay)
            }
        }
        Entry::Response(r) => {
            if let Some(o) = entry::other_option(q, &r) {
                let item = a.item_label(key);
                let opt = q.options[o]
                    .label
                    .render(a.code(), item.as_deref())
                    .into_owned();
                let label = fill(ui.t(S::OtherName), &[&opt]);
                let name = ui.ask_text(&label, true)?;
                let _ = a.session.set_other(key, Some(name));
            }
            if let Err(e) = a.session.set(key, Some(r)) {
                let msg = fill(ui.t(S::NotAllowed), &[&e.to_string()]);
                ui.invalid(&msg)?;
                return Ok(Step::Stay);
            }
            a.save(ui)?;
            // An answer can bring in the questions that `--evidence` names.
            super::evidence::attach_pending(ui, a)?;
            Ok(Step::Next)
        }
    }
}

/// Ask for the reason of the last change and put it in the change history (saved at once).
fn reason(ui: &mut Ui<'_>, a: &mut Audit) -> R<()> {
    let Some(last) = a.draft.history.last() else {
        return ui.say(ui.t(S::ReasonNothing));
    };
    // The question's text where the key is one of this checklist's (it always is, unless dropped).
    let question = a.session.parse_key(&last.key).map_or_else(
        || last.key.clone(),
        |k| {
            let item = a.item_label(k);
            a.session
                .question(k)
                .text
                .render(a.code(), item.as_deref())
                .into_owned()
        },
    );
    let label = fill(
        ui.t(S::ReasonPrompt),
        &[&crate::text::sanitize_line(&question)],
    );
    let text = ui.read(&label, false)?;
    if !a.draft.annotate_last(&text) {
        return ui.say(ui.t(S::ReasonNone));
    }
    a.save(ui)?;
    ui.say(ui.t(S::ReasonSaved))
}

pub(super) fn help(ui: &mut Ui<'_>, a: &Audit, key: Key) -> R<()> {
    let c = a.checklist();
    let q = &c.sections[key.section].questions[key.question];
    let code = a.code();
    let item = a.item_label(key);
    match &q.help {
        Some(h) => ui.say(&fill(ui.t(S::Help), &[&h.render(code, item.as_deref())]))?,
        None => ui.say(ui.t(S::NoHelp))?,
    }
    if !q.refs.is_empty() {
        let refs: Vec<String> = q.refs.iter().map(|r| r.get(code).to_string()).collect();
        ui.say(&fill(ui.t(S::Refs), &[&refs.join("; ")]))?;
    }
    let kb = c
        .knowledge
        .as_ref()
        .zip(a.session.item_id(key.section, key.item))
        .and_then(|(kb, id)| kb.entry(id));
    if let Some(e) = kb {
        ui.say(&fill(ui.t(S::Knowledge), &[&e.name, &e.as_of.to_string()]))?;
        for f in &e.facts {
            ui.say(&format!("  - {}: {}", f.label.get(code), f.value.get(code)))?;
        }
        if let Some(n) = &e.note {
            ui.say(&format!("  {}", n.get(code)))?;
        }
        ui.say(&fill(ui.t(S::Sources), &[&e.sources.join(", ")]))?;
    }
    Ok(())
}
