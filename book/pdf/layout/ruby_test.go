package layout

import (
	"math"
	"strings"
	"testing"

	"cjkbook/book"
)

var fake2 = []Metrics{FakeMetrics{}, FakeMetrics{}}

// splitItems returns the readings of lines in the fake metrics, each as an item of its
// own (readingParts), and the other text items.
func splitItems(lines []Line) (ruby, base []Item) {
	for _, ln := range lines {
		for _, it := range ln.Items {
			switch {
			case it.Kind == Text && it.Ruby:
				ruby = append(ruby, readingParts(it, FakeMetrics{})...)
			case it.Kind == Text:
				base = append(base, it)
			}
		}
	}
	return ruby, base
}

// readingParts cuts a reading item of face f at its Moves, which start every reading
// of it but the first (readings never abut), into items of one reading each.
func readingParts(it Item, f Metrics) []Item {
	pens, rs := it.Pens(f), []rune(it.Text)
	var out []Item
	for k, from := 0, 0; from < len(rs); k++ {
		to := len(rs)
		if k < len(it.Moves) {
			to = it.Moves[k].At
		}
		if to > from {
			p := it
			p.X, p.Text, p.Moves = pens[from], string(rs[from:to]), nil
			out = append(out, p)
		}
		from = to
	}
	return out
}

// itemWidth is the drawn width of a Text item in the fake metrics (spacing after the
// last glyph left out).
func itemWidth(it Item) Pt {
	pens := it.Pens(FakeMetrics{})
	return pens[len(pens)-1] - it.Spacing - it.X
}

// TestRubyWidth: a reading narrower than its base leaves the line as it was; a wider one
// widens its base by the excess plus a little blank, half on each side; a reading over a
// group is centred over the group's glyphs, above the glyphs at half the size.
func TestRubyWidth(t *testing.T) {
	ps := ParaStyle{Size: 10, Measure: 300, Align: Left}
	plain := BreakRuns([]book.Run{{Text: "我去银行取钱"}}, fake2, ps, DefaultOptions())
	tests := []struct {
		name  string
		runs  []book.Run
		width Pt // the line's natural width
	}{
		{"narrow reading", []book.Run{{Text: "我去"}, {Text: "银行", Ruby: []string{"yi", "ha"}}, {Text: "取钱"}}, plain[0].Width},
		{"wide readings", []book.Run{{Text: "我去"}, {Text: "银行", Ruby: []string{"yínn", "hángg"}}, {Text: "取钱"}},
			// yínn: 4×2.5 + 2×0.6 blank = 11.2 → 1.2 more; hángg: 12.5 + 1.2 → 3.7 more
			plain[0].Width + 4.9},
		{"group reading", []book.Run{{Text: "我去"}, {Text: "银行", Ruby: []string{"yínháng yínháng"}}, {Text: "取钱"}},
			// 15 letters × 2.5 = 37.5 + 1.2 over a base of 20
			plain[0].Width + 18.7},
	}
	for _, tt := range tests {
		lines := BreakRuns(tt.runs, fake2, ps, DefaultOptions())
		if len(lines) != 1 {
			t.Fatalf("%s: %d lines", tt.name, len(lines))
		}
		if math.Abs(float64(lines[0].Width-tt.width)) > 1e-6 {
			t.Errorf("%s: width %.2f, want %.2f", tt.name, lines[0].Width, tt.width)
		}
		ruby, base := splitItems(lines)
		if len(ruby) == 0 {
			t.Fatalf("%s: no readings", tt.name)
		}
		// Each reading is centred over its base glyphs, above them, at half size.
		for _, r := range ruby {
			if r.Size != 5 || r.Y >= -8 {
				t.Errorf("%s: reading %q at size %.1f y %.2f, want size 5 above the glyphs", tt.name, r.Text, r.Size, r.Y)
			}
			mid := r.X + itemWidth(r)/2
			found := false
			for _, b := range base {
				// the base glyphs of this reading: 银 and/or 行, each 10 wide
				pens, i := b.Pens(FakeMetrics{}), 0
				for _, c := range b.Text {
					x := pens[i]
					i++
					if c == '银' || c == '行' {
						if tt.name == "group reading" && c == '银' {
							found = found || math.Abs(float64(mid-(x+10))) < 1e-6 // centre between 银 and 行
						} else if tt.name != "group reading" {
							found = found || math.Abs(float64(mid-(x+5))) < 1e-6
						}
					}
				}
			}
			if !found {
				t.Errorf("%s: reading %q (centre %.2f) not centred on its base %+v", tt.name, r.Text, mid, base)
			}
		}
	}
}

// TestRubyNoOverlap: with a reading on every character, wide readings never reach
// the next one.
func TestRubyNoOverlap(t *testing.T) {
	text := "中国重庆长江大桥行人"
	rd := []string{"zhōng", "guó", "chóng", "qìng", "cháng", "jiāng", "dà", "qiáo", "xíng", "rén"}
	lines := BreakRuns([]book.Run{{Text: text, Ruby: rd}}, fake2, ParaStyle{Size: 10, Measure: 55}, DefaultOptions())
	for _, ln := range lines {
		ruby, _ := splitItems([]Line{ln})
		for i := 1; i < len(ruby); i++ {
			if end := ruby[i-1].X + itemWidth(ruby[i-1]); end > ruby[i].X+1e-6 {
				t.Errorf("reading %q ends at %.2f after %q starts at %.2f", ruby[i-1].Text, end, ruby[i].Text, ruby[i].X)
			}
		}
	}
}

// TestRubyBreaking: a base with one reading is never split across lines; one with a
// reading per character breaks between characters; the prohibition rules still hold
// (no 。 at a line start); every justified line but the last fills the measure.
func TestRubyBreaking(t *testing.T) {
	group := []book.Run{{Text: "一二三四五六七"}, {Text: "重庆市", Ruby: []string{"chóngqìngshì"}}, {Text: "八九十。"}}
	perChar := []book.Run{{Text: "一二三四五六七"}, {Text: "重庆市", Ruby: []string{"chóng", "qìng", "shì"}}, {Text: "八九十。"}}
	ps := ParaStyle{Size: 10, Measure: 90}
	for _, tc := range []struct {
		name    string
		runs    []book.Run
		split   bool // may 重庆市 be split
		wantCut bool // is it split at this measure
	}{{"group", group, false, false}, {"per character", perChar, true, true}} {
		for measure := Pt(60); measure <= 160; measure += 5 {
			ps.Measure = measure
			lines := BreakRuns(tc.runs, fake2, ps, DefaultOptions())
			text := []rune(book.Plain(tc.runs))
			for i, ln := range lines {
				seg := string(text[ln.Start:ln.End])
				if !tc.split && (strings.HasSuffix(seg, "重") || strings.HasSuffix(seg, "庆")) && i+1 < len(lines) {
					t.Errorf("%s at %.0f: 重庆市 split after %q", tc.name, measure, seg)
				}
				if strings.HasPrefix(seg, "。") {
					t.Errorf("%s at %.0f: line starts with 。: %q", tc.name, measure, seg)
				}
				if !ln.Last && !ln.Overfull && math.Abs(float64(ln.Right-ln.Measure)) > 1e-6 {
					t.Errorf("%s at %.0f: line %d ends at %.4f, not at the measure %.0f", tc.name, measure, i, ln.Right, ln.Measure)
				}
			}
			ruby, _ := splitItems(lines)
			if want := map[bool]int{false: 1, true: 3}[tc.split]; len(ruby) != want {
				t.Errorf("%s at %.0f: %d readings, want %d", tc.name, measure, len(ruby), want)
			}
		}
		ps.Measure = 90
		lines := BreakRuns(tc.runs, fake2, ps, DefaultOptions())
		cut := false
		for _, ln := range lines {
			seg := string([]rune(book.Plain(tc.runs))[ln.Start:ln.End])
			cut = cut || strings.HasSuffix(seg, "重") || strings.HasSuffix(seg, "庆")
		}
		if cut != tc.wantCut {
			t.Errorf("%s: 重庆市 cut %v at 90 pt, want %v", tc.name, cut, tc.wantCut)
		}
	}
}

// TestRubySpan: a line with ruby is one Span that reads as its base text, the readings
// drawn after the base inside it; a line without ruby has no span.
func TestRubySpan(t *testing.T) {
	lines := BreakRuns([]book.Run{{Text: "我去"}, {Text: "银行", Ruby: []string{"yín", "háng"}}, {Text: "取钱。一二三四五六七八九十"}},
		fake2, ParaStyle{Size: 10, Measure: 100}, DefaultOptions())
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	its := lines[0].Items
	if its[0].Kind != Span || its[0].Text != "我去银行取钱。一二" || its[len(its)-1].Kind != SpanEnd {
		t.Errorf("line 1 is not one span of its text: %+v", its)
	}
	if n := len(its); !its[n-2].Ruby || its[n-2].Text != "yínháng" || its[n-3].Ruby || its[1].Ruby {
		t.Errorf("the readings do not come after the base text, in one item: %+v", its)
	}
	for _, it := range lines[1].Items {
		if it.Kind == Span || it.Kind == SpanEnd {
			t.Errorf("line 2 has no ruby but a span")
		}
	}
}

// TestRubyBook: a book with ruby gets a taller line pitch; in a vertical book the
// readings stand to the right of their column.
func TestRubyBook(t *testing.T) {
	mk := func(ruby []string) *book.Book {
		return &book.Book{Meta: book.Metadata{Title: "T"}, Chapters: []*book.Chapter{{Title: "章", ID: "ch1", Blocks: []book.Block{
			&book.Paragraph{Runs: []book.Run{{Text: "這是"}, {Text: "注音", Ruby: ruby}, {Text: strings.Repeat("的字", 60)}}}}}}}
	}
	o := DefaultOptions()
	o.TitlePage, o.Contents = false, false
	pitch := func(d *Document) Pt {
		var ys []Pt
		for _, it := range d.Pages[0].Items {
			if it.Kind == Text && !it.Ruby && it.Size == o.FontSize && (len(ys) == 0 || it.Y != ys[len(ys)-1]) {
				ys = append(ys, it.Y)
			}
		}
		return ys[len(ys)-1] - ys[len(ys)-2]
	}
	plain, err := Layout(mk(nil), wenkai(t), o)
	if err != nil {
		t.Fatal(err)
	}
	annotated, err := Layout(mk([]string{"zhù", "yīn"}), wenkai(t), o)
	if err != nil {
		t.Fatal(err)
	}
	if p0, p1 := pitch(plain), pitch(annotated); math.Abs(float64(p1-p0-Pt(rubyLeading)*o.FontSize)) > 0.01 {
		t.Errorf("pitch %.2f with ruby, %.2f without: want %.2f more", p1, p0, rubyLeading*float64(o.FontSize))
	}
	o.Vertical = true
	d, err := Layout(mk([]string{"zhù", "yīn"}), wenkai(t), o)
	if err != nil {
		t.Fatal(err)
	}
	var base, reading *Item
	for _, p := range d.Pages {
		items := uprightGlyphs(p.Items, wenkai(t), d.CellShifts)
		for i, it := range items {
			switch {
			case it.Text == "注":
				base = &items[i]
			case it.Ruby && strings.HasPrefix(it.Text, "zhù"): // the column's readings are one item
				reading = &items[i]
			}
		}
	}
	if base == nil || reading == nil {
		t.Fatalf("注 %v, zhù %v", base, reading)
	}
	if reading.X <= base.X+o.FontSize || reading.Rotate != 90 {
		t.Errorf("reading at x=%.1f (rotate %d) not right of 注 (%.1f–%.1f), turned", reading.X, reading.Rotate, base.X, base.X+o.FontSize)
	}
	if reading.Y < base.Y-o.FontSize || reading.Y > base.Y {
		t.Errorf("reading at y=%.1f not beside 注 (baseline %.1f)", reading.Y, base.Y)
	}
}

// TestRubyTree: in the structure tree a manuscript's ruby run is a Ruby of an RB (its
// base) and an RT (its readings), inside the paragraph; a book-wide reading
// (AutoRuby) is an artifact and its base the paragraph's own text, sharing Text items
// with its neighbours; the run's readings are one item either way.
func TestRubyTree(t *testing.T) {
	for _, auto := range []bool{false, true} {
		b := &book.Book{Meta: book.Metadata{Title: "T", Language: "zh-CN"}, Chapters: []*book.Chapter{{Title: "章", ID: "ch1", Blocks: []book.Block{
			&book.Paragraph{Runs: []book.Run{{Text: "我去"}, {Text: "银行", Ruby: []string{"yín", "háng"}, AutoRuby: auto}, {Text: "取钱。"}}}}}}}
		o := DefaultOptions()
		o.TitlePage, o.Contents = false, false
		d, err := Layout(b, wenkai(t), o)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		if err := d.DumpTree(&sb); err != nil {
			t.Fatal(err)
		}
		tree := sb.String()
		for _, want := range []string{"Ruby", "RB", "RT"} {
			if strings.Contains(tree, want) == auto {
				t.Errorf("auto %v: tree has %s %v:\n%s", auto, want, !auto, tree)
			}
		}
		var readings []string
		shared := false
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if it.Kind != Text || it.Tag < 0 || it.Tag == 0 && !it.Ruby {
					continue
				}
				if it.Ruby {
					readings = append(readings, it.Text)
				}
				role := ""
				if it.Tag > 0 {
					role = d.Tree[it.Tag.Elem()].Role
				}
				switch {
				case it.Ruby && !auto && role != RoleRT:
					t.Errorf("reading %q tagged %s, want RT", it.Text, role)
				case it.Ruby && auto && it.Tag != Artifact:
					t.Errorf("book-wide reading %q tagged %s, want an artifact", it.Text, role)
				case !it.Ruby && strings.ContainsAny(it.Text, "银行") && !auto && role != RoleRB:
					t.Errorf("base %q tagged %s, want RB", it.Text, role)
				case !it.Ruby && strings.ContainsAny(it.Text, "银行"):
					shared = shared || strings.ContainsAny(it.Text, "我去取钱。")
					if auto && role != RoleP {
						t.Errorf("base %q of book-wide readings tagged %s, want P", it.Text, role)
					}
				}
			}
		}
		if len(readings) != 1 || readings[0] != "yínháng" || shared != auto {
			t.Errorf("auto %v: readings %q (want one item), a base shares a Text item with its neighbours: %v", auto, readings, shared)
		}
	}
}
