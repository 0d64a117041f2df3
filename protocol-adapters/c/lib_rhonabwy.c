/* Rhonabwy (Debian librhonabwy-dev): r_jwk_import_from_json_str; JWTs through
 * r_jwt_parse + r_jwt_verify_signature + r_jwt_validate_claims with the case's
 * time as the explicit comparison value (its clock option); opaque payloads
 * through r_jws_parse + r_jws_verify_signature. Remote keys (jku/x5u) are
 * never fetched (R_FLAG_IGNORE_REMOTE).
 *
 * - r_jwt_validate_claims's exp/nbf/iat check also requires the claim (an
 *   absent one fails); the spec checks them when present, as the library's
 *   users do: the check is passed for each of them the token carries (read
 *   with r_jwt_get_claim_json_t_value).
 * - It takes the time as a positive C int and has no leeway: a time outside
 *   1..INT_MAX or a leeway is `unsupported`. Its clock is whole seconds (its
 *   own R_JWT_CLAIM_NOW reads time(NULL)): the case's time rounded down.
 * - aud/iss/sub compare one string; an empty string means "present": more
 *   than one audience or an empty value is `unsupported`.
 * - No algorithm allow-list: checked only for algorithms Rhonabwy lacks; the
 *   deviations its absence causes are listed in the expectations file. */
#include <limits.h>
#include <rhonabwy.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char *LIB_NAME = "rhonabwy";
const char *lib_version(void) { return RHONABWY_VERSION_STR; }

static const char *const IMPLEMENTED[] = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256",
                                          "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", NULL};

/* Rhonabwy's errors → the spec's kinds (the one place): the call that failed
 * (and the claim it checked) + its RHN_ERROR_* code. */
enum stage { ST_KEY, ST_PARSE, ST_VERIFY, ST_PRESENT, ST_CLAIM };
static const char *map_error(enum stage st, int code, const char *claim) {
    switch (st) {
    case ST_KEY: return "key_mismatch";
    case ST_PARSE: return code == RHN_ERROR_PARAM ? "malformed" : NULL;
    case ST_VERIFY:
        if (code == RHN_ERROR_INVALID) return "invalid_signature";
        return NULL; /* RHN_ERROR_PARAM / UNSUPPORTED: alg/key type mismatch, … */
    case ST_PRESENT: return "missing_claim";
    case ST_CLAIM:
        if (!strcmp(claim, "exp")) return "expired";
        if (!strcmp(claim, "nbf")) return "not_yet_valid";
        if (!strcmp(claim, "iat")) return "issued_in_future";
        if (!strcmp(claim, "aud")) return "audience_mismatch";
        if (!strcmp(claim, "iss")) return "issuer_mismatch";
        if (!strcmp(claim, "sub")) return "subject_mismatch";
    }
    return NULL;
}

static int initialized;

void lib_verify(const char *token, json_t *jwk, json_t *v, const case_time_t *t, result_t *r) {
    if (!initialized) r_global_init(), initialized = 1;
    const char *why = common_unsupported(v);
    if (why) return set_unsupported(r, "%s", why);
    if (!check_algorithms(v, IMPLEMENTED, r)) return;
    int opaque = is_opaque(v);
    json_t *aud = json_object_get(v, "audience");
    const char *audience = NULL, *issuer = NULL, *subject = NULL;
    if (!opaque) {
        if (json_object_get(v, "max_age")) return set_unsupported(r, "Rhonabwy has no max_age option");
        if (leeway(v) != 0) return set_unsupported(r, "Rhonabwy's r_jwt_validate_claims has no leeway");
        if (!t->in_range || t->seconds < 1 || t->seconds > INT_MAX)
            return set_unsupported(r, "r_jwt_validate_claims takes the time as a positive C int; the case's time is outside 1..INT_MAX");
        if (aud) {
            if (json_array_size(aud) != 1) return set_unsupported(r, "Rhonabwy compares aud with one string; the case lists %zu", json_array_size(aud));
            audience = json_string_value(json_array_get(aud, 0));
        }
        issuer = json_string_value(json_object_get(v, "issuer"));
        subject = json_string_value(json_object_get(v, "subject"));
        if ((audience && !*audience) || (issuer && !*issuer) || (subject && !*subject))
            return set_unsupported(r, "Rhonabwy treats an empty expected aud/iss/sub as a presence check");
    }
    jwk_t *key = NULL;
    if (jwk) {
        char *text = json_dumps(jwk, JSON_COMPACT);
        r_jwk_init(&key);
        int rc = r_jwk_import_from_json_str(key, text);
        free(text);
        if (rc != RHN_OK) {
            r_jwk_free(key);
            return set_invalid(r, map_error(ST_KEY, rc, NULL), "r_jwk_import_from_json_str: %d", rc);
        }
    }
    int rc;
    if (opaque) {
        jws_t *jws = NULL;
        r_jws_init(&jws);
        if ((rc = r_jws_parse(jws, token, R_FLAG_IGNORE_REMOTE)) != RHN_OK)
            set_invalid(r, map_error(ST_PARSE, rc, NULL), "r_jws_parse: %d", rc);
        else if ((rc = r_jws_verify_signature(jws, key, R_FLAG_IGNORE_REMOTE)) != RHN_OK)
            set_invalid(r, map_error(ST_VERIFY, rc, NULL), "r_jws_verify_signature: %d", rc);
        else
            r->outcome = OUT_VALID;
        r_jws_free(jws);
        r_jwk_free(key);
        return;
    }
    jwt_t *jwt = NULL;
    r_jwt_init(&jwt);
    if ((rc = r_jwt_parse(jwt, token, R_FLAG_IGNORE_REMOTE)) != RHN_OK) {
        set_invalid(r, map_error(ST_PARSE, rc, NULL), "r_jwt_parse: %d", rc);
        goto done;
    }
    if ((rc = r_jwt_verify_signature(jwt, key, R_FLAG_IGNORE_REMOTE)) != RHN_OK) {
        set_invalid(r, map_error(ST_VERIFY, rc, NULL), "r_jwt_verify_signature: %d", rc);
        goto done;
    }
    /* Required claims: the library's presence checks. */
    json_t *req = json_object_get(v, "required_claims");
    size_t i;
    json_t *c;
    json_array_foreach(req, i, c) {
        const char *name = json_string_value(c);
        if (!name) continue;
        if (!strcmp(name, "exp")) rc = r_jwt_validate_claims(jwt, R_JWT_CLAIM_EXP, R_JWT_CLAIM_PRESENT, R_JWT_CLAIM_NOP);
        else if (!strcmp(name, "nbf")) rc = r_jwt_validate_claims(jwt, R_JWT_CLAIM_NBF, R_JWT_CLAIM_PRESENT, R_JWT_CLAIM_NOP);
        else if (!strcmp(name, "iat")) rc = r_jwt_validate_claims(jwt, R_JWT_CLAIM_IAT, R_JWT_CLAIM_PRESENT, R_JWT_CLAIM_NOP);
        else rc = r_jwt_validate_claims(jwt, R_JWT_CLAIM_JSN, name, NULL, R_JWT_CLAIM_NOP);
        if (rc != RHN_OK) {
            set_invalid(r, map_error(ST_PRESENT, rc, name), "r_jwt_validate_claims (%s present): %d", name, rc);
            goto done;
        }
    }
    int now = (int)t->seconds;
    static const char *const times[] = {"exp", "nbf", "iat"};
    static const int opts[] = {R_JWT_CLAIM_EXP, R_JWT_CLAIM_NBF, R_JWT_CLAIM_IAT};
    for (int k = 0; k < 3; k++) {
        json_t *val = r_jwt_get_claim_json_t_value(jwt, times[k]);
        if (!val) continue;
        json_decref(val);
        if ((rc = r_jwt_validate_claims(jwt, opts[k], now, R_JWT_CLAIM_NOP)) != RHN_OK) {
            set_invalid(r, map_error(ST_CLAIM, rc, times[k]), "r_jwt_validate_claims (%s, %d): %d", times[k], now, rc);
            goto done;
        }
    }
    if (audience && (rc = r_jwt_validate_claims(jwt, R_JWT_CLAIM_AUD, audience, R_JWT_CLAIM_NOP)) != RHN_OK) {
        set_invalid(r, map_error(ST_CLAIM, rc, "aud"), "r_jwt_validate_claims (aud): %d", rc);
        goto done;
    }
    if (issuer && (rc = r_jwt_validate_claims(jwt, R_JWT_CLAIM_ISS, issuer, R_JWT_CLAIM_NOP)) != RHN_OK) {
        set_invalid(r, map_error(ST_CLAIM, rc, "iss"), "r_jwt_validate_claims (iss): %d", rc);
        goto done;
    }
    if (subject && (rc = r_jwt_validate_claims(jwt, R_JWT_CLAIM_SUB, subject, R_JWT_CLAIM_NOP)) != RHN_OK) {
        set_invalid(r, map_error(ST_CLAIM, rc, "sub"), "r_jwt_validate_claims (sub): %d", rc);
        goto done;
    }
    r->outcome = OUT_VALID;
done:
    r_jwt_free(jwt);
    r_jwk_free(key);
}
