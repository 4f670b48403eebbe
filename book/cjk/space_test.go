package cjk

import "testing"

func TestSpaces(t *testing.T) {
	cases := []struct {
		a, b            rune
		joins, unspaced bool
		segment         bool // SegmentBreakIsSpace
	}{
		{'字', '字', false, true, false},
		{'。', '字', false, true, false},
		{'字', 'a', false, false, false},
		{'a', 'b', true, false, true},
		{'”', 'a', false, false, true}, // a curly quote is Chinese text's too
		{'a', '“', false, false, true},
		{'　', '字', false, false, false}, // the ideographic space is a space itself
		{'한', '글', false, false, false}, // IsCJK counts hangul; a space between Korean words stays
		{'か', 'な', false, true, false},
	}
	for _, c := range cases {
		if got := JoinsWithSpace(c.a, c.b); got != c.joins {
			t.Errorf("JoinsWithSpace(%q, %q) = %v; want %v", c.a, c.b, got, c.joins)
		}
		if got := SegmentBreakIsSpace(c.a, c.b); got != c.segment {
			t.Errorf("SegmentBreakIsSpace(%q, %q) = %v; want %v", c.a, c.b, got, c.segment)
		}
		if got := NoSpaceBetween(c.a, c.b); got != c.unspaced {
			t.Errorf("NoSpaceBetween(%q, %q) = %v; want %v", c.a, c.b, got, c.unspaced)
		}
	}
}
