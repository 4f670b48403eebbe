package cjk

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestScriptGuessTables(t *testing.T) {
	if a, b := utf8.RuneCountInString(simplifiedOnly), utf8.RuneCountInString(traditionalOnly); a != b {
		t.Fatalf("the tables are not pairwise: %d simplified, %d traditional characters", a, b)
	}
	for _, r := range simplifiedOnly + traditionalOnly {
		if r < 0x4E00 || r > 0x9FFF {
			t.Errorf("%c (U+%04X) is outside U+4E00–U+9FFF, which the bit sets cover", r, r)
		}
		if strings.ContainsRune(simplifiedOnly, r) && strings.ContainsRune(traditionalOnly, r) {
			t.Errorf("%c is in both tables", r)
		}
	}
}

func TestScriptGuess(t *testing.T) {
	cases := []struct {
		name string
		text string
		want Script
		n    [2]int // simplified, traditional counted
	}{
		{"empty", "", Simplified, [2]int{0, 0}},
		{"simplified", "这是我们的国家。", Simplified, [2]int{3, 0}},
		{"traditional", strings.Repeat("這是我們的國家。", 7), Traditional, [2]int{0, 21}},
		{"too few traditional", strings.Repeat("這是我們的國家。", 6), Simplified, [2]int{0, 18}},
		{"no clear majority", strings.Repeat("這是我們的國家。", 10) + strings.Repeat("这国", 8), Simplified, [2]int{16, 30}},
		{"Latin and marks", "Hello, world！①", Simplified, [2]int{0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var g ScriptGuess
			g.Add(c.text)
			if got := [2]int{g.Simplified, g.Traditional}; got != c.n {
				t.Errorf("counted %v; want %v", got, c.n)
			}
			if got := g.Script(); got != c.want {
				t.Errorf("Script() = %v; want %v", got, c.want)
			}
		})
	}
	var g ScriptGuess
	for !g.Enough() {
		g.Add("這個")
	}
	if g.Traditional != guessEnough {
		t.Errorf("Enough after %d characters; want %d", g.Traditional, guessEnough)
	}
}
