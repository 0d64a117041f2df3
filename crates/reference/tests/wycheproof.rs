//! Project Wycheproof's primitive vectors against the reference's signature
//! layer (spec step 7) through `jwtproof_reference::primitives`: every
//! `valid` case must verify, every `invalid` case must fail, `acceptable`
//! cases may go either way but must not panic.
//!
//! Only the primitives JWA uses are run, with JWA's parameters:
//! HMAC-SHA-256/384/512 at full tag length with keys at least as long as
//! the hash (shorter keys and truncated tags are skipped and counted; step 6
//! refuses such keys anyway), ECDSA P-256/P-384/P-521 in IEEE P1363 (raw
//! R||S) form with SHA-256/384/512, RSASSA-PKCS1-v1_5 and RSASSA-PSS (MGF1
//! with the same hash, salt as long as the hash) with SHA-256/384/512 and
//! moduli of 2048 bits and more, and Ed25519.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use jwtproof_reference::primitives::verify_signature;
use jwtproof_reference::{Algorithm, Jwk, base64url_encode as b64};
use serde_json::json;
use wycheproof::{HashFunction, TestResult};

#[derive(Default)]
struct Tally {
    valid: usize,
    invalid: usize,
    acceptable_accepted: usize,
    acceptable_rejected: usize,
    skipped: BTreeMap<String, usize>,
    failures: Vec<String>,
}

impl Tally {
    fn skip(&mut self, why: &str, n: usize) {
        *self.skipped.entry(why.to_owned()).or_default() += n;
    }

    #[allow(clippy::too_many_arguments, reason = "one Wycheproof case has this many fields")]
    fn run(&mut self, set: &str, jwk: &Jwk, alg: Algorithm, tc_id: usize, comment: &str, result: TestResult, msg: &[u8], sig: &[u8]) {
        let outcome = catch_unwind(AssertUnwindSafe(|| verify_signature(jwk, alg, msg, sig)));
        let ok = match outcome {
            Ok(ok) => ok,
            Err(_) => {
                self.failures.push(format!("{set} #{tc_id} ({comment}): panicked"));
                return;
            }
        };
        match result {
            TestResult::Valid if ok => self.valid += 1,
            TestResult::Invalid if !ok => self.invalid += 1,
            TestResult::Acceptable if ok => self.acceptable_accepted += 1,
            TestResult::Acceptable => self.acceptable_rejected += 1,
            TestResult::Valid => self.failures.push(format!("{set} #{tc_id} ({comment}): valid signature rejected")),
            TestResult::Invalid => self.failures.push(format!("{set} #{tc_id} ({comment}): invalid signature accepted")),
        }
    }

    fn report(&self, name: &str) {
        println!(
            "wycheproof {name}: valid passed {}, invalid rejected {}, acceptable accepted {} / rejected {}, failures {}",
            self.valid,
            self.invalid,
            self.acceptable_accepted,
            self.acceptable_rejected,
            self.failures.len()
        );
        for (why, n) in &self.skipped {
            println!("wycheproof {name}: skipped {n}: {why}");
        }
        for f in &self.failures {
            println!("wycheproof {name}: FAIL {f}");
        }
    }

    fn assert_clean(&self, name: &str) {
        self.report(name);
        assert!(
            self.failures.is_empty(),
            "{name}: {} Wycheproof failure(s), first: {}",
            self.failures.len(),
            self.failures.first().map_or("", String::as_str)
        );
        assert!(self.valid + self.invalid > 0, "{name}: no Wycheproof case ran");
    }
}

fn jwk(v: serde_json::Value) -> Jwk {
    Jwk::from_value(&v)
}

/// Minimal big-endian bytes (a base64urlUInt, RFC 7518 §2).
fn uint(bytes: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    if trimmed.is_empty() { vec![0] } else { trimmed }
}

fn hash_alg(family: &str, h: HashFunction) -> Option<Algorithm> {
    Some(match (family, h) {
        ("RS", HashFunction::Sha2_256) => Algorithm::RS256,
        ("RS", HashFunction::Sha2_384) => Algorithm::RS384,
        ("RS", HashFunction::Sha2_512) => Algorithm::RS512,
        ("PS", HashFunction::Sha2_256) => Algorithm::PS256,
        ("PS", HashFunction::Sha2_384) => Algorithm::PS384,
        ("PS", HashFunction::Sha2_512) => Algorithm::PS512,
        _ => return None,
    })
}

fn hash_len(h: HashFunction) -> Option<usize> {
    match h {
        HashFunction::Sha2_256 => Some(32),
        HashFunction::Sha2_384 => Some(48),
        HashFunction::Sha2_512 => Some(64),
        _ => None,
    }
}

#[test]
fn wycheproof_hmac() {
    use wycheproof::mac::{TestName, TestSet};
    let mut t = Tally::default();
    for (name, alg, bits) in [
        (TestName::HmacSha256, Algorithm::HS256, 256usize),
        (TestName::HmacSha384, Algorithm::HS384, 384),
        (TestName::HmacSha512, Algorithm::HS512, 512),
    ] {
        let set = TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e:?}"));
        for g in &set.test_groups {
            if g.tag_size != bits {
                t.skip("HMAC truncated tag (tagSize below the hash size; JWA compares full-length tags)", g.tests.len());
                continue;
            }
            if g.key_size < bits {
                t.skip("HMAC key shorter than the hash output (refused at step 6, RFC 7518 §3.2)", g.tests.len());
                continue;
            }
            for tc in &g.tests {
                let key = jwk(json!({"kty":"oct","k":b64(&tc.key)}));
                t.run(&format!("{name:?}"), &key, alg, tc.tc_id, &tc.comment, tc.result, &tc.msg, &tc.tag);
            }
        }
    }
    t.assert_clean("HMAC-SHA-2");
}

#[test]
fn wycheproof_ecdsa_p1363() {
    use wycheproof::ecdsa::{TestName, TestSet};
    let mut t = Tally::default();
    for (name, alg, crv, size, hash) in [
        (TestName::EcdsaSecp256r1Sha256P1363, Algorithm::ES256, "P-256", 32usize, HashFunction::Sha2_256),
        (TestName::EcdsaSecp384r1Sha384P1363, Algorithm::ES384, "P-384", 48, HashFunction::Sha2_384),
        (TestName::EcdsaSecp521r1Sha512P1363, Algorithm::ES512, "P-521", 66, HashFunction::Sha2_512),
    ] {
        let set = TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e:?}"));
        for g in &set.test_groups {
            if g.hash != hash {
                t.skip("ECDSA group with a hash other than the one JWA pairs with the curve", g.tests.len());
                continue;
            }
            let point: &[u8] = &g.key.key;
            if point.len() != 1 + 2 * size || point.first() != Some(&4) {
                t.skip("ECDSA key not an uncompressed point of the field size", g.tests.len());
                continue;
            }
            let x = point.get(1..1 + size).unwrap_or_default();
            let y = point.get(1 + size..).unwrap_or_default();
            let key = jwk(json!({"kty":"EC","crv":crv,"x":b64(x),"y":b64(y)}));
            for tc in &g.tests {
                t.run(&format!("{name:?}"), &key, alg, tc.tc_id, &tc.comment, tc.result, &tc.msg, &tc.sig);
            }
        }
    }
    t.assert_clean("ECDSA-P1363");
}

/// One Wycheproof RSA group (PKCS#1 v1.5 or PSS: the same fields, two
/// types): moduli under 2048 bits are refused at step 6, so skipped; the
/// rest run against the group's key.
macro_rules! rsa_group {
    ($t:expr, $name:expr, $alg:expr, $g:expr) => {
        if $g.key_size < 2048 {
            $t.skip("RSA modulus under 2048 bits (refused at step 6)", $g.tests.len());
            continue;
        }
        let key = jwk(json!({"kty":"RSA","n":b64(&uint(&$g.key.n)),"e":b64(&uint(&$g.key.e))}));
        for tc in &$g.tests {
            $t.run(&format!("{:?}", $name), &key, $alg, tc.tc_id, &tc.comment, tc.result, &tc.msg, &tc.sig);
        }
    };
}

#[test]
fn wycheproof_rsa_pkcs1() {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    let mut t = Tally::default();
    for name in [
        TestName::Rsa2048Sha256,
        TestName::Rsa2048Sha384,
        TestName::Rsa2048Sha512,
        TestName::Rsa3072Sha256,
        TestName::Rsa3072Sha384,
        TestName::Rsa3072Sha512,
        TestName::Rsa4096Sha256,
        TestName::Rsa4096Sha384,
        TestName::Rsa4096Sha512,
        TestName::Rsa8192Sha256,
        TestName::Rsa8192Sha384,
        TestName::Rsa8192Sha512,
    ] {
        let set = TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e:?}"));
        for g in &set.test_groups {
            let Some(alg) = hash_alg("RS", g.hash) else {
                t.skip("RSASSA-PKCS1-v1_5 with a hash JWA does not use", g.tests.len());
                continue;
            };
            rsa_group!(t, name, alg, g);
        }
    }
    t.assert_clean("RSASSA-PKCS1-v1_5");
}

#[test]
fn wycheproof_rsa_pss() {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    let mut t = Tally::default();
    for name in [
        TestName::RsaPss2048Sha256Mgf1SaltLen32,
        TestName::RsaPss2048Sha384Mgf1SaltLen48,
        TestName::RsaPss3072Sha256Mgf1SaltLen32,
        TestName::RsaPss4096Sha256Mgf1SaltLen32,
        TestName::RsaPss4096Sha384Mgf1SaltLen48,
        TestName::RsaPss4096Sha512Mgf1SaltLen64,
        TestName::RsaPssmisc,
    ] {
        let set = TestSet::load(name).unwrap_or_else(|e| panic!("{name:?}: {e:?}"));
        for g in &set.test_groups {
            let Some(alg) = hash_alg("PS", g.hash) else {
                t.skip("RSASSA-PSS with a hash JWA does not use", g.tests.len());
                continue;
            };
            if g.mgf_hash != Some(g.hash) {
                t.skip("RSASSA-PSS with an MGF1 hash other than the message hash", g.tests.len());
                continue;
            }
            if Some(g.salt_size) != hash_len(g.hash) {
                t.skip("RSASSA-PSS with a salt length other than the hash length (RFC 7518 §3.5)", g.tests.len());
                continue;
            }
            rsa_group!(t, name, alg, g);
        }
    }
    t.assert_clean("RSASSA-PSS");
}

#[test]
fn wycheproof_ed25519() {
    use wycheproof::eddsa::{TestName, TestSet};
    let mut t = Tally::default();
    let set = TestSet::load(TestName::Ed25519).unwrap_or_else(|e| panic!("Ed25519: {e:?}"));
    for g in &set.test_groups {
        let key = jwk(json!({"kty":"OKP","crv":"Ed25519","x":b64(&g.key.pk)}));
        for tc in &g.tests {
            t.run("Ed25519", &key, Algorithm::EdDSA, tc.tc_id, &tc.comment, tc.result, &tc.msg, &tc.sig);
        }
    }
    t.assert_clean("Ed25519");
}
