"""jwcrypto (`jwcrypto.jwt.JWT`; `jwcrypto.jws.JWS` for opaque payloads)."""

from __future__ import annotations

from typing import Any

from jwcrypto import common, jwk, jws, jwt
from jwcrypto.jwa import JWA

from protocol import Unsupported, expected_values, frozen_clock, kind_of, prelude

LIBRARY = "jwcrypto"



def map_error(exc: BaseException) -> str | None:
    """jwcrypto's exceptions → the spec's kinds (the one place)."""
    return kind_of(exc, _KINDS)


def _invalid_claim_value(exc: BaseException) -> str:
    msg = str(exc)
    for claim, kind in (("'aud'", "audience_mismatch"), ("'iss'", "issuer_mismatch"), ("'sub'", "subject_mismatch")):
        if claim in msg:
            return kind
    return "invalid_claim"


def _invalid_signature(exc: BaseException) -> str:
    # jwcrypto wraps every verification failure in InvalidJWSSignature;
    # the cause says which.
    cause = str(getattr(exc, "exception", "") or "")
    if "not allowed" in cause or "not allowed" in str(exc):
        return "algorithm_not_allowed"
    if "crit" in cause.lower():
        return "unsupported_critical_header"
    return "invalid_signature"


_KEY_ERRORS = (jwk.InvalidJWKType, jwk.InvalidJWKValue, jwk.InvalidJWKUsage, jwk.InvalidJWKOperation, common.JWKeyNotFound)

_KINDS = (
    (jwt.JWTExpired, "expired"),
    (jwt.JWTNotYetValid, "not_yet_valid"),
    (jwt.JWTMissingClaim, "missing_claim"),
    (jwt.JWTInvalidClaimFormat, lambda e: "malformed" if "not a json" in str(e) else "invalid_claim"),
    (jwt.JWTInvalidClaimValue, _invalid_claim_value),
    (_KEY_ERRORS, "key_mismatch"),
    (jws.InvalidJWSSignature, _invalid_signature),
    (common.InvalidJWAAlgorithm, "algorithm_not_allowed"),
    (jws.InvalidJWSObject, "malformed"),
    (jws.InvalidJWSOperation, None),
    ((ValueError, UnicodeDecodeError), "malformed"),
)


def verify(token: str, key: dict[str, Any] | None, v: dict[str, Any]) -> None:
    algs = prelude(v, set(JWA.algorithms_registry), LIBRARY, "jwcrypto has no max_age option")
    if key is None:
        # JWT(jwt=…, key=None) and JWS.deserialize(…, key=None) only parse:
        # jwcrypto has no way to be asked to verify without a key.
        raise Unsupported("jwcrypto only parses (does not verify) when given no key")
    k = jwk.JWK(**key)
    if v.get("payload") == "opaque":
        obj = jws.JWS()
        obj.allowed_algs = algs
        obj.deserialize(token)
        obj.verify(k)
        return
    # jwcrypto: with check_claims absent it checks exp/nbf when present;
    # once check_claims is given, it checks exactly the claims it lists
    # (listing one makes it required). So it is given only what the case
    # asks for.
    check: dict[str, Any] | None = None
    wanted = {c: None for c in v.get("required_claims", [])}
    wanted.update(expected_values(v))
    if wanted:
        check = wanted
    t = jwt.JWT(algs=algs, check_claims=check, expected_type="JWS")
    t.leeway = v.get("leeway", 0)  # the library's default is 60
    # jwcrypto reads time.time() and has no clock option: freeze it.
    with frozen_clock(v):
        t.deserialize(token, k)
