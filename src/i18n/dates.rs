//! Dates and times as msgaudit shows them, in one place: German „1. Dezember 2026“ and
//! „1. Dezember 2026, 19:48 Uhr“ (DIN 5008), English "1 December 2026" and "1 December 2026, 19:48", in the
//! user's time zone. Files keep UTC (RFC 3339); the system's zone is looked up once, when first needed.

use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::T;
use crate::lang::Lang;

/// The time zone times are shown in: the system's (looked up when a time is first shown, once per
/// process: see `system`) or a given one (tests, `TZ`-independent output).
#[derive(Debug, Clone, Default)]
pub enum Zone {
    #[default]
    System,
    Fixed(TimeZone),
}

fn system() -> &'static TimeZone {
    static SYSTEM: OnceLock<TimeZone> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        #[cfg(unix)]
        if std::env::var_os("TZ").is_none()
            && let Some(tz) = linked_zone(std::path::Path::new("/etc/localtime"))
        {
            return tz;
        }
        TimeZone::system()
    })
}

/// The zone a `/etc/localtime` symlink into a zoneinfo folder names, read from the file it points
/// to. jiff's `TimeZone::system()` takes the same name from the link but then looks it up in its
/// zoneinfo index, whose first use walks the whole database: 1.3 ms before the first screen that
/// shows a time. `None` when `path` is no such link or not a `TZif` file (jiff's lookup then decides).
#[cfg(unix)]
fn linked_zone(path: &std::path::Path) -> Option<TimeZone> {
    let target = std::fs::read_link(path).ok()?;
    let target = target.to_str()?;
    let name = &target[target.rfind("zoneinfo/")? + "zoneinfo/".len()..];
    // `posix/Europe/Berlin` is `Europe/Berlin` (same rules); `right/…` counts leap seconds: jiff's.
    let name = name.strip_prefix("posix/").unwrap_or(name);
    if name.is_empty() || name.starts_with("right/") {
        return None;
    }
    let data = crate::store::bounded::read_bounded(path, 1 << 20).ok()?;
    TimeZone::tzif(name, &data).ok()
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::Fixed(TimeZone::UTC)
    }

    pub fn tz(&self) -> &TimeZone {
        match self {
            Zone::System => system(),
            Zone::Fixed(tz) => tz,
        }
    }

    /// The calendar day `now` falls on in this zone.
    pub fn today(&self, now: Timestamp) -> Date {
        now.to_zoned(self.tz().clone()).date()
    }

    /// The zone's IANA name (`Europe/Berlin`), else its UTC offset at `at` (`+01:00`).
    pub fn name(&self, at: Timestamp) -> String {
        let tz = self.tz();
        match tz.iana_name() {
            Some(n) => n.to_string(),
            None => tz.to_offset(at).to_string(),
        }
    }
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(lang: Lang, d: Date) -> &'static str {
    // A civil date's month is 1..=12 by construction.
    let i = usize::try_from(d.month() - 1).unwrap_or(0).min(11);
    match lang {
        Lang::De => MONTHS_DE[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// A date in prose and in report fields: „1. Dezember 2026“ / "1 December 2026".
pub fn date(lang: Lang, d: Date) -> String {
    match lang {
        Lang::De => format!("{}. {} {}", d.day(), month(lang, d), d.year()),
        Lang::En => format!("{} {} {}", d.day(), month(lang, d), d.year()),
    }
}

/// A date in a table column or a form field: „01.12.2026“ / "2026-12-01".
pub fn date_short(lang: Lang, d: Date) -> String {
    match lang {
        Lang::De => d.strftime("%d.%m.%Y").to_string(),
        Lang::En => d.to_string(),
    }
}

/// A point in time, local to `zone`: „1. Dezember 2026, 19:48 Uhr“ / "1 December 2026, 19:48".
pub fn time(lang: Lang, t: Timestamp, zone: &Zone) -> String {
    clock_time(lang, t, zone, date, ", ")
}

/// A point in time in a table column or a list: „01.12.2026, 19:48 Uhr“ / "2026-12-01 19:48".
pub fn time_short(lang: Lang, t: Timestamp, zone: &Zone) -> String {
    clock_time(lang, t, zone, date_short, " ")
}

/// The day as `day` writes it and the time of day; German says „Uhr“ and always has a comma.
fn clock_time(
    lang: Lang,
    t: Timestamp,
    zone: &Zone,
    day: fn(Lang, Date) -> String,
    en_sep: &str,
) -> String {
    let z = t.to_zoned(zone.tz().clone());
    let clock = z.strftime("%H:%M");
    match lang {
        Lang::De => format!("{}, {clock} Uhr", day(lang, z.date())),
        Lang::En => format!("{}{en_sep}{clock}", day(lang, z.date())),
    }
}

/// A point in time for machines, local to `zone`: RFC 3339 with the offset, `2026-12-01T19:48:20+01:00`.
pub fn local_rfc3339(t: Timestamp, zone: &Zone) -> String {
    let z = t.to_zoned(zone.tz().clone());
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Why a typed date was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date written as DD.MM.YYYY or YYYY-MM-DD")]
    Format,
    #[error("the date lies in the future")]
    Future,
}

impl DateError {
    pub fn text(self) -> T {
        match self {
            DateError::Format => T::new(
                "Bitte ein Datum als TT.MM.JJJJ oder JJJJ-MM-TT eingeben, z. B. 01.12.2026.",
                "Please enter a date as YYYY-MM-DD or DD.MM.YYYY, e.g. 2026-12-01.",
            ),
            DateError::Future => T::new(
                "Das Datum liegt in der Zukunft.",
                "The date lies in the future.",
            ),
        }
    }
}

/// Read a date as people type it, in either language: `1.12.2026`, `01.12.2026` or `2026-12-01`.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let t = text.trim();
    if let Some((y, m, d)) = split3(t, '-')
        && y.len() == 4
    {
        return civil(y, m, d);
    }
    if let Some((d, m, y)) = split3(t.strip_suffix('.').unwrap_or(t), '.')
        && y.len() == 4
    {
        return civil(y, m, d);
    }
    Err(DateError::Format)
}

fn split3(t: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut it = t.split(sep);
    let parts = (it.next()?.trim(), it.next()?.trim(), it.next()?.trim());
    it.next().is_none().then_some(parts)
}

fn civil(y: &str, m: &str, d: &str) -> Result<Date, DateError> {
    let digits = |s: &str, max_len: usize| {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::Format);
        }
        s.parse::<i16>().map_err(|_| DateError::Format)
    };
    let (y, m, d) = (digits(y, 4)?, digits(m, 2)?, digits(d, 2)?);
    let m = i8::try_from(m).map_err(|_| DateError::Format)?;
    let d = i8::try_from(d).map_err(|_| DateError::Format)?;
    Date::new(y, m, d).map_err(|_| DateError::Format)
}

/// Read a date that must not lie after `today` (an audit is held on a day that has come).
pub fn parse_past_date(text: &str, today: Date) -> Result<Date, DateError> {
    let d = parse_date(text)?;
    if d > today {
        return Err(DateError::Future);
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn berlin() -> Zone {
        // A POSIX rule, so that the test needs no zoneinfo database and no particular system zone.
        Zone::Fixed(TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap())
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_german_and_english() {
        let d = jiff::civil::date(2026, 12, 1);
        assert_eq!(date(Lang::De, d), "1. Dezember 2026");
        assert_eq!(date(Lang::En, d), "1 December 2026");
        assert_eq!(date_short(Lang::De, d), "01.12.2026");
        assert_eq!(date_short(Lang::En, d), "2026-12-01");
        assert_eq!(
            date(Lang::De, jiff::civil::date(2027, 3, 14)),
            "14. März 2027"
        );
    }

    #[test]
    fn times_are_local_to_the_given_zone() {
        let t = at("2026-12-01T18:48:20Z");
        let z = berlin();
        assert_eq!(time(Lang::De, t, &z), "1. Dezember 2026, 19:48 Uhr");
        assert_eq!(time(Lang::En, t, &z), "1 December 2026, 19:48");
        assert_eq!(time_short(Lang::De, t, &z), "01.12.2026, 19:48 Uhr");
        assert_eq!(time_short(Lang::En, t, &z), "2026-12-01 19:48");
        assert_eq!(local_rfc3339(t, &z), "2026-12-01T19:48:20+01:00");
        assert_eq!(time(Lang::En, t, &Zone::utc()), "1 December 2026, 18:48");
        // Summer time, and a day that differs from the UTC day.
        let summer = at("2026-07-31T22:30:00Z");
        assert_eq!(time(Lang::De, summer, &z), "1. August 2026, 00:30 Uhr");
        assert_eq!(z.today(summer), jiff::civil::date(2026, 8, 1));
        assert_eq!(Zone::utc().today(summer), jiff::civil::date(2026, 7, 31));
        assert_eq!(local_rfc3339(summer, &z), "2026-08-01T00:30:00+02:00");
    }

    #[test]
    fn zone_names() {
        let t = at("2026-12-01T18:48:20Z");
        assert_eq!(Zone::utc().name(t), "UTC");
        assert_eq!(berlin().name(t), "+01");
    }

    /// A `TZif` (version 2) file of one zone type, UTC+1 "CET", and the POSIX rule `CET-1CEST,…` for
    /// every time after its (no) transitions: written by hand, so the test needs no zoneinfo database.
    fn tzif_cet() -> Vec<u8> {
        let block = |out: &mut Vec<u8>| {
            out.extend_from_slice(b"TZif2");
            out.extend_from_slice(&[0; 15]);
            // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
            for n in [0u32, 0, 0, 0, 1, 4] {
                out.extend_from_slice(&n.to_be_bytes());
            }
            out.extend_from_slice(&3600i32.to_be_bytes());
            out.extend_from_slice(&[0, 0]); // not DST, abbreviation at 0
            out.extend_from_slice(b"CET\0");
        };
        let mut out = Vec::new();
        block(&mut out);
        block(&mut out);
        out.extend_from_slice(b"\nCET-1CEST,M3.5.0,M10.5.0/3\n");
        out
    }

    #[cfg(unix)]
    #[test]
    fn the_system_zone_is_read_from_the_file_its_link_names() {
        let tmp = tempfile::tempdir().unwrap();
        let zoneinfo = tmp.path().join("zoneinfo/posix/Europe");
        std::fs::create_dir_all(&zoneinfo).unwrap();
        std::fs::write(zoneinfo.join("Berlin"), tzif_cet()).unwrap();
        let link = tmp.path().join("localtime");
        std::os::unix::fs::symlink(zoneinfo.join("Berlin"), &link).unwrap();
        let z = Zone::Fixed(linked_zone(&link).unwrap());
        assert_eq!(z.name(at("2026-12-01T18:48:20Z")), "Europe/Berlin");
        assert_eq!(
            time(Lang::De, at("2026-07-31T22:30:00Z"), &z),
            "1. August 2026, 00:30 Uhr"
        );
        // Not a link, a link outside a zoneinfo folder, leap-second zones and files that are no
        // TZif: left to jiff's own lookup.
        let plain = tmp.path().join("plain");
        std::fs::write(&plain, tzif_cet()).unwrap();
        assert!(linked_zone(&plain).is_none());
        let elsewhere = tmp.path().join("elsewhere");
        std::os::unix::fs::symlink(&plain, &elsewhere).unwrap();
        assert!(linked_zone(&elsewhere).is_none());
        let right = tmp.path().join("zoneinfo/right");
        std::fs::create_dir_all(&right).unwrap();
        std::fs::write(right.join("UTC"), tzif_cet()).unwrap();
        let to_right = tmp.path().join("to-right");
        std::os::unix::fs::symlink(right.join("UTC"), &to_right).unwrap();
        assert!(linked_zone(&to_right).is_none());
        std::fs::write(zoneinfo.join("Broken"), b"not tzif").unwrap();
        let broken = tmp.path().join("broken");
        std::os::unix::fs::symlink(zoneinfo.join("Broken"), &broken).unwrap();
        assert!(linked_zone(&broken).is_none());
    }

    #[test]
    fn typed_dates() {
        let d = jiff::civil::date(2026, 12, 1);
        for ok in [
            "2026-12-01",
            "01.12.2026",
            "1.12.2026",
            " 1.12.2026. ",
            "01. 12. 2026",
        ] {
            assert_eq!(parse_date(ok), Ok(d), "{ok}");
        }
        for bad in [
            "",
            "heute",
            "31.02.2026",
            "2026-13-01",
            "1.12.26",
            "12/01/2026",
            "2026-12-01-1",
            "+1.12.2026",
            "2026-1-001",
        ] {
            assert_eq!(parse_date(bad), Err(DateError::Format), "{bad}");
        }
        assert_eq!(parse_past_date("02.12.2026", d), Err(DateError::Future));
        assert_eq!(parse_past_date("01.12.2026", d), Ok(d));
    }
}
