//! The HTML report opens in a real browser: headless Chromium renders it to an A4-sized screenshot.
//! External tool group, ignored by a plain `cargo test`; run it with `cargo test -- --include-ignored`.
//! Chromium is required (Debian package `chromium`; .ci/run installs it): without it this test fails.

mod report_support;

use std::process::Command;

use msgaudit::report::Format;
use report_support::{render, signed, standard_audit};

fn chromium() -> String {
    for name in ["chromium", "chromium-browser"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return name.to_string();
        }
    }
    panic!(
        "headless Chromium is needed for this test and was not found; install it with \
         `apt-get install -y chromium` (Debian package `chromium`) or `bash .ci/run`"
    );
}

#[test]
#[ignore = "external tool: needs chromium (Debian package chromium); run with cargo test -- --include-ignored"]
fn external_chromium_renders_the_html_report() {
    let browser = chromium();
    let f = signed(&standard_audit());
    let (html, _) = render(&f, &f.options(Format::Html));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap_or_else(|e| panic!("{e}"));
    let png = dir.path().join("report.png");
    let profile = dir.path().join("profile");
    let out = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1240,1754")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {browser}: {e}"));
    let size = std::fs::metadata(&png).map_or(0, |m| m.len());
    assert!(
        size > 10_000,
        "no screenshot written ({size} bytes); chromium said:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap_or_default();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    // Keep a copy to look at when asked to (MSGAUDIT_KEEP_SCREENSHOT=path).
    if let Ok(keep) = std::env::var("MSGAUDIT_KEEP_SCREENSHOT") {
        std::fs::copy(&png, keep).unwrap_or_else(|e| panic!("{e}"));
    }
}
