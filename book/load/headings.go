package load

import (
	"strings"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// headKind is the level of a detected heading.
type headKind int

const (
	headNone    headKind = iota
	headPart             // 第X卷, 第X部, 卷一: a volume above chapters
	headChapter          // 第X章/回/篇, 楔子, 序, 后记 …: a chapter
	headSection          // 第X节: a section inside a chapter
)

// headStyle names a heading pattern; a file's headings are resolved per style.
type headStyle int

const (
	styleNone     headStyle = iota
	styleNumbered           // 第X章 …
	styleNamed              // 楔子, 序言, 后记 …
	styleRepeat             // a line repeating the book title (the seed)
	styleOrdinal            // 篇一, 其一, 范文一
	styleBracket            // 【…】
	styleEnum               // 一、…
	styleParen              // （一）…
	numStyles
)

// heading is a candidate heading line.
type heading struct {
	line     int // index into lines
	style    headStyle
	kind     headKind
	chapter  book.ChapterKind
	title    string
	subtitle string
}

// chineseDigits are the characters of Chinese and Arabic numerals in headings.
const chineseDigits = "零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟0123456789０１２３４５６７８９"

// headingSeps may separate a heading's label from its title.
const headingSeps = " \t\u3000:：、.．·-—_"

// numeralPrefix returns the byte length of the numeral at the start of s (at most 8 runes).
func numeralPrefix(s string) int {
	n, i := 0, 0
	for i < len(s) && n < 8 {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(chineseDigits, r) {
			break
		}
		i += size
		n++
	}
	return i
}

// splitRest checks that rest is empty or starts with a separator, and returns the
// title after it with inner runs of whitespace collapsed.
func splitRest(rest string) (string, bool) {
	if rest == "" {
		return "", true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !strings.ContainsRune(headingSeps, r) {
		return "", false
	}
	t := trimSpace(strings.TrimLeft(rest, headingSeps))
	if t == "" {
		return "", true
	}
	if runeLenMax(t, 41) > 40 || strings.HasSuffix(t, "，") || strings.HasSuffix(t, "、") || strings.HasSuffix(t, ",") {
		return "", false
	}
	return collapseSpace(t), true
}

// collapseSpace turns each inner run of whitespace into one U+3000 between CJK
// text, or one ASCII space otherwise.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, isSpace) {
		return s
	}
	var sb strings.Builder
	pending := false
	var last rune
	for _, r := range s {
		if isSpace(r) {
			pending = true
			continue
		}
		if pending {
			if cjk.IsCJK(last) || cjk.IsCJK(r) {
				sb.WriteRune('\u3000')
			} else {
				sb.WriteByte(' ')
			}
			pending = false
		}
		sb.WriteRune(r)
		last = r
	}
	return sb.String()
}

// runeLenMax counts the runes of s, stopping at max.
func runeLenMax(s string, max int) int {
	n := 0
	for range s {
		n++
		if n >= max {
			return n
		}
	}
	return n
}

// namedHeading is a heading word and the kind of chapter it starts.
type namedHeading struct {
	word string
	kind book.ChapterKind
}

// namedHeadings are the headings that stand without a number, with their place.
var namedHeadings = []namedHeading{
	{"楔子", book.Body}, {"引子", book.Body}, {"序章", book.Body}, {"尾声", book.Body}, {"番外", book.Body},
	{"序言", book.Front}, {"自序", book.Front}, {"代序", book.Front}, {"前言", book.Front},
	{"引言", book.Front}, {"导言", book.Front}, {"序", book.Front},
	{"后记", book.Back}, {"跋", book.Back}, {"附录", book.Back},
}

// classify returns the heading a line would be, if any (before the file-wide
// resolution in resolveHeadings). Body lines that merely start like a heading
// (第四回中既将…) fail because the label must be followed by a separator or
// the end of the line.
func classify(text string) heading {
	if text == "" || runeLenMax(text, 51) > 50 {
		return heading{}
	}
	// 第X章 …
	if rest, ok := strings.CutPrefix(text, "第"); ok {
		if n := numeralPrefix(rest); n > 0 {
			unit, size := utf8.DecodeRuneInString(rest[n:])
			var kind headKind
			if strings.HasPrefix(rest[n:], "部分") {
				unit, size = '分', len("部分") // 第一部分: a chapter of an essay or report
			}
			switch unit {
			case '分':
				kind = headChapter
			case '章', '回', '篇', '集', '幕', '话', '折':
				kind = headChapter
			case '卷', '部':
				kind = headPart
			case '节':
				kind = headSection
			}
			if kind != headNone {
				if sub, ok := splitRest(rest[n+size:]); ok {
					return heading{style: styleNumbered, kind: kind, chapter: book.Body, title: text[:len("第")+n+size], subtitle: sub}
				}
			}
		}
	}
	// 楔子, 序言, 后记 …
	for _, nh := range namedHeadings {
		if rest, ok := strings.CutPrefix(text, nh.word); ok {
			if sub, ok := splitRest(rest); ok && !strings.Contains(sub, "。") {
				return heading{style: styleNamed, kind: headChapter, chapter: nh.kind, title: nh.word, subtitle: sub}
			}
		}
	}
	// 篇一, 其一, 范文一, 卷一
	for _, p := range []string{"篇", "其", "范文", "卷"} {
		if rest, ok := strings.CutPrefix(text, p); ok {
			if n := numeralPrefix(rest); n > 0 && strings.Trim(rest[:n], "0123456789０１２３４５６７８９") == rest[:n] {
				if sub, ok := splitRest(rest[n:]); ok {
					kind := headChapter
					if p == "卷" {
						kind = headPart
					}
					return heading{style: styleOrdinal, kind: kind, chapter: book.Body, title: text[:len(p)+n], subtitle: sub}
				}
			}
		}
	}
	short := runeLenMax(text, 26) <= 25 && !strings.ContainsAny(text, "。，；") && !endsSentence(text)
	// 【…】
	if strings.HasPrefix(text, "【") && strings.HasSuffix(text, "】") && short {
		inner := trimSpace(strings.TrimSuffix(strings.TrimPrefix(text, "【"), "】"))
		if inner != "" && !strings.ContainsAny(inner, "【】") {
			return heading{style: styleBracket, kind: headChapter, chapter: book.Body, title: inner}
		}
	}
	// 一、…
	if n := numeralPrefix(text); n > 0 && strings.HasPrefix(text[n:], "、") && short {
		return heading{style: styleEnum, kind: headSection, chapter: book.Body, title: text}
	}
	// （一）…
	if rest, ok := strings.CutPrefix(text, "（"); ok && short {
		if n := numeralPrefix(rest); n > 0 && strings.HasPrefix(rest[n:], "）") {
			return heading{style: styleParen, kind: headSection, chapter: book.Body, title: text}
		}
	}
	return heading{}
}

// endsSentence reports whether s ends with a pause or stop mark (a heading does not).
func endsSentence(s string) bool {
	r := runeBefore(s)
	return cjk.IsSentenceStop(r) || cjk.IsClauseStop(r) || r == '、'
}

// resolveHeadings decides which candidate styles are headings in this file.
// Strong styles (第X章/回, 楔子 …, a repeated title) make chapters, 第X卷/部
// above them make parts and 第X节 makes sections; the weak styles (篇一 …, 【…】,
// 一、, （一）) count only when no strong style is present and they occur at
// least twice, so a novel's poem labels or a numbered list never split chapters.
func resolveHeadings(cands []heading) []heading {
	var count [numStyles]int
	strong, parts := false, false
	for _, h := range cands {
		count[h.style]++
		if h.kind == headPart {
			parts = true
		} else if h.kind == headChapter && (h.style == styleNumbered || h.style == styleNamed || h.style == styleRepeat) {
			strong = true
		}
	}
	keep := func(h heading) (heading, bool) {
		switch {
		case strong:
			if h.style == styleNumbered || h.style == styleNamed || h.style == styleRepeat {
				return h, true
			}
			if h.style == styleOrdinal && h.kind == headPart {
				return h, true
			}
			return h, false
		case count[styleOrdinal] >= 2 || count[styleBracket] >= 2:
			if h.style == styleOrdinal || h.style == styleBracket && count[styleBracket] >= 2 {
				return h, true
			}
			return h, h.style == styleNumbered
		case parts:
			if h.kind == headPart {
				h.kind = headChapter
				return h, true
			}
			return h, h.style == styleNumbered
		default:
			// Only section-like headings: the commonest such style makes chapters.
			if h.style == styleNumbered || count[h.style] >= 2 && (h.style == styleEnum || h.style == styleParen) {
				h.kind = headChapter
				return h, true
			}
		}
		return h, false
	}
	var out []heading
	for _, h := range cands {
		if h2, ok := keep(h); ok {
			out = append(out, h2)
		}
	}
	return out
}
