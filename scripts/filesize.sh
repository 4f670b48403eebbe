#!/usr/bin/env bash
# Fails when a Go source file (not a test, not under book/third_party) is over 650 lines,
# unless the file says why it must be long in a line starting with "// long file: ".
set -euo pipefail
limit=${1:-650}
status=0
while IFS= read -r f; do
  [ -f "$f" ] || continue
  n=$(wc -l <"$f")
  if [ "$n" -gt "$limit" ] && ! grep -q '^// long file: ' "$f"; then
    echo "$f: $n lines, over $limit: split it by topic (or say why it must be long in a '// long file: ' comment)"
    status=1
  fi
done < <(git ls-files --cached --others --exclude-standard '*.go' | grep -v -e '_test\.go$' -e '^book/third_party/')
exit $status
