"""jwcrypto (`jwcrypto.jwt.JWT`; `jwcrypto.jws.JWS` for opaque payloads)."""

from __future__ import annotations

from typing import Any

from jwcrypto import common, jwk, jws, jwt
from jwcrypto.jwa import JWA

from protocol import Unsupported, check_algorithms, common_unsupported, frozen_clock, installed_version

LIBRARY = "jwcrypto"


def version() -> str:
    return installed_version("jwcrypto")


def map_error(exc: BaseException) -> str | None:
    """jwcrypto's exceptions → the spec's kinds (the one place)."""
    msg = str(exc)
    if isinstance(exc, jwt.JWTExpired):
        return "expired"
    if isinstance(exc, jwt.JWTNotYetValid):
        return "not_yet_valid"
    if isinstance(exc, jwt.JWTMissingClaim):
        return "missing_claim"
    if isinstance(exc, jwt.JWTInvalidClaimFormat):
        return "malformed" if "not a json" in msg else "invalid_claim"
    if isinstance(exc, jwt.JWTInvalidClaimValue):
        for claim, kind in (("'aud'", "audience_mismatch"), ("'iss'", "issuer_mismatch"), ("'sub'", "subject_mismatch")):
            if claim in msg:
                return kind
        return "invalid_claim"
    if isinstance(exc, (jwk.InvalidJWKType, jwk.InvalidJWKValue, jwk.InvalidJWKUsage, jwk.InvalidJWKOperation, common.JWKeyNotFound)):
        return "key_mismatch"
    if isinstance(exc, jws.InvalidJWSSignature):
        # jwcrypto wraps every verification failure in InvalidJWSSignature;
        # the cause says which.
        cause = str(getattr(exc, "exception", "") or "")
        if "not allowed" in cause or "not allowed" in msg:
            return "algorithm_not_allowed"
        if "crit" in cause.lower():
            return "unsupported_critical_header"
        return "invalid_signature"
    if isinstance(exc, common.InvalidJWAAlgorithm):
        return "algorithm_not_allowed"
    if isinstance(exc, jws.InvalidJWSObject):
        return "malformed"
    if isinstance(exc, jws.InvalidJWSOperation):
        return None
    if isinstance(exc, (ValueError, UnicodeDecodeError)):
        return "malformed"
    return None


def verify(token: str, key: dict[str, Any] | None, v: dict[str, Any]) -> None:
    common_unsupported(v)
    if "max_age" in v:
        raise Unsupported("jwcrypto has no max_age option")
    algs = check_algorithms(v, set(JWA.algorithms_registry), LIBRARY)
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
    if "audience" in v:
        wanted["aud"] = list(v["audience"])
    if "issuer" in v:
        wanted["iss"] = v["issuer"]
    if "subject" in v:
        wanted["sub"] = v["subject"]
    if wanted:
        check = wanted
    t = jwt.JWT(algs=algs, check_claims=check, expected_type="JWS")
    t.leeway = v.get("leeway", 0)  # the library's default is 60
    # jwcrypto reads time.time() and has no clock option: freeze it.
    with frozen_clock(v):
        t.deserialize(token, k)
