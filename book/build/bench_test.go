package build_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/epub"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/load"
	"cjkbook/book/pdf"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
)

// novelSource returns the novel 红楼梦 from the shared corpus, or, when it is absent, a
// generated manuscript of about 1,000,000 characters (the seed's essays repeated under
// 300 chapter headings), so the stage benchmarks always have a book-sized input.
func novelSource(b *testing.B) string {
	b.Helper()
	p := filepath.Join(testenv.RepoRoot(b), "..", "shared", "corpus", "hongloumeng", "hongloumeng.txt")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	seed, err := os.ReadFile(testenv.Seed(b))
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(seed), "\n")[4:]
	var sb strings.Builder
	sb.WriteString("生成的长书\n\n")
	for i := 1; sb.Len() < 3_000_000; i++ {
		sb.WriteString("第" + itoa(i) + "章　样章\n\n")
		for _, l := range lines {
			if !strings.Contains(l, "观后感范文") {
				sb.WriteString(l + "\n\n")
			}
		}
	}
	out := filepath.Join(b.TempDir(), "generated.txt")
	if err := os.WriteFile(out, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Logf("corpus absent: benchmarking a generated %d-byte manuscript", sb.Len())
	return out
}

// BenchmarkStages times each stage of a build of the novel on its own: load, glyph check,
// layout, PDF write, EPUB write (with its font subsetting and cover), and font subsetting.
func BenchmarkStages(b *testing.B) {
	src := novelSource(b)
	reg, bold, err := fonts.Default()
	if err != nil {
		b.Fatal(err)
	}
	faces := build.Faces{Regular: reg, Bold: bold}
	loaded, err := build.Load(build.Options{Src: src})
	if err != nil {
		b.Fatal(err)
	}
	bk := loaded.Book
	metrics := []layout.Metrics{reg, bold}
	lopts := layout.DefaultOptions()
	doc, err := layout.Layout(bk, metrics, lopts)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := load.Load(src, load.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("glyphcheck", func(b *testing.B) {
		for b.Loop() {
			_, _ = build.CheckGlyphs(bk, faces, false)
		}
	})
	b.Run("layout", func(b *testing.B) {
		for b.Loop() {
			if _, err := layout.Layout(bk, metrics, lopts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pdf", func(b *testing.B) {
		for b.Loop() {
			if err := pdf.Write(io.Discard, doc, faces.All(), bk.Images, pdf.DefaultOptions()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("epub", func(b *testing.B) {
		for b.Loop() {
			if err := epub.Write(io.Discard, bk, epub.Faces{Regular: reg, Bold: bold}, epub.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("subset", func(b *testing.B) {
		var runes []rune
		seen := map[rune]bool{}
		bk.Runes(func(r rune, _ book.Pos) {
			if !seen[r] {
				seen[r] = true
				runes = append(runes, r)
			}
		})
		for b.Loop() {
			if _, err := fonts.SubsetWith(reg, runes, epub.FontOptions); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBuildNovel times a whole build (both books written to disk) as the CLI runs it.
func BenchmarkBuildNovel(b *testing.B) {
	src := novelSource(b)
	out := b.TempDir()
	for b.Loop() {
		if _, err := build.Run(context.Background(), build.Options{Src: src, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
