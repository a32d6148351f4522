//! Plain mode's review and sign-off: the outcome as text, then signer, statement, key and password.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::audit::Outcome as AuditOutcome;
use crate::audit::result::audit_date;
use crate::checklist::Severity;
use zeroize::Zeroizing;

/// Print the review and ask what next: 1 sign off, 2 back to the questions, 3 save and quit.
pub(super) fn review(ui: &mut Ui<'_>, a: &mut Audit) -> R<usize> {
    let lang = ui.lang();
    let clean = |t: &str| crate::text::sanitize_line(t).into_owned();
    let o = AuditOutcome::derive(&a.session, &a.draft.meta, audit_date(ui.now()));
    ui.blank()?;
    ui.say(ui.t(S::Review))?;
    // The management summary first: what the audit says.
    ui.say(vocab::MANAGEMENT_SUMMARY.get(lang))?;
    for line in crate::explain::summary_lines(lang, &o, a.draft.meta.audit_date) {
        ui.say(&format!("  {line}"))?;
    }
    // Open points: unknown answers and open required questions, by question text.
    if o.open_points.is_empty() {
        ui.say(vocab::NO_OPEN_POINTS.get(lang))?;
    } else {
        ui.say(&format!(
            "{} ({}):",
            vocab::OPEN_POINTS.get(lang),
            o.open_points.len()
        ))?;
        for p in &o.open_points {
            ui.say(&format!(
                "  - [{}] {} › {} ({})",
                p.kind.word().get(lang),
                clean(&p.place.title),
                clean(&p.question),
                clean(&p.key)
            ))?;
        }
    }
    // Answers that contradict a dated fact of the knowledge base; the auditor's answer stands.
    if !o.contradictions.is_empty() {
        ui.say(&format!(
            "{} ({}):",
            vocab::CONTRADICTIONS.get(lang),
            o.contradictions.len()
        ))?;
        for c in &o.contradictions {
            ui.say(&format!(
                "  - {} › {} ({})",
                clean(&c.place.title),
                clean(&c.question),
                clean(&c.key)
            ))?;
            ui.say(&format!("      {}", clean(&c.hint(lang))))?;
        }
    }
    // Findings, one per root cause.
    if o.findings.is_empty() {
        ui.say(vocab::no_findings(lang, o.completeness.complete))?;
    } else {
        let counts: Vec<String> = Severity::ALL
            .iter()
            .filter(|s| o.counts.get(**s) > 0)
            .map(|s| format!("{} {}", s.word().get(lang), o.counts.get(*s)))
            .collect();
        ui.say(&fill(ui.t(S::Findings), &[&counts.join(" · ")]))?;
        for g in &o.findings {
            ui.say(&format!(
                "  [{}] {} ({})",
                g.severity.word().get(lang),
                clean(&g.title),
                clean(&g.id)
            ))?;
            let at = g.applies_to();
            if !at.is_empty() {
                ui.say(&format!(
                    "      {}: {}",
                    vocab::APPLIES_TO.get(lang),
                    clean(&at)
                ))?;
            }
            ui.say(&format!(
                "      {}",
                fill(ui.t(S::Measure), &[&clean(&g.measure)])
            ))?;
            for c in &g.covered {
                ui.say(&format!(
                    "      {}: {} ({})",
                    vocab::ALSO_COVERS.get(lang),
                    clean(&c.title),
                    clean(&c.id)
                ))?;
            }
        }
    }
    let verdict = format!(
        "{} – {}",
        o.dpia.verdict.phrase(lang, o.dpia.provisional),
        o.dpia.verdict.explained().get(lang)
    );
    ui.say(&fill(ui.t(S::Dpia), &[&verdict]))?;
    if !o.dpia.criteria.is_empty() {
        let names: Vec<&str> = o
            .dpia
            .criteria
            .iter()
            .map(|c| c.criterion.word().get(lang))
            .collect();
        ui.say(&fill(ui.t(S::DpiaCriteria), &[&names.join(", ")]))?;
    }
    for k in &o.knowledge {
        let stale = if k.stale {
            format!(" – {}", vocab::KNOWLEDGE_STALE.get(lang))
        } else {
            String::new()
        };
        ui.say(&format!(
            "{}: {} ({} {}){stale}",
            vocab::KNOWLEDGE_USED.get(lang),
            clean(&k.name),
            vocab::AS_OF.get(lang),
            dates::date(lang, k.as_of)
        ))?;
    }
    ui.blank()?;
    ui.ask_menu(S::ReviewMenu, 3)
}

/// Read a password (no echo on a terminal); a new one must pass the rule for new keys
/// (`sign::check_new_password`, with `context` as words it must not lean on) and is asked twice on a
/// terminal.
pub(super) fn password(
    ui: &mut Ui<'_>,
    label: S,
    new: bool,
    context: &[&str],
) -> R<Zeroizing<String>> {
    loop {
        let first = Zeroizing::new(ui.read(ui.t(label), true)?);
        if new && let Err(weak) = crate::sign::check_new_password(&first, context) {
            ui.invalid(&weak.text(ui.lang()))?;
            continue;
        }
        if new && ui.env.read_secret.is_some() {
            let second = Zeroizing::new(ui.read(ui.t(S::RepeatPassword), true)?);
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
    let mut new_key_password: Option<Zeroizing<String>> = None;
    ui.blank()?;
    ui.say(ui.t(S::SignOff))?;
    if !crate::sign::secret_key_path(&keys).is_file() {
        ui.say(&fill(ui.t(S::NoKey), &[&keys.display().to_string()]))?;
        if ui.ask_menu(S::KeyMenu, 2)? == 2 {
            ui.say(ui.t(S::NoKeyNoSignOff))?;
            return Ok(Some(Outcome::Saved(saved(ui, a)?)));
        }
        let meta = &a.draft.meta;
        let context: Vec<String> = [&meta.organisation, &meta.auditor]
            .iter()
            .flat_map(|s| s.split_whitespace().map(str::to_string))
            .collect();
        let context: Vec<&str> = context.iter().map(String::as_str).collect();
        let pw = password(ui, S::NewPassword, true, &context)?;
        let info = crate::sign::keygen(&keys, &pw, false)
            .map_err(|e| Failure::system(crate::explain::sign(ui.lang(), &e)))?;
        ui.say(&fill(
            ui.t(S::KeyCreated),
            &[
                &info.key_id,
                &info.secret_key_path.display().to_string(),
                &info.public_key_path.display().to_string(),
            ],
        ))?;
        // Signed with the password just chosen: it is not asked a third time.
        new_key_password = Some(pw);
    }
    // A form kept from an earlier try (the TUI's, or this one's) gives the defaults.
    let kept = a.draft.signoff_form.clone().unwrap_or_default();
    let auditor = if kept.name.trim().is_empty() {
        a.draft.meta.auditor.trim().to_string()
    } else {
        kept.name.trim().to_string()
    };
    let name_label = format!("{} [{}]", ui.t(S::SignerName), auditor);
    let name = ui.ask_text(&name_label, auditor.is_empty())?;
    let name = if name.is_empty() { auditor } else { name };
    let role_label = if kept.role.trim().is_empty() {
        format!("{} ({})", ui.t(S::SignerRole), ui.t(S::Optional))
    } else {
        format!("{} [{}]", ui.t(S::SignerRole), kept.role.trim())
    };
    let role = ui.ask_text(&role_label, false)?;
    let role = if role.is_empty() {
        kept.role.trim().to_string()
    } else {
        role
    };
    let default = if kept.statement.trim().is_empty() {
        signoff::default_statement(a.text_lang).to_string()
    } else {
        kept.statement.trim().to_string()
    };
    ui.say(&fill(ui.t(S::Statement), &[&default]))?;
    let statement = ui.ask_text(ui.t(S::StatementKeep), false)?;
    let statement = if statement.is_empty() {
        default
    } else {
        statement
    };
    // Kept with the draft until the result is signed: an interrupted sign-off need not be typed again.
    a.draft.signoff_form = Some(crate::audit::draft::SignOffForm {
        name: name.clone(),
        role: role.clone(),
        statement: statement.clone(),
    });
    let open = a.session.open_required().count();
    if open > 0 {
        let n = vocab::required_count(ui.lang(), open);
        ui.say(&fill(ui.t(S::WarnOpen), &[&n]))?;
    }
    // Root causes, as the review and the result count them.
    let findings = AuditOutcome::derive(&a.session, &a.draft.meta, audit_date(ui.now()))
        .counts
        .total();
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
        let pw = match new_key_password.take() {
            Some(pw) => pw,
            None => password(ui, S::KeyPassword, false, &[])?,
        };
        let evidence = crate::evidence::draft_folder(&a.ws.path_for(&a.draft.audit_id));
        let dirs = signoff::Dirs {
            keys: &keys,
            results: &ui.env.paths.results_dir(),
            evidence: Some(&evidence),
        };
        match signoff::sign_off_with(&a.session, &a.draft, &signer, &pw, &dirs, ui.now()) {
            Ok(s) => break s,
            Err(SignOffError::Sign(e @ crate::sign::SignError::WrongPassword { .. })) => {
                let why = crate::explain::sign(ui.lang(), &e);
                ui.invalid(&fill(ui.t(S::SignFailed), &[&why]))?;
            }
            Err(e) => {
                let why = crate::explain::signoff(ui.lang(), &e);
                return Err(Failure::system(fill(ui.t(S::SignFailed), &[&why])));
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
        Err(e) => ui.say(&crate::explain::draft(ui.lang(), &e))?,
    }
    ui.say(&fill(
        ui.t(S::VerifyHint),
        &[&signed.result.display().to_string()],
    ))?;
    Ok(Some(Outcome::Signed(signed)))
}
