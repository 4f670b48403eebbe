# cjkbook: `make book` builds source/ into out/; `make test` proves it.
GO      ?= go
SRC     ?= source
OUT     ?= out
FUZZTIME ?= 15s

.PHONY: book test lint unit e2e bench fuzz golden pictures clean

book:
	$(GO) run ./cmd/cjkbook build -o $(OUT) $(SRC)

test: lint unit

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v '^book/third_party/'))" || { gofmt -l $$(git ls-files '*.go' | grep -v '^book/third_party/'); echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	@if $(GO) list -deps ./book/pdf/layout | grep -q gopdf; then echo "book/pdf/layout must not import gopdf"; exit 1; fi

# unit and end-to-end tests (the e2e tests build the seed with the real binary and check both
# books with epubcheck, pdffonts, pdftotext, qpdf and mutool; they skip visibly when a tool is
# missing, and fail under CJKBOOK_REQUIRE_TOOLS=1)
unit:
	$(GO) test -count=1 -timeout 15m ./...
	cd book/third_party/gopdf && $(GO) test -count=1 ./...
	cd book/third_party/go-epub && $(GO) vet ./... && $(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 5x ./book/... ./fonts/...
	scripts/bench.sh

fuzz:
	scripts/fuzz.sh $(FUZZTIME)

golden:
	$(GO) test ./book/load ./book/epub ./book/pdf/layout -update

# docs/horizontal-vertical.png (the seed's PDF page 4, horizontal and vertical Traditional; needs pdftoppm)
# and the EPUBs in foliate-js at phone and tablet size (out/pictures, docs/epub-*-phone.png)
pictures:
	GO=$(GO) scripts/pictures.sh

clean:
	rm -rf $(OUT)
