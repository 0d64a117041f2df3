// jwtproof-adapter/1 loop shared by the Go adapters (see protocol-adapters/README.md).
//
// Each adapter is one binary built from this file and one lib_*.go file
// (package main), which defines `var lib adapterLib`, by `cargo xtask
// setup-external` into target/external/go/<name>, in one of two modes:
//   - GOPATH mode against Debian's /usr/share/gocode (GO111MODULE=off): the
//     Debian rows (lib_gojwt.go, lib_gojose.go, lib_jose2go.go). The version
//     of the Debian package that ships the library is written next to the
//     binary as <name>.version at build time. They carry `//go:build
//     ignore`, so module-mode tools (go mod tidy, go vet) leave them out and
//     go.mod pins no Debian library; naming a file on the command line
//     builds it regardless.
//   - module mode against go.mod/go.sum (the current releases): the version
//     is the one the binary was built with (runtime/debug.ReadBuildInfo, the
//     module the lib names with modulePath()).
//
// common.go builds in both modes.
package main

import (
	"bufio"
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"runtime/debug"
	"strings"
	"time"
)

const protocol = "jwtproof-adapter/1"

// The spec's closed list of error kinds (verification-rules.md).
var errorKinds = map[string]bool{
	"malformed": true, "invalid_header": true, "algorithm_not_allowed": true,
	"unsupported_critical_header": true, "key_mismatch": true, "invalid_signature": true,
	"invalid_claim": true, "missing_claim": true, "expired": true, "not_yet_valid": true,
	"issued_in_future": true, "audience_mismatch": true, "issuer_mismatch": true,
	"subject_mismatch": true, "nonce_out_of_window": true,
}

// adapterLib is what a lib_*.go file provides.
type adapterLib interface {
	library() string
	// verify returns nil when the library accepts the token, an
	// *unsupported for what it cannot express, any other error when the
	// library rejects the token.
	verify(token string, jwk map[string]interface{}, rawKey []byte, v *validation) error
	// mapError: the spec error kind of a library error, or "" (the one place).
	mapError(err error) string
}

type unsupported struct{ msg string }

func (u *unsupported) Error() string { return u.msg }

func unsupportedf(format string, a ...interface{}) error {
	return &unsupported{fmt.Sprintf(format, a...)}
}

// validation is the case's validation object, decoded with exact numbers.
type validation struct {
	raw        map[string]interface{}
	Algorithms []string
}

func (v *validation) has(name string) bool { _, ok := v.raw[name]; return ok }

func (v *validation) str(name string) (string, bool) {
	s, ok := v.raw[name].(string)
	return s, ok
}

func (v *validation) strings(name string) []string {
	var out []string
	if a, ok := v.raw[name].([]interface{}); ok {
		for _, x := range a {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func (v *validation) opaque() bool { s, _ := v.str("payload"); return s == "opaque" }

// leewaySeconds: the leeway (default 0) as an integer number of seconds.
func (v *validation) leewaySeconds() (int64, error) {
	n, ok := v.raw["leeway"].(json.Number)
	if !ok {
		return 0, nil
	}
	i, err := n.Int64()
	if err != nil {
		return 0, unsupportedf("leeway %s is not a whole number of seconds", n)
	}
	return i, nil
}

// nowNs: the case's time in nanoseconds, exactly.
func (v *validation) nowNs() *big.Int {
	if n, ok := v.raw["now_ns"].(json.Number); ok {
		b, _ := new(big.Int).SetString(n.String(), 10)
		return b
	}
	n, _ := v.raw["now"].(json.Number)
	b, _ := new(big.Int).SetString(n.String(), 10)
	if b == nil {
		b = new(big.Int)
	}
	return b.Mul(b, big.NewInt(1_000_000_000))
}

// nowTime: the case's time as a time.Time (nanosecond precision), or
// unsupported when it is outside what a time.Time holds.
func (v *validation) nowTime() (time.Time, error) {
	ns := v.nowNs()
	sec, rem := new(big.Int).DivMod(ns, big.NewInt(1_000_000_000), new(big.Int))
	if !sec.IsInt64() || sec.Int64() > 1<<62 || sec.Int64() < -(1<<62) {
		return time.Time{}, unsupportedf("the case's time (%s ns) is outside Go's time.Time", ns)
	}
	return time.Unix(sec.Int64(), rem.Int64()).UTC(), nil
}

// nowWholeSeconds: the case's time in whole seconds, for libraries whose
// clock is read in whole seconds only; unsupported when now_ns has a fraction.
func (v *validation) nowWholeSeconds() (int64, error) {
	ns := v.nowNs()
	sec, rem := new(big.Int).DivMod(ns, big.NewInt(1_000_000_000), new(big.Int))
	if rem.Sign() != 0 {
		return 0, unsupportedf("the library's clock is whole seconds; now_ns has a fraction")
	}
	if !sec.IsInt64() {
		return 0, unsupportedf("the case's time is outside an int64 of seconds")
	}
	return sec.Int64(), nil
}

// commonUnsupported: settings no general-purpose library has.
func commonUnsupported(v *validation) error {
	if p, ok := v.raw["profile"]; ok {
		return unsupportedf("no API-profile rules (%v) in a general-purpose JWT library", p)
	}
	if v.has("origin") {
		return unsupportedf("no Origin check (voicegain profile) in a general-purpose JWT library")
	}
	return nil
}

// checkAlgorithms: the allow-list unchanged (`none` included); unsupported
// when it names an algorithm the library does not implement.
func checkAlgorithms(v *validation, implemented []string, library string) ([]string, error) {
	var lacking []string
	for _, a := range v.Algorithms {
		if a == "none" {
			continue
		}
		found := false
		for _, i := range implemented {
			if i == a {
				found = true
			}
		}
		if !found {
			lacking = append(lacking, a)
		}
	}
	if len(lacking) > 0 {
		return nil, unsupportedf("%s does not implement %s", library, strings.Join(lacking, ", "))
	}
	return append([]string(nil), v.Algorithms...), nil
}

// --- JWK → SPKI PEM, for libraries that take PEM keys (as their users
// convert a JWK). The key material is copied as it is: the library's PEM
// parser judges it.

func b64u(jwk map[string]interface{}, name string) ([]byte, error) {
	s, ok := jwk[name].(string)
	if !ok {
		return nil, fmt.Errorf("JWK member %q missing or not a string", name)
	}
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// b64uAll: the named base64url members, decoded, or the first one's error.
func b64uAll(jwk map[string]interface{}, names ...string) ([][]byte, error) {
	out := make([][]byte, len(names))
	for i, name := range names {
		b, err := b64u(jwk, name)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

var (
	oidEC      = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidEd25519 = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidCurves  = map[string]asn1.ObjectIdentifier{
		"P-256": {1, 2, 840, 10045, 3, 1, 7},
		"P-384": {1, 3, 132, 0, 34},
		"P-521": {1, 3, 132, 0, 35},
	}
)

type spkiEC struct {
	Alg struct {
		Algorithm asn1.ObjectIdentifier
		Curve     asn1.ObjectIdentifier
	}
	Key asn1.BitString
}

type spkiEd struct {
	Alg struct{ Algorithm asn1.ObjectIdentifier }
	Key asn1.BitString
}

// jwkToPEM: an RSA/EC/OKP JWK as a PUBLIC KEY PEM block; (nil, secret) for oct.
func jwkToPEM(jwk map[string]interface{}) (pemBytes []byte, secret []byte, err error) {
	var der []byte
	var members [][]byte
	switch jwk["kty"] {
	case "oct":
		k, err := b64u(jwk, "k")
		return nil, k, err
	case "RSA":
		if members, err = b64uAll(jwk, "n", "e"); err != nil {
			return nil, nil, err
		}
		eInt := new(big.Int).SetBytes(members[1])
		if !eInt.IsInt64() || eInt.Int64() > 1<<31-1 {
			return nil, nil, errors.New("RSA exponent too large")
		}
		der, err = x509.MarshalPKIXPublicKey(&rsa.PublicKey{N: new(big.Int).SetBytes(members[0]), E: int(eInt.Int64())})
	case "EC":
		crv, _ := jwk["crv"].(string)
		oid, ok := oidCurves[crv]
		if !ok {
			return nil, nil, fmt.Errorf("unknown EC curve %q", crv)
		}
		if members, err = b64uAll(jwk, "x", "y"); err != nil {
			return nil, nil, err
		}
		var s spkiEC
		s.Alg.Algorithm, s.Alg.Curve = oidEC, oid
		point := append(append([]byte{4}, members[0]...), members[1]...)
		s.Key = asn1.BitString{Bytes: point, BitLength: 8 * len(point)}
		der, err = asn1.Marshal(s)
	case "OKP":
		if crv, _ := jwk["crv"].(string); crv != "Ed25519" {
			return nil, nil, fmt.Errorf("unsupported OKP curve %q", crv)
		}
		if members, err = b64uAll(jwk, "x"); err != nil {
			return nil, nil, err
		}
		var s spkiEd
		s.Alg.Algorithm = oidEd25519
		s.Key = asn1.BitString{Bytes: members[0], BitLength: 8 * len(members[0])}
		der, err = asn1.Marshal(s)
	default:
		return nil, nil, fmt.Errorf("unsupported kty %v", jwk["kty"])
	}
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil, nil
}

// pemLoaders: a library's loaders of SPKI PEM public keys, by key type
// (okp: any other type jwkToPEM converts).
type pemLoaders struct {
	rsa, ec, okp func(pem []byte) (interface{}, error)
}

// pemKey: the key as a library that loads PEM takes it: nil without a JWK,
// a secret's raw bytes, otherwise the library's loader on the JWK converted
// to SPKI PEM (jwkToPEM, whose error is returned as it is).
func pemKey(jwk map[string]interface{}, load pemLoaders) (interface{}, error) {
	if jwk == nil {
		return nil, nil
	}
	p, secret, err := jwkToPEM(jwk)
	if err != nil {
		return nil, err
	}
	switch jwk["kty"] {
	case "oct":
		return secret, nil
	case "RSA":
		return load.rsa(p)
	case "EC":
		return load.ec(p)
	default:
		return load.okp(p)
	}
}

// errKind: an error a library returns (matched with errors.Is) and its kind.
type errKind struct {
	target error
	kind   string
}

// kindIs: the kind of the first entry of table that err is (errors.Is); ""
// when none.
func kindIs(err error, table []errKind) string {
	for _, e := range table {
		if errors.Is(err, e.target) {
			return e.kind
		}
	}
	return ""
}

// --- the loop

func answer(w *bufio.Writer, obj map[string]interface{}) {
	b, _ := json.Marshal(obj)
	w.Write(b)
	w.WriteByte('\n')
	w.Flush()
}

// moduleLib: a lib built in module mode names its library's module path, whose
// version the binary's build information holds.
type moduleLib interface{ modulePath() string }

// libraryVersion: the version of the library module the binary was built
// with, when it was built in module mode; otherwise (GOPATH mode: the build
// information lists no modules) the <binary>.version file setup wrote (an
// error when there is none).
func libraryVersion() (string, error) {
	if m, ok := lib.(moduleLib); ok {
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, d := range info.Deps {
				if d.Path == m.modulePath() {
					if d.Replace != nil {
						d = d.Replace
					}
					return strings.TrimPrefix(d.Version, "v"), nil
				}
			}
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	b, err := os.ReadFile(exe + ".version")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// caseVerifier decodes a case's arguments once and returns the call that
// runs the library on them (lib.verify: the adapter's per-call mapping and
// the library's verification), for a case and for a bench loop alike.
func caseVerifier(req map[string]interface{}, rawReq map[string]json.RawMessage) (func() error, error) {
	token, _ := req["token"].(string)
	vraw, ok := req["validation"].(map[string]interface{})
	if !ok {
		return nil, unsupportedf("the request carries no validation object (the runner could not serialize the case's settings)")
	}
	v := &validation{raw: vraw, Algorithms: nil}
	v.Algorithms = v.strings("algorithms")
	jwk, _ := req["key"].(map[string]interface{})
	var rawKey []byte
	if jwk != nil {
		rawKey = rawReq["key"]
	}
	return func() error { return lib.verify(token, jwk, rawKey, v) }, nil
}

// runBench answers a bench request: one verification (a token the library
// does not accept is `unsupported`, with why), then `iterations`
// verifications timed with the monotonic clock inside this process
// (process start-up is not measured; the adapter's per-call mapping is).
func runBench(req map[string]interface{}, rawReq map[string]json.RawMessage) (out map[string]interface{}) {
	out = map[string]interface{}{"type": "bench", "id": req["id"]}
	defer func() {
		if r := recover(); r != nil {
			delete(out, "ns_per_op")
			out["unsupported"] = fmt.Sprintf("panic: %v", r)
		}
	}()
	verify, err := caseVerifier(req, rawReq)
	if err == nil {
		err = verify()
	}
	if err != nil {
		d := fmt.Sprintf("%T: %v", err, err)
		var u *unsupported
		if errors.As(err, &u) {
			d = "unsupported: " + u.msg
		}
		if len(d) > 300 {
			d = d[:300]
		}
		out["unsupported"] = d
		return
	}
	n := int64(100)
	if it, ok := req["iterations"].(json.Number); ok {
		if i, e := it.Int64(); e == nil && i > 0 {
			n = i
		}
	}
	start := time.Now() // carries a monotonic reading; time.Since uses it
	for i := int64(0); i < n; i++ {
		verify()
	}
	elapsed := time.Since(start)
	out["ns_per_op"] = float64(elapsed.Nanoseconds()) / float64(n)
	return
}

func runCase(req map[string]interface{}, rawReq map[string]json.RawMessage) (out map[string]interface{}) {
	out = map[string]interface{}{"type": "outcome", "id": req["id"]}
	defer func() {
		if r := recover(); r != nil {
			// A panic inside the library is the library rejecting the token
			// (the detail says so); it is not mapped to a kind.
			out["outcome"] = "invalid"
			out["detail"] = fmt.Sprintf("panic: %v", r)
			delete(out, "error")
		}
	}()
	verify, err := caseVerifier(req, rawReq)
	if err == nil {
		// elapsed_ns: the library call alone (with the adapter's per-call
		// mapping), on the monotonic clock time.Now carries. A panic skips
		// it (the deferred handler answers without a time).
		start := time.Now()
		err = verify()
		out["elapsed_ns"] = time.Since(start).Nanoseconds()
	}
	var u *unsupported
	switch {
	case err == nil:
		out["outcome"] = "valid"
	case errors.As(err, &u):
		out["outcome"] = "unsupported"
		out["detail"] = u.msg
		delete(out, "elapsed_ns")
	default:
		out["outcome"] = "invalid"
		if kind := lib.mapError(err); kind != "" {
			if !errorKinds[kind] {
				panic("adapter bug: unknown kind " + kind)
			}
			out["error"] = kind
		}
		d := fmt.Sprintf("%T: %v", err, err)
		if len(d) > 500 {
			d = d[:500]
		}
		out["detail"] = d
	}
	return
}

func main() {
	version, verr := libraryVersion()
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	w := bufio.NewWriter(os.Stdout)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req map[string]interface{}
			var rawReq map[string]json.RawMessage
			dec := json.NewDecoder(bytes.NewReader(line))
			dec.UseNumber()
			if e := dec.Decode(&req); e != nil {
				fmt.Fprintln(os.Stderr, "bad request:", e)
				os.Exit(2)
			}
			json.Unmarshal(line, &rawReq)
			if req["type"] == "hello" {
				if verr != nil {
					answer(w, map[string]interface{}{"type": "hello", "unavailable": fmt.Sprintf("cannot read the library version: %v (run `cargo xtask setup-external`)", verr)})
					return
				}
				answer(w, map[string]interface{}{"type": "hello", "library": lib.library(), "version": version})
			} else if req["type"] == "bench" {
				answer(w, runBench(req, rawReq))
			} else {
				answer(w, runCase(req, rawReq))
			}
		}
		if err != nil {
			return
		}
	}
}

// maxAgeSeconds: max_age as a whole number of seconds (present: false when absent).
func (v *validation) maxAgeSeconds() (int64, bool, error) {
	n, ok := v.raw["max_age"].(json.Number)
	if !ok {
		return 0, false, nil
	}
	i, err := n.Int64()
	if err != nil {
		return 0, true, unsupportedf("max_age %s is not a whole number of seconds", n)
	}
	return i, true, nil
}

// secondsDuration: n seconds as a time.Duration, or unsupported when that
// overflows (a Duration holds about 292 years).
func secondsDuration(name string, n int64) (time.Duration, error) {
	if n > int64(1<<63-1)/int64(time.Second) || n < -int64(1<<63-1)/int64(time.Second) {
		return 0, unsupportedf("%s of %d s is outside Go's time.Duration (±292 years)", name, n)
	}
	return time.Duration(n) * time.Second, nil
}
