package epub

import "cjkbook/book"

// rasterExt is the file extension of each raster format every EPUB 3 reading
// system must show.
var rasterExt = map[string]string{book.MediaPNG: ".png", book.MediaJPEG: ".jpg", book.MediaGIF: ".gif"}

// packable returns what the EPUB carries of a book image, by the media type the
// loader identified: PNG, JPEG and GIF as they are, an SVG only when it is a plain
// drawing (cleanSVG, which also drops its DOCTYPE). mediaType is "" for a picture
// the EPUB leaves out; its description stays in the text.
func packable(a *book.Asset) (data []byte, mediaType, ext string) {
	switch {
	case a == nil:
	case rasterExt[a.MediaType] != "":
		return a.Data, a.MediaType, rasterExt[a.MediaType]
	case a.MediaType == book.MediaSVG:
		if clean, err := cleanSVG(a.Data); err == nil {
			return clean, book.MediaSVG, ".svg"
		}
	}
	return nil, "", ""
}
