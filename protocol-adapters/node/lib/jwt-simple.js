'use strict'
// jwt-simple (hokaccha/node-jwt-simple) 0.5: jwt.decode(token, key, noVerify, algorithm).
// It reads the wall clock (Date.now()) and takes no time: "fake_clock": true.
const { Unsupported, commonUnsupported, checkAlgorithms, freezeClock, secretOrPem } = require('./common')

let jwt

// lib/jwt.js algorithmMap.
const IMPLEMENTED = ['HS256', 'HS384', 'HS512', 'RS256']

// jwt-simple throws plain Errors; the message says what (the one place).
function mapError(e) {
  const m = (e && e.message) || ''
  if (e instanceof SyntaxError) return 'malformed' // JSON.parse of a segment
  if (/^Not enough or too many segments|^No token supplied/.test(m)) return 'malformed'
  if (/^Algorithm not supported/.test(m)) return 'algorithm_not_allowed'
  if (/^Signature verification failed/.test(m)) return 'invalid_signature'
  if (/^Token not yet active/.test(m)) return 'not_yet_valid'
  if (/^Token expired/.test(m)) return 'expired'
  if (/key/i.test(m) && !(e instanceof SyntaxError)) return 'key_mismatch'
  return undefined
}

// The key as jwt-simple users pass one: the secret (bytes) for HMAC, a PEM
// public key for RS256.
const keyOf = secretOrPem

async function verify(token, jwk, v, clock) {
  commonUnsupported(v)
  if (v.payload === 'opaque') throw new Unsupported('jwt-simple decodes JWTs only (the payload is JSON.parse-d)')
  if (v.required_claims && v.required_claims.length) throw new Unsupported('jwt-simple has no required-claims option')
  if (v.audience !== undefined) throw new Unsupported('jwt-simple has no audience option')
  if (v.issuer !== undefined) throw new Unsupported('jwt-simple has no issuer option')
  if (v.subject !== undefined) throw new Unsupported('jwt-simple has no subject option')
  if (v.max_age !== undefined) throw new Unsupported('jwt-simple has no max-age option')
  if (v.leeway) throw new Unsupported('jwt-simple has no leeway option (exp/nbf are compared with Date.now() exactly)')
  const algorithms = checkAlgorithms(v, IMPLEMENTED, 'jwt-simple')
  // decode's `algorithm` pins one algorithm (it replaces the header's alg);
  // there is no allow-list of several.
  if (algorithms.length !== 1) throw new Unsupported("jwt-simple's decode takes one algorithm, not an allow-list")
  const key = keyOf(jwk)
  freezeClock(clock)
  jwt.decode(token, key, false, algorithms[0])
}

module.exports = {
  library: 'jwt-simple',
  packageName: 'jwt-simple',
  async load() {
    jwt = require('jwt-simple')
  },
  verify,
  mapError
}
