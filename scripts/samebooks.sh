#!/usr/bin/env bash
# Builds a fixed set of books with the cjkbook of git revision BASE (default HEAD) and with the
# working tree, SOURCE_DATE_EPOCH fixed, and reports every book that differs byte for byte.
# A refactoring must leave them all identical. Corpus books are skipped when the shared corpus is absent.
#   scripts/samebooks.sh [BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
corpus=${CJKBOOK_CORPUS:-../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; git worktree remove --force "$tmp/base" 2>/dev/null || true' EXIT
git worktree add --detach -q "$tmp/base" "$base"
(cd "$tmp/base" && go build -o "$tmp/cjkbook-base" ./cmd/cjkbook)
go build -o "$tmp/cjkbook-new" ./cmd/cjkbook
export SOURCE_DATE_EPOCH=1700000000

# name|flags|source
books=(
  "seed||source"
  "seed-vertical-trad|--vertical --to-traditional|source"
  "rich||book/build/testdata/books/rich"
  "rich-vertical|--vertical|book/build/testdata/books/rich"
)
for d in "$corpus/luxun-essays/yecao" "$corpus/trpl-zh-cn/src" "$corpus/hongloumeng/hongloumeng.txt"; do
  [ -e "$d" ] && books+=("$(basename "$d")||$d")
done
[ -e "$corpus/luxun-essays/yecao" ] && books+=("yecao-vertical|--vertical --to-traditional|$corpus/luxun-essays/yecao")

diffs=0
for spec in "${books[@]}"; do
  IFS='|' read -r name flags src <<<"$spec"
  for v in base new; do
    # shellcheck disable=SC2086
    "$tmp/cjkbook-$v" build $flags -o "$tmp/$v/$name" "$src" >/dev/null 2>"$tmp/$v-$name.err" || true
  done
  if ! ls "$tmp/base/$name"/*.pdf >/dev/null 2>&1; then echo "base built no PDF for $name:"; head -3 "$tmp/base-$name.err"; fi
  for f in "$tmp/base/$name"/* "$tmp/new/$name"/*; do
    [ -e "$f" ] || continue
    other=${f/\/base\//\/new\/}; [ "$other" = "$f" ] && other=${f/\/new\//\/base\/}
    if [ ! -e "$other" ]; then echo "only one side: $f"; diffs=$((diffs+1)); continue; fi
  done
  for f in "$tmp/base/$name"/*; do
    [ -e "$f" ] || continue
    g="$tmp/new/$name/$(basename "$f")"
    if [ -e "$g" ] && ! cmp -s "$f" "$g"; then echo "differs: $name/$(basename "$f")"; diffs=$((diffs+1)); fi
  done
  if ! diff -q "$tmp/base-$name.err" "$tmp/new-$name.err" >/dev/null; then echo "messages differ: $name"; { diff "$tmp/base-$name.err" "$tmp/new-$name.err" || true; } | head -10; diffs=$((diffs+1)); fi
done
echo "samebooks: ${#books[@]} books compared with $base, $diffs differences"
[ "$diffs" -eq 0 ]
