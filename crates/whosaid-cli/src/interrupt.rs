//! Ctrl-C, SIGTERM and SIGHUP while writing `-o FILE`.
//!
//! Killed outright, the run would leave its temporary file behind. So
//! while a temporary file exists, the first signal only sets a flag:
//! the run checks it between inputs, stops, and the temporary file is
//! removed as the output is dropped, FILE left as it was (exit status
//! 130). A second signal, for a run that does not stop soon enough,
//! removes the temporary file and exits at once.
//!
//! Without `-o FILE` no handler is installed and the signals kill the
//! run as usual: there is nothing to clean up.

use std::fmt;
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

/// Whether a signal asked the run to stop.
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// The temporary output file to remove on a second signal.
static TEMPORARY: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The exit status of an interrupted run, as shells report death by
/// SIGINT.
pub(crate) const EXIT_STATUS: u8 = 130;

/// The error an interrupted run ends with.
#[derive(Debug)]
pub(crate) struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// Whether a signal asked the run to stop.
pub(crate) fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Fails with [`Interrupted`] if a signal asked the run to stop.
///
/// # Errors
///
/// Fails when the run was interrupted.
pub(crate) fn check() -> Result<(), Interrupted> {
    if requested() { Err(Interrupted) } else { Ok(()) }
}

/// Catches the signals from now on, and removes `temporary` on a
/// second one; [`forget`] it once it is renamed or removed.
///
/// If no handler can be installed, signals kill the run as before:
/// this is a nicety, not a reason to fail.
pub(crate) fn protect(temporary: PathBuf) {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if REQUESTED.swap(true, Ordering::SeqCst) {
                if let Ok(mut temporary) = TEMPORARY.lock()
                    && let Some(path) = temporary.take()
                {
                    let _ = fs::remove_file(path);
                }
                std::process::exit(EXIT_STATUS.into());
            }
        });
    });
    if let Ok(mut slot) = TEMPORARY.lock() {
        *slot = Some(temporary);
    }
}

/// Stops removing the temporary file on a second signal.
pub(crate) fn forget() {
    if let Ok(mut slot) = TEMPORARY.lock() {
        *slot = None;
    }
}
