#!/bin/sh
# make.sh rebuilds the EPUB fixtures from src/ with the tools readers' EPUBs
# come from: pandoc (EPUB 3 and EPUB 2), Calibre's ebook-convert (EPUB 2 with
# only toc.ncx, a text hard-wrapped at one width and one wrapped by hand at
# varying widths, each split into one <p> per line, and a Markdown conversion
# with footnotes), and kafstyle/, which writes a web novel
# with volumes the way kaf-cli does (its module is not served to us). Run it
# from this folder; the outputs are committed, so tests need none of the tools.
set -eu
cd "$(dirname "$0")"
export SOURCE_DATE_EPOCH=1700000000 TZ=UTC
python3 src/png.py 40 30 88aa66 src/camel.png
python3 src/png.py 60 90 334455 src/cover.png
pandoc src/novel.md -o pandoc3.epub --resource-path=src --epub-cover-image=src/cover.png
pandoc src/novel.md -t epub2 -o pandoc2.epub --resource-path=src
python3 src/wrap.py src/hlm.txt src/wrapped.txt 30
ebook-convert src/wrapped.txt calibre-txt.epub --paragraph-type=single \
	--title 红楼梦选 --authors 曹雪芹 --language zh --cover src/cover.png \
	--chapter '//*[re:test(., "^第.回")]' >/dev/null
ebook-convert src/handwrapped.txt calibre-hand.epub --paragraph-type=single \
	--title 红楼梦选 --authors 曹雪芹 --language zh --cover src/cover.png \
	--chapter '//*[re:test(., "^第.回")]' >/dev/null
ebook-convert src/novel.md calibre-md.epub --formatting-type=markdown \
	--title 城南旧事 --authors 林海音 --language zh --cover src/cover.png >/dev/null
(cd ../../../.. && go run ./book/load/epubfile/testdata/kafstyle \
	book/load/epubfile/testdata/src/webnovel.txt book/load/epubfile/testdata/kafstyle.epub)
ebook-convert src/wrapped.txt calibre-auto.epub --title 红楼梦选 --authors 曹雪芹 \
	--language zh --cover src/cover.png >/dev/null
