//! Exact time arithmetic for spec step 11 and the aspose lifetime rule.
//!
//! A NumericDate is the JSON number as the parser read it: an integer
//! literal within 64 bits is exact; anything else is the nearest f64, and
//! that f64 is then used exactly (no rounding, no truncation of fractions).
//! The clock is an integer number of nanoseconds. Every rule therefore
//! compares a dyadic rational (the claim) with an integer number of
//! nanoseconds, which only needs `floor` or `ceil` of `claim × 10⁹`:
//! for an integer `t`, `y ≤ t ⇔ ⌈y⌉ ≤ t` and `y < t ⇔ ⌊y⌋ < t`.
//! Both sides are big integers: a claim may be as large as an f64
//! (2^1024) and the clock anywhere in i128, so no fixed width holds every
//! operand, and a saturated or wrapped one would change comparisons.

use num_bigint::BigInt;

use crate::json::Number;

const NANOS: i128 = 1_000_000_000;

/// A NumericDate claim (RFC 7519 §2), exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum NumericDate {
    Int(i128),
    Float(f64),
}

impl From<Number> for NumericDate {
    fn from(n: Number) -> Self {
        match n {
            Number::U64(u) => NumericDate::Int(i128::from(u)),
            Number::I64(i) => NumericDate::Int(i128::from(i)),
            Number::F64(f) => NumericDate::Float(f),
        }
    }
}

/// An f64 as `m × 2^e` exactly (`m` signed, |m| < 2^53).
fn decompose(f: f64) -> (i128, i32) {
    let bits = f.to_bits();
    let sign: i128 = if bits >> 63 == 0 { 1 } else { -1 };
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = i128::from(bits & ((1u64 << 52) - 1));
    if exp_bits == 0 {
        // Subnormal (or zero).
        (sign * frac, -1074)
    } else {
        (sign * (frac | (1i128 << 52)), exp_bits - 1075)
    }
}

/// `⌊x × 10⁹⌋` and `⌈x × 10⁹⌉`, exactly.
fn nanos_floor_ceil(d: NumericDate) -> (BigInt, BigInt) {
    match d {
        NumericDate::Int(i) => {
            let v = BigInt::from(i) * NANOS;
            (v.clone(), v)
        }
        NumericDate::Float(f) => {
            let (m, e) = decompose(f);
            let num = BigInt::from(m) * NANOS;
            if e >= 0 {
                let v = num << e.unsigned_abs();
                (v.clone(), v)
            } else {
                // `>>` on a BigInt rounds towards negative infinity: floor
                // division by 2^k.
                let k = e.unsigned_abs();
                let floor = &num >> k;
                let ceil = -((-num) >> k);
                (floor, ceil)
            }
        }
    }
}

/// The same in i128 when it fits (the common case: no allocation). Every
/// rule below tries this first and falls back to the exact `BigInt` path
/// when a value does not fit; both paths give the same answer (the
/// property tests check the reference against an exact model on both).
fn fast_floor_ceil(d: NumericDate) -> Option<(i128, i128)> {
    match d {
        NumericDate::Int(i) => {
            let v = i.checked_mul(NANOS)?;
            Some((v, v))
        }
        NumericDate::Float(f) => {
            let (m, e) = decompose(f);
            let num = m * NANOS; // |m| < 2^53: |num| < 2^83
            if (0..=40).contains(&e) {
                let v = num << e; // < 2^123
                Some((v, v))
            } else if (-126..0).contains(&e) {
                let k = e.unsigned_abs();
                // Arithmetic shift is floor division by 2^k.
                Some((num >> k, -((-num) >> k)))
            } else {
                None
            }
        }
    }
}

/// `now_ns + sign × seconds × 10⁹` in i128, when it fits.
fn fast_shifted(now_ns: i128, sign: i8, seconds: u128) -> Option<i128> {
    let delta = i128::try_from(seconds).ok()?.checked_mul(NANOS)?;
    if sign < 0 { now_ns.checked_sub(delta) } else { now_ns.checked_add(delta) }
}

fn floor_ns(d: NumericDate) -> BigInt {
    nanos_floor_ceil(d).0
}

fn ceil_ns(d: NumericDate) -> BigInt {
    nanos_floor_ceil(d).1
}

/// `now_ns + seconds × 10⁹`, exactly (`sign` is ±1).
fn shifted(now_ns: i128, sign: i8, seconds: u128) -> BigInt {
    BigInt::from(now_ns) + BigInt::from(sign) * BigInt::from(seconds) * NANOS
}

/// `now < exp + leeway` is false: the token has expired.
pub(crate) fn is_expired(exp: NumericDate, now_ns: i128, leeway: u64) -> bool {
    // now ≥ exp + leeway ⇔ exp×10⁹ ≤ now_ns − leeway×10⁹ ⇔ ⌈exp×10⁹⌉ ≤ …
    if let (Some((_, ceil)), Some(bound)) = (fast_floor_ceil(exp), fast_shifted(now_ns, -1, u128::from(leeway))) {
        return ceil <= bound;
    }
    ceil_ns(exp) <= shifted(now_ns, -1, u128::from(leeway))
}

/// `now + leeway ≥ nbf` is false: not valid yet.
pub(crate) fn is_not_yet_valid(nbf: NumericDate, now_ns: i128, leeway: u64) -> bool {
    // nbf×10⁹ ≤ now_ns + leeway×10⁹ ⇔ ⌈nbf×10⁹⌉ ≤ …
    if let (Some((_, ceil)), Some(bound)) = (fast_floor_ceil(nbf), fast_shifted(now_ns, 1, u128::from(leeway))) {
        return ceil > bound;
    }
    ceil_ns(nbf) > shifted(now_ns, 1, u128::from(leeway))
}

/// `iat > now + leeway`: issued in the future.
pub(crate) fn is_issued_in_future(iat: NumericDate, now_ns: i128, leeway: u64) -> bool {
    // iat×10⁹ > B ⇔ ¬(iat×10⁹ ≤ B) ⇔ ⌈iat×10⁹⌉ > B
    if let (Some((_, ceil)), Some(bound)) = (fast_floor_ceil(iat), fast_shifted(now_ns, 1, u128::from(leeway))) {
        return ceil > bound;
    }
    ceil_ns(iat) > shifted(now_ns, 1, u128::from(leeway))
}

/// `now − iat > max_age + leeway`: too old.
pub(crate) fn is_too_old(iat: NumericDate, now_ns: i128, max_age: u64, leeway: u64) -> bool {
    // iat×10⁹ < now_ns − (max_age + leeway)×10⁹ ⇔ ⌊iat×10⁹⌋ < …
    let seconds = u128::from(max_age) + u128::from(leeway);
    if let (Some((floor, _)), Some(bound)) = (fast_floor_ceil(iat), fast_shifted(now_ns, -1, seconds)) {
        return floor < bound;
    }
    floor_ns(iat) < shifted(now_ns, -1, seconds)
}

/// `exp − iat > seconds`, exactly.
pub(crate) fn lifetime_exceeds(exp: NumericDate, iat: NumericDate, seconds: u64) -> bool {
    // Both sides as exact dyadic rationals over a common power of two.
    let (em, ee) = dyadic(exp);
    let (im, ie) = dyadic(iat);
    let base = ee.min(ie).min(0);
    let scale = |m: i128, e: i32| BigInt::from(m) << u32::try_from(e - base).unwrap_or(0);
    let lhs = scale(em, ee);
    let rhs = scale(im, ie) + scale(i128::from(seconds), 0);
    lhs > rhs
}

fn dyadic(d: NumericDate) -> (i128, i32) {
    match d {
        NumericDate::Int(i) => (i, 0),
        NumericDate::Float(f) => decompose(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ns(d: NumericDate) -> (BigInt, BigInt) {
        nanos_floor_ceil(d)
    }

    fn big(i: i128) -> (BigInt, BigInt) {
        (BigInt::from(i), BigInt::from(i))
    }

    #[test]
    fn floor_and_ceil_are_exact() {
        assert_eq!(ns(NumericDate::Float(1.5)), big(1_500_000_000));
        assert_eq!(ns(NumericDate::Float(-1.5)), big(-1_500_000_000));
        // 0.1 is slightly above 1/10 as an f64.
        assert_eq!(ns(NumericDate::Float(0.1)), (BigInt::from(100_000_000), BigInt::from(100_000_001)));
        assert_eq!(ns(NumericDate::Float(5e-324)), (BigInt::from(0), BigInt::from(1)));
        assert_eq!(ns(NumericDate::Float(-5e-324)), (BigInt::from(-1), BigInt::from(0)));
        assert_eq!(ns(NumericDate::Float(2f64.powi(1000))), (BigInt::from(NANOS) << 1000u32, BigInt::from(NANOS) << 1000u32));
        assert_eq!(ns(NumericDate::Float(-(2f64.powi(1000)))).1, -(BigInt::from(NANOS) << 1000u32));
        assert_eq!(ns(NumericDate::Float(0.0)), big(0));
        assert_eq!(ns(NumericDate::Float(-0.0)), big(0));
    }

    #[test]
    fn clock_at_the_ends_of_i128() {
        // Neither wraps nor saturates: the extreme clock compares exactly.
        assert!(!is_expired(NumericDate::Int(5), i128::MIN, 1));
        assert!(is_not_yet_valid(NumericDate::Int(5), i128::MIN, u64::MAX));
        assert!(is_issued_in_future(NumericDate::Float(1e30), i128::MAX, u64::MAX));
        assert!(!is_expired(NumericDate::Float(1e30), 1 << 125, 0));
        assert!(is_expired(NumericDate::Float(1e20), i128::MAX, u64::MAX));
        assert!(is_too_old(NumericDate::Int(0), i128::MAX, u64::MAX, u64::MAX));
        assert!(!is_too_old(NumericDate::Int(0), i128::MIN, 0, 0));
    }

    #[test]
    fn exp_boundary() {
        let s = |x: i64| i128::from(x) * NANOS;
        assert!(is_expired(NumericDate::Int(100), s(100), 0));
        assert!(!is_expired(NumericDate::Int(100), s(100) - 1, 0));
        assert!(!is_expired(NumericDate::Float(100.5), s(100), 0));
        assert!(is_expired(NumericDate::Float(100.5), s(100) + 500_000_000, 0));
        assert!(!is_expired(NumericDate::Int(100), s(104), 5));
        assert!(is_expired(NumericDate::Int(100), s(105), 5));
    }

    #[test]
    fn lifetime_is_exact() {
        assert!(!lifetime_exceeds(NumericDate::Int(86_400), NumericDate::Int(0), 86_400));
        assert!(lifetime_exceeds(NumericDate::Int(86_401), NumericDate::Int(0), 86_400));
        assert!(lifetime_exceeds(NumericDate::Float(86_400.5), NumericDate::Int(0), 86_400));
        assert!(!lifetime_exceeds(NumericDate::Float(86_400.5), NumericDate::Float(0.5), 86_400));
        assert!(lifetime_exceeds(NumericDate::Float(1e300), NumericDate::Float(-1e300), 86_400));
        assert!(!lifetime_exceeds(NumericDate::Float(5e-324), NumericDate::Int(0), 86_400));
    }
}
