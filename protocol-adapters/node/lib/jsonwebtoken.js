'use strict'
// jsonwebtoken (auth0/node-jsonwebtoken) 9: jwt.verify.
const crypto = require('node:crypto')
const { Unsupported, commonUnsupported, checkAlgorithms, seconds } = require('./common')

let jwt

const IMPLEMENTED = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']

// jsonwebtoken's errors → the spec's kinds (the one place). It has three
// classes; the message says the rest.
function mapError(e) {
  const m = (e && e.message) || ''
  if (e && e.name === 'TokenExpiredError') return 'expired'
  if (e && e.name === 'NotBeforeError') return 'not_yet_valid'
  if (/^jwt malformed|^invalid token|^jwt must be|Unexpected token|JSON/.test(m)) return 'malformed'
  if (/^invalid signature/.test(m)) return 'invalid_signature'
  if (/^jwt signature is required/.test(m)) return 'algorithm_not_allowed'
  if (/^invalid algorithm/.test(m)) return 'algorithm_not_allowed'
  if (/^jwt audience invalid/.test(m)) return 'audience_mismatch'
  if (/^jwt issuer invalid/.test(m)) return 'issuer_mismatch'
  if (/^jwt subject invalid/.test(m)) return 'subject_mismatch'
  if (/^jwt jwtid invalid/.test(m)) return 'invalid_claim'
  if (/^invalid (exp|nbf|iat) value|^iat required/.test(m)) return /required/.test(m) ? 'missing_claim' : 'invalid_claim'
  if (/key|secret|asymmetric|modulusLength|"alg" parameter/i.test(m)) return 'key_mismatch'
  return undefined
}

// The key as jsonwebtoken users pass one: a KeyObject (a secret for oct).
function keyObject(jwk) {
  if (jwk === null) return undefined
  if (jwk.kty === 'oct') return crypto.createSecretKey(Buffer.from(jwk.k || '', 'base64url'))
  return crypto.createPublicKey({ key: jwk, format: 'jwk' })
}

async function verify(token, jwk, v, clock) {
  commonUnsupported(v)
  if (v.payload === 'opaque') throw new Unsupported('jsonwebtoken verifies JWTs only (its payload is parsed as a claims set when JSON)')
  if (v.required_claims && v.required_claims.length) throw new Unsupported('jsonwebtoken has no required-claims option')
  const algorithms = checkAlgorithms(v, IMPLEMENTED, 'jsonwebtoken')
  const now = seconds(clock)
  // verify.js: `options.clockTimestamp || Math.floor(Date.now() / 1000)`.
  if (now === 0) throw new Unsupported('jsonwebtoken treats clockTimestamp 0 as unset and reads the wall clock')
  const key = keyObject(jwk)
  const options = { algorithms, clockTimestamp: now, clockTolerance: v.leeway || 0 }
  if (v.audience !== undefined) options.audience = v.audience
  if (v.issuer !== undefined) options.issuer = v.issuer
  if (v.subject !== undefined) options.subject = v.subject
  if (v.max_age !== undefined) options.maxAge = v.max_age
  jwt.verify(token, key, options)
}

module.exports = {
  library: 'jsonwebtoken',
  packageName: 'jsonwebtoken',
  async load() {
    jwt = require('jsonwebtoken')
  },
  verify,
  mapError
}
