//! The engine's boundary with the outside world: the clock now, and later the fonts
//! and files rendering needs. Production code uses the system; tests pass fixed
//! values so that output is deterministic.

use chrono::{DateTime, SecondsFormat, Utc};

/// Where the engine reads the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// The current time as stored: RFC 3339, UTC, milliseconds.
    fn timestamp(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that always says the same time (for tests and reproducible output).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
