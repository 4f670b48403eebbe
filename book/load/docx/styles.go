package docx

import (
	"strconv"
	"strings"

	"cjkbook/book/cjk"
)

// paraStyle is what the reader needs of a paragraph style.
type paraStyle struct {
	level    int  // heading outline level 1–9; 0 for body text
	title    bool // the Title style
	subtitle bool
	author   bool   // an author line (pandoc's Author style)
	toc      bool   // a table-of-contents entry or heading style
	numID    string // numbering the style applies ("" or "0": none)
	ilvl     int
	ilvlSet  bool   // the style names its level; else the list's w:lvl naming numStyle does
	numStyle string // the style whose properties hold the numbering
}

// runStyle is the character formatting the reader keeps; each field is set
// (explicitly on or off) or not.
type runStyle struct {
	bold, italic, dots, sup, sub, hidden tri
}

// tri is a toggle that may be unset.
type tri int8

const (
	unset tri = iota
	off
	on
)

func (t tri) is() bool { return t == on }

// over returns t with the set fields of o applied.
func (t runStyle) over(o runStyle) runStyle {
	pick := func(a, b tri) tri {
		if b != unset {
			return b
		}
		return a
	}
	return runStyle{pick(t.bold, o.bold), pick(t.italic, o.italic), pick(t.dots, o.dots),
		pick(t.sup, o.sup), pick(t.sub, o.sub), pick(t.hidden, o.hidden)}
}

// readRunStyle reads a w:rPr element.
func readRunStyle(rpr *node) runStyle {
	var s runStyle
	if rpr == nil {
		return s
	}
	toggle := func(names ...string) tri {
		for _, n := range names {
			if set, v := rpr.on(n); set {
				if v {
					return on
				}
				return off
			}
		}
		return unset
	}
	s.bold = toggle("w:b")
	s.italic = toggle("w:i")
	s.hidden = toggle("w:vanish")
	if em := rpr.child("w:em"); em != nil {
		s.dots = on
		if v := em.attr("w:val"); v == "none" {
			s.dots = off
		}
	}
	switch rpr.val("w:vertAlign") {
	case "superscript":
		s.sup, s.sub = on, off
	case "subscript":
		s.sub, s.sup = on, off
	case "baseline":
		s.sup, s.sub = off, off
	}
	return s
}

// styles resolves the styles of styles.xml through their basedOn chains.
type styles struct {
	byID  map[string]*node
	paras map[string]*paraStyle
	runs  map[string]*runStyle
	def   string // the default paragraph style's id
}

func newStyles(root *node) *styles {
	s := &styles{byID: map[string]*node{}, paras: map[string]*paraStyle{}, runs: map[string]*runStyle{}}
	if root == nil {
		return s
	}
	for _, k := range root.kids {
		if k.name != "w:style" {
			continue
		}
		id := k.attr("w:styleId")
		s.byID[id] = k
		if k.attr("w:type") == "paragraph" && isTrue(k.attr("w:default")) {
			s.def = id
		}
	}
	return s
}

func isTrue(v string) bool { return v == "1" || v == "true" || v == "on" }

// maxChain bounds a basedOn chain (Word allows no cycles; a crafted file might).
const maxChain = 16

// para returns the paragraph style id (the default style for "").
func (s *styles) para(id string) *paraStyle {
	if id == "" {
		id = s.def
	}
	if p, ok := s.paras[id]; ok {
		return p
	}
	p := &paraStyle{}
	s.paras[id] = p // a cycle ends here
	n := s.byID[id]
	if n == nil {
		*p = headingByName(id)
		return p
	}
	*p = headingByName(n.val("w:name"))
	ppr := n.child("w:pPr")
	if np := ppr.child("w:numPr"); np != nil {
		p.numID, p.numStyle = np.val("w:numId"), id
		p.ilvl, p.ilvlSet = 0, np.child("w:ilvl") != nil
		if p.ilvlSet {
			p.ilvl, _ = strconv.Atoi(np.val("w:ilvl"))
		}
	}
	if p.level == 0 && !p.title && !p.subtitle && !p.toc && !p.author {
		if lvl, ok := outline(ppr); ok {
			p.level = lvl
		} else if base := n.val("w:basedOn"); base != "" && base != id && s.depth(id) < maxChain {
			bp := s.para(base)
			p.level, p.title, p.subtitle, p.toc = bp.level, bp.title, bp.subtitle, bp.toc
			if p.numID == "" {
				p.numID, p.ilvl, p.ilvlSet, p.numStyle = bp.numID, bp.ilvl, bp.ilvlSet, bp.numStyle
			}
		}
	}
	return p
}

// depth returns the length of the basedOn chain above id, up to maxChain.
func (s *styles) depth(id string) int {
	seen := map[string]bool{}
	n := 0
	for id != "" && !seen[id] && n < maxChain {
		seen[id] = true
		id = s.byID[id].val("w:basedOn")
		n++
	}
	return n
}

// outline reads a w:outlineLvl of a w:pPr: level 1–9, or ok false when absent.
// Level 9 (w:val 9) is body text.
func outline(ppr *node) (int, bool) {
	k := ppr.child("w:outlineLvl")
	if k == nil {
		return 0, false
	}
	v, err := strconv.Atoi(k.attr("w:val"))
	if err != nil || v < 0 || v > 8 {
		return 0, true
	}
	return v + 1, true
}

// run returns the character formatting of character style id and its bases.
func (s *styles) run(id string) runStyle {
	if rs, ok := s.runs[id]; ok {
		return *rs
	}
	rs := &runStyle{}
	s.runs[id] = rs
	n := s.byID[id]
	if n == nil {
		return *rs
	}
	own := readRunStyle(n.child("w:rPr"))
	if base := n.val("w:basedOn"); base != "" && base != id && s.depth(id) < maxChain {
		*rs = s.run(base).over(own)
	} else {
		*rs = own
	}
	return *rs
}

// headingPrefixes are the style names of headings, Word's built-in ones and
// their localized forms, without spaces and lower-cased, followed by a digit.
var headingPrefixes = []string{"heading", "标题", "標題", "見出し", "überschrift", "titre", "título", "titolo", "заголовок"}

// headingByName recognizes a style by its name: Heading 1–9 (and localized
// names such as 标题 1), Title (标题), Subtitle (副标题), TOC 1–9 and TOC Heading.
func headingByName(name string) paraStyle {
	n := strings.ToLower(strings.Join(strings.Fields(name), ""))
	switch n {
	case "title", "标题", "標題":
		return paraStyle{title: true}
	case "subtitle", "副标题", "副標題":
		return paraStyle{subtitle: true}
	case "author", "作者":
		return paraStyle{author: true}
	case "tocheading", "目录标题", "目錄標題", "toc标题", "contentsheading":
		return paraStyle{toc: true}
	}
	for _, p := range []string{"toc", "目录", "目錄", "contents"} {
		if rest, ok := strings.CutPrefix(n, p); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return paraStyle{toc: true}
		}
	}
	for _, p := range headingPrefixes {
		if rest, ok := strings.CutPrefix(n, p); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return paraStyle{level: int(rest[0] - '0')}
		}
	}
	return paraStyle{}
}

// numbering resolves list formats of numbering.xml.
type numbering struct {
	abstract map[string]map[int]*node // abstractNumId → ilvl → w:lvl
	nums     map[string]*node         // numId → w:num
}

func newNumbering(root *node) *numbering {
	nb := &numbering{abstract: map[string]map[int]*node{}, nums: map[string]*node{}}
	if root == nil {
		return nb
	}
	for _, k := range root.kids {
		switch k.name {
		case "w:abstractNum":
			lvls := map[int]*node{}
			for _, l := range k.kids {
				if l.name == "w:lvl" {
					i, _ := strconv.Atoi(l.attr("w:ilvl"))
					lvls[i] = l
				}
			}
			nb.abstract[k.attr("w:abstractNumId")] = lvls
		case "w:num":
			nb.nums[k.attr("w:numId")] = k
		}
	}
	return nb
}

// level returns whether list numId is numbered (not bulleted) at ilvl and its
// first number; ok is false when numId names no list.
func (nb *numbering) level(numID string, ilvl int) (ordered bool, start int, ok bool) {
	num := nb.nums[numID]
	if num == nil {
		return false, 0, false
	}
	start = 1
	lvl := nb.abstract[num.val("w:abstractNumId")][ilvl]
	for _, o := range num.kids {
		if o.name == "w:lvlOverride" && o.attr("w:ilvl") == strconv.Itoa(ilvl) {
			if l := o.child("w:lvl"); l != nil {
				lvl = l
			}
			if so := o.child("w:startOverride"); so != nil {
				if v, err := strconv.Atoi(so.attr("w:val")); err == nil {
					defer func() { start = v }()
				}
			}
		}
	}
	if lvl == nil {
		return false, 1, true
	}
	if v, err := strconv.Atoi(lvl.val("w:start")); err == nil {
		start = v
	}
	f := lvl.val("w:numFmt")
	return f != "bullet" && f != "none", start, true
}

// styleLevel returns the level of list numID whose w:pStyle is style (how a
// multilevel list numbers Heading 1, Heading 2 …), or 0.
func (nb *numbering) styleLevel(numID, style string) int {
	if num := nb.nums[numID]; num != nil {
		for i, l := range nb.abstract[num.val("w:abstractNumId")] {
			if l.val("w:pStyle") == style {
				return i
			}
		}
	}
	return 0
}

// lvl returns the w:lvl of list numID at ilvl, overrides applied, or nil.
func (nb *numbering) lvl(numID string, ilvl int) *node {
	num := nb.nums[numID]
	if num == nil {
		return nil
	}
	for _, o := range num.kids {
		if o.name == "w:lvlOverride" && o.attr("w:ilvl") == strconv.Itoa(ilvl) {
			if l := o.child("w:lvl"); l != nil {
				return l
			}
		}
	}
	return nb.abstract[num.val("w:abstractNumId")][ilvl]
}

// label writes the number Word shows before a numbered paragraph: the level's
// w:lvlText with %1 … %9 replaced by the counters of those levels (counts,
// one per level, the paragraph's own included), each in its level's format,
// and the separator its w:suff asks for.
func (nb *numbering) label(numID string, ilvl int, counts *[9]int) string {
	l := nb.lvl(numID, ilvl)
	if l == nil {
		return ""
	}
	text := l.val("w:lvlText")
	var sb strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			_, start, _ := nb.level(numID, k)
			f := nb.lvl(numID, k).val("w:numFmt")
			if set, v := l.on("w:isLgl"); set && v {
				f = "decimal" // legal numbering: every level in Arabic digits
			}
			sb.WriteString(formatNumber(start+max(counts[k]-1, 0), f))
			i++
			continue
		}
		sb.WriteByte(text[i])
	}
	if sb.Len() == 0 {
		return ""
	}
	switch l.val("w:suff") {
	case "nothing":
	case "space":
		sb.WriteByte(' ')
	default: // a tab
		sb.WriteString("\u3000")
	}
	return sb.String()
}

// formatNumber writes n in a Word number format (w:numFmt); formats not
// listed here (Roman numerals, rare scripts) fall back to Arabic digits.
func formatNumber(n int, format string) string {
	switch format {
	case "none", "bullet":
		return ""
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified", "ideographLegalTraditional", "taiwaneseCounting", "taiwaneseCountingThousand":
		return cjk.Numeral(n)
	case "ideographTraditional":
		return cycle(n, "甲乙丙丁戊己庚辛壬癸")
	case "ideographZodiac":
		return cycle(n, "子丑寅卯辰巳午未申酉戌亥")
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune(0x2460 + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "decimalZero":
		if n < 10 && n >= 0 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// cycle returns the n-th (1-based, repeating) character of set.
func cycle(n int, set string) string {
	rs := []rune(set)
	if n < 1 {
		return strconv.Itoa(n)
	}
	return string(rs[(n-1)%len(rs)])
}
