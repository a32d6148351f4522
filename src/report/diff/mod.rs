//! `msgaudit diff OLD NEW`: what changed between two verified results — findings new, resolved and still
//! open (by root cause, as in the outcome), changed answers, the DPIA verdict, messengers and the checklist
//! version. Derived once from the two reports (`compare`, pure); the formats only render it.

mod compare;
mod html;
mod markdown;
mod questions;
pub mod texts;

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;

use super::model::{ChecklistInfo, Criterion, Report, VerificationInfo};
use super::outcome::{CompletenessInfo, CriterionInfo, OpenPointInfo};
use crate::audit::DpiaVerdict;
use crate::audit::result::ResultFile;
use crate::catalog;
use crate::checklist::{Checklist, Severity};
use crate::lang::Lang;
use crate::result::verify;
use crate::text::sanitize;

pub use compare::compare;

/// Version of the JSON layout of a diff (docs/diff.md); raised on any incompatible change.
pub const DIFF_FORMAT: u32 = 1;

/// The output formats of `msgaudit diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Markdown (CommonMark/GFM tables).
    #[default]
    Md,
    /// One self-contained, printable HTML file.
    Html,
    /// JSON (schema: docs/diff.md).
    Json,
}

/// How to compare two result files.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub verify: verify::Options,
    pub format: Format,
    /// The diff's language; default: the language of the NEW audit.
    pub lang: Option<Lang>,
    /// The language of messages (`--lang` or the environment).
    pub ui_lang: Lang,
    /// The time zone times are shown in (default: the system's).
    pub zone: crate::i18n::dates::Zone,
}

/// The comparison of two results; serialised as is, it is the JSON diff: field names are a contract.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub diff_format: u32,
    pub lang: Lang,
    /// Both files passed verification. When false, the diff says which did not, first.
    pub verified: bool,
    /// Anything below differs: findings, answers, DPIA screening, messengers or the checklist.
    pub changed: bool,
    pub old: Side,
    pub new: Side,
    pub checklist: ChecklistChange,
    pub findings: FindingChanges,
    /// Points to clarify ("unknown" answers, open required questions) new and clarified, by answer key.
    pub open_points: OpenPointChanges,
    pub dpia: DpiaChange,
    pub messengers: MessengerChanges,
    /// Answers that differ, were given only before, or only after; in the NEW checklist's order, then the
    /// answers only OLD has.
    pub answers: Vec<AnswerChange>,
}

/// One of the two results, as far as the diff shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub file: String,
    pub verification: VerificationInfo,
    /// Whether the result's exact checklist was found here.
    pub checklist_available: bool,
    pub audit_id: String,
    pub organisation: String,
    pub unit: String,
    pub finished: Timestamp,
    /// `finished` as the report shows it (language, time zone); the JSON keeps the UTC time.
    #[serde(skip)]
    pub finished_shown: String,
    pub checklist: ChecklistInfo,
    pub completeness: CompletenessInfo,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistChange {
    /// The checklists differ (another SHA-256: another version, or another checklist).
    pub changed: bool,
    /// The two results come from checklists with different ids.
    pub other_checklist: bool,
    /// Both checklists were available, so questions could be compared; else answers are matched by key only.
    pub compared: bool,
    pub moved: Vec<MovedQuestion>,
    pub removed: Vec<QuestionInfo>,
    pub added: Vec<QuestionInfo>,
}

/// A question of the checklist: `key` is `section.question` (repetitions not spelled out).
#[derive(Debug, Clone, Serialize)]
pub struct QuestionInfo {
    pub key: String,
    pub question: String,
    pub section: String,
}

/// A question that now stands in another section; its answers are matched across the move.
#[derive(Debug, Clone, Serialize)]
pub struct MovedQuestion {
    pub old_key: String,
    pub new_key: String,
    pub question: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingChanges {
    /// Raised in NEW, not in OLD.
    pub new: Vec<FindingChange>,
    /// Raised in OLD, no longer in NEW.
    pub resolved: Vec<FindingChange>,
    /// Raised in both (with the places it was raised in before and after).
    pub still_open: Vec<FindingChange>,
}

/// A finding as a root-cause group of the outcome; a covered finding names the one it is listed under.
#[derive(Debug, Clone, Serialize)]
pub struct FindingChange {
    pub id: String,
    pub severity: Severity,
    pub severity_label: String,
    /// The severity before, when a new checklist version changed it.
    pub old_severity: Option<Severity>,
    pub title: String,
    pub measure: String,
    pub applies_to: Vec<String>,
    /// The title of the finding this one is covered by (listed under, not counted on its own).
    pub covered_by: Option<String>,
    /// Still open: places it applies to now and did not before.
    pub places_added: Vec<String>,
    /// Still open: places it no longer applies to.
    pub places_removed: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OpenPointChanges {
    /// To clarify in NEW, not in OLD.
    pub new: Vec<OpenPointInfo>,
    /// To clarify in OLD, no longer in NEW (answered, or the question is gone or hidden).
    pub clarified: Vec<OpenPointInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DpiaChange {
    /// The verdict, its provisional mark or the criteria met differ.
    pub changed: bool,
    pub old: DpiaSide,
    pub new: DpiaSide,
    /// Criteria met now and not before, with the findings and answers they come from.
    pub criteria_added: Vec<CriterionInfo>,
    /// Criteria met before and no longer.
    pub criteria_removed: Vec<CriterionInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DpiaSide {
    pub verdict: DpiaVerdict,
    pub provisional: bool,
    /// "DSFA zu erwägen (vorläufig)" / "DPIA to be considered (provisional)".
    pub label: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct MessengerChanges {
    /// Named in NEW's answers, not in OLD's.
    pub added: Vec<MessengerChange>,
    /// Named in OLD's answers, no longer in NEW's.
    pub dropped: Vec<MessengerChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessengerChange {
    pub id: String,
    pub name: String,
    /// Section titles of the places whose answers name it.
    pub places: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerChangeKind {
    /// Answered in both, differently (value, state, note or the name of an `other` choice).
    Changed,
    /// Only NEW has an answer.
    Added,
    /// Only OLD has an answer (the question was removed, is hidden now, or was left open).
    Removed,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerChange {
    pub kind: AnswerChangeKind,
    /// The answer key in NEW (in OLD for a removed answer).
    pub key: String,
    /// The answer key in OLD when the question moved.
    pub old_key: Option<String>,
    /// The question's text (NEW's wording when both have it).
    pub question: String,
    /// The section title with its repetition.
    pub section: String,
    pub old: Option<AnswerSide>,
    pub new: Option<AnswerSide>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerSide {
    /// `answered`, `unknown`, `not_applicable`, or `none` (only a note).
    pub state: &'static str,
    /// The value as stored; null unless answered.
    pub value: serde_json::Value,
    /// The value for people, in the diff's language.
    pub display: String,
    pub note: Option<String>,
    pub other: Option<String>,
}

/// One verified result with its report and checklist, as `compare` needs it.
pub struct Loaded {
    pub report: Report,
    pub checklist: Option<Arc<Checklist>>,
}

/// Verify `path` and build its report in `lang` (given the result: NEW's language decides); Err when the
/// file cannot be read as a result at all.
fn load(
    path: &Path,
    opts: &Options,
    lang: impl FnOnce(&ResultFile) -> Lang,
) -> Result<(Loaded, Lang), String> {
    let v = verify::verify(path, &opts.verify);
    let Some(result) = v.result.as_ref() else {
        return Err(texts::CANNOT_COMPARE.fill(
            opts.ui_lang,
            &[
                &sanitize(&path.display().to_string()),
                &sanitize(&v.line(opts.ui_lang)),
            ],
        ));
    };
    let (checklist, _) = catalog::find(
        &opts.verify.checklist_dirs,
        &result.checklist.id,
        &result.checklist.sha256,
    );
    let lang = lang(result);
    // The session verifying re-created, else (an invalid result) one from the checklist found.
    let session = v
        .session
        .clone()
        .or_else(|| checklist.clone().and_then(|c| result.session(c).ok()));
    let report = super::build_with(&v, result, session, lang, &opts.zone);
    Ok((Loaded { report, checklist }, lang))
}

/// Verify both files and compare them; Err when one cannot be read as a result at all.
pub fn diff_files(old: &Path, new: &Path, opts: &Options) -> Result<Diff, String> {
    let (n, lang) = load(new, opts, |r| opts.lang.unwrap_or(r.meta.lang))?;
    let (o, _) = load(old, opts, |_| lang)?;
    Ok(compare(&o, &n, lang))
}

/// Render a diff in `format`.
pub fn render(d: &Diff, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Md => Ok(markdown::diff(d).into_bytes()),
        Format::Html => html::diff(d).map(String::into_bytes),
        Format::Json => super::json(d),
    }
}
