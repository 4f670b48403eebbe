package cjk

import "unicode"

// Segment is a stretch of emphasized text that is marked one way: Chinese emphasis
// dots (着重号) on CJK text, italics on Latin text.
type Segment struct {
	Text  string
	Latin bool
}

// EmphasisSegments splits emphasized text into CJK and Latin stretches, so that both
// books mark mixed text as clreq §3.2.3 prescribes: dots on CJK characters, italics on
// Latin words. A letter or digit that is not CJK starts a Latin stretch, a CJK
// character (IsCJKOnly: ideographs, kana, hangul, full-width forms) a CJK one, and
// spaces and punctuation stay with the stretch before them. Text that is all CJK, or
// has no letter at all, is one CJK segment; the segments tile s.
func EmphasisSegments(s string) []Segment {
	var out []Segment
	start, cur, known := 0, false, false
	for i, r := range s {
		var latin bool
		switch {
		case IsCJKOnly(r):
			latin = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			latin = true
		default:
			continue
		}
		if !known {
			cur, known = latin, true
			continue
		}
		if latin != cur {
			out = append(out, Segment{Text: s[start:i], Latin: cur})
			start, cur = i, latin
		}
	}
	return append(out, Segment{Text: s[start:], Latin: cur && known})
}
