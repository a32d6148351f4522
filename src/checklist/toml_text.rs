//! The messages of the `toml` crate (its parser's syntax errors and serde's type errors, English only) said
//! in German too: the common ones translated word by word, any other kept inside a German frame
//! („TOML-Syntaxfehler: …“), so that German output never shows an English sentence without a word.

use crate::i18n::Text;

/// The parser's descriptions (`toml_parser`) that checklist authors meet, in German.
const SYNTAX: &[(&str, &str)] = &[
    ("duplicate key", "doppelter Schlüssel"),
    ("unclosed array table", "nicht geschlossene Tabellenliste"),
    ("unclosed table", "nicht geschlossene Tabelle"),
    ("unclosed array", "nicht geschlossene Liste"),
    ("unclosed inline table", "nicht geschlossene Inline-Tabelle"),
    (
        "missing assignment between key-value pairs",
        "fehlendes `=` zwischen Schlüssel und Wert",
    ),
    ("key with no value", "Schlüssel ohne Wert"),
    ("missing value", "fehlender Wert"),
    ("missing value for key", "fehlender Wert zum Schlüssel"),
    (
        "missing comma between array elements",
        "fehlendes Komma zwischen Listenelementen",
    ),
    (
        "missing comma between key-value pairs",
        "fehlendes Komma zwischen Schlüssel-Wert-Paaren",
    ),
    ("extra comma in array", "überzähliges Komma in der Liste"),
    (
        "extra comma in inline table",
        "überzähliges Komma in der Inline-Tabelle",
    ),
    ("extra `=`", "überzähliges `=`"),
    ("invalid basic string", "ungültige Zeichenkette"),
    ("invalid literal string", "ungültige Zeichenkette"),
    (
        "invalid multi-line basic string",
        "ungültige mehrzeilige Zeichenkette",
    ),
    (
        "invalid multi-line literal string",
        "ungültige mehrzeilige Zeichenkette",
    ),
    (
        "missing opening quote",
        "fehlendes öffnendes Anführungszeichen",
    ),
    (
        "string values must be quoted",
        "Zeichenketten stehen in Anführungszeichen",
    ),
    (
        "invalid unquoted key",
        "ungültiger Schlüssel ohne Anführungszeichen",
    ),
    ("invalid value", "ungültiger Wert"),
    ("invalid string", "ungültige Zeichenkette"),
    ("invalid boolean", "ungültiger Wahrheitswert"),
    ("invalid float", "ungültige Kommazahl"),
    ("invalid integer", "ungültige Ganzzahl"),
    ("unexpected content", "unerwarteter Inhalt"),
    (
        "unexpected key or value",
        "unerwarteter Schlüssel oder Wert",
    ),
    ("missing escaped value", "fehlendes Zeichen nach `\\`"),
    ("invalid key-value pair", "ungültiges Schlüssel-Wert-Paar"),
    (
        "cannot recurse further; max recursion depth met",
        "zu tief verschachtelt",
    ),
];

/// What the parser expected instead (after ", expected "), in German.
const EXPECTED: &[(&str, &str)] = &[
    ("value", "ein Wert"),
    ("key", "ein Schlüssel"),
    ("newline", "ein Zeilenende"),
    ("nothing", "nichts"),
    ("basic string", "eine Zeichenkette"),
    ("literal string", "eine Zeichenkette"),
    ("unquoted string", "ein Schlüssel ohne Anführungszeichen"),
];

/// A syntax error of the TOML parser, in both languages.
pub fn syntax(message: &str) -> Text {
    let en = message.trim_end().to_string();
    let (description, expected) = match en.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (en.as_str(), None),
    };
    let de = match (lookup(SYNTAX, description), expected.map(expected_list)) {
        (Some(d), None) => d.to_string(),
        (Some(d), Some(Some(e))) => format!("{d}, erwartet: {e}"),
        _ => format!("TOML-Syntaxfehler: {en}"),
    };
    Text { de, en }
}

/// A literal (`]`) stays as written; a description is translated; None when one is unknown.
fn expected_list(list: &str) -> Option<String> {
    let items: Option<Vec<String>> = list
        .split(", ")
        .map(|item| {
            if item.starts_with('`') || item.starts_with('\'') {
                Some(item.to_string())
            } else {
                lookup(EXPECTED, item).map(str::to_string)
            }
        })
        .collect();
    Some(join_or(&items?))
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} oder {last}", rest.join(", ")),
    }
}

fn lookup(table: &[(&str, &'static str)], en: &str) -> Option<&'static str> {
    table.iter().find(|(e, _)| *e == en).map(|(_, d)| *d)
}

/// What serde says a value is (`invalid type: integer `1`, …`), in German.
const UNEXPECTED: &[(&str, &str)] = &[
    ("integer", "Ganzzahl"),
    ("floating point", "Kommazahl"),
    ("boolean", "Wahrheitswert"),
    ("string", "Zeichenkette"),
    ("character", "Zeichen"),
];

/// What serde expected (`…, expected a string`), in German; the checklist format's own words included.
const WANTED: &[(&str, &str)] = &[
    ("a string", "eine Zeichenkette"),
    ("a boolean", "ein Wahrheitswert (true oder false)"),
    ("a sequence", "eine Liste"),
    ("a map", "eine Tabelle"),
    ("a borrowed string", "eine Zeichenkette"),
    ("i64", "eine Ganzzahl"),
    ("u32", "eine Ganzzahl ab 0"),
    ("u64", "eine Ganzzahl ab 0"),
    ("u8", "eine Ganzzahl von 0 bis 255"),
    ("f64", "eine Zahl"),
    ("a date", "ein Datum"),
    (
        "a text: a string, or a table of languages such as { de = \"…\", en = \"…\" }",
        "ein Text: eine Zeichenkette oder eine Tabelle der Sprachen wie { de = \"…\", en = \"…\" }",
    ),
];

/// An error of deserialising an element (serde's messages through `toml`), in both languages.
pub fn element(message: &str) -> Text {
    let en = message.trim_end().to_string();
    let de = element_de(&en).unwrap_or_else(|| format!("Aufbau der Datei: {en}"));
    Text { de, en }
}

fn element_de(en: &str) -> Option<String> {
    if let Some(rest) = en.strip_prefix("unknown field ") {
        let (field, allowed) = rest.split_once(", ").unwrap_or((rest, ""));
        let allowed = if let Some(list) = allowed.strip_prefix("expected one of ") {
            format!("; erlaubt sind {list}")
        } else if let Some(one) = allowed.strip_prefix("expected ") {
            format!("; erlaubt ist {one}")
        } else if allowed == "there are no fields" {
            "; hier ist kein Schlüssel erlaubt".to_string()
        } else if allowed.is_empty() {
            String::new()
        } else {
            return None;
        };
        return Some(format!("unbekannter Schlüssel {field}{allowed}"));
    }
    if let Some(field) = en.strip_prefix("missing field ") {
        return Some(format!("der Schlüssel {field} fehlt"));
    }
    if let Some(field) = en.strip_prefix("duplicate field ") {
        return Some(format!("der Schlüssel {field} steht doppelt"));
    }
    if let Some(rest) = en.strip_prefix("invalid type: ") {
        let (got, wanted) = rest.split_once(", expected ")?;
        let wanted = lookup(WANTED, wanted)?;
        // "integer `1`", "string \"x\"", "sequence": the kind, then the value as written.
        let got = match UNEXPECTED.iter().find(|(e, _)| {
            got.strip_prefix(e)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        }) {
            Some((e, d)) => format!("{d}{}", &got[e.len()..]),
            None => match got {
                "sequence" => "Liste".to_string(),
                "map" => "Tabelle".to_string(),
                _ => return None,
            },
        };
        return Some(format!("falscher Typ: {got}, erwartet: {wanted}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_syntax_errors_are_german() {
        let t = syntax("unclosed array table, expected `]`\n");
        assert_eq!(t.en, "unclosed array table, expected `]`");
        assert_eq!(t.de, "nicht geschlossene Tabellenliste, erwartet: `]`");
        assert_eq!(syntax("duplicate key").de, "doppelter Schlüssel");
        assert_eq!(
            syntax("key with no value, expected `=`").de,
            "Schlüssel ohne Wert, erwartet: `=`"
        );
        assert_eq!(
            syntax("missing value, expected value, `]`").de,
            "fehlender Wert, erwartet: ein Wert oder `]`"
        );
        // Anything else keeps the parser's words inside a German frame.
        assert_eq!(
            syntax("radix must be lowercase").de,
            "TOML-Syntaxfehler: radix must be lowercase"
        );
    }

    #[test]
    fn common_element_errors_are_german() {
        assert_eq!(
            element("unknown field `requried`, expected one of `id`, `kind`").de,
            "unbekannter Schlüssel `requried`; erlaubt sind `id`, `kind`"
        );
        assert_eq!(
            element("missing field `kind`").de,
            "der Schlüssel `kind` fehlt"
        );
        assert_eq!(
            element("invalid type: integer `1`, expected a string").de,
            "falscher Typ: Ganzzahl `1`, erwartet: eine Zeichenkette"
        );
        assert_eq!(
            element("invalid type: sequence, expected a boolean").de,
            "falscher Typ: Liste, erwartet: ein Wahrheitswert (true oder false)"
        );
        assert_eq!(
            element("invalid value: integer `-1`, expected u32").de,
            "Aufbau der Datei: invalid value: integer `-1`, expected u32"
        );
    }
}
