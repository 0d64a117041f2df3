"""PyJWT (`jwt.decode`; `jwt.PyJWS.decode` for opaque payloads)."""

from __future__ import annotations

from typing import Any

import jwt
from jwt import exceptions as E
from jwt.algorithms import get_default_algorithms

from protocol import EXPECTED_CLAIMS, frozen_clock, kind_of, prelude

LIBRARY = "PyJWT"



def map_error(exc: BaseException) -> str | None:
    """PyJWT's exceptions → the spec's kinds (the one place)."""
    return kind_of(exc, _KINDS)


def _unless_claim_format(kind: str, format_words: tuple[str, ...]) -> Any:
    """`kind`, unless the message says the claim's format is wrong."""
    return lambda e: "invalid_claim" if any(w in str(e) for w in format_words) else kind


def _decode_error(exc: BaseException) -> str:
    msg = str(exc)
    if "exp" in msg or "nbf" in msg or "iat" in msg:
        return "invalid_claim"  # "Expiration Time claim (exp) must be an integer."
    return "malformed"


def _invalid_token(exc: BaseException) -> str | None:
    msg = str(exc)
    if "crit" in msg.lower():
        return "unsupported_critical_header"
    return "invalid_header" if "Key ID" in msg else None


_KINDS = (
    (E.InvalidSignatureError, "invalid_signature"),
    ((E.InvalidKeyError, E.PyJWKError), "key_mismatch"),
    (E.InvalidAlgorithmError, "algorithm_not_allowed"),
    (E.ExpiredSignatureError, "expired"),
    (E.ImmatureSignatureError, lambda e: "issued_in_future" if "(iat)" in str(e) else "not_yet_valid"),
    (E.MissingRequiredClaimError, "missing_claim"),
    (E.InvalidAudienceError, _unless_claim_format("audience_mismatch", ("format", "must be"))),
    (E.InvalidIssuerError, _unless_claim_format("issuer_mismatch", ("format", "must be"))),
    (E.InvalidSubjectError, _unless_claim_format("subject_mismatch", ("must be",))),
    ((E.InvalidIssuedAtError, E.InvalidJTIError), "invalid_claim"),
    (E.DecodeError, _decode_error),
    (E.InvalidTokenError, _invalid_token),
)


def _key(jwk: dict[str, Any] | None) -> Any:
    if jwk is None:
        return None
    # PyJWK converts the JWK to the key object PyJWT verifies with; the raw
    # key (not the PyJWK) is passed so that the token's alg selects the
    # algorithm, as with a PEM or secret (a PyJWK pins one algorithm).
    return jwt.PyJWK(jwk).key


def verify(token: str, jwk: dict[str, Any] | None, v: dict[str, Any]) -> None:
    algs = prelude(v, set(get_default_algorithms()), LIBRARY, "PyJWT has no max_age option")
    # PyJWT's own minimum-key-length check (HMAC key ≥ hash size, RSA ≥ 2048
    # bits) is off by default; the spec requires it, and the library can
    # express it, so it is on.
    options = {"enforce_minimum_key_length": True}
    if v.get("payload") == "opaque":
        jwt.PyJWS(options=options).decode_complete(token, _key(jwk), algorithms=algs)
        return
    options.update({"require": list(v.get("required_claims", [])), "verify_aud": "audience" in v})
    kwargs: dict[str, Any] = {"algorithms": algs, "options": options, "leeway": v.get("leeway", 0)}
    # PyJWT's keyword arguments are named as the settings.
    kwargs.update({name: v[name] for name in EXPECTED_CLAIMS if name in v})
    key = _key(jwk)
    # PyJWT reads datetime.now() and has no clock option: freeze it.
    with frozen_clock(v):
        jwt.decode(token, key, **kwargs)
