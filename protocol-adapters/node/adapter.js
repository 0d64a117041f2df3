#!/usr/bin/env node
// jwtproof-adapter/1 entry point for the Node libraries:
//
//     node protocol-adapters/node/adapter.js lib/<library>.js   (the registry, implementations.json, names it)
//
// One JSON request per line on stdin, one answer per line on stdout (see
// protocol-adapters/README.md). A library module (lib/NAME.js) exports:
//   library            the library's name
//   packageName        its npm package (the version is read from the installed package.json)
//   load()             (async) imports the library
//   verify(token, key, validation, clock)  (async) resolves when the library accepts the
//                      token; throws Unsupported for what it cannot express; any other
//                      throw is the library rejecting the token
//   mapError(err)      the spec error kind, or undefined (the one place)
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const readline = require('node:readline')
const { Unsupported, ERROR_KINDS, clockOf } = require('./lib/common')


function answer(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n')
}

async function main() {
  // The library module (lib/<library>.js) the registry's command names
  // (implementations.json): nothing here lists the libraries.
  const file = process.argv[2] || ''
  if (process.argv.length !== 3 || !/^lib\/[a-z0-9-]+\.js$/.test(file) || file === 'lib/common.js' ||
      !fs.existsSync(path.join(__dirname, file))) {
    process.stderr.write('usage: adapter.js lib/<library>.js (a library module of ' + __dirname + ')\n')
    process.exit(2)
  }
  const lib = require('./' + file)
  let unavailable
  let version
  try {
    await lib.load()
    const pkg = path.join(__dirname, 'node_modules', lib.packageName, 'package.json')
    version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version
  } catch (e) {
    // A missing package is reported, never skipped silently.
    unavailable = `cannot load ${lib.packageName}: ${e && e.message ? e.message.split('\n')[0] : e} (run \`cargo xtask setup-external\`)`
  }
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of rl) {
    if (!line.trim()) continue
    const req = JSON.parse(line)
    if (req.type === 'hello') {
      if (unavailable !== undefined) {
        answer({ type: 'hello', unavailable })
        process.exit(0)
      }
      answer({ type: 'hello', library: lib.library, version })
      continue
    }
    if (req.type === 'bench') {
      // Times `iterations` verifications inside this process (so process
      // start-up is not measured); the adapter's own mapping is included.
      // wall_clock: the token is valid now; no clock is faked in the loop.
      const clock = { ...clockOf(line, req.validation), wall: req.wall_clock === true }
      try {
        await lib.verify(req.token, req.key, req.validation, clock)
      } catch (e) {
        answer({ type: 'bench', id: req.id, unsupported: `${e && e.name}: ${e && e.message}`.slice(0, 300) })
        continue
      }
      const start = process.hrtime.bigint()
      for (let i = 0; i < req.iterations; i++) {
        await lib.verify(req.token, req.key, req.validation, clock)
      }
      const ns = Number(process.hrtime.bigint() - start) / req.iterations
      // The adapter's own cost: the same loop around a call that does
      // nothing (awaited, as the library's call is).
      const noop = async () => {}
      const bare = process.hrtime.bigint()
      for (let i = 0; i < req.iterations; i++) {
        await noop(req.token, req.key, req.validation, clock)
      }
      const overhead = Number(process.hrtime.bigint() - bare) / req.iterations
      answer({ type: 'bench', id: req.id, ns_per_op: ns, overhead_ns_per_op: overhead })
      continue
    }
    const out = { type: 'outcome', id: req.id }
    let elapsed
    try {
      if (req.validation === null || typeof req.validation !== 'object') {
        // Not the library's doing: the runner sent no settings.
        throw new Unsupported("the request carries no validation object (the runner could not serialize the case's settings)")
      }
      const clock = clockOf(line, req.validation)
      // elapsed_ns: the library call alone (with the module's per-call
      // mapping), on the monotonic process.hrtime clock.
      const start = process.hrtime.bigint()
      try {
        await lib.verify(req.token, req.key, req.validation, clock)
      } finally {
        elapsed = Number(process.hrtime.bigint() - start)
      }
      out.outcome = 'valid'
    } catch (e) {
      if (e instanceof Unsupported) {
        out.outcome = 'unsupported'
        out.detail = e.message
      } else {
        // The library (or its input handling) rejected the token.
        out.outcome = 'invalid'
        const kind = lib.mapError(e)
        if (kind !== undefined) {
          if (!ERROR_KINDS.has(kind)) throw new Error(`adapter bug: unknown kind ${kind}`)
          out.error = kind
        }
        out.detail = `${e && e.name}${e && e.code ? ' ' + e.code : ''}: ${e && e.message}`.slice(0, 500)
      }
    }
    if (elapsed !== undefined && out.outcome !== 'unsupported') out.elapsed_ns = elapsed
    answer(out)
  }
}

main()
