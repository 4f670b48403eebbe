package fonts

import (
	"encoding/binary"
	"testing"
)

// cmap14Table builds a cmap table with one (0, 5) format 14 subtable: U+E0100 gives 葛
// glyph 7 (non-default), U+FE00 draws the default glyph of 一 to 丁 (U+4E00–4E01).
func cmap14Table() []byte {
	be := binary.BigEndian
	put24 := func(b []byte, v uint32) []byte { return append(b, byte(v>>16), byte(v>>8), byte(v)) }
	var sub []byte
	sub = be.AppendUint16(sub, 14)
	sub = be.AppendUint32(sub, 0) // length, set below
	sub = be.AppendUint32(sub, 2)
	// Records at 10, 21; default UVS at 32, non-default at 40.
	sub = put24(sub, 0xFE00)
	sub = be.AppendUint32(sub, 32)
	sub = be.AppendUint32(sub, 0)
	sub = put24(sub, 0xE0100)
	sub = be.AppendUint32(sub, 0)
	sub = be.AppendUint32(sub, 40)
	sub = be.AppendUint32(sub, 1)
	sub = put24(sub, 0x4E00)
	sub = append(sub, 1)
	sub = be.AppendUint32(sub, 1)
	sub = put24(sub, 0x845B)
	sub = be.AppendUint16(sub, 7)
	be.PutUint32(sub[2:], uint32(len(sub)))
	var t []byte
	t = be.AppendUint16(t, 0)
	t = be.AppendUint16(t, 1)
	t = be.AppendUint16(t, 0)
	t = be.AppendUint16(t, 5)
	t = be.AppendUint32(t, 12)
	return append(t, sub...)
}

func TestVariant(t *testing.T) {
	f := &Face{tables: map[string][]byte{"cmap": cmap14Table()}, bmp: make([]uint16, 0x10000)}
	f.bmp[0x4E00], f.bmp[0x4E01], f.bmp[0x845B] = 3, 4, 5
	for _, tc := range []struct {
		base, vs rune
		gid      uint16
		ok       bool
	}{
		{0x845B, 0xE0100, 7, true}, {0x845B, 0xE0101, 0, false}, {0x4E00, 0xFE00, 3, true},
		{0x4E01, 0xFE00, 4, true}, {0x4E02, 0xFE00, 0, false}, {0x4E00, 0xE0100, 0, false},
	} {
		if gid, ok := f.Variant(tc.base, tc.vs); gid != tc.gid || ok != tc.ok {
			t.Errorf("Variant(%U, %U) = %d, %v; want %d, %v", tc.base, tc.vs, gid, ok, tc.gid, tc.ok)
		}
	}
	if !f.HasVariants() {
		t.Error("HasVariants = false")
	}
	reg, _, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := reg.Variant(0x845B, 0xE0100); ok || reg.HasVariants() {
		t.Error("WenKai has no format 14 subtable, but Variant found 葛 U+E0100")
	}
}

// FuzzVariant: any cmap bytes give an answer, never a panic.
func FuzzVariant(f *testing.F) {
	f.Add(cmap14Table(), int32(0x845B), int32(0xE0100))
	f.Fuzz(func(t *testing.T, cmap []byte, base, vs int32) {
		face := &Face{tables: map[string][]byte{"cmap": cmap}, bmp: make([]uint16, 0x10000)}
		face.Variant(rune(base), rune(vs))
	})
}
