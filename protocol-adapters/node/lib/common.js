'use strict'
// Shared by the Node adapters.

class Unsupported extends Error {}

// The spec's closed list of error kinds (verification-rules.md).
const ERROR_KINDS = new Set([
  'malformed', 'invalid_header', 'algorithm_not_allowed', 'unsupported_critical_header', 'key_mismatch',
  'invalid_signature', 'invalid_claim', 'missing_claim', 'expired', 'not_yet_valid', 'issued_in_future',
  'audience_mismatch', 'issuer_mismatch', 'subject_mismatch', 'nonce_out_of_window'
])

// The case's time, exactly: now_ns can exceed 2^53, so it is read from the
// raw request line as a BigInt. Returns { ns: BigInt }.
function clockOf(line, validation) {
  const m = /"now_ns"\s*:\s*(-?\d+)/.exec(line)
  if (m && validation.now_ns !== undefined) return { ns: BigInt(m[1]) }
  return { ns: BigInt(validation.now) * 1_000_000_000n }
}

// Milliseconds since the epoch (rounded down; exact against whole-second claims).
function millis(clock) {
  const ns = clock.ns
  const q = ns / 1_000_000n
  return Number(ns < 0n && q * 1_000_000n !== ns ? q - 1n : q)
}

// Seconds, fractional (microsecond precision) when now_ns has a fraction.
function seconds(clock) {
  return Number(clock.ns / 1000n) / 1e6
}

function commonUnsupported(v) {
  if (v.profile !== undefined) throw new Unsupported(`no API-profile rules (${v.profile}) in a general-purpose JWT library`)
  if (v.origin !== undefined) throw new Unsupported('no Origin check (voicegain profile) in a general-purpose JWT library')
}

// The allow-list unchanged (`none` included: whether the library lets it be
// listed is part of the test); Unsupported when it names an algorithm the
// library does not implement.
function checkAlgorithms(v, implemented, library) {
  const lacking = v.algorithms.filter(a => a !== 'none' && !implemented.includes(a))
  if (lacking.length) throw new Unsupported(`${library} does not implement ${lacking.join(', ')}`)
  return [...v.algorithms]
}

// For a library that reads the wall clock (Date.now()) and takes no time
// ("fake_clock": true in implementations.json): the runner starts the
// process under libfaketime with a timestamp file of its own
// (JWTPROOF_FAKETIME_FILE), re-read on every clock call. The case's time is
// written there as a frozen absolute UTC time with nanoseconds, then read
// back: the case runs only when Date.now() returns exactly the case's
// millisecond (Date.now() is all a Node library can read, so that is the
// library's own resolution). Nothing inside the library is patched. A bench
// request (clock.wall) runs at the real wall clock.
function freezeClock(clock) {
  if (clock.wall) return
  const file = process.env.JWTPROOF_FAKETIME_FILE
  if (!file) throw new Unsupported('the adapter does not run under libfaketime (`cargo xtask setup-external` installs it)')
  const ns = clock.ns
  let secs = ns / 1_000_000_000n
  let frac = ns % 1_000_000_000n
  if (frac < 0n) { frac += 1_000_000_000n; secs -= 1n }
  const at = new Date(Number(secs) * 1000)
  const year = at.getUTCFullYear()
  if (!(year >= 0 && year <= 9999)) throw new Unsupported(`libfaketime cannot represent the case's time (${secs} s)`)
  const p = (n, w = 2) => String(n).padStart(w, '0')
  const text = `${p(year, 4)}-${p(at.getUTCMonth() + 1)}-${p(at.getUTCDate())} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())}.${p(frac, 9)}\n`
  require('node:fs').writeFileSync(file, text)
  const got = Date.now()
  if (got !== millis(clock)) throw new Unsupported(`libfaketime's clock reads ${got} ms, not the case's ${millis(clock)} ms`)
}

// A JWK as the libraries that take no JWK are given a key: an oct key's
// secret bytes, any other key as its public key in SPKI PEM.
function secretOrPem(jwk) {
  if (jwk === null) return undefined
  if (jwk.kty === 'oct') return Buffer.from(jwk.k || '', 'base64url')
  return require('node:crypto').createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' })
}

module.exports = { Unsupported, ERROR_KINDS, clockOf, millis, seconds, commonUnsupported, checkAlgorithms, freezeClock, secretOrPem }
