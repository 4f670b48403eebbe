package svg

import "strings"

// The widths below are copied from Adobe's Core 14 AFM files (Times-Roman, Times-Bold,
// Helvetica, Helvetica-Bold; version 002.000, 1997), which "may be used, copied, and
// distributed for any purpose and without charge ... provided that all copyright
// notices are retained": Copyright (c) 1985, 1987, 1989, 1990, 1993, 1997 Adobe
// Systems Incorporated. All Rights Reserved. Quote and grave are quotesingle and grave.

// coreWidths holds the advance widths, in 1/1000 em, of the printable ASCII
// characters U+0020 … U+007E in the PDF core fonts.
var coreWidths = map[string]*[95]uint16{
	"Times-Roman": {
		250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
		921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
		556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
		333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
		500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
	},
	"Times-Bold": {
		250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
		500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
		930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
		611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
		333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
		556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
	},
	"Helvetica": {
		278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
		1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
		333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
		556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
	},
	"Helvetica-Bold": {
		278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
		975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
		667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
		333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
		611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
	},
}

// AuthorWidth returns the width, in points of the drawing, that the label has in
// the font its SVG names, when that is one of the core Latin families (Times or
// serif, Helvetica, Arial or sans-serif, Courier or monospace) and the label is
// printable ASCII; ok is false otherwise. Diagram tools such as Graphviz size
// boxes and place start-anchored labels by these widths, so the layout fits a
// label set in the book's font into the same extent.
func (t *Text) AuthorWidth() (w float64, ok bool) {
	fam, _, _ := strings.Cut(t.Family, ",")
	fam = strings.ToLower(strings.Trim(strings.TrimSpace(fam), `'"`))
	var name, bold string
	switch fam {
	case "times", "times new roman", "times-roman", "serif", "nimbus roman", "liberation serif":
		name, bold = "Times-Roman", "Times-Bold"
	case "helvetica", "arial", "sans-serif", "sans", "nimbus sans", "liberation sans":
		name, bold = "Helvetica", "Helvetica-Bold"
	case "courier", "courier new", "monospace", "nimbus mono", "liberation mono":
		name, bold = "Courier", "Courier" // every Courier glyph is 600 wide
	default:
		return 0, false
	}
	if t.Bold {
		name = bold
	}
	units := 0
	for i := 0; i < len(t.Content); i++ {
		c := t.Content[i]
		if c < 0x20 || c > 0x7E {
			return 0, false
		}
		if name == "Courier" {
			units += 600
		} else {
			units += int(coreWidths[name][c-0x20])
		}
	}
	return float64(units) / 1000 * t.Size, true
}
