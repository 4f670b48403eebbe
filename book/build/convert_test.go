package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
)

// TestSeedTraditional builds the seed with script = "traditional": the title, the chapters and
// every block come back converted from both books, in order and once.
func TestSeedTraditional(t *testing.T) {
	root := testenv.RepoRoot(t)
	src := t.TempDir()
	data, err := os.ReadFile(filepath.Join(root, "source", "北京抗疫纪录片《背水一战》观后感范文.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "essay.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "book.toml"), []byte("title = \"北京抗疫纪录片《背水一战》观后感范文\"\nscript = \"traditional\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	b := res.Book
	if want := "北京抗疫紀錄片《背水一戰》觀後感範文"; b.Meta.Title != want {
		t.Errorf("title %q, want %q", b.Meta.Title, want)
	}
	if b.Meta.Language != "zh-Hant" {
		t.Errorf("language %q, want zh-Hant", b.Meta.Language)
	}
	if filepath.Base(res.PDFPath) != "北京抗疫紀錄片《背水一戰》觀後感範文.pdf" {
		t.Errorf("PDF named %s", res.PDFPath)
	}
	var text strings.Builder
	for _, c := range b.Chapters {
		text.WriteString(c.Title)
	}
	if strings.ContainsAny(text.String(), "纪录战观后") {
		t.Errorf("chapter titles not converted: %q", text.String())
	}
	checkInOrder(t, b, bodyText(t, res.PDFPath, layout.DefaultOptions()), res.Missing...)
	checkInOrder(t, b, epubText(t, res.EPUBPath))

	// --to-simplified on top of book.toml's traditional gives the Simplified title back.
	res2, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), Script: "simplified", PDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := "北京抗疫纪录片《背水一战》观后感范文"; res2.Book.Meta.Title != want {
		t.Errorf("simplified title %q, want %q", res2.Book.Meta.Title, want)
	}
}
