#!/bin/sh
# Regenerates the pictures of the books:
#   docs/horizontal-vertical.png: page 4 of the seed's PDF as built by default (horizontal,
#     Simplified) next to the same page of its vertical Traditional edition, at 70 dpi
#     (needs poppler-utils);
#   out/pictures/BOOK-SIZE.png: the first text page of the seed, the vertical Traditional
#     seed and the rich Markdown book as foliate-js shows their EPUBs in Chromium, at
#     phone (390×844) and tablet (820×1180) size, taken by TestEngines (needs chromium and
#     `npm ci --prefix scripts/engines`); the phone views of the seed are copied to
#     docs/epub-horizontal-phone.png and docs/epub-vertical-phone.png.
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
mkdir -p docs out/pictures
$GO run ./scripts/sidebyside docs/horizontal-vertical.png "$tmp/h4.png" "$tmp/v4.png"
echo "docs/horizontal-vertical.png"
CJKBOOK_PICTURES="$(pwd)/out/pictures" CJKBOOK_REQUIRE_TOOLS=1 $GO test -count=1 -run '^TestEngines$' ./book/build >/dev/null
cp out/pictures/seed-phone.png docs/epub-horizontal-phone.png
cp out/pictures/seed-vertical-phone.png docs/epub-vertical-phone.png
ls out/pictures/*.png
echo "docs/epub-horizontal-phone.png docs/epub-vertical-phone.png"
