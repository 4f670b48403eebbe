package build_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
)

// diagramSVG is a Graphviz-style diagram: viewBox only, a scaled and translated group
// (y negative upwards, as Graphviz writes it), stroked boxes, an arrow and labels.
const diagramSVG = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg viewBox="0.00 0.00 400.00 200.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph" transform="scale(2 2) rotate(0) translate(4 96)">
<polygon fill="#ffffff" stroke="transparent" points="-4,4 -4,-96 196,-96 196,4 -4,4"/>
<polygon fill="none" stroke="#000000" points="8,-64 8,-84 60,-84 60,-64 8,-64"/>
<text text-anchor="start" x="26.2" y="-69.8" font-family="Times,serif" font-size="14.00" fill="#000000">ptr</text>
<polygon fill="none" stroke="#000000" points="8,-44 8,-64 60,-64 60,-44 8,-44"/>
<text text-anchor="start" x="10.8" y="-49.8" font-family="Times,serif" font-size="14.00" fill="#000000">capacity</text>
<path fill="none" stroke="#000000" d="M60,-74C90,-74 110,-74 130,-74"/>
<polygon fill="#000000" stroke="#000000" points="130,-77.5 140,-74 130,-70.5 130,-77.5"/>
</g>
</svg>`

// TestSVGInPDF builds a Markdown book holding an SVG through the real build and checks
// that its page has vector drawing (a clip, strokes, a fill) and the labels as text, with
// no warning about the picture.
func TestSVGInPDF(t *testing.T) {
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	md := "# 所有权\n\n字符串在内存中的表示如下。\n\n![内存中的字符串](img/diagram.svg)\n\n图后的一段文字。\n"
	for name, data := range map[string]string{"01.md": md, "img/diagram.svg": diagramSVG} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: out, PDF: true})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Msg, "diagram.svg") {
			t.Errorf("warning about the picture: %s", d)
		}
	}
	page := pageWith(t, res.PDFPath, "capacity")
	txt := pdftotext(t, res.PDFPath, page)
	for _, w := range []string{"ptr", "capacity", "内存中的字符串", "图后的一段文字"} {
		if !strings.Contains(strings.Join(strings.Fields(txt), ""), w) {
			t.Errorf("page %d text lacks %q:\n%s", page, w, txt)
		}
	}
	content := pageContent(t, res.PDFPath, page)
	for _, w := range []string{" re W n", " RG", " c\n", "\nS\n", "\nf\n"} {
		if !strings.Contains(content, w) {
			t.Errorf("page %d content lacks %q (vector drawing)", page, w)
		}
	}
	if strings.Contains(content, " Do\n") {
		t.Errorf("page %d draws an image XObject: the SVG was not drawn as vectors", page)
	}
}

// TestRustBookDiagrams builds the Rust book and checks that its four Graphviz diagrams
// (ch04-01) are drawn as vectors with their labels.
func TestRustBookDiagrams(t *testing.T) {
	src := filepath.Join(testenv.Corpus(t, "trpl-zh-cn"), "src")
	out := t.TempDir()
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: out, PDF: true})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Msg, "trpl04-0") {
			t.Errorf("warning about a diagram: %s", d)
		}
	}
	// Each diagram is one clipped picture; the labels come back as text.
	all := pageContent(t, res.PDFPath, 0)
	if n := strings.Count(all, " re W n"); n < 4 {
		t.Errorf("%d clipped pictures in the PDF, want at least the 4 diagrams", n)
	}
	txt := strings.Join(strings.Fields(pdftotext(t, res.PDFPath, 0)), " ")
	for _, w := range []string{"name value", "ptr", "len", "capacity", "index value", "s1", "s2"} {
		if !strings.Contains(txt, w) {
			t.Errorf("the PDF's text lacks the diagram label %q", w)
		}
	}
}

// pageWith returns the 1-based number of the first page whose text contains s.
func pageWith(t *testing.T, pdf, s string) int {
	t.Helper()
	pages := strings.Split(pdftotext(t, pdf, 0), "\f")
	for i, p := range pages {
		if strings.Contains(p, s) {
			return i + 1
		}
	}
	t.Fatalf("no page of %s holds %q", pdf, s)
	return 0
}

// pdftotext returns the text of page (1-based) or of every page (0).
func pdftotext(t *testing.T, pdf string, page int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command(testenv.Tool(t, "pdftotext"), append(args, pdf, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pageContent returns the uncompressed content of page (1-based), or of the whole
// file (0), through qpdf.
func pageContent(t *testing.T, pdf string, page int) string {
	t.Helper()
	qpdf := testenv.Tool(t, "qpdf")
	plain := filepath.Join(t.TempDir(), "plain.pdf")
	args := []string{"--qdf", "--object-streams=disable", pdf}
	if page > 0 {
		args = append(args, "--pages", pdf, strconv.Itoa(page), "--")
	}
	if out, err := exec.Command(qpdf, append(args, plain)...).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	data, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestBrokenSVGWarns: a well-formed picture the PDF cannot draw (a coordinate out of
// range) is set as a framed alt text, and the build says so with the picture's name and
// why, in both the horizontal and the vertical book. (A malformed SVG is refused earlier,
// by the loader: book/load testdata md-images.txtar.)
func TestBrokenSVGWarns(t *testing.T) {
	for _, vertical := range []bool{false, true} {
		src := t.TempDir()
		broken := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M1e300,0 L5,5"/></svg>`
		md := "# 图\n\n前文。\n\n![坏掉的图](broken.svg)\n\n后文。\n"
		for name, data := range map[string]string{"01.md": md, "broken.svg": broken} {
			if err := os.WriteFile(filepath.Join(src, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), PDF: true, Vertical: vertical})
		if err != nil {
			t.Fatalf("vertical=%v: build: %v", vertical, err)
		}
		found := false
		for _, d := range res.Diagnostics {
			found = found || strings.Contains(d.String(), `"broken.svg" cannot be drawn in the PDF`)
		}
		if !found {
			t.Errorf("vertical=%v: no warning names broken.svg: %v", vertical, res.Diagnostics)
		}
	}
}
