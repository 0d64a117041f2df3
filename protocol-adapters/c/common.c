#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const ERROR_KINDS[] = {
    "malformed", "invalid_header", "algorithm_not_allowed", "unsupported_critical_header",
    "key_mismatch", "invalid_signature", "invalid_claim", "missing_claim", "expired",
    "not_yet_valid", "issued_in_future", "audience_mismatch", "issuer_mismatch",
    "subject_mismatch", "nonce_out_of_window", NULL};

static void set_result(result_t *r, enum outcome outcome, const char *kind, const char *fmt, va_list ap) {
    r->outcome = outcome;
    r->kind = kind;
    vsnprintf(r->detail, sizeof r->detail, fmt, ap);
}

void set_unsupported(result_t *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    set_result(r, OUT_UNSUPPORTED, NULL, fmt, ap);
    va_end(ap);
}

void set_invalid(result_t *r, const char *kind, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    set_result(r, OUT_INVALID, kind, fmt, ap);
    va_end(ap);
}

const char *common_unsupported(json_t *v) {
    static char buf[256];
    json_t *p = json_object_get(v, "profile");
    if (p) {
        snprintf(buf, sizeof buf, "no API-profile rules (%s) in a general-purpose JWT library",
                 json_is_string(p) ? json_string_value(p) : "?");
        return buf;
    }
    if (json_object_get(v, "origin")) return "no Origin check (voicegain profile) in a general-purpose JWT library";
    return NULL;
}

int check_algorithms(json_t *v, const char *const *implemented, result_t *r) {
    json_t *algs = json_object_get(v, "algorithms");
    size_t i;
    json_t *a;
    char lacking[256] = "";
    json_array_foreach(algs, i, a) {
        const char *s = json_string_value(a);
        if (!s || strcmp(s, "none") == 0) continue;
        int found = 0;
        for (const char *const *m = implemented; *m; m++)
            if (strcmp(*m, s) == 0) found = 1;
        if (!found) {
            if (*lacking) strncat(lacking, ", ", sizeof lacking - strlen(lacking) - 1);
            strncat(lacking, s, sizeof lacking - strlen(lacking) - 1);
        }
    }
    if (*lacking) {
        set_unsupported(r, "%s does not implement %s", LIB_NAME, lacking);
        return 0;
    }
    return 1;
}

int is_opaque(json_t *v) {
    json_t *p = json_object_get(v, "payload");
    return p && json_is_string(p) && strcmp(json_string_value(p), "opaque") == 0;
}

const char *claim_setting(json_t *v) {
    static const char *const settings[] = {"audience", "issuer", "subject", "required_claims", "max_age", NULL};
    for (const char *const *s = settings; *s; s++)
        if (json_object_get(v, *s)) return *s;
    return NULL;
}

double leeway(json_t *v) {
    json_t *l = json_object_get(v, "leeway");
    return l ? json_number_value(l) : 0.0;
}

int has_time_claims(json_t *claims) {
    return json_is_object(claims) &&
           (json_object_get(claims, "exp") || json_object_get(claims, "nbf") || json_object_get(claims, "iat"));
}

/* --- base64 */

static int b64val(int c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

long b64url_decode(const char *in, unsigned char **out) {
    size_t n = strlen(in);
    while (n > 0 && in[n - 1] == '=') n--;
    unsigned char *o = malloc(n * 3 / 4 + 3);
    long len = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64val((unsigned char)in[i]);
        if (v < 0) {
            free(o);
            return -1;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            o[len++] = (unsigned char)(acc >> bits);
        }
    }
    *out = o;
    return len;
}

static char *b64_pem(const unsigned char *der, size_t n) {
    static const char T[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t cap = 64 + n * 2 + 64;
    char *o = malloc(cap), *p = o;
    p += sprintf(p, "-----BEGIN PUBLIC KEY-----\n");
    int col = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = der[i] << 16 | (i + 1 < n ? der[i + 1] << 8 : 0) | (i + 2 < n ? der[i + 2] : 0);
        char q[4] = {T[v >> 18 & 63], T[v >> 12 & 63], i + 1 < n ? T[v >> 6 & 63] : '=', i + 2 < n ? T[v & 63] : '='};
        for (int k = 0; k < 4; k++) {
            *p++ = q[k];
            if (++col == 64) {
                *p++ = '\n';
                col = 0;
            }
        }
    }
    if (col) *p++ = '\n';
    p += sprintf(p, "-----END PUBLIC KEY-----\n");
    return o;
}

/* --- DER (SPKI), the key material copied as it is */

typedef struct {
    unsigned char *b;
    size_t n, cap;
} buf_t;

static void put(buf_t *b, const void *d, size_t n) {
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 16;
        b->b = realloc(b->b, b->cap);
    }
    memcpy(b->b + b->n, d, n);
    b->n += n;
}

static void tlv(buf_t *b, unsigned char tag, const unsigned char *d, size_t n) {
    unsigned char h[6];
    size_t hn = 0;
    h[hn++] = tag;
    if (n < 128) h[hn++] = (unsigned char)n;
    else if (n < 256) { h[hn++] = 0x81; h[hn++] = (unsigned char)n; }
    else if (n < 65536) { h[hn++] = 0x82; h[hn++] = (unsigned char)(n >> 8); h[hn++] = (unsigned char)n; }
    else { h[hn++] = 0x83; h[hn++] = (unsigned char)(n >> 16); h[hn++] = (unsigned char)(n >> 8); h[hn++] = (unsigned char)n; }
    put(b, h, hn);
    put(b, d, n);
}

static void der_uint(buf_t *b, const unsigned char *d, size_t n) {
    while (n > 1 && d[0] == 0) d++, n--;
    buf_t t = {0};
    if (n == 0 || d[0] & 0x80) put(&t, "\0", 1);
    put(&t, d, n);
    tlv(b, 0x02, t.b, t.n);
    free(t.b);
}

static const unsigned char OID_RSA[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
static const unsigned char OID_EC[] = {0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const unsigned char OID_P256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
static const unsigned char OID_P384[] = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
static const unsigned char OID_P521[] = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23};
static const unsigned char OID_ED25519[] = {0x06, 0x03, 0x2b, 0x65, 0x70};

static long member(json_t *jwk, const char *name, unsigned char **out) {
    json_t *m = json_object_get(jwk, name);
    if (!json_is_string(m)) return -1;
    return b64url_decode(json_string_value(m), out);
}

long jwk_key_bytes(json_t *jwk, unsigned char **out, int *is_pem) {
    const char *kty = json_string_value(json_object_get(jwk, "kty"));
    const char *crv = json_string_value(json_object_get(jwk, "crv"));
    *is_pem = 0;
    if (!kty) return -1;
    if (strcmp(kty, "oct") == 0) return member(jwk, "k", out);
    buf_t alg = {0}, key = {0}, spki = {0}, outer = {0};
    unsigned char *a = NULL, *b = NULL;
    long an, bn;
    long ret = -1;
    if (strcmp(kty, "RSA") == 0) {
        if ((an = member(jwk, "n", &a)) < 0 || (bn = member(jwk, "e", &b)) < 0) goto done;
        put(&alg, OID_RSA, sizeof OID_RSA);
        buf_t seq = {0};
        der_uint(&seq, a, (size_t)an);
        der_uint(&seq, b, (size_t)bn);
        put(&key, "\0", 1);
        tlv(&key, 0x30, seq.b, seq.n);
        free(seq.b);
    } else if (strcmp(kty, "EC") == 0) {
        put(&alg, OID_EC, sizeof OID_EC);
        if (crv && strcmp(crv, "P-256") == 0) put(&alg, OID_P256, sizeof OID_P256);
        else if (crv && strcmp(crv, "P-384") == 0) put(&alg, OID_P384, sizeof OID_P384);
        else if (crv && strcmp(crv, "P-521") == 0) put(&alg, OID_P521, sizeof OID_P521);
        else goto done;
        if ((an = member(jwk, "x", &a)) < 0 || (bn = member(jwk, "y", &b)) < 0) goto done;
        put(&key, "\0\x04", 2);
        put(&key, a, (size_t)an);
        put(&key, b, (size_t)bn);
    } else if (strcmp(kty, "OKP") == 0) {
        if (!crv || strcmp(crv, "Ed25519") != 0) goto done;
        put(&alg, OID_ED25519, sizeof OID_ED25519);
        if ((an = member(jwk, "x", &a)) < 0) goto done;
        put(&key, "\0", 1);
        put(&key, a, (size_t)an);
    } else {
        goto done;
    }
    tlv(&spki, 0x30, alg.b, alg.n);
    tlv(&spki, 0x03, key.b, key.n);
    tlv(&outer, 0x30, spki.b, spki.n);
    *out = (unsigned char *)b64_pem(outer.b, outer.n);
    *is_pem = 1;
    ret = (long)strlen((char *)*out);
done:
    free(a), free(b), free(alg.b), free(key.b), free(spki.b), free(outer.b);
    return ret;
}

/* --- the case's time, from the request's text (now_ns may exceed 64 bits) */

int wall_clock = 0;

static case_time_t read_time(const char *line) {
    case_time_t t = {0, 0, 0, 0};
    const char *p = strstr(line, "\"now_ns\"");
    int ns = p != NULL;
    if (!p) p = strstr(line, "\"now\"");
    if (!p) return t;
    p = strchr(p, ':');
    if (!p) return t;
    p++;
    while (*p == ' ') p++;
    int neg = *p == '-';
    if (neg) p++;
    const char *d = p;
    while (*p >= '0' && *p <= '9') p++;
    size_t n = (size_t)(p - d);
    size_t scale = ns ? 9 : 0;
    /* whole seconds: the digits but the last `scale` */
    size_t whole = n > scale ? n - scale : 0;
    if (whole > 17) return t; /* beyond any time_t the libraries take */
    long long s = 0;
    for (size_t i = 0; i < whole; i++) s = s * 10 + (d[i] - '0');
    int frac = 0;
    long nanos = 0;
    for (size_t i = whole; i < n; i++) {
        if (d[i] != '0') frac = 1;
        nanos = nanos * 10 + (d[i] - '0');
    }
    if (neg) s = frac ? -s - 1 : -s; /* floor */
    if (neg && frac) nanos = 1000000000L - nanos;
    t.in_range = 1;
    t.seconds = s;
    t.has_fraction = frac;
    t.nanos = frac ? nanos : 0;
    return t;
}

/* --- the loop */

static void answer(json_t *obj) {
    char *s = json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII);
    fputs(s, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    free(s);
    json_decref(obj);
}

static char *file_version(void) {
    static char buf[256];
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 16);
    if (n <= 0) return NULL;
    exe[n] = 0;
    strcat(exe, ".version");
    FILE *f = fopen(exe, "r");
    if (!f) return NULL;
    size_t m = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[m] = 0;
    while (m > 0 && (buf[m - 1] == '\n' || buf[m - 1] == ' ')) buf[--m] = 0;
    return buf;
}

/* A bench request: one verification (a token the library does not accept is
 * `unsupported`, with why), then `iterations` calls of the same lib_verify
 * timed with CLOCK_MONOTONIC inside this process (process start-up is not
 * measured; the adapter's per-call mapping, e.g. the JWK → PEM conversion,
 * is). */
static json_t *run_bench(json_t *req, const char *line) {
    json_t *out = json_pack("{s:s,s:O}", "type", "bench", "id", json_object_get(req, "id"));
    json_t *v = json_object_get(req, "validation");
    if (!json_is_object(v)) {
        json_object_set_new(out, "unsupported", json_string("unsupported: the request carries no validation object (the runner could not serialize the case's settings)"));
        return out;
    }
    case_time_t t = read_time(line);
    json_t *key = json_object_get(req, "key");
    json_t *jwk = json_is_object(key) ? key : NULL;
    const char *token = json_string_value(json_object_get(req, "token"));
    result_t r = {OUT_VALID, NULL, ""};
    lib_verify(token, jwk, v, &t, &r);
    if (r.outcome != OUT_VALID) {
        char why[600];
        if (r.outcome == OUT_UNSUPPORTED) snprintf(why, sizeof why, "unsupported: %s", r.detail);
        else snprintf(why, sizeof why, "invalid (%s): %s", r.kind ? r.kind : "no kind", r.detail);
        json_object_set_new(out, "unsupported", json_stringn_nocheck(why, strlen(why) < 300 ? strlen(why) : 300));
        return out;
    }
    /* Integers are decoded as reals (JSON_DECODE_INT_AS_REAL). */
    wall_clock = json_is_true(json_object_get(req, "wall_clock"));
    double it = json_number_value(json_object_get(req, "iterations"));
    long long n = it >= 1 ? (long long)it : 100;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long long i = 0; i < n; i++) {
        r.outcome = OUT_VALID;
        r.kind = NULL;
        r.detail[0] = 0;
        lib_verify(token, jwk, v, &t, &r);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    wall_clock = 0;
    double ns = (double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec);
    json_object_set_new(out, "ns_per_op", json_real(ns / (double)n));
    return out;
}

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    const char *version = lib_version();
    if (!version) version = file_version();
    while ((len = getline(&line, &cap, stdin)) > 0) {
        json_error_t e;
        /* Integers as reals: now_ns may exceed 64 bits (read from the text).
           JSON_ALLOW_NUL: a string (e.g. a kid) may hold \u0000; the JWK is
           passed on as JSON text (json_dumps), so nothing is truncated. */
        json_t *req = json_loads(line, JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &e);
        if (!req) {
            fprintf(stderr, "bad request: %s\n", e.text);
            return 2;
        }
        const char *type = json_string_value(json_object_get(req, "type"));
        if (type && strcmp(type, "hello") == 0) {
            if (!version) {
                answer(json_pack("{s:s,s:s}", "type", "hello", "unavailable",
                                 "cannot read the library version (run `cargo xtask setup-external`)"));
                return 0;
            }
            answer(json_pack("{s:s,s:s,s:s}", "type", "hello", "library", LIB_NAME, "version", version));
            json_decref(req);
            continue;
        }
        if (type && strcmp(type, "bench") == 0) {
            answer(run_bench(req, line));
            json_decref(req);
            continue;
        }
        json_t *out = json_pack("{s:s,s:O}", "type", "outcome", "id", json_object_get(req, "id"));
        json_t *v = json_object_get(req, "validation");
        result_t r = {OUT_VALID, NULL, ""};
        if (!json_is_object(v)) {
            set_unsupported(&r, "the request carries no validation object (the runner could not serialize the case's settings)");
        } else {
            case_time_t t = read_time(line);
            json_t *key = json_object_get(req, "key");
            const char *token = json_string_value(json_object_get(req, "token"));
            /* elapsed_ns: the library call alone (with the adapter's per-call
               mapping, e.g. JWK -> PEM), on CLOCK_MONOTONIC. */
            struct timespec a, b;
            clock_gettime(CLOCK_MONOTONIC, &a);
            lib_verify(token, json_is_object(key) ? key : NULL, v, &t, &r);
            clock_gettime(CLOCK_MONOTONIC, &b);
            if (r.outcome != OUT_UNSUPPORTED) {
                long long ns = (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (long long)(b.tv_nsec - a.tv_nsec);
                json_object_set_new(out, "elapsed_ns", json_integer(ns));
            }
        }
        switch (r.outcome) {
        case OUT_VALID: json_object_set_new(out, "outcome", json_string("valid")); break;
        case OUT_UNSUPPORTED:
            json_object_set_new(out, "outcome", json_string("unsupported"));
            json_object_set_new(out, "detail", json_string(r.detail));
            break;
        case OUT_INVALID:
            json_object_set_new(out, "outcome", json_string("invalid"));
            if (r.kind) {
                int ok = 0;
                for (const char *const *k = ERROR_KINDS; *k; k++)
                    if (strcmp(*k, r.kind) == 0) ok = 1;
                if (!ok) {
                    fprintf(stderr, "adapter bug: unknown kind %s\n", r.kind);
                    abort();
                }
                json_object_set_new(out, "error", json_string(r.kind));
            }
            json_object_set_new(out, "detail", json_stringn_nocheck(r.detail, strlen(r.detail)));
            break;
        }
        answer(out);
        json_decref(req);
    }
    free(line);
    return 0;
}
