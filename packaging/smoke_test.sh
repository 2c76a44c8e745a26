#!/bin/sh
# Smoke test of a built package: see packaging/smoke_test.py (stdlib only; any python3 ≥ 3.11).
exec python3 "$(dirname "$0")/smoke_test.py" "$@"
