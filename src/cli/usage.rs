//! Usage errors (an unknown option, a missing argument, a wrong value) in the user's language. clap says
//! them in English (kept for English); German gets its own sentence from the same facts, so its texts
//! stand here alone, not as `T` pairs. `--help` itself stays English.

use clap::error::{ContextKind, ErrorKind};

use crate::i18n::fill;
use crate::lang::Lang;

/// The language of a command line that did not parse: its `--lang`, else the environment.
pub fn lang_of(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if a == "--lang" => it.next().map(String::as_str),
            None => None,
        };
        match value {
            Some("de") => return Lang::De,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// A usage error in German, from the facts clap collected (English keeps clap's own message).
pub fn german(e: &clap::Error) -> String {
    let ctx = |k: ContextKind| {
        e.get(k)
            .map(std::string::ToString::to_string)
            .unwrap_or_default()
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    // clap may suggest several names (`chek`: checklist, check); each is quoted, joined by „oder“.
    let hint = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .find_map(|k| match e.get(k) {
            Some(clap::error::ContextValue::Strings(v)) if !v.is_empty() => {
                Some(v.join("“ oder „"))
            }
            Some(v) => Some(v.to_string()).filter(|s| !s.is_empty()),
            None => None,
        })
        .map(|s| format!("; meinten Sie „{s}“?"))
        .unwrap_or_default();
    let main = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            fill("unbekannte Option „{0}“", &[&arg])
        }
        ErrorKind::UnknownArgument => fill("unerwartetes Argument „{0}“", &[&arg]),
        ErrorKind::InvalidSubcommand => fill(
            "unbekannter Befehl „{0}“",
            &[&ctx(ContextKind::InvalidSubcommand)],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = ctx(ContextKind::ValidValue);
            let mut s = fill("„{0}“ ist kein gültiger Wert für {1}", &[&value, &arg]);
            if !valid.is_empty() {
                s.push_str(&fill("; möglich sind: {0}", &[&valid]));
            }
            s
        }
        ErrorKind::MissingRequiredArgument => fill("es fehlt eine Angabe: {0}", &[&arg]),
        ErrorKind::MissingSubcommand => "es fehlt ein Befehl".to_string(),
        ErrorKind::ArgumentConflict => {
            let other = ctx(ContextKind::PriorArg);
            fill("{0} lässt sich nicht mit {1} verbinden", &[&arg, &other])
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            fill("falsche Anzahl von Werten für {0}", &[&arg])
        }
        ErrorKind::NoEquals => fill("{0} braucht einen Wert mit „=“", &[&arg]),
        ErrorKind::InvalidUtf8 => "ein Argument ist kein gültiger UTF-8-Text".to_string(),
        _ => "ungültiger Aufruf".to_string(),
    };
    format!(
        "{}: {main}{hint}\n\n{}",
        crate::i18n::cli::ERROR.get(Lang::De),
        "`msgaudit --help` zeigt alle Befehle und Optionen (auf Englisch)."
    )
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::args::Cli;

    fn german(args: &[&str]) -> String {
        match Cli::try_parse_from(args) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => super::german(&e),
        }
    }

    #[test]
    fn usage_errors_read_in_german() {
        assert!(
            german(&["msgaudit", "frobnicate"])
                .starts_with("Fehler: unbekannter Befehl „frobnicate“")
        );
        assert!(
            german(&["msgaudit", "check", "--no-such-flag"])
                .starts_with("Fehler: unbekannte Option „--no-such-flag“")
        );
        let v = german(&["msgaudit", "report", "r.toml", "--format", "docx"]);
        assert!(
            v.starts_with("Fehler: „docx“ ist kein gültiger Wert für --format"),
            "{v}"
        );
        assert!(
            v.contains("möglich sind: md, html, csv, json, xlsx, pdf"),
            "{v}"
        );
        let m = german(&["msgaudit", "evaluate", "c.toml"]);
        assert!(
            m.starts_with("Fehler: es fehlt eine Angabe: <ANSWERS>"),
            "{m}"
        );
    }

    #[test]
    fn the_language_of_an_unparsed_line_is_its_lang_option() {
        let args = |a: &[&str]| {
            a.iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(lang_of(&args(&["msgaudit", "--lang", "de", "x"])), Lang::De);
        assert_eq!(lang_of(&args(&["msgaudit", "x", "--lang=en"])), Lang::En);
    }
}
