// Package cover draws a book's default cover: title, subtitle and author set in the CJK font
// on off-white paper, inside a thin double frame, with the author on a coloured band.
//
// The layout is decided first (wrap, which font size, where each line sits) as plain values,
// and only then drawn, so the wrapping rules can be tested without pixels.
package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"unicode/utf8"

	"cjkbook/book/cjk"
	"cjkbook/fonts"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width and Height are the size in pixels of the cover Generate draws (1:1.6, the shape
// e-book stores ask for).
const (
	Width  = 1600
	Height = 2560
)

// MediaType is the media type of the image Generate returns.
const MediaType = "image/png"

// Palette of the design: paper, ink, a muted grey for the subtitle, the band and a vermilion accent.
var (
	paper  = color.RGBA{0xF4, 0xEF, 0xE3, 0xFF}
	ink    = color.RGBA{0x22, 0x25, 0x2B, 0xFF}
	muted  = color.RGBA{0x5A, 0x5A, 0x58, 0xFF}
	band   = color.RGBA{0x2C, 0x44, 0x5C, 0xFF}
	accent = color.RGBA{0xA8, 0x3A, 0x2E, 0xFF}
)

// Design geometry for a 1600×2560 cover. Measures and font sizes scale with the smaller of
// the width and height ratios; the title and band positions are fractions of the height.
const (
	frameOuter    = 84    // inset of the outer frame line
	frameInner    = 104   // inset of the inner frame line
	textWidth     = 1160  // widest line of title or subtitle
	titleCentre   = 0.367 // vertical centre of the title block, as a fraction of the height
	bandTopFrac   = 0.82  // top of the author band, as a fraction of the height
	bandHeight    = 220
	maxTitleLines = 3
	// shortTitleSize is the title size for titles of at most three characters.
	shortTitleSize = 260
)

// titleSizes are the title font sizes tried, largest first; the first at which the title
// wraps into at most maxTitleLines lines wins.
var titleSizes = []float64{shortTitleSize, 220, 190, 164, 144, 128, 112, 100, 88, 76}

// Generate draws a cover image (about 1600×2560 px) showing title, subtitle and author in the
// CJK font, simple and tasteful. The result is a PNG; the same input gives the same bytes.
func Generate(title, subtitle, author string, bold, regular *fonts.Face) (data []byte, mediaType string, err error) {
	return GenerateSize(title, subtitle, author, bold, regular, Width, Height)
}

// GenerateSize is Generate at another pixel size, for instance the aspect ratio of a PDF
// page (A5 at 150 dpi is 874×1240); the design scales to fit.
func GenerateSize(title, subtitle, author string, bold, regular *fonts.Face, width, height int) (data []byte, mediaType string, err error) {
	if bold == nil || regular == nil {
		return nil, "", errors.New("cover: nil font face")
	}
	if width < 200 || height < 200 || width > 8000 || height > 8000 {
		return nil, "", fmt.Errorf("cover: size %d×%d out of range (200 to 8000 px a side)", width, height)
	}
	bf, err := opentype.Parse(bold.Data) // lazy: reads only the table directory
	if err != nil {
		return nil, "", fmt.Errorf("cover: font %s: %w", bold.Name, err)
	}
	rf, err := opentype.Parse(regular.Data)
	if err != nil {
		return nil, "", fmt.Errorf("cover: font %s: %w", regular.Name, err)
	}
	scale := min(float64(width)/Width, float64(height)/Height)
	c := &cover{canvas: newCanvas(width, height, paper), w: width, h: height, s: scale}
	// Paper, frame and band (a slim one when there is no author to carry).
	c.background(strings.TrimSpace(author) != "")
	// Title: the largest size at which it wraps into few lines, centred near the golden section.
	bottom, err := c.title(strings.TrimSpace(title), bf, bold)
	if err != nil {
		return nil, "", err
	}
	// Subtitle below the title, after a short vermilion rule.
	if err := c.subtitle(strings.TrimSpace(subtitle), bottom, rf, regular); err != nil {
		return nil, "", err
	}
	// Author on the band.
	if err := c.author(strings.TrimSpace(author), rf, regular); err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, c.img); err != nil {
		return nil, "", fmt.Errorf("cover: encode png: %w", err)
	}
	return buf.Bytes(), MediaType, nil
}

// cover is one cover being drawn: the canvas, its size and the scale from the 1600 px design.
type cover struct {
	*canvas
	w, h int
	s    float64
}

// px scales a design measure (for a 1600 px wide cover) to this cover.
func (c *cover) px(v float64) int { return int(math.Round(v * c.s)) }

func (c *cover) bandTop() int { return int(math.Round(bandTopFrac * float64(c.h))) }

// frame draws a rectangle outline of the given stroke width inset from the image edges.
func (c *cover) frame(inset, stroke int, col color.RGBA) {
	r := image.Rect(inset, inset, c.w-inset, c.h-inset)
	c.fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+stroke), col)
	c.fill(image.Rect(r.Min.X, r.Max.Y-stroke, r.Max.X, r.Max.Y), col)
	c.fill(image.Rect(r.Min.X, r.Min.Y, r.Min.X+stroke, r.Max.Y), col)
	c.fill(image.Rect(r.Max.X-stroke, r.Min.Y, r.Max.X, r.Max.Y), col)
}

func (c *cover) background(withAuthor bool) {
	c.frame(c.px(frameOuter), max(1, c.px(5)), ink)
	c.frame(c.px(frameInner), max(1, c.px(2)), ink)
	left, right := c.px(frameInner), c.w-c.px(frameInner)
	top, bot := c.bandTop(), c.bandTop()+c.px(bandHeight)
	if !withAuthor {
		mid := (top + bot) / 2
		top, bot = mid-c.px(28), mid+c.px(28)
	}
	c.fill(image.Rect(left, top, right, bot), band)
	// Hairlines above and below the band, echoing the inner frame.
	hair := max(1, c.px(2))
	c.fill(image.Rect(left, top-c.px(18), right, top-c.px(18)+hair), band)
	c.fill(image.Rect(left, bot+c.px(16), right, bot+c.px(16)+hair), band)
}

// newFace makes an x/image face of the given pixel size.
func newFace(f *opentype.Font, size float64) (font.Face, error) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("cover: font face at %.0f px: %w", size, err)
	}
	return face, nil
}

// measurer returns a rune's advance in pixels at size px, from the fonts.Face metrics.
func measurer(m *fonts.Face, size float64) func(rune) float64 {
	return func(r rune) float64 {
		a := m.Advance(r)
		if a == 0 && !m.Covers(r) {
			a = 1 // drawn as .notdef, about 1 em
		}
		return a * size
	}
}

// tracking is the letter spacing in em for a title of n runes: short titles are spaced out,
// as on classical covers.
func tracking(n int) float64 {
	switch {
	case n <= 3:
		return 0.35
	case n <= 5:
		return 0.2
	case n <= 8:
		return 0.08
	}
	return 0
}

// line is one laid-out line of text.
type line struct {
	text  string
	width float64 // pixels, including tracking between runes
}

// truncate keeps the first n lines, marking the cut with an ellipsis.
func truncate(lines []line, n int, size float64) []line {
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	lines[n-1].text += "…"
	lines[n-1].width += size
	return lines
}

// titleLayout picks the title's size (pixels) and letter spacing (em) and wraps it: the
// largest size at which it takes at most maxTitleLines lines.
func titleLayout(title string, m *fonts.Face, scale float64) (lines []line, size, track float64) {
	n := len([]rune(title))
	track = tracking(n)
	em := 0.0 // the title's width at 1 px, tracking included
	for _, r := range title {
		em += measurer(m, 1)(r) + track
	}
	for i, s := range titleSizes {
		if s >= shortTitleSize && n > 3 {
			continue // the largest size is for titles of one to three characters
		}
		size = s * scale
		if i < len(titleSizes)-1 && em*size > maxTitleLines*textWidth*scale {
			continue // cannot fit in maxTitleLines lines at this size
		}
		lines = wrap(title, math.Round(textWidth*scale), measurer(m, size), track*size)
		if len(lines) <= maxTitleLines {
			break
		}
	}
	return truncate(lines, 6, size), size, track // an absurdly long title: keep the cover readable
}

// title lays out and draws the title; it returns the y just below the block, where the
// subtitle may start.
func (c *cover) title(title string, f *opentype.Font, m *fonts.Face) (int, error) {
	centre := titleCentre * float64(c.h)
	if title == "" {
		return int(centre), nil
	}
	lines, size, track := titleLayout(title, m, c.s)
	face, err := newFace(f, size)
	if err != nil {
		return 0, err
	}
	lead := 1.32 * size
	// Ideographs sit between about -0.12 em and 0.88 em: centre that box.
	first := centre - lead*float64(len(lines)-1)/2 + 0.38*size
	for i, ln := range lines {
		c.line(face, ln, size, first+lead*float64(i), track*size, ink)
	}
	return int(first + lead*float64(len(lines)-1) + 0.12*size), nil
}

func (c *cover) subtitle(subtitle string, top int, f *opentype.Font, m *fonts.Face) error {
	ruleY := top + c.px(90)
	c.fill(image.Rect(c.w/2-c.px(70), ruleY, c.w/2+c.px(70), ruleY+max(1, c.px(6))), accent)
	if subtitle == "" {
		return nil
	}
	size := 64 * c.s
	face, err := newFace(f, size)
	if err != nil {
		return err
	}
	lines := truncate(wrap(subtitle, float64(c.px(textWidth-100)), measurer(m, size), 0.05*size), 4, size)
	base := float64(ruleY) + 80*c.s + 0.88*size
	for i, ln := range lines {
		c.line(face, ln, size, base+1.5*size*float64(i), 0.05*size, muted)
	}
	return nil
}

func (c *cover) author(author string, f *opentype.Font, m *fonts.Face) error {
	if author == "" {
		return nil
	}
	size := 76 * c.s
	track := 0.25 * size
	lines := wrap(author, float64(c.px(textWidth)), measurer(m, size), track)
	for len(lines) > 1 && size > 44*c.s {
		size -= 8 * c.s
		track = 0.1 * size
		lines = wrap(author, float64(c.px(textWidth)), measurer(m, size), track)
	}
	lines = truncate(lines, 2, size)
	face, err := newFace(f, size)
	if err != nil {
		return err
	}
	lead := 1.3 * size
	base := float64(c.bandTop()) + float64(c.px(bandHeight))/2 - lead*float64(len(lines)-1)/2 + 0.38*size
	for i, ln := range lines {
		c.line(face, ln, size, base+lead*float64(i), track, paper)
	}
	return nil
}

// line draws one line with the given letter spacing (pixels between runes), centred on
// its ink: a full-width opening bracket at the start or a closing mark at the end is half
// blank, so that blank half does not count (GB style punctuation sits in one half of its em).
func (c *cover) line(face font.Face, ln line, size, baseline, track float64, col color.RGBA) {
	first, _ := utf8.DecodeRuneInString(ln.text)
	last, _ := utf8.DecodeLastRuneInString(ln.text)
	var lead, trail float64
	if l, _ := cjk.GB.BlankSide(cjk.ClassOf(first)); l && cjk.HasBlankHalf(first) {
		lead = size / 2
	}
	if _, r := cjk.GB.BlankSide(cjk.ClassOf(last)); r && cjk.HasBlankHalf(last) {
		trail = size / 2
	}
	x := (float64(c.w)-(ln.width-lead-trail))/2 - lead
	c.text(face, ln.text, x, baseline, track, col)
}

func fix(v float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(v * 64)) }
