"""python-jose (`jose.jwt.decode`; `jose.jws.verify` for opaque payloads),
with its cryptography backend."""

from __future__ import annotations

from typing import Any

from jose import exceptions as E
from jose import jws, jwt
from jose.constants import ALGORITHMS

from protocol import Unsupported, frozen_clock, prelude

LIBRARY = "python-jose"

_REQUIRABLE = {"aud", "iat", "exp", "nbf", "iss", "sub", "jti"}



def map_error(exc: BaseException) -> str | None:
    """python-jose's exceptions → the spec's kinds (the one place)."""
    msg = str(exc)
    if isinstance(exc, E.ExpiredSignatureError):
        return "expired"
    if isinstance(exc, E.JWTClaimsError):
        low = msg.lower()
        if "missing" in low:
            return "missing_claim"
        if "not yet valid" in low:
            return "not_yet_valid"
        if "must be" in low or "invalid claim format" in low:
            return "invalid_claim"
        if "audience" in low:
            return "audience_mismatch"
        if "issuer" in low:
            return "issuer_mismatch"
        if "subject" in low:
            return "subject_mismatch"
        return "invalid_claim"
    if isinstance(exc, E.JWSAlgorithmError) or "algorithm" in msg.lower() and "not allowed" in msg.lower():
        return "algorithm_not_allowed"
    if isinstance(exc, E.JWSSignatureError) or "Signature verification failed" in msg:
        return "invalid_signature"
    if isinstance(exc, E.JWKError):
        return "key_mismatch"
    if isinstance(exc, (E.JWSError, E.JWTError)):
        low = msg.lower()
        if "padding" in low or "segments" in low or "header" in low or "payload" in low or "decod" in low:
            return "malformed"
        if "must be an int" in low or "must be a" in low:
            return "invalid_claim"
        return None
    return None


def verify(token: str, key: dict[str, Any] | None, v: dict[str, Any]) -> None:
    algs = prelude(v, set(ALGORITHMS.SUPPORTED), LIBRARY, "python-jose has no max_age option")
    required = list(v.get("required_claims", []))
    if other := [c for c in required if c not in _REQUIRABLE]:
        raise Unsupported(f"python-jose can only require {', '.join(sorted(_REQUIRABLE))} (not {', '.join(other)})")
    audience = v.get("audience")
    if audience is not None and len(audience) != 1:
        raise Unsupported("python-jose's audience option is a single string")
    if v.get("payload") == "opaque":
        jws.verify(token, key, algs)
        return
    options: dict[str, Any] = {f"require_{c}": True for c in required}
    options["leeway"] = v.get("leeway", 0)
    options["verify_aud"] = audience is not None
    # python-jose reads datetime.now() and has no clock option: freeze it.
    with frozen_clock(v):
        jwt.decode(
            token,
            key,
            algorithms=algs,
            options=options,
            audience=audience[0] if audience else None,
            issuer=v.get("issuer"),
            subject=v.get("subject"),
        )
