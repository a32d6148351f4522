//! Plain mode's input and output: every line printed goes through one sanitising sink, every answer is
//! read line by line (re-asked on a terminal, ending the run from a script).

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) struct Ui<'a> {
    pub(super) env: Env<'a>,
    /// Input lines read so far.
    pub(super) line: usize,
}

/// Text for the terminal: control characters (other than newline) and bidi overrides replaced.
pub(super) fn clean(s: &str) -> String {
    crate::text::sanitize(s).replace(['\t', '\r'], " ")
}

impl Ui<'_> {
    pub(super) fn lang(&self) -> Lang {
        self.env.lang
    }

    pub(super) fn t(&self, s: S) -> &'static str {
        s.get(self.env.lang)
    }

    /// Write one or more lines.
    pub(super) fn say(&mut self, text: &str) -> R<()> {
        writeln!(self.env.output, "{}", clean(text))?;
        Ok(())
    }

    pub(super) fn blank(&mut self) -> R<()> {
        writeln!(self.env.output)?;
        Ok(())
    }

    /// Show `label: ` and read one line (without its line end); Eof at the end of the input.
    pub(super) fn read(&mut self, label: &str, secret: bool) -> R<String> {
        write!(self.env.output, "{}: ", clean(label))?;
        self.env.output.flush()?;
        if secret && let Some(read) = self.env.read_secret.as_mut() {
            self.line += 1;
            return read().map_err(Stop::from);
        }
        let mut buf = String::new();
        if self.env.input.read_line(&mut buf)? == 0 {
            if !self.env.interactive {
                writeln!(self.env.output)?;
            }
            return Err(Stop::Eof);
        }
        self.line += 1;
        let text = buf.trim_end_matches(['\r', '\n']).to_string();
        if !self.env.interactive {
            // Echo scripted input so that a transcript reads like a session (never a password).
            if secret {
                writeln!(self.env.output)?;
            } else {
                writeln!(self.env.output, "{}", clean(&text))?;
            }
        }
        Ok(text)
    }

    /// Invalid input: on a terminal say why (the caller asks again); from a script end with the line number.
    pub(super) fn invalid(&mut self, message: &str) -> R<()> {
        if self.env.interactive {
            self.say(message)
        } else {
            let line = self.line.to_string();
            Err(Stop::Failed(Failure {
                line: Some(self.line),
                message: fill(self.t(S::InputLine), &[&line, message]),
            }))
        }
    }

    /// Ask until `parse` accepts the line.
    pub(super) fn ask<T>(
        &mut self,
        label: &str,
        mut parse: impl FnMut(&str) -> Result<T, String>,
    ) -> R<T> {
        loop {
            let line = self.read(label, false)?;
            match parse(&line) {
                Ok(v) => return Ok(v),
                Err(msg) => self.invalid(&msg)?,
            }
        }
    }

    /// Ask for text; an empty line is refused when `required`.
    pub(super) fn ask_text(&mut self, label: &str, required: bool) -> R<String> {
        let lang = self.lang();
        self.ask(label, |s| {
            let s = s.trim();
            if required && s.is_empty() {
                Err(S::RequiredEmpty.get(lang).to_string())
            } else {
                Ok(s.to_string())
            }
        })
    }

    /// A numbered menu of `count` entries; returns the 1-based number.
    pub(super) fn ask_menu(&mut self, menu: S, count: usize) -> R<usize> {
        self.say(self.t(menu))?;
        let lang = self.lang();
        let label = self.t(S::Choice);
        self.ask(label, |s| entry::pick(s, count, lang).map(|i| i + 1))
    }

    pub(super) fn now(&self) -> Timestamp {
        (self.env.clock)()
    }
}
