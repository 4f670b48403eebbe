package build_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf"
)

// tagReport is what testdata/tagcheck.py prints.
type tagReport struct {
	Pages      int               `json:"pages"`
	Lang       string            `json:"lang"`
	Counts     map[string]int    `json:"counts"`
	Headings   []int             `json:"headings"`
	MCIDs      int               `json:"mcids"`
	Artifacts  int               `json:"artifacts"`
	TOCLinks   int               `json:"toc_links"`
	XMP        map[string]string `json:"xmp"`
	Intent     bool              `json:"output_intent"`
	Text       string            `json:"text"`
	Errors     []string          `json:"errors"`
	ErrorCount int               `json:"error_count"`
}

// tagCheck runs testdata/tagcheck.py (pikepdf) on a PDF; it skips the test when Debian's
// python3-pikepdf is missing, and fails it under CJKBOOK_REQUIRE_TOOLS=1.
func tagCheck(t *testing.T, path string, standards bool) tagReport {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import pikepdf").Run(); err != nil {
		if testenv.Required() {
			t.Fatalf("python3-pikepdf is required (CJKBOOK_REQUIRE_TOOLS=1): apt-get install python3-pikepdf")
		}
		t.Skip("SKIP: python3-pikepdf not installed (apt-get install python3-pikepdf)")
	}
	args := []string{filepath.Join("testdata", "tagcheck.py"), path}
	if standards {
		args = append(args, "--standards")
	}
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		t.Fatalf("tagcheck.py %s: %v", path, err)
	}
	var r tagReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("tagcheck.py output: %v\n%s", err, out)
	}
	return r
}

// structText returns the text of the structure tree in reading order, as poppler reads
// it (pdfinfo -struct-text), whitespace removed.
func structText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "pdfinfo"), "-struct-text", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text %s: %v", path, err)
	}
	var sb strings.Builder
	for _, line := range strings.Split(string(out), "\n") {
		s := strings.TrimSpace(line)
		if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
			sb.WriteString(s[1 : len(s)-1])
		}
	}
	return strings.Join(strings.Fields(sb.String()), "")
}

// TestTaggedPDF builds the seed and the test book (horizontal and vertical, with and
// without standards) and checks the PDF from outside: pikepdf walks the structure tree
// and every page's content (tagcheck.py: every marked-content sequence in the tree or an
// artifact, nothing painted outside one, headings without skipped levels, figures with
// /Alt and /BBox, TH with /Scope, links in the tree with /Contents, TOC entries linked,
// /Lang; with standards the XMP, the output intent and /DisplayDocTitle), poppler reads
// the tree's text, which must hold every block of the model in order (the nothing-lost
// check on the tree), and qpdf --check and mutool draw stay clean.
func TestTaggedPDF(t *testing.T) {
	testenv.Slow(t, "the tagged-PDF checks (pikepdf, poppler, qpdf, mutool)")
	root := testenv.RepoRoot(t)
	rich := filepath.Join(root, "book", "build", "testdata", "books", "rich")
	for _, c := range []struct {
		name, src string
		vertical  bool
		standards []string
	}{
		{"seed", filepath.Join(root, "source"), false, nil},
		{"seed_ua1_a2a", filepath.Join(root, "source"), false, []string{"ua-1", "a-2a"}},
		{"rich_ua1_a3u", rich, false, []string{"ua-1", "a-3u"}},
		{"rich_vertical_a2b", rich, true, []string{"a-2b"}},
		{"spaces", filepath.Join(root, "book", "build", "testdata", "books", "spaces"), false, nil},
		{"spaces_vertical", filepath.Join(root, "book", "build", "testdata", "books", "spaces"), true, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := build.Run(context.Background(), build.Options{Src: c.src, Out: t.TempDir(), PDF: true,
				Vertical: c.vertical, PDFStandards: c.standards, Time: time.Unix(1767323045, 0).UTC()})
			if err != nil {
				t.Fatal(err)
			}
			checkTagged(t, res, len(c.standards) > 0)
		})
	}
}

// checkTagged runs the outside checks on a built PDF.
func checkTagged(t *testing.T, res *build.Result, standards bool) {
	t.Helper()
	r := tagCheck(t, res.PDFPath, standards)
	for _, e := range r.Errors {
		t.Error(e)
	}
	if r.Lang != res.Book.Meta.Language {
		t.Errorf("/Lang %q, want the book's %q", r.Lang, res.Book.Meta.Language)
	}
	if r.Counts["Document"] != 1 || r.Counts["H1"] < len(res.Book.Chapters) || r.MCIDs == 0 || r.Artifacts == 0 {
		t.Errorf("structure %v, %d MCIDs, %d artifacts: want a Document, an H1 per chapter (%d)", r.Counts, r.MCIDs, r.Artifacts, len(res.Book.Chapters))
	}
	if r.TOCLinks == 0 {
		t.Errorf("no TOC entry links to its page")
	}
	if standards && (r.XMP["dc:title"] != res.Book.Meta.Title || !r.Intent && r.XMP["pdfaid:part"] != "") {
		t.Errorf("XMP %v, output intent %v", r.XMP, r.Intent)
	}
	n := checkInOrder(t, res.Book, structText(t, res.PDFPath), res.Missing...)
	sp := checkTreeSpaces(t, res.Book, r.Text)
	t.Logf("%d pages, %d MCIDs, %d artifacts, %d blocks found in the tree, %d paragraphs with their spaces; %v", r.Pages, r.MCIDs, r.Artifacts, n, sp, r.Counts)
	if out, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", res.PDFPath).CombinedOutput(); err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(testenv.Tool(t, "mutool"), "draw", "-o", os.DevNull, res.PDFPath).CombinedOutput()
	if err != nil {
		t.Errorf("mutool draw: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		// mutool prints "page …" per page; Debian's build also says it has no ICC support.
		if line != "" && !strings.HasPrefix(line, "page ") && line != "warning: ICC support is not available" {
			t.Errorf("mutool draw: %s", line)
		}
	}
}

// checkTreeSpaces checks the tree's text as tagcheck.py reads it (the glyphs through the
// fonts' ToUnicode maps, an ActualText in place of what it covers) against every paragraph
// of the model, spaces included: a run of white space reads as one space, and nothing else
// is dropped or added. A line broken at a space gives one space ("words keep", not
// "wordskeep"), a line end inside Chinese or between Latin and Han that the source does not
// space gives none, a placeholder box the character it stands for. It returns how many
// paragraphs it found.
func checkTreeSpaces(t *testing.T, b *book.Book, text string) int {
	t.Helper()
	collapse := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	text = collapse(text)
	found, failed := 0, 0
	for _, c := range b.Chapters {
		leafTexts(c.Blocks, func(bl book.Block, want string) {
			if _, ok := bl.(*book.Paragraph); !ok {
				return
			}
			if want = collapse(want); want == "" {
				return
			}
			if !strings.Contains(text, want) {
				if failed++; failed <= 5 {
					t.Errorf("%s: the tree's text lacks the paragraph, spaces and all: %q", bl.Pos(), want)
				}
				return
			}
			found++
		})
	}
	return found
}

// TestTaggedCorpus checks the tagged PDFs of corpus books: the novel with PDF/UA-1 and
// PDF/A-2a, the Rust book (some images lack alt text, which PDF/UA forbids) with PDF/A-2u,
// Lu Xun's essays vertical with PDF/A-3b.
func TestTaggedCorpus(t *testing.T) {
	testenv.Slow(t, "the tagged-PDF checks of corpus books")
	// The external checkers run single-threaded: overlap them with the other slow tests.
	t.Parallel()
	for _, c := range []struct {
		name      string
		vertical  bool
		standards []string
	}{
		{"hongloumeng/hongloumeng.txt", false, []string{"ua-1", "a-2a"}},
		{"trpl-zh-cn/src", false, []string{"a-2u"}},
		{"luxun-essays/yecao", true, []string{"a-3b"}},
	} {
		t.Run(strings.ReplaceAll(c.name, "/", "_"), func(t *testing.T) {
			src := testenv.Corpus(t, c.name)
			res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), PDF: true, Vertical: c.vertical, PDFStandards: c.standards})
			if err != nil {
				t.Fatal(err)
			}
			checkTagged(t, res, true)
		})
	}
}

// TestStandardErrors checks that what a standard forbids stops the build before either
// book is written, naming the file and line.
func TestStandardErrors(t *testing.T) {
	dir := t.TempDir()
	md := "# 第一章\n\n正文。\n\n![](pic.png)\n"
	if err := os.WriteFile(filepath.Join(dir, "01.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	png, err := os.ReadFile(filepath.Join("testdata", "books", "rich", "img", "diagram.png"))
	if err != nil {
		t.Skipf("no test picture: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pic.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, err = build.Run(context.Background(), build.Options{Src: dir, Out: out, PDFStandards: []string{"ua-1"}})
	if !errors.Is(err, pdf.ErrStandard) || !strings.Contains(err.Error(), "01.md:5") {
		t.Errorf("err = %v, want the image at 01.md:5", err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("files written: %v", ents)
	}
	if _, err := build.Run(context.Background(), build.Options{Src: dir, Out: out, PDFStandards: []string{"a-4"}}); err == nil || !strings.Contains(err.Error(), "--pdf-standard") {
		t.Errorf("unknown standard: err = %v", err)
	}
	// Without standards the same book builds (tagged, the figure without /Alt).
	if _, err := build.Run(context.Background(), build.Options{Src: dir, Out: out}); err != nil {
		t.Errorf("without standards: %v", err)
	}
}
