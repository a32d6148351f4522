//! The library's results and errors in the user's language, for the front ends and the CLI: the lines of
//! the management summary, the current DPIA verdict, and the errors a DPO meets in daily use (a draft open elsewhere, a wrong password, a damaged draft, a missing key, an earlier sign-off) in German
//! and English; rarer ones (I/O details) keep the library's English wording after a German lead-in.

use crate::audit::{Outcome, Session};
use crate::catalog::NoChecklist;
use crate::i18n::{Lang, T};
use crate::i18n::{dates, vocab};
use crate::sign::SignError;
use crate::signoff::SignOffError;
use crate::store::{DraftError, LockError};

/// The management summary as plain lines (not sanitised): who and when (the audit date, else the
/// outcome's day), completeness with the points to clarify, the DPIA verdict, the messengers found. The
/// TUI's review and plain mode show these.
pub fn summary_lines(
    lang: Lang,
    o: &Outcome,
    audit_date: Option<jiff::civil::Date>,
) -> [String; 4] {
    let who: Vec<&str> = [o.summary.organisation.as_str(), o.summary.scope.as_str()]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .collect();
    let messengers = if o.summary.messengers.is_empty() {
        vocab::NO_MESSENGERS_FOUND.get(lang).to_string()
    } else {
        o.summary.messengers.join(", ")
    };
    [
        format!(
            "{} · {} {}",
            who.join(" · "),
            vocab::AUDIT_DATE.get(lang),
            dates::date(lang, audit_date.unwrap_or(o.summary.date))
        ),
        format!(
            "{}{} · {}",
            if o.completeness.complete { "" } else { "⚠ " },
            o.completeness.describe(lang),
            vocab::open_points_count(lang, o.open_points.len())
        ),
        format!(
            "{}: {}",
            vocab::DPIA_SCREENING.get(lang),
            o.dpia.verdict.label(lang, o.dpia.provisional)
        ),
        format!("{}: {messengers}", vocab::MESSENGERS_FOUND.get(lang)),
    ]
}

/// "DSFA-Vorprüfung: DSFA zu erwägen (vorläufig)" for a question about the DPIA (its condition, its
/// section's or a finding's reads `dpia()`); None for any other question.
pub fn current_verdict(lang: Lang, s: &Session, key: crate::audit::Key) -> Option<String> {
    if !s.reads_dpia(key) {
        return None;
    }
    let provisional = s.open_required().next().is_some();
    Some(format!(
        "{}: {}",
        vocab::DPIA_SCREENING.get(lang),
        s.dpia().verdict.label(lang, provisional)
    ))
}

/// A rare error: the library's English text, introduced in German.
fn other(lang: Lang, lead: T, e: &dyn std::fmt::Display) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::De => format!("{} ({e})", lead.get(lang)),
    }
}

pub fn lock(lang: Lang, e: &LockError) -> String {
    match e {
        LockError::Busy { pid, host } => {
            let who = match (lang, pid, host) {
                (Lang::De, Some(pid), Some(host)) => {
                    format!("Ein anderes msgaudit (PID {pid} auf {host})")
                }
                (Lang::De, Some(pid), None) => format!("Ein anderes msgaudit (PID {pid})"),
                (Lang::De, ..) => "Ein anderes msgaudit".to_string(),
                (Lang::En, Some(pid), Some(host)) => {
                    format!("another msgaudit (pid {pid} on {host})")
                }
                (Lang::En, Some(pid), None) => format!("another msgaudit (pid {pid})"),
                (Lang::En, ..) => "another msgaudit".to_string(),
            };
            format!(
                "{who} {}",
                T::new(
                    "hat diesen Entwurf geöffnet; schließen Sie ihn dort und öffnen Sie ihn dann erneut",
                    "has this draft open; close it there first, then open the draft again",
                )
                .get(lang)
            )
        }
        LockError::Io { .. } => other(
            lang,
            T::new(
                "Der Entwurf kann nicht gesperrt werden; ist der Entwurfsordner beschreibbar?",
                "",
            ),
            e,
        ),
    }
}

pub fn draft(lang: Lang, e: &DraftError) -> String {
    match e {
        DraftError::Lock(l) => lock(lang, l),
        DraftError::Damaged { path, reason } => T::new(
            "{0}: der Entwurf ist beschädigt und bleibt unverändert ({1})",
            "{0}: the draft is damaged and is left as it is ({1})",
        )
        .fill(lang, &[&path.display().to_string(), reason]),
        _ => other(
            lang,
            T::new("Der Entwurf kann nicht gespeichert werden", ""),
            e,
        ),
    }
}

pub fn sign(lang: Lang, e: &SignError) -> String {
    match e {
        SignError::WrongPassword { path } => T::new(
            "Falsches Passwort für den geheimen Schlüssel {0}; geben Sie das Passwort ein, das bei `msgaudit keygen` gewählt wurde",
            "wrong password for the secret key {0}; enter the password chosen at `msgaudit keygen`",
        )
        .fill(lang, &[&path.display().to_string()]),
        SignError::EmptyPassword => T::new(
            "Der geheime Schlüssel muss durch ein Passwort geschützt sein; geben Sie ein Passwort ein",
            "the secret key must be protected by a password; enter a non-empty password",
        )
        .get(lang)
        .to_string(),
        SignError::KeyExists { path } => T::new(
            "Es gibt bereits einen Signaturschlüssel in {0}; `msgaudit keygen --force` ersetzt ihn (mit dem alten Schlüssel signierte Ergebnisse lassen sich dann nur mit dem alten öffentlichen Schlüssel prüfen)",
            "a signing key already exists at {0}; run `msgaudit keygen --force` to replace it (results signed with the old key can then only be checked with the old public key)",
        )
        .fill(lang, &[&path.display().to_string()]),
        SignError::PairMismatch { secret, public } => T::new(
            "Der geheime Schlüssel {0} gehört nicht zum öffentlichen Schlüssel {1} (wurde `msgaudit keygen` unterbrochen?); es wurde nichts signiert. Legen Sie mit `msgaudit keygen --force` ein neues Paar an",
            "the secret key {0} does not belong to the public key {1} (was a `msgaudit keygen` interrupted?); nothing was signed. Create a new pair with `msgaudit keygen --force`",
        )
        .fill(lang, &[&secret.display().to_string(), &public.display().to_string()]),
        SignError::BadSignature => T::new(
            "Die Signatur passt nicht: Die Datei oder ihre Signatur wurde nach dem Signieren verändert",
            "the signature does not match: the file or its signature was changed after signing",
        )
        .get(lang)
        .to_string(),
        _ => other(lang, T::new("Signieren oder Prüfen fehlgeschlagen", ""), e),
    }
}

pub fn signoff(lang: Lang, e: &SignOffError) -> String {
    match e {
        SignOffError::Sign(s) => sign(lang, s),
        SignOffError::NoName => T::new(
            "Der Name ist leer; geben Sie den Namen der abzeichnenden Person ein",
            "the signer's name is empty; enter the name of the person signing off",
        )
        .get(lang)
        .to_string(),
        SignOffError::NoKey { dir } => T::new(
            "Kein Signaturschlüssel in {0}; legen Sie einen mit `msgaudit keygen` an (oder im Abzeichnen-Bildschirm)",
            "no signing key in {0}; create one with `msgaudit keygen` (or from the sign-off screen)",
        )
        .fill(lang, &[&dir.display().to_string()]),
        SignOffError::SignedBefore { path, reason } => T::new(
            "Diese Prüfung wurde bereits abgezeichnet: {0} ({1}); die Datei bleibt unverändert. Verschieben Sie sie, um erneut abzuzeichnen, oder beginnen Sie eine Änderung des abgezeichneten Ergebnisses",
            "this audit was signed off before: {0} ({1}); it is left as it is. Move it away to sign off again, or start an amendment of the signed result",
        )
        .fill(lang, &[&path.display().to_string(), reason]),
        _ => other(
            lang,
            T::new("Das Ergebnis kann nicht geschrieben werden", ""),
            e,
        ),
    }
}

pub fn no_checklist(lang: Lang, e: &NoChecklist) -> String {
    match e {
        NoChecklist::Missing { id, version, path } => T::new(
            "Die Checkliste {0} {1} ist nicht verfügbar (weder in den Checklisten-Ordnern noch unter {2})",
            "the checklist {0} {1} is not available (not in the checklist folders, nor at {2})",
        )
        .fill(lang, &[id, version, path]),
        NoChecklist::Broken { path, problem } => T::new(
            "Die Checkliste {0} ist fehlerhaft: {1}",
            "the checklist file {0} has an error: {1}",
        )
        .fill(lang, &[path, problem]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_a_dpo_meets_read_in_german() {
        let busy = LockError::Busy {
            pid: Some(42),
            host: Some("laptop".into()),
        };
        assert_eq!(
            lock(Lang::De, &busy),
            "Ein anderes msgaudit (PID 42 auf laptop) hat diesen Entwurf geöffnet; schließen Sie ihn dort und öffnen Sie ihn dann erneut"
        );
        assert_eq!(lock(Lang::En, &busy), busy.to_string());
        let pw = SignError::WrongPassword {
            path: "k/msgaudit.key".into(),
        };
        assert!(
            sign(Lang::De, &pw)
                .starts_with("Falsches Passwort für den geheimen Schlüssel k/msgaudit.key")
        );
        assert_eq!(sign(Lang::En, &pw), pw.to_string());
        let none = SignOffError::NoName;
        assert!(signoff(Lang::De, &none).starts_with("Der Name ist leer"));
        assert_eq!(signoff(Lang::En, &none), none.to_string());
    }
}
