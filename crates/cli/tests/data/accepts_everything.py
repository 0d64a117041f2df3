# A verifier with no checks at all, in the protocol's few lines of Python
# (the out-of-tree tests of the runner and of xtask start it).
import json, sys
for line in sys.stdin:
    req = json.loads(line)
    if req["type"] == "hello":
        out = {"type": "hello", "library": "accepts-everything", "version": "0.0.1"}
    else:
        out = {"type": "outcome", "id": req["id"], "outcome": "valid"}
    print(json.dumps(out), flush=True)
