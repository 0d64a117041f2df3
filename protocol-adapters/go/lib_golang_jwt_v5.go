// golang-jwt/jwt v5 (module github.com/golang-jwt/jwt/v5, pinned in go.mod):
// jwt.NewParser(options...).Parse with MapClaims, every setting through the
// parser's own options:
//   - algorithms → WithValidMethods (unchanged, `none` included: the library
//     then still refuses an unsecured token unless the key is its
//     UnsafeAllowNoneSignatureType, which the adapter never gives);
//   - now/now_ns → WithTimeFunc (nanosecond time.Time);
//   - leeway → WithLeeway;
//   - audience → WithAudience(list...) (any one matches, as the spec says;
//     it makes `aud` required), issuer → WithIssuer, subject → WithSubject
//     (each makes its claim required);
//   - required_claims: exp → WithExpirationRequired, nbf →
//     WithNotBeforeRequired, aud/iss/sub when the matching check is set; any
//     other (iat, jti, …) is unsupported (v5 has no option for it);
//   - WithIssuedAt: the spec rejects an `iat` in the future, and v5 checks
//     `iat` only with this option, so it is always given;
//   - max_age, opaque payloads, profiles: unsupported.
//
// The key as golang-jwt users load one: a secret's raw bytes, otherwise the
// library's Parse*PublicKeyFromPEM on the JWK converted to SPKI PEM.
package main

import (
	"errors"
	"regexp"
	"time"

	jwt "github.com/golang-jwt/jwt/v5"
)

type golangJWTv5 struct{}

var lib adapterLib = golangJWTv5{}

func (golangJWTv5) library() string    { return "golang-jwt/jwt/v5" }
func (golangJWTv5) modulePath() string { return "github.com/golang-jwt/jwt/v5" }

var golangJWTv5Implemented = []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}

// The claims' errors, in the spec's order of checks (types, presence, time,
// audience/issuer/subject): the validator joins every failed check.
var golangJWTv5ClaimKinds = []errKind{
	{jwt.ErrInvalidType, "invalid_claim"},
	{jwt.ErrTokenRequiredClaimMissing, "missing_claim"},
	{jwt.ErrTokenExpired, "expired"},
	{jwt.ErrTokenNotValidYet, "not_yet_valid"},
	{jwt.ErrTokenUsedBeforeIssued, "issued_in_future"},
	{jwt.ErrTokenInvalidAudience, "audience_mismatch"},
	{jwt.ErrTokenInvalidIssuer, "issuer_mismatch"},
	{jwt.ErrTokenInvalidSubject, "subject_mismatch"},
}

// WithValidMethods' refusal: ErrTokenSignatureInvalid with this message and
// nothing wrapped.
var reV5MethodInvalid = regexp.MustCompile(`^token signature is invalid: signing method .* is invalid$`)

// golang-jwt v5's errors → the spec's kinds (the one place).
func (golangJWTv5) mapError(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return "malformed"
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		switch err.Error() {
		case "token is unverifiable: signing method (alg) is unavailable":
			return "algorithm_not_allowed" // an alg v5 does not know
		case "token is unverifiable: signing method (alg) is unspecified":
			return "invalid_header" // alg absent or not a string
		}
		return "key_mismatch" // the key function's error: the JWK could not be loaded
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		switch {
		case reV5MethodInvalid.MatchString(err.Error()):
			return "algorithm_not_allowed"
		case errors.Is(err, jwt.ErrInvalidKeyType), errors.Is(err, jwt.ErrInvalidKey), errors.Is(err, jwt.ErrHashUnavailable):
			return "key_mismatch"
		case errors.Is(err, jwt.NoneSignatureTypeDisallowedError):
			return "algorithm_not_allowed"
		}
		return "invalid_signature"
	case errors.Is(err, jwt.ErrTokenInvalidClaims):
		return kindIs(err, golangJWTv5ClaimKinds)
	}
	return ""
}

func golangJWTv5Key(jwk map[string]interface{}) (interface{}, error) {
	return pemKey(jwk, pemLoaders{
		rsa: func(p []byte) (interface{}, error) { return jwt.ParseRSAPublicKeyFromPEM(p) },
		ec:  func(p []byte) (interface{}, error) { return jwt.ParseECPublicKeyFromPEM(p) },
		okp: func(p []byte) (interface{}, error) { return jwt.ParseEdPublicKeyFromPEM(p) },
	})
}

func (golangJWTv5) verify(token string, jwk map[string]interface{}, _ []byte, v *validation) error {
	if err := commonUnsupported(v); err != nil {
		return err
	}
	if v.opaque() {
		return unsupportedf("golang-jwt verifies JWTs only (the payload is decoded as a claims set)")
	}
	if v.has("max_age") {
		return unsupportedf("golang-jwt v5 has no max_age option")
	}
	algs, err := checkAlgorithms(v, golangJWTv5Implemented, "golang-jwt v5")
	if err != nil {
		return err
	}
	leeway, err := v.leewaySeconds()
	if err != nil {
		return err
	}
	now, err := v.nowTime()
	if err != nil {
		return err
	}
	opts := []jwt.ParserOption{
		jwt.WithValidMethods(algs),
		jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithLeeway(time.Duration(leeway) * time.Second),
		jwt.WithIssuedAt(),
	}
	if v.has("audience") {
		aud := v.strings("audience")
		if len(aud) == 0 {
			return unsupportedf("golang-jwt v5's WithAudience with no audience checks nothing")
		}
		opts = append(opts, jwt.WithAudience(aud...))
	}
	iss, hasIss := v.str("issuer")
	if hasIss {
		if iss == "" {
			return unsupportedf("golang-jwt v5's WithIssuer(\"\") checks nothing")
		}
		opts = append(opts, jwt.WithIssuer(iss))
	}
	sub, hasSub := v.str("subject")
	if hasSub {
		if sub == "" {
			return unsupportedf("golang-jwt v5's WithSubject(\"\") checks nothing")
		}
		opts = append(opts, jwt.WithSubject(sub))
	}
	for _, c := range v.strings("required_claims") {
		switch {
		case c == "exp":
			opts = append(opts, jwt.WithExpirationRequired())
		case c == "nbf":
			opts = append(opts, jwt.WithNotBeforeRequired())
		case c == "aud" && v.has("audience"), c == "iss" && hasIss, c == "sub" && hasSub:
			// required by WithAudience / WithIssuer / WithSubject
		default:
			return unsupportedf("golang-jwt v5 cannot require %q (only exp, nbf, and aud/iss/sub with their checks)", c)
		}
	}
	_, err = jwt.NewParser(opts...).Parse(token, func(*jwt.Token) (interface{}, error) { return golangJWTv5Key(jwk) })
	return err
}
