//! Property tests of the claim timing rules (`verification-rules.md` §11)
//! against the executable model in `model/`. Every case is a real HS256
//! token verified by `jwtproof_reference::verify`.

mod common;
mod model;

use std::sync::LazyLock;

use jwtproof_reference::{Clock, ErrorKind, Jwk, verify};
use model::{Claim, Q, Timing};
use num_traits::ToPrimitive;
use proptest::prelude::*;

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const NS: i128 = 1_000_000_000;

static SECRET: LazyLock<Vec<u8>> = LazyLock::new(|| common::secret(&common::private_key("hs256")));
static KEY: LazyLock<Jwk> = LazyLock::new(|| common::oct_key(&SECRET));

/// Signs the timing claims and runs the reference.
fn reference(t: &Timing) -> Result<(), ErrorKind> {
    let payload = format!("{{{}}}", t.members().join(","));
    let token = common::hs256_token(&SECRET, HEADER, &payload);
    let mut v = common::validation(&["HS256"], t.clock).leeway(t.leeway);
    if let Some(m) = t.max_age {
        v = v.max_age(m);
    }
    verify(&token, Some(&KEY), &v).map(|_| ()).map_err(|e| e.kind())
}

fn now_ns(clock: Clock) -> i128 {
    match clock {
        Clock::Seconds(s) => i128::from(s) * NS,
        Clock::Nanos(n) => n,
    }
}

fn num(lit: impl ToString) -> Claim {
    Claim::Number(lit.to_string())
}

/// `v` nanoseconds as an exact decimal literal of seconds (`-12.000000500`).
fn decimal_ns(v: i128) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    format!("{sign}{}.{:09}", a / 1_000_000_000, a % 1_000_000_000)
}

/// `whole + frac / 2^bits` as an exact decimal literal (bits ≤ 9).
fn dyadic_literal(whole: i128, frac: u32, bits: u32) -> (String, i128) {
    let frac = i128::from(frac % (1 << bits));
    let total = whole * (1 << bits) + frac; // value × 2^bits
    let ns = total * NS / (1 << bits); // exact: 10⁹ is divisible by 2^9
    (decimal_ns(ns), ns)
}

const EDGE_LITERALS: &[&str] = &[
    "0",
    "-0",
    "0.0",
    "-0.0",
    "1",
    "-1",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "9007199254740992",
    "9007199254740993",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "-1.7976931348623157e308",
    "5e-324",
    "-5e-324",
    "1e-400",
    "1e400",
    "-1e400",
    "1e-9",
    "0.999999999",
    "0.1",
    "1E3",
    "1e+3",
    "170141183460469231731687303715884105727",
    "1.7014118346046923e38",
    "-1.7014118346046923e38",
    "1.329227995784916e36",
    "123456789012345678901234567890",
];

fn base() -> BoxedStrategy<i64> {
    prop_oneof![
        4 => 0i64..4_000_000_000,
        1 => -100i64..100,
        1 => any::<i64>(),
        1 => prop::sample::select(vec![
            i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1, 1 << 53, -(1 << 53),
            // i64 nanoseconds end here (as seconds).
            9_223_372_036, -9_223_372_036,
        ]),
    ]
    .boxed()
}

fn float_literal() -> BoxedStrategy<String> {
    let f = any::<f64>().prop_filter("finite", |f| f.is_finite());
    prop_oneof![f.clone().prop_map(|f| format!("{f:?}")), f.clone().prop_map(|f| format!("{f}")), f.prop_map(|f| format!("{f:e}")),].boxed()
}

/// A number literal, usually near `base` seconds.
fn number_near(base: i64) -> BoxedStrategy<String> {
    let b = i128::from(base);
    prop_oneof![
        3 => (-3i128..=3).prop_map(move |d| (b + d).to_string()),
        3 => (-3 * NS..=3 * NS).prop_map(move |d| decimal_ns(b * NS + d)),
        2 => (-3i128..=3, any::<u32>(), 0u32..=9).prop_map(move |(d, f, bits)| dyadic_literal(b + d, f, bits).0),
        1 => (-3.0f64..3.0).prop_map(move |d| format!("{:?}", base as f64 + d)),
        1 => float_literal(),
        1 => prop::sample::select(EDGE_LITERALS).prop_map(str::to_owned),
        1 => any::<i64>().prop_map(|i| i.to_string()),
        1 => any::<u64>().prop_map(|u| u.to_string()),
    ]
    .boxed()
}

fn non_number() -> BoxedStrategy<Claim> {
    prop_oneof![
        Just(Claim::Other("null".to_owned())),
        Just(Claim::Other("true".to_owned())),
        Just(Claim::Other("[1700000000]".to_owned())),
        Just(Claim::Other("{}".to_owned())),
        "[0-9.e-]{0,12}".prop_map(Claim::Str),
    ]
    .boxed()
}

fn time_claim(base: i64) -> BoxedStrategy<Option<Claim>> {
    prop_oneof![
        3 => Just(None),
        12 => number_near(base).prop_map(|l| Some(Claim::Number(l))),
        1 => non_number().prop_map(Some),
    ]
    .boxed()
}

fn clock_near(base: i64) -> BoxedStrategy<Clock> {
    let b = i128::from(base);
    prop_oneof![
        3 => (-3i64..=3).prop_map(move |d| Clock::Seconds(base.saturating_add(d))),
        4 => (-3 * NS..=3 * NS).prop_map(move |d| Clock::Nanos(b * NS + d)),
        1 => any::<i64>().prop_map(Clock::Seconds),
        1 => any::<i128>().prop_map(Clock::Nanos),
        1 => prop::sample::select(vec![
            i128::MIN, i128::MIN + 1, i128::MAX, i128::MAX - 1, 0, -1, 1,
            1 << 120, -(1 << 120), (1 << 126) + 7, -(1 << 126) - 7,
        ]).prop_map(Clock::Nanos),
    ]
    .boxed()
}

fn seconds_setting() -> BoxedStrategy<u64> {
    prop_oneof![
        3 => Just(0u64),
        3 => 0u64..=5,
        1 => any::<u64>(),
        1 => prop::sample::select(vec![u64::MAX, u64::MAX - 1, 1 << 63, 86_400, 1 << 40]),
    ]
    .boxed()
}

fn timing() -> impl Strategy<Value = Timing> {
    base().prop_flat_map(|b| {
        (time_claim(b), time_claim(b), time_claim(b), clock_near(b), seconds_setting(), prop::option::weighted(0.3, seconds_setting()))
            .prop_map(|(exp, nbf, iat, clock, leeway, max_age)| Timing { exp, nbf, iat, clock, leeway, max_age })
    })
}

/// A claim's exact value (the claim must be a finite number).
fn value(c: &Option<Claim>) -> Option<Q> {
    match c {
        Some(Claim::Number(lit)) => model::literal_value(lit),
        _ => None,
    }
}

fn ceil_i128(q: &Q) -> Option<i128> {
    q.ceil().to_integer().to_i128()
}

fn at(t: &Timing, ns: i128) -> Timing {
    Timing { clock: Clock::Nanos(ns), ..t.clone() }
}

/// `lo + ⌊(hi − lo) × pick / 2^64⌋`: some instant in [lo, hi].
fn between(lo: i128, hi: i128, pick: u64) -> i128 {
    let offset = (model::int(hi) - model::int(lo)) * model::int(i128::from(pick)) / model::int(1i128 << 64);
    lo + offset.floor().to_integer().to_i128().unwrap_or(0)
}

proptest! {
    #![proptest_config(common::config("proptest-regressions/props_timing.txt", 1))]

    /// The reference agrees with the model on every combination of
    /// exp/nbf/iat literals, clocks (seconds or ns), leeway and max_age.
    #[test]
    fn reference_matches_model(t in timing()) {
        prop_assert_eq!(reference(&t), model::check_timing(&t), "{:?}", t);
    }

    /// A token valid at `now` (exp and nbf only) is valid at every instant
    /// in [nbf − leeway, exp + leeway), and invalid just outside it.
    #[test]
    fn validity_window_is_an_interval(
        (exp, nbf, clock) in base().prop_flat_map(|b| (number_near(b), number_near(b), clock_near(b))),
        leeway in seconds_setting(),
        pick in any::<u64>(),
    ) {
        let t = Timing { exp: Some(Claim::Number(exp)), nbf: Some(Claim::Number(nbf)), iat: None, clock, leeway, max_age: None };
        prop_assume!(reference(&t).is_ok());
        let (Some(exp), Some(nbf)) = (value(&t.exp), value(&t.nbf)) else { return Err(TestCaseError::reject("not finite")) };
        let l = model::int(i128::from(leeway));
        // First and last valid nanosecond.
        let lo = ceil_i128(&((nbf - &l) * model::billion()));
        let hi = ceil_i128(&((exp + &l) * model::billion())).and_then(|c| c.checked_sub(1));
        let now = now_ns(clock);
        if let Some(lo) = lo {
            prop_assert!(lo <= now);
            prop_assert_eq!(reference(&at(&t, lo)), Ok(()));
            if let Some(before) = lo.checked_sub(1) {
                prop_assert_eq!(reference(&at(&t, before)), Err(ErrorKind::NotYetValid));
            }
            // Any instant between lo and now.
            let mid = between(lo, now, pick);
            prop_assert_eq!(reference(&at(&t, mid)), Ok(()));
        }
        if let Some(hi) = hi {
            prop_assert!(now <= hi);
            prop_assert_eq!(reference(&at(&t, hi)), Ok(()));
            if let Some(after) = hi.checked_add(1) {
                prop_assert_eq!(reference(&at(&t, after)), Err(ErrorKind::Expired));
            }
            let mid = between(now, hi, pick);
            prop_assert_eq!(reference(&at(&t, mid)), Ok(()));
        }
    }

    /// Expired stays expired later; not-yet-valid stays so earlier; a token
    /// issued in the future is, earlier, still refused for nbf or iat.
    #[test]
    fn verdicts_are_monotonic_in_time(t in timing(), shift in prop_oneof![0i128..=3 * NS, 0i128..=i128::from(u64::MAX)]) {
        let now = now_ns(t.clock);
        let verdict = reference(&t);
        if let Some(later) = now.checked_add(shift) {
            if verdict == Err(ErrorKind::Expired) {
                prop_assert_eq!(reference(&at(&t, later)), Err(ErrorKind::Expired));
            }
        }
        if let Some(earlier) = now.checked_sub(shift) {
            match verdict {
                Err(ErrorKind::NotYetValid) => prop_assert_eq!(reference(&at(&t, earlier)), Err(ErrorKind::NotYetValid)),
                Err(ErrorKind::IssuedInFuture) => {
                    let e = reference(&at(&t, earlier));
                    prop_assert!(e == Err(ErrorKind::NotYetValid) || e == Err(ErrorKind::IssuedInFuture), "{:?}", e);
                }
                _ => {}
            }
        }
    }

    /// More leeway never turns a valid token invalid.
    #[test]
    fn leeway_widens_never_narrows(t in timing(), extra in seconds_setting()) {
        prop_assume!(reference(&t).is_ok());
        let wider = Timing { leeway: t.leeway.saturating_add(extra), ..t.clone() };
        prop_assert_eq!(reference(&wider), Ok(()));
    }

    /// Leeway is applied once: for a lone exp it is the clock moved back by
    /// the leeway, for a lone nbf or iat the clock moved forward, and for
    /// max_age it adds to max_age.
    #[test]
    fn leeway_is_applied_once(
        (claim, clock) in base().prop_flat_map(|b| (number_near(b), clock_near(b))),
        which in 0usize..4,
        leeway in prop_oneof![0u64..=5, any::<u64>()],
        max_age in prop_oneof![0u64..=5, any::<u64>()],
    ) {
        let now = now_ns(clock);
        let l = i128::from(leeway) * NS;
        let c = Some(Claim::Number(claim));
        let none = Timing { exp: None, nbf: None, iat: None, clock, leeway, max_age: None };
        let (with, without) = match which {
            0 => (Timing { exp: c, ..none }, now.checked_sub(l)),
            1 => (Timing { nbf: c, ..none }, now.checked_add(l)),
            2 => (Timing { iat: c, ..none }, now.checked_add(l)),
            _ => {
                // iat in the past at both leeways: only the max_age rule differs.
                prop_assume!(value(&c).is_some_and(|v| v <= model::now_seconds(clock)));
                prop_assume!(max_age.checked_add(leeway).is_some());
                let with = Timing { iat: c.clone(), max_age: Some(max_age), ..none.clone() };
                let without = Timing { iat: c, max_age: Some(max_age + leeway), leeway: 0, ..none };
                prop_assert_eq!(reference(&with), reference(&without));
                return Ok(());
            }
        };
        let Some(shifted) = without else { return Err(TestCaseError::reject("clock overflow")) };
        prop_assert_eq!(reference(&with), reference(&Timing { leeway: 0, clock: Clock::Nanos(shifted), ..with.clone() }));
    }

    /// Exactly at each edge, in seconds and in nanoseconds: `now == exp +
    /// leeway` is expired, one ns earlier is valid; `now + leeway == nbf`
    /// (or `iat`) is valid, one ns earlier is not; `now − iat == max_age +
    /// leeway` is valid, one ns later is expired.
    #[test]
    fn exact_boundaries(
        whole in prop_oneof![-(1i128 << 40)..(1i128 << 40), 1_600_000_000i128..1_800_000_000],
        frac in any::<u32>(),
        bits in 0u32..=9,
        leeway in 0u64..=3,
        max_age in 0u64..=3,
    ) {
        let (lit, t_ns) = dyadic_literal(whole, frac, bits);
        let l = i128::from(leeway) * NS;
        let m = i128::from(max_age) * NS;
        let none = Timing { exp: None, nbf: None, iat: None, clock: Clock::Seconds(0), leeway, max_age: None };
        let c = Some(num(&lit));
        let exp = Timing { exp: c.clone(), ..none.clone() };
        let nbf = Timing { nbf: c.clone(), ..none.clone() };
        let iat = Timing { iat: c.clone(), ..none.clone() };
        let aged = Timing { iat: c, max_age: Some(max_age), ..none };
        let cases = [
            (at(&exp, t_ns + l - 1), Ok(())),
            (at(&exp, t_ns + l), Err(ErrorKind::Expired)),
            (at(&nbf, t_ns - l), Ok(())),
            (at(&nbf, t_ns - l - 1), Err(ErrorKind::NotYetValid)),
            (at(&iat, t_ns - l), Ok(())),
            (at(&iat, t_ns - l - 1), Err(ErrorKind::IssuedInFuture)),
            (at(&aged, t_ns + m + l), Ok(())),
            (at(&aged, t_ns + m + l + 1), Err(ErrorKind::Expired)),
        ];
        for (case, want) in cases {
            prop_assert_eq!(model::check_timing(&case), want, "model: {:?}", case);
            prop_assert_eq!(reference(&case), want, "{:?}", case);
            // The same edge with the clock in whole seconds, when it is one.
            let ns = now_ns(case.clock);
            if ns % NS == 0 {
                if let Ok(s) = i64::try_from(ns / NS) {
                    prop_assert_eq!(reference(&Timing { clock: Clock::Seconds(s), ..case.clone() }), want, "{:?} in seconds", case);
                }
            }
        }
    }

    /// When several checks fail, the first in the spec's order decides:
    /// claim type (9), missing iat (10), exp, nbf, iat in the future, age (11).
    #[test]
    fn first_failing_check_decides(
        now in 0i64..4_000_000_000,
        leeway in 0u64..=3,
        max_age in 0u64..=3,
        delta in 0i64..=3,
        failing in prop::collection::vec(any::<bool>(), 6),
        bad_claim in 0usize..3,
        bad in non_number(),
    ) {
        let (n, l, m, d) = (now, leeway as i64, max_age as i64, delta);
        let [bad_type, missing_iat, exp_fails, nbf_fails, future_fails, old_fails]: [bool; 6] = failing.try_into().unwrap_or_default();
        let old_fails = old_fails && !future_fails;
        let mut t = Timing {
            exp: Some(num(if exp_fails { n - l - d } else { n + 1 + d })),
            nbf: Some(num(if nbf_fails { n + l + 1 + d } else { n - d })),
            iat: Some(num(if future_fails { n + l + 1 + d } else if old_fails { n - m - l - 1 - d } else { n - d.min(m) })),
            clock: Clock::Seconds(n),
            leeway,
            max_age: (old_fails || missing_iat).then_some(max_age),
        };
        if missing_iat {
            t.iat = None;
        }
        if bad_type {
            *[&mut t.exp, &mut t.nbf, &mut t.iat][bad_claim] = Some(bad);
        }
        let expected = if bad_type {
            Err(ErrorKind::InvalidClaim)
        } else if missing_iat {
            Err(ErrorKind::MissingClaim)
        } else if exp_fails {
            Err(ErrorKind::Expired)
        } else if nbf_fails {
            Err(ErrorKind::NotYetValid)
        } else if future_fails {
            Err(ErrorKind::IssuedInFuture)
        } else if old_fails {
            Err(ErrorKind::Expired)
        } else {
            Ok(())
        };
        prop_assert_eq!(model::check_timing(&t), expected, "model: {:?}", t);
        prop_assert_eq!(reference(&t), expected, "{:?}", t);
    }
}
