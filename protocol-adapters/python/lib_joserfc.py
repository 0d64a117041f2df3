"""joserfc (`joserfc.jwt.decode` + `JWTClaimsRegistry`; `joserfc.jws.deserialize_compact`
for opaque payloads)."""

from __future__ import annotations

from typing import Any

from joserfc import errors as E
from joserfc import jwk, jws, jwt
from joserfc.jws import JWSRegistry

from protocol import Unsupported, check_algorithms, common_unsupported, installed_version, now_seconds

LIBRARY = "joserfc"


def version() -> str:
    return installed_version("joserfc")


_CLAIM_MISMATCH = {"aud": "audience_mismatch", "iss": "issuer_mismatch", "sub": "subject_mismatch"}


def map_error(exc: BaseException) -> str | None:
    """joserfc's exceptions → the spec's kinds (the one place)."""
    msg = str(exc)
    if isinstance(exc, E.BadSignatureError):
        return "invalid_signature"
    if isinstance(exc, (E.UnsupportedAlgorithmError, E.MissingAlgorithmError, E.ConflictAlgorithmError)):
        return "algorithm_not_allowed"
    if isinstance(exc, E.MissingCritHeaderError) or (isinstance(exc, E.UnsupportedHeaderError) and "crit" in msg):
        return "unsupported_critical_header"
    if isinstance(exc, (E.InvalidHeaderValueError, E.MissingHeaderError, E.UnsupportedHeaderError)):
        return "invalid_header"
    if isinstance(exc, (E.KeyParameterError, E.InvalidKeyCurveError, E.InvalidKeyLengthError, E.MissingKeyError, E.InvalidKeyIdError)):
        return "key_mismatch"
    if isinstance(exc, E.ExpiredTokenError):
        return "expired"
    if isinstance(exc, E.MissingClaimError):
        return "missing_claim"
    if isinstance(exc, E.InvalidClaimError):
        claim = getattr(exc, "claim", "")
        if "must be" in msg:
            return "invalid_claim"
        if claim == "nbf":
            return "not_yet_valid"
        if claim == "iat" and "future" in msg:
            return "issued_in_future"
        return _CLAIM_MISMATCH.get(claim, "invalid_claim")
    if isinstance(exc, (E.DecodeError, E.InvalidPayloadError, E.ExceededSizeError)):
        return "malformed"
    return None


def _claim_option(value: Any = None, values: Any = None) -> dict[str, Any]:
    opt: dict[str, Any] = {"essential": True}
    if value is not None:
        opt["value"] = value
    if values is not None:
        opt["values"] = values
    return opt


def verify(token: str, key: dict[str, Any] | None, v: dict[str, Any]) -> None:
    common_unsupported(v)
    if "max_age" in v:
        raise Unsupported("joserfc's JWTClaimsRegistry has no max_age option")
    algs = check_algorithms(v, set(JWSRegistry.algorithms), LIBRARY)
    k = jwk.import_key(key) if key is not None else None
    if v.get("payload") == "opaque":
        jws.deserialize_compact(token, k, algorithms=algs)
        return
    token_obj = jwt.decode(token, k, algorithms=algs)
    options: dict[str, Any] = {c: _claim_option() for c in v.get("required_claims", [])}
    if "audience" in v:
        options["aud"] = _claim_option(values=list(v["audience"]))
    if "issuer" in v:
        options["iss"] = _claim_option(value=v["issuer"])
    if "subject" in v:
        options["sub"] = _claim_option(value=v["subject"])
    # joserfc's clock option: `now`.
    registry = jwt.JWTClaimsRegistry(now=now_seconds(v), leeway=v.get("leeway", 0), **options)
    registry.validate(token_obj.claims)
