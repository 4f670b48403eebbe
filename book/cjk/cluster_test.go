package cjk

import (
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func TestJoins(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want []int
	}{
		{"中文abc", nil},
		{"版权©\uFE0F所有", []int{3}},
		{"葛\U000E0100城", []int{1}},
		{"好👍🏽好", []int{2}},
		{"👨\u200D👩\u200D👧家", []int{1, 2, 3, 4}},
		{"🇨🇳🇯🇵", []int{1, 3}},
		{"e\u0301\u0303字", []int{1, 2}},
		{"\u1100\u1161\u11A8", []int{1, 2}},
		{"a\r\nb", []int{2}},
		{"か\u3099", []int{1}},
	} {
		var got []int
		Joins(tc.s, func(i int) { got = append(got, i) })
		if len(got) != len(tc.want) {
			t.Errorf("Joins(%+q) = %v, want %v", tc.s, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("Joins(%+q) = %v, want %v", tc.s, got, tc.want)
				break
			}
		}
	}
}

// TestMayJoin checks MayJoin's promise against the segmenter over the BMP: two runes
// it calls lone (each rune with itself and with a set of lone probes, in both orders)
// are never one cluster, so text of lone runes needs no segmentation.
func TestMayJoin(t *testing.T) {
	probes := []rune{'a', '中', '，', 'é', ' ', 'か', '—', 0xAC00, 0x20000}
	for r := rune(0); r < 0x10000; r++ {
		if MayJoin(r) || !utf8.ValidRune(r) {
			continue
		}
		for _, p := range probes {
			for _, s := range []string{string(p) + string(r), string(r) + string(p), string(r) + string(r)} {
				if uniseg.GraphemeClusterCount(s) != 2 {
					t.Fatalf("MayJoin(%U) = false, but %+q is one cluster", r, s)
				}
			}
		}
	}
}
