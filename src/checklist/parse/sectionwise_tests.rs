#![allow(clippy::expect_used)]

use std::path::Path;

use proptest::prelude::*;

use super::{cuts, parse, parse_on};
use crate::checklist::files::Files;
use crate::checklist::parse::parse_whole;

/// The section-wise parse of `text` and the whole-file parse with its diagnostics, as `Debug` text (spans
/// included: `Spanned`'s equality looks at the value only).
fn both(text: &str) -> (Option<String>, String, String) {
    let mut files = Files::within(None);
    let file = files.add_text(Path::new("/virtual/c.toml"), text.to_string());
    let fast = parse(&files.sources, file).map(|raw| format!("{raw:?}"));
    // Shared out over threads, the pieces give the same, in the same order (small inputs are not shared
    // out by `parse` itself).
    for threads in [2, 3] {
        let shared = parse_on(&files.sources, file, threads).map(|raw| format!("{raw:?}"));
        assert_eq!(shared, fast, "{threads} threads differ from one:\n{text}");
    }
    let mut diags = Vec::new();
    let whole = parse_whole(&files.sources, file, &mut diags);
    (fast, format!("{whole:?}"), format!("{diags:?}"))
}

/// Section-wise gives what the whole-file parse gives, and only where that has nothing to report.
fn assert_same(text: &str) -> bool {
    let (fast, whole, diags) = both(text);
    match fast {
        Some(fast) => {
            assert_eq!(
                diags, "[]",
                "section-wise accepted what the whole file reports:\n{text}"
            );
            assert_eq!(
                fast, whole,
                "section-wise differs from the whole file:\n{text}"
            );
            true
        }
        None => false,
    }
}

const HEAD: &str = "format = 1\nid = \"t\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
                    title = { de = \"Titel\", en = \"Title\" }\ndescription = \"d\"\n\n";

/// A section that sets every field a section, question, option and finding can have, so a span left
/// unshifted anywhere shows.
const FULL: &str = r#"[[section]]
id = "full"
title = { de = "Voll", en = "Full" }
intro = "intro"
when = "true"
for_each = "s0.q0"

[[section.question]]
id = "q0"
kind = "single"
text = { de = "Frage", en = "Question" }
help = """
many
lines"""
refs = ["Art. 6 DSGVO", { de = "Art. 7", en = "Art. 7" }]
options = [
  { id = "a", label = "A" },
  { id = "b", label = { de = "B", en = "B" }, other = true },
]
required = false
unknown = true
not_applicable = true
when = "true"
min = 1.5
max = 9
prefill = "s0.q0"
art30 = "recipients"

[[section.question.finding]]
id = "f0"
when = "q0 == a"
severity = "high"
title = "Befund"
measure = "Maßnahme"
refs = ["Art. 35"]
dpia_criterion = "new_technology"
covers = ["f1", "f2"]

[[section.finding]]
id = "f1"
when = "q0 == b"
severity = "low"
title = "T"
measure = "M"
"#;

#[test]
fn cuts_are_the_lines_that_start_a_section() {
    assert_eq!(cuts("[[section]]\nid = 1\n"), vec![0]);
    assert_eq!(cuts("a = 1\n[[section]]\n[[section]] # c\n"), vec![6, 18]);
    assert_eq!(cuts("a = 1\r\n[[section]]\r\n"), vec![7]);
    assert_eq!(cuts("a = 1\n[[section]]"), vec![6]);
    // Indented, followed by more name, or not at the start of a line: not a cut.
    assert!(
        cuts("  [[section]]\n[[section]]x\n[[section.question]]\na = \"[[section]]\"\n").is_empty()
    );
    assert!(cuts("# [[section]]\n").is_empty());
}

#[test]
fn every_shipped_and_fixture_checklist_reads_the_same_section_wise() {
    let mut taken = 0;
    let mut seen = 0;
    let mut dirs = vec![std::path::PathBuf::from("checklists"), "tests".into()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("a folder of the repository")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).expect("a text file");
                seen += 1;
                taken += usize::from(assert_same(&text));
            }
        }
    }
    assert!(seen > 50, "the checklists were not found ({seen})");
    // The shipped audit and review, and most fixtures, are read section-wise.
    assert!(
        taken >= 5,
        "section-wise parsing was taken for {taken} of {seen} files"
    );
}

#[test]
fn a_file_large_enough_for_threads_reads_as_the_whole_file() {
    let mut text = HEAD.to_string();
    let mut n = 0;
    while text.len() <= super::PARALLEL_FROM_BYTES {
        text.push_str(&FULL.replace("id = \"full\"", &format!("id = \"s{n}\"")));
        n += 1;
    }
    assert!(
        assert_same(&text),
        "section-wise parsing was not taken for {n} sections"
    );
}

#[test]
fn every_field_keeps_its_place() {
    let text = format!(
        "{HEAD}{FULL}\n{FULL}\n[[section]]\ninclude = \"x.toml\"\nsection = \"s\"\nwhen = \"true\"\nfor_each = \"s0.q0\"\n"
    );
    assert!(assert_same(&text), "section-wise parsing was not taken");
}

#[test]
fn what_only_the_whole_file_can_tell_falls_back() {
    let cases = [
        // A table after the sections belongs to the document.
        format!("{HEAD}{FULL}[meta]\nx = 1\n"),
        // A section header hidden in a multi-line string.
        format!(
            "{HEAD}{FULL}[[section]]\nid = \"s\"\ntitle = \"\"\"\n[[section]]\nid = \"x\"\n\"\"\"\n"
        ),
        // A section list written inline before the headers.
        format!("format = 1\nsection = []\n{FULL}"),
        // A key given twice.
        format!("{HEAD}{FULL}[[section]]\nid = \"a\"\nid = \"b\"\ntitle = \"t\"\n"),
        // An element that does not read (unknown key).
        format!("{HEAD}[[section]]\nid = \"a\"\ntitle = \"t\"\ncolour = \"red\"\n"),
        // A broken head.
        format!("format = \n{FULL}"),
    ];
    for text in &cases {
        assert!(
            !assert_same(text),
            "section-wise parsing was taken for:\n{text}"
        );
    }
}

/// Pieces of checklist text that the property test strings together: mostly ones that keep a document
/// valid, so that the section-wise path is taken often ...
const TAME: &[&str] = &[
    "[[section]]\nid = \"s1\"\ntitle = \"S\"\n",
    "[[section]] # a comment\nid = \"s2\"\ntitle = { de = \"A\", en = \"B\" }\n",
    "[[section.question]]\nid = \"q\"\nkind = \"yes_no\"\ntext = \"Ünïcödé ✓\"\n",
    "[[section.question]]\nid = \"c\"\nkind = \"multi\"\ntext = \"c\"\n\
     options = [\n  { id = \"a\", label = \"A\" },\n]\nhelp = \"\"\"\n  [[section]] in a text\n\"\"\"\n",
    "[[section.question.finding]]\nid = \"f\"\nwhen = \"q == yes\"\nseverity = \"low\"\ntitle = \"t\"\nmeasure = \"m\"\n",
    "[[section.finding]]\nid = \"g\"\nwhen = \"true\"\nseverity = \"high\"\ntitle = \"t\"\nmeasure = \"m\"\n",
    "[[section]]\ninclude = \"other.toml\"\nsection = \"s\"\n",
    "# [[section]]\n",
    "\n",
];

/// ... and ones that break it, or hide a section header where only the whole file can tell.
const TRICKY: &[&str] = &[
    "help = \"\"\"\n[[section]]\nid = \"hidden\"\n\"\"\"\n",
    "help = \'\'\'\n[[section]]\n\'\'\'\n",
    "options = [\n[[section]]\n]\n",
    "  [[section]]\nid = \"indented\"\ntitle = \"t\"\n",
    "[meta]\nx = 1\n",
    "[section.extra]\nx = 1\n",
    "id = \"dup\"\n",
    "= =\n",
    "x = {\n a = 1 }\n",
];

fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        9 => prop::sample::select(TAME),
        1 => prop::sample::select(TRICKY),
    ]
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::bool::weighted(0.9),
        prop::collection::vec(piece(), 0..14),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.2, (any::<prop::sample::Index>(), 0usize..8)),
    )
        .prop_map(|(head, picks, crlf, cut)| {
            let mut text = if head {
                HEAD.to_string()
            } else {
                String::new()
            };
            text.push_str(TAME[0]);
            for p in picks {
                text.push_str(p);
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if let Some((at, len)) = cut {
                // Cut a few characters out somewhere: any broken document is fair input.
                let chars: Vec<char> = text.chars().collect();
                if !chars.is_empty() {
                    let from = at.index(chars.len());
                    let to = (from + len).min(chars.len());
                    text = chars[..from].iter().chain(&chars[to..]).collect();
                }
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn section_wise_is_the_whole_file_parse_or_nothing(text in document()) {
        assert_same(&text);
    }
}
