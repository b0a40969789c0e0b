//! Writing to stdout and stderr without panicking: a reader that closes the pipe (`| head`)
//! ends the command quietly.

use std::io::{self, Write};

/// Writes `text` to stdout. When the reader has gone (broken pipe), the command ends here,
/// quietly and successfully, as `head` expects; any other write error ends it with one line.
pub fn stdout(text: &str) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        stderr(&format!("error: cannot write to stdout: {e}\n"));
        std::process::exit(1);
    }
}

/// Writes `text` to stderr; a closed stderr is ignored (there is nowhere left to say so).
pub fn stderr(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// `println!` to stdout through [`stdout`].
#[macro_export]
macro_rules! outln {
    () => { $crate::out::stdout("\n") };
    ($($arg:tt)*) => { $crate::out::stdout(&format!("{}\n", format_args!($($arg)*))) };
}

/// `eprintln!` to stderr through [`stderr`].
#[macro_export]
macro_rules! errln {
    () => { $crate::out::stderr("\n") };
    ($($arg:tt)*) => { $crate::out::stderr(&format!("{}\n", format_args!($($arg)*))) };
}
