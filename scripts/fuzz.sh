#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a short time each (default 5s): `make fuzz FUZZTIME=10m`.
#
# Go 1.26's fuzz coordinator can fail a target with a bare "context deadline exceeded" at the
# end of -fuzztime, when a worker is still busy as the deadline fires (golang/go issue 75804,
# fixed in Go 1.27): no input failed and none is written. Such a run, and only such a run, is
# repeated once; a second failure of any kind fails, and any failure that wrote an input (or
# printed anything else) fails at once.
set -euo pipefail
t=${1:-5s}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# deadline_race reports whether the failed run in $log is the coordinator's deadline race alone.
deadline_race() {
  grep -q 'context deadline exceeded' "$log" &&
    ! grep -q -e 'Failing input written' -e 'panic:' -e '_test.go:[0-9]' -e 'fuzzing process hung' "$log"
}

for pkg in $(go list ./...); do
  for f in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "== $pkg $f ($t)"
    if go test -run '^$' -fuzz "^$f\$" -fuzztime "$t" "$pkg" 2>&1 | tee "$log"; then
      continue
    fi
    if deadline_race; then
      echo "== $pkg $f: Go's -fuzztime deadline race (no failing input); running it once more"
      go test -run '^$' -fuzz "^$f\$" -fuzztime "$t" "$pkg"
    else
      exit 1
    fi
  done
done
