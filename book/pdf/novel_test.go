package pdf

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
)

// Sizes of the synthetic novel: like 红楼梦 at A5/10.5 pt (about 880,000 characters,
// 120 chapters, about 1,000 pages).
const (
	novelPages        = 1000
	novelLinesPerPage = 30
	novelCharsPerLine = 30
	novelChapters     = 120
)

// novelAlphabet returns n distinct characters that face covers, taken from the
// CJK Unified Ideographs block in a fixed pseudo-random order, plus the common
// full-width punctuation.
func novelAlphabet(face *fonts.Face, n int) []rune {
	var out []rune
	for _, r := range "，。、；：？！“”‘’（）《》——……" {
		out = append(out, r)
	}
	x := uint32(12345)
	seen := map[rune]bool{}
	for len(out) < n {
		x = x*1664525 + 1013904223
		r := rune(0x4E00 + x>>16%0x5000)
		if !seen[r] && face.Covers(r) {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// novelDoc builds a document shaped like the novel: a contents page linking to
// every chapter, chapters with a Bold heading, about 30 justified lines of 30
// characters per page, a folio per page, and a two-level outline.
func novelDoc(faces []*fonts.Face) *layout.Document {
	const size = 10.5
	alpha := novelAlphabet(faces[0], 4000)
	d := &layout.Document{Width: a5W, Height: a5H, Info: layout.Info{Title: "红楼梦", Author: "曹雪芹"}}
	pagesPerChapter := novelPages / novelChapters
	x := uint32(7)
	line := make([]rune, novelCharsPerLine)
	tocPages := (novelChapters + 24) / 25
	for p := 0; p < tocPages; p++ {
		pg := layout.Page{Index: p}
		for i := p * 25; i < min(novelChapters, (p+1)*25); i++ {
			y := layout.Pt(60 + 20*(i-p*25))
			pg.Items = append(pg.Items, text(50, y, layout.Regular, size, 0, fmt.Sprintf("第%d回……%d", i+1, tocPages+i*pagesPerChapter+1)))
			pg.Links = append(pg.Links, layout.Link{X: 50, Y: y - 12, W: 320, H: 16, Dest: fmt.Sprintf("ch%d", i)})
		}
		d.Pages = append(d.Pages, pg)
	}
	for p := 0; len(d.Pages) < novelPages; p++ {
		pi := len(d.Pages)
		pg := layout.Page{Index: pi, Label: fmt.Sprint(p + 1)}
		top := layout.Pt(60)
		if p%pagesPerChapter == 0 && p/pagesPerChapter < novelChapters {
			ch := p / pagesPerChapter
			title := fmt.Sprintf("第%d回 %s", ch+1, string(alpha[40+ch:52+ch]))
			pg.Items = append(pg.Items, text(50, 80, layout.Bold, 16, 0, title))
			pg.Anchors = append(pg.Anchors, layout.Anchor{Name: fmt.Sprintf("ch%d", ch), Y: 60})
			d.Outline = append(d.Outline, layout.OutlineEntry{Title: title, Page: pi, Y: 60,
				Children: []layout.OutlineEntry{{Title: "上", Page: pi, Y: 120}, {Title: "下", Page: pi + 2, Y: 60}}})
			top = 120
		}
		for l := 0; top+layout.Pt(l)*17 < 560 && l < novelLinesPerPage; l++ {
			for i := range line {
				x = x*1664525 + 1013904223
				line[i] = alpha[x>>8%uint32(len(alpha))]
			}
			pg.Items = append(pg.Items, text(50, top+layout.Pt(l)*17, layout.Regular, size, layout.Pt(x%7)*0.05, string(line)))
		}
		pg.Items = append(pg.Items, text(205, 580, layout.Regular, 9, 0, fmt.Sprint(p+1)))
		d.Pages = append(d.Pages, pg)
	}
	return d
}

func TestNovelSizedDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1,000-page PDF and runs pdftotext over it")
	}
	faces := defaultFaces(t)
	d := novelDoc(faces)
	path, b := writeFile(t, d, faces, DefaultOptions())
	t.Logf("%d pages, %d bytes", len(d.Pages), len(b))
	out, errOut := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(out, "WARNING") || errOut != "" {
		t.Errorf("qpdf --check:\n%s\n%s", out, errOut)
	}
	checkExtractedText(t, path, d)
	_, errOut = run(t, "mutool", "show", path, "outline")
	if strings.TrimSpace(errOut) != "" {
		t.Errorf("mutool outline warnings:\n%s", errOut)
	}
}

// BenchmarkWriteNovelSized draws and writes the synthetic ~1,000-page novel with
// two faces (the PDF write must stay well under 0.45 s), at each
// compression level. Besides ns/op it reports cpu-ms/op, the CPU time of the whole
// process (all workers) per write, which a busy machine disturbs less than wall time.
func BenchmarkWriteNovelSized(b *testing.B) {
	faces := defaultFaces(b)
	benchWrite(b, novelDoc(faces), faces)
}

// benchWrite runs one sub-benchmark per compression level.
func benchWrite(b *testing.B, d *layout.Document, faces []*fonts.Face) {
	for _, c := range []struct {
		name string
		c    Compression
	}{{"fast", CompressFast}, {"default", CompressDefault}} {
		b.Run(c.name, func(b *testing.B) {
			opts := DefaultOptions()
			opts.Compression = c.c
			var buf bytes.Buffer
			if err := Write(&buf, d, faces, nil, opts); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(drawnText(d))))
			b.ReportAllocs()
			cpu0 := cpuTime()
			b.ResetTimer()
			n := 0
			for b.Loop() {
				if err := Write(io.Discard, d, faces, nil, opts); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.StopTimer()
			// Custom metrics after the loop: ResetTimer deletes them.
			b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(n), "cpu-ms/op")
			b.ReportMetric(float64(buf.Len()), "pdf-bytes")
			b.ReportMetric(float64(len(d.Pages)), "pages")
		})
	}
}

// cpuTime returns the user+system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// checkExtractedText checks that pdftotext reads from the PDF at path the text d draws
// (spaces aside), and names the first byte where they differ.
func checkExtractedText(t *testing.T, path string, d *layout.Document) {
	t.Helper()
	txt, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if got, want := noSpace(txt), noSpace(drawnText(d)); got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("pdftotext differs from the drawn text at byte %d of %d: got %q, want %q", i, len(want), got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
	}
}

// corpusNovelDoc cuts the real novel 红楼梦 into pages of 30 lines of 30 characters
// (no typesetting rules: this only feeds the drawer realistic text), with a Bold
// heading, an anchor and an outline entry per chapter. Characters that the
// Regular face lacks are drawn as placeholder boxes, as the layout does.
func corpusNovelDoc(t testing.TB, faces []*fonts.Face) *layout.Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(testenv.Corpus(t, "hongloumeng"), "hongloumeng.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const size = 10.5
	d := &layout.Document{Width: a5W, Height: a5H, Info: layout.Info{Title: "红楼梦", Author: "曹雪芹"}}
	heading := regexp.MustCompile(`^ ?第.{1,6}回[　 ]`)
	var pg *layout.Page
	var y layout.Pt
	newPage := func() {
		d.Pages = append(d.Pages, layout.Page{Index: len(d.Pages), Label: fmt.Sprint(len(d.Pages) + 1)})
		pg = &d.Pages[len(d.Pages)-1]
		y = 80
	}
	newPage()
	var line []rune
	flush := func() {
		if len(line) == 0 {
			return
		}
		if y > 560 {
			newPage()
		}
		x := layout.Pt(50)
		start := 0
		for i, r := range line {
			if faces[0].Covers(r) {
				continue
			}
			if i > start {
				pg.Items = append(pg.Items, text(x+layout.Pt(start)*size, y, layout.Regular, size, 0, string(line[start:i])))
			}
			pg.Items = append(pg.Items, layout.Item{Kind: layout.Box, X: x + layout.Pt(i)*size, Y: y - size*0.88, W: size, H: size})
			start = i + 1
		}
		if start < len(line) {
			pg.Items = append(pg.Items, text(x+layout.Pt(start)*size, y, layout.Regular, size, 0, string(line[start:])))
		}
		line = line[:0]
		y += 17
	}
	for _, l := range strings.Split(string(src), "\n") {
		if heading.MatchString(l) {
			flush()
			newPage()
			title := strings.TrimSpace(l)
			name := fmt.Sprintf("ch%d", len(d.Outline))
			pg.Items = append(pg.Items, text(50, y, layout.Bold, 16, 0, title))
			pg.Anchors = append(pg.Anchors, layout.Anchor{Name: name, Y: 60})
			d.Outline = append(d.Outline, layout.OutlineEntry{Title: title, Page: pg.Index, Y: 60})
			y += 40
			continue
		}
		for _, r := range strings.TrimSpace(l) {
			if r == ' ' || r == '\t' || r == '\r' {
				continue
			}
			line = append(line, r)
			if len(line) == novelCharsPerLine {
				flush()
			}
		}
		flush()
	}
	return d
}

func TestCorpusNovelText(t *testing.T) {
	if testing.Short() {
		t.Skip("writes the whole novel and runs pdftotext over it")
	}
	faces := defaultFaces(t)
	d := corpusNovelDoc(t, faces)
	path, b := writeFile(t, d, faces, DefaultOptions())
	t.Logf("红楼梦: %d pages, %d outline entries, %d bytes", len(d.Pages), len(d.Outline), len(b))
	checkExtractedText(t, path, d)
	out, errOut := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors found") || errOut != "" {
		t.Errorf("qpdf --check:\n%s\n%s", out, errOut)
	}
}

// BenchmarkWriteCorpusNovel draws and writes the real novel cut into pages (see
// corpusNovelDoc); it is skipped when the shared corpus is absent.
func BenchmarkWriteCorpusNovel(b *testing.B) {
	faces := defaultFaces(b)
	benchWrite(b, corpusNovelDoc(b, faces), faces)
}

// BenchmarkWriteSample writes the three-page sample document: the fixed cost of a
// PDF (parsing two 15 MB fonts, subsetting and compressing them), which dominates
// for short books like the seed.
func BenchmarkWriteSample(b *testing.B) {
	faces := defaultFaces(b)
	d := sampleDoc()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, d, faces, nil, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
