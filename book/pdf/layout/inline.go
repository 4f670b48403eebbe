package layout

import (
	"cjkbook/book"
)

// Align says how the lines of a paragraph sit in the measure.
type Align uint8

const (
	// Justify sets every line but the last flush with both edges; the last line is
	// flush left at natural spacing (clreq §3.5: never left-align body text).
	Justify Align = iota
	// Left sets every line flush left at natural spacing.
	Left
	// Center centres every line at natural spacing.
	Center
)

// ParaStyle describes how one paragraph is set.
type ParaStyle struct {
	Size    Pt    // font size
	Measure Pt    // line length
	Indent  Pt    // first-line indent
	Align   Align // Justify for body text
	Bold    bool  // set in the bold face (headings)
	Code    bool  // preformatted: break anywhere, no compression, no gaps, no justification
}

// Line is one line of a paragraph as set by the breaker.
type Line struct {
	Start, End int    // rune range [Start, End) of the paragraph text; the lines' ranges tile it
	Indent     Pt     // indent before the first glyph
	Width      Pt     // natural width, indent included, after compression, before justification
	Measure    Pt     // the line length the line was set to
	Spacing    Pt     // extra space added at each justification point (0 when not justified)
	Shrink     Pt     // width taken from punctuation blanks to fit (push-in)
	Last       bool   // the paragraph's last line
	Hyphen     bool   // ends inside a word and shows a hyphen
	Overfull   bool   // one unbreakable unit wider than the measure
	Right      Pt     // x of the line's right edge after justification (ink box end)
	Hang       Pt     // width of the marks that hang past the measure (Options.Hanging), in Right
	Items      []Item // baseline at Y = 0, X from the start of the measure
	Links      []Link // link rectangles, Y from the baseline (negative = above)
}

// cell is one rune of a paragraph with everything the breaker needs about it.
type cell struct {
	r       rune
	bo      int32 // byte offset of the rune in its run's Text
	cls     class
	prop    uint8 // propWide, propHan, propAlnum
	face    int16 // index into faces, -1 = no face covers it (placeholder box)
	wide    bool  // breaks like an ideograph
	small   bool  // footnote mark or superscript: smaller and raised
	lower   bool  // subscript: small, and lowered instead
	emph    bool  // CJK under emphasis: an emphasis dot
	slant   bool  // Latin under emphasis: oblique (cjk.EmphasisSegments)
	little  bool  // small print (book.Small): smallPrint of the size
	deco    uint8 // the decorations drawn with it (decoUnder …)
	run     int32
	gadv    Pt   // the glyph's own advance
	adv     Pt   // the box's advance (full-width quotes, compression)
	off     Pt   // glyph offset inside the box
	glue    Pt   // Han–Latin gap before the cell (dropped at a line start)
	sL, sR  Pt   // compressible blank on the left and right
	cutL    Pt   // blank a widened opening quote drops at a line start (not after the indent)
	cutR    Pt   // blank a widened closing quote drops at a line end
	fixL    bool // sL may not be squeezed by push-in (the glyph would move before its predecessor)
	brk     bool
	stretch bool
	rb      int32 // 1 + the index in breaker.rubies of the ruby unit the cell is in; 0: none
	join    bool  // continues the grapheme cluster of the cell before: no break, no space before it
	hidden  bool  // no face has it nor its cluster's base: the base's placeholder box stands for both
	vsel    bool  // a variation selector drawn with its base as the one glyph of their sequence
}

// breaker sets paragraphs into lines; it keeps its scratch buffers between paragraphs.
type breaker struct {
	faces   []Metrics
	opts    *Options
	cells   []cell
	w, sh   []Pt    // prefix sums of widths and shrinkable blanks
	nb      []int32 // nb[i]: the first index ≥ i where a break is allowed (n if none)
	nw      []int32 // prefix counts of wide or space cells (for allNarrow)
	buf     []rune
	runs    []book.Run
	ps      ParaStyle
	tail    int         // the first of the marks that end the paragraph (paraTail)
	cache   bool        // keep the per-face advance tables (long-lived breakers)
	adv     [][]float64 // per face: advance per BMP rune in em, -1 not covered, -2 unknown
	arena   []Item      // items of the lines being set; lines take capped sub-slices
	moves   []Move      // the Moves of those items, likewise
	gx      []Pt        // scratch for place: the glyph x of each cell of the line
	rubies  []rubyUnit  // the ruby units of the paragraph (ruby.go)
	rubyBuf []Item      // the readings of the line being set, drawn after its text (ruby.go)
	reading openReading // the last of them, while later readings may join it
	// tightEdges: the line being set puts no justification space at oblique edges
	// (justify, obliqueEdge)
	tightEdges bool
}

func newBreaker(faces []Metrics, opts *Options) *breaker {
	return &breaker{faces: faces, opts: opts}
}

// newCachedBreaker returns a breaker that caches advances (for whole books).
func newCachedBreaker(faces []Metrics, opts *Options) *breaker {
	return &breaker{faces: faces, opts: opts, cache: true}
}

// BreakParagraph sets text in one face at the given size into lines of the measure,
// the first indented by indent, with clreq line breaking, GB punctuation compression,
// Han–Latin gaps and justification.
func BreakParagraph(text []rune, m Metrics, size, measure, indent Pt, opts Options) []Line {
	if m == nil {
		return nil
	}
	b := newBreaker([]Metrics{m, m}, &opts)
	return b.lines([]book.Run{{Text: string(text)}}, ParaStyle{Size: size, Measure: measure, Indent: indent})
}

// BreakRuns sets styled runs into lines; faces[0] is Regular, faces[1] Bold, faces[2:]
// the fallbacks tried in order for runes the run's face lacks. It returns nil when
// faces is empty or holds a nil face.
func BreakRuns(runs []book.Run, faces []Metrics, ps ParaStyle, opts Options) []Line {
	if len(faces) == 0 {
		return nil
	}
	for _, f := range faces {
		if f == nil {
			return nil
		}
	}
	return newBreaker(faces, &opts).lines(runs, ps)
}

// lines runs the stages: collect the cells, find break opportunities, fit lines
// (first fit with push-in then push-out), fix a lone last character, then position.
func (b *breaker) lines(runs []book.Run, ps ParaStyle) []Line {
	return b.linesInto(nil, runs, ps)
}

// linesInto is lines appending to dst[:0] (a buffer the caller reuses).
func (b *breaker) linesInto(dst []Line, runs []book.Run, ps ParaStyle) []Line {
	if ps.Size <= 0 {
		ps.Size = 10
	}
	if ps.Measure < ps.Size {
		ps.Measure = ps.Size
	}
	if ps.Indent > ps.Measure-ps.Size {
		ps.Indent = max(0, ps.Measure-ps.Size) // an indent wider than the line
	}
	b.ps = ps
	b.runs = runs
	// Collect runes into cells with faces and advances (collect.go).
	b.collect(runs)
	n := len(b.cells)
	if n == 0 {
		return nil
	}
	// Punctuation width, Han–Latin gaps, break and stretch opportunities (prepare.go).
	b.prepare()
	// Fit lines: first fit, push-in, then push-out (fit.go).
	bounds := b.fit()
	// Balance centred text (titles) over its lines (fit.go).
	if ps.Align == Center && len(bounds) > 2 && n <= 1000 && !b.anyForced() {
		bounds = b.balance(bounds)
	}
	// Avoid a lone character on the last line, 孤字 (fit.go).
	if !ps.Code && len(bounds) >= 3 {
		b.fixLoneLast(bounds)
	}
	// Position glyphs: compression, justification, items (set.go).
	out := dst[:0]
	if cap(out) < len(bounds)-1 {
		out = make([]Line, 0, len(bounds)-1)
	}
	for i := 0; i+1 < len(bounds); i++ {
		out = append(out, b.set(bounds[i], bounds[i+1], i == 0, i+2 == len(bounds)))
	}
	return out
}
