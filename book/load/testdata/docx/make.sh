#!/usr/bin/env bash
# Makes the .docx fixtures of the Word reader's golden tests from the sources beside it:
#   pandoc.docx       pandoc (Debian's pandoc, with --toc) from pandoc.md and tree.png
#   pandoc-title-repeat.docx  pandoc from pandoc-title-repeat.md: Heading 1s repeating the Title
#   libreoffice.docx  LibreOffice Writer (soffice --headless) from libreoffice.fodt
#   libreoffice-plain.docx  LibreOffice from libreoffice-plain.txt: no heading styles at all
#   wps.docx          zipped from wps/, a hand-written document in the way WPS writes one:
#                     Chinese style ids, a TOC field, tracked changes, comments, a text box
# Then: go test ./book/load -run TestWordGolden -update, and review the .golden diffs.
set -euo pipefail
cd "$(dirname "$0")"
pandoc -f markdown+superscript+subscript --toc pandoc.md -o pandoc.docx
pandoc pandoc-title-repeat.md -o pandoc-title-repeat.docx
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
soffice --headless -env:UserInstallation=file://"$tmp"/profile --convert-to docx --outdir "$tmp" libreoffice.fodt >/dev/null
cp "$tmp/libreoffice.docx" libreoffice.docx
soffice --headless -env:UserInstallation=file://"$tmp"/profile --infilter="Text (encoded):UTF8,,," --convert-to docx --outdir "$tmp" libreoffice-plain.txt >/dev/null
cp "$tmp/libreoffice-plain.docx" libreoffice-plain.docx
go run mkdocx.go wps wps.docx
