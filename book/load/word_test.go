package load

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"cjkbook/book"
)

// TestWordGolden loads every testdata/docx/*.docx (made by the tools named in
// testdata/docx/make.sh) and compares the book's Dump, the warnings and the
// counts with NAME.golden beside it (go test -run TestWordGolden -update
// rewrites them).
func TestWordGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "docx", "*.docx"))
	if len(files) == 0 {
		t.Fatal("no testdata/docx/*.docx; run testdata/docx/make.sh")
	}
	used := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".docx")
		golden := strings.TrimSuffix(file, ".docx") + ".golden"
		used[golden] = true
		t.Run(name, func(t *testing.T) {
			got := wordResult(t, file)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v; run go test -run TestWordGolden -update and review the file", err)
			}
			if got != string(want) {
				t.Errorf("%s differs (go test ./book/load -run TestWordGolden -update, then review the diff)\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
	all, _ := filepath.Glob(filepath.Join("testdata", "docx", "*.golden"))
	for _, g := range all {
		if !used[g] {
			t.Errorf("%s belongs to no .docx; delete it", g)
		}
	}
}

// wordResult loads one .docx and describes the result.
func wordResult(t *testing.T, file string) string {
	t.Helper()
	b, st, diags, err := LoadWithStats(file, Options{})
	var sb strings.Builder
	if err != nil {
		fmt.Fprintf(&sb, "error: %v\n", err)
	} else if err := book.Dump(&sb, b); err != nil {
		t.Fatal(err)
	}
	sb.WriteString("\n---- diagnostics\n")
	for _, d := range diags {
		sb.WriteString(d.String() + "\n")
	}
	fmt.Fprintf(&sb, "---- stats\nchapters=%d paragraphs=%d images=%d punct=%d word=%+v\n",
		st.Chapters, st.Paragraphs, st.Images, st.Punct.Total(), st.Word)
	if b != nil {
		keys := make([]string, 0, len(b.Images))
		for k := range b.Images {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&sb, "image %s (%d bytes)\n", k, len(b.Images[k]))
		}
	}
	return sb.String()
}
