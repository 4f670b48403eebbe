package convert

import (
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/load"
)

// BenchmarkStringNovel converts the paragraphs of the 880,000-character novel to
// Traditional (s2t), the dictionaries already loaded.
func BenchmarkStringNovel(b *testing.B) {
	bk, _, err := load.Load(testenv.Corpus(b, "hongloumeng"), load.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var paras []string
	for _, ch := range bk.Chapters {
		ch.Walk(func(bl book.Block) bool {
			if p, ok := bl.(*book.Paragraph); ok {
				paras = append(paras, book.Plain(p.Runs))
			}
			return true
		})
	}
	c, err := New("s2t")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			c.String(p)
		}
	}
}
