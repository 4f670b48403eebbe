package fonts

import (
	"encoding/binary"
	"slices"
)

// The vertical forms of a CJK font (，。、 in the upper right of their cell, brackets and
// dashes turned) live in its GSUB table, under the features 'vert' and 'vrt2', as single
// substitutions from a horizontal glyph to a glyph no code point maps to. Reading systems
// (Chromium and WebKit through HarfBuzz and CoreText, Apple Books, Kobo) apply them in
// vertical-rl text. SubsetOptions.VerticalForms keeps those substitutions: the vertical
// glyphs of the kept glyphs join the subset, and a new GSUB holds only 'vert'/'vrt2'
// single-substitution lookups restricted to the subset's glyphs, renumbered, under the
// font's own scripts and language systems. GDEF's glyph classes follow (its caret,
// attachment and mark-class data serve lookups the subset drops).

// verticalFeatures are the GSUB features VerticalForms keeps.
var verticalFeatures = map[string]bool{"vert": true, "vrt2": true}

// reader reads big-endian fields from a table, remembering any read outside it instead
// of failing at each one: a table it could not read whole is dropped from the subset.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint16(r.b[off:]))
}

func (r *reader) u32(off int) int {
	if off < 0 || off+4 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint32(r.b[off:]))
}

func (r *reader) tag(off int) string {
	if off < 0 || off+4 > len(r.b) {
		r.bad = true
		return "    "
	}
	return string(r.b[off : off+4])
}

// maxLayoutRecords bounds every count read from a layout table, so a corrupt one cannot
// make the subsetter loop for long.
const maxLayoutRecords = 1 << 16

// coverage returns the glyphs of the Coverage table at off, in coverage index order.
func (r *reader) coverage(off int) []int {
	var gs []int
	switch r.u16(off) {
	case 1:
		n := r.u16(off + 2)
		for i := 0; i < n && !r.bad; i++ {
			gs = append(gs, r.u16(off+4+2*i))
		}
	case 2:
		n := r.u16(off + 2)
		for i := 0; i < n && !r.bad; i++ {
			rec := off + 4 + 6*i
			start, end, idx := r.u16(rec), r.u16(rec+2), r.u16(rec+4)
			if end < start || idx != len(gs) || len(gs)+end-start >= maxLayoutRecords {
				r.bad = true
				break
			}
			for g := start; g <= end; g++ {
				gs = append(gs, g)
			}
		}
	default:
		r.bad = true
	}
	return gs
}

// singleSubst adds the pairs of the single-substitution subtable at off to m, leaving
// glyphs an earlier subtable maps alone (the first subtable that covers a glyph applies).
func (r *reader) singleSubst(off int, m map[int]int) {
	format := r.u16(off)
	cov := r.coverage(off + r.u16(off+2))
	for i, g := range cov {
		var out int
		switch format {
		case 1:
			out = (g + r.u16(off+4)) & 0xFFFF
		case 2:
			if i >= r.u16(off+4) {
				r.bad = true
				return
			}
			out = r.u16(off + 6 + 2*i)
		default:
			r.bad = true
			return
		}
		if _, ok := m[g]; !ok && !r.bad {
			m[g] = out
		}
	}
}

// layoutLookup is one kept GSUB lookup: its flags and its substitutions in old glyph ids.
type layoutLookup struct {
	flag  int
	subst map[int]int
}

// langSys is a language system: its required feature (-1 for none) and features.
type langSys struct {
	tag      string // "" for a script's default
	required int
	features []int
}

// layoutScript is a script record with its language systems, the default first.
type layoutScript struct {
	tag  string
	sys  []langSys
	dflt bool // sys[0] is the default language system
}

// verticalGSUB is what the subset keeps of a GSUB table: the vertical features'
// single-substitution lookups and the scripts that reach them, all in old indexes.
type verticalGSUB struct {
	lookups  map[int]*layoutLookup // old lookup index → lookup
	features []featureRec          // kept features, in the table's order
	scripts  []layoutScript
}

// featureRec is a feature record: its old index, tag and old lookup indexes.
type featureRec struct {
	old     int
	tag     string
	lookups []int
}

// readVerticalGSUB reads the vertical features of a GSUB table; nil when it has none or
// cannot be read.
func readVerticalGSUB(gsub []byte) *verticalGSUB {
	r := &reader{b: gsub}
	if r.u16(0) != 1 {
		return nil
	}
	scriptList, featureList, lookupList := r.u16(4), r.u16(6), r.u16(8)
	v := &verticalGSUB{lookups: map[int]*layoutLookup{}}
	nf := min(r.u16(featureList), maxLayoutRecords)
	for i := 0; i < nf && !r.bad; i++ {
		rec := featureList + 2 + 6*i
		tag := r.tag(rec)
		if !verticalFeatures[tag] {
			continue
		}
		feat := featureList + r.u16(rec+4)
		f := featureRec{old: i, tag: tag}
		nl := r.u16(feat + 2)
		for k := 0; k < nl && !r.bad; k++ {
			li := r.u16(feat + 4 + 2*k)
			if _, seen := v.lookups[li]; !seen {
				v.lookups[li] = r.lookup(lookupList, li)
			}
			if v.lookups[li] != nil {
				f.lookups = append(f.lookups, li)
			}
		}
		v.features = append(v.features, f)
	}
	ns := min(r.u16(scriptList), maxLayoutRecords)
	for i := 0; i < ns && !r.bad; i++ {
		rec := scriptList + 2 + 6*i
		s := layoutScript{tag: r.tag(rec)}
		script := scriptList + r.u16(rec+4)
		if d := r.u16(script); d != 0 {
			s.sys, s.dflt = append(s.sys, r.langSys(script+d, "")), true
		}
		nl := min(r.u16(script+2), maxLayoutRecords)
		for k := 0; k < nl && !r.bad; k++ {
			lrec := script + 4 + 6*k
			s.sys = append(s.sys, r.langSys(script+r.u16(lrec+4), r.tag(lrec)))
		}
		v.scripts = append(v.scripts, s)
	}
	if r.bad || len(v.features) == 0 {
		return nil
	}
	return v
}

func (r *reader) langSys(off int, tag string) langSys {
	l := langSys{tag: tag, required: r.u16(off + 2)}
	if l.required == 0xFFFF {
		l.required = -1
	}
	n := r.u16(off + 4)
	for i := 0; i < n && !r.bad; i++ {
		l.features = append(l.features, r.u16(off+6+2*i))
	}
	return l
}

// Lookup types of GSUB that the subset reads.
const (
	gsubSingle    = 1
	gsubExtension = 7
)

// lookup reads lookup li of the LookupList at list when it is made of single
// substitutions (directly or through extension subtables); nil otherwise.
func (r *reader) lookup(list, li int) *layoutLookup {
	if li >= r.u16(list) {
		r.bad = true
		return nil
	}
	off := list + r.u16(list+2+2*li)
	typ, flag, n := r.u16(off), r.u16(off+2), r.u16(off+4)
	l := &layoutLookup{flag: flag, subst: map[int]int{}}
	for i := 0; i < n && !r.bad; i++ {
		sub := off + r.u16(off+6+2*i)
		t := typ
		if t == gsubExtension {
			t = r.u16(sub + 2)
			sub += r.u32(sub + 4)
		}
		if t != gsubSingle {
			return nil
		}
		r.singleSubst(sub, l.subst)
	}
	if r.bad {
		return nil
	}
	return l
}

// closeVertical adds the vertical glyph of every kept glyph, until none is missing (a
// vertical form may itself have one under another lookup).
func (s *subsetter) closeVertical(v *verticalGSUB) {
	for grown := true; grown; {
		grown = false
		for _, li := range sortedKeys(v.lookups) {
			l := v.lookups[li]
			if l == nil {
				continue
			}
			for _, in := range sortedKeys(l.subst) {
				out := l.subst[in]
				if in < s.f.numGlyphs && out < s.f.numGlyphs && s.newID[in] != 0 && s.newID[out] == 0 {
					s.add(uint16(out))
					grown = true
				}
			}
		}
	}
}

// sortedKeys returns the keys of m in increasing order.
func sortedKeys[V any](m map[int]V) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// writer builds a layout table; put16 appends, at16 patches a field.
type writer struct{ b []byte }

func (w *writer) put16(vs ...int) {
	for _, v := range vs {
		w.b = binary.BigEndian.AppendUint16(w.b, uint16(v))
	}
}

func (w *writer) at16(off, v int) { binary.BigEndian.PutUint16(w.b[off:], uint16(v)) }

// tagged appends a count and n empty tag-and-offset records; it returns where the count is.
func (w *writer) tagged(n int) int {
	list := len(w.b)
	w.put16(n)
	for range n {
		w.put16(0, 0, 0)
	}
	return list
}

// point fills the record at rec with tag and the offset, from base, of what is appended next.
func (w *writer) point(rec int, tag string, base int) {
	copy(w.b[rec:], tag)
	w.at16(rec+4, len(w.b)-base)
}

// gsub writes the subset's GSUB: every kept lookup with at least one substitution between
// two kept glyphs, renumbered, one format 2 subtable each; the features that still have a
// lookup; the language systems and scripts that still have a feature. It returns nil when
// nothing is left.
func (s *subsetter) gsub(v *verticalGSUB) []byte {
	newLookup := map[int]int{}
	type pair struct{ in, out int }
	var lookups [][]pair
	var flags []int
	for _, li := range sortedKeys(v.lookups) {
		l := v.lookups[li]
		if l == nil {
			continue
		}
		var ps []pair
		for in, out := range l.subst {
			if in < s.f.numGlyphs && out < s.f.numGlyphs && s.newID[in] != 0 && s.newID[out] != 0 {
				ps = append(ps, pair{int(s.newID[in] - 1), int(s.newID[out] - 1)})
			}
		}
		if len(ps) == 0 {
			continue
		}
		slices.SortFunc(ps, func(a, b pair) int { return a.in - b.in })
		newLookup[li] = len(lookups)
		lookups = append(lookups, ps)
		flags = append(flags, l.flag&0x000F) // mark classes and filtering sets are not kept
	}
	newFeature := map[int]int{}
	var features []featureRec
	for _, f := range v.features {
		var ls []int
		for _, li := range f.lookups {
			if n, ok := newLookup[li]; ok && !slices.Contains(ls, n) {
				ls = append(ls, n)
			}
		}
		if len(ls) > 0 {
			newFeature[f.old] = len(features)
			features = append(features, featureRec{tag: f.tag, lookups: ls})
		}
	}
	var scripts []layoutScript
	for _, sc := range v.scripts {
		out := layoutScript{tag: sc.tag}
		for i, l := range sc.sys {
			n := langSys{tag: l.tag, required: -1}
			if r, ok := newFeature[l.required]; ok {
				n.required = r
			}
			for _, fi := range l.features {
				if k, ok := newFeature[fi]; ok {
					n.features = append(n.features, k)
				}
			}
			if n.required < 0 && len(n.features) == 0 {
				continue
			}
			if i == 0 && sc.dflt {
				out.dflt = true
			}
			out.sys = append(out.sys, n)
		}
		if len(out.sys) > 0 {
			scripts = append(scripts, out)
		}
	}
	if len(scripts) == 0 {
		return nil
	}
	w := &writer{}
	w.put16(1, 0, 10, 0, 0) // version 1.0; ScriptList follows the header
	writeScripts(w, scripts)
	w.at16(6, len(w.b))
	featureList := w.tagged(len(features))
	for i, f := range features {
		w.point(featureList+2+6*i, f.tag, featureList)
		w.put16(0, len(f.lookups))
		w.put16(f.lookups...)
	}
	w.at16(8, len(w.b))
	lookupList := len(w.b)
	w.put16(len(lookups))
	for range lookups {
		w.put16(0)
	}
	for i, ps := range lookups {
		start := len(w.b)
		w.at16(lookupList+2+2*i, start-lookupList)
		w.put16(gsubSingle, flags[i], 1, 8) // one subtable, right after this header
		w.put16(2, 6+2*len(ps), len(ps))    // format 2, coverage after the substitutes
		for _, p := range ps {
			w.put16(p.out)
		}
		w.put16(1, len(ps)) // coverage format 1
		for _, p := range ps {
			w.put16(p.in)
		}
	}
	return w.b
}

// writeScripts appends a ScriptList.
func writeScripts(w *writer, scripts []layoutScript) {
	list := w.tagged(len(scripts))
	for i, sc := range scripts {
		script := len(w.b)
		w.point(list+2+6*i, sc.tag, list)
		others := sc.sys
		if sc.dflt {
			others = sc.sys[1:]
		}
		w.put16(0) // the default language system's offset, set below
		sysList := w.tagged(len(others))
		for k, l := range sc.sys {
			switch {
			case sc.dflt && k == 0:
				w.at16(script, len(w.b)-script)
			case sc.dflt:
				w.point(sysList+2+6*(k-1), l.tag, script)
			default:
				w.point(sysList+2+6*k, l.tag, script)
			}
			req := l.required
			if req < 0 {
				req = 0xFFFF
			}
			w.put16(0, req, len(l.features))
			w.put16(l.features...)
		}
	}
}

// gdef writes the subset's GDEF: version 1.0 with the glyph classes of the kept glyphs
// (renumbered, as ranges); nil when the font has no readable classes or none is left.
func (s *subsetter) gdef(gdef []byte) []byte {
	r := &reader{b: gdef}
	if r.u16(0) != 1 {
		return nil
	}
	off := r.u16(4)
	if off == 0 {
		return nil
	}
	class := map[int]int{}
	switch r.u16(off) {
	case 1:
		start, n := r.u16(off+2), r.u16(off+4)
		for i := 0; i < n && !r.bad; i++ {
			class[start+i] = r.u16(off + 6 + 2*i)
		}
	case 2:
		n := r.u16(off + 2)
		for i := 0; i < n && !r.bad; i++ {
			rec := off + 4 + 6*i
			a, b, c := r.u16(rec), r.u16(rec+2), r.u16(rec+4)
			for g := a; g <= b && g < s.f.numGlyphs; g++ {
				class[g] = c
			}
		}
	default:
		return nil
	}
	if r.bad {
		return nil
	}
	type rng struct{ first, last, class int }
	var rs []rng
	for gid, old := range s.oldID {
		c := class[int(old)]
		if c == 0 {
			continue
		}
		if k := len(rs) - 1; k >= 0 && rs[k].last == gid-1 && rs[k].class == c {
			rs[k].last = gid
			continue
		}
		rs = append(rs, rng{gid, gid, c})
	}
	if len(rs) == 0 {
		return nil
	}
	w := &writer{}
	w.put16(1, 0, 12, 0, 0, 0) // version 1.0; class definitions follow the header
	w.put16(2, len(rs))
	for _, x := range rs {
		w.put16(x.first, x.last, x.class)
	}
	return w.b
}

// layout writes the subset's GSUB (from v), GDEF and BASE, each when something of it is
// left.
func (s *subsetter) layout(tables map[string][]byte, v *verticalGSUB) {
	if v != nil {
		if g := s.gsub(v); g != nil {
			tables["GSUB"] = g
		}
	}
	if g := s.gdef(s.f.tables["GDEF"]); g != nil {
		tables["GDEF"] = g
	}
	if b := s.f.tables["BASE"]; b != nil && baseCoords(b) != nil {
		tables["BASE"] = b
	}
}
