package epub

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/fonts"
)

//go:embed style.css
var styleCSS string

// faceUse says in which typographic context a character appears.
type faceUse int

const (
	useRegular faceUse = iota // body text, captions, navigation
	useBold                   // headings, strong, table headers
)

// embeddedFont is one font file the EPUB carries: a subset of a face holding
// exactly the characters assigned to it.
type embeddedFont struct {
	file   string // file name inside fonts/
	family string // CSS font-family name
	weight string // CSS font-weight
	face   *fonts.Face
	runes  []rune                   // sorted, the characters this subset must map
	seqs   [][2]rune                // the variation sequences of its runes the text uses
	quotes bool                     // the full-width quote face (fonts.FullWidthQuotes), not a subset
	data   []byte                   // the subset, filled by subsetAll
	shapes map[rune]fonts.MarkShape // the marks reshaped to the punctuation style (punct.go)
	packed packedEntry
}

// basicLatin is always kept in the Regular and Bold subsets so that a reader
// who types a note or search term, and ASCII punctuation in titles, never
// falls back to a mismatched font.
var basicLatin = func() []rune {
	rs := make([]rune, 0, 95)
	for r := rune(0x20); r < 0x7F; r++ {
		rs = append(rs, r)
	}
	return rs
}()

// planFonts assigns every character the book shows to the first face that
// has it, per context: Regular (or Bold) first, then the fallbacks in order.
// Characters no face has are left out: the loader reports them with their
// position, and readers draw their own fallback.
func planFonts(uses [2]*runeSet, faces Faces) []*embeddedFont {
	primary := [2]*embeddedFont{
		{file: "regular.ttf", family: familyName, weight: "normal", face: faces.Regular},
		{file: "bold.ttf", family: familyName, weight: "bold", face: faces.Bold},
	}
	fallback := make([]*embeddedFont, len(faces.Fallbacks))
	for i, f := range faces.Fallbacks {
		fallback[i] = &embeddedFont{
			file:   fmt.Sprintf("fallback%d.ttf", i+1),
			family: fmt.Sprintf("cjkbook fallback %d", i+1),
			weight: "normal",
			face:   f,
		}
	}
	if faces.Bold == nil {
		// No bold face: bold text is set in the Regular subset (readers embolden it).
		primary[useBold] = primary[useRegular]
	}
	for u := range uses {
		p := primary[u]
		for _, r := range uses[u].runes() {
			if p.face.Covers(r) {
				p.runes = append(p.runes, r)
				continue
			}
			for _, fb := range fallback {
				if fb.face.Covers(r) {
					fb.runes = append(fb.runes, r)
					break
				}
			}
		}
	}
	for u := range uses {
		for _, q := range uses[u].sequences() {
			// The subset that maps the base keeps the sequence (if its font has it).
			for _, f := range append([]*embeddedFont{primary[u]}, fallback...) {
				if f.face.Covers(q[0]) {
					f.seqs = append(f.seqs, q)
					break
				}
			}
		}
	}
	var out []*embeddedFont
	for i, f := range append(primary[:], fallback...) {
		if i == int(useBold) && f == primary[useRegular] {
			continue
		}
		if len(f.runes) == 0 && i != int(useRegular) {
			continue
		}
		slices.Sort(f.runes)
		f.runes = slices.Compact(f.runes)
		out = append(out, f)
	}
	return out
}

// runeSet is a set of code points as a bitmap: adding the 880,000
// characters of a novel costs a few milliseconds, unlike a map.
type runeSet struct {
	bits []uint64
	n    int
	seqs map[[2]rune]bool // variation sequences that select a glyph (cjk.SelectsGlyph)
}

// addSequence records that base is followed by the variation selector vs.
func (s *runeSet) addSequence(base, vs rune) {
	if s.seqs == nil {
		s.seqs = map[[2]rune]bool{}
	}
	s.seqs[[2]rune{base, vs}] = true
}

// sequences returns the variation sequences recorded, sorted.
func (s *runeSet) sequences() [][2]rune {
	out := make([][2]rune, 0, len(s.seqs))
	for q := range s.seqs {
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b [2]rune) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return out
}

func newRuneSet() *runeSet { return &runeSet{bits: make([]uint64, (unicode.MaxRune+64)/64)} }

func (s *runeSet) add(r rune) {
	if r < 0 || r > unicode.MaxRune {
		r = utf8.RuneError
	}
	w, bit := r/64, uint64(1)<<(r%64)
	if s.bits[w]&bit == 0 {
		s.bits[w] |= bit
		s.n++
	}
}

func (s *runeSet) len() int { return s.n }

// runes returns the members in ascending order.
func (s *runeSet) runes() []rune {
	out := make([]rune, 0, s.n)
	for w, word := range s.bits {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			out = append(out, rune(w*64+b))
			word &^= 1 << b
		}
	}
	return out
}

// halfWidthMarks sorts the marks with a blank half (cjk.HasBlankHalf) by the side style
// puts it on, for the fonts' halt and vhal adjustments.
func halfWidthMarks(style cjk.PunctStyle) *fonts.HalfWidths {
	var start, end strings.Builder
	for _, r := range cjk.ChineseMarks + cjk.SharedMarks {
		if !cjk.HasBlankHalf(r) {
			continue
		}
		switch l, rt := style.BlankSide(cjk.ClassOf(r)); {
		case l:
			start.WriteRune(r)
		case rt:
			end.WriteRune(r)
		}
	}
	return &fonts.HalfWidths{Start: start.String(), End: end.String()}
}

// familyName is the CSS family of the embedded Regular and Bold subsets.
const familyName = "LXGW WenKai"

// quoteFace is the full-width quote face of a horizontal book, made from Regular: the
// stylesheet sets span.cq in it (inline.go).
func quoteFace(regular *fonts.Face) *embeddedFont {
	return &embeddedFont{file: "quotes.ttf", family: "cjkbook quotes", weight: "normal", face: regular, runes: []rune("‘’“”"), quotes: true}
}

// collectRunes lists the characters of the book per context, including the
// fixed strings the EPUB adds itself (navigation labels, ornaments).
func collectRunes(b *book.Book, labels []string) [2]*runeSet {
	uses := [2]*runeSet{newRuneSet(), newRuneSet()}
	add := func(u faceUse, s string) {
		m := uses[u]
		prev := rune(-1)
		for _, r := range s {
			if r < 0x20 || r >= 0x7F && r < 0xA0 || r == 0xFFFE || r == 0xFFFF {
				// Controls never show; escape turns the disallowed ones into U+FFFD.
				r = 0xFFFD
			}
			m.add(r)
			if cjk.SelectsGlyph(r) && prev >= 0 && cjk.NeedsGlyph(prev) {
				m.addSequence(prev, r)
			}
			prev = r
		}
	}
	for _, r := range basicLatin {
		uses[useRegular].add(r)
		uses[useBold].add(r)
	}
	// The everyday marks are always kept, for the same reason as basicLatin.
	add(useRegular, cjk.CommonMarks+b.Meta.Title+b.Meta.Subtitle+b.Meta.Author+cjk.SceneBreak+cjk.ContentsTitles+cjk.ScriptOf(b.Meta.Language).Generated().Note)
	add(useBold, cjk.ContentsTitles)
	for _, l := range labels {
		add(useRegular, l)
	}
	runs := func(rs []book.Run, u faceUse) {
		for _, r := range rs {
			if r.Style&book.Strong != 0 {
				add(useBold, r.Text)
			} else {
				add(u, r.Text)
			}
			for _, rd := range r.Ruby {
				add(useRegular, rd) // readings are set in the regular weight (rt)
			}
		}
	}
	block := func(bl book.Block) bool {
		switch bl := bl.(type) {
		case *book.Paragraph:
			runs(bl.Runs, useRegular)
		case *book.Heading:
			runs(bl.Runs, useBold)
			add(useRegular, book.Plain(bl.Runs)) // the TOC lists it in Regular
		case *book.CodeBlock:
			add(useRegular, bl.Text)
		case *book.Image:
			add(useRegular, bl.Alt)
		case *book.Table:
			for _, c := range bl.Header {
				runs(c.Runs, useBold)
			}
			for _, row := range bl.Rows {
				for _, c := range row {
					runs(c.Runs, useRegular)
				}
			}
		default: // quotes and lists hold blocks, which Walk visits; a break has no text
		}
		return true // Walk enters quotes and lists
	}
	for _, c := range b.Chapters {
		add(useBold, c.Title)
		add(useRegular, c.Title+c.Subtitle)
		for _, n := range c.Notes {
			add(useRegular, n.Label)
		}
		c.Walk(block) // the text and the notes' blocks
	}
	return uses
}

// cssRule matches one rule of style.css: comment-free selectors and a
// declaration block without nesting.
var cssRule = regexp.MustCompile(`(?s)([^{}]*?)(\s*\{[^{}]*\}\n*)`)

// cssClass finds the class names a selector needs.
var cssClass = regexp.MustCompile(`\.([a-z][a-z0-9-]*)`)

// pruneCSS drops the selectors that need a class no document of this book
// uses, and the rules left without selectors, so that readers and EPUBCheck
// see only rules that apply.
func pruneCSS(css string, used map[string]bool) string {
	return cssRule.ReplaceAllStringFunc(css, func(rule string) string {
		m := cssRule.FindStringSubmatch(rule)
		head, body := m[1], m[2]
		comment := ""
		if i := strings.LastIndex(head, "*/"); i >= 0 {
			comment, head = head[:i+2], head[i+2:]
		}
		var keep []string
		for _, sel := range strings.Split(head, ",") {
			ok := true
			for _, c := range cssClass.FindAllStringSubmatch(sel, -1) {
				ok = ok && used[c[1]]
			}
			if ok {
				keep = append(keep, strings.TrimSpace(sel))
			}
		}
		if len(keep) == 0 {
			return comment
		}
		lead := head[:len(head)-len(strings.TrimLeft(head, " \t\n"))]
		return comment + lead + strings.Join(keep, ", ") + body
	})
}

// usedClasses lists the classes the renderer will write for b.
func usedClasses(b *book.Book, plan *bookPlan) map[string]bool {
	used := map[string]bool{}
	plan.r.inline.classes(b, used)
	used["ruby"] = b.HasRuby()
	for _, c := range b.Chapters {
		if c.Kind == book.Part {
			used["part-title"] = true
		} else {
			used["chapter-title"] = true
		}
		if c.Subtitle != "" && !c.SubtitleGenerated {
			used["subtitle"] = true
		}
		if len(c.Notes) > 0 {
			used["footnotes"], used["note-label"] = true, true
		}
		c.Images(func(im *book.Image, inline bool) {
			_, ok := plan.r.images[im.Src]
			switch {
			case inline && ok:
				used["icon"] = true
			case ok:
				used["figure"] = true
				if w := widthClass(im); w != "" {
					used[w] = true
				}
			case !inline:
				used["image-missing"] = true
			}
		})
		c.Walk(func(bl book.Block) bool {
			switch bl := bl.(type) {
			case *book.Break:
				used["break"] = true
			case *book.Table:
				for _, a := range bl.Align {
					used["align-"+a] = true
				}
			default: // no class of their own
			}
			return true
		})
	}
	return used
}

// stylesheet returns book.css: the @font-face rules of the embedded subsets,
// then the fixed rules (those the book uses) with the fallback families
// spliced into font-family.
func stylesheet(fs []*embeddedFont, used map[string]bool) []byte {
	var buf bytes.Buffer
	var fallbacks strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&buf, "@font-face {\n  font-family: \"%s\";\n  font-weight: %s;\n  font-style: normal;\n  src: url(\"../fonts/%s\");\n}\n\n",
			f.family, f.weight, f.file)
		if f.family != familyName && !f.quotes {
			fmt.Fprintf(&fallbacks, "%q, ", f.family)
		}
	}
	buf.WriteString(strings.ReplaceAll(pruneCSS(styleCSS, used), "FALLBACKS ", fallbacks.String()))
	// The width hints of figures (widthClass), in a fixed order.
	for pc := 1; pc <= 100; pc++ {
		if used["w"+strconv.Itoa(pc)] {
			fmt.Fprintf(&buf, "\ndiv.figure img.w%d {\n  width: %d%%;\n}\n", pc, pc)
		}
	}
	if used["ruby"] {
		buf.WriteString(rubyCSS)
	}
	return buf.Bytes()
}
