//go:build ignore

// GOPATH mode only (the Debian row; see common.go): built by naming the
// files, which `//go:build ignore` does not prevent.

// jose2go (Debian golang-github-dvsekhvalnov-jose2go-dev): jose.DecodeBytes(token,
// key), keys loaded with its keys/rsa and keys/ecc ReadPublic (PEM).
//
// jose2go is a JOSE library: no algorithm allow-list and no JWT claims. So:
//   - a rejection is reported as it is (invalid at any time);
//   - an opaque-payload case it accepts is `valid`;
//   - a JWT case it accepts is `valid` only when the payload is a JSON object
//     with no exp/nbf/iat; otherwise `unsupported` (no clock, no claim
//     checks; the adapter never checks a claim itself);
//   - audience/issuer/subject/required claims/max_age: `unsupported`;
//   - the allow-list is checked only for algorithms jose2go lacks; the
//     deviations its absence causes are listed in the expectations file.
package main

import (
	"encoding/json"
	"strings"

	jose "github.com/dvsekhvalnov/jose2go"
	"github.com/dvsekhvalnov/jose2go/keys/ecc"
	Rsa "github.com/dvsekhvalnov/jose2go/keys/rsa"
)

type jose2go struct{}

var lib adapterLib = jose2go{}

func (jose2go) library() string { return "jose2go" }

var jose2goImplemented = []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}

type jose2goKeyError struct{ err error }

func (k jose2goKeyError) Error() string { return "key: " + k.err.Error() }

// jose2go's errors → the spec's kinds (the one place). Its errors are plain
// errors.New texts.
func (jose2go) mapError(err error) string {
	if _, ok := err.(jose2goKeyError); ok {
		return "key_mismatch"
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "expects token of 3 or 5 parts"), strings.Contains(msg, "illegal base64"), strings.HasPrefix(msg, "invalid character"), strings.Contains(msg, "unexpected end of JSON"), strings.Contains(msg, "cannot unmarshal"):
		return "malformed"
	case strings.Contains(msg, "Unknown algorithm"):
		return "algorithm_not_allowed"
	case strings.Contains(msg, "'alg' header is missing"):
		return "invalid_header"
	case strings.Contains(msg, "expects key to be") || strings.Contains(msg, "expects key of type"):
		return "key_mismatch"
	case strings.Contains(msg, "verification error"), strings.Contains(msg, "signature is not valid"), strings.Contains(msg, "Signature is invalid"), strings.Contains(msg, "signature"):
		return "invalid_signature"
	}
	return ""
}

func jose2goKey(jwk map[string]interface{}) (interface{}, error) {
	k, err := pemKey(jwk, pemLoaders{
		rsa: func(p []byte) (interface{}, error) { return Rsa.ReadPublic(p) },
		ec:  func(p []byte) (interface{}, error) { return ecc.ReadPublic(p) },
		okp: func([]byte) (interface{}, error) { return nil, errUnsupportedKey },
	})
	if err != nil {
		return nil, jose2goKeyError{err}
	}
	return k, nil
}

type constErr string

func (e constErr) Error() string { return string(e) }

const errUnsupportedKey = constErr("jose2go has no Ed25519 (OKP) keys")

func (jose2go) verify(token string, jwk map[string]interface{}, _ []byte, v *validation) error {
	if err := commonUnsupported(v); err != nil {
		return err
	}
	if !v.opaque() {
		for _, s := range []string{"audience", "issuer", "subject", "required_claims", "max_age"} {
			if v.has(s) {
				return unsupportedf("jose2go is a JOSE library: it has no JWT claim validation (no %s option)", s)
			}
		}
	}
	if _, err := checkAlgorithms(v, jose2goImplemented, "jose2go"); err != nil {
		return err
	}
	key, err := jose2goKey(jwk)
	if err != nil {
		return err
	}
	payload, _, err := jose.DecodeBytes(token, key)
	if err != nil {
		return err
	}
	if v.opaque() {
		return nil
	}
	var claims map[string]interface{}
	if json.Unmarshal(payload, &claims) != nil || claims == nil {
		return unsupportedf("jose2go accepted the signature; it does not parse the JWT claims set, so whether the payload is a valid claims set is not its verdict")
	}
	for _, c := range []string{"exp", "nbf", "iat"} {
		if _, ok := claims[c]; ok {
			return unsupportedf("jose2go accepted the signature; it has no clock and no exp/nbf/iat validation, so its verdict at the case's time cannot be expressed")
		}
	}
	return nil
}
