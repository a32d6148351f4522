//! A corpus of hostile checklists: escape sequences (CSI, OSC with BEL), C1 controls, DEL, bidi
//! overrides and isolates, zero-width characters and U+2028 in keys, kinds, option names, source
//! lines and file names. No diagnostic may carry one of them raw; each is shown escaped (`\u{1b}`).

use msgaudit::checklist;
use msgaudit::i18n::Lang;
use msgaudit::text::is_hostile;

const HEAD: &str = "format = 1\nid = \"t\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
                    title = { de = \"T\", en = \"T\" }\ndescription = { de = \"D\", en = \"D\" }\n\n\
                    [[section]]\nid = \"a\"\ntitle = { de = \"A\", en = \"A\" }\n\n\
                    [[section.question]]\nid = \"pick\"\nkind = \"multi\"\n\
                    text = { de = \"W?\", en = \"W?\" }\n\
                    options = [{ id = \"x\", label = { de = \"X\", en = \"X\" } }]\n";

/// The hostile characters, as TOML escapes (for strings and quoted keys) and raw.
const HOSTILE: &[char] = &[
    '\u{1b}', '\u{7}', '\u{0}', '\u{8}', '\u{7f}', '\u{9b}', '\u{85}', '\u{202a}', '\u{202b}',
    '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200b}',
    '\u{200d}', '\u{2060}', '\u{feff}', '\u{2028}', '\u{2029}', '\u{200f}',
];

fn corpus(c: char) -> Vec<String> {
    let esc = format!("\\u{:04X}", u32::from(c));
    let raw = c.to_string();
    vec![
        // Unknown field, named through a TOML escape in a quoted key.
        format!("{HEAD}\"ev{esc}il\" = 1\n"),
        // Unknown kind.
        format!("{HEAD}\n[[section.question]]\nid = \"q\"\nkind = \"ch{esc}oice\"\ntext = \"x\"\n"),
        // An option that does not exist, in a condition.
        format!(
            "{HEAD}\n[[section.question]]\nid = \"q\"\nkind = \"yes_no\"\n\
             text = {{ de = \"F\", en = \"Q\" }}\nwhen = 'pick contains \"w{raw}\"'\n"
        ),
        // Raw characters in the offending source line (a syntax error there), and in a comment.
        format!("{HEAD}# {raw}{raw} comment\nbroken = [ \"{raw}\" \n"),
        format!(
            "{HEAD}\n[[section.question]]\nid = \"q{raw}\"\nkind = \"yes_no\"\n\
             text = {{ de = \"F\", en = \"Q\" }}\n"
        ),
    ]
}

fn assert_clean(rendered: &str, context: &str) {
    let bad: Vec<char> = rendered
        .chars()
        .filter(|&c| c != '\n' && is_hostile(c))
        .collect();
    assert!(bad.is_empty(), "{context}: raw {bad:?} in {rendered:?}");
}

#[test]
fn no_diagnostic_carries_a_hostile_character() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("hostile.toml");
    for &c in HOSTILE {
        for (i, text) in corpus(c).iter().enumerate() {
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
            let diags = checklist::load(&path).err().unwrap_or_else(|| {
                panic!("case {i} with {c:?} should not load");
            });
            let rendered: Vec<String> =
                diags.iter().map(std::string::ToString::to_string).collect();
            let all = rendered.join("\n");
            assert_clean(&all, &format!("case {i} with {c:?}"));
            // The German rendering escapes the same, and says every message in German.
            for d in &diags {
                let de = d.render(Lang::De);
                assert_clean(&de, &format!("case {i} with {c:?} in German"));
                assert_ne!(d.message_in(Lang::De), d.message_in(Lang::En), "{de}");
            }
            {
                assert!(
                    all.contains(&format!("\\u{{{:x}}}", u32::from(c))),
                    "case {i} with {c:?}: not shown escaped: {all}"
                );
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn a_hostile_file_name_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("a\u{1b}]0;owned\u{7}\u{202e}.toml");
    std::fs::write(&path, "format = 1\n").unwrap_or_else(|e| panic!("{e}"));
    let diags = checklist::load(&path).err().unwrap_or_default();
    let all: String = diags.iter().map(|d| d.to_string() + "\n").collect();
    assert!(!all.is_empty());
    assert_clean(&all, "file name");
    assert!(
        all.contains("a\\u{1b}]0;owned\\u{7}\\u{202e}.toml"),
        "{all}"
    );
}

#[test]
fn the_caret_stays_under_the_problem_after_escaping() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("c.toml");
    std::fs::write(&path, format!("{HEAD}# \u{1b}\u{202e}\nkind = \u{1b} \n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let diags = checklist::load(&path).err().unwrap_or_default();
    let d = diags
        .iter()
        .find(|d| d.excerpt.as_ref().is_some_and(|e| e.text.contains("kind")))
        .unwrap_or_else(|| panic!("{diags:?}"));
    let ex = d.excerpt.as_ref().unwrap_or_else(|| panic!("excerpt"));
    let under: String = ex
        .text
        .chars()
        .skip(ex.caret_start)
        .take(ex.caret_len)
        .collect();
    assert_eq!(under, "\\u{1b}", "{d}");
}
