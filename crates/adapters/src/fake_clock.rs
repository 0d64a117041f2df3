//! The case's own time for a library that reads the wall clock and has no
//! option to be given one (`fake_clock` in its registry entry).
//!
//! The runner starts such an adapter's process under Debian's
//! `libfaketime` (`LD_PRELOAD`, installed by `cargo xtask setup-external`)
//! with a timestamp file ([`ENV`] names it, `FAKETIME_TIMESTAMP_FILE` too)
//! that libfaketime re-reads on every clock call (`FAKETIME_NO_CACHE=1`).
//! Before each case the adapter writes the case's time there as an absolute,
//! frozen UTC time with nanoseconds (`2023-11-14 22:13:20.000000000`), then
//! reads the wall clock back: only when it returns that exact instant does
//! the case run, so no case is ever judged at a rounded or a real time.
//! The monotonic clock is left alone (`DONT_FAKE_MONOTONIC=1`), so timings
//! stay real. One process, one file, one case at a time: no race.

use std::time::{SystemTime, UNIX_EPOCH};

use jwtproof_reference::Clock;

/// The environment variable that names the timestamp file this process
/// may write (set by the runner together with libfaketime's own).
pub const ENV: &str = jwtproof_harness::registry::FAKE_CLOCK_ENV;

/// Nanoseconds since the epoch of a case's clock.
pub fn nanos_of(clock: Clock) -> i128 {
    match clock {
        Clock::Seconds(s) => i128::from(s) * 1_000_000_000,
        Clock::Nanos(n) => n,
    }
}

/// The process's wall clock in nanoseconds since the epoch (negative
/// before 1970).
pub fn now_nanos() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

/// Sets this process's wall clock to the case's time; `Err` says why it
/// cannot (not under libfaketime, a time libfaketime cannot represent, or
/// a clock that did not follow), and the case is then `unsupported`.
pub fn set(clock: Clock) -> Result<(), String> {
    let Some(path) = std::env::var_os(ENV) else {
        return Err("the adapter does not run under libfaketime (`cargo xtask setup-external` installs it)".to_owned());
    };
    let want = nanos_of(clock);
    let secs = i64::try_from(want.div_euclid(1_000_000_000)).map_err(|_| format!("libfaketime cannot represent {want} ns"))?;
    let sub = u32::try_from(want.rem_euclid(1_000_000_000)).unwrap_or_default();
    let time = chrono::DateTime::from_timestamp(secs, sub)
        .filter(|t| (0..=9999).contains(&chrono::Datelike::year(t)))
        .ok_or_else(|| format!("libfaketime cannot represent the time {secs} s (outside the years 0000-9999)"))?;
    let text = format!("{}\n", time.format("%Y-%m-%d %H:%M:%S%.9f"));
    std::fs::write(&path, text).map_err(|e| format!("cannot write libfaketime's timestamp file: {e}"))?;
    let got = now_nanos();
    if got == want { Ok(()) } else { Err(format!("libfaketime's clock reads {got} ns, not the case's {want} ns")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_libfaketime_the_clock_is_refused_not_approximated() {
        if std::env::var_os(ENV).is_some() {
            return; // this test process itself runs under libfaketime
        }
        let err = set(Clock::Seconds(1_700_000_000)).err().unwrap_or_default();
        assert!(err.contains("libfaketime"), "{err}");
    }
}
