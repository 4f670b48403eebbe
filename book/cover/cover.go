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
	"strings"

	"cjkbook/fonts"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width and Height are the cover's size in pixels (1:1.6, the shape e-book stores ask for).
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

// Geometry, in pixels.
const (
	frameOuter  = 84   // inset of the outer frame line
	frameInner  = 104  // inset of the inner frame line
	textWidth   = 1160 // widest line of title or subtitle
	titleCentre = 940  // vertical centre of the title block, near the golden section
	bandTop     = 2100
	bandHeight  = 220
)

// titleSizes are the title font sizes tried, largest first; the first at which the title
// wraps into at most maxTitleLines lines wins.
var titleSizes = []float64{260, 220, 190, 164, 144, 128, 112, 100, 88, 76}

const maxTitleLines = 3

// Generate draws a cover image (about 1600×2560 px) showing title, subtitle and author in the
// CJK font, simple and tasteful. The result is a PNG; the same input gives the same bytes.
func Generate(title, subtitle, author string, bold, regular *fonts.Face) (data []byte, mediaType string, err error) {
	if bold == nil || regular == nil {
		return nil, "", errors.New("cover: nil font face")
	}
	bf, err := opentype.Parse(bold.Data) // lazy: reads only the table directory
	if err != nil {
		return nil, "", fmt.Errorf("cover: font %s: %w", bold.Name, err)
	}
	rf, err := opentype.Parse(regular.Data)
	if err != nil {
		return nil, "", fmt.Errorf("cover: font %s: %w", regular.Name, err)
	}
	img := newCanvas(Width, Height, paper)
	// Paper, frame and band.
	drawBackground(img)
	// Title: the largest size at which it wraps into few lines, centred on titleCentre.
	bottom, err := drawTitle(img, strings.TrimSpace(title), bf, bold)
	if err != nil {
		return nil, "", err
	}
	// Subtitle below the title, after a short vermilion rule.
	if err := drawSubtitle(img, strings.TrimSpace(subtitle), bottom, rf, regular); err != nil {
		return nil, "", err
	}
	// Author on the band.
	if err := drawAuthor(img, strings.TrimSpace(author), rf, regular); err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img.img); err != nil {
		return nil, "", fmt.Errorf("cover: encode png: %w", err)
	}
	return buf.Bytes(), MediaType, nil
}

// frame draws a rectangle outline of the given stroke width inset from the image edges.
func frame(img *canvas, inset, stroke int, c color.RGBA) {
	r := image.Rect(inset, inset, Width-inset, Height-inset)
	img.fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+stroke), c)
	img.fill(image.Rect(r.Min.X, r.Max.Y-stroke, r.Max.X, r.Max.Y), c)
	img.fill(image.Rect(r.Min.X, r.Min.Y, r.Min.X+stroke, r.Max.Y), c)
	img.fill(image.Rect(r.Max.X-stroke, r.Min.Y, r.Max.X, r.Max.Y), c)
}

func drawBackground(img *canvas) {
	frame(img, frameOuter, 5, ink)
	frame(img, frameInner, 2, ink)
	img.fill(image.Rect(frameInner, bandTop, Width-frameInner, bandTop+bandHeight), band)
	// Hairlines above and below the band, echoing the inner frame.
	img.fill(image.Rect(frameInner, bandTop-18, Width-frameInner, bandTop-16), band)
	img.fill(image.Rect(frameInner, bandTop+bandHeight+16, Width-frameInner, bandTop+bandHeight+18), band)
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

// tracking is the letter spacing for a title of n runes: short titles are spaced out, as on
// classical covers.
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

// drawTitle lays out and draws the title; it returns the y of the block's last baseline
// plus the descent, where the subtitle may start.
func drawTitle(img *canvas, title string, f *opentype.Font, m *fonts.Face) (int, error) {
	if title == "" {
		return titleCentre, nil
	}
	track := tracking(len([]rune(title)))
	var lines []line
	size := titleSizes[len(titleSizes)-1]
	for _, s := range titleSizes {
		lines = wrap(title, textWidth, measurer(m, s), track*s)
		size = s
		if len(lines) <= maxTitleLines {
			break
		}
	}
	if len(lines) > 6 { // an absurdly long title: keep the cover readable
		lines = lines[:6]
		lines[5].text += "…"
		lines[5].width += size
	}
	face, err := newFace(f, size)
	if err != nil {
		return 0, err
	}
	lead := 1.32 * size
	// Ideographs sit between about -0.12 em and 0.88 em: centre that box.
	firstBase := float64(titleCentre) - lead*float64(len(lines)-1)/2 + 0.38*size
	for i, ln := range lines {
		drawLine(img, face, ln, float64(firstBase)+lead*float64(i), track*size, ink)
	}
	return int(firstBase + lead*float64(len(lines)-1) + 0.12*size), nil
}

func drawSubtitle(img *canvas, subtitle string, top int, f *opentype.Font, m *fonts.Face) error {
	ruleY := top + 90
	img.fill(image.Rect(Width/2-70, ruleY, Width/2+70, ruleY+6), accent)
	if subtitle == "" {
		return nil
	}
	const size = 64
	face, err := newFace(f, size)
	if err != nil {
		return err
	}
	lines := wrap(subtitle, textWidth-100, measurer(m, size), 0.05*size)
	if len(lines) > 4 {
		lines = lines[:4]
		lines[3].text += "…"
		lines[3].width += size
	}
	base := float64(ruleY) + 80 + 0.88*size
	for i, ln := range lines {
		drawLine(img, face, ln, base+1.5*size*float64(i), 0.05*size, muted)
	}
	return nil
}

func drawAuthor(img *canvas, author string, f *opentype.Font, m *fonts.Face) error {
	if author == "" {
		return nil
	}
	size := 76.0
	track := 0.25 * size
	lines := wrap(author, textWidth, measurer(m, size), track)
	for len(lines) > 1 && size > 40 {
		size -= 8
		track = 0.1 * size
		lines = wrap(author, textWidth, measurer(m, size), track)
	}
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1].text += "…"
		lines[1].width += size
	}
	face, err := newFace(f, size)
	if err != nil {
		return err
	}
	lead := 1.3 * size
	base := float64(bandTop) + float64(bandHeight)/2 - lead*float64(len(lines)-1)/2 + 0.38*size
	for i, ln := range lines {
		drawLine(img, face, ln, base+lead*float64(i), track, paper)
	}
	return nil
}

// drawLine draws one centred line with the given letter spacing (pixels between runes).
func drawLine(img *canvas, face font.Face, ln line, baseline, track float64, c color.RGBA) {
	img.text(face, ln.text, (float64(Width)-ln.width)/2, baseline, track, c)
}

func fix(v float64) fixed.Int26_6 { return fixed.Int26_6(v*64 + 0.5) }
