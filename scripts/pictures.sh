#!/bin/sh
# Regenerates docs/horizontal-vertical.png: page 4 of the seed as built by default
# (horizontal, Simplified) next to the same page of its vertical Traditional edition,
# rendered by pdftoppm at 70 dpi. Needs poppler-utils.
set -eu
GO=${GO:-go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v pdftoppm >/dev/null || { echo "pictures: pdftoppm missing (apt-get install poppler-utils)" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1700000000
$GO run ./cmd/cjkbook build --pdf-only -o "$tmp/h" source >/dev/null
$GO run ./cmd/cjkbook build --pdf-only --vertical --to-traditional -o "$tmp/v" source >/dev/null
pdftoppm -r 70 -f 4 -l 4 -singlefile -png "$tmp"/h/*.pdf "$tmp/h4"
pdftoppm -r 70 -f 4 -l 4 -singlefile -png "$tmp"/v/*.pdf "$tmp/v4"
mkdir -p docs
$GO run ./scripts/sidebyside docs/horizontal-vertical.png "$tmp/h4.png" "$tmp/v4.png"
echo "docs/horizontal-vertical.png"
