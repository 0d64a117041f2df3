"""joserfc (`joserfc.jwt.decode` + `JWTClaimsRegistry`; `joserfc.jws.deserialize_compact`
for opaque payloads)."""

from __future__ import annotations

from typing import Any

from joserfc import errors as E
from joserfc import jwk, jws, jwt
from joserfc.jws import JWSRegistry

from protocol import CLAIM_MISMATCH, expected_values, kind_of, now_seconds, prelude

LIBRARY = "joserfc"



def map_error(exc: BaseException) -> str | None:
    """joserfc's exceptions → the spec's kinds (the one place)."""
    return kind_of(exc, _KINDS)


def _invalid_claim(exc: BaseException) -> str:
    msg, claim = str(exc), getattr(exc, "claim", "")
    if "must be" in msg:
        return "invalid_claim"
    if claim == "nbf":
        return "not_yet_valid"
    if claim == "iat" and "future" in msg:
        return "issued_in_future"
    return CLAIM_MISMATCH.get(claim, "invalid_claim")


_KEY_ERRORS = (E.KeyParameterError, E.InvalidKeyCurveError, E.InvalidKeyLengthError, E.MissingKeyError, E.InvalidKeyIdError)

_KINDS = (
    (E.BadSignatureError, "invalid_signature"),
    ((E.UnsupportedAlgorithmError, E.MissingAlgorithmError, E.ConflictAlgorithmError), "algorithm_not_allowed"),
    (E.MissingCritHeaderError, "unsupported_critical_header"),
    (E.UnsupportedHeaderError, lambda e: "unsupported_critical_header" if "crit" in str(e) else "invalid_header"),
    ((E.InvalidHeaderValueError, E.MissingHeaderError), "invalid_header"),
    (_KEY_ERRORS, "key_mismatch"),
    (E.ExpiredTokenError, "expired"),
    (E.MissingClaimError, "missing_claim"),
    (E.InvalidClaimError, _invalid_claim),
    ((E.DecodeError, E.InvalidPayloadError, E.ExceededSizeError), "malformed"),
)


def _claim_option(value: Any = None, values: Any = None) -> dict[str, Any]:
    opt: dict[str, Any] = {"essential": True}
    if value is not None:
        opt["value"] = value
    if values is not None:
        opt["values"] = values
    return opt


def verify(token: str, key: dict[str, Any] | None, v: dict[str, Any]) -> None:
    algs = prelude(v, set(JWSRegistry.algorithms), LIBRARY, "joserfc's JWTClaimsRegistry has no max_age option")
    k = jwk.import_key(key) if key is not None else None
    if v.get("payload") == "opaque":
        jws.deserialize_compact(token, k, algorithms=algs)
        return
    token_obj = jwt.decode(token, k, algorithms=algs)
    options: dict[str, Any] = {c: _claim_option() for c in v.get("required_claims", [])}
    options.update({c: _claim_option(values=x) if c == "aud" else _claim_option(value=x) for c, x in expected_values(v).items()})
    # joserfc's clock option: `now`.
    registry = jwt.JWTClaimsRegistry(now=now_seconds(v), leeway=v.get("leeway", 0), **options)
    registry.validate(token_obj.claims)
