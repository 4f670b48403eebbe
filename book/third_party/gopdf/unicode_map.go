package gopdf

import (
	"cmp"
	"compress/zlib"
	"fmt"
	"io"
	"slices"
)

// UnicodeMap unicode map
type UnicodeMap struct {
	PtrToSubsetFontObj *SubsetFontObj
	getRoot            func() *GoPdf
	pdfProtection      *PDFProtection

	encoded []byte // fork: the finished stream, see encodeStream
	flate   bool
}

func (u *UnicodeMap) init(funcGetRoot func() *GoPdf) {
	u.getRoot = funcGetRoot
}

func (u *UnicodeMap) setProtection(p *PDFProtection) {
	u.pdfProtection = p
}

func (u *UnicodeMap) protection() *PDFProtection {
	return u.pdfProtection
}

// SetPtrToSubsetFontObj set pointer to SubsetFontObj
func (u *UnicodeMap) SetPtrToSubsetFontObj(ptr *SubsetFontObj) {
	u.PtrToSubsetFontObj = ptr
}

func (u *UnicodeMap) getType() string {
	return "Unicode"
}

// glyphRune is one entry of /W and ToUnicode.
type glyphRune struct {
	cid   uint // code in the content streams (see cid_remap.go)
	glyph uint // glyph index in the original font
	r     rune
}

// glyphRunes returns one entry per glyph of the subset, sorted by CID; when
// several characters share a glyph, the first one added wins.
func glyphRunes(s *SubsetFontObj) []glyphRune {
	m := s.CharacterToGlyphIndex
	out := make([]glyphRune, 0, len(m.Keys))
	for i, k := range m.Keys {
		g := m.Vals[i]
		out = append(out, glyphRune{uint(s.cidOf(g)), g, k})
	}
	// Stable: among characters sharing a glyph, the first added stays first.
	slices.SortStableFunc(out, func(a, b glyphRune) int { return cmp.Compare(a.cid, b.cid) })
	uniq := out[:0]
	for i, e := range out {
		if i > 0 && e.cid == out[i-1].cid {
			continue
		}
		uniq = append(uniq, e)
	}
	return uniq
}

// write writes the ToUnicode CMap.
//
// Fork: characters outside the BMP are written as UTF-16 surrogate pairs (they were
// written as "<20BB7>", which reads back as the wrong character); entries are
// bfchar blocks of at most 100 (the CMap limit; there was one block with every
// glyph); the codespace is the full two-byte range; the stream is compressed; the
// glyph of a variation sequence maps to its base and selector.
func (u *UnicodeMap) encodeStream(sc *streamCompressor) error {
	prefix :=
		"/CIDInit /ProcSet findresource begin\n" +
			"12 dict begin\n" +
			"begincmap\n" +
			"/CIDSystemInfo << /Registry (Adobe)/Ordering (UCS)/Supplement 0>> def\n" +
			"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
	suffix := "endcmap CMapName currentdict /CMap defineresource pop end end"

	entries := glyphRunes(u.PtrToSubsetFontObj)
	b := make([]byte, 0, len(prefix)+len(suffix)+64+len(entries)*16+len(entries)/100*32)
	b = append(b, prefix...)
	b = append(b, "1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n"...)
	for start := 0; start < len(entries); start += 100 {
		end := min(start+100, len(entries))
		b = fmt.Appendf(b, "%d beginbfchar\n", end-start)
		for _, e := range entries[start:end] {
			b = append(b, '<')
			b = appendHex16(b, uint16(e.cid))
			b = append(b, "><"...)
			if t, ok := u.PtrToSubsetFontObj.seqText[e.r]; ok {
				// fork: a variation sequence's glyph gives the base and the selector
				for _, r := range t {
					b = appendRuneUTF16Hex(b, r)
				}
			} else if r, ok := u.PtrToSubsetFontObj.verticalFormText(e.r); ok {
				b = appendRuneUTF16Hex(b, r) // fork: a vertical form's glyph gives its character
			} else {
				b = appendRuneUTF16Hex(b, e.r)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	b = append(b, suffix...)
	b = append(b, '\n')

	level := zlib.DefaultCompression
	if u.getRoot != nil {
		level = u.getRoot().compressLevel
	}
	u.encoded, u.flate = b, false
	if level != zlib.NoCompression {
		z, err := sc.compress(b, level)
		if err != nil {
			return err
		}
		u.encoded, u.flate = z, true
	}
	return nil
}

func (u *UnicodeMap) write(w io.Writer, objID int) error {
	if u.encoded == nil {
		if err := u.encodeStream(&streamCompressor{}); err != nil {
			return err
		}
	}
	data := u.encoded
	defer func() { u.encoded = nil }()
	filter := ""
	if u.flate {
		filter = "/Filter /FlateDecode\n"
	}
	if u.protection() != nil {
		tmp, err := rc4Cip(u.protection().objectkey(objID), data)
		if err != nil {
			return err
		}
		data = tmp
	}
	_, err := fmt.Fprintf(w, "<<\n%s/Length %d\n>>\nstream\n", filter, len(data))
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\nendstream\n")
	return err
}
