"""Authlib (`authlib.jose.JsonWebToken.decode` + `JWTClaims.validate`;
`JsonWebSignature.deserialize_compact` for opaque payloads).

authlib.jose is deprecated in favour of joserfc but still shipped and used."""

from __future__ import annotations

import warnings
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from authlib.jose import JsonWebKey, JsonWebSignature, JsonWebToken
    from authlib.jose import errors as E

from protocol import CLAIM_MISMATCH, expected_values, kind_of, now_seconds, prelude

LIBRARY = "Authlib"



def map_error(exc: BaseException) -> str | None:
    """Authlib's exceptions → the spec's kinds (the one place)."""
    return kind_of(exc, _KINDS)


_KINDS = (
    (E.BadSignatureError, "invalid_signature"),
    ((E.UnsupportedAlgorithmError, E.MissingAlgorithmError), "algorithm_not_allowed"),
    (E.InvalidCritHeaderParameterNameError, "unsupported_critical_header"),
    (E.InvalidHeaderParameterNameError, "invalid_header"),
    ((E.KeyMismatchError, E.InvalidUseError), "key_mismatch"),
    (E.ExpiredTokenError, "expired"),
    (E.MissingClaimError, "missing_claim"),
    (E.InvalidClaimError, lambda e: CLAIM_MISMATCH.get(getattr(e, "claim_name", "") or "", "invalid_claim")),
    # validate_nbf / validate_iat raise the bare InvalidTokenError.
    (E.InvalidTokenError, lambda e: "issued_in_future" if "iat" in str(e) or "future" in str(e).lower() else "not_yet_valid"),
    (E.DecodeError, "malformed"),
)


def verify(token: str, key: dict[str, Any] | None, v: dict[str, Any]) -> None:
    algs = prelude(v, set(JsonWebSignature.ALGORITHMS_REGISTRY), LIBRARY, "Authlib's JWTClaims has no max_age option")
    k = JsonWebKey.import_key(key) if key is not None else None
    if v.get("payload") == "opaque":
        JsonWebSignature(algorithms=algs).deserialize_compact(token, k)
        return
    options: dict[str, Any] = {c: {"essential": True} for c in v.get("required_claims", [])}
    options.update({c: {"essential": True, "values" if c == "aud" else "value": x} for c, x in expected_values(v).items()})
    claims = JsonWebToken(algorithms=algs).decode(token, k, claims_options=options)
    # Authlib's clock option: validate(now=…).
    claims.validate(now=now_seconds(v), leeway=v.get("leeway", 0))
