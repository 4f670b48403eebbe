package layout

import (
	"bytes"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
)

// BenchmarkLayoutNovel lays out 红楼梦 (880,000 characters) with WenKai at the default
// settings. Target: under 80 ms on 2 cores (go test -bench LayoutNovel -cpu 2). It also
// reports cpu-ms/op (process CPU, GC included): on a loaded machine wall time is noise,
// and cpu-ms/op ÷ 2 bounds what two idle cores need, chapters being laid out in parallel.
func BenchmarkLayoutNovel(b *testing.B) {
	dir := testenv.Corpus(b, "hongloumeng")
	bk := textBook(b, dir+"/hongloumeng.txt")
	faces := wenkai(b)
	o := DefaultOptions()
	b.ReportAllocs()
	b.ResetTimer()
	var pages int
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		d, err := Layout(bk, faces, o)
		if err != nil {
			b.Fatal(err)
		}
		pages = len(d.Pages)
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(cpuTime()-c0)/1e6/float64(b.N), "cpu-ms/op")
}

// BenchmarkBreakNovel measures the line breaker alone on the novel's paragraphs.
func BenchmarkBreakNovel(b *testing.B) {
	dir := testenv.Corpus(b, "hongloumeng")
	bk := textBook(b, dir+"/hongloumeng.txt")
	faces := wenkai(b)
	o := DefaultOptions()
	br := newCachedBreaker(faces, &o)
	ps := ParaStyle{Size: 10.5, Measure: 31 * 10.5, Indent: 21}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range bk.Chapters {
			for _, bl := range c.Blocks {
				br.lines(bl.(*book.Paragraph).Runs, ps)
			}
		}
	}
}

// TestLayoutDeterministic: two layouts of the novel (chapters in parallel) dump the same.
func TestLayoutDeterministic(t *testing.T) {
	texts := corpusTexts(t)
	paths, ok := texts["hongloumeng"]
	if !ok {
		paths = texts["seed"]
	}
	bk := textBook(t, paths...)
	var dumps [2]bytes.Buffer
	for i := range dumps {
		o := DefaultOptions()
		o.Parallel = 1 + 3*i
		d, err := Layout(bk, wenkai(t), o)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Dump(&dumps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(dumps[0].Bytes(), dumps[1].Bytes()) {
		t.Error("layout with 1 and 4 workers differs")
	}
}
