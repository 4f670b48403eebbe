package cjk

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestBMPTables checks that the tables built at start-up give, for every BMP rune,
// what the functions they cache compute: PropsOf for every rune, the base class for
// every rune that the prohibition tables do not reclassify.
func TestBMPTables(t *testing.T) {
	listed := NoStartStops + NoStartClosing + NoStartOther + NoEndOpening + NoEndPrefix + Dashes + Ellipses + BreakSpaces
	for r := rune(0); r < 0x10000; r++ {
		if got, want := propTab[r], computeProps(r); got != want {
			t.Fatalf("propTab[%U] = %b, want %b", r, got, want)
		}
		if !strings.ContainsRune(listed, r) && classTab[r] != baseClass(r) {
			t.Fatalf("classTab[%U] = %d, want %d", r, classTab[r], baseClass(r))
		}
	}
}

// TestBMPUnchanged compares, rune by rune over the BMP, the class, the properties and
// the two CJK predicates with testdata/bmp.txt: the values the PDF layout (class and
// properties) and the loader (IsCJKOnly, IsCJK) computed before their rules moved here.
// Each line is "first last class props cjkOnly cjk" for a range of runes, in hex.
func TestBMPUnchanged(t *testing.T) {
	f, err := os.Open("testdata/bmp.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }() // read only
	next := rune(0)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var lo, hi rune
		var cls, props, only, cjk int
		if _, err := fmt.Sscanf(sc.Text(), "%x %x %d %d %d %d", &lo, &hi, &cls, &props, &only, &cjk); err != nil {
			t.Fatalf("testdata/bmp.txt: %q: %v", sc.Text(), err)
		}
		if lo != next {
			t.Fatalf("testdata/bmp.txt: range %04X follows %04X", lo, next-1)
		}
		for r := lo; r <= hi; r++ {
			got := [4]int{int(ClassOf(r)), int(PropsOf(r)), b2i(IsCJKOnly(r)), b2i(IsCJK(r))}
			if want := [4]int{cls, props, only, cjk}; got != want {
				t.Fatalf("%U %q: class, props, IsCJKOnly, IsCJK = %v, want %v", r, r, got, want)
			}
		}
		next = hi + 1
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if next != 0x10000 {
		t.Fatalf("testdata/bmp.txt ends at %04X, want FFFF", next-1)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestClassOf(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want Class
	}{
		{'a', Word}, {'7', Word}, {'%', NoStart}, {' ', Space}, {'\u3000', Space}, {'\u00a0', Word},
		{'中', Ideo}, {'あ', Ideo}, {'𠮷', Ideo}, {'Ａ', Ideo},
		{'“', Open}, {'（', Open}, {'《', Open}, {'「', Open},
		{'”', Close}, {'）', Close}, {'》', Close}, {'』', Close},
		{'，', Stop}, {'。', Stop}, {'、', Stop}, {'！', Stop}, {'?', Stop},
		{'·', NoStart}, {'／', NoStart}, {'～', NoStart}, {'℃', NoStart}, {'々', NoStart},
		{'¥', NoEnd}, {'#', NoEnd}, {'—', Dash}, {'⸺', Dash}, {'…', Ellipsis}, {'⋯', Ellipsis},
	} {
		if got := ClassOf(tc.r); got != tc.want {
			t.Errorf("ClassOf(%q) = %d, want %d", tc.r, got, tc.want)
		}
	}
}

func TestPunctStyle(t *testing.T) {
	for _, tc := range []struct {
		s              PunctStyle
		r              rune
		noStart, noEnd bool
	}{
		{GB, '—', true, false}, {Basic, '—', false, false},
		{GB, '…', true, false}, {Basic, '…', false, false},
		{GB, '/', true, true}, {Basic, '/', true, false},
		{GB, '，', true, false}, {Basic, '（', false, false},
		{GB, '中', false, false},
	} {
		if got := tc.s.NoStart(ClassOf(tc.r)); got != tc.noStart {
			t.Errorf("%d.NoStart(%q) = %v, want %v", tc.s, tc.r, got, tc.noStart)
		}
		if got := tc.s.SolidusNoEnd(tc.r); got != tc.noEnd {
			t.Errorf("%d.SolidusNoEnd(%q) = %v, want %v", tc.s, tc.r, got, tc.noEnd)
		}
	}
}

func TestIsWide(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{'中', true}, {'，', true}, {'…', true}, {'—', true}, {'℃', true}, {'⸺', true}, {'⋯', true},
		{'“', false}, {'’', false}, {'·', false}, {'a', false}, {'é', false}, {'𠮷', true}, {'😀', true},
	} {
		if got := IsWide(tc.r); got != tc.want {
			t.Errorf("IsWide(%q) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestNeedsGlyph(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{'中', true}, {'a', true}, {'＊', true},
		{' ', false}, {'\u3000', false}, {'\n', false}, {0x7f, false},
		{0x00AD, false}, {0x200B, false}, {0x200C, false}, {0x200D, false}, {0x2060, false},
		{0xFE00, false}, {0xFE0F, false}, {0xFEFF, false}, {0xE0100, false}, {0xE01EF, false}, {0xE0041, false},
		{0xFE10, true}, {0xE01F0 - 0x10000, true},
	} {
		if got := NeedsGlyph(tc.r); got != tc.want {
			t.Errorf("NeedsGlyph(%U) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestScriptOf(t *testing.T) {
	for lang, want := range map[string]string{
		"zh-CN": "目录", "zh": "目录", "zh-Hans": "目录", "": "目录", "zh-SG": "目录", "zh-Hans-TW": "目录", "en": "目录",
		"zh-Hant": "目錄", "zh-TW": "目錄", "zh-hk": "目錄", "zh-MO": "目錄", "zh-Hant-TW": "目錄", "yue": "目錄",
	} {
		if got := ScriptOf(lang).ContentsTitle(); got != want {
			t.Errorf("ScriptOf(%q).ContentsTitle() = %s, want %s", lang, got, want)
		}
		if !strings.Contains(ContentsTitles, want) {
			t.Errorf("ContentsTitles lacks %s", want)
		}
	}
}

func TestQuotesFor(t *testing.T) {
	if q := QuotesFor(false); q != (Quotes{'“', '”', '‘', '’'}) {
		t.Errorf("QuotesFor(false) = %q", q)
	}
	if q := QuotesFor(true); q != (Quotes{'「', '」', '『', '』'}) {
		t.Errorf("QuotesFor(true) = %q", q)
	}
}

func BenchmarkClassOf(b *testing.B) {
	s := []rune("人直觉上的“字符”可能与 Unicode 的定义不同，例如 3.14 与 100%。")
	n := 0
	for b.Loop() {
		for _, r := range s { //nolint:staticcheck // s is decoded once, so that the loop times the lookups alone
			n += int(ClassOf(r)) + int(PropsOf(r))
		}
	}
	_ = n
}
