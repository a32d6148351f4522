//! Generated checklists for benchmarks: `n` questions in sections of 20, every kind, conditions on earlier
//! questions, findings, and every tenth section repeated for the options of a multi-choice question.

use std::fmt::Write;

/// TOML text of a valid checklist with `n` questions (n ≥ 20).
pub fn checklist(n: usize) -> String {
    let mut s = String::from(
        "format = 1\nid = \"generated\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
         title = { de = \"Generiert\", en = \"Generated\" }\ndescription = { de = \"B\", en = \"B\" }\n",
    );
    let sections = n.div_ceil(20);
    for sec in 0..sections {
        let _ = write!(
            s,
            "\n[[section]]\nid = \"s{sec}\"\ntitle = {{ de = \"Abschnitt {sec}\", en = \"Section {sec}\" }}\n"
        );
        if sec > 0 && sec % 10 == 0 {
            s.push_str("for_each = \"s0.q0\"\n");
        } else if sec > 1 && sec % 7 == 0 && (sec - 1) % 10 != 0 {
            let _ = writeln!(s, "when = \"s{}.q1 == yes\"", sec - 1);
        }
        for q in 0..20.min(n - sec * 20) {
            let _ = write!(s, "\n[[section.question]]\nid = \"q{q}\"\n");
            let _ = writeln!(
                s,
                "text = {{ de = \"Frage {sec}.{q} zu {{item}}?\", en = \"Question {sec}.{q} about {{item}}?\" }}"
            );
            let _ = writeln!(s, "help = {{ de = \"Darum.\", en = \"Because.\" }}");
            match (sec, q) {
                (0, 0) => s.push_str(
                    "kind = \"multi\"\noptions = [\n  { id = \"a\", label = { de = \"A\", en = \"A\" } },\n  \
                     { id = \"b\", label = { de = \"B\", en = \"B\" } },\n  { id = \"c\", label = { de = \"C\", en = \"C\" } },\n]\n",
                ),
                (_, q) if q % 5 == 4 => s.push_str("kind = \"number\"\n"),
                (_, q) if q % 5 == 3 => s.push_str(
                    "kind = \"single\"\noptions = [{ id = \"x\", label = { de = \"X\", en = \"X\" } }, { id = \"y\", label = { de = \"Y\", en = \"Y\" } }]\n",
                ),
                _ => s.push_str("kind = \"yes_no\"\n"),
            }
            if q >= 2 && q % 5 == 2 {
                let _ = writeln!(s, "when = \"q{} == yes\"", q - 1);
            }
            if q % 5 == 1 {
                let _ = write!(
                    s,
                    "\n[[section.question.finding]]\nid = \"f{sec}_{q}\"\nwhen = \"q{q} == no\"\nseverity = \"medium\"\n\
                     dpia_criterion = \"large_scale\"\ntitle = {{ de = \"T\", en = \"T\" }}\nmeasure = {{ de = \"M\", en = \"M\" }}\n"
                );
            }
        }
    }
    s
}
