package book

// Media types of the images a book can hold: the raster formats every EPUB 3
// reading system shows, and SVG.
const (
	MediaPNG  = "image/png"
	MediaJPEG = "image/jpeg"
	MediaGIF  = "image/gif"
	MediaSVG  = "image/svg+xml"
)

// Asset is an image file of the book, read and identified once, by the loader:
// its media type, its pixel size and, for SVG, the parsed drawing. The renderers
// take what they need from it and never sniff or decode the bytes to learn it
// again; the layout sizes pictures from it, the PDF drawer embeds Data (or draws
// Drawing), the EPUB packs Data under MediaType. An Asset is not changed once
// made, so the renderers may share it between goroutines.
type Asset struct {
	// Name is the asset's key in Book.Images: the Src of the Image blocks showing it.
	Name string
	// MediaType is MediaPNG, MediaJPEG, MediaGIF or MediaSVG.
	MediaType string
	// Width and Height are the pixel size of a PNG, JPEG or GIF image. They are 0
	// for SVG, whose intrinsic size is its Drawing's.
	Width, Height int
	// Data is the file as read.
	Data []byte
	// Drawing is the parsed picture of an SVG file. It is nil for raster images,
	// and for an SVG the SVG reader cannot draw (DrawErr says why): the file is
	// kept, since the EPUB may still show it.
	Drawing Drawing
	// DrawErr says why an SVG asset has no Drawing.
	DrawErr error
}

// Drawing is a parsed vector picture. Package book imports nothing of cjkbook,
// so it cannot name the SVG reader's type; the loader stores a *svg.Drawing
// here, and the layout and the PDF drawer, which import book/svg, assert it to
// that type to read its labels and paths.
type Drawing interface {
	// Size returns the drawing's intrinsic width and height in points.
	Size() (w, h float64)
}

// IsSVG reports whether the asset is an SVG file (drawable or not).
func (a *Asset) IsSVG() bool { return a != nil && a.MediaType == MediaSVG }
