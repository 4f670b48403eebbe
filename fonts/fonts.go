// Package fonts embeds the default CJK font (LXGW WenKai, SIL OFL 1.1) and reads the
// metrics the layout needs from any TrueType font: advances, coverage, vertical extents.
package fonts

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
)

//go:embed LXGWWenKai-Regular.ttf
var wenkaiRegular []byte

//go:embed LXGWWenKai-Bold.ttf
var wenkaiBold []byte

// License is the SIL Open Font License text of the embedded font (OFL.txt), which
// must travel with it.
//
//go:embed OFL.txt
var License string

// DefaultFamily is the family name of the embedded font.
const DefaultFamily = "LXGW WenKai"

var (
	defOnce             sync.Once
	defRegular, defBold *Face
	defErr              error
)

// Default returns the embedded LXGW WenKai Regular and Bold faces, parsed once per process.
func Default() (regular, bold *Face, err error) {
	defOnce.Do(func() {
		defRegular, defErr = Parse("LXGWWenKai-Regular.ttf", wenkaiRegular)
		if defErr == nil {
			defBold, defErr = Parse("LXGWWenKai-Bold.ttf", wenkaiBold)
		}
	})
	return defRegular, defBold, defErr
}

// Face is a parsed TrueType font: its bytes plus the tables the layout and subsetters need.
type Face struct {
	Name       string // file name, for messages
	PostScript string // PostScript name from the name table (ID 6), or Name
	Data       []byte // the whole font file

	UnitsPerEm int
	ascent     int16
	descent    int16
	numGlyphs  int

	bmp      []uint16        // glyph id per BMP code point (0 = missing)
	astral   map[rune]uint16 // glyph id for code points above U+FFFF
	advance  []uint16        // advance width per glyph, font units
	tables   map[string][]byte
	vertForm map[uint16]uint16 // the GSUB vert (or vrt2) substitute of each glyph that has one
}

// ErrUnsupported reports a font format gopdf cannot embed.
var ErrUnsupported = errors.New("fonts: unsupported font format")

// Parse reads a TrueType (glyf-outline) font; CFF .otf and .ttc collections get a clear error.
func Parse(name string, data []byte) (*Face, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("font %s: file too short to be a font (%d bytes): %w", name, len(data), ErrUnsupported)
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, fmt.Errorf("font %s: has CFF (PostScript) outlines; only TrueType .ttf fonts with glyf outlines are supported (convert it, e.g. with otf2ttf, or pick a .ttf): %w", name, ErrUnsupported)
	case "ttcf":
		return nil, fmt.Errorf("font %s: is a font collection (.ttc); only single TrueType .ttf fonts are supported (extract one font from the collection first): %w", name, ErrUnsupported)
	case "wOFF", "wOF2":
		return nil, fmt.Errorf("font %s: is a WOFF web font; only TrueType .ttf fonts are supported: %w", name, ErrUnsupported)
	default:
		return nil, fmt.Errorf("font %s: not a TrueType font (unknown signature %q); only TrueType .ttf fonts are supported: %w", name, data[:4], ErrUnsupported)
	}
	f := &Face{Name: name, PostScript: name, Data: data, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, fmt.Errorf("font %s: corrupt TrueType font (truncated table directory); give a valid .ttf file: %w", name, ErrUnsupported)
	}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(data) || off+ln < off {
			return nil, fmt.Errorf("font %s: corrupt TrueType font (table %q lies outside the file); give a valid .ttf file: %w", name, tag, ErrUnsupported)
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"} {
		if _, ok := f.tables[t]; !ok {
			return nil, fmt.Errorf("font %s: missing required table %q (corrupt, or not a TrueType outline font; give a valid .ttf file): %w", name, t, ErrUnsupported)
		}
	}
	if err := f.parseMetrics(); err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	if err := f.parseCmap(); err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	f.parseName()
	f.readVerticalForms()
	return f, nil
}

var errCorrupt = errors.New("corrupt font tables")

func (f *Face) parseMetrics() error {
	head, hhea, maxp, hmtx := f.tables["head"], f.tables["hhea"], f.tables["maxp"], f.tables["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return errCorrupt
	}
	f.UnitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.UnitsPerEm < 16 || f.UnitsPerEm > 16384 {
		return fmt.Errorf("unitsPerEm %d out of range: %w", f.UnitsPerEm, errCorrupt)
	}
	f.ascent = int16(binary.BigEndian.Uint16(hhea[4:]))
	f.descent = int16(binary.BigEndian.Uint16(hhea[6:]))
	if os2 := f.tables["OS/2"]; len(os2) >= 72 {
		f.ascent = int16(binary.BigEndian.Uint16(os2[68:]))
		f.descent = int16(binary.BigEndian.Uint16(os2[70:]))
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if nh == 0 || nh > f.numGlyphs || len(hmtx) < 4*nh {
		return fmt.Errorf("hmtx: %w", errCorrupt)
	}
	f.advance = make([]uint16, f.numGlyphs)
	for g := 0; g < f.numGlyphs; g++ {
		if g < nh {
			f.advance[g] = binary.BigEndian.Uint16(hmtx[4*g:])
		} else {
			f.advance[g] = f.advance[nh-1]
		}
	}
	return nil
}

func (f *Face) parseCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return fmt.Errorf("cmap: %w", errCorrupt)
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var fmt4, fmt12 []byte
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			if (pid == 3 && eid == 1) || pid == 0 {
				fmt4 = sub
			}
		case 12:
			if (pid == 3 && eid == 10) || pid == 0 {
				fmt12 = sub
			}
		}
	}
	f.bmp = make([]uint16, 0x10000)
	f.astral = map[rune]uint16{}
	switch {
	case fmt12 != nil:
		if len(fmt12) < 16 {
			return fmt.Errorf("cmap format 12: %w", errCorrupt)
		}
		ng := int(binary.BigEndian.Uint32(fmt12[12:]))
		if 16+12*ng > len(fmt12) || ng < 0 {
			return fmt.Errorf("cmap format 12: %w", errCorrupt)
		}
		for i := 0; i < ng; i++ {
			g := fmt12[16+12*i:]
			start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
			if end > 0x10FFFF || start > end {
				continue
			}
			for c := start; c <= end; c++ {
				id := gid + (c - start)
				if id == 0 || int(id) >= f.numGlyphs {
					continue
				}
				if c < 0x10000 {
					f.bmp[c] = uint16(id)
				} else {
					f.astral[rune(c)] = uint16(id)
				}
			}
		}
	case fmt4 != nil:
		if len(fmt4) < 14 {
			return fmt.Errorf("cmap format 4: %w", errCorrupt)
		}
		segX2 := int(binary.BigEndian.Uint16(fmt4[6:]))
		seg := segX2 / 2
		if 16+4*segX2 > len(fmt4) {
			return fmt.Errorf("cmap format 4: %w", errCorrupt)
		}
		ends, starts := fmt4[14:], fmt4[16+segX2:]
		deltas, ranges := fmt4[16+2*segX2:], fmt4[16+3*segX2:]
		for i := 0; i < seg; i++ {
			end := int(binary.BigEndian.Uint16(ends[2*i:]))
			start := int(binary.BigEndian.Uint16(starts[2*i:]))
			delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
			ro := int(binary.BigEndian.Uint16(ranges[2*i:]))
			for c := start; c <= end && c < 0xFFFF; c++ {
				var id int
				if ro == 0 {
					id = (c + delta) & 0xFFFF
				} else {
					p := 16 + 3*segX2 + 2*i + ro + 2*(c-start)
					if p+2 > len(fmt4) {
						continue
					}
					id = int(binary.BigEndian.Uint16(fmt4[p:]))
					if id != 0 {
						id = (id + delta) & 0xFFFF
					}
				}
				if id != 0 && id < f.numGlyphs {
					f.bmp[c] = uint16(id)
				}
			}
		}
	default:
		return fmt.Errorf("cmap: no Unicode subtable (format 4 or 12): %w", errCorrupt)
	}
	return nil
}

func (f *Face) parseName() {
	nt := f.tables["name"]
	if len(nt) < 6 {
		return
	}
	count := int(binary.BigEndian.Uint16(nt[2:]))
	strOff := int(binary.BigEndian.Uint16(nt[4:]))
	for i := 0; i < count && 6+12*i+12 <= len(nt); i++ {
		rec := nt[6+12*i:]
		pid, nameID := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[6:])
		ln, off := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
		if nameID != 6 || strOff+off+ln > len(nt) {
			continue
		}
		raw := nt[strOff+off : strOff+off+ln]
		var s []byte
		if pid == 3 || pid == 0 {
			for j := 0; j+1 < len(raw); j += 2 {
				if raw[j] == 0 && raw[j+1] > 32 && raw[j+1] < 127 {
					s = append(s, raw[j+1])
				}
			}
		} else {
			s = raw
		}
		if len(s) > 0 {
			f.PostScript = string(s)
			return
		}
	}
}

// GlyphID returns the glyph index of r, or 0 when the font lacks it.
func (f *Face) GlyphID(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return f.bmp[r]
	}
	return f.astral[r]
}

// Covers reports whether the font has a glyph for r.
func (f *Face) Covers(r rune) bool { return f.GlyphID(r) != 0 }

// Advance returns r's advance width in em (0 when the font lacks it).
func (f *Face) Advance(r rune) float64 {
	g := f.GlyphID(r)
	if g == 0 {
		return 0
	}
	return float64(f.advance[g]) / float64(f.UnitsPerEm)
}

// GlyphAdvance returns a glyph's advance width in font units.
func (f *Face) GlyphAdvance(g uint16) int {
	if int(g) >= len(f.advance) {
		return 0
	}
	return int(f.advance[g])
}

// Ascent returns the typographic ascent in em.
func (f *Face) Ascent() float64 { return float64(f.ascent) / float64(f.UnitsPerEm) }

// Descent returns the typographic descent in em (negative below the baseline).
func (f *Face) Descent() float64 { return float64(f.descent) / float64(f.UnitsPerEm) }

// NumGlyphs returns the number of glyphs in the font.
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// Table returns the raw bytes of an sfnt table, or nil.
func (f *Face) Table(tag string) []byte { return f.tables[tag] }

// Tags returns the tags of the font's tables.
func (f *Face) Tags() []string {
	out := make([]string, 0, len(f.tables))
	for t := range f.tables {
		out = append(out, t)
	}
	return out
}
