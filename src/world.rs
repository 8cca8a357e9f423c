//! The engine's boundary with the outside world: the clock now, and later the fonts
//! and files rendering needs. Production code uses the system; tests pass fixed
//! values so that output is deterministic.

use chrono::{DateTime, SecondsFormat, Utc};

/// Where the engine reads the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Today where the officer is (the computer's time zone).
    fn today(&self) -> chrono::NaiveDate {
        self.now().with_timezone(&chrono::Local).date_naive()
    }

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

/// What rendering needs from the outside: fonts and today's date. Production uses
/// [`SystemWorld`]; tests use [`FixedWorld`] so that output is byte-for-byte stable.
pub trait World {
    /// Today's date (for the year of a blank date line and the document properties).
    fn today(&self) -> chrono::NaiveDate;
    /// The document font's four faces.
    fn fonts(&self) -> &crate::fonts::FontSet;
}

/// The real world: the system date, Times New Roman if installed.
pub struct SystemWorld {
    fonts: crate::fonts::FontSet,
}

impl SystemWorld {
    pub fn new() -> SystemWorld {
        SystemWorld {
            fonts: crate::fonts::FontSet::system_or_bundled(),
        }
    }
}

impl Default for SystemWorld {
    fn default() -> Self {
        SystemWorld::new()
    }
}

impl World for SystemWorld {
    fn today(&self) -> chrono::NaiveDate {
        chrono::Local::now().date_naive()
    }
    fn fonts(&self) -> &crate::fonts::FontSet {
        &self.fonts
    }
}

/// A world with a fixed date and the bundled fonts.
pub struct FixedWorld {
    pub today: chrono::NaiveDate,
    pub fonts: crate::fonts::FontSet,
}

impl FixedWorld {
    pub fn new(today: chrono::NaiveDate) -> FixedWorld {
        FixedWorld {
            today,
            fonts: crate::fonts::FontSet::bundled(),
        }
    }
}

impl World for FixedWorld {
    fn today(&self) -> chrono::NaiveDate {
        self.today
    }
    fn fonts(&self) -> &crate::fonts::FontSet {
        &self.fonts
    }
}
