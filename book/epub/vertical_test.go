package epub

import (
	"bytes"
	"strings"
	"testing"
)

// TestVertical: a vertical book turns its pages right to left and sets its text in
// vertical-rl; a horizontal one has neither.
func TestVertical(t *testing.T) {
	for _, vertical := range []bool{false, true} {
		_, files := entries(t, write(t, seedBook(t), Options{Vertical: vertical}))
		var opf, css []byte
		for name, data := range files {
			switch {
			case strings.HasSuffix(name, ".opf"):
				opf = data
			case strings.HasSuffix(name, "/book.css"):
				css = data
			}
		}
		if got := bytes.Contains(opf, []byte(`<spine toc="ncx" page-progression-direction="rtl">`)); got != vertical {
			t.Errorf("vertical=%v: spine rtl %v", vertical, got)
		}
		if got := bytes.Contains(css, []byte("writing-mode: vertical-rl;")); got != vertical {
			t.Errorf("vertical=%v: writing-mode vertical-rl %v", vertical, got)
		}
	}
}
