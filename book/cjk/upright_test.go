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
		{"MP3", 2, 0},  // a word with a digit turns whole
		{"3D打印", 0, 0}, // likewise
		{"3.14", 0, 0}, // a decimal turns whole
		{"3.14", 2, 0},
		{"1,000元", 0, 0}, // so does a number with a thousands comma
		{"1,000元", 2, 0},
		{"约3.5", 1, 0},
		{"第3。", 1, 1},   // a full stop after it is not a decimal point
		{"1、2、3", 0, 1}, // nor an enumeration comma
		{"共3,", 1, 1},   // a comma with no digit after it
		{"12:30", 0, 2}, // times keep their groups
		{"A 12", 2, 2},  // a word and a space before it
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
