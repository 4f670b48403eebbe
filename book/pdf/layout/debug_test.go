package layout

import (
	"testing"

	"cjkbook/book/load"
)

func TestDebugNotes(t *testing.T) {
	b, _, err := load.Load("/tmp/fn3", load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	faces := wenkai(t)
	g := newGeometry(&o, faces[0])
	cl := &chapterLayout{g: g, faces: faces, opts: &o, br: newCachedBreaker(faces, &o), book: b}
	cl.chapter(0, b.Chapters[0])
	spans := cl.pageSpans()
	for i, sp := range spans {
		t.Logf("page %d: boxes %d-%d notes %v", i, sp.start, sp.end, sp.notes)
	}
	for _, r := range cl.notes.refs {
		t.Logf("ref box %d note %d span %v", r.box, r.note, cl.notes.span[r.note])
	}
	for i := 0; i < 25; i++ {
		bx := cl.flow[i]
		t.Logf("box %d line %d/%d keep %v h %.1f sp %v", i, bx.line, bx.lines, bx.keep, bx.h, bx.spacer)
	}
	t.Logf("body %.1f pitch %.1f", g.body, g.pitch)
}
