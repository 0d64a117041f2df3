/* cjose (Debian libcjose-dev): cjose_jwk_import + cjose_jws_import +
 * cjose_jws_verify.
 *
 * cjose is a JWS library: no algorithm allow-list and no JWT claims. So:
 * - a rejection is reported as it is (invalid at any time);
 * - an opaque-payload case it accepts is `valid`;
 * - a JWT case it accepts is `valid` only when the payload is a JSON object
 *   with no exp/nbf/iat; otherwise `unsupported` (cjose has no clock and
 *   checks no claim; the adapter never checks one itself);
 * - audience/issuer/subject/required claims/max_age: `unsupported`;
 * - the allow-list is checked only for algorithms cjose lacks; the
 *   deviations its absence causes are listed in the expectations file. */
#include <cjose/cjose.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char *LIB_NAME = "cjose";
const char *lib_version(void) { return cjose_version(); }

static const char *const IMPLEMENTED[] = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256",
                                          "PS384", "PS512", "ES256", "ES384", "ES512", NULL};

/* cjose's errors → the spec's kinds (the one place): stage of the call that
 * failed + cjose_err.code. */
enum stage { ST_KEY, ST_PARSE, ST_VERIFY };
static const char *map_error(enum stage st, cjose_errcode code) {
    switch (st) {
    case ST_KEY: return "key_mismatch";
    case ST_PARSE: return code == CJOSE_ERR_INVALID_ARG ? "malformed" : NULL;
    case ST_VERIFY:
        if (code == CJOSE_ERR_CRYPTO) return "invalid_signature";
        return NULL; /* INVALID_ARG: alg/key type mismatch, unknown alg, … */
    }
    return NULL;
}

void lib_verify(const char *token, json_t *jwk, json_t *v, const case_time_t *t, result_t *r) {
    (void)t;
    const char *why = common_unsupported(v);
    if (why) return set_unsupported(r, "%s", why);
    const char *setting = is_opaque(v) ? NULL : claim_setting(v);
    if (setting) return set_unsupported(r, "cjose is a JWS library: it has no JWT claim validation (no %s option)", setting);
    if (!check_algorithms(v, IMPLEMENTED, r)) return;
    cjose_err err = {0};
    cjose_jwk_t *key = NULL;
    if (jwk) {
        char *text = json_dumps(jwk, JSON_COMPACT);
        key = cjose_jwk_import(text, strlen(text), &err);
        free(text);
        if (!key) return set_invalid(r, map_error(ST_KEY, err.code), "cjose_jwk_import: %s", err.message);
    }
    cjose_jws_t *jws = cjose_jws_import(token, strlen(token), &err);
    if (!jws) {
        cjose_jwk_release(key);
        return set_invalid(r, map_error(ST_PARSE, err.code), "cjose_jws_import: %s", err.message);
    }
    int ok = key ? cjose_jws_verify(jws, key, &err) : 0;
    if (!key) err.message = "no key", err.code = CJOSE_ERR_INVALID_ARG;
    if (!ok) {
        set_invalid(r, map_error(ST_VERIFY, err.code), "cjose_jws_verify: %s", err.message);
    } else if (is_opaque(v)) {
        r->outcome = OUT_VALID;
    } else {
        uint8_t *pt = NULL;
        size_t pt_len = 0;
        json_t *claims = NULL;
        if (cjose_jws_get_plaintext(jws, &pt, &pt_len, &err))
            claims = json_loadb((const char *)pt, pt_len, JSON_DECODE_INT_AS_REAL, NULL);
        if (!json_is_object(claims))
            set_unsupported(r, "cjose accepted the signature; it does not parse the JWT claims set, so whether the payload is a valid claims set is not its verdict");
        else if (has_time_claims(claims))
            set_unsupported(r, "cjose accepted the signature; it has no clock and no exp/nbf/iat validation, so its verdict at the case's time cannot be expressed");
        else
            r->outcome = OUT_VALID;
        json_decref(claims);
    }
    cjose_jws_release(jws);
    cjose_jwk_release(key);
}
