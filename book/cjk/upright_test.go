package cjk

import "testing"

func TestUprightDigits(t *testing.T) {
	for _, tc := range []struct {
		s    string
		i    int
		want int
	}{
		{"6月11日", 0, 1},
		{"6月11日", 2, 2},
		{"6月11日", 3, 0}, // inside a run
		{"第40頁", 1, 2},
		{"999", 0, 3},
		{"2024年", 0, 0}, // four digits turn with Latin text
		{"2024年", 1, 0},
		{"MP3", 2, 1},
		{"中", 0, 0},
		{"", 0, 0},
		{"12", -1, 0},
		{"12", 5, 0},
	} {
		if got := UprightDigits([]rune(tc.s), tc.i); got != tc.want {
			t.Errorf("UprightDigits(%q, %d) = %d, want %d", tc.s, tc.i, got, tc.want)
		}
	}
}
