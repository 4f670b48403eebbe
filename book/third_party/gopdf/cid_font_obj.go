package gopdf

import (
	"fmt"
	"io"
	"strconv"
)

// CIDFontObj is a CID-keyed font.
// cf. https://www.adobe.com/content/dam/acom/en/devnet/font/pdfs/5014.CIDFont_Spec.pdf
type CIDFontObj struct {
	PtrToSubsetFontObj        *SubsetFontObj
	indexObjSubfontDescriptor int
	indexObjCIDToGIDMap       int // fork: object index of the CIDToGIDMap stream
}

func (ci *CIDFontObj) init(funcGetRoot func() *GoPdf) {
}

// SetIndexObjSubfontDescriptor set  indexObjSubfontDescriptor
func (ci *CIDFontObj) SetIndexObjSubfontDescriptor(index int) {
	ci.indexObjSubfontDescriptor = index
}

func (ci *CIDFontObj) getType() string {
	return "CIDFont"
}

func (ci *CIDFontObj) write(w io.Writer, objID int) error {
	io.WriteString(w, "<<\n")
	fmt.Fprintf(w, "/BaseFont /%s\n", ci.PtrToSubsetFontObj.subsetName())
	io.WriteString(w, "/CIDSystemInfo\n")
	io.WriteString(w, "<<\n")
	io.WriteString(w, "  /Ordering (Identity)\n")
	io.WriteString(w, "  /Registry (Adobe)\n")
	io.WriteString(w, "  /Supplement 0\n")
	io.WriteString(w, ">>\n")
	fmt.Fprintf(w, "/FontDescriptor %d 0 R\n", ci.indexObjSubfontDescriptor+1) //TODO fix
	io.WriteString(w, "/Subtype /CIDFontType2\n")
	if ci.PtrToSubsetFontObj.remap != nil {
		fmt.Fprintf(w, "/CIDToGIDMap %d 0 R\n", ci.indexObjCIDToGIDMap+1)
	}
	io.WriteString(w, "/Type /Font\n")
	// fork: one entry per glyph, sorted, runs of consecutive glyphs grouped
	// (glyphs shared by several characters were listed once per character).
	entries := glyphRunes(ci.PtrToSubsetFontObj)
	b := make([]byte, 0, 16+len(entries)*10)
	b = append(b, "/W ["...)
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].cid == entries[j-1].cid+1 {
			j++
		}
		b = strconv.AppendUint(b, uint64(entries[i].cid), 10)
		b = append(b, '[')
		for k := i; k < j; k++ {
			if k > i {
				b = append(b, ' ')
			}
			b = strconv.AppendUint(b, uint64(ci.PtrToSubsetFontObj.GlyphIndexToPdfWidth(entries[k].glyph)), 10)
		}
		b = append(b, ']')
		i = j
	}
	b = append(b, "]\n"...)
	b = appendVerticalMetrics(b, ci.PtrToSubsetFontObj) // fork: vertical writing mode
	w.Write(b)
	io.WriteString(w, ">>\n")
	return nil
}

// SetPtrToSubsetFontObj set PtrToSubsetFontObj
func (ci *CIDFontObj) SetPtrToSubsetFontObj(ptr *SubsetFontObj) {
	ci.PtrToSubsetFontObj = ptr
}
