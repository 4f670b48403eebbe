package cover

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"io"
)

// encodePNG writes img as an 8-bit indexed-colour PNG. It stands in for image/png, which
// writes paletted rows unfiltered: here every row uses the Up filter, which turns the
// cover's many flat rows into zeros that deflate almost for free. On the 1600×2560 cover
// (2 cores, AMD EPYC) it takes 10–11 ms for 35.4 KB, where image/png takes 12–14 ms for
// 42.7 KB at BestSpeed and 48 ms for 30.4 KB at its default level. The output is
// deterministic. The palette must be opaque.
func encodePNG(w io.Writer, img *image.Paletted) error {
	b := img.Bounds()
	wd, ht := b.Dx(), b.Dy()
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := io.WriteString(bw, "\x89PNG\r\n\x1a\n"); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(wd))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(ht))
	ihdr[8], ihdr[9] = 8, 3 // bit depth 8, colour type 3 (palette); compression, filter, interlace 0
	if err := chunk(bw, "IHDR", ihdr[:]); err != nil {
		return err
	}
	if len(img.Palette) == 0 || len(img.Palette) > 256 {
		return fmt.Errorf("png: palette of %d colours", len(img.Palette))
	}
	plte := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		plte = append(plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	if err := chunk(bw, "PLTE", plte); err != nil {
		return err
	}
	cw := &chunkWriter{w: bw, typ: "IDAT"}
	zw, err := zlib.NewWriterLevel(cw, zlib.BestSpeed)
	if err != nil {
		return fmt.Errorf("png: %w", err)
	}
	prev := make([]byte, wd) // previous row; zeros above the first row
	out := make([]byte, 1+wd)
	out[0] = 2 // filter type Up
	for y := 0; y < ht; y++ {
		cur := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):][:wd]
		for i, c := range cur {
			out[1+i] = c - prev[i]
		}
		if _, err := zw.Write(out); err != nil {
			return fmt.Errorf("png: %w", err)
		}
		prev = cur
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	if err := cw.flush(); err != nil {
		return err
	}
	if err := chunk(bw, "IEND", nil); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	return nil
}

// chunk writes one PNG chunk: length, type, data, CRC of type and data.
func chunk(w io.Writer, typ string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(len(data)))
	copy(hdr[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	for _, b := range [][]byte{hdr[:], data, sum[:]} {
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("png: write %s: %w", typ, err)
		}
	}
	return nil
}

// chunkWriter collects the zlib stream into IDAT chunks of up to 256 KiB.
type chunkWriter struct {
	w   io.Writer
	typ string
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	c.buf = append(c.buf, p...)
	for len(c.buf) >= 256<<10 {
		if err := chunk(c.w, c.typ, c.buf[:256<<10]); err != nil {
			return 0, err
		}
		c.buf = c.buf[256<<10:]
	}
	return len(p), nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	err := chunk(c.w, c.typ, c.buf)
	c.buf = nil
	return err
}
