"""The jwtproof vectors as pytest tests: one test per case, judged as the
runner judges a third-party library (accept or reject; the error kind is
not judged), its known deviations read from its expectations file.

    external/python/.venv/bin/python -m pytest protocol-adapters/python/test_vectors.py -q

A consumer of the vectors without Rust: copy this file, replace LIBRARY
and the `verify` call with your own library's (raise to reject, return to
accept, raise `Unsupported` for what it cannot express). JWTPROOF_LIBRARY
picks another of this directory's modules (lib_<name>.py); a library that
reads the wall clock needs the runner's libfaketime, so this file is run
with one that takes the time as an option (joserfc by default).
"""
import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from protocol import Unsupported  # noqa: E402

ROOT = HERE.parent.parent
LIBRARY = os.environ.get("JWTPROOF_LIBRARY", "joserfc")
lib = __import__("lib_" + LIBRARY.replace("-", "_"))
# The vectors a default run loads: everything under vectors/ but the
# third-party corpora, the loader's fixtures and the keys.
SKIP_DIRS = {"imported", "invalid-files", "keys"}
# Private JWK members a verifier never receives (RFC 7518 §6.2.2, §6.3.2).
PRIVATE = {"d", "p", "q", "dp", "dq", "qi", "oth"}


def vector_files():
    for path in sorted((ROOT / "vectors").rglob("*.json")):
        rel = path.relative_to(ROOT / "vectors")
        if rel.parts[0] in SKIP_DIRS or path.name == "schema.json":
            continue
        yield path


def cases():
    for path in vector_files():
        data = json.loads(path.read_text())
        for case in data["tests"]:
            yield pytest.param(data, case, id=case["id"])


def public_key(data, case):
    if case.get("key") is None:
        return None
    jwk = dict(data["keys"][case["key"]])
    if jwk.get("kty") != "oct":
        jwk = {k: v for k, v in jwk.items() if k not in PRIVATE}
    return jwk


def listed(deviations, case_id):
    """The expectations entry for the case (exact id or a `prefix*`)."""
    if case_id in deviations:
        return deviations[case_id]
    for pattern, entry in deviations.items():
        if pattern.endswith("*") and case_id.startswith(pattern[:-1]):
            return entry
    return None


# JWTPROOF_EXPECTATIONS: another expectations file (a maintainer's own).
EXPECTATIONS = Path(os.environ.get("JWTPROOF_EXPECTATIONS", ROOT / "expectations" / f"{LIBRARY}.json"))
DEVIATIONS = json.loads(EXPECTATIONS.read_text())["deviations"]


@pytest.mark.parametrize("data,case", list(cases()))
def test_vector(data, case):
    try:
        lib.verify(case["token"], public_key(data, case), case["validation"])
        outcome = "valid"
    except Unsupported as e:
        pytest.skip(str(e))
    except Exception:  # the library rejected the token
        outcome = "invalid"
    expected = case["expected"]
    if expected == "acceptable" or outcome == expected:
        return
    entry = listed(DEVIATIONS, case["id"])
    # A listed deviation with this outcome is known ("invalid/<kind>" and
    # "+slow" forms name the same outcome); anything else is new.
    known = entry is not None and entry["outcome"].split("/")[0].split("+")[0] == outcome
    assert known, f"{LIBRARY} answers {outcome}, the case expects {expected}: {case['description']}"
