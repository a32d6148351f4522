//! Carrying out `update`'s effects: draft storage (`dispatch`: save, load, list, evidence), keys,
//! sign-off, reports and results (`perform`), and one input all the way (`step`). The terminal loop in
//! `tui::run` and the tests drive the UI through these.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use super::app::App;
use super::persist::Persistence;
use super::signoff::{KeyState, SignFailure, SignedOff};
use super::update::{Effect, Msg, update};
use super::{evidence, results};
use crate::catalog;
use crate::checklist::Checklist;
use crate::lang::Lang;
use crate::result::verify;
use crate::sign::{self, PublicKey, SignError};
use crate::signoff::SignOffError;
use crate::store::Paths;

/// Where sign-off finds the signing key and puts results, and how reports verify them.
#[derive(Debug, Clone)]
pub struct Files {
    pub keys_dir: PathBuf,
    pub results_dir: PathBuf,
    pub verify: verify::Options,
}

impl Files {
    pub fn new(paths: &Paths, checklists: Option<&Path>) -> Files {
        Files {
            keys_dir: paths.keys_dir(),
            results_dir: paths.results_dir(),
            verify: verify::Options {
                evidence_dir: None,
                pubkey: None,
                paths: Some(paths.clone()),
                checklist_dirs: catalog::dirs(Some(paths), checklists),
            },
        }
    }
}

/// Find and load the checklist a draft was made with (`catalog::for_draft`).
fn checklist_for(app: &App, draft: &crate::audit::draft::Draft) -> Result<Arc<Checklist>, String> {
    catalog::for_draft(&catalog::usable(&app.catalog), &draft.checklist)
        .map(|m| m.checklist)
        .map_err(|e| crate::explain::no_checklist(app.lang, &e))
}

/// Load a draft (taking its lock) with the checklist it was made with; the lock is let go again when
/// either fails.
fn load_draft(app: &App, store: &mut dyn Persistence, id: &str) -> Msg {
    let loaded = store
        .load(id)
        .and_then(|d| checklist_for(app, &d).map(|c| Box::new((d, c))));
    if loaded.is_err() {
        store.release();
    }
    Msg::DraftLoaded(loaded)
}

/// Feed `msg` to `update` and carry out the effects on draft storage (saving, loading, listing),
/// feeding their results back. Returns the other effects (`Quit`, and the sign-off's effects that
/// `perform` carries out).
pub fn dispatch(app: &mut App, msg: Msg, store: &mut dyn Persistence) -> Vec<Effect> {
    let mut queue = VecDeque::from([msg]);
    let mut outer = Vec::new();
    while let Some(msg) = queue.pop_front() {
        for effect in update(app, msg) {
            match effect {
                Effect::SaveDraft => {
                    if let Some(a) = app.audit.as_mut() {
                        a.draft.capture(&a.session, Timestamp::now());
                        queue.push_back(Msg::Saved(store.save(&a.draft)));
                    }
                }
                Effect::LoadDraft(id) => queue.push_back(load_draft(app, store, &id)),
                Effect::AttachEvidence {
                    question,
                    path,
                    caption,
                } => {
                    if let Some(a) = app.audit.as_mut() {
                        let now = Timestamp::now();
                        // The draft is saved with the new entry: it takes the answers as they are now.
                        a.draft.capture(&a.session, now);
                        let source = crate::evidence::expand_home(&path);
                        let r = store.attach(&mut a.draft, &question, &source, &caption, now);
                        queue.push_back(Msg::Evidence(r.map(evidence::Done::Attached)));
                    }
                }
                Effect::DetachEvidence { question, number } => {
                    if let Some(a) = app.audit.as_mut() {
                        a.draft.capture(&a.session, Timestamp::now());
                        let r = store.detach(&mut a.draft, &question, number);
                        queue.push_back(Msg::Evidence(r.map(evidence::Done::Removed)));
                    }
                }
                Effect::CompletePath(typed) => {
                    let (text, names) = crate::evidence::complete(&typed, evidence::COMPLETIONS);
                    queue.push_back(Msg::Evidence(Ok(evidence::Done::Completed(text, names))));
                }
                // An amendment: saved (taking its lock), then opened as any draft is resumed, so a
                // changed checklist is offered the same way.
                Effect::StartDraft(id) => {
                    let draft = app.results.amendment.take().filter(|d| d.audit_id == id);
                    queue.push_back(match draft.map(|d| store.save(&d)) {
                        Some(Ok(())) => load_draft(app, store, &id),
                        Some(Err(e)) => Msg::Results(results::Reply::Amended(Err(e))),
                        None => Msg::Results(results::Reply::Amended(Err(crate::i18n::T::new(
                            "Die Änderung {0} ist nicht mehr vorbereitet",
                            "the amendment {0} is no longer prepared",
                        )
                        .fill(app.lang, &[&id])))),
                    });
                }
                Effect::CloseDraft => store.release(),
                Effect::ListDrafts => {
                    let known = catalog::usable(&app.catalog);
                    queue.push_back(Msg::Drafts(store.list(&known, app.lang)));
                }
                e => outer.push(e),
            }
        }
    }
    outer
}

/// Carry out an effect on keys, results or reports; the message with its outcome.
pub fn perform(
    effect: Effect,
    app: &App,
    store: &mut dyn Persistence,
    files: &Files,
) -> Option<Msg> {
    match effect {
        Effect::FindKey => {
            let secret = sign::secret_key_path(&files.keys_dir);
            let public = sign::public_key_path(&files.keys_dir);
            let key_id = secret.is_file().then(|| {
                PublicKey::from_file(&public).map_or_else(|_| "?".to_string(), |k| k.key_id())
            });
            Some(Msg::KeyFound(KeyState {
                dir: files.keys_dir.clone(),
                key_id,
                public,
            }))
        }
        Effect::CreateKey(password) => Some(Msg::KeyCreated(
            sign::keygen(&files.keys_dir, password.expose(), false)
                .map_err(|e| crate::explain::sign(app.lang, &e)),
        )),
        Effect::SignOff(req) => {
            let Some(a) = app
                .audit
                .as_ref()
                .filter(|a| a.draft.audit_id == req.audit_id)
            else {
                return Some(Msg::SignedOff(Err(SignFailure::Other(format!(
                    "the audit {} is not open any more",
                    req.audit_id
                )))));
            };
            let evidence = store
                .location(&req.audit_id)
                .map(|p| crate::evidence::draft_folder(&p));
            let r = crate::signoff::sign_off_with(
                &a.session,
                &a.draft,
                &req.signer,
                req.password.expose(),
                &crate::signoff::Dirs {
                    keys: &files.keys_dir,
                    results: &files.results_dir,
                    evidence: evidence.as_deref(),
                },
                Timestamp::now(),
            );
            Some(Msg::SignedOff(match r {
                Ok(signed) => Ok(Box::new(SignedOff {
                    signed,
                    public_key: sign::public_key_path(&files.keys_dir),
                    archived: store.archive(&req.audit_id),
                })),
                Err(SignOffError::Sign(e @ SignError::WrongPassword { .. })) => Err(
                    SignFailure::WrongPassword(crate::explain::sign(app.lang, &e)),
                ),
                Err(e @ SignOffError::NoKey { .. }) => {
                    Err(SignFailure::NoKey(crate::explain::signoff(app.lang, &e)))
                }
                Err(SignOffError::NoName) => Err(SignFailure::NoName),
                Err(e) => Err(SignFailure::Other(crate::explain::signoff(app.lang, &e))),
            }))
        }
        Effect::WriteReports(result) => Some(Msg::ReportsWritten(
            crate::report::write_beside(&result, &files.verify, Some(app.lang))
                .map_err(|e| crate::explain::report(app.lang, &e)),
        )),
        Effect::Copy(text) => {
            copy_osc52(&text);
            None
        }
        Effect::Results(req) => Some(Msg::Results(results_effect(req, files, app.lang))),
        Effect::FindPreviousPlan => app.audit.as_ref().map(|a| {
            let m = &a.draft.meta;
            let found = crate::result::previous::find(
                &files.results_dir,
                &m.organisation,
                &m.unit,
                &files.verify,
            );
            Msg::PreviousPlan(found.map(Box::new))
        }),
        Effect::SaveDraft
        | Effect::AttachEvidence { .. }
        | Effect::DetachEvidence { .. }
        | Effect::CompletePath(_)
        | Effect::StartDraft(_)
        | Effect::LoadDraft(_)
        | Effect::CloseDraft
        | Effect::ListDrafts
        | Effect::Quit => None,
    }
}

/// OSC 52: ask the terminal to put `text` on its clipboard (base64 with ct-codecs, already a dependency).
/// A terminal that does not allow it ignores the sequence; the status line says so.
fn copy_osc52(text: &str) {
    use ct_codecs::{Base64, Encoder};
    use std::io::Write;
    if let Ok(b64) = Base64::encode_to_string(text) {
        let mut out = io::stdout();
        let _ = write!(out, "\x1b]52;c;{b64}\x07");
        let _ = out.flush();
    }
}

/// Carry out a request of the results screen: listing checks signatures only, opening and verifying
/// verify fully (`result::list`, `report::build_file`).
fn results_effect(req: results::Request, files: &Files, lang: Lang) -> results::Reply {
    use results::{Reply, Request};
    let report = |p: &Path| {
        let opts = crate::report::Options {
            verify: files.verify.clone(),
            lang: Some(lang),
            ui_lang: lang,
            ..crate::report::Options::default()
        };
        crate::report::build_file(p, &opts)
            .map(Box::new)
            .map_err(|e| crate::explain::report(lang, &e))
    };
    match req {
        Request::List => Reply::Listed(
            files.results_dir.clone(),
            crate::result::list(&files.results_dir, &files.verify).map_err(|e| {
                crate::i18n::results::CANNOT_LIST.fill(
                    lang,
                    &[
                        &files.results_dir.display().to_string(),
                        &crate::i18n::io::error(lang, &e),
                    ],
                )
            }),
        ),
        Request::Open(p) => {
            let r = report(&p);
            Reply::Opened(p, r)
        }
        Request::Verify(p) => {
            let r = report(&p);
            Reply::Verified(p, r)
        }
        Request::Amend(p, reason) => {
            let drafts = files
                .verify
                .paths
                .as_ref()
                .map(|paths| crate::store::DraftStore::new(paths).list())
                .unwrap_or_default();
            Reply::Amended(
                crate::result::amend::prepare(
                    &p,
                    &files.verify,
                    &reason,
                    &drafts,
                    Timestamp::now(),
                )
                .map(|a| Box::new(a.draft))
                .map_err(|e| crate::explain::amend(lang, &e)),
            )
        }
        Request::Write(p, format) => Reply::Written(
            crate::report::write_formats_beside(&p, &files.verify, Some(lang), &[format])
                .map_err(|e| crate::explain::report(lang, &e)),
        ),
    }
}

/// One input, all the way: `dispatch`, then `perform` for the effects it returns, their results fed
/// back, until nothing is left. `redraw` is called before a slow effect (key derivation), so that the
/// screen says what is going on. Returns true when the UI should end.
pub fn step(
    app: &mut App,
    msg: Msg,
    store: &mut dyn Persistence,
    files: &Files,
    redraw: &mut dyn FnMut(&App),
) -> bool {
    let mut queue = VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        for effect in dispatch(app, msg, store) {
            if effect == Effect::Quit {
                return true;
            }
            if effect.is_slow() {
                redraw(app);
            }
            if let Some(m) = perform(effect, app, store, files) {
                queue.push_back(m);
            }
        }
    }
    false
}
