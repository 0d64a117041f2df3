// cpp-jwt (arun11299, header-only; Debian libcpp-jwt-dev):
// jwt::decode(token, algorithms({...}), secret(key), verify(true),
// leeway(n), issuer(..), aud(..), sub(..), validate_iat(..), validate_jti(..)),
// the throwing overload (its exceptions are the verdict).
//
// Mapping:
// - the allow-list is passed unchanged (`none` included when listed: cpp-jwt
//   then accepts an unsecured token, its NoneAlgorithmUsed "is not an error");
//   an algorithm cpp-jwt lacks (PS*, EdDSA, ...) makes the case `unsupported`;
// - key: an oct JWK's secret bytes, else the SPKI PEM (what cpp-jwt's
//   secret() takes for RS*/ES*); no key: no secret() (cpp-jwt then refuses
//   every alg but none);
// - the clock: cpp-jwt reads std::chrono::system_clock (exp, nbf) and takes
//   no time, so it runs under libfaketime (`fake_clock`);
// - leeway: whole seconds (uint32_t); audience: one value (aud() takes one
//   string); issuer, subject; required claims: iat (validate_iat) and jti
//   (validate_jti) only; max_age and opaque payloads: `unsupported`.
#include <jwt/jwt.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "common.hpp"

extern "C" {
const char *LIB_NAME = "cpp-jwt";
const char *lib_version(void) { return nullptr; } // the Debian package's, next to the binary
}

static const char *const IMPLEMENTED[] = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
                                          "ES256", "ES384", "ES512", nullptr};

namespace {

// cpp-jwt's exceptions → the spec's kinds (the one place).
const char *map_error(const std::exception &e) {
    if (dynamic_cast<const jwt::InvalidAlgorithmError *>(&e)) return "algorithm_not_allowed";
    if (dynamic_cast<const jwt::TokenExpiredError *>(&e)) return "expired";
    if (dynamic_cast<const jwt::ImmatureSignatureError *>(&e)) return "not_yet_valid";
    if (dynamic_cast<const jwt::InvalidIssuerError *>(&e)) return "issuer_mismatch";
    if (dynamic_cast<const jwt::InvalidAudienceError *>(&e)) return "audience_mismatch";
    if (dynamic_cast<const jwt::InvalidSubjectError *>(&e)) return "subject_mismatch";
    if (dynamic_cast<const jwt::InvalidIATError *>(&e)) return "missing_claim"; // validate_iat: iat absent
    if (dynamic_cast<const jwt::InvalidJTIError *>(&e)) return "missing_claim"; // validate_jti: jti absent
    if (dynamic_cast<const jwt::InvalidSignatureError *>(&e)) return "invalid_signature";
    if (dynamic_cast<const jwt::TypeConversionError *>(&e)) return "invalid_claim";
    if (dynamic_cast<const jwt::InvalidKeyError *>(&e)) return "key_mismatch";
    if (dynamic_cast<const jwt::SignatureFormatError *>(&e)) return "malformed";
    if (dynamic_cast<const jwt::DecodeError *>(&e)) {
        std::string m = e.what();
        if (m == "json parse failed") return "malformed";
        if (m == "missing algorithm header" || m == "type mismatch") return "invalid_header";
        return nullptr;
    }
    return nullptr; // KeyNotPresentError, nlohmann::json's own exceptions, ...
}

struct Options {
    std::vector<std::string> algorithms;
    bool has_key = false;
    std::string key;
    uint32_t leeway = 0;
    const char *iss = nullptr, *aud = nullptr, *sub = nullptr;
    bool iat = false, jti = false;
};

// decode() takes its settings as typed arguments (an issuer is checked when
// issuer() is passed): each optional one is added when the case has it.
template <int Stage, typename... P>
jwt::jwt_object decode(const char *token, const Options &o, P &&...p) {
    using namespace jwt::params;
    if constexpr (Stage == 0) {
        if (o.has_key) return decode<1>(token, o, std::forward<P>(p)..., secret(o.key));
        return decode<1>(token, o, std::forward<P>(p)...);
    } else if constexpr (Stage == 1) {
        if (o.iss) return decode<2>(token, o, std::forward<P>(p)..., issuer(o.iss));
        return decode<2>(token, o, std::forward<P>(p)...);
    } else if constexpr (Stage == 2) {
        if (o.aud) return decode<3>(token, o, std::forward<P>(p)..., aud(o.aud));
        return decode<3>(token, o, std::forward<P>(p)...);
    } else if constexpr (Stage == 3) {
        if (o.sub) return decode<4>(token, o, std::forward<P>(p)..., sub(o.sub));
        return decode<4>(token, o, std::forward<P>(p)...);
    } else {
        return jwt::decode(token, algorithms(o.algorithms), verify(true), leeway(o.leeway), validate_iat(o.iat),
                           validate_jti(o.jti), std::forward<P>(p)...);
    }
}

} // namespace

extern "C" void lib_verify(const char *token, json_t *jwk, json_t *v, const case_time_t *t, result_t *r) {
    const char *why = common_unsupported(v);
    if (why) return set_unsupported(r, "%s", why);
    if (is_opaque(v)) return set_unsupported(r, "cpp-jwt parses the payload as a JSON claims set (no plain-JWS API)");
    if (json_object_get(v, "max_age")) return set_unsupported(r, "cpp-jwt has no max_age option");
    if (!check_algorithms(v, IMPLEMENTED, r)) return;
    Options o;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(v, "algorithms"), i, a) o.algorithms.emplace_back(json_string_value(a));
    double l = leeway(v);
    if (l < 0 || l != std::floor(l) || l > 4294967295.0)
        return set_unsupported(r, "cpp-jwt's leeway is whole seconds (uint32_t), not %g", l);
    o.leeway = static_cast<uint32_t>(l);
    json_t *aud = json_object_get(v, "audience");
    if (aud) {
        if (json_array_size(aud) != 1 || !json_is_string(json_array_get(aud, 0)))
            return set_unsupported(r, "cpp-jwt's aud() takes exactly one audience string");
        o.aud = json_string_value(json_array_get(aud, 0));
    }
    if (json_t *iss = json_object_get(v, "issuer")) o.iss = json_string_value(iss);
    if (json_t *sub = json_object_get(v, "subject")) o.sub = json_string_value(sub);
    json_array_foreach(json_object_get(v, "required_claims"), i, a) {
        std::string c = json_string_value(a) ? json_string_value(a) : "";
        if (c == "iat") o.iat = true;
        else if (c == "jti") o.jti = true;
        else return set_unsupported(r, "cpp-jwt can require only iat (validate_iat) and jti (validate_jti), not %s", c.c_str());
    }
    bool is_pem = false;
    if (jwk) {
        if (!jwtproof::key_bytes(jwk, o.key, is_pem))
            return set_invalid(r, "key_mismatch", "the JWK cannot be given to cpp-jwt (not a PEM-convertible key)");
        o.has_key = true;
    }
    if (!jwtproof::freeze_clock(t, r)) return;
    try {
        jwt::jwt_object obj = decode<0>(token, o);
        (void)obj;
        r->outcome = OUT_VALID;
    } catch (const std::exception &e) {
        set_invalid(r, map_error(e), "%s: %s", typeid(e).name(), e.what());
    } catch (...) {
        set_invalid(r, nullptr, "unknown exception");
    }
}
