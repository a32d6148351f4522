//! The fields of a record of processing activities (Art. 30(1) GDPR, lit. a–g) that a question or a
//! knowledge-base fact can fill: `art30 = "purpose"` in a checklist. A closed list, checked at load time.

use crate::i18n::T;

/// One field of the controller's record of processing activities, in the order of Art. 30(1) GDPR.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Art30Field {
    /// lit. a: name and contact details of the controller (and of the data protection officer).
    Controller,
    /// lit. b: the purposes of the processing.
    Purpose,
    /// lit. c: the categories of data subjects.
    DataSubjects,
    /// lit. c: the categories of personal data.
    DataCategories,
    /// lit. d: the categories of recipients, including recipients in third countries (provider, processors).
    Recipients,
    /// lit. e: transfers to a third country, identifying the country.
    ThirdCountry,
    /// lit. e with Art. 44–49: the mechanism of the transfer (adequacy, DPF, SCCs, Art. 49 safeguards).
    TransferMechanism,
    /// lit. f: the envisaged time limits for erasure.
    Retention,
    /// lit. g: a general description of the technical and organisational measures (Art. 32(1)).
    Toms,
}

impl Art30Field {
    pub const ALL: [Art30Field; 9] = [
        Art30Field::Controller,
        Art30Field::Purpose,
        Art30Field::DataSubjects,
        Art30Field::DataCategories,
        Art30Field::Recipients,
        Art30Field::ThirdCountry,
        Art30Field::TransferMechanism,
        Art30Field::Retention,
        Art30Field::Toms,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Art30Field::Controller => "controller",
            Art30Field::Purpose => "purpose",
            Art30Field::DataSubjects => "data_subjects",
            Art30Field::DataCategories => "data_categories",
            Art30Field::Recipients => "recipients",
            Art30Field::ThirdCountry => "third_country",
            Art30Field::TransferMechanism => "transfer_mechanism",
            Art30Field::Retention => "retention",
            Art30Field::Toms => "toms",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The letter of Art. 30(1) GDPR the field belongs to.
    pub fn lit(self) -> &'static str {
        match self {
            Art30Field::Controller => "a",
            Art30Field::Purpose => "b",
            Art30Field::DataSubjects | Art30Field::DataCategories => "c",
            Art30Field::Recipients => "d",
            Art30Field::ThirdCountry | Art30Field::TransferMechanism => "e",
            Art30Field::Retention => "f",
            Art30Field::Toms => "g",
        }
    }

    /// The field's name, as the records of processing name it.
    pub fn word(self) -> T {
        match self {
            Art30Field::Controller => T::new(
                "Name und Kontaktdaten des Verantwortlichen und des Datenschutzbeauftragten",
                "Name and contact details of the controller and the data protection officer",
            ),
            Art30Field::Purpose => T::new("Zwecke der Verarbeitung", "Purposes of the processing"),
            Art30Field::DataSubjects => T::new(
                "Kategorien betroffener Personen",
                "Categories of data subjects",
            ),
            Art30Field::DataCategories => T::new(
                "Kategorien personenbezogener Daten",
                "Categories of personal data",
            ),
            Art30Field::Recipients => T::new(
                "Kategorien von Empfängern (Anbieter, Auftragsverarbeiter, Dritte)",
                "Categories of recipients (provider, processors, third parties)",
            ),
            Art30Field::ThirdCountry => T::new(
                "Übermittlung in Drittländer (Angabe des Drittlands)",
                "Transfers to third countries (naming the country)",
            ),
            Art30Field::TransferMechanism => T::new(
                "Grundlage der Übermittlung und geeignete Garantien (Art. 44–49 DSGVO)",
                "Transfer mechanism and safeguards (Art. 44–49 GDPR)",
            ),
            Art30Field::Retention => T::new(
                "Vorgesehene Fristen für die Löschung",
                "Envisaged time limits for erasure",
            ),
            Art30Field::Toms => T::new(
                "Technische und organisatorische Maßnahmen (Art. 32 Abs. 1 DSGVO)",
                "Technical and organisational measures (Art. 32(1) GDPR)",
            ),
        }
    }

    /// The reference: „Art. 30 Abs. 1 lit. b DSGVO“ / "Art. 30(1)(b) GDPR".
    pub fn reference(self, lang: crate::i18n::Lang) -> String {
        T::new("Art. 30 Abs. 1 lit. {0} DSGVO", "Art. 30(1)({0}) GDPR").fill(lang, &[self.lit()])
    }
}

/// The field named `value`, or the message for a name that is none (located where it is written, for
/// questions and knowledge-base facts alike).
pub fn parse_field(value: &str) -> Result<Art30Field, crate::i18n::Text> {
    Art30Field::parse(value).ok_or_else(|| {
        T::new(
            "unbekanntes Feld des Verzeichnisses von Verarbeitungstätigkeiten `{0}` (Art. 30 Abs. 1 DSGVO); möglich sind: {1}",
            "unknown field of the records of processing activities `{0}` (Art. 30(1) GDPR); use one of: {1}",
        )
        .both(&[value, &Art30Field::ALL.map(Art30Field::as_str).join(", ")])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_parses_back_and_names_its_letter() {
        for f in Art30Field::ALL {
            assert_eq!(Art30Field::parse(f.as_str()), Some(f));
            assert!(!f.word().de.is_empty() && !f.word().en.is_empty());
        }
        assert_eq!(
            Art30Field::parse("legal_basis"),
            None,
            "not a field of Art. 30(1)"
        );
        assert_eq!(
            Art30Field::Recipients.reference(crate::i18n::Lang::De),
            "Art. 30 Abs. 1 lit. d DSGVO"
        );
        assert_eq!(
            Art30Field::Toms.reference(crate::i18n::Lang::En),
            "Art. 30(1)(g) GDPR"
        );
        // Ordered as the article lists them.
        let mut sorted = Art30Field::ALL;
        sorted.sort();
        assert_eq!(sorted, Art30Field::ALL);
    }
}
