'use strict'
// The jwtproof vectors as node:test tests: one test per case, judged as the
// runner judges a third-party library (accept or reject; the error kind is
// not judged), its known deviations read from its expectations file.
//
//     node --test protocol-adapters/node/test/
//
// A consumer of the vectors without Rust: copy this file, replace the
// library module with your own (`verify` resolves to accept, throws to
// reject, throws `Unsupported` for what it cannot express). JWTPROOF_LIBRARY
// (a registry name, default node-jose) and JWTPROOF_MODULE (its module in
// ../lib) pick another of our adapters; JWTPROOF_EXPECTATIONS another
// expectations file (a maintainer's own).
const { test } = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const path = require('node:path')
const { Unsupported, clockOf } = require('../lib/common')

const ROOT = path.join(__dirname, '..', '..', '..')
const LIBRARY = process.env.JWTPROOF_LIBRARY || 'node-jose'
const lib = require(path.join(__dirname, '..', process.env.JWTPROOF_MODULE || 'lib/jose.js'))
const EXPECTATIONS = process.env.JWTPROOF_EXPECTATIONS || path.join(ROOT, 'expectations', `${LIBRARY}.json`)
const DEVIATIONS = JSON.parse(fs.readFileSync(EXPECTATIONS, 'utf8')).deviations
// The vectors a default run loads: everything under vectors/ but the
// third-party corpora, the loader's fixtures and the keys.
const SKIP_DIRS = new Set(['imported', 'invalid-files', 'keys'])
// Private JWK members a verifier never receives (RFC 7518 §6.2.2, §6.3.2).
const PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'])

function vectorFiles(dir, rel = '') {
  const out = []
  for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
    const sub = path.join(rel, name)
    if (fs.statSync(path.join(dir, sub)).isDirectory()) {
      if (!(rel === '' && SKIP_DIRS.has(name))) out.push(...vectorFiles(dir, sub))
    } else if (name.endsWith('.json') && sub !== 'schema.json') {
      out.push(path.join(dir, sub))
    }
  }
  return out
}

function listed(id) {
  if (DEVIATIONS[id]) return DEVIATIONS[id]
  for (const [pattern, entry] of Object.entries(DEVIATIONS)) {
    if (pattern.endsWith('*') && id.startsWith(pattern.slice(0, -1))) return entry
  }
  return undefined
}

function publicKey(data, c) {
  if (c.key === undefined || c.key === null) return null
  const jwk = { ...data.keys[c.key] }
  if (jwk.kty !== 'oct') for (const m of PRIVATE) delete jwk[m]
  return jwk
}

const ready = lib.load()
for (const file of vectorFiles(path.join(ROOT, 'vectors'))) {
  const text = fs.readFileSync(file, 'utf8')
  const data = JSON.parse(text)
  // now_ns can exceed 2^53: its digits are read from the file's text, in
  // the cases' order (each case has at most one).
  const nowNs = [...text.matchAll(/"now_ns"\s*:\s*(-?\d+)/g)].map((m) => m[1])
  let next = 0
  for (const c of data.tests) {
    const clock = c.validation.now_ns !== undefined ? clockOf(`"now_ns":${nowNs[next++]}`, c.validation) : clockOf('', c.validation)
    test(c.id, async (t) => {
      await ready
      let outcome
      try {
        await lib.verify(c.token, publicKey(data, c), c.validation, clock)
        outcome = 'valid'
      } catch (e) {
        if (e instanceof Unsupported) return t.skip(e.message)
        outcome = 'invalid'
      }
      if (c.expected === 'acceptable' || outcome === c.expected) return
      const entry = listed(c.id)
      // A listed deviation with this outcome is known ("invalid/<kind>" and
      // "+slow" forms name the same outcome); anything else is new.
      const known = entry !== undefined && entry.outcome.split('/')[0].split('+')[0] === outcome
      assert.ok(known, `${LIBRARY} answers ${outcome}, the case expects ${c.expected}: ${c.description}`)
    })
  }
}
