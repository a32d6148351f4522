//! The rule for the password of a new signing key, the same for `msgaudit keygen`, the TUI and plain mode:
//! a minimum length and zxcvbn's strength estimate (offline, from its built-in word lists), with the reason
//! in German and English. Existing keys are never re-checked: the rule applies when a key is created.

use crate::i18n::{Lang, T};

/// Fewer characters than this are refused whatever their mix.
pub const MIN_CHARS: usize = 12;

/// zxcvbn's score (0–4) a new password needs: 4 means at least 10^10 guesses by its estimate. A stolen key
/// file can be attacked offline (each guess slowed by scrypt), so "safely unguessable" (3, which zxcvbn
/// gives any long enough name with a year) is not enough.
pub const MIN_SCORE: u8 = 4;

/// Why a new password is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeakPassword {
    Empty,
    TooShort {
        chars: usize,
    },
    /// zxcvbn's score and, when it names one, the pattern that makes the password easy to guess.
    Guessable {
        score: u8,
        hint: Option<Hint>,
    },
}

/// What zxcvbn found easy to guess (its warnings, translated here: zxcvbn speaks English only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    KeyboardPattern,
    Repeats,
    CommonPassword,
    Sequence,
    YearOrDate,
    SingleWord,
    Names,
}

impl Hint {
    fn of(w: zxcvbn::feedback::Warning) -> Hint {
        use zxcvbn::feedback::Warning as W;
        match w {
            W::StraightRowsOfKeysAreEasyToGuess | W::ShortKeyboardPatternsAreEasyToGuess => {
                Hint::KeyboardPattern
            }
            W::RepeatsLikeAaaAreEasyToGuess | W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => {
                Hint::Repeats
            }
            W::ThisIsATop10Password
            | W::ThisIsATop100Password
            | W::ThisIsACommonPassword
            | W::ThisIsSimilarToACommonlyUsedPassword => Hint::CommonPassword,
            W::SequencesLikeAbcAreEasyToGuess => Hint::Sequence,
            W::RecentYearsAreEasyToGuess | W::DatesAreOftenEasyToGuess => Hint::YearOrDate,
            W::AWordByItselfIsEasyToGuess => Hint::SingleWord,
            W::NamesAndSurnamesByThemselvesAreEasyToGuess
            | W::CommonNamesAndSurnamesAreEasyToGuess => Hint::Names,
        }
    }

    fn text(self) -> T {
        match self {
            Hint::KeyboardPattern => T::new(
                "es enthält ein Tastaturmuster wie „qwertz“",
                "it contains a keyboard pattern like “qwerty”",
            ),
            Hint::Repeats => T::new(
                "es enthält Wiederholungen wie „aaa“ oder „abcabc“",
                "it contains repeats like “aaa” or “abcabc”",
            ),
            Hint::CommonPassword => T::new(
                "es ist ein häufig verwendetes Passwort oder ähnelt einem",
                "it is a commonly used password or close to one",
            ),
            Hint::Sequence => T::new(
                "es enthält eine Folge wie „abc“ oder „6543“",
                "it contains a sequence like “abc” or “6543”",
            ),
            Hint::YearOrDate => T::new(
                "es enthält eine Jahreszahl oder ein Datum",
                "it contains a year or a date",
            ),
            Hint::SingleWord => T::new("es ist ein einzelnes Wort", "it is a single word"),
            Hint::Names => T::new(
                "es besteht aus Vor- oder Nachnamen",
                "it is made of first names or surnames",
            ),
        }
    }
}

const ADVICE: T = T::new(
    "Ein Satz aus vier oder mehr Wörtern, die nicht zusammengehören, ist leicht zu merken und schwer zu erraten.",
    "A phrase of four or more unrelated words is easy to remember and hard to guess.",
);

impl WeakPassword {
    /// The reason and what to do instead, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let reason = match self {
            WeakPassword::Empty => T::new(
                "Das Passwort darf nicht leer sein.",
                "The password must not be empty.",
            )
            .get(lang)
            .to_string(),
            WeakPassword::TooShort { chars } => T::new(
                "Das Passwort ist zu kurz: {0} Zeichen, nötig sind mindestens {1}.",
                "The password is too short: {0} characters, at least {1} are needed.",
            )
            .fill(lang, &[&chars.to_string(), &MIN_CHARS.to_string()]),
            WeakPassword::Guessable { hint, .. } => {
                let base = T::new(
                    "Das Passwort ist zu leicht zu erraten",
                    "The password is too easy to guess",
                )
                .get(lang);
                match hint {
                    Some(h) => format!("{base}: {}.", h.text().get(lang)),
                    None => format!("{base}."),
                }
            }
        };
        format!("{reason} {}", ADVICE.get(lang))
    }
}

/// The rule for a new key's password. `context` are words the password should not lean on (the auditor's
/// name, the organisation): zxcvbn counts them as known.
pub fn check_new_password(password: &str, context: &[&str]) -> Result<(), WeakPassword> {
    if password.is_empty() {
        return Err(WeakPassword::Empty);
    }
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(WeakPassword::TooShort { chars });
    }
    let mut known: Vec<&str> = vec!["msgaudit", "minisign", "datenschutz"];
    known.extend(context.iter().copied().filter(|w| !w.trim().is_empty()));
    let estimate = zxcvbn::zxcvbn(password, &known);
    let score = u8::from(estimate.score());
    if score < MIN_SCORE {
        let hint = estimate
            .feedback()
            .and_then(zxcvbn::feedback::Feedback::warning)
            .map(Hint::of);
        return Err(WeakPassword::Guessable { score, hint });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_patterned_passwords_are_refused() {
        assert_eq!(check_new_password("", &[]), Err(WeakPassword::Empty));
        assert_eq!(
            check_new_password("hunter2", &[]),
            Err(WeakPassword::TooShort { chars: 7 })
        );
        // Twelve characters are not enough when they are a keyboard row or a common password.
        assert!(matches!(
            check_new_password("qwertzuiop12", &[]),
            Err(WeakPassword::Guessable { .. })
        ));
        assert!(matches!(
            check_new_password("passwort1234", &[]),
            Err(WeakPassword::Guessable { .. })
        ));
        // The auditor's own name does not make a password.
        assert!(matches!(
            check_new_password("ErikaMuster2026", &["Erika", "Muster"]),
            Err(WeakPassword::Guessable { .. })
        ));
    }

    #[test]
    fn a_phrase_of_unrelated_words_passes() {
        assert_eq!(
            check_new_password("Datenschutz ist Teamarbeit", &[]),
            Ok(())
        );
        assert_eq!(
            check_new_password("correct horse battery staple", &[]),
            Ok(())
        );
    }

    #[test]
    fn the_reason_is_given_in_both_languages() {
        let short = WeakPassword::TooShort { chars: 7 };
        assert!(short.text(Lang::En).contains("at least 12"));
        assert!(short.text(Lang::De).contains("mindestens 12"));
        let weak = WeakPassword::Guessable {
            score: 1,
            hint: Some(Hint::SingleWord),
        };
        assert!(weak.text(Lang::De).contains("einzelnes Wort"));
        assert!(weak.text(Lang::En).contains("unrelated words"));
    }
}
