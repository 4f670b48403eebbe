package build_test

import (
	"archive/zip"
	"cjkbook/book/internal/testzip"
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/load/docx"
	"cjkbook/book/pdf/layout"
)

// TestWordNothingLost builds each Word fixture of the loader's golden tests and checks
// that nothing of its text is lost silently: the characters of the document's text
// elements (w:t and w:delText of the body, the notes and the comments) are exactly those
// the model keeps plus those the warnings report as removed (the Title and Author
// paragraphs may become the book's title and author instead), the counts in the build
// summary match the warnings, and — without -short — every block of the model reaches
// both books, in order.
func TestWordNothingLost(t *testing.T) {
	root := testenv.RepoRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "book", "load", "testdata", "docx", "*.docx"))
	if len(files) == 0 {
		t.Fatal("no Word fixtures in book/load/testdata/docx")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			source := docxText(t, file)
			out := t.TempDir()
			o := build.Options{Src: file, Out: out, NoNormalize: true}
			if testing.Short() {
				l, err := build.Load(o)
				if err != nil {
					t.Fatal(err)
				}
				checkAccounted(t, source, l.Book, l.Diagnostics, l.Stats.Word)
				return
			}
			res, err := build.Run(context.Background(), o)
			if err != nil {
				t.Fatalf("build %s: %v", file, err)
			}
			checkAccounted(t, source, res.Book, res.Diagnostics, res.Stats.Word)
			if !strings.Contains(build.Summary(res.Stats), "Word: dropped") {
				t.Errorf("summary %q does not report what the Word reader dropped", build.Summary(res.Stats))
			}
			n := checkInOrder(t, res.Book, bodyText(t, res.PDFPath, layout.DefaultOptions()), res.Missing...)
			m := checkInOrder(t, res.Book, epubText(t, res.EPUBPath))
			t.Logf("%d of %d blocks found in the PDF, %d in the EPUB", n, blocks(res.Book), m)
		})
	}
}

// textElem matches the text elements of WordprocessingML (no attribute holds a '>').
var textElem = regexp.MustCompile(`<w:(t|delText)(?:\s[^>]*)?>([^<]*)</w:(?:t|delText)>`)

// fallback matches the alternative content Word writes for older readers: a copy of the
// mc:Choice beside it (a text box's paragraphs, twice).
var fallback = regexp.MustCompile(`(?s)<mc:Fallback>.*?</mc:Fallback>`)

// docxText returns the text of the document's text elements, by a plain scan of its parts.
func docxText(t *testing.T, file string) string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	unescape := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")
	var sb strings.Builder
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml":
		default:
			continue
		}
		data := testzip.Read(t, f)
		for _, m := range textElem.FindAllStringSubmatch(fallback.ReplaceAllString(string(data), ""), -1) {
			sb.WriteString(unescape.Replace(m[2]))
		}
	}
	return sb.String()
}

// removedText matches the text a warning reports as removed.
var removedText = regexp.MustCompile(`removed ("(?:[^"\\]|\\.)*")`)

// checkAccounted compares the characters of source with those of the model and the
// reported removals, and the reader's counts with the warnings.
func checkAccounted(t *testing.T, source string, b *book.Book, diags book.Diagnostics, counts docx.Counts) {
	t.Helper()
	have := map[rune]int{}
	add := func(s string, n int) {
		for _, r := range s {
			if !unicode.IsSpace(r) {
				have[r] += n
			}
		}
	}
	add(source, 1)
	kinds := map[string]int{}
	for _, d := range diags {
		m := removedText.FindStringSubmatch(d.Msg)
		if m == nil {
			continue
		}
		text, err := strconv.Unquote(m[1])
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if strings.HasSuffix(text, "…") {
			t.Fatalf("%s: the removed text is shortened; keep the fixture's removals under 120 characters", d)
		}
		add(text, -1)
		for _, k := range []docx.DropKind{docx.TOC, docx.Comment, docx.Deleted, docx.Hidden} {
			if strings.HasPrefix(d.Msg, k.String()+" dropped") {
				kinds[k.String()]++
			}
		}
	}
	for _, c := range b.Chapters {
		if !c.TitleGenerated { // a label the loader makes (第一篇) is no text of the document
			add(c.Title, -1)
		}
		if !c.SubtitleGenerated { // a generated subtitle repeats the opening words
			add(c.Subtitle, -1)
		}
		c.Walk(func(bl book.Block) bool {
			runs := func(rs []book.Run) {
				for _, r := range rs {
					if r.Style&book.NoteRef == 0 {
						add(r.Text, -1)
					}
				}
			}
			switch bl := bl.(type) {
			case *book.Paragraph:
				runs(bl.Runs)
			case *book.Heading:
				runs(bl.Runs)
			case *book.Table:
				for _, row := range append([][]book.Cell{bl.Header}, bl.Rows...) {
					for _, cell := range row {
						runs(cell.Runs)
					}
				}
			default: // containers are walked into; an image's alt text is no w:t text
			}
			return true
		})
	}
	// What is left must be the book's title or author, shown on the title page.
	meta := map[rune]int{}
	for _, r := range b.Meta.Title + b.Meta.Subtitle + b.Meta.Author {
		meta[r]++
	}
	for r, n := range have {
		if n < 0 {
			t.Errorf("%q: %d more in the model and the removals than in the document (reported as removed but kept, or invented)", r, -n)
		} else if n > meta[r] {
			t.Errorf("%q: %d of the document's are neither in the model nor reported as removed", r, n-meta[r])
		}
	}
	for k, n := range map[docx.DropKind]int{docx.TOC: counts.TOC, docx.Comment: counts.Comments, docx.Deleted: counts.Deleted, docx.Hidden: counts.Hidden} {
		if kinds[k.String()] != n {
			t.Errorf("%s: %d warnings, %d counted in the summary", k, kinds[k.String()], n)
		}
	}
}
