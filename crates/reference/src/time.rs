//! Exact time arithmetic for spec step 11 and the aspose lifetime rule.
//!
//! A NumericDate is the JSON number as the parser read it: an integer
//! literal within 64 bits is exact; anything else is the nearest f64, and
//! that f64 is then used exactly (no rounding, no truncation of fractions).
//! The clock is an integer number of nanoseconds. Every rule therefore
//! compares a dyadic rational (the claim) with an integer number of
//! nanoseconds, which only needs `floor` or `ceil` of `claim × 10⁹`:
//! for an integer `t`, `y ≤ t ⇔ ⌈y⌉ ≤ t` and `y < t ⇔ ⌊y⌋ < t`.

use num_bigint::BigInt;

use crate::json::Number;

const NANOS: i128 = 1_000_000_000;

/// Values beyond ±2^120 ns are saturated: every clock-derived operand is
/// below 2^100 in magnitude (i64-range seconds or i128 nanoseconds from a
/// u64, plus a u64 leeway × 10⁹), so saturation never changes a comparison.
const SATURATE: i128 = 1 << 120;

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

/// `⌊x × 10⁹⌋` and `⌈x × 10⁹⌉`, saturated at ±2^120.
fn nanos_floor_ceil(d: NumericDate) -> (i128, i128) {
    match d {
        NumericDate::Int(i) => {
            let v = i.saturating_mul(NANOS).clamp(-SATURATE, SATURATE);
            (v, v)
        }
        NumericDate::Float(f) => {
            let (m, e) = decompose(f);
            let num = m * NANOS; // |m| < 2^53, so |num| < 2^83
            if e >= 0 {
                // An integer; saturate once it is beyond every operand.
                let v = if e >= 40 { num.signum() * SATURATE } else { (num << e).clamp(-SATURATE, SATURATE) };
                (v, v)
            } else {
                let k = e.unsigned_abs();
                if k >= 120 {
                    // |x × 10⁹| < 2^83 / 2^120 < 1.
                    let floor = if num < 0 { -1 } else { 0 };
                    let ceil = if num > 0 { 1 } else { 0 };
                    (floor, ceil)
                } else {
                    // Arithmetic shift is floor division by 2^k.
                    let floor = num >> k;
                    let ceil = -((-num) >> k);
                    (floor, ceil)
                }
            }
        }
    }
}

fn floor_ns(d: NumericDate) -> i128 {
    nanos_floor_ceil(d).0
}

fn ceil_ns(d: NumericDate) -> i128 {
    nanos_floor_ceil(d).1
}

/// `now < exp + leeway` is false: the token has expired.
pub(crate) fn is_expired(exp: NumericDate, now_ns: i128, leeway: u64) -> bool {
    // now ≥ exp + leeway ⇔ exp×10⁹ ≤ now_ns − leeway×10⁹ ⇔ ⌈exp×10⁹⌉ ≤ …
    ceil_ns(exp) <= now_ns - i128::from(leeway) * NANOS
}

/// `now + leeway ≥ nbf` is false: not valid yet.
pub(crate) fn is_not_yet_valid(nbf: NumericDate, now_ns: i128, leeway: u64) -> bool {
    // nbf×10⁹ ≤ now_ns + leeway×10⁹ ⇔ ⌈nbf×10⁹⌉ ≤ …
    ceil_ns(nbf) > now_ns + i128::from(leeway) * NANOS
}

/// `iat > now + leeway`: issued in the future.
pub(crate) fn is_issued_in_future(iat: NumericDate, now_ns: i128, leeway: u64) -> bool {
    // iat×10⁹ > B ⇔ ¬(iat×10⁹ ≤ B) ⇔ ⌈iat×10⁹⌉ > B
    ceil_ns(iat) > now_ns + i128::from(leeway) * NANOS
}

/// `now − iat > max_age + leeway`: too old.
pub(crate) fn is_too_old(iat: NumericDate, now_ns: i128, max_age: u64, leeway: u64) -> bool {
    // iat×10⁹ < now_ns − (max_age + leeway)×10⁹ ⇔ ⌊iat×10⁹⌋ < …
    let bound = now_ns - (i128::from(max_age) + i128::from(leeway)) * NANOS;
    floor_ns(iat) < bound
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

    #[test]
    fn floor_and_ceil_are_exact() {
        assert_eq!(nanos_floor_ceil(NumericDate::Float(1.5)), (1_500_000_000, 1_500_000_000));
        assert_eq!(nanos_floor_ceil(NumericDate::Float(-1.5)), (-1_500_000_000, -1_500_000_000));
        // 0.1 is slightly above 1/10 as an f64.
        assert_eq!(nanos_floor_ceil(NumericDate::Float(0.1)), (100_000_000, 100_000_001));
        assert_eq!(nanos_floor_ceil(NumericDate::Float(5e-324)), (0, 1));
        assert_eq!(nanos_floor_ceil(NumericDate::Float(-5e-324)), (-1, 0));
        assert_eq!(nanos_floor_ceil(NumericDate::Float(1e300)), (SATURATE, SATURATE));
        assert_eq!(nanos_floor_ceil(NumericDate::Float(-1e300)), (-SATURATE, -SATURATE));
        assert_eq!(nanos_floor_ceil(NumericDate::Float(0.0)), (0, 0));
        assert_eq!(nanos_floor_ceil(NumericDate::Float(-0.0)), (0, 0));
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
