//! Signed result files for the report tests: a small checklist with a messenger knowledge base, a key in a
//! temporary home, answers, and a sign-off at a fixed time. Audit ids and key ids are random per run;
//! `filters()` names them for insta.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::result::ResultFile;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::catalog::Origin;
use msgaudit::checklist;
use msgaudit::lang::Lang;
use msgaudit::report::Format;
use msgaudit::report::Options;
use msgaudit::result::verify;
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;

pub const PASSWORD: &str = "Datenschutz ist Teamarbeit";

pub const CHECKLIST: &str = r#"
format = 1
id = "report-test"
version = "1.2.0"
languages = ["de", "en"]
knowledge = "messengers.toml"
title = { de = "Messenger-Prüfung (Test)", en = "Messenger audit (test)" }
description = { de = "Testcheckliste für Berichte.", en = "Test checklist for reports." }

[[section]]
id = "email"
title = { de = "E-Mail-Prozesse", en = "E-mail processes" }

[[section.question]]
id = "processes"
kind = "multi"
text = { de = "Welche Prozesse nutzen E-Mail?", en = "Which processes use e-mail?" }
refs = [{ de = "Art. 30 DSGVO", en = "Art. 30 GDPR" }]
options = [
  { id = "orders", label = { de = "Bestellungen", en = "Orders" } },
  { id = "support", label = { de = "Kundenservice", en = "Customer service" } },
  { id = "hr", label = { de = "Personal", en = "HR" } },
  { id = "other", label = { de = "Sonstiger Prozess", en = "Other process" }, other = true },
]

[[section.question]]
id = "in_records"
kind = "yes_no"
text = { de = "Sind alle Prozesse im Verzeichnis von Verarbeitungstätigkeiten erfasst?", en = "Are all processes in the records of processing activities?" }
refs = [{ de = "Art. 30 Abs. 1 DSGVO", en = "Art. 30(1) GDPR" }]

[[section.question.finding]]
id = "not_in_records"
when = "in_records == no"
severity = "medium"
title = { de = "Prozesse fehlen im Verzeichnis", en = "Processes missing from the records" }
measure = { de = "Fehlende Prozesse in das Verzeichnis aufnehmen.", en = "Add the missing processes to the records." }
refs = [{ de = "Art. 30 Abs. 1 DSGVO", en = "Art. 30(1) GDPR" }]

[[section.question]]
id = "staff"
kind = "number"
required = false
min = 0
text = { de = "Wie viele Beschäftigte hat der Bereich?", en = "How many employees does the unit have?" }

[[section]]
id = "process"
for_each = "email.processes"
title = { de = "Prozess: {item}", en = "Process: {item}" }

[[section.question]]
id = "messenger"
kind = "yes_no"
text = { de = "Wird im Prozess „{item}“ ein Messenger genutzt?", en = "Is a messenger used in the process “{item}”?" }

[[section.question]]
id = "which"
kind = "multi"
when = "messenger == yes"
text = { de = "Welche Messenger?", en = "Which messengers?" }
options = [
  { id = "whatsapp", label = { de = "WhatsApp (private App)", en = "WhatsApp (consumer app)" } },
  { id = "signal", label = { de = "Signal", en = "Signal" } },
  { id = "threema", label = { de = "Threema Work", en = "Threema Work" } },
  { id = "other", label = { de = "Anderer Messenger", en = "Other messenger" }, other = true },
]

[[section.question.finding]]
id = "consumer_whatsapp"
when = "which contains \"whatsapp\""
severity = "high"
dpia_criterion = "new_technology"
title = { de = "Private WhatsApp-App im Prozess „{item}“", en = "Consumer WhatsApp in the process “{item}”" }
measure = { de = "Auf einen Dienst mit Auftragsverarbeitungsvertrag umstellen, z. B. Threema Work.", en = "Move to a service with a processor agreement, e.g. Threema Work." }
refs = [{ de = "Art. 28 DSGVO", en = "Art. 28 GDPR" }, { de = "Art. 44 ff. DSGVO", en = "Art. 44 et seq. GDPR" }]

[[section.question]]
id = "devices"
kind = "single"
when = "messenger == yes"
text = { de = "Auf welchen Geräten?", en = "On which devices?" }
options = [
  { id = "company", label = { de = "Firmengeräte (MDM)", en = "Company devices (MDM)" } },
  { id = "private", label = { de = "Private Geräte", en = "Private devices" } },
]

[[section.question.finding]]
id = "private_devices"
when = "devices == \"private\""
severity = "high"
dpia_criterion = "systematic_monitoring"
# Without managed devices a policy cannot be enforced: the policy finding is listed under this one.
covers = ["no_policy"]
title = { de = "Messenger auf privaten Geräten ({item})", en = "Messenger on private devices ({item})" }
measure = { de = "Firmengeräte oder verwaltete Arbeitsprofile bereitstellen.", en = "Provide company devices or managed work profiles." }
refs = [{ de = "Art. 32 DSGVO", en = "Art. 32 GDPR" }]

[[section]]
id = "measures"
title = { de = "Technische und organisatorische Maßnahmen", en = "Technical and organisational measures" }

[[section.question]]
id = "policy"
kind = "yes_no"
text = { de = "Gibt es eine Richtlinie zur Messenger-Nutzung?", en = "Is there a policy on messenger use?" }

[[section.question.finding]]
id = "no_policy"
when = "policy == no"
severity = "low"
title = { de = "Keine Messenger-Richtlinie", en = "No messenger policy" }
measure = { de = "Richtlinie erstellen und schulen.", en = "Write a policy and train staff." }

[[section.question]]
id = "training"
kind = "date"
required = false
text = { de = "Wann war die letzte Schulung?", en = "When was the last training?" }

[[section.question]]
id = "remarks"
kind = "text"
required = false
not_applicable = true
text = { de = "Weitere Beobachtungen", en = "Further observations" }

[[section.finding]]
id = "review_yearly"
when = "answered(policy)"
severity = "info"
title = { de = "Jährliche Überprüfung einplanen", en = "Plan a yearly review" }
measure = { de = "Die Prüfung jährlich wiederholen.", en = "Repeat the audit every year." }
"#;

pub const KNOWLEDGE: &str = r#"
format = 1
languages = ["de", "en"]

[[entry]]
id = "whatsapp"
name = "WhatsApp"
as_of = "2025-10-01"
sources = ["https://example.org/whatsapp"]

[[entry.fact]]
label = { de = "Test", en = "Test" }
value = { de = "ja", en = "yes" }

[[entry]]
id = "signal"
name = "Signal"
as_of = "2025-10-01"
sources = ["https://example.org/signal"]

[[entry.fact]]
label = { de = "Test", en = "Test" }
value = { de = "ja", en = "yes" }

[[entry]]
id = "threema"
name = "Threema"
as_of = "2025-10-01"
sources = ["https://example.org/threema"]

[[entry.fact]]
label = { de = "Test", en = "Test" }
value = { de = "ja", en = "yes" }
"#;

pub struct Fixture {
    pub home: tempfile::TempDir,
    pub checklists: tempfile::TempDir,
    pub paths: Paths,
    pub result: PathBuf,
    pub signature: PathBuf,
    pub audit_id: String,
    pub key_id: String,
    /// Audit ids of further results signed with `sign`.
    pub more_ids: Vec<String>,
}

impl Fixture {
    pub fn verify_options(&self) -> verify::Options {
        verify::Options {
            evidence_dir: None,
            pubkey: None,
            paths: Some(self.paths.clone()),
            checklist_dirs: vec![(Origin::Extra, self.checklists.path().to_path_buf())],
        }
    }

    pub fn options(&self, format: Format) -> Options {
        Options {
            verify: self.verify_options(),
            format,
            findings: false,
            lang: None,
            ui_lang: msgaudit::lang::Lang::En,
            // Golden snapshots show UTC times whatever the machine's zone.
            zone: msgaudit::i18n::dates::Zone::utc(),
        }
    }

    /// Replace what differs per run (audit id, key id) and the version, for golden snapshots.
    pub fn stable(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (i, id) in self.more_ids.iter().enumerate() {
            text = text.replace(id, &format!("[AUDIT-ID-{}]", i + 2));
        }
        let sha = result_of(&self.result).checklist.sha256;
        text.replace(&self.audit_id, "[AUDIT-ID]")
            .replace(&sha, "[CHECKLIST-SHA256]")
            .replace(&self.key_id, "[KEY-ID]")
            .replace(
                &format!("msgaudit {}", env!("CARGO_PKG_VERSION")),
                "msgaudit [VERSION]",
            )
    }
}

pub struct Audit<'a> {
    pub meta: Meta,
    pub answers: Vec<(&'a str, toml::Value)>,
    pub signer: Signer,
}

pub fn standard_audit() -> Audit<'static> {
    let v = |s: &str| -> toml::Value {
        toml::from_str::<toml::Table>(&format!("x = {s}")).unwrap_or_else(|e| panic!("{e}"))["x"]
            .clone()
    };
    Audit {
        meta: Meta {
            organisation: "Bäckerei Müller & Söhne GmbH".into(),
            unit: "Vertrieb".into(),
            interviewees: "Frau Schmidt (Vertriebsleitung), Herr Öztürk (IT)".into(),
            auditor: "Dr. Petra Prüfer".into(),
            audit_date: Some(jiff::civil::date(2026, 9, 20)),
            lang: Lang::De,
        },
        answers: vec![
            (
                "email.processes",
                v(r#"{ value = ["orders", "support", "other"], other = "Lieferantenanfragen" }"#),
            ),
            (
                "email.in_records",
                v(r#"{ value = false, note = "Nur der Newsletter ist erfasst." }"#),
            ),
            ("email.staff", v("42")),
            ("process[orders].messenger", v("true")),
            (
                "process[orders].which",
                v(
                    r#"{ value = ["whatsapp", "threema"], note = "Fotos von Bestellungen per WhatsApp; Threema nur intern." }"#,
                ),
            ),
            ("process[orders].devices", v(r#""private""#)),
            // Answered first, then hidden by the answer to `messenger`: kept as a hidden answer.
            ("process[support].which", v(r#"["signal"]"#)),
            ("process[support].messenger", v("false")),
            ("process[other].messenger", v("true")),
            (
                "process[other].which",
                v(r#"{ value = ["signal", "other"], other = "Wire" }"#),
            ),
            (
                "process[other].devices",
                v(r#"{ state = "unknown", note = "Wird nachgereicht." }"#),
            ),
            ("measures.policy", v("false")),
            ("measures.training", v(r#""2025-03-14""#)),
            (
                "measures.remarks",
                v(
                    r#"{ value = "Mehrere Mitarbeitende nutzen WhatsApp-Gruppen.\nDie IT plant eine MDM-Einführung.", note = "Gespräch am 2026-09-20." }"#,
                ),
            ),
        ],
        signer: Signer {
            name: "Dr. Petra Prüfer".into(),
            role: "Datenschutzbeauftragte".into(),
            statement: signoff::default_statement(Lang::De).into(),
        },
    }
}

impl Fixture {
    /// Sign a further audit with the same key into the same results folder; `minute` offsets its times.
    pub fn sign(&mut self, audit: &Audit<'_>, minute: i64) -> PathBuf {
        let c = Arc::new(
            checklist::load(&self.checklists.path().join("report-test.toml"))
                .unwrap_or_else(|d| panic!("{d:?}")),
        );
        let (d, out) = sign_with(&c, &self.paths, audit, minute);
        self.more_ids.push(d.audit_id);
        out.result
    }
}

pub fn sign_with(
    c: &Arc<msgaudit::checklist::Checklist>,
    paths: &Paths,
    audit: &Audit<'_>,
    minute: i64,
) -> (Draft, signoff::Signed) {
    let mut s = Session::new(Arc::clone(c));
    for (k, v) in &audit.answers {
        values::apply(&mut s, k, v).unwrap_or_else(|e| panic!("{k}: {e:?}"));
    }
    let started =
        Timestamp::from_second(1_789_990_000 + minute * 60).unwrap_or_else(|e| panic!("{e}"));
    let now = Timestamp::from_second(1_790_000_000 + minute * 60).unwrap_or_else(|e| panic!("{e}"));
    let mut d = Draft::new(c, audit.meta.clone(), started);
    d.capture(&s, now);
    let out = signoff::sign_off(
        &s,
        &d,
        &audit.signer,
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (d, out)
}

/// Make a signed result of `audit` in a fresh home, with the test checklist in its own folder.
pub fn signed(audit: &Audit<'_>) -> Fixture {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let checklists = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(checklists.path().join("report-test.toml"), CHECKLIST)
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(checklists.path().join("messengers.toml"), KNOWLEDGE)
        .unwrap_or_else(|e| panic!("{e}"));
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}"));
    let key = msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false)
        .unwrap_or_else(|e| panic!("{e}"));
    let c = Arc::new(
        checklist::load(&checklists.path().join("report-test.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    let (d, out) = sign_with(&c, &paths, audit, 0);
    let _ = key;
    Fixture {
        home,
        checklists,
        audit_id: d.audit_id.clone(),
        key_id: out.key_id.clone(),
        paths,
        result: out.result,
        signature: out.signature,
        more_ids: Vec::new(),
    }
}

/// The parsed result of a fixture.
pub fn result_of(path: &Path) -> ResultFile {
    ResultFile::from_toml(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Render the report of the fixture's result.
pub fn render(f: &Fixture, opts: &Options) -> (String, bool) {
    let r = msgaudit::report::build_file(&f.result, opts).unwrap_or_else(|e| panic!("{e}"));
    let bytes =
        msgaudit::report::render(&r, opts.format, opts.findings).unwrap_or_else(|e| panic!("{e}"));
    (
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}")),
        r.verification.valid,
    )
}

/// A signed result of one of the shipped examples (`checklists/messenger-audit.examples.toml`, the first
/// whose name contains `name`) with the shipped checklist, in a fresh home.
pub fn signed_example(name: &str) -> Fixture {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let checklists = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for f in [
        "messenger-audit.toml",
        "messenger-app-review.toml",
        "messengers.toml",
    ] {
        std::fs::copy(Path::new("checklists").join(f), checklists.path().join(f))
            .unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}"));
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap_or_else(|e| panic!("{e}"));
    let c = Arc::new(
        checklist::load(&checklists.path().join("messenger-audit.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    let text = std::fs::read_to_string("checklists/messenger-audit.examples.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let example = doc
        .get("example")
        .and_then(|e| e.as_array())
        .and_then(|list| {
            list.iter().find(|ex| {
                ex.get("name")
                    .and_then(|n| n.as_str())
                    .is_some_and(|n| n.contains(name))
            })
        })
        .unwrap_or_else(|| panic!("no shipped example named like {name:?}"));
    let answers: Vec<(String, toml::Value)> = example
        .get("answers")
        .and_then(|a| a.as_table())
        .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let mut audit = standard_audit();
    audit.answers = answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let (d, out) = sign_with(&c, &paths, &audit, 0);
    Fixture {
        home,
        checklists,
        audit_id: d.audit_id.clone(),
        key_id: out.key_id.clone(),
        paths,
        result: out.result,
        signature: out.signature,
        more_ids: Vec::new(),
    }
}
