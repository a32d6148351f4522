//! The corpus of broken checklists in tests/broken: one file per validation rule, each asserted to give
//! the right message at the right place. Plus inputs no checklist author writes on purpose: invalid UTF-8,
//! huge files, deep nesting, binary garbage — always a located error, never a panic or a hang. Every
//! one of them is said in German, too, at the same place with the same excerpt.

use std::path::{Path, PathBuf};

use msgaudit::checklist::{self, Diagnostic};
use msgaudit::i18n::Lang;

/// English words that no German message holds in its own words (ids in backticks and quoted values
/// aside).
const ENGLISH: &[&str] = &[
    " the ",
    " is ",
    " are ",
    " has ",
    " have ",
    " must ",
    " cannot ",
    " can ",
    " only ",
    " needs ",
    " use ",
    " before ",
    " expected",
    " found",
    " no ",
    " not ",
    " of ",
    " with ",
    " and ",
    " or ",
    " file",
    " question",
    " section",
    " finding",
    " condition",
    " option",
    " language",
];

/// A message without what it quotes: `code`, "values" and „Werte“.
fn prose(message: &str) -> String {
    let mut out = String::new();
    let mut inside: Option<char> = None;
    for c in message.chars() {
        match (inside, c) {
            (None, '`' | '"' | '„') => inside = Some(if c == '„' { '“' } else { c }),
            (Some(end), c) if c == end => inside = None,
            (None, c) => out.push(c),
            (Some(_), _) => {}
        }
    }
    format!(" {out} ")
}

/// `d` in German: its own words, the German level word, and the English excerpt and caret unchanged.
fn assert_said_in_german(d: &Diagnostic) {
    let (de, en) = (d.message_in(Lang::De), d.message_in(Lang::En));
    assert_ne!(de, en, "{d}: the same in German and English");
    // The TOML parser's rarer messages stay the parser's words inside a German frame.
    if !de.starts_with("TOML-Syntaxfehler: ") && !de.starts_with("Aufbau der Datei: ") {
        let words = prose(de);
        for w in ENGLISH {
            assert!(!words.contains(w), "{d}: English {w:?} in German {de:?}");
        }
    }
    let (shown_de, shown_en) = (d.render(Lang::De), d.render(Lang::En));
    let head = format!("{}:{}:{}: ", d.path.display(), d.line, d.column);
    assert!(
        shown_de.starts_with(&format!("{head}Fehler: ")),
        "{shown_de}"
    );
    assert_eq!(
        shown_de.lines().skip(1).collect::<Vec<_>>(),
        shown_en.lines().skip(1).collect::<Vec<_>>(),
        "the excerpt and caret are the same in both languages"
    );
}

/// (file stem, line, column, part of the message) of the first diagnostic.
const EXPECTED: &[(&str, usize, usize, &str)] = &[
    (
        "bad-id",
        29,
        6,
        "the id `Bad Id` must start with a lowercase letter a–z",
    ),
    (
        "condition-bad-date",
        37,
        13,
        "\"2025-13-01\" is not a date written as \"YYYY-MM-DD\"",
    ),
    (
        "condition-forward",
        32,
        9,
        "`later` comes later in the checklist; a condition can only use earlier answers",
    ),
    (
        "condition-into-repeat",
        45,
        9,
        "`inner` is inside the repeated section `r` and can only be used from inside that section",
    ),
    (
        "condition-multi-equals",
        32,
        14,
        "`pick` is a `multi` question: use `pick contains \"option\"`",
    ),
    (
        "condition-syntax",
        32,
        29,
        "in condition: the condition ends early: expected `)`",
    ),
    (
        "condition-too-deep",
        32,
        73,
        "in condition: the condition is nested more than 64 levels deep",
    ),
    (
        "condition-too-long",
        32,
        1545,
        "in condition: the condition has more than 256 terms",
    ),
    (
        "condition-type-mismatch",
        32,
        12,
        "`yn` is a `yes_no` question: use `==` or `!=`",
    ),
    (
        "condition-unknown-id",
        32,
        9,
        "section `a` has no question `nope` before this point",
    ),
    (
        "condition-unknown-option",
        32,
        23,
        "`pick` has no option \"w\"; its options are: x, y",
    ),
    (
        "condition-yes-vs-number",
        32,
        14,
        "`n` is a `number` question: compare it with a number",
    ),
    (
        "covers-cycle",
        37,
        11,
        "`h` covering `f` closes a cycle: `f` already covers `h`",
    ),
    (
        "covers-milder",
        21,
        11,
        "`f` (low) cannot cover `g` (high): a root cause is at least as severe as what it covers",
    ),
    ("covers-self", 21, 11, "the finding `f` cannot cover itself"),
    (
        "covers-unknown",
        21,
        16,
        "`covers` names `nope`, but there is no finding `nope`",
    ),
    (
        "dpia-before-criteria",
        20,
        9,
        "dpia() can only be used in sections after `b`, the last one with a finding that has a `dpia_criterion`",
    ),
    (
        "dpia-unknown-verdict",
        28,
        19,
        "unknown DPIA verdict `recommended`; the verdicts are not_indicated, consider, required_in_most_cases, required",
    ),
    ("duplicate-finding", 36, 6, "a finding `f` exists already"),
    ("duplicate-option", 32, 65, "the option `o` is listed twice"),
    (
        "duplicate-question",
        29,
        6,
        "the section already has a question `yn`",
    ),
    ("duplicate-section", 29, 6, "a section `a` exists already"),
    ("empty-text", 31, 15, "the question is empty in `de`"),
    ("empty", 1, 1, "the file is empty"),
    (
        "for-each-forward",
        11,
        13,
        "the section `a` comes later; a condition can only use earlier answers",
    ),
    (
        "for-each-not-choice",
        31,
        12,
        "`for_each` needs a single or multi choice question; `a.yn` is `yes_no`",
    ),
    ("format-version", 1, 10, "unsupported format version 2"),
    (
        "include-missing-file",
        29,
        11,
        "nowhere.toml`: no such file",
    ),
    (
        "include-missing-section",
        30,
        11,
        "`include-target.inc` has no section `nope`",
    ),
    (
        "item-outside-repeat",
        45,
        9,
        "`item` can only be used in a repeated section (one with `for_each`)",
    ),
    (
        "item-unknown-option",
        34,
        17,
        "which has no option \"w\"; its options are: x, y",
    ),
    ("knowledge-missing", 6, 13, "kb-nowhere.toml`: no such file"),
    (
        "min-on-text",
        32,
        7,
        "`min` and `max` are for `number` questions only",
    ),
    ("missing-language", 31, 8, "the question has no `en` text"),
    (
        "missing-options",
        29,
        6,
        "a `single` question needs `options`",
    ),
    ("no-sections", 1, 1, "the checklist has no sections"),
    (
        "options-on-yes-no",
        32,
        11,
        "a `yes_no` question has no `options`",
    ),
    (
        "plain-text-two-languages",
        31,
        8,
        "the question needs a text per language: { de = \"…\", en = \"…\" }",
    ),
    (
        "selected-not-choice",
        32,
        18,
        "selected() is for single and multi choice questions; `yn` is `yes_no` (use answered())",
    ),
    (
        "section-condition-own",
        31,
        9,
        "write `section.yn`: a section's condition refers to questions of earlier sections",
    ),
    (
        "section-without-questions",
        28,
        1,
        "the section `b` has no questions",
    ),
    ("toml-syntax", 28, 11, "unclosed array table, expected `]`"),
    (
        "undeclared-language",
        31,
        30,
        "language `fr` is not declared in `languages` (de, en)",
    ),
    (
        "unknown-art30-field",
        20,
        9,
        "unknown field of the records of processing activities `legal_basis` (Art. 30(1) GDPR); use one of: controller, purpose, data_subjects, data_categories, recipients, third_country, transfer_mechanism, retention, toms",
    ),
    (
        "unknown-dpia-criterion",
        32,
        18,
        "unknown DPIA criterion `scoring`",
    ),
    ("unknown-key", 32, 1, "unknown field `requried`"),
    ("unknown-kind", 30, 8, "unknown kind `choice`"),
    ("unknown-severity", 31, 12, "unknown severity `critical`"),
    (
        "wrong-type",
        3,
        11,
        "invalid type: integer `1`, expected a string",
    ),
];

fn first_error(path: &Path) -> Diagnostic {
    match checklist::load(path) {
        Ok(_) => panic!("{} should not load", path.display()),
        Err(diags) => diags
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no diagnostic for {}", path.display())),
    }
}

#[test]
fn every_broken_file_gives_its_message_at_its_place() {
    for (stem, line, col, msg) in EXPECTED {
        let path = PathBuf::from(format!("tests/broken/{stem}.toml"));
        let d = first_error(&path);
        assert!(
            d.message.contains(msg),
            "{stem}: message was {:?}, expected it to contain {msg:?}",
            d.message
        );
        assert_eq!(
            (d.line, d.column),
            (*line, *col),
            "{stem}: wrong place for {:?}",
            d.message
        );
        assert!(
            d.to_string()
                .starts_with(&format!("{}:{line}:{col}: error: ", path.display())),
            "{stem}: {d}"
        );
    }
}

#[test]
fn every_diagnostic_of_the_corpus_is_said_in_german() {
    let mut seen = 0;
    for entry in std::fs::read_dir("tests/broken").unwrap_or_else(|e| panic!("tests/broken: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let diags = checklist::load(&path).err().unwrap_or_default();
        assert!(!diags.is_empty(), "{} should not load", path.display());
        for d in &diags {
            assert_said_in_german(d);
            seen += 1;
        }
    }
    assert!(seen >= 50, "{seen}");
    let unknown_kind = first_error(Path::new("tests/broken/unknown-kind.toml"));
    assert_eq!(
        unknown_kind.render(Lang::De),
        "tests/broken/unknown-kind.toml:30:8: Fehler: unbekannte Art `choice`; möglich sind yes_no, single, multi, text, number oder date\n   |\n30 | kind = \"choice\"\n   |        ^^^^^^^^"
    );
    let toml = first_error(Path::new("tests/broken/toml-syntax.toml"));
    assert_eq!(
        toml.message_in(Lang::De),
        "nicht geschlossene Tabellenliste, erwartet: `]`"
    );
    let unknown_key = first_error(Path::new("tests/broken/unknown-key.toml"));
    assert!(
        unknown_key
            .message_in(Lang::De)
            .starts_with("unbekannter Schlüssel `requried`; erlaubt sind `id`"),
        "{}",
        unknown_key.message_in(Lang::De)
    );
}

#[test]
fn every_file_in_the_corpus_has_an_expectation() {
    let mut stems: Vec<String> = std::fs::read_dir("tests/broken")
        .unwrap_or_else(|e| panic!("tests/broken: {e}"))
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .filter(|s| s != "include-cycle")
        .collect();
    stems.sort();
    let mut known: Vec<String> = EXPECTED.iter().map(|e| e.0.to_string()).collect();
    known.sort();
    assert_eq!(stems, known);
}

#[test]
fn an_include_cycle_is_reported_in_the_file_that_closes_it() {
    let d = first_error(Path::new("tests/broken/include-cycle.toml"));
    assert!(d.path.ends_with("cycle-b.inc"), "{d}");
    assert_eq!((d.line, d.column), (9, 11));
    assert!(d.message.contains("include cycle"), "{d}");
}

#[test]
fn the_excerpt_shows_the_line_with_a_caret() {
    let d = first_error(Path::new("tests/broken/unknown-kind.toml"));
    assert_eq!(
        d.to_string(),
        "tests/broken/unknown-kind.toml:30:8: error: unknown kind `choice`; use yes_no, single, multi, text, number or date\n   |\n30 | kind = \"choice\"\n   |        ^^^^^^^^"
    );
}

#[test]
fn several_errors_in_one_file_are_all_reported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("many.toml");
    let text = std::fs::read_to_string("tests/fixtures/small.toml")
        .unwrap_or_else(|e| panic!("{e}"))
        .replace("kind = \"number\"", "kind = \"numbr\"")
        .replace("severity = \"high\"", "severity = \"severe\"")
        .replace(
            "when = \"messenger == yes\"\ntext",
            "when = \"messenger == maybe\"\ntext",
        );
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let diags = checklist::load(&path).err().unwrap_or_default();
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(diags.len(), 3, "{messages:#?}");
    assert!(messages[0].contains("numbr"));
    assert!(messages.iter().any(|m| m.contains("maybe")));
    assert!(messages.iter().any(|m| m.contains("severe")));
    diags.iter().for_each(assert_said_in_german);
}

fn load_bytes(bytes: &[u8]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("input.toml");
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    checklist::load(&path)
        .err()
        .unwrap_or_else(|| panic!("should not load"))
}

#[test]
fn invalid_utf8_is_located() {
    let d = &load_bytes(b"format = 1\nid = \"a\xff\"\n")[0];
    assert_eq!((d.line, d.column), (2, 8));
    assert!(d.message.contains("not valid UTF-8"));
    assert_said_in_german(d);
}

#[test]
fn a_huge_file_is_refused_unread() {
    let big = vec![b'#'; 50 * 1024 * 1024];
    let d = &load_bytes(&big)[0];
    assert!(d.message.contains("50.0 MB"), "{d}");
    assert_said_in_german(d);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [1_000, 100_000] {
        let text = format!(
            "format = 1\nx = {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let diags = load_bytes(text.as_bytes());
        assert!(!diags.is_empty());
        diags.iter().for_each(assert_said_in_german);
        let text = format!(
            "format = 1\nx = {}1{}\n",
            "{ a = ".repeat(depth),
            " }".repeat(depth)
        );
        assert!(!load_bytes(text.as_bytes()).is_empty());
    }
}

#[test]
fn binary_garbage_is_an_error() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0])
        .collect();
    let diags = load_bytes(&garbage);
    assert!(!diags.is_empty());
    diags.iter().for_each(assert_said_in_german);
}

#[test]
fn a_broken_knowledge_base_is_reported_in_its_own_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string("tests/fixtures/small.toml")
        .unwrap_or_default()
        .replace(
            "description = {",
            "knowledge = \"kb.toml\"\ndescription = {",
        );
    std::fs::write(dir.path().join("c.toml"), text).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("kb.toml"),
        "format = 1\nlanguages = [\"de\", \"en\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let diags = checklist::load(&dir.path().join("c.toml"))
        .err()
        .unwrap_or_default();
    assert!(
        !diags.is_empty(),
        "a knowledge base with a syntax error must not be ignored"
    );
    assert!(diags[0].path.ends_with("kb.toml"), "{}", diags[0]);
    assert_eq!(diags[0].line, 2);
}

/// `msgaudit check` on a pipe or a device used to hang or read until memory ran out.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_reading() {
    let d = &checklist::load(Path::new("/dev/zero"))
        .err()
        .unwrap_or_default()[0];
    assert!(d.message.contains("not a regular file"), "{d}");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.path().join("checklist.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo (coreutils) is needed for this test: {e}"));
    assert!(made.success());
    let d = &checklist::load(&fifo).err().unwrap_or_default()[0];
    assert!(d.message.contains("not a regular file"), "{d}");
    // `check PATH` first looks into the file to tell a knowledge base: no waiting there either.
    assert!(!checklist::is_knowledge_file(&fifo));
    assert!(
        checklist::files_in(dir.path())
            .unwrap_or_default()
            .is_empty()
    );
}

/// `art30` names a field of Art. 30(1) GDPR, on a question and on a knowledge-base fact alike: anything
/// else is an error at the value, in German and in English.
#[test]
fn an_unknown_art30_field_is_located_in_both_languages() {
    let d = first_error(Path::new("tests/broken/unknown-art30-field.toml"));
    assert_eq!(
        d.message_in(Lang::De),
        "unbekanntes Feld des Verzeichnisses von Verarbeitungstätigkeiten `legal_basis` (Art. 30 Abs. 1 DSGVO); möglich sind: controller, purpose, data_subjects, data_categories, recipients, third_country, transfer_mechanism, retention, toms"
    );
    assert_said_in_german(&d);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let checklist = std::fs::read_to_string("tests/broken/unknown-art30-field.toml")
        .unwrap_or_else(|e| panic!("{e}"))
        .replace("art30 = \"legal_basis\"\n", "art30 = \"purpose\"\n")
        .replace(
            "description = { de = \"D\", en = \"D\" }\n",
            "description = { de = \"D\", en = \"D\" }\nknowledge = \"kb.toml\"\n",
        );
    std::fs::write(dir.path().join("c.toml"), checklist).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("kb.toml"),
        "format = 1\nlanguages = [\"de\", \"en\"]\n\n[[entry]]\nid = \"x\"\nname = \"X\"\nas_of = \"2026-12-01\"\nsources = [\"https://example.org/x\"]\n\n[[entry.fact]]\nlabel = { de = \"Anbieter\", en = \"Provider\" }\nvalue = { de = \"X GmbH\", en = \"X GmbH\" }\nart30 = \"recipient\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let d = first_error(&dir.path().join("c.toml"));
    assert!(d.path.ends_with("kb.toml"), "{d}");
    assert_eq!((d.line, d.column), (13, 9), "{d}");
    assert!(
        d.message_in(Lang::En).starts_with(
            "unknown field of the records of processing activities `recipient` (Art. 30(1) GDPR); use one of: controller,"
        ),
        "{d}"
    );
    assert!(
        d.message_in(Lang::De).starts_with(
            "unbekanntes Feld des Verzeichnisses von Verarbeitungstätigkeiten `recipient` (Art. 30 Abs. 1 DSGVO); möglich sind: controller,"
        ),
        "{d}"
    );
    assert_said_in_german(&d);
    // The fixed checklist with a good tag loads, and the tag is kept on the question and on the fact.
    std::fs::write(
        dir.path().join("kb.toml"),
        std::fs::read_to_string(dir.path().join("kb.toml"))
            .unwrap_or_default()
            .replace("\"recipient\"", "\"recipients\""),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let c = checklist::load(&dir.path().join("c.toml")).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(
        c.sections[0].questions[1].art30,
        Some(checklist::Art30Field::Purpose)
    );
    let kb = c.knowledge.unwrap_or_else(|| panic!("knowledge base"));
    assert_eq!(
        kb.entries[0].facts[0].art30,
        Some(checklist::Art30Field::Recipients)
    );
}
