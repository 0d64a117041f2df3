/* latchset José (Debian libjose-dev, the library of clevis and tang):
 * jose_jws_ver(cfg, jws, NULL, jwk, false).
 *
 * libjose takes a JWS in its JSON serialization and has no compact parser
 * (only its `jose` command line tool reads one: cmd/jose.c parse_compact,
 * copied here as it is: the three fields up to the next '.', each checked
 * against the base64url alphabet; anything after the third field is ignored
 * by that tool, and so here). It has no algorithm allow-list (the header's
 * alg is used, checked against the JWK's "alg" only when the JWK has one),
 * no `crit` processing and no JWT claims. So:
 * - a rejection is reported as it is (invalid at any time);
 * - an opaque-payload case it accepts is `valid`;
 * - a JWT case it accepts is `valid` only when the payload is a JSON object
 *   with no exp/nbf/iat; otherwise `unsupported` (libjose has no clock and
 *   checks no claim; the adapter never checks one itself);
 * - audience/issuer/subject/required claims/max_age: `unsupported`;
 * - no key (null): jose_jws_ver is called with a NULL JWK (it rejects);
 * - the allow-list is checked only for algorithms libjose lacks; the
 *   deviations its absence causes are listed in the expectations file. */
#include <jose/jose.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char *LIB_NAME = "libjose";
const char *lib_version(void) { return NULL; } /* the Debian package's, next to the binary */

static const char *const IMPLEMENTED[] = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256",
                                          "PS384", "PS512", "ES256", "ES384", "ES512", NULL};

/* The last error libjose reported through its configuration's handler. */
typedef struct {
    uint64_t code;
    char msg[256];
} jose_error_t;

static void on_error(void *misc, const char *file, int line, uint64_t err, const char *fmt, va_list ap) {
    (void)file, (void)line;
    jose_error_t *e = misc;
    e->code = err;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

/* libjose's errors → the spec's kinds (the one place). */
static const char *map_error(uint64_t code) {
    switch (code) {
    case JOSE_CFG_ERR_JWK_INVALID:
    case JOSE_CFG_ERR_JWK_MISMATCH: /* header alg vs the JWK's alg */
    case JOSE_CFG_ERR_JWK_DENIED:   /* use / key_ops forbid verifying */
        return "key_mismatch";
    case JOSE_CFG_ERR_JWS_INVALID: return "malformed";
    default: return NULL; /* ALG_NOTSUP, ALG_NOINFER, a failed signature (no code) */
    }
}

static int valid_b64(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != 0 && !strchr(JOSE_B64_MAP, s[i])) return 0;
    return 1;
}

/* cmd/jose.c parse_compact, for the fields of a JWS. */
static json_t *parse_compact(const char *arg) {
    static const char *const fields[] = {"protected", "payload", "signature", NULL};
    json_t *tmp = json_object();
    size_t i = 0;
    for (size_t j = 0; fields[j]; j++) {
        const char *enc = strchr(&arg[i], '.');
        size_t len = strlen(&arg[i]);
        if (enc) len = (size_t)(enc - &arg[i]);
        else if (fields[j + 1]) goto fail;
        if (!valid_b64(&arg[i], len)) goto fail;
        json_object_set_new(tmp, fields[j], json_stringn(&arg[i], len));
        i += len + 1;
    }
    return tmp;
fail:
    json_decref(tmp);
    return NULL;
}

void lib_verify(const char *token, json_t *jwk, json_t *v, const case_time_t *t, result_t *r) {
    (void)t;
    const char *why = common_unsupported(v);
    if (why) return set_unsupported(r, "%s", why);
    const char *setting = is_opaque(v) ? NULL : claim_setting(v);
    if (setting) return set_unsupported(r, "libjose is a JWS library: it has no JWT claim validation (no %s option)", setting);
    if (!check_algorithms(v, IMPLEMENTED, r)) return;
    json_t *jws = parse_compact(token);
    if (!jws) return set_invalid(r, "malformed", "not a compact JWS as the jose tool parses it (three base64url fields)");
    jose_error_t e = {0, ""};
    jose_cfg_t *cfg = jose_cfg();
    jose_cfg_set_err_func(cfg, on_error, &e);
    bool ok = jose_jws_ver(cfg, jws, NULL, jwk, false);
    jose_cfg_decref(cfg);
    if (!ok) {
        set_invalid(r, map_error(e.code), "jose_jws_ver: %s", e.code ? e.msg : "false (no error code reported)");
    } else if (is_opaque(v)) {
        r->outcome = OUT_VALID;
    } else {
        json_t *claims = NULL;
        json_t *payload = json_object_get(jws, "payload");
        size_t n = jose_b64_dec(payload, NULL, 0);
        if (n != SIZE_MAX) {
            char *pt = malloc(n + 1);
            if (jose_b64_dec(payload, pt, n) == n) claims = json_loadb(pt, n, JSON_DECODE_INT_AS_REAL, NULL);
            free(pt);
        }
        if (!json_is_object(claims))
            set_unsupported(r, "libjose accepted the signature; it does not parse the JWT claims set, so whether the payload is a valid claims set is not its verdict");
        else if (has_time_claims(claims))
            set_unsupported(r, "libjose accepted the signature; it has no clock and no exp/nbf/iat validation, so its verdict at the case's time cannot be expressed");
        else
            r->outcome = OUT_VALID;
        json_decref(claims);
    }
    json_decref(jws);
}
