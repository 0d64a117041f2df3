/* libjwt 1.10 (Debian libjwt-dev): jwt_decode(&jwt, token, key, key_len).
 *
 * libjwt 1.10 verifies the signature with the token's alg and the key it is
 * given; it has no algorithm allow-list and no claim validation at all (the
 * jwt_valid_* API came in 1.12). So:
 * - a rejection by jwt_decode is reported as it is (invalid at any time);
 * - an acceptance is `valid` only when the payload carries no exp/nbf/iat:
 *   otherwise the verdict at the case's time cannot be expressed
 *   (`unsupported`; the adapter never checks a claim itself);
 * - audience/issuer/subject/required claims/max_age: `unsupported`;
 * - the allow-list is checked only for algorithms libjwt lacks; the
 *   deviations its absence causes are listed in the expectations file. */
#include <errno.h>
#include <jwt.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char *LIB_NAME = "libjwt";
const char *lib_version(void) { return NULL; } /* the Debian package's, next to the binary */

static const char *const IMPLEMENTED[] = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
                                          "ES256", "ES384", "ES512", NULL};

/* libjwt's errors → the spec's kinds (the one place): jwt_decode returns an
 * errno value; EINVAL covers every rejection (format, JSON, alg, signature). */
static const char *map_error(int err) {
    (void)err;
    return NULL;
}

void lib_verify(const char *token, json_t *jwk, json_t *v, const case_time_t *t, result_t *r) {
    (void)t;
    const char *why = common_unsupported(v);
    if (why) return set_unsupported(r, "%s", why);
    if (is_opaque(v)) return set_unsupported(r, "libjwt parses the payload as a JSON claims set (no plain-JWS API)");
    const char *setting = claim_setting(v);
    if (setting) return set_unsupported(r, "libjwt 1.10 has no claim validation (no %s option; jwt_valid_* came in 1.12)", setting);
    if (!check_algorithms(v, IMPLEMENTED, r)) return;
    unsigned char *key = NULL;
    long key_len = 0;
    int is_pem = 0;
    if (jwk && (key_len = jwk_key_bytes(jwk, &key, &is_pem)) < 0)
        return set_invalid(r, "key_mismatch", "the JWK cannot be given to libjwt (not a PEM-convertible key)");
    jwt_t *jwt = NULL;
    int err = jwt_decode(&jwt, token, key, (int)key_len);
    free(key);
    if (err) return set_invalid(r, map_error(err), "jwt_decode: %s", strerror(err));
    char *grants = jwt_get_grants_json(jwt, NULL);
    json_t *claims = grants ? json_loads(grants, JSON_DECODE_INT_AS_REAL, NULL) : NULL;
    free(grants);
    jwt_free(jwt);
    if (has_time_claims(claims)) {
        json_decref(claims);
        return set_unsupported(r, "libjwt accepted the signature; it has no clock and no exp/nbf/iat validation (1.10), so its verdict at the case's time cannot be expressed");
    }
    json_decref(claims);
    r->outcome = OUT_VALID;
}
