//! Snapshots of the results screen (TestBackend): a list longer than the screen with its scroll indicator,
//! valid and invalid results, and one result opened with its actions, in both languages and two sizes.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use msgaudit::lang::Lang;
use msgaudit::report::reading::{Kind, Line};
use msgaudit::result::{Check, Listed, Reason};
use msgaudit::tui::MemoryStore;
use msgaudit::tui::app::Screen;
use msgaudit::tui::results::{Opened, ResultsUi};
use tui_support::*;

fn listed(i: usize) -> Listed {
    let check = if i == 2 {
        Check::Invalid(Reason::Signature([
            "Die Signatur passt nicht".to_string(),
            "the signature does not match".to_string(),
        ]))
    } else {
        Check::Signed {
            signer: "Dr. Erika Muster".into(),
            key_id: "467518653A36EF75".into(),
        }
    };
    Listed {
        path: format!(
            "/home/dsb/results/muster-2026-09-{:02}-{i:08x}.result.toml",
            21 - i
        )
        .into(),
        file: format!("muster-2026-09-{:02}-{i:08x}.result.toml", 21 - i),
        organisation: "Muster GmbH".into(),
        unit: format!("Standort {}", i + 1),
        date: Some(jiff::civil::date(2026, 9, 21 - i8::try_from(i).unwrap())),
        signed_at: None,
        check,
        sha256: None,
        supersedes: None,
        superseded_by: (i == 4).then(|| "muster-2026-10-01-0000000a.result.toml".into()),
    }
}

fn results_app(lang: Lang, open: bool) -> msgaudit::tui::App {
    let store = MemoryStore::default();
    let mut app = app_for("tui", lang, &store);
    app.screen = Screen::Results;
    app.results = ResultsUi {
        list: Some(Ok((0..15).map(listed).collect())),
        sel: 3,
        opened: None,
        busy: false,
        dir: Some("/home/dsb/results".into()),
        amendment: None,
    };
    if open {
        let mut lines = vec![Line {
            kind: Kind::Heading,
            indent: 0,
            text: "Verification".into(),
        }];
        lines.push(Line {
            kind: Kind::Good,
            indent: 2,
            text: "VALID: The result file is unchanged and signed by Dr. Erika Muster (DSB)".into(),
        });
        for i in 0..40 {
            lines.push(Line {
                kind: if i % 10 == 0 {
                    Kind::Heading
                } else {
                    Kind::Text
                },
                indent: if i % 10 == 0 { 0 } else { 4 },
                text: format!("Line {i} of the result"),
            });
        }
        app.results.opened = Some(Opened {
            path: "/home/dsb/results/muster-2026-09-21-00000000.result.toml".into(),
            lines: Ok(lines),
            valid: true,
            scroll: 0,
            act: 3,
            message: Some(("Written: muster.report.csv".into(), false)),
            reason: None,
        });
    }
    app
}

#[test]
fn the_results_list_and_an_opened_result() {
    for lang in [Lang::En, Lang::De] {
        for (w, h) in [(80, 24), (120, 40)] {
            for open in [false, true] {
                let mut app = results_app(lang, open);
                let text = screen_text(&mut app, w, h);
                let name = if open { "opened" } else { "list" };
                insta::assert_snapshot!(format!("results_{name}_{lang}_{w}x{h}"), text);
            }
        }
    }
}

#[test]
fn the_scroll_indicator_follows_the_selection() {
    let mut app = results_app(Lang::En, false);
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("1–9 / 15"), "{text}");
    app.results.sel = 14;
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("7–15 / 15"), "{text}");
    assert!(text.contains("› Muster GmbH · Standort 15"), "{text}");
}
