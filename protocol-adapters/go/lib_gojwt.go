//go:build ignore

// GOPATH mode only (Debian's import path; see common.go): built by naming
// the files, which `//go:build ignore` does not prevent.

// golang-jwt/jwt v4 (Debian golang-github-golang-jwt-jwt-dev):
// jwt.NewParser(jwt.WithValidMethods(algorithms)).Parse with MapClaims, the
// clock frozen through jwt.TimeFunc (the library's clock variable), then the
// library's MapClaims.VerifyAudience / VerifyIssuer for audience / issuer.
package main

import (
	"errors"
	"regexp"
	"time"

	jwt "github.com/golang-jwt/jwt"
)

type goJWT struct{}

var lib adapterLib = goJWT{}

func (goJWT) library() string { return "golang-jwt/jwt" }

var goJWTImplemented = []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}

// The claim checks' bits of a ValidationError, in the spec's order.
var goJWTClaimBits = []struct {
	bit  uint32
	kind string
}{
	{bit: jwt.ValidationErrorExpired, kind: "expired"},
	{bit: jwt.ValidationErrorNotValidYet, kind: "not_yet_valid"},
	{bit: jwt.ValidationErrorIssuedAt, kind: "issued_in_future"},
	{bit: jwt.ValidationErrorAudience, kind: "audience_mismatch"},
	{bit: jwt.ValidationErrorIssuer, kind: "issuer_mismatch"},
	{bit: jwt.ValidationErrorClaimsInvalid, kind: "invalid_claim"},
}

var reMethodInvalid = regexp.MustCompile(`^signing method .* is invalid$`)

// golang-jwt's errors → the spec's kinds (the one place). A ValidationError
// carries a bit set; the spec's order decides which bit names the kind.
func (goJWT) mapError(err error) string {
	var ve *jwt.ValidationError
	if errors.As(err, &ve) {
		switch {
		case ve.Errors&jwt.ValidationErrorMalformed != 0:
			return "malformed"
		case ve.Errors&jwt.ValidationErrorUnverifiable != 0:
			// "signing method (alg) is unavailable." (unknown alg: not in
			// any allow-list) / "unspecified" (alg absent or not a string) /
			// the key function's error (the JWK could not be loaded).
			switch ve.Error() {
			case "signing method (alg) is unavailable.":
				return "algorithm_not_allowed"
			case "signing method (alg) is unspecified.":
				return "invalid_header"
			}
			return "key_mismatch"
		case ve.Errors&jwt.ValidationErrorSignatureInvalid != 0:
			if ve.Inner == nil && reMethodInvalid.MatchString(ve.Error()) {
				return "algorithm_not_allowed" // WithValidMethods refused the alg
			}
			if errors.Is(ve.Inner, jwt.ErrInvalidKeyType) || errors.Is(ve.Inner, jwt.ErrInvalidKey) || errors.Is(ve.Inner, jwt.ErrHashUnavailable) {
				return "key_mismatch"
			}
			if errors.Is(ve.Inner, jwt.NoneSignatureTypeDisallowedError) {
				return "algorithm_not_allowed"
			}
			return "invalid_signature"
		}
		for _, b := range goJWTClaimBits {
			if ve.Errors&b.bit != 0 {
				return b.kind
			}
		}
		return ""
	}
	switch {
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "audience_mismatch"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return "issuer_mismatch"
	}
	return ""
}

// The key as golang-jwt users load one: a secret's raw bytes, otherwise the
// library's Parse*PublicKeyFromPEM on the JWK converted to SPKI PEM.
func goJWTKey(jwk map[string]interface{}) (interface{}, error) {
	return pemKey(jwk, pemLoaders{
		rsa: func(p []byte) (interface{}, error) { return jwt.ParseRSAPublicKeyFromPEM(p) },
		ec:  func(p []byte) (interface{}, error) { return jwt.ParseECPublicKeyFromPEM(p) },
		okp: func(p []byte) (interface{}, error) { return jwt.ParseEdPublicKeyFromPEM(p) },
	})
}

func (goJWT) verify(token string, jwk map[string]interface{}, _ []byte, v *validation) error {
	if err := commonUnsupported(v); err != nil {
		return err
	}
	if v.opaque() {
		return unsupportedf("golang-jwt verifies JWTs only (the payload is decoded as a claims set)")
	}
	if len(v.strings("required_claims")) > 0 {
		return unsupportedf("golang-jwt v4 has no required-claims option")
	}
	if v.has("max_age") {
		return unsupportedf("golang-jwt has no max_age option")
	}
	if v.has("subject") {
		return unsupportedf("golang-jwt v4 has no subject check (MapClaims has no VerifySubject)")
	}
	if l, err := v.leewaySeconds(); err != nil || l != 0 {
		return unsupportedf("golang-jwt v4 has no leeway option (v5's WithLeeway)")
	}
	aud := v.strings("audience")
	if v.has("audience") && len(aud) != 1 {
		return unsupportedf("golang-jwt v4's VerifyAudience takes one audience; the case lists %d", len(aud))
	}
	algs, err := checkAlgorithms(v, goJWTImplemented, "golang-jwt")
	if err != nil {
		return err
	}
	now, err := v.nowTime()
	if err != nil {
		return err
	}
	// The library's clock: MapClaims.Valid reads jwt.TimeFunc().
	jwt.TimeFunc = func() time.Time { return now }
	parser := jwt.NewParser(jwt.WithValidMethods(algs))
	tok, err := parser.Parse(token, func(*jwt.Token) (interface{}, error) { return goJWTKey(jwk) })
	if err != nil {
		return err
	}
	claims := tok.Claims.(jwt.MapClaims)
	if len(aud) == 1 && !claims.VerifyAudience(aud[0], true) {
		return jwt.ErrTokenInvalidAudience
	}
	if iss, ok := v.str("issuer"); ok && !claims.VerifyIssuer(iss, true) {
		return jwt.ErrTokenInvalidIssuer
	}
	return nil
}
