package build_test

import (
	"archive/zip"
	"cjkbook/book/internal/testzip"
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"

	"github.com/chromedp/chromedp"
)

// trimCases are paragraphs of the text-spacing-trim book and the run each one measures,
// in em of the run's font size: two adjacent marks take 1.5 em (the blank between them
// goes, as in the PDF), a single mark keeps its full em mid-line. The vertical book has
// the corner quotes the converter gives it.
var trimCases = []struct {
	text, run, vrun string
	em              float64
}{
	{"他说要打赢这场“硬仗”。大家都同意了。", "”。", "」。", 1.5},
	{"他问道，“谁去？”我们都不作声。", "，“", "，「", 1.5},
	{"前面说过，「乙」是对的，不必再争。", "，「", "，「", 1.5},
	{"这是一本（《红楼梦》）的抄本。", "（《", "（《", 1.5},
	{"这是一本（《红楼梦》）的抄本。", "》）", "》）", 1.5},
	{"我们走吧，天快黑了。", "，", "，", 1},
	{"我们走吧，天快黑了。", "吧，天", "吧，天", 3},
}

// TestTextSpacingTrim builds a horizontal and a vertical book of trimCases, opens their
// chapter in Chromium (which compresses marks under CSS text-spacing-trim when the font
// has GPOS halt/vhal, as the EPUB's subsets do) and measures each run on screen. With
// CJKBOOK_PICTURES set, a screenshot of each chapter is written there.
func TestTextSpacingTrim(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIP: opens two books in Chromium; run without -short")
	}
	chromium := testenv.Tool(t, "chromium")
	src := t.TempDir()
	var md strings.Builder
	md.WriteString("# 标点挤压\n\n")
	for _, c := range trimCases {
		md.WriteString(c.text + "\n\n")
	}
	must(t, os.WriteFile(filepath.Join(src, "book.toml"), []byte("title = \"标点挤压\"\nauthor = \"测试\"\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(src, "01.md"), []byte(md.String()), 0o644))
	shelf := t.TempDir()
	ctx := openEngine(t, chromium)
	for _, vertical := range []bool{false, true} {
		name := map[bool]string{false: "horizontal", true: "vertical"}[vertical]
		t.Run(name, func(t *testing.T) {
			o := build.Options{Src: src, Out: filepath.Join(shelf, name), EPUB: true, Vertical: vertical, Time: time.Unix(1700000000, 0).UTC()}
			res, err := build.Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(shelf, name, "unzipped")
			unzip(t, res.EPUBPath, dir)
			srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
			defer srv.Close()
			p := &enginePage{t: t, ctx: ctx}
			chapter := firstChapter(t, dir)
			w, h := int64(390), int64(844)
			if vertical {
				w, h = 844, 390
			}
			tctx, cancel := context.WithTimeout(ctx, enginePatience)
			defer cancel()
			if err := chromedp.Do(tctx, chromedp.EmulateViewport(w, h), chromedp.Navigate(srv.URL+"/"+chapter)); err != nil {
				t.Fatal(err)
			}
			eval[bool](p, `document.fonts.ready.then(() => new Promise(r => setTimeout(() => r(true), 300)))`)
			if dir := os.Getenv("CJKBOOK_PICTURES"); dir != "" {
				out := filepath.Join(dir, "text-spacing-trim-"+name+".png")
				must(t, os.WriteFile(out, p.screenshot(), 0o644))
				t.Logf("screenshot: %s", out)
			}
			for i, c := range trimCases {
				run := c.run
				if vertical {
					run = c.vrun
				}
				got := eval[float64](p, measureRun(i, run, vertical))
				if math.Abs(got-c.em) > 0.05 {
					t.Errorf("%q in paragraph %d: %.2f em, want %.1f em", run, i+1, got, c.em)
				} else {
					t.Logf("%q: %.2f em", run, got)
				}
			}
		})
	}
}

// measureRun is JavaScript giving the extent along the line, in em, of the first
// occurrence of run in the chapter's paragraph i (the heading aside); NaN when absent.
func measureRun(i int, run string, vertical bool) string {
	side := "r.width"
	if vertical {
		side = "r.height"
	}
	return `(() => { const p = document.querySelectorAll("p")[` + strconv.Itoa(i) + `], run = ` + jsString(run) + `;
		const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), text = [];
		for (let n = w.nextNode(); n; n = w.nextNode()) for (let k = 0; k < n.data.length; k++) text.push([n, k]);
		const s = text.map(([n, k]) => n.data[k]).join(""), at = s.indexOf(run);
		if (at < 0) return NaN;
		const rg = document.createRange(); rg.setStart(...text[at]); const [n, k] = text[at + [...run].length - 1]; rg.setEnd(n, k + 1);
		const r = rg.getBoundingClientRect();
		return ` + side + ` / parseFloat(getComputedStyle(p).fontSize); })()`
}

// jsString quotes s for JavaScript (the runs hold no quote or backslash).
func jsString(s string) string { return "'" + s + "'" }

// firstChapter returns the path, inside an unpacked EPUB, of its first chapter document.
func firstChapter(t *testing.T, dir string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "EPUB", "xhtml", "ch*.xhtml"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no chapter in %s: %v", dir, err)
	}
	rel, err := filepath.Rel(dir, m[0])
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}

// unzip unpacks the EPUB at path into dir.
func unzip(t *testing.T, path, dir string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		out := filepath.Join(dir, filepath.FromSlash(f.Name))
		must(t, os.MkdirAll(filepath.Dir(out), 0o755))
		data := testzip.Read(t, f)
		must(t, os.WriteFile(out, data, 0o644))
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
