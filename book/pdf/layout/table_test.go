package layout

import (
	"testing"

	"cjkbook/book"
)

// TestTableColumns: columns take their content's width when it fits; when one cell holds
// a word wider than the page, the other columns still keep their words whole; the
// columns always span the measure exactly.
func TestTableColumns(t *testing.T) {
	o := DefaultOptions()
	faces := []Metrics{FakeMetrics{}, FakeMetrics{}}
	g := newGeometry(&o, faces[0])
	cl := &chapterLayout{g: g, faces: faces, opts: &o, br: newCachedBreaker(faces, &o)}
	c := func(s string) book.Cell { return book.Cell{Runs: []book.Run{{Text: s}}} }
	sz, pad := g.size, g.size/3
	word := func(s string) Pt { return Pt(len(s))*sz/2 + 2*pad + 1 } // fake metrics: narrow = ½ em
	tests := []struct {
		name string
		rows [][]book.Cell
		min  []Pt // each column at least this wide
	}{
		{"fits", [][]book.Cell{{c("a"), c("bb"), c("ccc")}}, []Pt{word("a"), word("bb"), word("ccc")}},
		{"one huge word", [][]book.Cell{{c("hjiang/scripts/add-space-between-latin-and-cjk-and-more-and-more"), c("autocorrect"), c("Platform")}},
			[]Pt{0, word("autocorrect"), word("Platform")}},
	}
	for _, tt := range tests {
		xs := cl.columns(&book.Table{Rows: tt.rows}, 3, g.measure, sz, pad)
		if abs(xs[3]-g.measure) > 1e-6 {
			t.Errorf("%s: columns span %.2f, want %.2f", tt.name, xs[3], g.measure)
		}
		for i, m := range tt.min {
			if w := xs[i+1] - xs[i]; w < m-1e-6 {
				t.Errorf("%s: column %d is %.2f wide, want at least %.2f", tt.name, i, w, m)
			}
		}
	}
}
