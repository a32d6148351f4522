//! The texts of `msgaudit merge` (the command line's plan and errors), German and English.

use super::T;

pub const THE_MERGE: T = T::new("die Zusammenführung", "the merge");

pub const NO_SUCH_DRAFT: T = T::new(
    "kein Entwurf „{0}“: weder eine Datei noch die Kennung eines Entwurfs im Entwurfsordner {1}",
    "no draft \"{0}\": neither a file nor the id of a draft in the drafts folder {1}",
);

pub const CHECKLIST_MISSING: T = T::new(
    "Die Checkliste {0} {1}, mit der die Entwürfe gemacht sind, ist nicht in genau dieser Fassung verfügbar (SHA-256 {2}); ohne sie lassen sich die Antworten nicht vergleichen",
    "the checklist {0} {1} the drafts were made with is not available in exactly that form (SHA-256 {2}); without it the answers cannot be compared",
);

pub const CANNOT_READ_RULES: T = T::new(
    "Die Regeldatei {0} lässt sich nicht lesen: {1}",
    "cannot read the rules file {0}: {1}",
);

pub const OUTPUT_NAME: T = T::new(
    "{0}: der Name eines Entwurfs endet auf .draft.toml (sein Änderungsverlauf liegt daneben als .draft.journal)",
    "{0}: the name of a draft ends in .draft.toml (its change history goes beside it as .draft.journal)",
);

pub const UNDECIDED: T = T::new(
    "{0} Konflikte sind nicht entschieden; keine Datei wurde geändert. Entscheiden Sie sie im Terminal (msgaudit merge ohne --plain) oder mit --rules DATEI (docs/merge.md):\n",
    "{0} conflicts are not decided; no file was changed. Decide them in the terminal (msgaudit merge without --plain) or with --rules FILE (docs/merge.md):\n",
);

pub const CONFLICT: T = T::new("  {0} – {1}\n", "  {0} – {1}\n");

pub const CANDIDATE: T = T::new("    {0}) {1}: {2}{3}\n", "    {0}) {1}: {2}{3}\n");

pub const LAST_CHANGED: T = T::new(
    " (zuletzt geändert von {0}, {1})",
    " (last changed by {0}, {1})",
);

pub const CANDIDATE_NOTE: T = T::new("       Notiz: {0}\n", "       note: {0}\n");

pub const CANCELLED: T = T::new(
    "Zusammenführung abgebrochen; keine Datei wurde geändert.",
    "merge cancelled; no file was changed.",
);

pub const TUI_FAILED: T = T::new(
    "Die Durchsicht der Konflikte ließ sich nicht anzeigen: {0}",
    "cannot show the review of the conflicts: {0}",
);

pub const HEADING: T = T::new(
    "{0} Entwürfe ({1}) der Checkliste {2} {3} zusammengeführt zum neuen Entwurf {4}:\n",
    "Merged {0} drafts ({1}) of the checklist {2} {3} into the new draft {4}:\n",
);

pub const TAKEN: T = T::new(
    "  aus einem Entwurf übernommene Antworten: {0}\n",
    "  answers taken from one draft: {0}\n",
);

pub const AGREED: T = T::new(
    "  in mehreren Entwürfen gleiche Antworten: {0}\n",
    "  answers alike in several drafts: {0}\n",
);

pub const SHARED: T = T::new(
    "  gemeinsamer Anfang des Änderungsverlaufs: {0} Änderungen\n",
    "  shared start of the change history: {0} changes\n",
);

pub const NOTES: T = T::new(
    "  zusammengefasste Notizen: {0}\n",
    "  notes combined: {0}\n",
);

pub const DECIDED: T = T::new(
    "  entschiedene Konflikte: {0} ({1} in der Durchsicht, {2} nach der Regeldatei)\n",
    "  conflicts decided: {0} ({1} in the review, {2} by the rules file)\n",
);

pub const DONE: T = T::new(
    "Die zusammengeführten Entwürfe bleiben, wie sie sind.\nEntwurf: {0}\nSetzen Sie ihn auf dem Startbildschirm (oder mit msgaudit --plain) fort und zeichnen Sie ihn ab.\n",
    "The drafts merged are left as they are.\nDraft: {0}\nResume it on the start screen (or with msgaudit --plain) and sign it off.\n",
);

#[cfg(test)]
mod tests {
    use super::super::placeholders;
    use super::*;

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for t in [
            NO_SUCH_DRAFT,
            CHECKLIST_MISSING,
            CANNOT_READ_RULES,
            OUTPUT_NAME,
            UNDECIDED,
            CONFLICT,
            CANDIDATE,
            LAST_CHANGED,
            CANDIDATE_NOTE,
            TUI_FAILED,
            HEADING,
            TAKEN,
            AGREED,
            SHARED,
            NOTES,
            DECIDED,
            DONE,
        ] {
            assert_eq!(placeholders(t.de), placeholders(t.en), "{t:?}");
        }
    }
}
