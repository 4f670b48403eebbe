package epub

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
)

// toneLetters are the letters of pinyin with tone marks (and ü).
const toneLetters = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"

// rubyBook has per-character readings, a reading over a group, zhuyin, and a page
// marker inside a ruby run.
func rubyBook() *book.Book {
	var all []string
	for _, r := range toneLetters {
		all = append(all, string(r))
	}
	return &book.Book{Meta: book.Metadata{Title: "注音", Language: "zh-CN"}, Chapters: []*book.Chapter{{
		Title: "注音", ID: "ch001",
		Blocks: []book.Block{
			&book.Paragraph{Runs: []book.Run{
				{Text: "我去"}, {Text: "银行", Ruby: []string{"yín", "háng"}}, {Text: "，"},
				{Text: "重庆", Ruby: []string{"Chóngqìng"}}, {Text: "。"},
				{Text: "注音", Ruby: []string{"ㄓㄨˋ", "ㄧㄣ"}, Style: book.Emphasis},
			}},
			&book.Paragraph{Runs: []book.Run{{Text: strings.Repeat("字", len(all)), Ruby: all}}},
		},
	}}}
}

func TestRuby(t *testing.T) {
	for _, vertical := range []bool{false, true} {
		data := write(t, rubyBook(), Options{Vertical: vertical})
		_, files := entries(t, data)
		x := string(files["EPUB/xhtml/ch001.xhtml"])
		for _, want := range []string{
			"<ruby>银<rp>(</rp><rt>yín</rt><rp>)</rp></ruby><ruby>行<rp>(</rp><rt>háng</rt><rp>)</rp></ruby>",
			"<ruby>重庆<rp>(</rp><rt>Chóngqìng</rt><rp>)</rp></ruby>",
			"<em><ruby>注<rp>(</rp><rt>ㄓㄨˋ</rt>",
		} {
			if !strings.Contains(x, want) {
				t.Errorf("vertical %v: chapter lacks %s:\n%s", vertical, want, x)
			}
		}
		css := string(files["EPUB/css/book.css"])
		for _, want := range []string{"ruby-position: over;", "font-size: 0.5em;", "line-height: 2.4;"} {
			if !strings.Contains(css, want) {
				t.Errorf("vertical %v: book.css lacks %s", vertical, want)
			}
		}
		f, err := sfnt.Parse(files["EPUB/fonts/regular.ttf"])
		if err != nil {
			t.Fatal(err)
		}
		var sb sfnt.Buffer
		for _, r := range toneLetters + "ㄓㄨˋㄧㄣ" {
			if !defaultFaces(t).Regular.Covers(r) {
				t.Logf("the default face lacks %q", r)
				continue
			}
			if g, err := f.GlyphIndex(&sb, r); err != nil || g == 0 {
				t.Errorf("the font subset lacks %q", r)
			}
		}
		if testing.Short() {
			continue
		}
		cmd := testenv.Epubcheck(t)
		path := filepath.Join(t.TempDir(), "ruby.epub")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		epubcheck(t, cmd, path)
	}
	// A book without ruby gets no ruby rules.
	if css := string(func() map[string][]byte { _, f := entries(t, write(t, seedLikeMeta(), Options{})); return f }()["EPUB/css/book.css"]); strings.Contains(css, "ruby") {
		t.Errorf("a book without ruby has ruby rules")
	}
}

func TestSplitRuby(t *testing.T) {
	run := book.Run{Text: "银行家", Ruby: []string{"yín", "háng", "jiā"}}
	head, tail, k := splitRuby(run, 1)
	if k != 1 || head.Text != "银" || tail.Text != "行家" || len(head.Ruby) != 1 || len(tail.Ruby) != 2 {
		t.Errorf("per character: %+v %+v %d", head, tail, k)
	}
	group := book.Run{Text: "重庆", Ruby: []string{"Chóngqìng"}}
	if _, tail, k := splitRuby(group, 1); k != 0 || tail.Text != "重庆" {
		t.Errorf("group ruby was cut: %+v %d", tail, k)
	}
}
