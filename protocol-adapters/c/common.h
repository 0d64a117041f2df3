/* jwtproof-adapter/1 loop shared by the C adapters (see protocol-adapters/README.md).
 *
 * Each adapter is one binary: common.c + one lib_*.c, compiled with gcc by
 * `cargo xtask setup-external` into target/external/c/<name>; the version of
 * the Debian package that ships the library is written next to it as
 * <name>.version (a library with a version API reports that instead). JSON
 * through jansson. */
#ifndef JWTPROOF_COMMON_H
#define JWTPROOF_COMMON_H
#include <jansson.h>
#include <stddef.h>

enum outcome { OUT_VALID, OUT_INVALID, OUT_UNSUPPORTED };

typedef struct {
    enum outcome outcome;
    const char *kind; /* spec error kind or NULL (invalid only) */
    char detail[512];
} result_t;

/* The case's time, read exactly from the request's text. */
typedef struct {
    int in_range;        /* seconds fit a 32-bit-safe long long range */
    long long seconds;   /* floor(now) */
    int has_fraction;    /* now_ns with a non-zero sub-second part */
    long nanos;          /* that sub-second part, 0..999999999 */
} case_time_t;

/* 1 while a `bench` request with `wall_clock` runs: its `now` is the wall
 * clock, so an adapter fakes no clock (libfaketime) inside the timed loop. */
extern int wall_clock;

/* What a lib_*.c provides. */
extern const char *LIB_NAME;
/* The library's version (NULL: read <exe>.version). */
const char *lib_version(void);
void lib_verify(const char *token, json_t *jwk, json_t *v, const case_time_t *t, result_t *r);

/* Helpers. */
void set_unsupported(result_t *r, const char *fmt, ...);
void set_invalid(result_t *r, const char *kind, const char *fmt, ...);
/* NULL when fine, else a reason (profile/origin). */
const char *common_unsupported(json_t *v);
/* 1 when every algorithm of the allow-list but `none` is in `implemented`
 * (NULL-terminated); else sets r unsupported. */
int check_algorithms(json_t *v, const char *const *implemented, result_t *r);
int is_opaque(json_t *v);
/* The first JWT claim setting the case has (audience, issuer, subject,
 * required_claims, max_age), or NULL: for the libraries that check no claims. */
const char *claim_setting(json_t *v);
double leeway(json_t *v);
/* base64url (no padding) → bytes (malloc'd), -1 on a bad character. */
long b64url_decode(const char *in, unsigned char **out);
/* An RSA / EC / OKP JWK as SPKI "PUBLIC KEY" PEM (malloc'd, NUL-terminated);
 * an oct JWK as its raw secret bytes. Returns length or -1. */
long jwk_key_bytes(json_t *jwk, unsigned char **out, int *is_pem);
/* 1 when the JSON object `claims` has exp, nbf or iat. */
int has_time_claims(json_t *claims);
#endif
