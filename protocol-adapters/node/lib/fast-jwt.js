'use strict'
// fast-jwt (nearform/fast-jwt) 6: createVerifier (no cache).
const { Unsupported, commonUnsupported, checkAlgorithms, millis, secretOrPem } = require('./common')

let fastJwt

const IMPLEMENTED = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']

// fast-jwt's error codes → the spec's kinds (the one place).
function mapError(e) {
  const m = (e && e.message) || ''
  switch (e && e.code) {
    case 'FAST_JWT_MALFORMED':
    case 'FAST_JWT_INVALID_PAYLOAD':
    case 'FAST_JWT_INVALID_TYPE':
      return 'malformed'
    case 'FAST_JWT_INVALID_ALGORITHM':
    case 'FAST_JWT_MISSING_SIGNATURE':
      return 'algorithm_not_allowed'
    case 'FAST_JWT_INVALID_SIGNATURE':
    case 'FAST_JWT_VERIFY_ERROR':
      return 'invalid_signature'
    case 'FAST_JWT_INVALID_KEY':
    case 'FAST_JWT_MISSING_KEY':
    case 'FAST_JWT_INVALID_OPTION':
      return 'key_mismatch'
    case 'FAST_JWT_INVALID_CRIT_HEADER':
      return 'unsupported_critical_header'
    case 'FAST_JWT_EXPIRED':
      return 'expired'
    case 'FAST_JWT_INACTIVE':
      return 'not_yet_valid'
    case 'FAST_JWT_MISSING_REQUIRED_CLAIM':
      return 'missing_claim'
    case 'FAST_JWT_INVALID_CLAIM_TYPE':
      return 'invalid_claim'
    case 'FAST_JWT_INVALID_CLAIM_VALUE': {
      const claim = /The (\w+) claim/.exec(m)
      if (/must be|type/.test(m)) return 'invalid_claim'
      return { aud: 'audience_mismatch', iss: 'issuer_mismatch', sub: 'subject_mismatch' }[claim && claim[1]] || 'invalid_claim'
    }
  }
  return undefined
}

// The key as fast-jwt takes one: the secret's bytes, or a public key in PEM.
const keyOf = secretOrPem

async function verify(token, jwk, v, clock) {
  commonUnsupported(v)
  if (v.payload === 'opaque') throw new Unsupported('fast-jwt verifies JWTs only (the payload must be a JSON object)')
  const algorithms = checkAlgorithms(v, IMPLEMENTED, 'fast-jwt')
  const now = millis(clock)
  if (now < 0) throw new Unsupported("fast-jwt's clockTimestamp option cannot be before 1970")
  // verifier.js: `const now = clockTimestamp || Date.now()`.
  if (now === 0) throw new Unsupported('fast-jwt treats clockTimestamp 0 as unset and reads the wall clock')
  const options = {
    key: keyOf(jwk),
    algorithms,
    cache: false,
    clockTimestamp: now, // fast-jwt's clock option (ms)
    clockTolerance: (v.leeway || 0) * 1000
  }
  if (v.required_claims) options.requiredClaims = v.required_claims
  if (v.audience !== undefined) options.allowedAud = v.audience
  if (v.issuer !== undefined) options.allowedIss = v.issuer
  if (v.subject !== undefined) options.allowedSub = v.subject
  if (v.max_age !== undefined) options.maxAge = v.max_age * 1000
  // createVerifier refuses some keys/allow-lists up front: that is the library rejecting.
  const verifier = fastJwt.createVerifier(options)
  verifier(token)
}

module.exports = {
  library: 'fast-jwt',
  packageName: 'fast-jwt',
  async load() {
    fastJwt = require('fast-jwt')
  },
  verify,
  mapError
}
