# frozen_string_literal: true

# json-jwt (nov's gem, Debian ruby-json-jwt): JSON::JWT.decode(token, key,
# algorithms). It verifies the signature against the allow-list and parses
# the payload as JSON; it has no clock and checks no claim (no exp, nbf, iat,
# aud, iss, sub: its users check claims themselves). So, as for the signature-
# only C libraries (protocol-adapters/README.md, "Writing an adapter"):
# - a rejection is reported as it is (invalid at any time);
# - an acceptance is `valid` only when the claims set has no exp/nbf/iat
#   (else `unsupported`: its verdict at the case's time cannot be expressed);
# - audience/issuer/subject/required claims/max_age: `unsupported`.
require 'json/jwt'

module JwtProof
  module JsonJwt
    LIBRARY = 'json-jwt'
    # ES256K too, but the spec's corpus has no such case; EdDSA: none (1.14).
    IMPLEMENTED = %w[HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512].freeze
    CLAIM_SETTINGS = %w[audience issuer subject required_claims max_age].freeze

    module_function

    def version
      Gem::Specification.find_by_name('json-jwt').version.to_s
    end

    # json-jwt's exceptions → the spec's kinds (the one place).
    def map_error(exc)
      case exc
      when JSON::JWT::InvalidFormat then 'malformed' # segments, base64url, JSON
      when JSON::JWT::UnexpectedAlgorithm
        # 'Unexpected alg header': not in the allow-list; a bare one: alg none
        # with a key; otherwise a key of the wrong type for the alg.
        if exc.message == 'Unexpected alg header' || exc.message == exc.class.name then 'algorithm_not_allowed'
        elsif exc.message.include?('Unknown Signature Algorithm') then 'algorithm_not_allowed'
        else 'key_mismatch'
        end
      when JSON::JWT::VerificationFailed then 'invalid_signature'
      when JSON::JWK::UnknownAlgorithm, OpenSSL::PKey::PKeyError then 'key_mismatch'
      end
    end

    # The key as json-jwt users load a JWK: JSON::JWK.new(jwk).to_key for RSA
    # and EC. For oct, the raw secret: JSON::JWK#to_key returns `k` as it is
    # (the base64url text), so its users pass the decoded secret.
    def key(jwk)
      return nil if jwk.nil?
      return JwtProof.b64url(jwk['k']) if jwk['kty'] == 'oct' && jwk['k'].is_a?(String)

      JSON::JWK.new(jwk).to_key
    end

    def verify(token, jwk, v)
      JwtProof.common_unsupported(v)
      raise Unsupported, 'json-jwt verifies JWTs only (the payload is parsed as JSON claims)' if v['payload'] == 'opaque'

      CLAIM_SETTINGS.each do |s|
        raise Unsupported, "json-jwt has no JWT claim validation (no #{s} option)" if v.key?(s)
      end
      algorithms = JwtProof.check_algorithms(v, IMPLEMENTED, LIBRARY).map(&:to_sym)
      jwt = JSON::JWT.decode(token, key(jwk), algorithms)
      claims = jwt.to_h
      return unless %w[exp nbf iat].any? { |c| claims.key?(c) }

      raise Unsupported, 'json-jwt accepted the signature; it has no clock and no exp/nbf/iat validation, ' \
                         "so its verdict at the case's time cannot be expressed"
    end
  end

  LIBS['json-jwt'] = JsonJwt
end
