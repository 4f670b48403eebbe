package htmlmodel

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"cjkbook/book"
	"cjkbook/book/internal/golden"
)

// TestGolden converts the `in.html` of every testdata/*.txtar case and compares
// the blocks' dump, the diagnostics and the dropped text with its `want`
// section (go test -update rewrites it). Images whose src starts with "local/"
// resolve to themselves; all others are missing.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar cases")
	}
	g := golden.Open(t, "testdata", ".txtar")
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in []byte
			for _, f := range ar.Files {
				if f.Name == "in.html" {
					in = f.Data
				}
			}
			g.CheckTxtar(t, name, "want", []byte(convertCase(t, in)))
		})
	}
}

func convertCase(t *testing.T, in []byte) string {
	t.Helper()
	opts := Options{File: "in.html", Image: func(src string, at book.Pos) (string, bool) {
		return src, strings.HasPrefix(src, "local/")
	}}
	res, err := ConvertBytes(in, opts)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	var b bytes.Buffer
	bk := &book.Book{Chapters: []*book.Chapter{{ID: "ch1", Title: "-", Blocks: res.Blocks}}}
	if err := book.Dump(&b, bk); err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		fmt.Fprintf(&b, "warning: %s\n", d)
	}
	for _, d := range res.Dropped {
		fmt.Fprintf(&b, "dropped %s %s: %q\n", d.At, d.Why, d.Text)
	}
	return b.String()
}
