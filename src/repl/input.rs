//! Reading the agent's lines: rustyline with history across runs and slash-command completion on
//! a terminal; on a pipe, rustyline reads plain lines and prints no prompt.

use std::io::Write;
use std::path::{Path, PathBuf};

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};

use super::helper::SlashHelper;
use crate::error::Error;

pub enum Input {
    Line(String),
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-D or the end of the piped input.
    Eof,
}

pub struct Reader {
    editor: Editor<SlashHelper, DefaultHistory>,
    history: PathBuf,
    pub tty: bool,
}

impl Reader {
    pub fn new(data: &Path) -> Result<Reader, Error> {
        let config = Config::builder().auto_add_history(true).build();
        let mut editor: Editor<SlashHelper, DefaultHistory> = Editor::with_config(config)
            .map_err(|e| Error::usage("usage_terminal", &[("reason", e.to_string())]))?;
        editor.set_helper(Some(SlashHelper));
        let history = data.join("repl_history.txt");
        let tty = std::io::IsTerminal::is_terminal(&std::io::stdin());
        if tty {
            let _ = editor.load_history(&history);
        }
        Ok(Reader {
            editor,
            history,
            tty,
        })
    }

    pub fn read(&mut self, prompt: &str, out: &mut dyn Write) -> Result<Input, Error> {
        out.flush().map_err(|e| Error::Output(e.to_string()))?;
        match self.editor.readline(prompt) {
            Ok(line) => {
                if self.tty {
                    let _ =
                        std::fs::create_dir_all(self.history.parent().unwrap_or(Path::new(".")));
                    let _ = self.editor.save_history(&self.history);
                }
                Ok(Input::Line(line))
            }
            Err(ReadlineError::Interrupted) => Ok(Input::Interrupt),
            Err(ReadlineError::Eof) => Ok(Input::Eof),
            Err(e) => Err(Error::Input {
                path: "<stdin>".to_string(),
                message: crate::report::messages::Message::new("input_line").with("reason", e),
            }),
        }
    }
}
