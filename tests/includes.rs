//! Includes: each included file is read and checked once however many paths lead to it (a chain
//! of includes used to take exponential time), and includes (and the knowledge base) must stay
//! inside the checklist's folder — absolute paths, `..` escapes and symlinks out are located
//! errors, and no line of a file outside the folder is ever shown.

use std::path::Path;
use std::time::{Duration, Instant};

use msgaudit::checklist;

const HEAD: &str = "format = 1\nid = \"c{n}\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
                    title = { de = \"T\", en = \"T\" }\ndescription = { de = \"D\", en = \"D\" }\n";

fn section(id: &str) -> String {
    format!(
        "\n[[section]]\nid = \"{id}\"\ntitle = {{ de = \"S\", en = \"S\" }}\n\n\
         [[section.question]]\nid = \"q\"\nkind = \"yes_no\"\ntext = {{ de = \"F\", en = \"Q\" }}\n"
    )
}

fn include(file: &str, id: &str) -> String {
    format!("\n[[section]]\ninclude = \"{file}\"\nsection = \"{id}\"\n")
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

fn errors(path: &Path) -> Vec<String> {
    match checklist::load(path) {
        Ok(_) => panic!("{} should not load", path.display()),
        Err(diags) => diags.iter().map(std::string::ToString::to_string).collect(),
    }
}

#[test]
fn a_long_chain_of_includes_loads_quickly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let n = 30;
    for i in 0..n {
        let mut text = HEAD.replace("{n}", &i.to_string()) + &section(&format!("s{i}"));
        if i + 1 < n {
            text += &include(&format!("c{}.toml", i + 1), &format!("s{}", i + 1));
        }
        write(&dir.path().join(format!("c{i}.toml")), &text);
    }
    let started = Instant::now();
    let c = checklist::load(&dir.path().join("c0.toml")).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(c.sections.len(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn includes_must_stay_inside_the_checklists_folder() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let outside = tmp.path().join("outside.toml");
    // A file outside the tree whose lines must never appear in a diagnostic.
    write(
        &outside,
        &(HEAD.replace("{n}", "x") + "SECRET LINE = [\n" + &section("o")),
    );
    let tree = tmp.path().join("tree");
    write(
        &tree.join("inner.toml"),
        &(HEAD.replace("{n}", "i") + &section("i")),
    );
    let absolute = outside.display().to_string().replace('\\', "/");
    for (written, expected) in [
        (absolute.as_str(), "not an absolute path"),
        ("../outside.toml", "outside the checklist's folder"),
        ("sub/../../outside.toml", "outside the checklist's folder"),
        ("../missing.toml", "outside the checklist's folder"),
    ] {
        let main = tree.join("main.toml");
        write(
            &main,
            &(HEAD.replace("{n}", "m") + &section("a") + &include(written, "o")),
        );
        let errs = errors(&main);
        assert_eq!(errs.len(), 1, "{written}: {errs:#?}");
        assert!(errs[0].contains(expected), "{written}: {}", errs[0]);
        assert!(errs[0].contains("main.toml:18:11: error: "), "{}", errs[0]);
        assert!(!errs[0].contains("SECRET"), "{}", errs[0]);
    }
    // Inside the tree, `..` is fine.
    std::fs::create_dir_all(tree.join("sub")).unwrap_or_else(|e| panic!("{e}"));
    let main = tree.join("main.toml");
    write(
        &main,
        &(HEAD.replace("{n}", "m") + &section("a") + &include("sub/../inner.toml", "i")),
    );
    assert!(checklist::load(&main).is_ok());
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let outside = tmp.path().join("outside.toml");
    write(
        &outside,
        &(HEAD.replace("{n}", "x") + "SECRET LINE = [\n" + &section("o")),
    );
    let tree = tmp.path().join("tree");
    std::fs::create_dir_all(&tree).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&outside, tree.join("link.toml")).unwrap_or_else(|e| panic!("{e}"));
    let main = tree.join("main.toml");
    write(
        &main,
        &(HEAD.replace("{n}", "m") + &section("a") + &include("link.toml", "o")),
    );
    let errs = errors(&main);
    assert!(
        errs[0].contains("outside the checklist's folder"),
        "{}",
        errs[0]
    );
    assert!(!errs.iter().any(|e| e.contains("SECRET")), "{errs:#?}");
}

#[test]
fn the_knowledge_base_must_stay_inside_the_folder_too() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(&tmp.path().join("kb.toml"), "SECRET LINE = [\n");
    let main = tmp.path().join("tree/main.toml");
    let text = HEAD
        .replace("{n}", "m")
        .replace("description =", "knowledge = \"../kb.toml\"\ndescription =")
        + &section("a");
    write(&main, &text);
    let errs = errors(&main);
    assert!(
        errs[0].contains("outside the checklist's folder"),
        "{}",
        errs[0]
    );
    assert!(!errs.iter().any(|e| e.contains("SECRET")), "{errs:#?}");
}
