#!/usr/bin/env python3
"""A deliberately faulty jwtproof-adapter/1 program, for the runner's tests.

It misbehaves according to the case id's first word:
crash-* exits mid-case, hang-* never answers, garbage-* answers non-JSON,
valid-* answers valid, anything else answers invalid/malformed.
"""
import json
import sys
import time

for line in sys.stdin:
    req = json.loads(line)
    if req["type"] == "hello":
        print(json.dumps({"type": "hello", "library": "faulty", "version": "0.0.0"}), flush=True)
        continue
    case_id = req["id"]
    if case_id.startswith("crash-"):
        print("about to crash on " + case_id, file=sys.stderr, flush=True)
        sys.exit(3)
    if case_id.startswith("hang-"):
        time.sleep(3600)
    if case_id.startswith("garbage-"):
        print("this is not JSON", flush=True)
        continue
    outcome = "valid" if case_id.startswith("valid-") else "invalid"
    print(json.dumps({"type": "outcome", "id": case_id, "outcome": outcome, "error": "malformed"}), flush=True)
