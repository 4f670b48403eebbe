# cjkbook: `make book` builds source/ into out/; `make test` proves it.
GO      ?= go
SRC     ?= source
OUT     ?= out
FUZZTIME ?= 15s

.PHONY: book test lint short unit e2e bench fuzz golden pictures clean

book:
	$(GO) run ./cmd/cjkbook build -o $(OUT) $(SRC)

test: lint unit

# golangci-lint v2, pinned in tools/go.mod (its own module, so that its dependencies
# never move ours); .golangci.yml holds the linters and the import rules, and
# docs/architecture.md explains them. Its results are cached (~/.cache/golangci-lint).
GOLANGCI = $(GO) tool -modfile=tools/go.mod golangci-lint
GOFILES  = $$(git ls-files --cached --others --exclude-standard '*.go')

# Every check runs, so that one run lists all the findings.
lint:
	@status=0; \
	unformatted=$$(gofmt -l $(GOFILES)); \
	if [ -n "$$unformatted" ]; then echo "$$unformatted"; echo "gofmt: files above need formatting"; status=1; fi; \
	$(GO) vet ./... || status=1; \
	$(GOLANGCI) run --allow-parallel-runners ./... || status=1; \
	if $(GO) list -deps ./book/pdf/layout | grep -q gopdf; then echo "book/pdf/layout must not import gopdf"; status=1; fi; \
	scripts/filesize.sh 650 || status=1; \
	exit $$status

# fast tier: unit and golden tests (external validators, corpus books, browsers and
# stress inputs skip under -short); under a minute
short:
	$(GO) test -short -count=1 ./...

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
	$(GO) test ./book/load ./book/load/epubfile ./book/load/htmlmodel ./book/epub ./book/pdf/layout -update

# docs/horizontal-vertical.png (the seed's PDF page 4, horizontal and vertical Traditional; needs pdftoppm)
# and the EPUBs in foliate-js at phone and tablet size (out/pictures, docs/epub-*-phone.png)
pictures:
	GO=$(GO) scripts/pictures.sh

clean:
	rm -rf $(OUT)
