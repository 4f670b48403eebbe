package build

import (
	"strings"
	"testing"
)

// FuzzDecodeConfig feeds arbitrary bytes to the book.toml decoder: it must never panic,
// and an error must name the file; a config that decodes must decode again the same way.
func FuzzDecodeConfig(f *testing.F) {
	for _, seed := range []string{
		"title = \"书\"\nauthor = \"某\"\nchapters = [\"a.txt\", \"b.md\"]\n",
		"[pdf]\npage-size = \"A5\"\nmargins = { top = \"20mm\", inner = \"18mm\" }\nchapters-on-odd-pages = true\n",
		"[epub]\ntoc-page = true\n",
		"fallback-fonts = [\"a.ttf\", \"b.ttf\"]\nstrict = true\nkeep-boilerplate = false\n",
		"titel = \"typo\"\n",
		"[book]\ntitle = \"x\"\n",
		"title = \n",
		"[pdf.margins]\ntop = \"1in\"\nleft = \"2in\"\n",
		"title = '''\n多行\n'''\n",
		"\"title\" = \"quoted key\"\n[[chapters]]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeConfig("book.toml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "book.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		c2, err := DecodeConfig("book.toml", data)
		if err != nil || c2.Title != c.Title || len(c2.Chapters) != len(c.Chapters) {
			t.Fatalf("second decode differs: %v", err)
		}
		if c.PDF.Margins.Top != "" {
			_, _ = ParseLength(c.PDF.Margins.Top) // must not panic on any string
		}
	})
}
