//! Time to the first useful screen, measured the way a user feels it: the real release binary started in a
//! 100x30 pseudo-terminal, until its screen (parsed with `vt100`) shows the start list, and until the
//! checklist picker after Enter. The same is measured for `dialog` (`--yesno`, `--checklist` with 13 items)
//! on the same pty; runs alternate in random order and the medians of the paired ratios are printed.
//! Run: `cargo bench --bench first_screen` (needs `dialog` on PATH; it says so if it is missing).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const COLS: u16 = 100;
const ROWS: u16 = 30;
const RUNS: usize = 40;
const DEADLINE: Duration = Duration::from_secs(20);

/// One program in a fresh pty; the screen it draws is parsed as it arrives.
struct Run {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    started: Instant,
}

impl Run {
    fn start(cmd: CommandBuilder) -> Run {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(ROWS).unwrap(),
            std::num::NonZero::new(COLS).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Run {
            screen,
            writer,
            child,
            started,
        }
    }

    /// Time since start until the screen contains `text` (polling at 0.2 ms).
    fn until(&self, text: &str) -> Duration {
        loop {
            if self
                .screen
                .lock()
                .unwrap()
                .screen()
                .contents()
                .contains(text)
            {
                return self.started.elapsed();
            }
            assert!(
                self.started.elapsed() < DEADLINE,
                "{text:?} never appeared; screen:\n{}",
                self.screen.lock().unwrap().screen().contents()
            );
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn msgaudit(home: &Path) -> CommandBuilder {
    let mut c = CommandBuilder::new(env!("CARGO_BIN_EXE_msgaudit"));
    c.args(["--lang", "de", "--home"]);
    c.arg(home);
    c.env("TERM", "xterm-256color");
    c
}

fn dialog(args: &[&str]) -> CommandBuilder {
    let mut c = CommandBuilder::new("dialog");
    c.args(args);
    c.env("TERM", "xterm-256color");
    c
}

/// A home folder with `n` drafts of the shipped messenger audit, as the start screen lists them.
fn home_with_drafts(n: usize) -> tempfile::TempDir {
    use msgaudit::audit::Meta;
    use msgaudit::audit::draft::Draft;
    let home = tempfile::tempdir().unwrap();
    let paths = msgaudit::store::Paths::under_home(home.path()).unwrap();
    paths.create_all().unwrap();
    let c = msgaudit::checklist::load(&PathBuf::from("checklists/messenger-audit.toml")).unwrap();
    let store = msgaudit::store::drafts::DraftStore::new(&paths);
    for i in 0..n {
        let meta = Meta {
            organisation: format!("Muster GmbH {i}"),
            unit: "Vertrieb".into(),
            auditor: "A. Prüferin".into(),
            ..Meta::default()
        };
        let now =
            jiff::Timestamp::now() + jiff::SignedDuration::from_secs(i64::try_from(i).unwrap());
        store.save(&Draft::new(&c, meta, now)).unwrap();
    }
    home
}

/// A small xorshift, so runs can be shuffled without another dependency.
fn coin(state: &mut u64) -> bool {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state & 1 == 1
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    if std::process::Command::new("dialog")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("first_screen: `dialog` is not on PATH; install it (Debian: apt install dialog)");
        std::process::exit(2);
    }
    let home = home_with_drafts(10);
    let items: Vec<String> = (1..=13)
        .flat_map(|i| [format!("t{i}"), format!("Checkliste {i}"), "off".into()])
        .collect();
    let mut checklist_args = vec!["--checklist", "Checklisten", "25", "70", "15"];
    checklist_args.extend(items.iter().map(String::as_str));

    let measure_start = || {
        let r = Run::start(msgaudit(home.path()));
        r.until("Neue Prüfung beginnen")
    };
    let measure_picker = || {
        let mut r = Run::start(msgaudit(home.path()));
        r.until("Neue Prüfung beginnen");
        r.send(b"\x1b[H"); // Home: the first row, "start a new audit", wherever the drafts put the cursor
        r.send(b"\r");
        r.until("Einsatz von Messenger-Diensten")
    };
    let measure_yesno = || Run::start(dialog(&["--yesno", "Weiter?", "7", "40"])).until("< Yes >");
    let measure_list = || Run::start(dialog(&checklist_args)).until("Checkliste 13");

    // Warm the page cache and the binaries once.
    measure_start();
    measure_yesno();

    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut rows = Vec::new();
    for (name, ours, theirs) in [
        (
            "start screen, 10 drafts / dialog --yesno",
            &measure_start as &dyn Fn() -> Duration,
            &measure_yesno as &dyn Fn() -> Duration,
        ),
        (
            "Enter -> checklist picker / dialog --checklist (13 items)",
            &measure_picker,
            &measure_list,
        ),
    ] {
        let (mut a, mut b, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let (x, y) = if coin(&mut seed) {
                let x = ours();
                (x, theirs())
            } else {
                let y = theirs();
                (ours(), y)
            };
            a.push(ms(x));
            b.push(ms(y));
            ratio.push(ms(x) / ms(y));
        }
        rows.push((name, median(a), median(b), median(ratio)));
    }
    println!(
        "{:<58} {:>10} {:>10} {:>7}",
        "", "msgaudit", "dialog", "ratio"
    );
    for (name, a, b, r) in rows {
        println!("{name:<58} {a:>8.1}ms {b:>8.1}ms {r:>6.2}x");
    }
}
