//! The last line of defence for the terminal: when the process dies of a signal it
//! cannot unwind from (an abort — which is how Rust reports a stack overflow or a
//! failed allocation —, a segmentation fault, a bus error), a handler puts the
//! terminal back before the process ends: it leaves the alternate screen, shows the
//! cursor, stops mouse capture and bracketed paste, and restores the line settings
//! saved before raw mode. It uses only async-signal-safe calls (`write`,
//! `tcsetattr`, `sigaction`, `raise`) and runs on the signal stack, so it works
//! even when the stack itself has overflowed. Then the signal goes on to whatever
//! handled it before (Rust's stack-overflow report), and the process dies of it as
//! it would have.

#[cfg(unix)]
mod imp {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Leave the alternate screen, show the cursor, mouse capture and bracketed
    /// paste off, attributes reset.
    const RESTORE: &[u8] =
        b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[0m\x1b[?1049l\x1b[?25h";

    const SIGNALS: [libc::c_int; 4] = [libc::SIGABRT, libc::SIGSEGV, libc::SIGBUS, libc::SIGILL];

    /// The terminal's line settings before raw mode.
    static SAVED: OnceLock<libc::termios> = OnceLock::new();
    /// The actions the handler replaced, to pass the signal on to.
    static PREVIOUS: OnceLock<[libc::sigaction; 4]> = OnceLock::new();
    /// Whether the full-screen terminal is on now.
    static ON: AtomicBool = AtomicBool::new(false);

    /// Install the handlers once; remember the line settings of standard input.
    pub fn install() {
        if PREVIOUS.get().is_some() {
            return;
        }
        // SAFETY: tcgetattr writes into a zeroed termios we own; isatty only reads.
        unsafe {
            if libc::isatty(libc::STDIN_FILENO) == 1 {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0 {
                    let _ = SAVED.set(t);
                }
            }
        }
        let mut previous: [libc::sigaction; 4] = unsafe { std::mem::zeroed() };
        for (i, sig) in SIGNALS.iter().enumerate() {
            // SAFETY: a zeroed sigaction with our handler, an empty mask and
            // SA_SIGINFO | SA_ONSTACK is valid; the old action is copied out.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_fatal as *const () as libc::sighandler_t;
                action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                libc::sigemptyset(&mut action.sa_mask);
                libc::sigaction(*sig, &action, &mut previous[i]);
            }
        }
        let _ = PREVIOUS.set(previous);
    }

    /// Say whether the full-screen terminal is on (the handler restores it only then).
    pub fn set_active(on: bool) {
        ON.store(on, Ordering::SeqCst);
    }

    extern "C" fn on_fatal(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
        if ON.swap(false, Ordering::SeqCst) {
            // SAFETY: write and tcsetattr are async-signal-safe; the buffers are statics.
            unsafe {
                let _ = libc::write(libc::STDOUT_FILENO, RESTORE.as_ptr().cast(), RESTORE.len());
                if let Some(t) = SAVED.get() {
                    libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
                }
            }
        }
        let Some(i) = SIGNALS.iter().position(|s| *s == sig) else {
            return;
        };
        let Some(previous) = PREVIOUS.get() else {
            return;
        };
        let prev = &previous[i];
        // SAFETY: only sigaction, raise and the previous handler (itself a signal
        // handler, written for this context) are called.
        unsafe {
            let handler = prev.sa_sigaction;
            if handler != libc::SIG_DFL && handler != libc::SIG_IGN {
                if prev.sa_flags & libc::SA_SIGINFO != 0 {
                    let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                        std::mem::transmute(handler);
                    f(sig, info, ctx);
                } else {
                    let f: extern "C" fn(libc::c_int) = std::mem::transmute(handler);
                    f(sig);
                }
            }
            // Die of the signal as if no handler had been there: with the default
            // action restored, the raised signal is delivered when this returns (a
            // fault that happens again on return does the same).
            let mut default: libc::sigaction = std::mem::zeroed();
            default.sa_sigaction = libc::SIG_DFL;
            libc::sigemptyset(&mut default.sa_mask);
            libc::sigaction(sig, &default, std::ptr::null_mut());
            libc::raise(sig);
        }
    }
}

#[cfg(not(unix))]
mod imp {
    pub fn install() {}
    pub fn set_active(_: bool) {}
}

pub use imp::{install, set_active};
