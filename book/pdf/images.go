package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // decoded and converted to PNG
	"image/png"

	"cjkbook/book"
)

// maxPixels bounds the images embedded: decoding one costs 4 bytes a pixel.
const maxPixels = 64 << 20

// errImage is wrapped by every error about an image that cannot be embedded.
var errImage = errors.New("cannot embed image")

// embeddable returns image data that gopdf can embed: JPEG and 8-bit,
// non-interlaced PNG as they are; other PNGs (16-bit, interlaced) and GIFs
// decoded and re-encoded as 8-bit PNG. gopdf rejects interlaced PNGs and
// misreads 16-bit ones with alpha. The format and pixel size are the asset's,
// as the loader identified them.
func embeddable(a *book.Asset) ([]byte, error) {
	switch a.MediaType {
	case book.MediaPNG, book.MediaJPEG, book.MediaGIF:
	default:
		return nil, fmt.Errorf("%w: not a PNG, JPEG or GIF image (%q)", errImage, a.MediaType)
	}
	if a.Width <= 0 || a.Height <= 0 || a.Width*a.Height > maxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels (at most %d megapixels; scale it down)", errImage, a.Width, a.Height, maxPixels>>20)
	}
	data := a.Data
	switch a.MediaType {
	case book.MediaJPEG:
		return data, nil
	case book.MediaPNG:
		// IHDR: 8-byte signature, length, "IHDR", width, height, bit depth (24),
		// colour type, compression, filter, interlace (28).
		if len(data) > 28 && data[24] == 8 && data[28] == 0 && binary.BigEndian.Uint32(data[8:]) == 13 {
			return data, nil
		}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errImage, err)
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, rgba); err != nil {
		return nil, fmt.Errorf("%w: re-encode as PNG: %v", errImage, err)
	}
	return out.Bytes(), nil
}
