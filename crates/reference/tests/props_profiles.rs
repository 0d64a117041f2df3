//! Property tests of the profiles (`verification-rules.md`, "Profiles")
//! against the executable model in `model/`: bigone's nonce window,
//! voicegain's origin patterns, aspose's lifetime bound.

mod common;
mod model;

use std::sync::LazyLock;

use jwtproof_reference::{Clock, ErrorKind, Jwk, Profile, verify};
use model::{Bigone, Claim, Origin, Q, Timing};
use num_traits::{Signed, Zero};
use proptest::prelude::*;

const NS: i128 = 1_000_000_000;

static SECRET: LazyLock<Vec<u8>> = LazyLock::new(|| common::secret(&common::private_key("hs256")));
static KEY: LazyLock<Jwk> = LazyLock::new(|| common::oct_key(&SECRET));

fn int_string(q: &Q) -> String {
    q.to_integer().to_string()
}

// ---------------------------------------------------------------- bigone

fn bigone_reference(b: &Bigone, secret: &[u8], typ: &str) -> Result<(), ErrorKind> {
    let header = format!(r#"{{"alg":"HS256","typ":"{typ}"}}"#);
    let token = common::hs256_token(secret, &header, &b.payload());
    let v = common::validation(&["HS256"], b.clock).profile(Profile::Bigone);
    verify(&token, Some(&common::oct_key(secret)), &v).map(|_| ()).map_err(|e| e.kind())
}

/// A non-negative integer as a digit string, with some leading zeros.
fn digits(q: &Q, zeros: usize) -> Claim {
    Claim::Str(format!("{}{}", "0".repeat(zeros), int_string(q)))
}

fn pow2(k: u32) -> Q {
    model::int(2).pow(k as i32)
}

/// A window in seconds, including ones past u64 and i128.
fn window_value() -> BoxedStrategy<Q> {
    prop_oneof![
        3 => (0i128..=60).prop_map(model::int),
        1 => any::<u64>().prop_map(|u| model::int(i128::from(u))),
        1 => prop::sample::select(vec![0u32, 1, 30, 86_400]).prop_flat_map(|small| {
            prop::sample::select(vec![32u32, 63, 64, 96, 127, 128, 160]).prop_map(move |k| pow2(k) + model::int(i128::from(small)))
        }),
        1 => "[1-9][0-9]{19,44}".prop_map(|s| s.parse::<Q>().unwrap_or_default()),
    ]
    .boxed()
}

fn now_value() -> BoxedStrategy<i128> {
    prop_oneof![
        4 => 1_600_000_000 * NS..1_900_000_000 * NS,
        1 => 0i128..=100 * NS,
        1 => any::<i128>(),
        1 => prop::sample::select(vec![0, 1, i128::MAX, i128::MIN, i128::from(u64::MAX), i128::from(u64::MAX) + 1, i128::from(i64::MAX)]),
    ]
    .boxed()
}

/// An offset from `now` to the nonce, in ns, relative to the window.
fn nonce_offset(window_ns: Q) -> BoxedStrategy<Q> {
    let w = window_ns;
    let w2 = w.clone();
    prop_oneof![
        // At the edge: ±window, ±(window − 1), ±(window + 1).
        4 => (-1i128..=1, any::<bool>()).prop_map(move |(d, neg)| {
            let o = w.clone() + model::int(d);
            if neg { -o } else { o }
        }),
        2 => (-60 * NS..=60 * NS).prop_map(model::int),
        // Multiples of 2^64 and 2^128 that a wrapping implementation would fold away.
        2 => (prop::sample::select(vec![64u32, 128]), 1i128..=3, -1i128..=1, any::<bool>()).prop_map(move |(k, m, d, neg)| {
            let o = pow2(k) * model::int(m) + w2.clone() + model::int(d);
            if neg { -o } else { o }
        }),
        1 => any::<i128>().prop_map(model::int),
        1 => "[0-9]{20,45}".prop_map(|s| s.parse::<Q>().unwrap_or_default()),
    ]
    .boxed()
}

fn bad_digits() -> BoxedStrategy<Claim> {
    prop_oneof![
        Just(Claim::Str(String::new())),
        Just(Claim::Str("-5".to_owned())),
        Just(Claim::Str("+5".to_owned())),
        Just(Claim::Str(" 5".to_owned())),
        Just(Claim::Str("5 ".to_owned())),
        Just(Claim::Str("1e3".to_owned())),
        Just(Claim::Str("1.0".to_owned())),
        Just(Claim::Str("\u{0663}".to_owned())), // ARABIC-INDIC DIGIT THREE
        Just(Claim::Str("\u{FF15}".to_owned())), // FULLWIDTH DIGIT FIVE
        Just(Claim::Number("30".to_owned())),
        Just(Claim::Other("null".to_owned())),
        "[0-9]{0,5}[a-z:/ ][0-9]{0,5}".prop_map(Claim::Str),
    ]
    .boxed()
}

fn bigone_case() -> impl Strategy<Value = (Bigone, Q, Q)> {
    (now_value(), window_value(), any::<bool>(), 0usize..=25).prop_flat_map(|(now, window, seconds, zeros)| {
        let window_ns = window.clone() * model::billion();
        let clock = if seconds { Clock::Seconds(i64::try_from(now / NS).unwrap_or(0)) } else { Clock::Nanos(now) };
        let now_ns = model::now_seconds(clock) * model::billion();
        let type_ = prop_oneof![
            12 => Just(Some(Claim::Str("OpenAPIV2".to_owned()))),
            1 => Just(None),
            1 => Just(Some(Claim::Str("openapiv2".to_owned()))),
            1 => Just(Some(Claim::Number("2".to_owned()))),
        ];
        let sub =
            prop_oneof![12 => Just(Some(Claim::Str("user".to_owned()))), 1 => Just(None), 1 => Just(Some(Claim::Number("1".to_owned())))];
        let w = window.clone();
        let recv_window = prop_oneof![
            2 => Just(None),
            8 => (0usize..=25).prop_map(move |z| Some(digits(&w, z))),
            1 => bad_digits().prop_map(Some),
        ];
        let n = now_ns.clone();
        let nonce = prop_oneof![
            10 => nonce_offset(window_ns.clone()).prop_map(move |o| {
                let v = n.clone() + o;
                // Negative nonces cannot be written in digits: use the magnitude.
                Some(digits(&if v < Q::zero() { -v } else { v }, zeros))
            }),
            1 => Just(None),
            1 => bad_digits().prop_map(Some),
        ];
        let exp = prop::option::weighted(0.1, (-5i128..=5).prop_map(move |d| i64::try_from(now / NS + d).unwrap_or(0)));
        (type_, sub, nonce, recv_window, exp).prop_map(move |(type_, sub, nonce, recv_window, exp)| {
            (Bigone { type_, sub, nonce, recv_window, exp, clock }, now_ns.clone(), window.clone())
        })
    })
}

// ------------------------------------------------------------- voicegain

fn voicegain_reference(exp: Option<i64>, now: Clock, aud: Option<&[String]>, origin: Option<&Origin>) -> Result<(), ErrorKind> {
    let mut members = Vec::new();
    if let Some(exp) = exp {
        members.push(format!("\"exp\":{exp}"));
    }
    match aud {
        None => {}
        Some([one]) => members.push(format!("\"aud\":{}", serde_json::Value::from(one.as_str()))),
        Some(list) => members.push(format!("\"aud\":{}", serde_json::Value::from(list.to_vec()))),
    }
    let token = common::hs256_token(&SECRET, r#"{"alg":"HS256"}"#, &format!("{{{}}}", members.join(",")));
    let mut v = common::validation(&["HS256"], now).profile(Profile::Voicegain);
    if let Some(o) = origin {
        v = v.origin(o.header());
    }
    verify(&token, Some(&KEY), &v).map(|_| ()).map_err(|e| e.kind())
}

fn label() -> BoxedStrategy<String> {
    "[a-zA-Z0-9][a-zA-Z0-9-]{0,6}".boxed()
}

fn domain() -> BoxedStrategy<String> {
    prop::collection::vec(label(), 1..=4).prop_map(|l| l.join(".")).boxed()
}

/// Randomly re-cases an ASCII string.
fn recase(s: &str, mask: u64) -> String {
    s.chars().enumerate().map(|(i, c)| if mask >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
}

fn origin_for(host: String) -> BoxedStrategy<Origin> {
    (prop::option::of(prop::sample::select(vec!["http", "https", "HTTPS", "wss"])), prop::option::of(any::<u16>()), any::<u64>())
        .prop_map(move |(scheme, port, mask)| Origin { scheme: scheme.map(str::to_owned), host: recase(&host, mask), port, path: None })
        .boxed()
}

/// A pattern related to `host`: `*`, the host itself, `*.` + some suffix
/// of its labels (the whole host included), or something unrelated.
fn pattern_for(host: String) -> BoxedStrategy<String> {
    let labels: Vec<String> = host.split('.').map(str::to_owned).collect();
    let n = labels.len();
    let h = host.clone();
    prop_oneof![
        1 => Just("*".to_owned()),
        2 => any::<u64>().prop_map(move |m| recase(&h, m)),
        3 => (0..n, any::<u64>()).prop_map(move |(skip, m)| format!("*.{}", recase(&labels[skip..].join("."), m))),
        1 => domain().prop_map(|d| format!("*.{d}")),
        1 => domain(),
        1 => "[a-z.*-]{0,12}",
    ]
    .boxed()
}

fn voicegain_case() -> impl Strategy<Value = (Option<i64>, Clock, Option<Vec<String>>, Option<Origin>)> {
    (domain(), 1_600_000_000i64..1_900_000_000).prop_flat_map(|(host, now)| {
        let exp = prop_oneof![8 => (1i64..=3600).prop_map(move |d| Some(now + d)), 1 => Just(None), 1 => (-2i64..=0).prop_map(move |d| Some(now + d))];
        let aud = prop_oneof![1 => Just(None), 8 => prop::collection::vec(pattern_for(host.clone()), 1..=3).prop_map(Some)];
        let origin = prop_oneof![1 => Just(None), 6 => origin_for(host).prop_map(Some)];
        (exp, Just(Clock::Seconds(now)), aud, origin)
    })
}

// ---------------------------------------------------------------- aspose

fn aspose_reference(t: &Timing) -> Result<(), ErrorKind> {
    let token = common::hs256_token(&SECRET, r#"{"alg":"HS256"}"#, &format!("{{{}}}", t.members().join(",")));
    let mut v = common::validation(&["HS256"], t.clock).leeway(t.leeway).profile(Profile::Aspose);
    if let Some(m) = t.max_age {
        v = v.max_age(m);
    }
    verify(&token, Some(&KEY), &v).map(|_| ()).map_err(|e| e.kind())
}

/// `numerator / 2^bits` seconds as an exact decimal literal.
fn dyadic(numerator: i128, bits: u32) -> String {
    let q = model::int(numerator) / pow2(bits);
    let scaled = q.clone() * model::int(10).pow(bits as i32); // an integer
    let s = int_string(&scaled.abs());
    let bits = bits as usize;
    let padded = format!("{s:0>width$}", width = bits + 1);
    let (whole, frac) = padded.split_at(padded.len() - bits);
    let sign = if q < Q::zero() { "-" } else { "" };
    if bits == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{frac}") }
}

fn f64_literal() -> BoxedStrategy<String> {
    any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| format!("{f:?}")).boxed()
}

proptest! {
    #![proptest_config(common::config("proptest-regressions/props_profiles.txt", 1))]

    /// bigone: the reference agrees with the model for nonces and windows
    /// of any length (leading zeros, 20+ digits, past u64 and i128), near
    /// and exactly at the window's edge, with short secrets.
    #[test]
    fn bigone_matches_model(
        (case, _, _) in bigone_case(),
        secret in prop::collection::vec(any::<u8>(), 1..40),
        typ in prop::sample::select(vec!["JWT", "jwt", "application/jwt", "JOSE"]),
    ) {
        let want = if typ == "JOSE" { Err(ErrorKind::InvalidHeader) } else { model::check_bigone(&case) };
        prop_assert_eq!(bigone_reference(&case, &secret, typ), want, "{:?}", case);
    }

    /// bigone: `|now_ns − nonce| < recv_window × 10⁹` exactly, on both
    /// sides of now, for windows past u64 and i128.
    #[test]
    fn bigone_window_edge(window in window_value(), now in now_value(), side in any::<bool>(), zeros in 0usize..=3, default in any::<bool>()) {
        let window = if default { model::int(30) } else { window };
        let now_ns = model::int(now);
        let w = window.clone() * model::billion();
        let one = model::int(1);
        let mut case = Bigone {
            type_: Some(Claim::Str("OpenAPIV2".to_owned())),
            sub: Some(Claim::Str("s".to_owned())),
            nonce: None,
            recv_window: (!default).then(|| digits(&window, zeros)),
            exp: None,
            clock: Clock::Nanos(now),
        };
        for (distance, want) in [(w.clone(), Err(ErrorKind::NonceOutOfWindow)), (w.clone() - &one, Ok(())), (w + &one, Err(ErrorKind::NonceOutOfWindow))] {
            if distance < Q::zero() {
                continue;
            }
            let nonce = if side { now_ns.clone() + distance } else { now_ns.clone() - distance };
            if nonce < Q::zero() {
                continue;
            }
            case.nonce = Some(digits(&nonce, zeros));
            prop_assert_eq!(model::check_bigone(&case), want, "model: {:?}", case);
            prop_assert_eq!(bigone_reference(&case, b"s3cr3t", "JWT"), want, "{:?}", case);
        }
    }

    /// voicegain: the reference agrees with the model on origins (scheme,
    /// port and case varied) against exact, wildcard and unrelated patterns.
    #[test]
    fn voicegain_matches_model((exp, now, aud, origin) in voicegain_case()) {
        prop_assert_eq!(
            voicegain_reference(exp, now, aud.as_deref(), origin.as_ref()),
            model::check_voicegain(exp, now, aud.as_deref(), origin.as_ref()),
            "aud {:?} origin {:?}", aud, origin.as_ref().map(Origin::header)
        );
    }

    /// voicegain: `*.d` never admits `d` itself, whatever the case.
    #[test]
    fn voicegain_wildcard_never_matches_apex(d in domain(), m1 in any::<u64>(), origin in domain().prop_flat_map(origin_for)) {
        let origin = Origin { host: recase(&d, origin.port.map_or(0, u64::from) ^ m1.rotate_left(7)), ..origin };
        let aud = [format!("*.{}", recase(&d, m1))];
        prop_assert_eq!(voicegain_reference(Some(2_000_000_000), Clock::Seconds(1), Some(&aud), Some(&origin)), Err(ErrorKind::AudienceMismatch));
    }

    /// voicegain: `*.d` admits every deeper subdomain of `d`.
    #[test]
    fn voicegain_wildcard_matches_subdomains(d in domain(), sub in domain(), m1 in any::<u64>(), origin in domain().prop_flat_map(origin_for)) {
        let origin = Origin { host: format!("{sub}.{}", recase(&d, !m1)), ..origin };
        let aud = [format!("*.{}", recase(&d, m1))];
        prop_assert_eq!(voicegain_reference(Some(2_000_000_000), Clock::Seconds(1), Some(&aud), Some(&origin)), Ok(()));
    }

    /// voicegain: a host never matches a pattern (other than `*`) that it
    /// does not end with (case-insensitively, after the `*`).
    #[test]
    fn voicegain_no_match_without_suffix(host in "[a-zA-Z0-9.-]{1,20}", patterns in prop::collection::vec("[*]?[a-zA-Z0-9.*-]{0,12}", 1..=3), origin in domain().prop_flat_map(origin_for)) {
        let h = host.to_ascii_lowercase();
        prop_assume!(patterns.iter().all(|p| p != "*" && !h.ends_with(&p.trim_start_matches('*').to_ascii_lowercase())));
        let origin = Origin { host, ..origin };
        prop_assert_eq!(voicegain_reference(Some(2_000_000_000), Clock::Seconds(1), Some(&patterns), Some(&origin)), Err(ErrorKind::AudienceMismatch));
    }

    /// aspose: a lifetime of exactly 86 400 s is accepted and the smallest
    /// step beyond it (a 2^-bits fraction, in exact literals) is refused.
    #[test]
    fn aspose_lifetime_edge(iat_whole in prop_oneof![0i128..(1i128 << 31), -(1i128 << 31)..0], frac in any::<u32>(), bits in 0u32..=20, step in -1i128..=1, slack in 0i128..=1000) {
        let scale = 1i128 << bits;
        let iat = iat_whole * scale + i128::from(frac) % scale;
        let exp = iat + 86_400 * scale + step;
        // now between iat and exp: the generic time checks pass.
        let now = model::int(iat) / pow2(bits) + model::int(slack);
        let now_ns = (now * model::billion()).ceil().to_integer();
        let t = Timing {
            exp: Some(Claim::Number(dyadic(exp, bits))),
            nbf: None,
            iat: Some(Claim::Number(dyadic(iat, bits))),
            clock: Clock::Nanos(now_ns.to_string().parse().unwrap_or_default()),
            leeway: 0,
            max_age: None,
        };
        let want = if step > 0 { Err(ErrorKind::InvalidClaim) } else { Ok(()) };
        prop_assert_eq!(model::check_aspose(&t), want, "model: {:?}", t);
        prop_assert_eq!(aspose_reference(&t), want, "{:?}", t);
    }

    /// aspose: the reference agrees with the model for lifetimes around the
    /// bound (integers, decimals, arbitrary f64) and any clock.
    #[test]
    fn aspose_matches_model(
        iat in prop_oneof![(0i64..4_000_000_000).prop_map(|i| i.to_string()), f64_literal(), Just("1e308".to_owned())],
        life in prop_oneof![
            (86_399i64..=86_401).prop_map(|l| l.to_string()),
            (-2_000_000_000i128..=2_000_000_000).prop_map(|d| format!("86400.{:09}", d.unsigned_abs() % 1_000_000_000)),
            f64_literal(),
        ],
        missing in prop::sample::select(vec![None, Some("exp"), Some("iat")]),
        clock_offset in prop_oneof![-3i128..=86_403, any::<i64>().prop_map(i128::from)],
        leeway in prop_oneof![Just(0u64), 0u64..=3, any::<u64>()],
    ) {
        let iat_q = model::literal_value(&iat);
        let life_q = model::literal_value(&life);
        let (Some(iat_q), Some(life_q)) = (iat_q, life_q) else { return Err(TestCaseError::reject("not finite")) };
        // exp = iat + life, written exactly when that is an f64 or an integer, else as an f64 near it.
        let exp_q = iat_q.clone() + life_q;
        let exp = if exp_q.is_integer() && exp_q.abs() < pow2(63) {
            int_string(&exp_q)
        } else {
            use num_traits::ToPrimitive;
            format!("{:?}", exp_q.to_f64().unwrap_or(f64::MAX))
        };
        let now = int_string(&(iat_q.floor() + model::int(clock_offset)));
        let Ok(now) = now.parse::<i64>() else { return Err(TestCaseError::reject("clock out of range")) };
        let t = Timing {
            exp: (missing != Some("exp")).then_some(Claim::Number(exp)),
            nbf: None,
            iat: (missing != Some("iat")).then_some(Claim::Number(iat)),
            clock: Clock::Seconds(now),
            leeway,
            max_age: None,
        };
        prop_assert_eq!(aspose_reference(&t), model::check_aspose(&t), "{:?}", t);
    }
}
