package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"cjkbook/book"
	"cjkbook/book/epub"
	"cjkbook/book/pdf"
	"cjkbook/book/pdf/layout"
)

// writeBooks writes the books that s asks for, side by side, into temporary files in s.Out
// and, when both are complete, moves them to res.EPUBPath and res.PDFPath (a path is cleared
// when its book is not written). On an error no book is left behind.
func writeBooks(ctx context.Context, b *book.Book, faces Faces, doc *layout.Document, s Settings, res *Result) error {
	var wg sync.WaitGroup
	var epubTmp, pdfTmp string
	var epubErr, pdfErr error
	if s.Books.EPUB {
		wg.Add(1)
		go func() {
			defer wg.Done()
			eo := s.EPUB
			eo.Punct, eo.Hanging = s.Punct.For(b.Meta.Language), s.Punct.Hanging
			if s.EPUBPageList {
				eo.PageBreaks, eo.PageSource = PageBreaks(b, doc), filepath.Base(res.PDFPath)
			}
			epubTmp, epubErr = writeTemp(ctx, s.Out, func(w io.Writer) error {
				return epub.Write(w, b, epub.Faces{Regular: faces.Regular, Bold: faces.Bold, Fallbacks: faces.Fallbacks}, eo)
			})
		}()
	}
	if s.Books.PDF {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pdfTmp, pdfErr = writeTemp(ctx, s.Out, func(w io.Writer) error {
				return pdf.Write(w, doc, faces.All(), b.Images, s.PDF)
			})
		}()
	}
	wg.Wait()
	if err := errors.Join(epubErr, pdfErr, ctx.Err()); err != nil {
		removeAll(epubTmp, pdfTmp)
		return err
	}
	// Both books are complete: move them into place.
	for _, mv := range [][2]string{{epubTmp, res.EPUBPath}, {pdfTmp, res.PDFPath}} {
		if mv[0] == "" {
			continue
		}
		if err := os.Rename(mv[0], mv[1]); err != nil {
			removeAll(epubTmp, pdfTmp)
			return fmt.Errorf("write %s: %w", mv[1], err)
		}
	}
	if !s.Books.EPUB {
		res.EPUBPath = ""
	}
	if !s.Books.PDF {
		res.PDFPath = ""
	}
	return nil
}

func size(p string) int64 {
	if p == "" {
		return 0
	}
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

// writeTemp writes through fn into a new temporary file in dir and returns its path.
func writeTemp(ctx context.Context, dir string, fn func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", fmt.Errorf("output folder %s is not writable: %w", dir, err)
	}
	name := f.Name()
	err = fn(&ctxWriter{ctx: ctx, w: f})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		removeAll(name)
		return "", err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		removeAll(name)
		return "", fmt.Errorf("output folder %s: %w", dir, err)
	}
	return name, nil
}

// ctxWriter stops a write as soon as the build is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// removeAll removes the temporary files of a failed build, as far as it can: the build's
// error is what is reported.
func removeAll(paths ...string) {
	for _, p := range paths {
		if p != "" {
			_ = os.Remove(p) // best effort: the build's own error is the one reported
		}
	}
}

// sweepTemps removes temporary files left in dir by a build that was killed. One that
// cannot be removed is left for the next build to try again.
func sweepTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			_ = os.Remove(filepath.Join(dir, e.Name())) // left for the next build to try again
		}
	}
	return nil
}
