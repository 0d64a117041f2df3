"""The jwtproof-adapter/1 loop shared by the Python adapters.

A library module (lib_*.py) provides:

- ``LIBRARY``: the library's name as its users know it, which is also the
  name of its installed distribution (the version is read from it);
- ``verify(token, key, validation)``: runs the library on one case and
  returns normally when the library accepts the token; raises
  ``Unsupported`` for what the library cannot express; any other exception
  is the library rejecting the token;
- ``map_error(exc)``: the spec error kind of an exception, or None (the one
  place where the library's errors are mapped).

See protocol-adapters/README.md for the protocol.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sys
import time
import traceback
import warnings
from typing import Any

PROTOCOL = "jwtproof-adapter/1"

# The spec's closed list of error kinds (verification-rules.md).
ERROR_KINDS = frozenset(
    {
        "malformed",
        "invalid_header",
        "algorithm_not_allowed",
        "unsupported_critical_header",
        "key_mismatch",
        "invalid_signature",
        "invalid_claim",
        "missing_claim",
        "expired",
        "not_yet_valid",
        "issued_in_future",
        "audience_mismatch",
        "issuer_mismatch",
        "subject_mismatch",
        "nonce_out_of_window",
    }
)


class Unsupported(Exception):
    """The library cannot express the case; the message says why."""


def now_seconds(validation: dict[str, Any]) -> float:
    """The case's time in seconds (fractional for now_ns, to the microsecond,
    rounded down: exact against integer claim values)."""
    if "now_ns" in validation:
        return (int(validation["now_ns"]) // 1000) / 1_000_000
    return int(validation["now"])


def now_integer(validation: dict[str, Any]) -> int:
    """The case's time in whole seconds, for libraries whose clock option is
    an integer; Unsupported when that would change the time."""
    if "now_ns" in validation:
        ns = int(validation["now_ns"])
        if ns % 1_000_000_000:
            raise Unsupported("the library's clock option takes whole seconds; now_ns has a fraction")
        return ns // 1_000_000_000
    return int(validation["now"])


# Set while a `bench` request with `wall_clock` runs: its token is valid at
# the wall clock and its `now` is the wall clock, so no clock is faked
# inside the timed loop (freezegun costs milliseconds per call and would be
# measured instead of the library).
WALL_CLOCK = False


def _case_nanos(validation: dict[str, Any]) -> int:
    """The case's time in integer nanoseconds since the epoch."""
    if "now_ns" in validation:
        return int(validation["now_ns"])
    return int(validation["now"]) * 1_000_000_000


@contextlib.contextmanager
def frozen_clock(validation: dict[str, Any]):
    """Sets the process's wall clock (time.time(), datetime.now() & co.) to
    the case's exact time, for libraries that read the wall clock and have
    no clock option. The process runs under libfaketime (the runner starts
    it so: `"fake_clock": true` in implementations.json; installed by
    `cargo xtask setup-external`) with a timestamp file of its own, which
    libfaketime re-reads on every clock call: the case's time is written
    there as a frozen absolute UTC time with nanoseconds, then read back,
    and the case runs only when the clock returns exactly that instant.
    Nothing is patched inside Python, so the library reads its clock as it
    always does."""
    if WALL_CLOCK:
        yield
        return
    path = os.environ.get("JWTPROOF_FAKETIME_FILE")
    if not path:
        raise Unsupported("the adapter does not run under libfaketime (`cargo xtask setup-external` installs it)")
    want = _case_nanos(validation)
    secs, frac = divmod(want, 1_000_000_000)
    try:
        at = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=secs)
    except OverflowError as e:
        raise Unsupported(f"libfaketime cannot represent the case's time ({secs} s): {e}") from e
    with open(path, "w", encoding="ascii") as f:
        f.write(f"{at.year:04d}-{at.month:02d}-{at.day:02d} {at.hour:02d}:{at.minute:02d}:{at.second:02d}.{frac:09d}\n")
    got = time.time_ns()
    if got != want:
        raise Unsupported(f"libfaketime's clock reads {got} ns, not the case's {want} ns")
    yield


def common_unsupported(validation: dict[str, Any]) -> None:
    """Settings no third-party library has."""
    if "profile" in validation:
        raise Unsupported(f"no API-profile rules ({validation['profile']}) in a general-purpose JWT library")
    if "origin" in validation:
        raise Unsupported("no Origin check (voicegain profile) in a general-purpose JWT library")


def prelude(validation: dict[str, Any], implemented: set[str], library: str, no_max_age: str) -> list[str]:
    """What every library module checks first: the settings no library has
    (common_unsupported), then max_age, which none of these libraries can
    be given (`no_max_age` says why), then the allow-list
    (check_algorithms), which it returns."""
    common_unsupported(validation)
    if "max_age" in validation:
        raise Unsupported(no_max_age)
    return check_algorithms(validation, implemented, library)


# The settings that expect a claim's value, by the claim they name.
EXPECTED_CLAIMS = {"audience": "aud", "issuer": "iss", "subject": "sub"}


def expected_values(validation: dict[str, Any]) -> dict[str, Any]:
    """The values the case expects of claims, by claim name, in the order
    aud (the list of accepted audiences), iss, sub; only those set."""
    return {
        claim: list(validation[name]) if claim == "aud" else validation[name]
        for name, claim in EXPECTED_CLAIMS.items()
        if name in validation
    }


# A claim whose value differs from the expected one, by claim name.
CLAIM_MISMATCH = {"aud": "audience_mismatch", "iss": "issuer_mismatch", "sub": "subject_mismatch"}


def kind_of(exc: BaseException, table: Any) -> str | None:
    """A library exception's spec kind by `table`, rows of (exception
    type or types, kind): the first row `exc` is an instance of decides.
    A kind is a string, None (no kind), or a function of the exception
    that returns either (where the message tells the cases apart)."""
    for types, kind in table:
        if isinstance(exc, types):
            return kind(exc) if callable(kind) else kind
    return None


def check_algorithms(validation: dict[str, Any], implemented: set[str], library: str) -> list[str]:
    """The allow-list, unchanged (`none` included: whether the library lets
    it be listed is part of the test); Unsupported when it names an
    algorithm the library does not implement."""
    algs = list(validation["algorithms"])
    lacking = [a for a in algs if a != "none" and a not in implemented]
    if lacking:
        raise Unsupported(f"{library} does not implement {', '.join(lacking)}")
    return algs


def _answer(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def serve(module_name: str) -> None:
    """Answers requests on stdin until it closes."""
    warnings.simplefilter("ignore")
    lib = None
    unavailable = None
    try:
        lib = __import__(module_name)
        lib_version = installed_version(lib.LIBRARY)
    except Exception as e:  # a missing package is reported, never skipped silently
        unavailable = f"cannot load {module_name}: {type(e).__name__}: {e} (run `cargo xtask setup-external`)"
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req.get("type") == "hello":
            if unavailable is not None:
                _answer({"type": "hello", "unavailable": unavailable})
                return
            _answer({"type": "hello", "library": lib.LIBRARY, "version": lib_version})
            continue
        case_id = req.get("id")
        if req.get("type") == "bench":
            _bench(lib, req)
            continue
        answer: dict[str, Any] = {"type": "outcome", "id": case_id}
        elapsed = None
        try:
            if not isinstance(req.get("validation"), dict):
                # Not the library's doing: the runner sent no settings.
                raise Unsupported("the request carries no validation object (the runner could not serialize the case's settings)")
            # elapsed_ns: the library call alone (with the module's per-call
            # mapping), on the monotonic perf_counter clock.
            start = time.perf_counter_ns()
            try:
                lib.verify(req["token"], req.get("key"), req["validation"])
            finally:
                elapsed = time.perf_counter_ns() - start
            answer["outcome"] = "valid"
        except Unsupported as e:
            answer["outcome"] = "unsupported"
            answer["detail"] = str(e)
        except Exception as e:  # the library (or its input handling) rejected the token
            answer["outcome"] = "invalid"
            kind = lib.map_error(e)
            if kind is not None:
                assert kind in ERROR_KINDS, kind
                answer["error"] = kind
            answer["detail"] = f"{type(e).__module__}.{type(e).__name__}: {e}"[:500]
            if len(sys.argv) > 2 and sys.argv[2] == "--trace":
                traceback.print_exc()
        if elapsed is not None and answer["outcome"] != "unsupported":
            answer["elapsed_ns"] = elapsed
        _answer(answer)


def _noop(token: str, key: Any, validation: dict[str, Any]) -> None:
    """The bare loop's call: the same arguments, no work."""


def _bench(lib: Any, req: dict[str, Any]) -> None:
    """Times `iterations` verifications inside this process, on the
    monotonic perf_counter clock (process start-up is not measured; the
    adapter's per-call mapping is included). With `wall_clock` no clock is
    faked (see WALL_CLOCK). `overhead_ns_per_op` is the same loop around a
    call that does nothing: what the loop itself costs."""
    global WALL_CLOCK
    token, key, validation = req["token"], req.get("key"), req["validation"]
    WALL_CLOCK = bool(req.get("wall_clock"))
    try:
        try:
            lib.verify(token, key, validation)
        except Exception as e:  # not accepted: nothing to time
            _answer({"type": "bench", "id": req.get("id"), "unsupported": f"{type(e).__name__}: {e}"[:300]})
            return
        n = int(req.get("iterations", 100))
        start = time.perf_counter_ns()
        for _ in range(n):
            lib.verify(token, key, validation)
        ns = (time.perf_counter_ns() - start) / n
        start = time.perf_counter_ns()
        for _ in range(n):
            _noop(token, key, validation)
        overhead = (time.perf_counter_ns() - start) / n
    finally:
        WALL_CLOCK = False
    _answer({"type": "bench", "id": req.get("id"), "ns_per_op": ns, "overhead_ns_per_op": overhead})


def installed_version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)
