//! The C libraries under Leptonica (libpng, libjpeg, libtiff) write their own
//! English messages («libpng error: IHDR: CRC error») to the process's standard
//! error while a picture is decoded. The officer gets our Vietnamese message; the
//! libraries' words go to the log (nhật ký) for whoever helps them. While any
//! thread decodes, descriptor 2 points at the log, and is put back when the last
//! one is done: only the short decoding calls are wrapped, so the CLI's own lines
//! (progress, messages) are not caught in between. On Windows the window program
//! has no console, and the command line's decoding messages are left as they are.

/// Standard error sent to the log while it lives.
pub struct Quiet(());

#[cfg(unix)]
mod imp {
    use std::sync::Mutex;

    /// How many decoders are quiet, and the saved standard error.
    static STATE: Mutex<(usize, i32)> = Mutex::new((0, -1));

    pub fn enter() {
        let mut s = STATE.lock().unwrap_or_else(|e| e.into_inner());
        if s.0 == 0 {
            let dir = crate::places::log_dir();
            let _ = std::fs::create_dir_all(&dir);
            if let Ok(log) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(dir.join("kehoach.log"))
            {
                use std::os::fd::AsRawFd;
                // SAFETY: plain descriptor calls; a failure leaves stderr as it was.
                unsafe {
                    let saved = libc::dup(2);
                    if saved >= 0 && libc::dup2(log.as_raw_fd(), 2) >= 0 {
                        s.1 = saved;
                    } else if saved >= 0 {
                        libc::close(saved);
                    }
                }
            }
        }
        s.0 += 1;
    }

    pub fn leave() {
        let mut s = STATE.lock().unwrap_or_else(|e| e.into_inner());
        s.0 = s.0.saturating_sub(1);
        if s.0 == 0 && s.1 >= 0 {
            // SAFETY: the descriptor saved by enter, restored and closed once.
            unsafe {
                libc::dup2(s.1, 2);
                libc::close(s.1);
            }
            s.1 = -1;
        }
    }
}

#[cfg(not(unix))]
mod imp {
    pub fn enter() {}
    pub fn leave() {}
}

/// Standard error goes to the log until the returned guard is dropped.
pub fn quiet() -> Quiet {
    imp::enter();
    Quiet(())
}

impl Drop for Quiet {
    fn drop(&mut self) {
        imp::leave();
    }
}
