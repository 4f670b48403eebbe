package layout

import (
	"path/filepath"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/load"
)

// TestLoadedBooks lays out books as the loader builds them (the seed, the Markdown
// samples with headings, lists, code, tables and images, Lu Xun's essays) and checks the
// line invariants on every paragraph and the page invariants on every chapter.
func TestLoadedBooks(t *testing.T) {
	srcs := map[string]func(t *testing.T) string{
		"seed":        func(t *testing.T) string { return filepath.Join(testenv.RepoRoot(t), "source") },
		"trpl":        func(t *testing.T) string { return filepath.Join(testenv.Corpus(t, "trpl-zh-cn"), "src") },
		"copywriting": func(t *testing.T) string { return testenv.Corpus(t, "zh-copywriting-guide") },
		"yecao":       func(t *testing.T) string { return filepath.Join(testenv.Corpus(t, "luxun-essays"), "yecao") },
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			b, _, err := load.Load(src(t), load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			faces := wenkai(t)
			o := DefaultOptions()
			d, err := Layout(b, faces, o)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Outline) == 0 {
				t.Error("no outline")
			}
			for _, p := range d.Pages {
				for _, it := range p.Items {
					if it.Kind == Text && !covered(faces[it.Face], it.Text) {
						t.Errorf("page %d: face %d lacks a rune of %q (the drawer would fail)", p.Index, it.Face, it.Text)
					}
				}
			}
			g := newGeometry(&o, faces[0])
			cl := &chapterLayout{g: g, faces: faces, opts: &o, br: newCachedBreaker(faces, &o), book: b}
			br := newCachedBreaker(faces, &o)
			ps := ParaStyle{Size: g.size, Measure: g.measure, Indent: Pt(o.Indent) * g.size}
			fails := 0
			for i, c := range b.Chapters {
				cl.chapter(i, c)
				for _, e := range checkSpans(cl, cl.pageSpans()) {
					if fails++; fails <= 10 {
						t.Errorf("chapter %q: %s", c.Title, e)
					}
				}
				c.Walk(func(bl book.Block) bool {
					p, ok := bl.(*book.Paragraph)
					if !ok {
						return true
					}
					text := []rune(book.Plain(p.Runs))
					for _, e := range checkLines(text, br.lines(p.Runs, ps), o, covers(faces)) {
						if fails++; fails <= 10 {
							t.Errorf("%s: %s", p.At, e)
						}
					}
					return true
				})
			}
			t.Logf("%d chapters, %d pages", len(b.Chapters), len(d.Pages))
		})
	}
}
