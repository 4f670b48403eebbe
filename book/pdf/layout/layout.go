package layout

import (
	"fmt"
	"runtime"
	"sync"

	"cjkbook/book"
)

// Layout sets a book into pages. faces[0] is the Regular face, faces[1] Bold, faces[2:]
// fallbacks tried per character (an Item's Face is the index). Chapters are laid out in
// parallel; page numbers, running heads, contents and outline are assigned afterwards,
// so the output does not depend on scheduling.
//
// The stages, each in a file of its own: every chapter becomes a flow of boxes (flow.go,
// with table.go, figure.go and notes.go), whose lines the line breaker sets (inline.go,
// collect.go, prepare.go, fit.go, set.go); the flow is cut into pages (pagination.go);
// the book's pages are assembled around them (assemble.go). Vertical books take their
// own path (vertical.go).
func Layout(b *book.Book, faces []Metrics, opts Options) (*Document, error) {
	// Check the input: a book and its faces (Bold defaults to Regular).
	faces, err := checkInput(b, faces)
	if err != nil {
		return nil, err
	}
	if opts.Vertical {
		return layoutVertical(b, faces, opts)
	}
	// A book with ruby needs room for the readings (ruby.go); a vertical book gets it
	// on its turned pages.
	opts.LineHeight = rubyLineHeight(b, opts.LineHeight)
	if err := opts.validate(); err != nil {
		return nil, err
	}
	// Resolve the page grid.
	g := newGeometry(&opts, faces[0])
	// Lay out every chapter into pages of its own, in parallel.
	chs, warns, trees := layoutChapters(b, faces, &opts, g)
	// Assemble: front matter, chapters with folios and running heads, contents, outline.
	d := assemble(b, faces, &opts, g, chs, trees)
	for _, w := range warns {
		d.Warnings = append(d.Warnings, w...)
	}
	return d, nil
}

// checkInput returns an error when there is no book or a face is missing, and the faces
// with Bold set to Regular when only one is given.
func checkInput(b *book.Book, faces []Metrics) ([]Metrics, error) {
	if b == nil {
		return nil, fmt.Errorf("layout: no book")
	}
	if len(faces) == 0 || faces[0] == nil {
		return nil, fmt.Errorf("layout: no font face")
	}
	if len(faces) == 1 {
		faces = []Metrics{faces[0], faces[0]}
	}
	for i, f := range faces {
		if f == nil {
			return nil, fmt.Errorf("layout: font face %d is nil", i)
		}
	}
	return faces, nil
}

// layoutChapters lays out each chapter of b into pages of its own on opts.Parallel
// workers (GOMAXPROCS when unset), each with its own chapterLayout and breaker; it
// returns the pages, the warnings and the structure tree of every chapter, in chapter
// order.
func layoutChapters(b *book.Book, faces []Metrics, opts *Options, g *geometry) ([][]cpage, []book.Diagnostics, []tree) {
	chs := make([][]cpage, len(b.Chapters))
	trees := make([]tree, len(b.Chapters))
	warns := make([]book.Diagnostics, len(b.Chapters))
	par := opts.Parallel
	if par <= 0 {
		par = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(par, max(1, len(b.Chapters))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := &chapterLayout{g: g, faces: faces, opts: opts, br: newCachedBreaker(faces, opts), book: b}
			for i := range next {
				cl.diags = &warns[i]
				chs[i] = cl.chapter(i, b.Chapters[i])
				if opts.NoteNumbers == NumberPerPage && opts.Notes == NotesAtFoot && len(b.Chapters[i].Notes) > 0 {
					chs[i] = cl.perPageNumbers(i, b.Chapters[i], chs[i])
				}
				trees[i] = cl.tags
			}
		}()
	}
	for i := range b.Chapters {
		next <- i
	}
	close(next)
	wg.Wait()
	return chs, warns, trees
}

// geometry is the resolved page grid.
type geometry struct {
	measure   Pt    // line length
	left      [2]Pt // left edge of the text block on recto [0] and verso [1] pages
	top, body Pt    // top of the text block and its height
	pitch     Pt    // baseline-to-baseline distance of body text
	size      Pt
	base      Pt // baseline offset of body text within a line slot
}

func newGeometry(o *Options, m Metrics) *geometry {
	g := &geometry{size: o.FontSize, pitch: o.FontSize * Pt(o.LineHeight), top: o.Margins.Top}
	g.measure = o.Width - o.Margins.Inner - o.Margins.Outer
	extra := Pt(0)
	if o.GridMeasure {
		chars := Pt(int(float64(g.measure/o.FontSize) + 1e-9))
		extra = g.measure - chars*o.FontSize
		g.measure = chars * o.FontSize
	}
	g.left[0] = o.Margins.Inner + extra/2
	g.left[1] = o.Margins.Outer + extra/2
	lines := int(float64((o.Height - o.Margins.Top - o.Margins.Bottom) / g.pitch))
	g.body = Pt(lines) * g.pitch
	g.base = g.baseline(m, g.pitch, g.size)
	return g
}

// baseline returns where the baseline sits in a slot of height h for text of size sz:
// the em box (ascent to descent) centred in the slot.
func (g *geometry) baseline(m Metrics, h, sz Pt) Pt {
	return h/2 + sz*Pt(m.Ascent()+m.Descent())/2
}
