//! The real msgaudit binary in a pseudo-terminal (a Unix pty, ConPTY on Windows), with the `vt100` parser
//! reading its output into a screen. No external program: the end-to-end tests of the TUI type keys into
//! the pty, wait for text on the parsed screen (polling it against a generous deadline), resize the
//! terminal, signal the process (Unix) and check that it leaves the terminal as it found it.
//!
//! Two parsers read the output. `live` gets every byte at once (the terminal modes, and what is left after
//! the program exits). `frames` gets the output up to the end of the last complete frame only: ratatui
//! ends every frame by hiding the cursor (`ESC[?25l`; msgaudit never shows a cursor while drawing), and the
//! binary writes a frame in several chunks, so the screen that the tests read is never half drawn.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty};

/// How long a test waits for something that should happen at once. Generous: the machine may be busy
/// with other builds, and a wait that is met returns as soon as it is.
pub const DEADLINE: Duration = Duration::from_secs(30);
/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(20);

/// ratatui's end of a frame: the cursor hidden after the cells were written.
const FRAME_END: &[u8] = b"\x1b[?25l";

pub const COLS: u16 = 100;
pub const ROWS: u16 = 30;

struct Output {
    live: vt100::Parser,
    frames: vt100::Parser,
    /// Bytes read but not yet given to `frames` (after the last frame end).
    pending: Vec<u8>,
    /// Everything the program wrote, for checks on the byte stream.
    raw: Vec<u8>,
}

impl Output {
    fn take(&mut self, bytes: &[u8]) {
        self.live.process(bytes);
        self.raw.extend_from_slice(bytes);
        self.pending.extend_from_slice(bytes);
        if let Some(end) = last_frame_end(&self.pending) {
            let rest = self.pending.split_off(end);
            let done = std::mem::replace(&mut self.pending, rest);
            self.frames.process(&done);
        }
    }
}

/// The position just after the last frame end in `bytes`.
fn last_frame_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(FRAME_END.len())
        .rposition(|w| w == FRAME_END)
        .map(|i| i + FRAME_END.len())
}

/// One run of msgaudit in a pseudo-terminal of 100x30 cells, with `--home` in a temporary folder.
pub struct Tui {
    /// Always Some until `into_home`.
    home: Option<tempfile::TempDir>,
    child: Box<dyn Child + Send + Sync>,
    exit: Option<portable_pty::ExitStatus>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    /// Held open so that the terminal (and its modes) outlives the program, as a terminal window would.
    _slave: Box<dyn SlavePty + Send>,
    output: Arc<Mutex<Output>>,
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_msgaudit"))
}

pub fn drafts_dir(home: &Path) -> PathBuf {
    msgaudit::store::Paths::under_home(home)
        .expect("paths")
        .drafts_dir()
}

/// The files in `dir` whose names end with `suffix`, sorted.
pub fn files_in(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The bytes a key sends, by the names tmux gives them (`Enter`, `BSpace`, `C-c`, …); any other name is
/// sent as it is.
fn key_bytes(name: &str) -> Vec<u8> {
    match name {
        "Enter" => b"\r".to_vec(),
        "Space" => b" ".to_vec(),
        "Tab" => b"\t".to_vec(),
        "BSpace" => b"\x7f".to_vec(),
        "Escape" => b"\x1b".to_vec(),
        "Up" => b"\x1b[A".to_vec(),
        "Down" => b"\x1b[B".to_vec(),
        "Right" => b"\x1b[C".to_vec(),
        "Left" => b"\x1b[D".to_vec(),
        "PageUp" => b"\x1b[5~".to_vec(),
        "PageDown" => b"\x1b[6~".to_vec(),
        _ => match name.strip_prefix("C-").map(str::as_bytes) {
            Some([c]) if c.is_ascii_lowercase() => vec![c - b'a' + 1],
            _ => name.as_bytes().to_vec(),
        },
    }
}

impl Tui {
    pub fn start(args: &[&str]) -> Tui {
        Self::start_in(tempfile::tempdir().expect("temp dir"), args)
    }

    /// Start msgaudit with `--home` in `home` (a later run can reuse the folder of an earlier one), in the
    /// project folder (so `tests/fixtures` resolves), with `NO_COLOR` empty and an xterm-like `TERM`.
    pub fn start_in(home: tempfile::TempDir, args: &[&str]) -> Tui {
        let pair = portable_pty::native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(bin());
        cmd.arg("--home");
        cmd.arg(home.path());
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "");
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("start msgaudit in the pseudo-terminal");
        let output = Arc::new(Mutex::new(Output {
            live: parser(COLS, ROWS),
            frames: parser(COLS, ROWS),
            pending: Vec::new(),
            raw: Vec::new(),
        }));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let shared = Arc::clone(&output);
        std::thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = vec![0u8; 64 * 1024];
                // Until the pty is closed (the test is done with it).
                while let Ok(n) = reader.read(&mut buf)
                    && n > 0
                {
                    lock(&shared).take(&buf[..n]);
                }
            })
            .expect("start the pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            home: Some(home),
            child,
            exit: None,
            writer,
            master: pair.master,
            _slave: pair.slave,
            output,
        }
    }

    /// Every byte msgaudit wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.output).raw.clone()
    }

    pub fn home(&self) -> &Path {
        self.home.as_ref().expect("home").path()
    }

    /// Keep the home folder for another run (this one must have ended, or is killed).
    pub fn into_home(mut self) -> tempfile::TempDir {
        self.home.take().expect("home")
    }

    /// The process id of msgaudit.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("msgaudit has a process id")
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer
            .write_all(bytes)
            .and_then(|()| self.writer.flush())
            .expect("write to the pseudo-terminal");
    }

    /// Press keys, by tmux's names (`Enter`, `Space`, `BSpace`, `Escape`, `Tab`, `C-c`, or a character).
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.send(&key_bytes(k));
        }
    }

    /// Type text as it is.
    pub fn text(&mut self, s: &str) {
        self.send(s.as_bytes());
    }

    /// The screen after the last complete frame, one line per row, trailing blanks cut.
    pub fn screen(&self) -> String {
        lock(&self.output).frames.screen().contents()
    }

    /// The screen with every byte read so far (for messages: what the terminal shows now).
    fn live_screen(&self) -> String {
        lock(&self.output).live.screen().contents()
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    /// Poll the screen until `pred` holds; fail with the screen after the deadline.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                start.elapsed() <= DEADLINE,
                "timed out waiting for {what}; the screen shows:\n{s}\n(the terminal shows now:\n{})",
                self.live_screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Poll what the terminal shows now (every byte, not only whole frames) until `pred` holds: for the
    /// line-by-line prompts of commands that draw no frames (keygen, countersign on a terminal).
    pub fn wait_until_live(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.live_screen();
            if pred(&s) {
                return s;
            }
            assert!(
                start.elapsed() <= DEADLINE,
                "timed out waiting for {what}; the terminal shows:\n{s}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Resize the terminal (the program gets SIGWINCH on Unix, a resize event on Windows).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        {
            let mut o = lock(&self.output);
            let (r, c) = (nonzero(rows), nonzero(cols));
            o.live.screen_mut().set_size(r, c);
            o.frames.screen_mut().set_size(r, c);
        }
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pseudo-terminal");
    }

    /// The UI is running on the alternate screen (and has drawn a frame).
    pub fn on_alternate_screen(&self) -> bool {
        lock(&self.output).frames.screen().alternate_screen()
    }

    /// Wait for the program to end; its exit status.
    pub fn wait_ended(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = &self.exit {
                return status.clone();
            }
            if let Some(status) = self.child.try_wait().expect("wait for msgaudit") {
                self.exit = Some(status);
                continue;
            }
            assert!(
                start.elapsed() <= DEADLINE,
                "msgaudit did not exit; the screen shows:\n{}",
                self.live_screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Wait for the program to end; its exit code (a signal that ended it fails the test).
    pub fn exit_code(&mut self) -> u32 {
        let status = self.wait_ended();
        assert!(
            status.signal().is_none(),
            "msgaudit was ended by a signal: {status}"
        );
        status.exit_code()
    }

    /// After the program ended: the terminal is back to normal — main screen, cursor visible, no mouse
    /// reporting, no bracketed paste, raw mode off (Unix) — both by the state of the parsed terminal and by
    /// the byte stream (each mode the program switched on was switched off after it was last switched
    /// on). The reader gets the last output a moment after the exit, so this waits (bounded) for it.
    pub fn assert_restored(&mut self) {
        self.exit_code();
        let start = Instant::now();
        loop {
            let wrong = self.unrestored();
            if wrong.is_empty() {
                return;
            }
            assert!(
                start.elapsed() <= DEADLINE,
                "terminal not restored: {wrong:?}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// What is not restored (empty: all is), without waiting.
    pub fn unrestored(&self) -> Vec<String> {
        let mut wrong = Vec::new();
        let o = lock(&self.output);
        let screen = o.live.screen();
        if screen.alternate_screen() {
            wrong.push("still on the alternate screen".to_string());
        }
        if screen.hide_cursor() {
            wrong.push("cursor left hidden".to_string());
        }
        if screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None {
            wrong.push(format!(
                "mouse reporting left on ({:?})",
                screen.mouse_protocol_mode()
            ));
        }
        if screen.bracketed_paste() {
            wrong.push("bracketed paste left on".to_string());
        }
        // The byte stream: every private mode set (`ESC[?Nh`) is reset (`ESC[?Nl`) after its last setting.
        for (mode, what) in [
            ("1049", "alternate screen"),
            ("1000", "mouse reporting (clicks)"),
            ("1002", "mouse reporting (drags)"),
            ("1003", "mouse reporting (all motion)"),
            ("1006", "mouse reporting (SGR)"),
            ("2004", "bracketed paste"),
            ("25", "cursor"),
        ] {
            let set = format!("\x1b[?{mode}h");
            let reset = format!("\x1b[?{mode}l");
            let last = |pat: &str| o.raw.windows(pat.len()).rposition(|w| w == pat.as_bytes());
            let (set_at, reset_at) = (last(&set), last(&reset));
            let restored = match mode {
                // The cursor: shown (set) after it was last hidden (reset).
                "25" => set_at.is_some() && set_at > reset_at,
                _ => set_at.is_none() || reset_at > set_at,
            };
            if !restored {
                wrong.push(format!("{what} not restored in the output (ESC[?{mode})"));
            }
        }
        drop(o);
        #[cfg(unix)]
        if let Some(false) = self.cooked() {
            wrong.push("raw mode left on".to_string());
        }
        wrong
    }

    /// Unix: the terminal is in cooked mode (line editing and echo on), as the pty started; None when the
    /// modes cannot be read.
    #[cfg(unix)]
    pub fn cooked(&self) -> Option<bool> {
        use nix::sys::termios::LocalFlags;
        let t = self.master.get_termios()?;
        Some(
            t.local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
        )
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.exit.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

/// A terminal parser without scrollback.
fn parser(cols: u16, rows: u16) -> vt100::Parser {
    vt100::Parser::new(nonzero(rows), nonzero(cols), 0)
}

fn lock(o: &Mutex<Output>) -> MutexGuard<'_, Output> {
    // A panicking reader thread cannot leave the output half updated in a way that matters here.
    o.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
