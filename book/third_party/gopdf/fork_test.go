package gopdf

// Tests of the cjkbook fork's helpers; the end-to-end checks (pdffonts, pdftotext,
// qpdf, mutool on real output) are in cjkbook's book/pdf tests.

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func TestAppendUTF16Hex(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"A", "0041"},
		{"作者", "4F5C8005"},
		{"𠮷", "D842DFB7"}, // U+20BB7: a surrogate pair, not "20BB7"
		{"a𠮷b", "0061D842DFB70062"},
		{"\U0010FFFF", "DBFFDFFF"},
	}
	for _, c := range cases {
		if got := string(appendUTF16Hex(nil, c.in)); got != c.want {
			t.Errorf("appendUTF16Hex(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestAppendCents(t *testing.T) {
	cases := []struct {
		in   int64
		want string
	}{{0, "0"}, {100, "1"}, {150, "1.5"}, {-7, "-0.07"}, {-1890, "-18.9"}, {52514, "525.14"}, {-25725, "-257.25"}}
	for _, c := range cases {
		if got := string(appendCents(nil, c.in)); got != c.want {
			t.Errorf("appendCents(%d) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestPdfTextStringAndNames(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"zh-CN", "(zh-CN)"},
		{"a(b)\\", `(a\(b\)\\)`},
		{"中文", "<FEFF4E2D6587>"},
	} {
		if got := pdfTextString(c.in); got != c.want {
			t.Errorf("pdfTextString(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"LXGWWenKai-Regular", "LXGWWenKai-Regular"},
		{"My Font/2", "My-Font-2"},
		{"", "Font"},
	} {
		if got := sanitizeName(c.in); got != c.want {
			t.Errorf("sanitizeName(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// composite builds a composite glyph with the given components (word args, no scale).
func composite(comps ...uint16) []byte {
	b := make([]byte, 10)
	binary.BigEndian.PutUint16(b, 0xFFFF) // numberOfContours -1
	for i, c := range comps {
		flags := uint16(cgArgsAreWords)
		if i < len(comps)-1 {
			flags |= cgMoreComps
		}
		if i == 1 {
			flags |= cgHaveTwoByTwo
		}
		b = binary.BigEndian.AppendUint16(b, flags)
		b = binary.BigEndian.AppendUint16(b, c)
		b = append(b, 0, 0, 0, 0) // args
		if i == 1 {
			b = append(b, make([]byte, 8)...)
		}
	}
	return b
}

func TestCompositeComponents(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want []int
		err  bool
	}{
		{"simple glyph", []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, nil, false},
		{"empty", nil, nil, false},
		{"one", composite(7), []int{7}, false},
		{"three with a 2x2 matrix", composite(7, 300, 9), []int{7, 300, 9}, false},
		{"truncated", composite(7, 8)[:16], nil, true},
	}
	for _, c := range cases {
		got, err := compositeComponents(c.data)
		if (err != nil) != c.err {
			t.Errorf("%s: error %v, want error %v", c.name, err, c.err)
			continue
		}
		if !c.err && !equalInts(got, c.want) {
			t.Errorf("%s: components %v, want %v", c.name, got, c.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSfntDirectory(t *testing.T) {
	f := sfnt(map[string][]byte{"head": bytes.Repeat([]byte{1}, 54), "glyf": {1, 2, 3}, "maxp": {0, 1, 0, 0, 0, 5}})
	if n := binary.BigEndian.Uint16(f[4:]); n != 3 {
		t.Fatalf("numTables %d", n)
	}
	if sr, es, rs := binary.BigEndian.Uint16(f[6:]), binary.BigEndian.Uint16(f[8:]), binary.BigEndian.Uint16(f[10:]); sr != 32 || es != 1 || rs != 16 {
		t.Errorf("searchRange %d entrySelector %d rangeShift %d, want 32 1 16", sr, es, rs)
	}
	prev := ""
	for i := 0; i < 3; i++ {
		rec := f[12+16*i:]
		tag := string(rec[:4])
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if tag <= prev || off%4 != 0 || int(off+ln) > len(f) {
			t.Errorf("table %q: order, alignment or bounds wrong (offset %d length %d)", tag, off, ln)
		}
		if sum := uint32(CheckSum(f[off : off+(ln+3)&^3])); sum != binary.BigEndian.Uint32(rec[4:]) {
			t.Errorf("table %q: checksum %x, directory says %x", tag, sum, binary.BigEndian.Uint32(rec[4:]))
		}
		prev = tag
	}
}

func TestMovesIn(t *testing.T) {
	moves := []TextMove{{At: 1, X: 1}, {At: 3, X: 2}}
	cases := []struct {
		name, text, drawn string
		want              []int
	}{
		{"no sequence", "葛城市民", "葛城市民", []int{1, 3}},
		// 葛 U+E0100 drawn as the sequence code U+10FFFD: the selector has no rune.
		{"sequence code", "葛\U000E0100城市", "\U0010FFFD城市", []int{1, 2}},
		// The base's own glyph: the selector is dropped.
		{"selector dropped", "葛\U000E0100城市", "葛城市", []int{1, 2}},
		// A selector the font maps itself is drawn as it is.
		{"own glyph", "葛\U000E0100城市", "葛\U000E0100城市", []int{1, 3}},
	}
	for _, c := range cases {
		got := movesIn(c.text, c.drawn, moves)
		for k, m := range got {
			if m.At != c.want[k] || m.X != moves[k].X {
				t.Errorf("%s: move %d at %d, want %d", c.name, k, m.At, c.want[k])
			}
		}
	}
}
