'use strict'
// jose (panva/jose) 6: jwtVerify; compactVerify for opaque payloads.
const { Unsupported, commonUnsupported, checkAlgorithms, millis } = require('./common')

let jose

const IMPLEMENTED = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']

// jose's errors → the spec's kinds (the one place).
function mapError(e) {
  switch (e && e.code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired'
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (e.reason === 'missing') return 'missing_claim'
      if (e.reason === 'invalid') return 'invalid_claim'
      return { nbf: 'not_yet_valid', iat: 'issued_in_future', aud: 'audience_mismatch', iss: 'issuer_mismatch', sub: 'subject_mismatch' }[e.claim] || 'invalid_claim'
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'algorithm_not_allowed'
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'invalid_signature'
    case 'ERR_JWK_INVALID':
      return 'key_mismatch'
    case 'ERR_JOSE_NOT_SUPPORTED':
      return /crit/i.test(e.message) ? 'unsupported_critical_header' : undefined
    case 'ERR_JWS_INVALID':
      if (/crit/i.test(e.message)) return 'unsupported_critical_header'
      if (/header/i.test(e.message)) return /parse|decode|JSON/i.test(e.message) ? 'malformed' : 'invalid_header'
      return 'malformed'
    case 'ERR_JWT_INVALID':
      return 'malformed'
  }
  // importJWK/CryptoKey problems surface as TypeError or WebCrypto's
  // DOMException (SyntaxError "Unsupported key usage …", DataError).
  if (/key/i.test((e && e.message) || '') && (e instanceof TypeError || (e && ['SyntaxError', 'DataError', 'NotSupportedError'].includes(e.name)))) return 'key_mismatch'
  return undefined
}

async function verify(token, jwk, v, clock) {
  commonUnsupported(v)
  const algorithms = checkAlgorithms(v, IMPLEMENTED, 'jose')
  // The key as jose users import a JWK: importJWK(jwk, the header's alg).
  const key = jwk === null ? undefined : async header => jose.importJWK(jwk, header.alg)
  if (v.payload === 'opaque') {
    await jose.compactVerify(token, key, { algorithms })
    return
  }
  const ms = millis(clock)
  if (!(Math.abs(ms) <= 8.64e15)) throw new Unsupported("the case's time is outside a JavaScript Date (jose's currentDate option)")
  const options = {
    algorithms,
    currentDate: new Date(ms), // jose's clock option
    clockTolerance: v.leeway || 0
  }
  if (v.required_claims) options.requiredClaims = v.required_claims
  if (v.audience !== undefined) options.audience = v.audience
  if (v.issuer !== undefined) options.issuer = v.issuer
  if (v.subject !== undefined) options.subject = v.subject
  if (v.max_age !== undefined) options.maxTokenAge = v.max_age
  await jose.jwtVerify(token, key, options)
}

module.exports = {
  library: 'jose',
  packageName: 'jose',
  async load() {
    jose = await import('jose')
  },
  verify,
  mapError
}
