"""PyJWT (`jwt.decode`; `jwt.PyJWS.decode` for opaque payloads)."""

from __future__ import annotations

from typing import Any

import jwt
from jwt import exceptions as E
from jwt.algorithms import get_default_algorithms

from protocol import Unsupported, check_algorithms, common_unsupported, frozen_clock, installed_version

LIBRARY = "PyJWT"


def version() -> str:
    return installed_version("PyJWT")


def map_error(exc: BaseException) -> str | None:
    """PyJWT's exceptions → the spec's kinds (the one place)."""
    msg = str(exc)
    if isinstance(exc, E.InvalidSignatureError):
        return "invalid_signature"
    if isinstance(exc, (E.InvalidKeyError, E.PyJWKError)):
        return "key_mismatch"
    if isinstance(exc, E.InvalidAlgorithmError):
        return "algorithm_not_allowed"
    if isinstance(exc, E.ExpiredSignatureError):
        return "expired"
    if isinstance(exc, E.ImmatureSignatureError):
        return "issued_in_future" if "(iat)" in msg else "not_yet_valid"
    if isinstance(exc, E.MissingRequiredClaimError):
        return "missing_claim"
    if isinstance(exc, E.InvalidAudienceError):
        return "invalid_claim" if "format" in msg or "must be" in msg else "audience_mismatch"
    if isinstance(exc, E.InvalidIssuerError):
        return "invalid_claim" if "format" in msg or "must be" in msg else "issuer_mismatch"
    if isinstance(exc, E.InvalidSubjectError):
        return "invalid_claim" if "must be" in msg else "subject_mismatch"
    if isinstance(exc, (E.InvalidIssuedAtError, E.InvalidJTIError)):
        return "invalid_claim"
    if isinstance(exc, E.DecodeError):
        if "exp" in msg or "nbf" in msg or "iat" in msg:
            return "invalid_claim"  # "Expiration Time claim (exp) must be an integer."
        return "malformed"
    if isinstance(exc, E.InvalidTokenError):
        if "crit" in msg.lower():
            return "unsupported_critical_header"
        if "Key ID" in msg:
            return "invalid_header"
        return None
    return None


def _key(jwk: dict[str, Any] | None) -> Any:
    if jwk is None:
        return None
    # PyJWK converts the JWK to the key object PyJWT verifies with; the raw
    # key (not the PyJWK) is passed so that the token's alg selects the
    # algorithm, as with a PEM or secret (a PyJWK pins one algorithm).
    return jwt.PyJWK(jwk).key


def verify(token: str, jwk: dict[str, Any] | None, v: dict[str, Any]) -> None:
    common_unsupported(v)
    if "max_age" in v:
        raise Unsupported("PyJWT has no max_age option")
    algs = check_algorithms(v, set(get_default_algorithms()), LIBRARY)
    # PyJWT's own minimum-key-length check (HMAC key ≥ hash size, RSA ≥ 2048
    # bits) is off by default; the spec requires it, and the library can
    # express it, so it is on.
    options = {"enforce_minimum_key_length": True}
    if v.get("payload") == "opaque":
        jwt.PyJWS(options=options).decode_complete(token, _key(jwk), algorithms=algs)
        return
    options.update({"require": list(v.get("required_claims", [])), "verify_aud": "audience" in v})
    kwargs: dict[str, Any] = {"algorithms": algs, "options": options, "leeway": v.get("leeway", 0)}
    if "audience" in v:
        kwargs["audience"] = v["audience"]
    if "issuer" in v:
        kwargs["issuer"] = v["issuer"]
    if "subject" in v:
        kwargs["subject"] = v["subject"]
    key = _key(jwk)
    # PyJWT reads datetime.now() and has no clock option: freeze it.
    with frozen_clock(v):
        jwt.decode(token, key, **kwargs)
