package build

import (
	"os"
	"path/filepath"
	"time"

	"cjkbook/book"
	"cjkbook/book/load"
)

// editionTime is when the edition was made, for the EPUB's dcterms:modified when
// SOURCE_DATE_EPOCH is unset: the newest modification time of the files the book is made
// from (the manuscript files, book.toml, the pictures and the font files), so that
// unchanged sources give the same book and an edit dates the new edition. It is zero when
// none of them can be read.
func editionTime(s Settings, st load.Stats, b *book.Book) time.Time {
	root := s.Src
	var paths []string
	if fi, err := os.Stat(s.Src); err == nil && fi.IsDir() {
		paths = append(paths, filepath.Join(s.Src, "book.toml"))
	} else {
		root = filepath.Dir(s.Src)
	}
	for _, src := range st.Sources {
		paths = append(paths, filepath.FromSlash(src.File))
	}
	for key := range b.Images {
		paths = append(paths, filepath.Join(root, filepath.FromSlash(key)))
	}
	paths = append(paths, s.Fonts.Regular, s.Fonts.Bold)
	paths = append(paths, s.Fonts.Fallbacks...)
	var newest time.Time
	for _, p := range paths {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
	}
	return newest.UTC().Truncate(time.Second)
}
