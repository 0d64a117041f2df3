//go:build ignore

// GOPATH mode only (Debian's import path; see common.go): built by naming
// the files, which `//go:build ignore` does not prevent.

// go-jose v2 (Debian golang-gopkg-square-go-jose.v2-dev): the key is a
// jose.JSONWebKey unmarshalled from the JWK; JWTs through jwt.ParseSigned +
// Claims(key, &jwt.Claims) + Claims.ValidateWithLeeway(jwt.Expected{Time: now,
// …}, leeway); opaque payloads through jose.ParseSigned + Verify(key).
//
// go-jose v2 has no algorithm allow-list (v3 added one to ParseSigned): the
// token's alg and the key's type choose the algorithm. The case's allow-list
// is checked only for algorithms go-jose lacks (unsupported); every deviation
// this causes is listed, with that reason, in the expectations file.
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"

	jose "gopkg.in/square/go-jose.v2"
	"gopkg.in/square/go-jose.v2/jwt"
)

type goJose struct{}

var lib adapterLib = goJose{}

func (goJose) library() string { return "go-jose" }

var goJoseImplemented = []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}

type keyError struct{ err error }

func (k keyError) Error() string { return "JWK: " + k.err.Error() }

// go-jose's errors (errors.Is) and their kinds, in the order they are
// tried: the JWS ones, then the claims' (goJoseClaimKinds).
var goJoseKinds = []errKind{
	{jose.ErrUnsupportedKeyType, "key_mismatch"},
	{jose.ErrInvalidKeySize, "key_mismatch"},
	// Also what DetachedVerify returns for a crit it does not support.
	{jose.ErrCryptoFailure, "invalid_signature"},
	{jose.ErrUnsupportedAlgorithm, "algorithm_not_allowed"},
}

var goJoseClaimKinds = []errKind{
	{jwt.ErrExpired, "expired"},
	{jwt.ErrNotValidYet, "not_yet_valid"},
	{jwt.ErrIssuedInTheFuture, "issued_in_future"},
	{jwt.ErrInvalidAudience, "audience_mismatch"},
	{jwt.ErrInvalidIssuer, "issuer_mismatch"},
	{jwt.ErrInvalidSubject, "subject_mismatch"},
	{jwt.ErrUnmarshalAudience, "invalid_claim"},
	{jwt.ErrUnmarshalNumericDate, "invalid_claim"},
}

// go-jose's errors → the spec's kinds (the one place).
func (goJose) mapError(err error) string {
	var ke keyError
	var se *json.SyntaxError
	var b64 base64.CorruptInputError
	if errors.As(err, &ke) {
		return "key_mismatch"
	}
	if kind := kindIs(err, goJoseKinds); kind != "" {
		return kind
	}
	if kind := kindIs(err, goJoseClaimKinds); kind != "" {
		return kind
	}
	if errors.As(err, &b64) || errors.As(err, &se) {
		return "malformed"
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "compact JWS format must have three parts"), strings.Contains(msg, "json: "), strings.Contains(msg, "illegal base64"):
		return "malformed"
	case strings.Contains(msg, "square/go-jose/jwt: expected") || strings.Contains(msg, "cannot unmarshal"):
		return "invalid_claim"
	}
	return ""
}

func (goJose) verify(token string, jwk map[string]interface{}, rawKey []byte, v *validation) error {
	if err := commonUnsupported(v); err != nil {
		return err
	}
	if _, err := checkAlgorithms(v, goJoseImplemented, "go-jose"); err != nil {
		return err
	}
	var key interface{}
	if jwk != nil {
		// The key as go-jose users load a JWK: json.Unmarshal into JSONWebKey.
		var k jose.JSONWebKey
		if err := k.UnmarshalJSON(rawKey); err != nil {
			return keyError{err}
		}
		key = &k
	}
	if v.opaque() {
		jws, err := jose.ParseSigned(token)
		if err != nil {
			return err
		}
		_, err = jws.Verify(key)
		return err
	}
	if len(v.strings("required_claims")) > 0 {
		return unsupportedf("go-jose v2 has no required-claims option")
	}
	if v.has("max_age") {
		return unsupportedf("go-jose v2 has no max_age option")
	}
	exp := jwt.Expected{}
	if v.has("audience") {
		aud := v.strings("audience")
		if len(aud) != 1 {
			return unsupportedf("go-jose's Expected.Audience requires every listed value; the case accepts any of %d", len(aud))
		}
		exp.Audience = jwt.Audience(aud)
	}
	if iss, ok := v.str("issuer"); ok {
		if iss == "" {
			return unsupportedf("go-jose treats an empty Expected.Issuer as no issuer check")
		}
		exp.Issuer = iss
	}
	if sub, ok := v.str("subject"); ok {
		if sub == "" {
			return unsupportedf("go-jose treats an empty Expected.Subject as no subject check")
		}
		exp.Subject = sub
	}
	now, err := v.nowTime()
	if err != nil {
		return err
	}
	if now.IsZero() {
		return unsupportedf("go-jose skips the time checks when Expected.Time is the zero time")
	}
	exp.Time = now // go-jose's clock option
	leeway, err := v.leewaySeconds()
	if err != nil {
		return err
	}
	tok, err := jwt.ParseSigned(token)
	if err != nil {
		return err
	}
	var claims jwt.Claims
	if err := tok.Claims(key, &claims); err != nil {
		return err
	}
	return claims.ValidateWithLeeway(exp, time.Duration(leeway)*time.Second)
}
