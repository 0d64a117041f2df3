# frozen_string_literal: true

# jwtproof-adapter/1 entry point for the Ruby libraries (Debian packages):
#
#     ruby protocol-adapters/ruby/adapter.rb lib_<library>.rb   (the registry, implementations.json, names it)
#
# A library file (lib_*.rb) defines a module with
#   LIBRARY               the library's name
#   version               the installed version (read from the library)
#   verify(token, jwk, v) returns when the library accepts the token; raises
#                         Unsupported for what it cannot express; any other
#                         exception is the library rejecting the token
#   map_error(exc)        the spec error kind, or nil (the one place)
# See protocol-adapters/README.md for the protocol.

require 'json'

module JwtProof
  PROTOCOL = 'jwtproof-adapter/1'
  ERROR_KINDS = %w[malformed invalid_header algorithm_not_allowed unsupported_critical_header key_mismatch
                   invalid_signature invalid_claim missing_claim expired not_yet_valid issued_in_future
                   audience_mismatch issuer_mismatch subject_mismatch nonce_out_of_window].freeze

  class Unsupported < StandardError; end

  # The clock the libraries read (Time.now), frozen at the case's time while
  # a case runs (as the Python adapters do with freezegun).
  module Clock
    class << self
      attr_accessor :frozen
    end
  end

  module FrozenNow
    def now(*args, **kw)
      JwtProof::Clock.frozen || super
    end
  end
  Time.singleton_class.prepend(FrozenNow)

  module_function

  # The case's time, exactly (a Rational number of seconds).
  def now_rational(v)
    v.key?('now_ns') ? Rational(Integer(v['now_ns']), 1_000_000_000) : Rational(Integer(v['now']))
  end

  def with_frozen_clock(v)
    Clock.frozen = Time.at(now_rational(v)).utc
    yield
  ensure
    Clock.frozen = nil
  end

  def common_unsupported(v)
    raise Unsupported, "no API-profile rules (#{v['profile']}) in a general-purpose JWT library" if v.key?('profile')
    raise Unsupported, 'no Origin check (voicegain profile) in a general-purpose JWT library' if v.key?('origin')
  end

  # The allow-list unchanged (`none` included); Unsupported when it names an
  # algorithm the library does not implement.
  def check_algorithms(v, implemented, library)
    lacking = v['algorithms'].reject { |a| a == 'none' || implemented.include?(a) }
    raise Unsupported, "#{library} does not implement #{lacking.join(', ')}" unless lacking.empty?

    v['algorithms'].dup
  end

  # base64url (no padding) → bytes, for a JWK member.
  def b64url(s)
    s = s.to_s
    (s + '=' * ((4 - s.length % 4) % 4)).tr('-_', '+/').unpack1('m0')
  end

  def answer(obj)
    $stdout.write(JSON.generate(obj) + "\n")
    $stdout.flush
  end

  # A bench request: one verification (a token the library does not accept
  # is `unsupported`, with why), then `iterations` calls of the same
  # lib.verify timed with the monotonic clock inside this process (process
  # start-up is not measured; the adapter's per-call mapping, e.g. the
  # frozen clock, is).
  def bench(lib, req)
    token = req['token']
    key = req['key']
    v = req['validation']
    begin
      raise Unsupported, "the request carries no validation object (the runner could not serialize the case's settings)" unless v.is_a?(Hash)

      lib.verify(token, key, v)
    rescue StandardError, ScriptError => e
      return { type: 'bench', id: req['id'], unsupported: "#{e.class}: #{e.message}".dup.force_encoding('UTF-8').scrub[0, 300] }
    end
    n = req.fetch('iterations', 100).to_i
    n = 100 if n < 1
    start = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
    i = 0
    while i < n
      lib.verify(token, key, v)
      i += 1
    end
    elapsed = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond) - start
    { type: 'bench', id: req['id'], ns_per_op: elapsed.to_f / n }
  end

  def serve(file)
    lib = nil
    unavailable = nil
    name = file
    begin
      require_relative file
      raise "#{file} registered #{JwtProof::LIBS.size} libraries, not one" unless JwtProof::LIBS.size == 1
      name, lib = JwtProof::LIBS.first
      version = lib.version
    rescue LoadError, StandardError => e
      unavailable = "cannot load #{name}: #{e.class}: #{e.message} (run `cargo xtask setup-external`)"
    end
    $stdin.each_line do |line|
      next if line.strip.empty?

      req = JSON.parse(line)
      if req['type'] == 'hello'
        if unavailable
          answer({ type: 'hello', unavailable: unavailable })
          return
        end
        answer({ type: 'hello', library: lib::LIBRARY, version: version })
        next
      end
      if req['type'] == 'bench'
        answer(bench(lib, req))
        next
      end
      out = { type: 'outcome', id: req['id'] }
      elapsed = nil
      begin
        unless req['validation'].is_a?(Hash)
          raise Unsupported, "the request carries no validation object (the runner could not serialize the case's settings)"
        end

        # elapsed_ns: the library call alone (with the module's per-call
        # mapping), on CLOCK_MONOTONIC.
        start = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
        begin
          lib.verify(req['token'], req['key'], req['validation'])
        ensure
          elapsed = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond) - start
        end
        out[:outcome] = 'valid'
      rescue Unsupported => e
        out[:outcome] = 'unsupported'
        out[:detail] = e.message
      rescue StandardError, ScriptError => e
        # The library (or its input handling) rejected the token.
        out[:outcome] = 'invalid'
        kind = lib.map_error(e)
        if kind
          raise "adapter bug: unknown kind #{kind}" unless ERROR_KINDS.include?(kind)

          out[:error] = kind
        end
        out[:detail] = "#{e.class}: #{e.message}".dup.force_encoding('UTF-8').scrub[0, 500]
      end
      out[:elapsed_ns] = elapsed if elapsed && out[:outcome] != 'unsupported'
      answer(out)
    end
  end
end

JwtProof::LIBS = {}
if $PROGRAM_NAME == __FILE__
  # The library file (lib_<library>.rb) the registry's command names
  # (implementations.json): nothing here lists the libraries.
  file = ARGV[0].to_s
  unless ARGV.size == 1 && file.match?(/\Alib_[a-z0-9_]+\.rb\z/) && File.file?(File.join(__dir__, file))
    abort "usage: adapter.rb lib_<library>.rb (a library file of #{__dir__})"
  end
  JwtProof.serve(file)
end
