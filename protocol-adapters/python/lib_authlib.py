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

from protocol import Unsupported, check_algorithms, common_unsupported, installed_version, now_seconds

LIBRARY = "Authlib"


def version() -> str:
    return installed_version("Authlib")


def map_error(exc: BaseException) -> str | None:
    """Authlib's exceptions → the spec's kinds (the one place)."""
    msg = str(exc)
    if isinstance(exc, E.BadSignatureError):
        return "invalid_signature"
    if isinstance(exc, (E.UnsupportedAlgorithmError, E.MissingAlgorithmError)):
        return "algorithm_not_allowed"
    if isinstance(exc, E.InvalidCritHeaderParameterNameError):
        return "unsupported_critical_header"
    if isinstance(exc, E.InvalidHeaderParameterNameError):
        return "invalid_header"
    if isinstance(exc, (E.KeyMismatchError, E.InvalidUseError)):
        return "key_mismatch"
    if isinstance(exc, E.ExpiredTokenError):
        return "expired"
    if isinstance(exc, E.MissingClaimError):
        return "missing_claim"
    if isinstance(exc, E.InvalidClaimError):
        claim = getattr(exc, "claim_name", "") or ""
        return {"aud": "audience_mismatch", "iss": "issuer_mismatch", "sub": "subject_mismatch"}.get(claim, "invalid_claim")
    if isinstance(exc, E.InvalidTokenError):
        # validate_nbf / validate_iat raise the bare InvalidTokenError.
        return "issued_in_future" if "iat" in msg or "future" in msg.lower() else "not_yet_valid"
    if isinstance(exc, E.DecodeError):
        return "malformed"
    return None


def verify(token: str, key: dict[str, Any] | None, v: dict[str, Any]) -> None:
    common_unsupported(v)
    if "max_age" in v:
        raise Unsupported("Authlib's JWTClaims has no max_age option")
    algs = check_algorithms(v, set(JsonWebSignature.ALGORITHMS_REGISTRY), LIBRARY)
    k = JsonWebKey.import_key(key) if key is not None else None
    if v.get("payload") == "opaque":
        JsonWebSignature(algorithms=algs).deserialize_compact(token, k)
        return
    options: dict[str, Any] = {c: {"essential": True} for c in v.get("required_claims", [])}
    if "audience" in v:
        options["aud"] = {"essential": True, "values": list(v["audience"])}
    if "issuer" in v:
        options["iss"] = {"essential": True, "value": v["issuer"]}
    if "subject" in v:
        options["sub"] = {"essential": True, "value": v["subject"]}
    claims = JsonWebToken(algorithms=algs).decode(token, k, claims_options=options)
    # Authlib's clock option: validate(now=…).
    claims.validate(now=now_seconds(v), leeway=v.get("leeway", 0))
