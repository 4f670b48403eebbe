package build_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
)

// pinyinSeed copies the seed manuscript into a folder with a book.toml of extra lines.
func pinyinSeed(t testing.TB, toml string) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(testenv.Seed(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.Base(testenv.Seed(t))), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "book.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSeedPinyin builds the seed with pinyin = true: every Han character of the body
// text carries a reading in the model and on the first body page of the PDF, the EPUB
// has a <ruby> per character, and the PDF's text reads as the plain book (no readings).
func TestSeedPinyin(t *testing.T) {
	src := pinyinSeed(t, "pinyin = true\n")
	out := t.TempDir()
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	han, annotated := 0, 0
	for _, c := range res.Book.Chapters {
		c.EachRuns(func(rs *[]book.Run) {
			for _, r := range *rs {
				n := 0
				for _, ch := range r.Text {
					if unicode.Is(unicode.Han, ch) {
						n++
					}
				}
				han += n
				if len(r.Ruby) > 0 {
					annotated += n
				}
			}
		})
	}
	if han == 0 || annotated != han {
		t.Errorf("%d of %d Han characters annotated", annotated, han)
	}
	// A page of body text that opens no chapter (chapter titles and subtitles are not
	// annotated): one reading per Han character drawn in the text block, running heads
	// and folios left out.
	lo := layoutOf(t, src)
	o := layout.DefaultOptions()
	page := bodyPage(t, lo)
	chars, readings := 0, 0
	for _, it := range page.Items {
		if it.Kind != layout.Text || it.Y < o.Margins.Top || it.Y > o.Height-o.Margins.Bottom {
			continue
		}
		if it.Ruby {
			readings += 1 + len(it.Moves) // a line's readings are one item, a Move before each but the first
			continue
		}
		for _, ch := range it.Text {
			if unicode.Is(unicode.Han, ch) {
				chars++
			}
		}
	}
	if chars < 200 || readings != chars {
		t.Errorf("page %d: %d readings for %d Han characters", page.Index, readings, chars)
	}
	if testing.Short() {
		return
	}
	loaded, err := build.Load(build.Options{Src: filepath.Dir(testenv.Seed(t))})
	if err != nil {
		t.Fatal(err)
	}
	checkInOrder(t, loaded.Book, bodyText(t, res.PDFPath, layout.DefaultOptions()))
}

// layoutOf lays out the book at src as the build does.
func layoutOf(t *testing.T, src string) *layout.Document {
	t.Helper()
	l, err := build.Load(build.Options{Src: src})
	if err != nil {
		t.Fatal(err)
	}
	faces, err := build.LoadFaces(l.Settings.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	var ms []layout.Metrics
	for _, f := range faces.All() {
		ms = append(ms, f)
	}
	d, err := layout.Layout(l.Book, ms, l.Settings.Layout)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// bodyPage returns the first body page that opens no chapter.
func bodyPage(t *testing.T, d *layout.Document) *layout.Page {
	t.Helper()
	for i := range d.Pages {
		if d.Pages[i].Body && len(d.Pages[i].Anchors) == 0 {
			return &d.Pages[i]
		}
	}
	t.Fatal("no body page")
	return nil
}

// TestMarkdownRuby builds a Markdown book with manuscript ruby, and pinyin = "rare":
// the manuscript's readings win, only rare characters get automatic ones, and code is
// left alone.
func TestMarkdownRuby(t *testing.T) {
	src := t.TempDir()
	md := "# 注音\n\n我去{银行|yín háng}取钱，<ruby>行<rt>xíng</rt></ruby>人看见饕餮。\n\n`{银行|x}` 与代码。\n"
	if err := os.WriteFile(filepath.Join(src, "a.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "book.toml"), []byte("title = \"注音\"\npinyin = \"rare\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := book.Dump(&sb, res.Book); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<ruby>银行<rt>yín háng</rt></ruby>", "<ruby>行<rt>xíng</rt></ruby>", "<ruby>饕餮<rt>tāo tiè</rt></ruby>",
		"`{银行|x}`", "人看见",
	} {
		if !strings.Contains(sb.String(), want) {
			t.Errorf("model lacks %s:\n%s", want, sb.String())
		}
	}
	if testing.Short() {
		return
	}
	text := bodyText(t, res.PDFPath, layout.DefaultOptions())
	if !strings.Contains(text, "我去银行取钱，行人看见饕餮。") || strings.Contains(text, "yín") {
		t.Errorf("PDF text %q: want the base text without readings", text)
	}
}

// TestPinyinSetting: book.toml's pinyin takes true, false and "rare", and names its line
// when it is anything else; --pinyin wins.
func TestPinyinSetting(t *testing.T) {
	for _, tt := range []struct {
		toml, flag, want, err string
	}{
		{"pinyin = true\n", "", "true", ""},
		{"pinyin = \"rare\"\n", "", "rare", ""},
		{"pinyin = false\n", "", "false", ""},
		{"", "", "false", ""},
		{"pinyin = false\n", "rare", "rare", ""},
		{"title = \"x\"\npinyin = \"sometimes\"\n", "", "", `book.toml:2: pinyin "sometimes"`},
		{"pinyin = 3\n", "", "", "book.toml:1: pinyin"},
		{"", "maybe", "", "--pinyin=maybe"},
	} {
		src := pinyinSeed(t, tt.toml)
		s, err := build.Resolve(build.Options{Src: src, Pinyin: tt.flag})
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q %q: error %v, want %q", tt.toml, tt.flag, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("%q %q: %v", tt.toml, tt.flag, err)
		case tt.err == "" && s.Convert.Pinyin.String() != tt.want:
			t.Errorf("%q %q: %v, want %s", tt.toml, tt.flag, s.Convert.Pinyin, tt.want)
		}
	}
}

// BenchmarkBuildSeedPinyin times a whole build of the seed with pinyin on every
// character (target: under 0.3 s).
func BenchmarkBuildSeedPinyin(b *testing.B) {
	src := pinyinSeed(b, "pinyin = true\n")
	out := b.TempDir()
	for b.Loop() {
		if _, err := build.Run(context.Background(), build.Options{Src: src, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildNovelPinyin times a whole build of the novel with pinyin on every
// character (target: under 1.5 s).
func BenchmarkBuildNovelPinyin(b *testing.B) {
	src := novelSource(b)
	out := b.TempDir()
	for b.Loop() {
		if _, err := build.Run(context.Background(), build.Options{Src: src, Out: out, Pinyin: "true"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTaggedRuby checks the tagged PDF of the seed with pinyin, a manuscript ruby added,
// and PDF/UA-1 from outside (tagcheck.py): every sequence in the tree or an artifact, a
// Ruby of an RB and an RT for the manuscript's ruby alone (the book-wide readings are
// artifacts), and qpdf finds the file sound with its ActualText spans.
func TestTaggedRuby(t *testing.T) {
	testenv.Slow(t, "the tagged-PDF checks (pikepdf, qpdf)")
	src := pinyinSeed(t, "pinyin = true\n")
	seed := filepath.Join(src, filepath.Base(testenv.Seed(t)))
	f, err := os.OpenFile(seed, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n我去{银行|yín háng}取钱。\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), PDF: true, PDFStandards: []string{"ua-1"}})
	if err != nil {
		t.Fatal(err)
	}
	r := tagCheck(t, res.PDFPath, true)
	for _, e := range r.Errors {
		t.Error(e)
	}
	if r.Counts["Ruby"] != 1 || r.Counts["RB"] != 1 || r.Counts["RT"] != 1 {
		t.Errorf("structure %v: want one Ruby of an RB and an RT (the manuscript's)", r.Counts)
	}
	if out, err := exec.Command(testenv.Tool(t, "qpdf"), "--check", res.PDFPath).CombinedOutput(); err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	if !strings.Contains(bodyText(t, res.PDFPath, layout.DefaultOptions()), "突如其来的新冠疫情") {
		t.Errorf("pdftotext does not read the base text alone")
	}
}
