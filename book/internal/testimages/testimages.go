// Package testimages makes the book's image assets for tests that build a
// book.Book by hand, identified as the loader identifies them.
package testimages

import (
	"cjkbook/book"
	"cjkbook/book/load"
	"cjkbook/book/svg"
)

// Assets returns the assets of image files by name (Asset).
func Assets(files map[string][]byte) map[string]*book.Asset {
	out := make(map[string]*book.Asset, len(files))
	for name, data := range files {
		out[name] = Asset(name, data)
	}
	return out
}

// Asset returns the asset of an image file as load.NewAsset makes it. A file the
// loader would refuse still gets an asset, one the renderers cannot show, so that
// tests can check how they cope: an SVG without a drawing (the refusal in
// DrawErr) when the file starts like SVG, else an asset of no known media type.
func Asset(name string, data []byte) *book.Asset {
	a, err := load.NewAsset(name, data)
	switch {
	case err == nil:
		return a
	case svg.Sniff(data):
		return &book.Asset{Name: name, MediaType: book.MediaSVG, Data: data, DrawErr: err}
	}
	return &book.Asset{Name: name, Data: data}
}
