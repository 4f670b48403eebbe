package htmlmodel

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"cjkbook/book"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar from the current output")

// TestGolden converts the `in.html` of every testdata/*.txtar case and compares
// the blocks' dump, the diagnostics and the dropped text with its `want`
// section. Images whose src starts with "local/" resolve to themselves; all
// others are missing.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in []byte
			want := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "in.html":
					in = f.Data
				case "want":
					want = i
				}
			}
			got := convertCase(t, in)
			if *update {
				if want < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					want = len(ar.Files) - 1
				}
				ar.Files[want].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatal("no want section; run with -update")
			}
			if w := string(ar.Files[want].Data); w != got {
				t.Errorf("output differs from want (run with -update to accept):\n--- got\n%s\n--- want\n%s", got, w)
			}
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
