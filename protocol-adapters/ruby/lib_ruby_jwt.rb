# frozen_string_literal: true

# ruby-jwt (Debian ruby-jwt): JWT.decode(token, key, true, options), with the
# clock the library reads (Time.now) frozen at the case's time.
require 'jwt'

module JwtProof
  module RubyJwt
    LIBRARY = 'ruby-jwt'
    # EdDSA needs the rbnacl gem (not a dependency of the Debian package) and
    # JWT::JWK has no OKP import in 2.5.
    IMPLEMENTED = %w[HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512].freeze

    module_function

    def version
      JWT.gem_version.to_s
    end

    # ruby-jwt's exceptions → the spec's kinds (the one place).
    def map_error(exc)
      case exc
      when JWT::IncorrectAlgorithm
        exc.message.include?('missing alg') ? 'invalid_header' : 'algorithm_not_allowed'
      when JWT::VerificationError then 'invalid_signature'
      when JWT::ExpiredSignature then 'expired'
      when JWT::ImmatureSignature then 'not_yet_valid'
      when JWT::InvalidIatError then nil # 'Invalid iat': a future iat and a non-number alike
      when JWT::InvalidAudError then 'audience_mismatch'
      when JWT::InvalidIssuerError then 'issuer_mismatch'
      when JWT::InvalidSubError then 'subject_mismatch'
      when JWT::MissingRequiredClaim then 'missing_claim'
      when JWT::JWKError then 'key_mismatch'
      when JWT::DecodeError
        case exc.message
        when /segments|Invalid segment encoding|Nil JSON/ then 'malformed'
        when /verification key/ then 'key_mismatch'
        end
      when ArgumentError, OpenSSL::PKey::PKeyError, TypeError then 'key_mismatch'
      end
    end

    # The key as ruby-jwt users load a JWK: JWT::JWK.import(jwk).keypair for
    # RSA and EC. For oct, the raw secret: ruby-jwt 2.5's JWT::JWK::HMAC.import
    # keeps `k` base64url-encoded (it uses the text of k as the secret), so its
    # users pass the decoded secret.
    def key(jwk)
      return nil if jwk.nil?
      return JwtProof.b64url(jwk['k']) if jwk['kty'] == 'oct' && jwk['k'].is_a?(String)

      JWT::JWK.import(jwk).keypair
    end

    def verify(token, jwk, v)
      JwtProof.common_unsupported(v)
      raise Unsupported, 'ruby-jwt verifies JWTs only (the payload is parsed as JSON claims)' if v['payload'] == 'opaque'
      raise Unsupported, 'ruby-jwt has no max_age option' if v.key?('max_age')

      algorithms = JwtProof.check_algorithms(v, IMPLEMENTED, LIBRARY)
      options = {
        algorithms: algorithms,
        leeway: v.fetch('leeway', 0),
        verify_expiration: true,
        verify_not_before: true,
        verify_iat: true # off by default; the spec checks a future iat
      }
      options[:required_claims] = v['required_claims'] if v.key?('required_claims')
      if v.key?('audience')
        options[:aud] = v['audience']
        options[:verify_aud] = true
      end
      if v.key?('issuer')
        options[:iss] = v['issuer']
        options[:verify_iss] = true
      end
      if v.key?('subject')
        options[:sub] = v['subject']
        options[:verify_sub] = true
      end
      k = key(jwk)
      JwtProof.with_frozen_clock(v) { JWT.decode(token, k, true, options) }
    end
  end

  LIBS['ruby-jwt'] = RubyJwt
end
