package cjk

import "testing"

func TestSpaces(t *testing.T) {
	cases := []struct {
		a, b            rune
		joins, unspaced bool
	}{
		{'字', '字', false, true},
		{'。', '字', false, true},
		{'字', 'a', false, false},
		{'a', 'b', true, false},
		{'”', 'a', false, false}, // a curly quote is Chinese text's too
		{'a', '“', false, false},
		{'　', '字', false, false}, // the ideographic space is a space itself
		{'한', '글', false, false}, // IsCJK counts hangul; a space between Korean words stays
		{'か', 'な', false, true},
	}
	for _, c := range cases {
		if got := JoinsWithSpace(c.a, c.b); got != c.joins {
			t.Errorf("JoinsWithSpace(%q, %q) = %v; want %v", c.a, c.b, got, c.joins)
		}
		if got := NoSpaceBetween(c.a, c.b); got != c.unspaced {
			t.Errorf("NoSpaceBetween(%q, %q) = %v; want %v", c.a, c.b, got, c.unspaced)
		}
	}
}
