package cover

import (
	"image"
	"image/color"
	"image/png"
	"io"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// levels is the number of coverage steps an anti-aliased edge is drawn with; 32 steps are
// indistinguishable from 256 at cover size and keep the whole cover in one 8-bit palette.
const levels = 32

// canvas is a paletted image that text is composited onto: each (background, ink) pair
// gets a ramp of levels-1 blended colours, added to the palette on first use. A paletted
// cover is a quarter of the bytes of an RGBA one, so it is drawn and compressed four
// times faster.
type canvas struct {
	img   *image.Paletted
	ramps map[[2]uint8]uint8 // (background index, ink index) → index of the ramp's level 1
	step  [256]rampStep      // what each blended palette entry is a step of
	mask  *image.Alpha       // scratch coverage buffer, reused between lines
}

// rampStep records that a palette entry is level of the blend from bg to ink.
type rampStep struct {
	bg, ink, level uint8 // level 0: not a blended entry
}

func newCanvas(w, h int, bg color.RGBA) *canvas {
	c := &canvas{
		img:   image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{bg}),
		ramps: map[[2]uint8]uint8{},
	}
	return c
}

// index returns the palette index of col, adding it when new (0 when the palette is full).
func (c *canvas) index(col color.RGBA) uint8 {
	for i, p := range c.img.Palette {
		if p == col {
			return uint8(i)
		}
	}
	if len(c.img.Palette) >= 256 {
		return 0
	}
	c.img.Palette = append(c.img.Palette, col)
	return uint8(len(c.img.Palette) - 1)
}

// fill paints r (clipped to the canvas) with col.
func (c *canvas) fill(r image.Rectangle, col color.RGBA) {
	r = r.Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	i := c.index(col)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := c.img.Pix[c.img.PixOffset(r.Min.X, y):c.img.PixOffset(r.Max.X, y)]
		for x := range row {
			row[x] = i
		}
	}
}

// ramp returns the palette index of the first blended step from bg to ink, creating the ramp
// on first use; ok is false when the palette has no room left.
func (c *canvas) ramp(bg, ink uint8) (uint8, bool) {
	key := [2]uint8{bg, ink}
	if i, ok := c.ramps[key]; ok {
		return i, true
	}
	if len(c.img.Palette)+levels-2 > 256 {
		return 0, false
	}
	b := c.img.Palette[bg].(color.RGBA)
	f := c.img.Palette[ink].(color.RGBA)
	first := uint8(len(c.img.Palette))
	mix := func(a, b uint8, l int) uint8 {
		return uint8((int(a)*(levels-1-l) + int(b)*l + (levels-1)/2) / (levels - 1))
	}
	for l := 1; l < levels-1; l++ {
		c.step[len(c.img.Palette)] = rampStep{bg, ink, uint8(l)}
		c.img.Palette = append(c.img.Palette, color.RGBA{mix(b.R, f.R, l), mix(b.G, f.G, l), mix(b.B, f.B, l), 0xFF})
	}
	c.ramps[key] = first
	return first, true
}

// text draws s with its left end at x and its baseline at y, with track pixels between
// neighbouring runes, in col over whatever lies beneath.
func (c *canvas) text(face font.Face, s string, x, y, track float64, col color.RGBA) {
	m := face.Metrics()
	width := font.MeasureString(face, s).Ceil() + int(track*float64(len([]rune(s))))
	r := image.Rect(int(x)-4, int(y)-m.Ascent.Ceil()-4, int(x)+width+8, int(y)+m.Descent.Ceil()+4).Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	if c.mask == nil || r.Dx() > c.mask.Stride || r.Dx()*r.Dy() > len(c.mask.Pix) {
		c.mask = image.NewAlpha(r)
	} else {
		c.mask.Stride = r.Dx() // reuse the buffer for a new rectangle
		c.mask.Rect = r
		clear(c.mask.Pix)
	}
	d := &font.Drawer{Dst: c.mask, Src: image.Opaque, Face: face, Dot: fixed.Point26_6{X: fix(x), Y: fix(y)}}
	for i, ch := range []rune(s) {
		if i > 0 {
			d.Dot.X += fix(track)
		}
		d.DrawString(string(ch))
	}
	ink := c.index(col)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		mrow := c.mask.Pix[c.mask.PixOffset(r.Min.X, py):c.mask.PixOffset(r.Max.X, py)]
		prow := c.img.Pix[c.img.PixOffset(r.Min.X, py):c.img.PixOffset(r.Max.X, py)]
		for px, a := range mrow {
			if a == 0 {
				continue
			}
			l := (int(a)*(levels-1) + 127) / 255
			switch l {
			case 0:
			case levels - 1:
				prow[px] = ink
			default:
				bg := prow[px]
				if bg == ink {
					continue
				}
				if st := c.step[bg]; st.level != 0 {
					// Already a blend (touching glyph edges): blend from its background,
					// keeping the stronger coverage when the ink is the same.
					if st.ink == ink {
						l = max(l, int(st.level))
					}
					bg = st.bg
				}
				if first, ok := c.ramp(bg, ink); ok {
					prow[px] = first + uint8(l-1)
				} else if 2*l >= levels {
					prow[px] = ink
				}
			}
		}
	}
}

// encodePNG writes img as an 8-bit indexed-colour PNG at image/png's default compression:
// the seed's 1600×2560 cover takes about 12 ms for 52 KB, where BestSpeed takes 4 ms for
// 70 KB; the smaller file is worth 8 ms of a build. The output is deterministic.
func encodePNG(w io.Writer, img *image.Paletted) error {
	return (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(w, img)
}
