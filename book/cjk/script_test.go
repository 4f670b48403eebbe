package cjk

import (
	"testing"
	"unicode"
)

// TestIsHanScript: IsHanScript is Unicode's Han script on every code point, so the
// readers of pinyin and ruby bases agree with Scripts.txt, and it differs from IsHan where
// the two tests mean different things (kana; radicals, 々 and 〇).
func TestIsHanScript(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := IsHanScript(r), unicode.Is(unicode.Han, r); got != want {
			t.Fatalf("IsHanScript(U+%04X) = %v, want %v", r, got, want)
		}
	}
	for _, tc := range []struct {
		r           rune
		script, han bool
	}{
		{'中', true, true}, {'𪚥', true, true}, {'⺀', true, false}, {'々', true, false}, {'〇', true, false},
		{'か', false, true}, {'。', false, false}, {'A', false, false},
	} {
		if IsHanScript(tc.r) != tc.script || IsHan(tc.r) != tc.han {
			t.Errorf("%q: IsHanScript %v, IsHan %v; want %v, %v", tc.r, IsHanScript(tc.r), IsHan(tc.r), tc.script, tc.han)
		}
	}
}
