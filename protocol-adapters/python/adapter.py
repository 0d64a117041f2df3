#!/usr/bin/env python3
"""jwtproof-adapter/1 entry point for the Python libraries.

    external/python/.venv/bin/python -B protocol-adapters/python/adapter.py MODULE

MODULE is a library module of this directory (lib_<library>.py, without
.py); the registry (implementations.json) names it in each entry's
command, so nothing here lists the libraries.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from protocol import serve  # noqa: E402


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    module = sys.argv[1] if len(sys.argv) == 2 else ""
    if not (module.startswith("lib_") and module.replace("_", "").isalnum() and os.path.isfile(os.path.join(here, module + ".py"))):
        sys.exit("usage: adapter.py lib_<library> (a library module of " + here + ")")
    serve(module)
