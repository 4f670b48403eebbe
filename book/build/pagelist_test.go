package build

// The page-list test lives inside the package: it recomputes the layout that Run made
// (layOut is unexported), so that it knows the physical page of every printed
// label and can compare each page-break marker of the EPUB with that page of the PDF.

import (
	"archive/zip"
	"cjkbook/book/internal/testzip"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
)

// TestPageList builds the seed, the rich test book and a corpus novel and checks that every
// page-break marker of the EPUB sits where its page of the PDF begins: the text after the
// marker starts with the first characters of that page's body text (pdftotext -raw, cropped
// to the body area, whitespace removed), the markers are exactly the body pages in order,
// and the page-list and the page source match them.
func TestPageList(t *testing.T) {
	pdftotext := testenv.Tool(t, "pdftotext")
	root := testenv.RepoRoot(t)
	books := []struct{ name, src string }{
		{"seed", filepath.Join(root, "source")},
		{"rich", filepath.Join(root, "book", "build", "testdata", "books", "rich")},
		{"hongloumeng", ""},
	}
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			src := bk.src
			if src == "" {
				src = testenv.Corpus(t, "hongloumeng/hongloumeng.txt")
			}
			o := Options{Src: src, Out: t.TempDir()}
			res, err := Run(context.Background(), o)
			if err != nil {
				t.Fatalf("build %s: %v", src, err)
			}
			doc, lopts := relayout(t, o)
			if len(doc.Pages) != res.Pages {
				t.Fatalf("relayout gives %d pages, the build %d", len(doc.Pages), res.Pages)
			}
			physical := map[string]int{}
			var want []string
			for _, p := range doc.Pages {
				if p.Start.Chapter >= 0 && p.Label != "" {
					physical[p.Label] = p.Index
					want = append(want, p.Label)
				}
			}
			marks, text := epubMarks(t, res.EPUBPath)
			var got []string
			for _, m := range marks {
				got = append(got, m.label)
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("page-break markers %v, want the PDF's body pages %v", got, want)
			}
			checkPageListNav(t, res.EPUBPath, got, filepath.Base(res.PDFPath))
			pages := pdfPages(t, pdftotext, res.PDFPath, lopts)
			if len(pages) < len(doc.Pages) {
				t.Fatalf("pdftotext gave %d pages, the layout has %d", len(pages), len(doc.Pages))
			}
			bad := 0
			for i, m := range marks {
				page := []rune(pages[physical[m.label]])
				if len(page) == 0 {
					t.Errorf("page %s (PDF page %d): pdftotext finds no body text", m.label, physical[m.label]+1)
					continue
				}
				if len(page) > 8 {
					page = page[:8]
				}
				end := len(text)
				if i+1 < len(marks) {
					end = marks[i+1].at
				}
				after := text[m.at:end]
				if !strings.HasPrefix(after, string(page)) {
					if bad++; bad <= 10 {
						t.Errorf("page %s (PDF page %d) starts %q, the EPUB after its marker has %.40q", m.label, physical[m.label]+1, string(page), after)
					}
				}
			}
			t.Logf("%d page-break markers, each followed by the start of its PDF page (%d mismatches)", len(marks), bad)
		})
	}
	t.Run("off", func(t *testing.T) {
		dir := t.TempDir()
		rich := filepath.Join(root, "book", "build", "testdata", "books", "rich")
		copyTree(t, rich, dir)
		f, err := os.OpenFile(filepath.Join(dir, ConfigFile), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("\n[epub]\npage-list = false\n"); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		res, err := Run(context.Background(), Options{Src: dir, Out: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range epubFiles(t, res.EPUBPath) {
			for _, s := range []string{"pagebreak", "page-list", "dc:source", "pageBreakSource", "printPageNumbers"} {
				if strings.Contains(data, s) {
					t.Errorf("page-list = false, yet %s holds %q", name, s)
				}
			}
		}
	})
}

// relayout lays the book out again as Run did.
func relayout(t *testing.T, o Options) (*layout.Document, layout.Options) {
	t.Helper()
	l, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	faces, err := LoadFaces(l.Settings.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	if l.Settings.Cover.OnFirstPage {
		if err := ensureCover(l.Book, faces); err != nil {
			t.Fatal(err)
		}
	}
	doc, lopts, err := layOut(l.Book, faces, l.Settings)
	if err != nil {
		t.Fatal(err)
	}
	return doc, lopts
}

// pdfPages returns the body-area text of every page, whitespace removed, cropped like the
// end-to-end harness (build_test.bodyText) so that running heads and folios are left out.
func pdfPages(t *testing.T, pdftotext, pdf string, o layout.Options) []string {
	t.Helper()
	out := testenv.PDFBodyText(t, pdftotext, pdf,
		float64(o.Width), float64(o.Height), float64(o.Margins.Top), float64(o.Margins.Bottom), float64(o.FontSize))
	pages := strings.Split(out, "\f") // pdftotext ends every page with a form feed
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), "")
	}
	return pages
}

// mark is a page-break marker found in the EPUB: its label and the offset of the text
// after it in the book's text.
type mark struct {
	label string
	at    int
}

// epubMarks reads the chapter documents in spine order and returns the page-break markers
// and the body text, whitespace removed, that they point into.
func epubMarks(t *testing.T, path string) ([]mark, string) {
	t.Helper()
	files := epubFiles(t, path)
	var names []string
	for name := range files {
		if strings.Contains(name, "/xhtml/") && !strings.Contains(name, "cover") {
			names = append(names, name)
		}
	}
	sort.Strings(names) // chapter files are numbered in reading order
	var sb strings.Builder
	var marks []mark
	for _, name := range names {
		dec := xml.NewDecoder(strings.NewReader(files[name]))
		dec.Strict = true
		inBody := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XHTML: %v", name, err)
			}
			switch v := tok.(type) {
			case xml.StartElement:
				if v.Name.Local == "body" {
					inBody = true
				}
				if v.Name.Local != "span" {
					continue
				}
				var typ, role, id, label, title string
				for _, a := range v.Attr {
					switch {
					case a.Name.Local == "type" && a.Name.Space == "http://www.idpf.org/2007/ops":
						typ = a.Value
					case a.Name.Local == "role":
						role = a.Value
					case a.Name.Local == "id":
						id = a.Value
					case a.Name.Local == "aria-label":
						label = a.Value
					case a.Name.Local == "title":
						title = a.Value
					}
				}
				if typ == "pagebreak" || role == "doc-pagebreak" {
					if typ != "pagebreak" || role != "doc-pagebreak" || id == "" || label == "" || title != label {
						t.Errorf("%s: incomplete page-break marker %v", name, v.Attr)
					}
					marks = append(marks, mark{label: label, at: sb.Len()})
				}
			case xml.CharData:
				if inBody {
					sb.WriteString(strings.Map(func(r rune) rune {
						if unicode.IsSpace(r) {
							return -1
						}
						return r
					}, string(v)))
				}
			}
		}
	}
	return marks, sb.String()
}

// checkPageListNav checks the nav's page-list (the labels in order) and the package's
// page source (the PDF's file name).
func checkPageListNav(t *testing.T, path string, labels []string, pdfName string) {
	t.Helper()
	files := epubFiles(t, path)
	nav := files["EPUB/nav.xhtml"]
	i := strings.Index(nav, `<nav epub:type="page-list"`)
	if i < 0 {
		t.Fatal("nav.xhtml has no page-list")
	}
	list := nav[i:]
	list = list[:strings.Index(list, "</nav>")]
	var got []string
	parts := strings.Split(list, "</a>")
	for _, part := range parts[:len(parts)-1] {
		got = append(got, part[strings.LastIndex(part, ">")+1:])
	}
	if strings.Join(got, " ") != strings.Join(labels, " ") {
		t.Errorf("page-list %v, markers %v", got, labels)
	}
	opf := files["EPUB/package.opf"]
	for _, want := range []string{
		`<dc:source id="page-source">` + pdfName + `</dc:source>`,
		`<meta refines="#page-source" property="source-of">pagination</meta>`,
		`<meta name="pageBreakSource" content="` + pdfName + `"/>`,
		`<meta property="schema:accessibilityFeature">printPageNumbers</meta>`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
}

// epubFiles returns the text entries of an EPUB by name.
func epubFiles(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]string{}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") && !strings.HasSuffix(f.Name, ".ncx") {
			continue
		}
		data := testzip.Read(t, f)
		out[f.Name] = string(data)
	}
	return out
}

// copyTree copies the files of a manuscript folder (one level of subfolders).
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
