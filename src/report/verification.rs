//! The verification state as every report shows it: the headline, the detail and the signer, in the
//! report's language.

use super::model::VerificationInfo;
use super::texts as tx;
use crate::i18n::dates::{self, Zone};
use crate::lang::Lang;
use crate::result::verify::{State, Verification};
use crate::text::sanitize;

pub(super) fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// The verification headline in `lang`, the time of signing in `zone`.
pub fn headline(v: &Verification, lang: Lang, zone: &Zone) -> String {
    let prefix = if v.is_valid() { tx::VALID } else { tx::INVALID };
    format!("{}: {}", prefix.get(lang), detail(v, lang, zone))
}

/// The verification state in `lang` without the VALID/NOT VERIFIED prefix.
pub fn detail(v: &Verification, lang: Lang, zone: &Zone) -> String {
    match &v.state {
        State::Valid {
            signer,
            role,
            signed_at,
            key_id,
        } => {
            let who = if role.is_empty() {
                clean(signer)
            } else {
                format!("{} ({})", clean(signer), clean(role))
            };
            format!(
                "{} {who} {} {} {} {key_id}",
                tx::VALID_SIGNED_BY.get(lang),
                tx::ON.get(lang),
                dates::time(lang, *signed_at, zone),
                tx::WITH_KEY.get(lang),
            )
        }
        State::Invalid { reason } => clean(&reason.text(lang)),
    }
}

pub(super) fn verification_info(v: &Verification, lang: Lang, zone: &Zone) -> VerificationInfo {
    let (signer, role, signed_at, key_id, reason) = match &v.state {
        State::Valid {
            signer,
            role,
            signed_at,
            key_id,
        } => (
            Some(clean(signer)),
            Some(clean(role)),
            Some(*signed_at),
            Some(key_id.clone()),
            None,
        ),
        State::Invalid { reason } => (None, None, None, None, Some(clean(&reason.text(lang)))),
    };
    VerificationInfo {
        valid: v.is_valid(),
        headline: headline(v, lang, zone),
        detail: detail(v, lang, zone),
        signer,
        role,
        signed_at,
        key_id,
        reason,
        notes: v.notes.iter().map(|n| clean(&n.text(lang))).collect(),
        sha256: v.sha256.clone(),
    }
}

pub fn file_name(v: &Verification) -> String {
    clean(&v.path.file_name().map_or_else(
        || v.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    ))
}
