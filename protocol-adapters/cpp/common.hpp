// jwtproof-adapter/1 for the C++ adapters: the C adapters' loop
// (protocol-adapters/c/common.c: JSON lines, hello, case, bench, the JWK →
// PEM conversion), linked in as C. Each adapter is one binary: common.c
// (gcc) + one lib_*.cpp (g++ -std=c++17), built by `cargo xtask
// setup-external` into target/external/cpp/<name>. A lib_*.cpp defines
// LIB_NAME, lib_version and lib_verify with C linkage and lets no C++
// exception out of lib_verify. This header adds what only the C++
// libraries need: the case's time on a wall clock (libfaketime) and a JWK's
// key bytes as a std::string.
#ifndef JWTPROOF_COMMON_HPP
#define JWTPROOF_COMMON_HPP
// jansson's json_t is renamed: a library may define a global json_t of its
// own (cpp-jwt: nlohmann::json); include this header after the library's.
// In the adapters, json_t is jansson's.
#define json_t jansson_json_t
extern "C" {
#include "../c/common.h"
}
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace jwtproof {

// Sets this process's wall clock to the case's exact time, for a library
// that reads the wall clock and takes no time (`fake_clock` in its registry
// entry: the runner starts the process under libfaketime with a timestamp
// file of its own, JWTPROOF_FAKETIME_FILE, re-read on every clock call).
// The time is written there as a frozen absolute UTC time with nanoseconds,
// then read back: false (and `r` unsupported, saying why) unless the clock
// returns exactly that instant. In a wall-clock bench nothing is faked.
inline bool freeze_clock(const case_time_t *t, result_t *r) {
    if (wall_clock) return true;
    const char *path = std::getenv("JWTPROOF_FAKETIME_FILE");
    if (!path) {
        set_unsupported(r, "the adapter does not run under libfaketime (`cargo xtask setup-external` installs it)");
        return false;
    }
    if (!t->in_range) {
        set_unsupported(r, "the case's time is beyond what libfaketime can represent");
        return false;
    }
    std::time_t secs = static_cast<std::time_t>(t->seconds);
    std::tm tm{};
    if (!gmtime_r(&secs, &tm) || tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999) {
        set_unsupported(r, "libfaketime cannot represent the time %lld s (outside the years 0000-9999)", t->seconds);
        return false;
    }
    std::FILE *f = std::fopen(path, "w");
    if (!f) {
        set_unsupported(r, "cannot write libfaketime's timestamp file %s", path);
        return false;
    }
    std::fprintf(f, "%04d-%02d-%02d %02d:%02d:%02d.%09ld\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec, t->nanos);
    std::fclose(f);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (now.tv_sec != secs || now.tv_nsec != t->nanos) {
        set_unsupported(r, "libfaketime's clock reads %lld.%09ld s, not the case's %lld.%09ld s", (long long)now.tv_sec,
                        now.tv_nsec, t->seconds, t->nanos);
        return false;
    }
    return true;
}

// The JWK as the bytes a library takes (jwk_key_bytes: an oct key's secret,
// else SPKI PEM); false when it cannot be converted.
inline bool key_bytes(json_t *jwk, std::string &out, bool &is_pem) {
    unsigned char *b = nullptr;
    int pem = 0;
    long n = jwk_key_bytes(jwk, &b, &pem);
    if (n < 0) return false;
    out.assign(reinterpret_cast<const char *>(b), static_cast<size_t>(n));
    std::free(b);
    is_pem = pem != 0;
    return true;
}

} // namespace jwtproof
#endif
