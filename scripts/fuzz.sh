#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each (default 5s): `make fuzz FUZZTIME=10m`.
set -euo pipefail
t=${1:-5s}
for pkg in $(go list ./...); do
  for f in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "== $pkg $f ($t)"
    go test -run '^$' -fuzz "^$f\$" -fuzztime "$t" "$pkg"
  done
done
