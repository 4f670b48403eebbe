// Package pdf draws a finished layout.Document into a PDF file with gopdf (our fork
// in book/third_party/gopdf). It decides nothing about the typesetting: every
// position, page break, link rectangle and outline entry comes from the layout; this
// package only turns them into PDF objects, embeds subset fonts and writes the file.
package pdf

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
)

// Compression selects how content streams, the ToUnicode maps and the embedded
// font programs are compressed. The output is byte-identical from run to run at
// every level.
type Compression int

const (
	// CompressDefault uses zlib level 6 (of klauspost/compress, which the gopdf
	// fork uses): the zero value and the default. For the novel it gives a PDF
	// 5% smaller than CompressFast (3.64 MB, not 3.82 MB) for about a third more
	// compression CPU; level 6 measured as fast as the library's default 5 and
	// 1% smaller.
	CompressDefault Compression = iota
	// CompressFast uses zlib level 1.
	CompressFast
	// CompressBest uses zlib level 9, for the smallest file.
	CompressBest
	// CompressNone writes content streams uncompressed (for debugging; the
	// font programs are still compressed).
	CompressNone
)

// zlibLevel maps a Compression to a zlib level.
func (c Compression) zlibLevel() (int, error) {
	switch c {
	case CompressFast:
		return zlib.BestSpeed, nil
	case CompressDefault:
		return 6, nil
	case CompressBest:
		return zlib.BestCompression, nil
	case CompressNone:
		return zlib.NoCompression, nil
	}
	return 0, fmt.Errorf("pdf: unknown compression %d", int(c))
}

// Options control the parts of the PDF file that the layout does not decide.
type Options struct {
	// CreationDate is written to the document information dictionary; the zero
	// time omits it, so that the output is byte-reproducible. The build sets it
	// from SOURCE_DATE_EPOCH.
	CreationDate time.Time
	// Producer names the program in the document information ("" omits it).
	Producer string
	// Compression selects the zlib level of the streams (zero: CompressDefault).
	Compression Compression
	// Standards are the conformance levels the file claims (none by default; the
	// file is tagged either way). ParseStandards reads them from their names.
	Standards Standards
}

// DefaultOptions returns the options used when nothing is configured: no
// creation date, producer "cjkbook", CompressDefault.
func DefaultOptions() Options {
	return Options{Producer: "cjkbook", Compression: CompressDefault}
}

// ErrInvalidDocument is wrapped by every error about a Document that cannot be
// drawn as given (an unknown face, image or anchor, a page out of range).
var ErrInvalidDocument = errors.New("pdf: invalid document")

// Write draws d and writes the PDF to w. faces[i] is the face of
// layout.FaceID(i): 0 Regular, 1 Bold, 2… fallbacks; only the faces that some
// Text item uses are embedded (as subsets). images maps Item.Src of Picture
// items to the book's images as the loader identified them: JPEG and PNG are
// embedded as they are where gopdf can take them (others, and GIF, re-encoded
// once as PNG), SVG drawn as vector paths from the asset's Drawing, its labels
// being Text items the layout placed. Write checks the whole document before
// drawing, so a bad document produces an error and no output.
func Write(w io.Writer, d *layout.Document, faces []*fonts.Face, images map[string]*book.Asset, opts Options) error {
	// Check everything that could make the drawing fail halfway.
	used, err := validate(d, faces, images)
	if err != nil {
		return err
	}
	if err := Check(d, opts.Standards); err != nil {
		return err
	}
	level, err := opts.Compression.zlibLevel()
	if err != nil {
		return err
	}
	// Start the document and register the fonts the pages use.
	dr := &drawer{doc: d, faces: faces, images: images, tags: newTagger(d)}
	dr.start(opts, level)
	dr.applyStandards(opts)
	if err := dr.addFaces(used); err != nil {
		return err
	}
	// Draw the pages in order: gopdf attaches links and anchors to the last page added.
	for i := range d.Pages {
		if err := dr.page(i, &d.Pages[i]); err != nil {
			return fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
	}
	// The structure tree, with every marked-content sequence and link in it.
	if err := dr.tags.finish(&dr.pdf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	// Add the bookmarks, which may point at any page.
	dr.outline(d.Outline)
	// Serialize.
	if _, err := dr.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}

// validate checks the references inside d and returns how Text items use each face.
func validate(d *layout.Document, faces []*fonts.Face, images map[string]*book.Asset) ([]faceUse, error) {
	if d == nil {
		return nil, fmt.Errorf("%w: nil document", ErrInvalidDocument)
	}
	if !(d.Width > 0 && d.Height > 0) || !finite(float64(d.Width), float64(d.Height)) {
		return nil, fmt.Errorf("%w: page size %v×%v pt", ErrInvalidDocument, d.Width, d.Height)
	}
	if len(d.Pages) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrInvalidDocument)
	}
	used := make([]faceUse, len(faces))
	anchors := make(map[string]int)
	for pi := range d.Pages {
		p := &d.Pages[pi]
		for _, a := range p.Anchors {
			if a.Name == "" {
				return nil, fmt.Errorf("%w: page %d: anchor without a name", ErrInvalidDocument, pi+1)
			}
			if prev, dup := anchors[a.Name]; dup {
				return nil, fmt.Errorf("%w: page %d: anchor %q already set on page %d", ErrInvalidDocument, pi+1, a.Name, prev+1)
			}
			anchors[a.Name] = pi
		}
		for _, a := range p.Anchors {
			if !finite(float64(a.Y)) {
				return nil, fmt.Errorf("%w: page %d: anchor %q at y %v", ErrInvalidDocument, pi+1, a.Name, a.Y)
			}
		}
		inSpan := false
		for ii := range p.Items {
			it := &p.Items[ii]
			if !finite(float64(it.X), float64(it.Y), float64(it.W), float64(it.H), float64(it.Size), float64(it.Spacing)) || !(it.Gray >= 0 && it.Gray <= 1) {
				return nil, fmt.Errorf("%w: page %d item %d: position, size or gray out of range (%v,%v %v×%v size %v spacing %v gray %v)",
					ErrInvalidDocument, pi+1, ii, it.X, it.Y, it.W, it.H, it.Size, it.Spacing, it.Gray)
			}
			switch it.Kind {
			case layout.Text:
				f := int(it.Face)
				if f < 0 || f >= len(faces) || faces[f] == nil {
					return nil, fmt.Errorf("%w: page %d item %d: face %d not given (%d faces)", ErrInvalidDocument, pi+1, ii, f, len(faces))
				}
				if !(it.Size > 0) {
					return nil, fmt.Errorf("%w: page %d item %d: font size %v", ErrInvalidDocument, pi+1, ii, it.Size)
				}
				if err := checkMoves(it); err != nil {
					return nil, fmt.Errorf("%w: page %d item %d: %v", ErrInvalidDocument, pi+1, ii, err)
				}
				if !utf8.ValidString(it.Text) {
					return nil, fmt.Errorf("%w: page %d item %d: text %q is not valid UTF-8", ErrInvalidDocument, pi+1, ii, it.Text)
				}
				used[f] |= usedLevel
				if it.Vertical {
					used[f] |= usedVertical
				}
			case layout.Picture:
				a := images[it.Src]
				if a == nil {
					return nil, fmt.Errorf("%w: page %d item %d: image %q not given", ErrInvalidDocument, pi+1, ii, it.Src)
				}
				if a.IsSVG() && drawingOf(a) == nil {
					return nil, fmt.Errorf("%w: page %d item %d: image %q: %v", ErrInvalidDocument, pi+1, ii, it.Src, undrawable(a))
				}
			case layout.Span, layout.SpanEnd:
				if open := it.Kind == layout.Span; open == inSpan || !utf8.ValidString(it.Text) {
					return nil, fmt.Errorf("%w: page %d item %d: a span opened inside a span, closed outside one, or not valid UTF-8", ErrInvalidDocument, pi+1, ii)
				}
				inSpan = !inSpan
			case layout.Rule, layout.Box, layout.Dot, layout.Fill:
			default:
				return nil, fmt.Errorf("%w: page %d item %d: unknown item kind %d", ErrInvalidDocument, pi+1, ii, it.Kind)
			}
		}
		if inSpan {
			return nil, fmt.Errorf("%w: page %d: a span is not closed", ErrInvalidDocument, pi+1)
		}
	}
	for pi := range d.Pages {
		for _, l := range d.Pages[pi].Links {
			if !finite(float64(l.X), float64(l.Y), float64(l.W), float64(l.H)) {
				return nil, fmt.Errorf("%w: page %d: link rectangle %v,%v %v×%v", ErrInvalidDocument, pi+1, l.X, l.Y, l.W, l.H)
			}
			switch {
			case l.Dest != "" && l.URL != "":
				return nil, fmt.Errorf("%w: page %d: link has both anchor %q and URL %q", ErrInvalidDocument, pi+1, l.Dest, l.URL)
			case l.Dest != "":
				if _, ok := anchors[l.Dest]; !ok {
					return nil, fmt.Errorf("%w: page %d: link to undefined anchor %q", ErrInvalidDocument, pi+1, l.Dest)
				}
			case l.URL == "":
				return nil, fmt.Errorf("%w: page %d: link with neither anchor nor URL", ErrInvalidDocument, pi+1)
			}
		}
	}
	if err := validateOutline(d.Outline, len(d.Pages)); err != nil {
		return nil, err
	}
	if err := validateTree(d); err != nil {
		return nil, err
	}
	return used, nil
}

// validateTree checks that the structure tree lists parents before children and that
// every Tag names one of its elements.
func validateTree(d *layout.Document) error {
	for i, e := range d.Tree {
		if i == 0 && e.Parent != -1 || i > 0 && (e.Parent < 0 || e.Parent >= i) {
			return fmt.Errorf("%w: structure element %d (%s) has parent %d", ErrInvalidDocument, i, e.Role, e.Parent)
		}
		if e.Role == "" {
			return fmt.Errorf("%w: structure element %d has no role", ErrInvalidDocument, i)
		}
	}
	n := layout.Tag(len(d.Tree))
	for pi := range d.Pages {
		for ii := range d.Pages[pi].Items {
			if d.Pages[pi].Items[ii].Tag > n {
				return fmt.Errorf("%w: page %d item %d: tag %d of %d structure elements", ErrInvalidDocument, pi+1, ii, d.Pages[pi].Items[ii].Tag, n)
			}
		}
		for li := range d.Pages[pi].Links {
			if d.Pages[pi].Links[li].Tag > n {
				return fmt.Errorf("%w: page %d link %d: tag %d of %d structure elements", ErrInvalidDocument, pi+1, li, d.Pages[pi].Links[li].Tag, n)
			}
		}
	}
	return nil
}

// validateOutline checks that every bookmark points at an existing page.
func validateOutline(entries []layout.OutlineEntry, pages int) error {
	for _, e := range entries {
		if !finite(float64(e.Y)) {
			return fmt.Errorf("%w: outline entry %q at y %v", ErrInvalidDocument, e.Title, e.Y)
		}
		if e.Page < 0 || e.Page >= pages {
			return fmt.Errorf("%w: outline entry %q points at page index %d of %d", ErrInvalidDocument, e.Title, e.Page, pages)
		}
		if err := validateOutline(e.Children, pages); err != nil {
			return err
		}
	}
	return nil
}

// finite reports whether every value is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// checkMoves returns an error unless the Moves of Text item it are finite and in
// increasing order of glyphs the text has.
func checkMoves(it *layout.Item) error {
	n, last := utf8.RuneCountInString(it.Text), 0
	for _, m := range it.Moves {
		if !finite(float64(m.X), float64(m.Y)) || m.At < last || m.At >= n || it.Vertical && m.X != 0 {
			return fmt.Errorf("move %+v out of range or order (%d glyphs)", m, n)
		}
		last = m.At
	}
	return nil
}
