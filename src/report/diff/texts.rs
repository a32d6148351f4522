//! The fixed texts of `msgaudit diff` in German and English (its messages included); the words of the
//! domain come from `i18n::vocab` through `report::texts`.

use crate::i18n::T;
use crate::lang::Lang;

macro_rules! texts {
    ($($name:ident = $de:expr, $en:expr;)*) => {
        $(pub const $name: T = T { de: $de, en: $en };)*
        /// Every fixed text by name, for the HTML template (`d.NAME`).
        pub fn all(lang: Lang) -> std::collections::BTreeMap<&'static str, &'static str> {
            let mut m = std::collections::BTreeMap::new();
            $(m.insert(stringify!($name), $name.get(lang));)*
            m
        }
    };
}

texts! {
    TITLE = "Vergleich zweier Prüfungen", "Comparison of two audits";
    BEFORE = "Vorher", "Before";
    AFTER = "Nachher", "After";
    NOT_BOTH_VERIFIED = "Mindestens eine der beiden Ergebnisdateien ist nicht verifiziert. Ihr Inhalt kann nach dem Abzeichnen verändert worden sein; verlassen Sie sich nicht auf diesen Vergleich.", "At least one of the two result files is not verified. Its content may have been changed after signing; do not rely on this comparison.";
    NOTHING_CHANGED = "Keine Änderungen: Befunde, Antworten, DSFA-Vorprüfung, Messenger und Checkliste sind gleich.", "Nothing changed: findings, answers, DPIA screening, messengers and checklist are the same.";
    OVERVIEW = "Auf einen Blick", "At a glance";
    NEW_FINDINGS = "Neue Befunde", "New findings";
    RESOLVED_FINDINGS = "Behobene Befunde", "Resolved findings";
    STILL_OPEN_FINDINGS = "Weiterhin offene Befunde", "Findings still open";
    NEW_OPEN_POINTS = "Neu zu klären", "New points to clarify";
    CLARIFIED = "Geklärt", "Clarified";
    NONE_NEW_OPEN = "Nichts neu zu klären.", "Nothing new to clarify.";
    NONE_CLARIFIED = "Nichts geklärt.", "Nothing clarified.";
    CHANGED_ANSWERS = "Geänderte Antworten", "Changed answers";
    NONE_NEW = "Keine neuen Befunde.", "No new findings.";
    NONE_RESOLVED = "Kein Befund behoben.", "No finding resolved.";
    NONE_STILL_OPEN = "Kein Befund weiterhin offen.", "No finding still open.";
    NO_CHANGED_ANSWERS = "Keine Antwort geändert.", "No answer changed.";
    COVERED_BY = "aufgeführt unter", "listed under";
    NOW_ALSO = "jetzt auch", "now also";
    NO_LONGER = "nicht mehr", "no longer";
    SEVERITY_WAS = "Schweregrad vorher", "severity before";
    CHANGE = "Änderung", "Change";
    UNCHANGED = "unverändert", "unchanged";
    CHECKLIST_SAME = "Beide Prüfungen verwenden dieselbe Checkliste.", "Both audits use the same checklist.";
    CHECKLIST_CHANGED = "Die Checkliste hat sich geändert. Antworten sind über ihren Antwortschlüssel zugeordnet; verschobene Fragen über ihre Verschiebung.", "The checklist changed. Answers are matched by their answer key, moved questions across their move.";
    OTHER_CHECKLIST = "Die beiden Prüfungen verwenden verschiedene Checklisten: Nur Fragen mit gleichem Antwortschlüssel und Befunde mit gleicher Kennung werden einander zugeordnet.", "The two audits use different checklists: only questions with the same answer key and findings with the same id are matched.";
    NOT_COMPARED = "Die Checkliste mindestens einer der beiden Prüfungen ist hier nicht verfügbar: Verschobene, entfernte und neue Fragen können nicht bestimmt werden; Antworten sind nur über ihren Antwortschlüssel zugeordnet.", "The checklist of at least one of the two audits is not available here: moved, removed and new questions cannot be told; answers are matched by their answer key only.";
    MOVED_QUESTIONS = "Verschobene Fragen", "Moved questions";
    REMOVED_QUESTIONS = "Entfernte Fragen", "Removed questions";
    ADDED_QUESTIONS = "Neue Fragen", "New questions";
    MOVED_EXPLAINED = "Diese Fragen stehen jetzt in einem anderen Abschnitt; ihre Antworten sind über die Verschiebung zugeordnet.", "These questions now stand in another section; their answers are matched across the move.";
    REMOVED_EXPLAINED = "Diese Fragen gibt es in der neuen Checkliste nicht mehr; ihre früheren Antworten stehen unter „Geänderte Antworten“ als entfallen.", "These questions are not in the new checklist; their earlier answers are listed under “Changed answers” as dropped.";
    ADDED_EXPLAINED = "Diese Fragen sind in der neuen Checkliste hinzugekommen.", "These questions were added in the new checklist.";
    FROM = "Bisher in", "Was in";
    TO = "Jetzt in", "Now in";
    DPIA_UNCHANGED = "Unverändert", "Unchanged";
    CRITERIA_ADDED = "Jetzt erfüllt", "Now met";
    CRITERIA_REMOVED = "Nicht mehr erfüllt", "No longer met";
    MESSENGER_ADDED = "hinzugekommen", "added";
    MESSENGER_DROPPED = "entfallen", "dropped";
    NO_MESSENGER_CHANGE = "Dieselben Messenger wie vorher.", "The same messengers as before.";
    KIND_CHANGED = "geändert", "changed";
    KIND_ADDED = "neu beantwortet", "newly answered";
    KIND_REMOVED = "entfallen", "dropped";
    MOVED_FROM = "verschoben von", "moved from";
    NO_ANSWER = "—", "—";
    CANNOT_COMPARE = "{0} kann nicht verglichen werden: {1}", "cannot compare {0}: {1}";
    DIFF_NOT_VERIFIED = "{0} ist nicht verifiziert ({1}); der Vergleich sagt das oben", "{0} is not verified ({1}); the comparison says so at the top";
    THE_DIFF = "der Vergleich", "the comparison";
}

/// "2 neue Befunde, 1 behoben, 3 weiterhin offen; 4 Antworten geändert" — the line under the title.
pub fn overview(d: &super::Diff) -> String {
    let f = &d.findings;
    let n = d.answers.len();
    match d.lang {
        Lang::De => format!(
            "{} neu, {} behoben, {} weiterhin offen; {} {}",
            crate::i18n::vocab::findings_count(Lang::De, f.new.len()),
            f.resolved.len(),
            f.still_open.len(),
            n,
            if n == 1 {
                "Antwort geändert"
            } else {
                "Antworten geändert"
            }
        ),
        Lang::En => format!(
            "{} new, {} resolved, {} still open; {} {} changed",
            crate::i18n::vocab::findings_count(Lang::En, f.new.len()),
            f.resolved.len(),
            f.still_open.len(),
            n,
            if n == 1 { "answer" } else { "answers" }
        ),
    }
}

/// The kind of an answer change in words.
pub fn kind(k: super::AnswerChangeKind) -> T {
    match k {
        super::AnswerChangeKind::Changed => KIND_CHANGED,
        super::AnswerChangeKind::Added => KIND_ADDED,
        super::AnswerChangeKind::Removed => KIND_REMOVED,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders() {
        use crate::i18n::placeholders;
        let en = super::all(crate::lang::Lang::En);
        for (name, de) in super::all(crate::lang::Lang::De) {
            assert_eq!(placeholders(de), placeholders(en[name]), "{name}");
        }
    }
}
