package fonts

import (
	"errors"
	"testing"
)

func TestDefault(t *testing.T) {
	reg, bold, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*Face{reg, bold} {
		if f.UnitsPerEm != 1000 {
			t.Errorf("%s: upem %d", f.Name, f.UnitsPerEm)
		}
		for _, tc := range []struct {
			r    rune
			want float64
		}{{'中', 1}, {'，', 1}, {'…', 1}, {'“', 0.35}, {'𠮷', 1}} {
			if got := f.Advance(tc.r); got != tc.want {
				t.Errorf("%s: Advance(%q) = %v, want %v", f.Name, tc.r, got, tc.want)
			}
		}
		if f.Covers(0x2A6A5) {
			t.Errorf("%s claims to cover U+2A6A5", f.Name)
		}
		if f.Ascent() <= 0 || f.Descent() >= 0 {
			t.Errorf("%s: ascent %v descent %v", f.Name, f.Ascent(), f.Descent())
		}
	}
	if reg.PostScript != "LXGWWenKai-Regular" {
		t.Errorf("PostScript name %q", reg.PostScript)
	}
}

func TestParseRejects(t *testing.T) {
	for name, data := range map[string][]byte{
		"x.otf":   append([]byte("OTTO"), make([]byte, 40)...),
		"x.ttc":   append([]byte("ttcf"), make([]byte, 40)...),
		"x.woff":  append([]byte("wOFF"), make([]byte, 40)...),
		"bad.ttf": []byte("hello world, not a font at all"),
		"short":   []byte("ab"),
		"trunc":   append([]byte{0, 1, 0, 0, 0, 9}, make([]byte, 10)...),
	} {
		_, err := Parse(name, data)
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: err = %v, want ErrUnsupported", name, err)
		}
	}
}
