'use strict'
// jsrsasign (kjur/jsrsasign) 11: KJUR.jws.JWS.verifyJWT(token, key, acceptField);
// KJUR.jws.JWS.verify(token, key, algs) for opaque payloads (plain JWS).
// verifyJWT answers true/false (most refusals say nothing more) and throws
// for some malformed input, key or algorithm problems.
const { Unsupported, commonUnsupported, checkAlgorithms, seconds } = require('./common')

let rs

// KJUR.jws.JWS.jwsalg2sigalg ('none' is listed there but verify refuses it).
const IMPLEMENTED = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']

class Refused extends Error {
  constructor(what) {
    super(`${what} returned false`)
    this.name = 'Refused'
  }
}

// jsrsasign's refusals → the spec's kinds (the one place). A false answer
// names no reason (no kind); thrown strings and Errors are read by message.
function mapError(e) {
  if (e instanceof Refused) return undefined
  const m = typeof e === 'string' ? e : (e && e.message) || ''
  if (/not accepted in the list|unsupported alg name|not supported/.test(m)) return 'algorithm_not_allowed'
  if (/algorithm not specified in header/.test(m)) return 'invalid_header'
  if (/critical header/.test(m)) return 'unsupported_critical_header'
  if (/key shall be|hexadecimal key|password|key/i.test(m)) return 'key_mismatch'
  if (/malformed|JSON|Head\.Payload/.test(m)) return 'malformed'
  return undefined
}

// The key as jsrsasign users load a JWK: KEYUTIL.getKey(jwk) for RSA/EC (an
// RSAKey / ECDSA object); for oct the JWK's k as a Mac password ({b64u: k}).
function keyOf(jwk) {
  if (jwk === null) return null
  if (jwk.kty === 'oct') return { b64u: jwk.k === undefined ? '' : jwk.k }
  return rs.KEYUTIL.getKey(jwk)
}

// jsrsasign throws bare strings in places: carried as an Error (its text
// unchanged) so the answer's detail shows it.
function thrown(e) {
  if (e instanceof Error) return e
  const err = new Error(String(e))
  err.name = 'jsrsasign'
  return err
}

async function verify(token, jwk, v, clock) {
  try {
    run(token, jwk, v, clock)
  } catch (e) {
    throw e instanceof Unsupported || e instanceof Refused ? e : thrown(e)
  }
}

function run(token, jwk, v, clock) {
  commonUnsupported(v)
  const algorithms = checkAlgorithms(v, IMPLEMENTED, 'jsrsasign')
  if (jwk !== null && !['oct', 'RSA', 'EC'].includes(jwk.kty)) throw new Unsupported(`jsrsasign's KEYUTIL.getKey takes no ${jwk.kty} JWK`)
  if (v.payload === 'opaque') {
    const key = keyOf(jwk)
    if (!rs.KJUR.jws.JWS.verify(token, key, algorithms)) throw new Refused('KJUR.jws.JWS.verify')
    return
  }
  if (v.required_claims && v.required_claims.length) throw new Unsupported('jsrsasign verifyJWT has no required-claims option')
  if (v.max_age !== undefined) throw new Unsupported('jsrsasign verifyJWT has no max-age option')
  const accept = {
    alg: algorithms,
    verifyAt: seconds(clock), // its clock option (seconds, a number)
    gracePeriod: v.leeway || 0
  }
  if (v.audience !== undefined) accept.aud = v.audience
  if (v.issuer !== undefined) accept.iss = [v.issuer]
  if (v.subject !== undefined) accept.sub = [v.subject]
  const key = keyOf(jwk)
  if (!rs.KJUR.jws.JWS.verifyJWT(token, key, accept)) throw new Refused('KJUR.jws.JWS.verifyJWT')
}

module.exports = {
  library: 'jsrsasign',
  packageName: 'jsrsasign',
  async load() {
    rs = require('jsrsasign')
  },
  verify,
  mapError
}
