package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
)

// checkedBooks are the books both EPUB checkers must pass without an error or a warning:
// the seed, the seed as a vertical Traditional book, the Markdown test book and a book of
// Markdown's phrase tags (horizontal and vertical), the seed with pinyin on every
// character (horizontal and vertical) and the
// corpus books (a path under the corpus when corpus is set), each at most maxSize bytes
// when that is set.
var checkedBooks = []struct {
	name, src string
	corpus    bool
	opts      build.Options
	maxSize   int64
}{
	{name: "seed", src: "source"},
	{name: "seed-vertical", src: "source", opts: build.Options{Vertical: true, Script: "traditional"}},
	{name: "rich", src: "book/build/testdata/books/rich"},
	{name: "rich-vertical", src: "book/build/testdata/books/rich", opts: build.Options{Vertical: true}},
	{name: "phrase", src: phraseBook},
	{name: "phrase-vertical", src: phraseBook, opts: build.Options{Vertical: true}},
	{name: "seed-pinyin", src: "source", opts: build.Options{Pinyin: "true"}},
	{name: "seed-pinyin-vertical", src: "source", opts: build.Options{Pinyin: "true", Vertical: true}},
	{name: "yecao", src: "luxun-essays/yecao", corpus: true},
	{name: "trpl", src: "trpl-zh-cn/src", corpus: true},
	{name: "hongloumeng", src: "hongloumeng", corpus: true, maxSize: 2_500_000}, // the novel on a phone's data plan
}

// phraseBook stands for a Markdown book with the inline HTML the loader keeps, which
// TestEPUBCheck33 writes into a temporary folder.
const phraseBook = "phrase"

// phraseMarkdown is the phrase book's one chapter: every safe phrase tag of Markdown's
// inline HTML, a line break and emphasis on Chinese and Latin words.
const phraseMarkdown = `# 短语

2<sup>8</sup> = 256，H<sub>2</sub>O，按 <kbd>Ctrl</kbd>+<kbd>C</kbd>复制。

<small>小字</small><mark>标记</mark><u>专名</u><s>删</s><del>除</del><ins>增</ins><abbr title="World Health Organization">WHO</abbr>

<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp>字<rt>zì</rt></ruby>，第一行<br/>第二行。

*着重* 与 *italic words*。
`

// TestEPUBCheck33 checks the books with an EPUB 3.3 checker, epubcheck-ts (a TypeScript
// port of EPUBCheck 5, from npm: `npm ci --prefix scripts/engines`), and with Debian's
// EPUBCheck 4.2.6: both must report no error and no warning. The two disagree on one
// thing the books carry, the source of the page numbers: EPUB 3.3 names it with dc:source
// refined by source-of "pagination", which both accept, while the pageBreakSource
// property that is to replace it is undefined for 4.2.6 (OPF-027); the package document
// therefore says it the 3.3 way and adds pageBreakSource in the name/content form, which
// both accept.
func TestEPUBCheck33(t *testing.T) {
	testenv.Slow(t, "epubcheck-ts and EPUBCheck 4.2.6 on nine books (~2 min)")
	// The external checkers run single-threaded: overlap them with the other slow tests.
	t.Parallel()
	node := testenv.Tool(t, "node")
	checker := filepath.Join(enginesDir(t, "@likecoin/epubcheck-ts/bin/epubcheck.js"), "node_modules", "@likecoin", "epubcheck-ts", "bin", "epubcheck.js")
	root := testenv.RepoRoot(t)
	shelf := t.TempDir()
	for _, b := range checkedBooks {
		t.Run(b.name, func(t *testing.T) {
			src := filepath.Join(root, b.src)
			switch {
			case b.corpus:
				src = testenv.Corpus(t, b.src)
			case b.src == phraseBook:
				src = t.TempDir()
				if err := os.WriteFile(filepath.Join(src, "01.md"), []byte(phraseMarkdown), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o := b.opts
			o.Src, o.Out, o.EPUB, o.Time = src, filepath.Join(shelf, b.name), true, time.Unix(1700000000, 0).UTC()
			res, err := build.Run(context.Background(), o)
			if err != nil {
				t.Fatalf("build %s: %v", b.name, err)
			}
			if b.maxSize > 0 && res.EPUBSize > b.maxSize {
				t.Errorf("the EPUB is %d bytes, want at most %d", res.EPUBSize, b.maxSize)
			}
			report := filepath.Join(shelf, b.name+".json")
			// It exits 1 when it finds errors: the report says which.
			out, err := exec.Command(node, checker, res.EPUBPath, "--quiet", "--json", report).CombinedOutput()
			if _, serr := os.Stat(report); serr != nil {
				t.Fatalf("epubcheck-ts wrote no report: %v\n%s", err, out)
			}
			checkReport(t, report)
			cmd := append(testenv.Epubcheck(t), res.EPUBPath)
			out, err = exec.Command(cmd[0], cmd[1:]...).CombinedOutput()
			if err != nil || !bytes.Contains(out, []byte("No errors or warnings detected")) {
				t.Errorf("EPUBCheck 4.2.6: %v\n%s", err, out)
			}
		})
	}
}

// checkReport fails the test for every fatal error, error or warning in epubcheck-ts's
// JSON report.
func checkReport(t *testing.T, report string) {
	t.Helper()
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Checker  struct{ Version string }
		Messages []struct {
			ID, Severity, Message string
			Locations             []struct{ Path string }
		}
		Fatals, Errors, Warnings int
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("epubcheck-ts report: %v", err)
	}
	if !strings.HasPrefix(r.Checker.Version, "0.7.") {
		t.Errorf("epubcheck-ts %s, want 0.7.x (scripts/engines/package.json)", r.Checker.Version)
	}
	for _, m := range r.Messages {
		switch strings.ToLower(m.Severity) {
		case "fatal", "error", "warning":
			t.Errorf("epubcheck-ts %s %s: %s %+v", m.Severity, m.ID, m.Message, m.Locations)
		}
	}
	if r.Fatals+r.Errors+r.Warnings > 0 {
		t.Errorf("epubcheck-ts: %d fatal errors, %d errors, %d warnings", r.Fatals, r.Errors, r.Warnings)
	}
}

// enginesDir returns the folder whose node_modules hold the npm packages the tests use
// (scripts/engines, or $CJKBOOK_ENGINES), skipping the test with a message when the file
// module (a path under node_modules) is not installed, or failing it under
// CJKBOOK_REQUIRE_TOOLS=1.
func enginesDir(t *testing.T, module string) string {
	t.Helper()
	engines := os.Getenv("CJKBOOK_ENGINES")
	if engines == "" {
		engines = filepath.Join(testenv.RepoRoot(t), "scripts", "engines")
	}
	if _, err := os.Stat(filepath.Join(engines, "node_modules", filepath.FromSlash(module))); err != nil {
		msg := module + " not installed; npm ci --prefix scripts/engines to run this check"
		if testenv.Required() {
			t.Fatalf("%s (required: CJKBOOK_REQUIRE_TOOLS=1)", msg)
		}
		t.Skip("SKIP: " + msg)
	}
	return engines
}
