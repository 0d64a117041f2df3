#!/usr/bin/env python3
"""jwtproof-adapter/1 entry point for the Python libraries.

    external/python/.venv/bin/python -B adapters/python/adapter.py NAME

NAME is one of: pyjwt, joserfc, jwcrypto, python-jose, authlib.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from protocol import serve  # noqa: E402

LIBS = {
    "pyjwt": "lib_pyjwt",
    "joserfc": "lib_joserfc",
    "jwcrypto": "lib_jwcrypto",
    "python-jose": "lib_python_jose",
    "authlib": "lib_authlib",
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in LIBS:
        sys.exit(f"usage: adapter.py {{{','.join(LIBS)}}}")
    serve(LIBS[sys.argv[1]])
