package build_test

import (
	"archive/zip"
	"bytes"
	"cjkbook/book/internal/testzip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
)

// TestSeedTraditional builds the seed with script = "traditional": the title, the chapters and
// every block come back converted from both books, in order and once.
func TestSeedTraditional(t *testing.T) {
	root := testenv.RepoRoot(t)
	src := t.TempDir()
	data, err := os.ReadFile(filepath.Join(root, "source", "北京抗疫纪录片《背水一战》观后感范文.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "essay.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "book.toml"), []byte("title = \"北京抗疫纪录片《背水一战》观后感范文\"\nscript = \"traditional\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	b := res.Book
	if want := "北京抗疫紀錄片《背水一戰》觀後感範文"; b.Meta.Title != want {
		t.Errorf("title %q, want %q", b.Meta.Title, want)
	}
	if b.Meta.Language != "zh-Hant" {
		t.Errorf("language %q, want zh-Hant", b.Meta.Language)
	}
	if filepath.Base(res.PDFPath) != "北京抗疫紀錄片《背水一戰》觀後感範文.pdf" {
		t.Errorf("PDF named %s", res.PDFPath)
	}
	var text strings.Builder
	for _, c := range b.Chapters {
		text.WriteString(c.Title)
	}
	if strings.ContainsAny(text.String(), "纪录战观后") {
		t.Errorf("chapter titles not converted: %q", text.String())
	}
	checkInOrder(t, b, bodyText(t, res.PDFPath, layout.DefaultOptions()), res.Missing...)
	checkInOrder(t, b, epubText(t, res.EPUBPath))

	// --to-simplified on top of book.toml's traditional gives the Simplified title back.
	res2, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), Script: "simplified", PDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := "北京抗疫纪录片《背水一战》观后感范文"; res2.Book.Meta.Title != want {
		t.Errorf("simplified title %q, want %q", res2.Book.Meta.Title, want)
	}
}

// TestVerticalTraditional builds the seed and the Lu Xun essays as vertical Traditional
// books: every block comes back from the PDF's text block (pdftotext, running heads and
// folios cropped away by position) and from the EPUB, in order; the PDF reads right to
// left and the EPUB's spine turns pages right to left; epubcheck passes.
func TestVerticalTraditional(t *testing.T) {
	root := testenv.RepoRoot(t)
	corpus := filepath.Join(root, "..", "shared", "corpus")
	if d := os.Getenv("CJKBOOK_CORPUS"); d != "" {
		corpus = d
	}
	srcs := map[string]string{"seed": filepath.Join(root, "source")}
	for _, c := range []string{"yecao", "zhaohua-xishi"} {
		if p := filepath.Join(corpus, "luxun-essays", c); dirExists(p) {
			srcs[c] = p
		} else {
			t.Logf("SKIP %s: not found at %s", c, p)
		}
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), Vertical: true, Script: "traditional"})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			b := res.Book
			if strings.ContainsAny(b.Meta.Title+book.Text(b.Chapters[0].Blocks[0]), "“”") {
				t.Errorf("horizontal quotes left in %q", b.Meta.Title)
			}
			o := layout.DefaultOptions()
			side := float64(o.Margins.Inner+o.Margins.Outer)/2 - float64(o.FontSize)/2
			pdftotext := testenv.Tool(t, "pdftotext")
			// The columns lie between the side margins (the running head is in the right
			// one) and above the folio at the foot of the page.
			foot := float64(o.Height) - float64(o.Margins.Top+o.Margins.Bottom)*3/8
			// The columns read in order in content-stream order (-raw) and in poppler's own
			// reading order (plain, as a viewer's copy orders a page). Poppler still splits a
			// page into blocks where blank cells between full-width words line up across
			// neighbouring columns, or after a character in no font at a column's head, which
			// Lu Xun's 朝花夕拾 has (6 % of its paragraphs at most).
			var n int
			for _, raw := range []bool{true, false} {
				args := []string{"-r", "72", "-x", strconv.Itoa(int(side)), "-y", "0",
					"-W", strconv.Itoa(int(float64(o.Width) - 2*side)), "-H", strconv.Itoa(int(foot)), res.PDFPath, "-"}
				if raw {
					args = append([]string{"-raw"}, args...)
				}
				out, err := exec.Command(pdftotext, args...).Output()
				if err != nil {
					t.Fatalf("pdftotext (raw %v): %v", raw, err)
				}
				if raw || name != "zhaohua-xishi" {
					n = checkInOrder(t, b, string(out), res.Missing...)
					continue
				}
				found, failed := inOrder(b, string(out), res.Missing, t.Logf)
				t.Logf("plain pdftotext: %d of %d blocks in order", found, found+failed)
				if failed*100 > (found+failed)*6 {
					t.Errorf("plain pdftotext: %d of %d blocks out of order", failed, found+failed)
				}
			}
			m := checkInOrder(t, b, epubText(t, res.EPUBPath))
			pdf, err := os.ReadFile(res.PDFPath)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(pdf, []byte("/Direction /R2L")) {
				t.Error("PDF does not read right to left")
			}
			opf := epubFile(t, res.EPUBPath, ".opf")
			if !strings.Contains(opf, `page-progression-direction="rtl"`) {
				t.Error("EPUB spine is not rtl")
			}
			if name == "seed" {
				cmd := append(testenv.Epubcheck(t), res.EPUBPath)
				out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput()
				if err != nil || !bytes.Contains(out, []byte("No errors or warnings detected")) {
					t.Errorf("epubcheck: %v\n%s", err, out)
				}
			}
			t.Logf("%d chapters, %d pages; %d of %d blocks found in the PDF, %d in the EPUB", len(b.Chapters), res.Pages, n, blocks(b), m)
		})
	}
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// epubFile returns the text of the first member of the EPUB whose name ends in suffix.
func epubFile(t *testing.T, path, suffix string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, suffix) {
			data := testzip.Read(t, f)
			return string(data)
		}
	}
	t.Fatalf("%s: no *%s", path, suffix)
	return ""
}
