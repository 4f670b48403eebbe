package cover

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"cjkbook/book/cjk"
)

// fakeAdvance is 1 for wide runes and 0.5 for ASCII, like a CJK font at 1 px.
func fakeAdvance(r rune) float64 {
	if r < 0x80 {
		return 0.5
	}
	return 1
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		width float64
		want  []string
	}{
		{"fits", "红楼梦", 8, []string{"红楼梦"}},
		{"empty", "  ", 8, nil},
		{"seed title balanced, book title kept whole", "北京抗疫纪录片《背水一战》观后感范文", 8,
			[]string{"北京抗疫纪录片", "《背水一战》", "观后感范文"}},
		{"break after the comma, not inside the number", "鲁迅回忆性散文集，一九二八年北京未名社初版", 14,
			[]string{"鲁迅回忆性散文集，", "一九二八年北京未名社初版"}},
		{"comma stays with its phrase", "一二三四五六七，八九十", 8, []string{"一二三四五六七，", "八九十"}},
		{"no comma at line start", "一二三四五六七，八", 7, []string{"一二三四五", "六七，八"}},
		{"no opening quote at line end", "一二三四五“六七”八九", 6, []string{"一二三四五", "“六七”八九"}},
		{"latin words stay whole", "The Rust Programming Language", 9, []string{"The Rust", "Programming", "Language"}},
		{"ellipsis stays together", "他说：……好吧", 5, []string{"他说：……", "好吧"}},
		{"too wide book title is split", "《一二三四五六七八九十》", 5, []string{"《一二三", "四五六七", "八九十》"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := wrap(tc.in, tc.width, fakeAdvance, 0)
			var got []string
			for _, l := range lines {
				got = append(got, l.text)
				if l.width > tc.width && utf8.RuneCountInString(l.text) > 1 && len(atoms(l.text)) > 1 {
					t.Errorf("line %q is %v wide, more than %v", l.text, l.width, tc.width)
				}
				first, _ := utf8.DecodeRuneInString(l.text)
				last, _ := utf8.DecodeLastRuneInString(l.text)
				if cjk.GB.NoStart(cjk.ClassOf(first)) || cjk.ClassOf(last).NoEnd() {
					t.Errorf("line %q breaks a kinsoku rule", l.text)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("wrap(%q, %v) = %q, want %q", tc.in, tc.width, got, tc.want)
			}
			if strings.Join(got, "") != strings.ReplaceAll(strings.Join(strings.Fields(tc.in), ""), " ", "") &&
				strings.Join(got, " ") != strings.Join(strings.Fields(tc.in), " ") {
				t.Errorf("text lost or changed: %q from %q", got, tc.in)
			}
		})
	}
}

func TestWrapTracking(t *testing.T) {
	// Tracking counts between runes of a line, not after the last one.
	lines := wrap("红楼梦", 100, fakeAdvance, 0.5)
	if len(lines) != 1 || lines[0].width != 4 {
		t.Errorf("got %+v, want one line 4 wide", lines)
	}
}

func TestWrapLongText(t *testing.T) {
	// A pathological title must neither hang nor lose the cut silently.
	lines := wrap(strings.Repeat("很长", 50000), 10, fakeAdvance, 0)
	n := 0
	for _, l := range lines {
		n += utf8.RuneCountInString(l.text)
	}
	if n != maxWrapRunes || !strings.HasSuffix(lines[len(lines)-1].text, "…") {
		t.Errorf("wrapped %d runes in %d lines, want %d ending in …", n, len(lines), maxWrapRunes)
	}
}

// TestClosingOf: the marks whose content the cover keeps on one line pair as package cjk
// pairs them; other opening brackets are broken like any text.
func TestClosingOf(t *testing.T) {
	for _, tc := range []struct {
		open, close rune
		ok          bool
	}{
		{'《', '》', true}, {'〈', '〉', true}, {'「', '」', true}, {'『', '』', true}, {'“', '”', true},
		{'（', 0, false}, {'【', 0, false}, {'‘', 0, false}, {'字', 0, false},
	} {
		if c, ok := closingOf(tc.open); c != tc.close || ok != tc.ok {
			t.Errorf("closingOf(%q) = %q, %v; want %q, %v", tc.open, c, ok, tc.close, tc.ok)
		}
	}
}
