//! The user's language: German or English, from `--lang` or the environment (`LC_ALL`, `LC_MESSAGES`, LANG).

use std::fmt;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    #[default]
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language from locale variables as the C library orders them; English when none says German.
    pub fn from_env_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| get(v).filter(|s| !s.is_empty()))
            .map(|s| {
                if s.starts_with("de") {
                    Lang::De
                } else {
                    Lang::En
                }
            })
            .next()
            .unwrap_or_default()
    }

    pub fn from_env() -> Lang {
        Self::from_env_vars(|v| std::env::var(v).ok())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_order_and_default() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_env_vars(env(&[("LANG", "de_DE.UTF-8")])),
            Lang::De
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "de_DE")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("LC_ALL", ""), ("LANG", "de_AT")])),
            Lang::De
        );
        assert_eq!(Lang::from_env_vars(env(&[])), Lang::En);
    }
}
