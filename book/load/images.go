package load

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/gif" // register the decoders NewAsset reads headers with
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"cjkbook/book"
	"cjkbook/book/svg"
)

// maxImageSize bounds one image file. Large pictures (50 megapixels and more)
// are fine: only the header is decoded here.
const maxImageSize = 256 << 20

// realDir returns the absolute path of dir with symlinks resolved.
func realDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// insideRoot checks that p, with symlinks resolved, lies inside root.
func insideRoot(root, p string) error {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return err
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return fmt.Errorf("it leads outside the source folder (to %s) through a symlink; refused", real)
	}
	return nil
}

// readImage resolves an image reference of file f, reads and identifies the image
// (NewAsset) and stores it in the book's images under a clean path relative to the
// source folder, which it returns. Problems are warnings; ok is false then.
func (l *loader) readImage(f srcFile, src string, at book.Pos) (string, bool) {
	src = strings.TrimSpace(src)
	if src == "" {
		l.warn(at, "image without a source; skipped")
		return "", false
	}
	if u, err := url.Parse(src); err == nil && (u.Scheme != "" || u.Host != "") {
		l.warn(at, "remote image %q is not included; download it into the source folder and use a relative path", shorten(src, 80))
		return "", false
	}
	if strings.Contains(src, "%") {
		if p, err := url.PathUnescape(src); err == nil {
			src = p
		}
	}
	if i := strings.IndexAny(src, "?#"); i >= 0 {
		src = src[:i]
	}
	if path.IsAbs(src) || filepath.IsAbs(src) || strings.Contains(src, "\\") {
		l.warn(at, "image %q: absolute paths are refused; use a path relative to the file", shorten(src, 80))
		return "", false
	}
	// The file's folder relative to the root.
	fileDir, err := filepath.Rel(l.root, mustReal(filepath.Dir(f.path)))
	if err != nil {
		fileDir = "."
	}
	key := path.Clean(path.Join(filepath.ToSlash(fileDir), src))
	if key == ".." || strings.HasPrefix(key, "../") || key == "." {
		l.warn(at, "image %q is outside the source folder; refused", shorten(src, 80))
		return "", false
	}
	if _, ok := l.images[key]; ok {
		return key, true
	}
	full := filepath.Join(l.root, filepath.FromSlash(key))
	fi, err := os.Lstat(full)
	if err != nil {
		l.warn(at, "image %q not found (%s); put the file there or fix the path", shorten(src, 80), key)
		return "", false
	}
	if err := insideRoot(l.root, full); err != nil {
		l.warn(at, "image %q: %v", shorten(src, 80), err)
		return "", false
	}
	if fi.Mode()&os.ModeSymlink == 0 && !fi.Mode().IsRegular() {
		l.warn(at, "image %q is not a regular file; skipped", shorten(src, 80))
		return "", false
	}
	if st, err := os.Stat(full); err == nil && st.Size() > maxImageSize {
		l.warn(at, "image %q is %d MB, more than %d MB; skipped", shorten(src, 80), st.Size()>>20, maxImageSize>>20)
		return "", false
	}
	data, err := os.ReadFile(full)
	if err != nil {
		l.warn(at, "image %q: %v", shorten(src, 80), err)
		return "", false
	}
	a, err := NewAsset(key, data)
	if err != nil {
		l.warn(at, "image %q: %v; skipped", shorten(src, 80), err)
		return "", false
	}
	l.images[key] = a
	return key, true
}

func mustReal(dir string) string {
	r, err := realDir(dir)
	if err != nil {
		return dir
	}
	return r
}

// NewAsset identifies an image file's bytes, once for the whole build, and returns
// the book's asset for it under name: PNG, JPEG and GIF whose header decodes to a
// pixel size and whose end marker is there, and SVG without scripts or event
// handlers that reads as XML to its end, parsed into its drawing. An SVG the SVG
// reader cannot draw is kept without a Drawing, the reason in DrawErr (the EPUB
// may still show it; the PDF sets its alt text). The error says why data is not
// an image the books can carry.
func NewAsset(name string, data []byte) (*book.Asset, error) {
	a := &book.Asset{Name: name, Data: data}
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")),
		bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("not a valid image: %w", err)
		}
		if cfg.Width <= 0 || cfg.Height <= 0 {
			return nil, fmt.Errorf("not a valid image: %s with no pixels (%dx%d)", format, cfg.Width, cfg.Height)
		}
		if !hasTrailer(data, format) {
			return nil, fmt.Errorf("not a valid image: truncated or corrupt %s (no end marker)", format)
		}
		// format is "png", "jpeg" or "gif": the subtype of the media type.
		a.MediaType, a.Width, a.Height = "image/"+format, cfg.Width, cfg.Height
		return a, nil
	case svg.Sniff(data):
		low := bytes.ToLower(data)
		for _, bad := range []string{"<script", "javascript:", "<foreignobject", "<iframe", "<embed", "<object"} {
			if bytes.Contains(low, []byte(bad)) {
				return nil, fmt.Errorf("SVG holds active content (%s)", bad)
			}
		}
		if hasEventAttr(low) {
			return nil, fmt.Errorf("SVG holds event-handler attributes (on…=)")
		}
		if err := wellFormed(data); err != nil {
			return nil, fmt.Errorf("not a valid SVG: %w; fix or re-export the file", err)
		}
		a.MediaType = book.MediaSVG
		if d, err := svg.Parse(data); err != nil {
			a.DrawErr = err
		} else {
			a.Drawing = d
		}
		return a, nil
	}
	return nil, fmt.Errorf("not an image (only PNG, JPEG, GIF and SVG are supported)")
}

// wellFormed reads an SVG as XML to its end, so that a truncated or broken drawing is
// refused here, with the file and line, rather than left out of one book and framed in the
// other. HTML's named entities (&nbsp; …) are accepted; entities the file declares itself
// are not (neither book's SVG reader expands them).
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// hasTrailer checks the end marker of a PNG (IEND chunk), GIF (0x3B) or JPEG
// (EOI, possibly followed by a little padding): a cheap test for truncated files
// that leaves a 50-megapixel picture undecoded.
func hasTrailer(data []byte, format string) bool {
	switch format {
	case "png":
		return bytes.HasSuffix(data, []byte("IEND\xAE\x42\x60\x82"))
	case "gif":
		t := bytes.TrimRight(data, "\x00")
		return len(t) > 0 && t[len(t)-1] == 0x3B
	case "jpeg":
		tail := data
		if len(tail) > 2048 {
			tail = tail[len(tail)-2048:]
		}
		return bytes.Contains(tail, []byte{0xFF, 0xD9})
	}
	return true
}

// hasEventAttr finds an on…= attribute (onload=, onclick= …) in lower-cased markup.
func hasEventAttr(low []byte) bool {
	for i := 0; i+3 < len(low); i++ {
		if low[i] != 'o' || low[i+1] != 'n' || i == 0 {
			continue
		}
		if c := low[i-1]; c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/' {
			continue
		}
		j := i + 2
		for j < len(low) && low[j] >= 'a' && low[j] <= 'z' {
			j++
		}
		for j < len(low) && (low[j] == ' ' || low[j] == '\t' || low[j] == '\n') {
			j++
		}
		if j > i+2 && j < len(low) && low[j] == '=' {
			return true
		}
	}
	return false
}
