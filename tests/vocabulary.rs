//! One word per concept: the TUI, plain mode, the reports and the CLI say Befund/finding,
//! Abzeichnen/sign-off, DSFA-Vorprüfung/DPIA screening, Nicht anwendbar/not applicable and
//! Fundstellen/references, as `msgaudit::i18n::vocab` defines them. This test reads every source file
//! and template of the front ends and fails on a synonym that crept back in.

use std::path::Path;

/// (a word that must not appear, the concept's word in the vocabulary)
const SYNONYMS: &[(&str, &str)] = &[
    ("Feststellung", "Befund"),
    ("Freigabe", "Abzeichnung / Abzeichnen"),
    ("unterzeichn", "abzeichnen"),
    ("Unterzeichn", "Abzeichnung"),
    ("Schwellwertanalyse", "DSFA-Vorprüfung"),
    ("Nicht zutreffend", "Nicht anwendbar"),
    ("nicht zutreffend", "nicht anwendbar"),
    (
        "Rechtsgrundlage",
        "Fundstellen (Rechtsgrundlage is the Art. 6 basis)",
    ),
    ("Legal reference", "References"),
    ("Stichtag", "Prüfdatum"),
    ("Auditdatum", "Prüfdatum"),
    ("Audit-Datum", "Prüfdatum"),
    ("Interviewdatum", "Prüfdatum"),
    ("Gesprächsdatum", "Prüfdatum"),
    ("Date of audit", "Audit date"),
    ("Interview date", "Audit date"),
];

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap_or_else(|e| panic!("{e}")).path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn front_ends_and_reports_use_the_shared_vocabulary() {
    let mut all = Vec::new();
    for dir in [
        "src/tui",
        "src/plain",
        "src/report",
        "src/cli",
        "src/result",
        "src/i18n",
    ] {
        files(Path::new(dir), &mut all);
    }
    // The texts of sign-off and of the library's errors are read by the auditor too.
    all.push("src/signoff.rs".into());
    all.push("src/explain.rs".into());
    assert!(all.len() > 20, "the front-end sources were not found");
    let mut bad = Vec::new();
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (n, line) in text.lines().enumerate() {
            for (word, instead) in SYNONYMS {
                if line.contains(word) {
                    bad.push(format!(
                        "{}:{}: `{word}` (say: {instead})",
                        f.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "synonyms of vocabulary words:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_vocabulary_reaches_the_screens() {
    use msgaudit::i18n::vocab;
    use msgaudit::lang::Lang;
    use msgaudit::tui::strings::S;
    for lang in [Lang::De, Lang::En] {
        assert_eq!(S::Findings.get(lang), vocab::FINDINGS.get(lang));
        assert_eq!(S::SignOff.get(lang), vocab::SIGN_OFF.get(lang));
        assert_eq!(S::DpiaTitle.get(lang), vocab::DPIA_SCREENING.get(lang));
        assert_eq!(S::NotApplicable.get(lang), vocab::NOT_APPLICABLE.get(lang));
        assert_eq!(S::LegalRefs.get(lang), vocab::REFS.get(lang));
        assert_eq!(S::AuditDate.get(lang), vocab::AUDIT_DATE.get(lang));
        assert_eq!(
            msgaudit::report::texts::AUDIT_DATE.get(lang),
            vocab::AUDIT_DATE.get(lang)
        );
        assert_eq!(
            msgaudit::plain::strings::S::NotApplicable.get(lang),
            vocab::NOT_APPLICABLE.get(lang)
        );
        assert_eq!(
            msgaudit::report::texts::FINDINGS.get(lang),
            vocab::FINDINGS.get(lang)
        );
    }
}
