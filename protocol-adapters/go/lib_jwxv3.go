// lestrrat-go/jwx v3 (Go module, pinned in go.mod): the key is a jwk.Key
// parsed from the JWK (jwk.ParseKey); JWTs through jwt.Parse with one
// jwt.WithKey(alg, key) per allowed algorithm, the case's time through
// jwt.WithClock, leeway through jwt.WithAcceptableSkew, and the library's own
// WithRequiredClaim / WithAudience / WithIssuer / WithSubject /
// WithMaxDelta(max_age, now, iat) validators; opaque payloads through
// jws.Verify with the same jws.WithKey(alg, key) options. Everything else is
// jwx's defaults (validation on, the header's alg not compared with the
// WithKey one unless jws.WithAlgorithmMatch(true) is given: users do not).
//
// The allow-list: jwx verifies with the algorithm each WithKey names, so the
// allow-list is the set of WithKey algorithms. `none` is passed as
// jwa.NoSignature() like any other listed algorithm (jws.Verify refuses it).
package main

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

type jwxV3 struct{}

var lib adapterLib = jwxV3{}

func (jwxV3) library() string { return "lestrrat-go/jwx" }

func (jwxV3) modulePath() string { return "github.com/lestrrat-go/jwx/v3" }

var jwxV3Implemented = []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}

type jwxV3KeyError struct{ err error }

func (k jwxV3KeyError) Error() string { return "jwk.ParseKey: " + k.err.Error() }
func (k jwxV3KeyError) Unwrap() error { return k.err }

// jwx's claim errors (errors.Is on its exported sentinels) and their kinds.
var jwxV3ClaimKinds = []errKind{
	{jwt.TokenExpiredError(), "expired"},
	{jwt.TokenNotYetValidError(), "not_yet_valid"},
	{jwt.InvalidIssuedAtError(), "issued_in_future"},
	{jwt.InvalidAudienceError(), "audience_mismatch"},
	{jwt.InvalidIssuerError(), "issuer_mismatch"},
	{jwt.MissingRequiredClaimError(), "missing_claim"},
}

// jwx's errors → the spec's kinds (the one place).
func (jwxV3) mapError(err error) string {
	var ke jwxV3KeyError
	if errors.As(err, &ke) {
		return "key_mismatch"
	}
	if kind := kindIs(err, jwxV3ClaimKinds); kind != "" {
		return kind
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, `claim "sub" does not have the expected value`):
		return "subject_mismatch" // WithSubject: ClaimValueIs("sub", …)
	case strings.Contains(msg, "iitr between  and iat exceeds"):
		return "expired" // WithMaxDelta(max_age, "", "iat"): now - iat > max_age
	case strings.Contains(msg, `failed to extract "alg" from protected header`):
		if strings.Contains(msg, "not found") {
			return "invalid_header"
		}
		return "malformed" // the header segment is not base64url JSON
	case strings.Contains(msg, "failed to parse JOSE headers: failed to decode value for key"):
		return "invalid_header" // a registered header member of the wrong type
	case strings.Contains(msg, "failed to split compact"), strings.Contains(msg, "illegal base64"), strings.Contains(msg, "failed to parse JOSE headers"):
		return "malformed"
	case strings.Contains(msg, "does not match caller-supplied algorithm"):
		return "algorithm_not_allowed" // the header's alg is not the WithKey one
	case strings.Contains(msg, "is not compatible with key type"), strings.Contains(msg, "invalid key type"):
		return "key_mismatch" // no allowed algorithm fits the key's type
	case errors.Is(err, jws.VerificationError()):
		return "invalid_signature"
	}
	return ""
}

// jwxV3Algorithms: the allowed algorithms jwx is given a WithKey for. jwx
// refuses the whole option set when one (alg, key) pair does not fit
// (`jws.WithKey: algorithm "RS256" is not compatible with key type …`): its
// users name only the algorithms of their key's type. So the allow-list is
// narrowed to the algorithms jwx itself pairs with the key
// (jws.AlgorithmsForKey, the table its WithKey check uses); when none of the
// listed ones fits, the list is passed unchanged and jwx refuses it.
func jwxV3Algorithms(v *validation, key jwk.Key) ([]jwa.SignatureAlgorithm, error) {
	algs, err := checkAlgorithms(v, jwxV3Implemented, "jwx")
	if err != nil {
		return nil, err
	}
	var all, fitting []jwa.SignatureAlgorithm
	var forKey []jwa.SignatureAlgorithm
	if key != nil {
		forKey, _ = jws.AlgorithmsForKey(key)
	}
	for _, a := range algs {
		alg, ok := jwa.LookupSignatureAlgorithm(a)
		if !ok {
			return nil, unsupportedf("jwx has no signature algorithm %q", a)
		}
		all = append(all, alg)
		if slices.Contains(forKey, alg) {
			fitting = append(fitting, alg)
		}
	}
	if len(fitting) > 0 {
		return fitting, nil
	}
	return all, nil
}

func (jwxV3) verify(token string, jwkMap map[string]interface{}, rawKey []byte, v *validation) error {
	if err := commonUnsupported(v); err != nil {
		return err
	}
	var key jwk.Key
	if jwkMap != nil {
		// The key as jwx users load a JWK.
		var err error
		if key, err = jwk.ParseKey(rawKey); err != nil {
			return jwxV3KeyError{err}
		}
	}
	algs, err := jwxV3Algorithms(v, key)
	if err != nil {
		return err
	}
	if v.opaque() {
		var opts []jws.VerifyOption
		if key != nil {
			for _, alg := range algs {
				opts = append(opts, jws.WithKey(alg, key))
			}
		}
		_, err := jws.Verify([]byte(token), opts...)
		return err
	}
	var opts []jwt.ParseOption
	if key != nil {
		for _, alg := range algs {
			opts = append(opts, jwt.WithKey(alg, key))
		}
	}
	now, err := v.nowTime()
	if err != nil {
		return err
	}
	leewayS, err := v.leewaySeconds()
	if err != nil {
		return err
	}
	leeway, err := secondsDuration("leeway", leewayS)
	if err != nil {
		return err
	}
	opts = append(opts,
		jwt.WithValidate(true),
		jwt.WithClock(jwt.ClockFunc(func() time.Time { return now })),
		jwt.WithAcceptableSkew(leeway),
	)
	for _, c := range v.strings("required_claims") {
		opts = append(opts, jwt.WithRequiredClaim(c))
	}
	if v.has("audience") {
		aud := v.strings("audience")
		if len(aud) != 1 {
			return unsupportedf("jwx's WithAudience takes one value (several must all be in aud); the case accepts any of %d", len(aud))
		}
		opts = append(opts, jwt.WithAudience(aud[0]))
	}
	if iss, ok := v.str("issuer"); ok {
		opts = append(opts, jwt.WithIssuer(iss))
	}
	if sub, ok := v.str("subject"); ok {
		opts = append(opts, jwt.WithSubject(sub))
	}
	if maxAge, ok, err := v.maxAgeSeconds(); err != nil {
		return err
	} else if ok {
		d, err := secondsDuration("max_age", maxAge)
		if err != nil {
			return err
		}
		// now - iat <= max_age (+ skew); iat required.
		opts = append(opts, jwt.WithMaxDelta(d, "", jwt.IssuedAtKey))
	}
	_, err = jwt.Parse([]byte(token), opts...)
	return err
}
