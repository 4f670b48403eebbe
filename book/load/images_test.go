package load

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/svg"
)

// encoded returns a w×h picture in format ("png", "jpeg" or "gif").
func encoded(t testing.TB, format string, w, h int) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White, color.Black})
	img.SetColorIndex(0, 0, 1)
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const drawing = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/><text x="2" y="15">图</text></svg>`

// TestNewAsset: PNG, JPEG and GIF are identified with their pixel size, SVG with
// its parsed drawing (or, when the SVG reader cannot draw it, kept with the reason);
// truncated, empty and active files are refused with a reason.
func TestNewAsset(t *testing.T) {
	pngData, jpegData, gifData := encoded(t, "png", 30, 20), encoded(t, "jpeg", 30, 20), encoded(t, "gif", 30, 20)
	cases := []struct {
		name    string
		data    []byte
		media   string
		w, h    int
		drawing bool   // a parsed Drawing
		drawErr string // substring of DrawErr
		err     string // substring of the refusal; "" = accepted
	}{
		{"PNG", pngData, book.MediaPNG, 30, 20, false, "", ""},
		{"JPEG", jpegData, book.MediaJPEG, 30, 20, false, "", ""},
		{"GIF", gifData, book.MediaGIF, 30, 20, false, "", ""},
		{"SVG", []byte(drawing), book.MediaSVG, 0, 0, true, "", ""},
		{"SVG with prolog", []byte("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- made by hand -->\n" + drawing), book.MediaSVG, 0, 0, true, "", ""},
		{"SVG without a size", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), book.MediaSVG, 0, 0, false, "no size", ""},
		{"truncated PNG", pngData[:len(pngData)-12], "", 0, 0, false, "", "truncated or corrupt png"},
		{"truncated JPEG", jpegData[:len(jpegData)-2], "", 0, 0, false, "", "truncated or corrupt jpeg"},
		{"truncated GIF", gifData[:len(gifData)-1], "", 0, 0, false, "", "truncated or corrupt gif"},
		{"PNG header only", pngData[:20], "", 0, 0, false, "", "not a valid image"},
		{"GIF magic only", []byte("GIF89a but not really"), "", 0, 0, false, "", "not a valid image"},
		{"broken SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><g></svg>`), "", 0, 0, false, "", "not a valid SVG"},
		{"truncated SVG", []byte(drawing[:len(drawing)/2]), "", 0, 0, false, "", "not a valid SVG"},
		{"SVG with a script", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "", 0, 0, false, "", "active content (<script)"},
		{"SVG with an event handler", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>`), "", 0, 0, false, "", "event-handler"},
		{"HTML", []byte("<html><body>图</body></html>"), "", 0, 0, false, "", "not an image"},
		{"empty", nil, "", 0, 0, false, "", "not an image"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := NewAsset("img/x", c.data)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || a != nil {
					t.Fatalf("NewAsset = %+v, %v; want no asset and an error containing %q", a, err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Name != "img/x" || a.MediaType != c.media || a.Width != c.w || a.Height != c.h || !bytes.Equal(a.Data, c.data) {
				t.Errorf("asset %q %s %d×%d (%d bytes), want %s %d×%d (%d bytes)", a.Name, a.MediaType, a.Width, a.Height, len(a.Data), c.media, c.w, c.h, len(c.data))
			}
			if d, ok := a.Drawing.(*svg.Drawing); ok != c.drawing {
				t.Errorf("drawing %v, want one: %v", a.Drawing, c.drawing)
			} else if ok {
				if w, h := d.Size(); w != 30 || h != 15 { // 40×20 px
					t.Errorf("drawing %v×%v pt, want 30×15", w, h)
				}
			}
			if c.drawErr == "" && a.DrawErr != nil || c.drawErr != "" && (a.DrawErr == nil || !strings.Contains(a.DrawErr.Error(), c.drawErr)) {
				t.Errorf("DrawErr %v, want %q", a.DrawErr, c.drawErr)
			}
		})
	}
}

// TestImageWarnings: an image the loader refuses is warned about at the file and
// line that show it, and left out of the book's images.
func TestImageWarnings(t *testing.T) {
	pngData := encoded(t, "png", 8, 8)
	for name, data := range map[string][]byte{
		"truncated.png": pngData[:len(pngData)/2],
		"broken.svg":    []byte(`<svg xmlns="http://www.w3.org/2000/svg"><g>`),
		"fake.gif":      []byte("GIF89a"),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			md := "# 图\n\n前文。\n\n![坏图](" + name + ")\n"
			if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(md), 0o644); err != nil {
				t.Fatal(err)
			}
			b, diags, err := Load(filepath.Join(dir, "a.md"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			found := false
			for _, d := range diags {
				got = append(got, d.String())
				found = found || filepath.Base(d.At.File) == "a.md" && d.At.Line == 5 &&
					strings.HasPrefix(d.Msg, "image \""+name+"\": not a valid") && strings.HasSuffix(d.Msg, "; skipped")
			}
			if !found {
				t.Errorf("no warning at a.md:5 in %q", got)
			}
			if len(b.Images) != 0 {
				t.Errorf("images %v, want none", b.Images)
			}
		})
	}
}

// FuzzNewAsset identifies arbitrary bytes: never a panic, and every asset it
// accepts is complete: a raster image with its pixel size, an SVG with a drawing
// or the reason it has none.
func FuzzNewAsset(f *testing.F) {
	f.Add(encoded(f, "png", 3, 2))
	f.Add(encoded(f, "jpeg", 3, 2))
	f.Add(encoded(f, "gif", 3, 2))
	f.Add([]byte(drawing))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := NewAsset("x", data)
		if err != nil {
			if a != nil {
				t.Fatal("an asset with the error")
			}
			return
		}
		switch a.MediaType {
		case book.MediaPNG, book.MediaJPEG, book.MediaGIF:
			if a.Width <= 0 || a.Height <= 0 || a.Drawing != nil {
				t.Fatalf("raster asset %s %d×%d, drawing %v", a.MediaType, a.Width, a.Height, a.Drawing)
			}
		case book.MediaSVG:
			if (a.Drawing == nil) == (a.DrawErr == nil) {
				t.Fatalf("SVG asset with drawing %v and DrawErr %v", a.Drawing, a.DrawErr)
			}
		default:
			t.Fatalf("media type %q", a.MediaType)
		}
	})
}
