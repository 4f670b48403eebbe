package pinyin

import (
	"os"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
)

func TestData(t *testing.T) {
	tb := load()
	n := 0
	for _, c := range tb.common {
		if c {
			n++
		}
	}
	if n != 3500 || len([]rune(strings.ReplaceAll(level1Text, "\n", ""))) != 3500 {
		t.Errorf("level1.txt holds %d characters, want 3500", n)
	}
	for _, line := range strings.Split(phrasesText, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len([]rune(f[0])) != len(f)-1 {
			t.Errorf("phrases.txt: %q has %d characters and %d readings", line, len([]rune(f[0])), len(f)-1)
		}
	}
}

func TestReadings(t *testing.T) {
	tests := []struct{ in, want string }{
		{"我去银行", "wǒ qù yín háng"},
		{"行人很长", "xíng rén hěn cháng"},
		{"他长大了", "tā zhǎng dà le"},
		{"绿色，A", "lǜ sè _ _"},
		{"重庆", "chóng qìng"},
		{"㐀𠀀䷀丠a", "qiū hē _ qiū _"}, // Extension A, a supplementary plane, a hexagram (no Han)
	}
	for _, tt := range tests {
		got := Readings(tt.in)
		for i := range got {
			if got[i] == "" {
				got[i] = "_"
			}
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("Readings(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestAnnotate(t *testing.T) {
	mk := func() *book.Book {
		return &book.Book{Chapters: []*book.Chapter{{Blocks: []book.Block{
			&book.Paragraph{Runs: []book.Run{
				{Text: "我去银行，"}, {Text: "行", Ruby: []string{"háng"}}, {Text: "code", Style: book.Code}, {Text: "饕餮ok"},
			}},
		}}}}
	}
	tests := []struct {
		mode Mode
		want string
	}{
		{All, "p:0 <ruby>我去银行<rt>wǒ qù yín háng</rt></ruby>，<ruby>行<rt>háng</rt></ruby>`code`<ruby>饕餮<rt>tāo tiè</rt></ruby>ok"},
		{Rare, "p:0 我去银行，<ruby>行<rt>háng</rt></ruby>`code`<ruby>饕餮<rt>tāo tiè</rt></ruby>ok"},
		{Off, "p:0 我去银行，<ruby>行<rt>háng</rt></ruby>`code`饕餮ok"},
	}
	for _, tt := range tests {
		b := mk()
		Annotate(b, tt.mode)
		var sb strings.Builder
		if err := book.Dump(&sb, b); err != nil {
			t.Fatal(err)
		}
		if got := sb.String(); !strings.Contains(got, tt.want) {
			t.Errorf("mode %v:\n%s\nwant %s", tt.mode, got, tt.want)
		}
		for _, r := range b.Chapters[0].Blocks[0].(*book.Paragraph).Runs {
			if r.AutoRuby != (len(r.Ruby) > 0 && r.Text != "行") {
				t.Errorf("mode %v: run %q (ruby %q) AutoRuby %v: want it on the readings Annotate added alone", tt.mode, r.Text, r.Ruby, r.AutoRuby)
			}
		}
	}
}

// BenchmarkAnnotateNovel annotates the novel 红楼梦 from the shared corpus, a paragraph
// per line, with pinyin on every character.
func BenchmarkAnnotateNovel(b *testing.B) {
	data, err := os.ReadFile(testenv.Corpus(b, "hongloumeng/hongloumeng.txt"))
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	load()
	b.ReportAllocs()
	for b.Loop() {
		c := &book.Chapter{}
		for _, l := range lines {
			c.Blocks = append(c.Blocks, &book.Paragraph{Runs: []book.Run{{Text: l}}})
		}
		Annotate(&book.Book{Chapters: []*book.Chapter{c}}, All)
	}
}
