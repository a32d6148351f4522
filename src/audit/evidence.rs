//! Evidence attached to a question: the record a draft and a signed result keep of each file (question,
//! original name, stored name, size, SHA-256, caption, time), and the rule for a stored file's name.
//! Pure; copying and checking the files is `crate::evidence`'s job.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One evidence file, as the draft's and the result's `[[evidence]]` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The answer key of the question it belongs to, e.g. `email.staff` or `review[whatsapp].backup`.
    pub question: String,
    /// The original file's name (no folder), as the auditor chose it.
    pub name: String,
    /// The copy's name in the evidence folder (sanitised, unique within the audit).
    pub file: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// What the file shows, in the auditor's words (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    /// When it was attached.
    pub added: Timestamp,
}

/// The longest stored name, in characters (well below every file system's limit, with room for
/// the result's folder and a de-duplicating suffix).
const MAX_STORED_NAME: usize = 80;

/// The name a copy of `original` gets in the evidence folder: letters, digits, `.`, `-` and `_`
/// (German umlauts spelt out, anything else `_`), no leading dot, at most 80 characters, and not one
/// of `taken` (then `name-2.ext`, `name-3.ext`, …). Windows device names get a leading `_`.
pub fn stored_name<'a>(original: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: Vec<&str> = taken.collect();
    let mut base = String::new();
    for c in original.chars() {
        match c {
            'ä' => base.push_str("ae"),
            'ö' => base.push_str("oe"),
            'ü' => base.push_str("ue"),
            'Ä' => base.push_str("Ae"),
            'Ö' => base.push_str("Oe"),
            'Ü' => base.push_str("Ue"),
            'ß' => base.push_str("ss"),
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => base.push(c),
            _ => base.push('_'),
        }
    }
    let base = base.trim_start_matches('.').trim_end_matches('.');
    let mut base: String = base.chars().take(MAX_STORED_NAME).collect();
    if base.is_empty() {
        base = "evidence".into();
    }
    let stem_upper = base
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let device = matches!(stem_upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem_upper.starts_with("COM") || stem_upper.starts_with("LPT"))
            && stem_upper.len() == 4
            && stem_upper.ends_with(|c: char| c.is_ascii_digit()));
    if device {
        base.insert(0, '_');
    }
    let is_taken = |n: &str| taken.iter().any(|t| t.eq_ignore_ascii_case(n));
    if !is_taken(&base) {
        return base;
    }
    let (stem, ext) = match base.rfind('.') {
        Some(i) if i > 0 => (&base[..i], &base[i..]),
        _ => (base.as_str(), ""),
    };
    // One more candidate than names taken: one of them is free.
    (2..=taken.len() + 2)
        .map(|n| format!("{stem}-{n}{ext}"))
        .find(|n| !is_taken(n))
        .unwrap_or_default()
}

/// Whether `name` could be a stored name at all: one plain file name, nothing that leaves a folder.
/// A hostile result could name `../../etc/passwd`; such an entry is never opened.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.chars().any(char::is_control)
}

/// A size as people read it: "812 B", "14.2 KB", "3.1 MB", "1.2 GB".
pub fn size_text(size: u64) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if size < 1000 {
        return format!("{size} B");
    }
    let mut v = size as f64 / 1000.0;
    let mut unit = UNITS[0];
    for u in &UNITS[1..] {
        if v < 1000.0 {
            break;
        }
        v /= 1000.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_safe_and_unique() {
        let none = std::iter::empty::<&str>();
        assert_eq!(
            stored_name("Übersicht März.pdf", none.clone()),
            "Uebersicht_Maerz.pdf"
        );
        assert_eq!(
            stored_name("../../etc/passwd", none.clone()),
            "_.._etc_passwd"
        );
        assert_eq!(stored_name(".bashrc", none.clone()), "bashrc");
        assert_eq!(stored_name("", none.clone()), "evidence");
        assert_eq!(stored_name("con.txt", none.clone()), "_con.txt");
        assert_eq!(stored_name("COM1", none.clone()), "_COM1");
        assert_eq!(stored_name("\u{202e}fdp.exe", none), "_fdp.exe");
        let taken = ["scan.pdf", "SCAN-2.pdf"];
        assert_eq!(stored_name("scan.pdf", taken.iter().copied()), "scan-3.pdf");
        assert_eq!(stored_name("Scan", ["scan"].iter().copied()), "Scan-2");
        let long = "a".repeat(300);
        assert_eq!(stored_name(&long, std::iter::empty()).len(), 80);
    }

    #[test]
    fn plain_names_only() {
        assert!(is_plain_name("scan.pdf"));
        for bad in ["", ".", "..", "a/b", "a\\b", "c:x", "a\u{1b}b"] {
            assert!(!is_plain_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(size_text(812), "812 B");
        assert_eq!(size_text(14_200), "14.2 KB");
        assert_eq!(size_text(3_100_000), "3.1 MB");
        assert_eq!(size_text(1_200_000_000), "1.2 GB");
    }
}
