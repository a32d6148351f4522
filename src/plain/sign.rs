//! Plain mode's review and sign-off: the outcome as text, then signer, statement, key and password.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Print the review and ask what next: 1 sign off, 2 back to the questions, 3 save and quit.
pub(super) fn review(ui: &mut Ui<'_>, a: &mut Audit) -> R<usize> {
    let code = a.code();
    let s = &a.session;
    let c = a.checklist();
    ui.blank()?;
    ui.say(ui.t(S::Review))?;
    let p = s.progress();
    ui.say(&fill(
        ui.t(S::Progress),
        &[
            &p.answered.to_string(),
            &p.required.to_string(),
            &p.visible.to_string(),
        ],
    ))?;
    let open: Vec<Key> = s.open_required().collect();
    if open.is_empty() {
        ui.say(ui.t(S::NoneOpen))?;
    } else {
        ui.say(&fill(ui.t(S::OpenRequired), &[&open.len().to_string()]))?;
        for k in open {
            let item = s.item_label(k.section, k.item, code);
            let text = c.sections[k.section].questions[k.question]
                .text
                .render(code, item.as_deref())
                .into_owned();
            ui.say(&format!(
                "  - {} ({})",
                crate::text::sanitize_line(&text),
                s.key_string(k)
            ))?;
        }
    }
    let mut findings: Vec<_> = s.findings().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.finding.severity));
    if findings.is_empty() {
        ui.say(ui.t(S::NoFindings))?;
    } else {
        ui.say(&fill(ui.t(S::Findings), &[&findings.len().to_string()]))?;
        for f in &findings {
            let item = s.item_label(f.section, f.item, code);
            ui.say(&format!(
                "  [{}] {} ({})",
                vocab::severity(f.finding.severity).get(ui.lang()),
                crate::text::sanitize_line(&f.finding.title.render(code, item.as_deref())),
                s.finding_key(f)
            ))?;
            ui.say(&format!(
                "      {}",
                fill(
                    ui.t(S::Measure),
                    &[&crate::text::sanitize_line(
                        &f.finding.measure.render(code, item.as_deref())
                    )]
                )
            ))?;
        }
    }
    let dpia = s.dpia();
    let lang = ui.lang();
    let verdict = format!(
        "{} – {}",
        vocab::verdict(dpia.verdict).get(lang),
        vocab::verdict_explained(dpia.verdict).get(lang)
    );
    ui.say(&fill(ui.t(S::Dpia), &[&verdict]))?;
    if !dpia.criteria.is_empty() {
        let names: Vec<&str> = dpia
            .criteria
            .iter()
            .map(|c| vocab::criterion(*c).get(lang))
            .collect();
        ui.say(&fill(ui.t(S::DpiaCriteria), &[&names.join(", ")]))?;
    }
    ui.blank()?;
    ui.ask_menu(S::ReviewMenu, 3)
}

/// Read a password (no echo on a terminal); a new one is asked twice on a terminal.
pub(super) fn password(ui: &mut Ui<'_>, label: S, new: bool) -> R<String> {
    loop {
        let first = ui.read(ui.t(label), true)?;
        if new && first.is_empty() {
            ui.invalid(ui.t(S::EmptyPassword))?;
            continue;
        }
        if new && ui.env.read_secret.is_some() {
            let second = ui.read(ui.t(S::RepeatPassword), true)?;
            if first != second {
                ui.invalid(ui.t(S::PasswordsDiffer))?;
                continue;
            }
        }
        return Ok(first);
    }
}

/// Sign-off; None goes back to the review.
pub(super) fn sign(ui: &mut Ui<'_>, a: &mut Audit) -> R<Option<Outcome>> {
    let keys = ui.env.paths.keys_dir();
    ui.blank()?;
    ui.say(ui.t(S::SignOff))?;
    if !crate::sign::secret_key_path(&keys).is_file() {
        ui.say(&fill(ui.t(S::NoKey), &[&keys.display().to_string()]))?;
        if ui.ask_menu(S::KeyMenu, 2)? == 2 {
            ui.say(ui.t(S::NoKeyNoSignOff))?;
            return Ok(Some(Outcome::Saved(saved(ui, a)?)));
        }
        let pw = password(ui, S::NewPassword, true)?;
        let info =
            crate::sign::keygen(&keys, &pw, false).map_err(|e| Failure::system(e.to_string()))?;
        ui.say(&fill(
            ui.t(S::KeyCreated),
            &[
                &info.key_id,
                &info.secret_key_path.display().to_string(),
                &info.public_key_path.display().to_string(),
            ],
        ))?;
    }
    let auditor = a.draft.meta.auditor.trim().to_string();
    let name_label = format!("{} [{}]", ui.t(S::SignerName), auditor);
    let name = ui.ask_text(&name_label, auditor.is_empty())?;
    let name = if name.is_empty() { auditor } else { name };
    let role_label = format!("{} ({})", ui.t(S::SignerRole), ui.t(S::Optional));
    let role = ui.ask_text(&role_label, false)?;
    let default = signoff::default_statement(a.text_lang);
    ui.say(&fill(ui.t(S::Statement), &[default]))?;
    let statement = ui.ask_text(ui.t(S::StatementKeep), false)?;
    let statement = if statement.is_empty() {
        default.to_string()
    } else {
        statement
    };
    let open = a.session.open_required().count();
    if open > 0 {
        let n = vocab::required_count(ui.lang(), open);
        ui.say(&fill(ui.t(S::WarnOpen), &[&n]))?;
    }
    let findings = a.session.findings().count();
    if findings > 0 {
        let n = vocab::findings_count(ui.lang(), findings);
        ui.say(&fill(ui.t(S::WarnFindings), &[&n]))?;
    }
    if ui.ask_menu(S::ConfirmMenu, 2)? == 2 {
        return Ok(None);
    }
    let signer = Signer {
        name,
        role,
        statement,
    };
    a.save(ui)?;
    let signed = loop {
        let pw = password(ui, S::KeyPassword, false)?;
        match signoff::sign_off(
            &a.session,
            &a.draft,
            &signer,
            &pw,
            &keys,
            &ui.env.paths.results_dir(),
            ui.now(),
        ) {
            Ok(s) => break s,
            Err(SignOffError::Sign(e @ crate::sign::SignError::WrongPassword { .. })) => {
                ui.invalid(&fill(ui.t(S::SignFailed), &[&e.to_string()]))?;
            }
            Err(e) => {
                return Err(Failure::system(fill(
                    ui.t(S::SignFailed),
                    &[&e.to_string()],
                )));
            }
        }
    };
    ui.blank()?;
    ui.say(&fill(
        ui.t(S::ResultWritten),
        &[&signed.result.display().to_string()],
    ))?;
    ui.say(&fill(
        ui.t(S::SignatureWritten),
        &[&signed.signature.display().to_string()],
    ))?;
    ui.say(&fill(ui.t(S::KeyId), &[&signed.key_id]))?;
    match a.ws.archive(&a.draft.audit_id) {
        Ok(p) => ui.say(&fill(ui.t(S::DraftArchived), &[&p.display().to_string()]))?,
        Err(e) => ui.say(&e.to_string())?,
    }
    ui.say(&fill(
        ui.t(S::VerifyHint),
        &[&signed.result.display().to_string()],
    ))?;
    Ok(Some(Outcome::Signed(signed)))
}
