//! The library's results and errors in the user's language, for the front ends and the CLI: the lines of
//! the management summary, the current DPIA verdict, and every error of the store, signing, sign-off and
//! reports in German and English (I/O details through `i18n::io`; only texts quoted from a library stay).

use crate::audit::{Outcome, Session};
use crate::catalog::NoChecklist;
use crate::i18n::io;
use crate::i18n::{Lang, T};
use crate::i18n::{dates, vocab};
use crate::report::ReportError;
use crate::sign::SignError;
use crate::signoff::SignOffError;
use crate::store::{DraftError, LockError, PathsError, ReadError, WriteError};

/// A path as a message shows it.
fn p(path: &std::path::Path) -> String {
    path.display().to_string()
}

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

/// What the question at `key` shows of the earlier audit's action plan: one line per measure raised
/// at it then („Maßnahme aus Audit vom …: in Bearbeitung, fällig …“), in `lang`.
pub fn earlier_measures(
    lang: Lang,
    d: &crate::audit::draft::Draft,
    s: &Session,
    key: crate::audit::Key,
) -> Vec<String> {
    d.previous_plan
        .as_ref()
        .map(|p| p.notes_at(&s.key_string(key), lang))
        .unwrap_or_default()
}

/// The line a new audit shows when it starts from the earlier audit's action plan:
/// „Maßnahmenplan aus dem Audit vom 12.03.2025 übernommen (3 Maßnahmen)“.
pub fn carried_over(lang: Lang, p: &crate::audit::plan::Previous) -> String {
    T::new(
        "Maßnahmenplan aus dem Audit vom {0} übernommen ({1} Maßnahmen)",
        "Action plan taken over from the audit of {0} ({1} measures)",
    )
    .fill(
        lang,
        &[
            &dates::date_short(lang, p.audit_date),
            &p.measures.len().to_string(),
        ],
    )
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
        LockError::Io { path, source } => T::new(
            "Der Entwurf kann über {0} nicht gesperrt werden: {1}; prüfen Sie, ob der Entwurfsordner beschreibbar ist",
            "could not lock the draft through {0}: {1}; check that the drafts folder is writable",
        )
        .fill(lang, &[&p(path), &io::error(lang, source)]),
    }
}

/// Why an amendment was not started; a failed save in the store's words.
pub fn amend(lang: Lang, e: &crate::result::amend::AmendError) -> String {
    match e {
        crate::result::amend::AmendError::Save(e) => draft(lang, e),
        e => e.text(lang),
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
        DraftError::Folder(e) => paths(lang, e),
        DraftError::Write(e) => write(lang, e),
        DraftError::Serialize(e) => T::new(
            "Der Entwurf lässt sich nicht als TOML schreiben (ein Fehler in msgaudit, bitte melden): {0}",
            "cannot write the draft as TOML (a bug in msgaudit, please report it): {0}",
        )
        .fill(lang, &[&e.to_string()]),
        DraftError::Archive { path, source } => T::new(
            "{0} kann nicht ins Archiv verschoben werden: {1}",
            "cannot archive {0}: {1}",
        )
        .fill(lang, &[&p(path), &io::error(lang, source)]),
    }
}

/// An evidence error in the user's language, a draft's error included.
pub fn evidence(lang: Lang, e: &crate::evidence::EvidenceError) -> String {
    match e {
        crate::evidence::EvidenceError::Draft(d) => draft(lang, d),
        other => other.text(lang),
    }
}

/// A signing error in the user's language (`sign` words its own errors, so that verification can, too).
pub fn sign(lang: Lang, e: &SignError) -> String {
    e.text(lang)
}

pub fn signoff(lang: Lang, e: &SignOffError) -> String {
    match e {
        SignOffError::Sign(s) => sign(lang, s),
        SignOffError::Evidence(e) => evidence(lang, e),
        SignOffError::NoEvidenceFolder => T::new(
            "Diese Prüfung hat Belege, aber deren Ordner wurde dem Abzeichnen nicht genannt (ein Fehler in msgaudit, bitte melden)",
            "this audit has evidence files, but their folder was not given to sign-off (a bug in msgaudit, please report it)",
        )
        .get(lang)
        .to_string(),
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
        SignOffError::Folder(e) => paths(lang, e),
        SignOffError::Write(e) => write(lang, e),
        SignOffError::Serialize(e) => T::new(
            "Das Ergebnis lässt sich nicht als TOML schreiben (ein Fehler in msgaudit, bitte melden): {0}",
            "cannot write the result: {0}",
        )
        .fill(lang, &[&e.to_string()]),
        SignOffError::Tidy { path, source } => T::new(
            "{0}, übrig von einer unterbrochenen Abzeichnung, kann nicht aufgeräumt werden: {1}",
            "cannot tidy up {0} from an interrupted sign-off: {1}",
        )
        .fill(lang, &[&p(path), &io::error(lang, source)]),
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
        .fill(lang, &[path, problem.get(lang)]),
    }
}

/// A file msgaudit was given and could not read.
pub fn read(lang: Lang, e: &ReadError) -> String {
    e.text(lang)
}

/// msgaudit's folders cannot be found or created.
pub fn paths(lang: Lang, e: &PathsError) -> String {
    e.text(lang)
}

/// A file msgaudit writes (a report, a key, a draft) could not be written.
pub fn write(lang: Lang, e: &WriteError) -> String {
    e.text(lang)
}

/// A report that cannot be built or written.
pub fn report(lang: Lang, e: &ReportError) -> String {
    match e {
        ReportError::Unverifiable { path, verification } => crate::i18n::cli::NOTHING_TO_REPORT
            .fill(
                lang,
                &[&crate::text::sanitize(&p(path)), &verification.line(lang)],
            ),
        ReportError::Render(detail) => T::new(
            "Der Bericht kann nicht erstellt werden (ein Fehler in msgaudit, bitte melden): {0}",
            "cannot render the report (a bug in msgaudit, please report it): {0}",
        )
        .fill(lang, &[detail]),
        ReportError::Write(e) => write(lang, e),
        ReportError::Output(e) => crate::i18n::cli::CANNOT_WRITE.fill(
            lang,
            &[
                crate::i18n::cli::STANDARD_OUTPUT.get(lang),
                &io::error(lang, e),
            ],
        ),
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

    #[test]
    fn io_details_read_in_german_without_the_systems_english() {
        let gone = || std::io::Error::from_raw_os_error(2);
        let w = WriteError::Io {
            path: "r/x.md".into(),
            source: gone(),
        };
        assert_eq!(
            write(Lang::De, &w),
            "r/x.md kann nicht geschrieben werden: nicht gefunden; prüfen Sie, ob der Ordner existiert und beschreibbar ist und ob das Laufwerk Platz hat"
        );
        let r = ReadError::Io {
            path: "k.pub".into(),
            source: gone(),
        };
        assert_eq!(
            read(Lang::De, &r),
            "k.pub kann nicht gelesen werden: nicht gefunden"
        );
        let p = PathsError::CreateDir {
            path: "h/config".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert!(
            paths(Lang::De, &p)
                .starts_with("Der Ordner h/config kann nicht angelegt werden: keine Berechtigung")
        );
        let s = SignError::ReadKey {
            path: "k".into(),
            source: gone(),
        };
        assert!(sign(Lang::De, &s).starts_with("k kann nicht gelesen werden: nicht gefunden"));
        for text in [
            write(Lang::De, &w),
            read(Lang::De, &r),
            paths(Lang::De, &p),
            sign(Lang::De, &s),
        ] {
            assert!(
                !text.contains("os error") && !text.contains("No such"),
                "{text}"
            );
        }
    }
}
