package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
)

// loadBytes runs the loader on one in-memory file, as Load does for a single
// file on disk, and returns the loader so tests can see what it removed.
func loadBytes(t testing.TB, root, name string, data []byte, opts Options) (*book.Book, *loader, string, error) {
	t.Helper()
	l := newLoader(opts)
	l.root = root
	enc, err := parseEncoding(opts.Encoding)
	if err != nil {
		return nil, l, "", err
	}
	text, encName, err := decode(data, enc)
	if err != nil {
		return nil, l, "", err
	}
	if strings.TrimSpace(strings.ReplaceAll(text, "\u3000", "")) == "" {
		return nil, l, "", os.ErrInvalid
	}
	f := srcFile{name: name, path: filepath.Join(root, name)}
	var cs []*book.Chapter
	if isMarkdown(name) {
		cs = l.parseMarkdown(f, text, true)
	} else {
		cs = l.parseText(name, text, true)
	}
	l.stats.Encoding = encName
	if len(cs) == 0 {
		return nil, l, "", ErrNoChapters
	}
	b := &book.Book{Chapters: cs, Images: l.images}
	l.assignIDs(b)
	b.Meta = l.metadata(name)
	return b, l, text, nil
}

// visible collects every string the book shows or keeps: metadata, titles,
// block texts, link targets, image sources and alt texts, code languages, notes.
func visible(b *book.Book) []string {
	m := b.Meta
	out := []string{m.Title, m.Subtitle, m.Author, m.Language, m.Publisher, m.Date, m.Description, m.Identifier, m.Cover}
	var blocks func(bs []book.Block)
	runs := func(rs []book.Run) {
		for _, r := range rs {
			out = append(out, r.Text, r.Href)
		}
	}
	blocks = func(bs []book.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *book.Paragraph:
				runs(bl.Runs)
			case *book.Heading:
				runs(bl.Runs)
			case *book.Quote:
				blocks(bl.Blocks)
			case *book.List:
				for _, it := range bl.Items {
					blocks(it)
				}
			case *book.CodeBlock:
				out = append(out, bl.Text, bl.Lang)
			case *book.Image:
				out = append(out, bl.Src, bl.Alt, bl.Title)
			case *book.Table:
				for _, c := range bl.Header {
					runs(c.Runs)
				}
				for _, r := range bl.Rows {
					for _, c := range r {
						runs(c.Runs)
					}
				}
			case *book.Break:
				// a scene break holds no text
			}
		}
	}
	for _, c := range b.Chapters {
		out = append(out, c.Title, c.Subtitle)
		blocks(c.Blocks)
		for _, n := range c.Notes {
			blocks(n.Blocks)
		}
	}
	return out
}

// runeCounts counts the runes that pass keep.
func runeCounts(ss []string, keep func(rune) bool) map[rune]int {
	m := map[rune]int{}
	for _, s := range ss {
		for _, r := range s {
			if keep(r) {
				m[r]++
			}
		}
	}
	return m
}

// checkAccounted fails when a rune of the input is neither in the book nor in
// what the loader reported as removed (warnings) or consumed as markup.
func checkAccounted(t *testing.T, input string, b *book.Book, l *loader, keep func(rune) bool) {
	t.Helper()
	in := runeCounts([]string{input}, keep)
	pool := append(visible(b), l.removed...)
	pool = append(pool, l.markup...)
	out := runeCounts(pool, keep)
	for r, n := range in {
		if out[r] < n {
			t.Fatalf("%q (U+%04X) occurs %d times in the input but only %d times in the book and the removal reports\ninput: %q", r, r, n, out[r], shorten(input, 300))
		}
	}
}

func nonSpace(r rune) bool { return !unicode.IsSpace(r) && !isSpace(r) && r != utf8RuneError }

const utf8RuneError = '\uFFFD'

// checkModel checks structural invariants: unique IDs, positions inside the
// file, no empty paragraphs.
func checkModel(t *testing.T, b *book.Book, lines int) {
	t.Helper()
	ids := map[string]bool{}
	for _, c := range b.Chapters {
		if ids[c.ID] {
			t.Fatalf("duplicate ID %s", c.ID)
		}
		ids[c.ID] = true
		c.Walk(func(bl book.Block) bool {
			if h, ok := bl.(*book.Heading); ok {
				if ids[h.ID] || h.ID == "" {
					t.Fatalf("duplicate or empty heading ID %q", h.ID)
				}
				ids[h.ID] = true
			}
			if p, ok := bl.(*book.Paragraph); ok && len(p.Runs) == 0 {
				t.Fatalf("empty paragraph at %v", p.At)
			}
			if ln := bl.Pos().Line; ln < 1 || ln > lines {
				t.Fatalf("block at line %d outside 1..%d", ln, lines)
			}
			return true
		})
	}
}

// seeds adds the seed manuscript and the golden inputs to a fuzz corpus.
func seeds(f *testing.F, ext string) {
	f.Helper()
	if ext == ".txt" {
		if m, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(f), "source", "*.txt")); len(m) > 0 {
			if data, err := os.ReadFile(m[0]); err == nil {
				f.Add(data)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, part := range strings.Split(string(data), "\n-- ") {
			name, body, ok := strings.Cut(part, " --\n")
			if ok && strings.HasSuffix(name, ext) {
				f.Add([]byte(body))
			}
		}
	}
}

// FuzzText: the plain-text loader never panics; every non-space character of
// the input reaches the book or is reported as removed (checked with
// normalisation off); with normalisation on, the book has the same structure
// and each text is the normalisation of the un-normalised one.
func FuzzText(f *testing.F) {
	seeds(f, ".txt")
	f.Add([]byte("第一章 甲\n正文,文字...\n第二章：乙\n\"引号\"--破折号\n"))
	f.Add([]byte("\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		raw, l, text, err := loadBytes(t, root, "in.txt", data, Options{NoNormalize: true})
		if err != nil {
			return
		}
		checkAccounted(t, text, raw, l, nonSpace)
		checkModel(t, raw, strings.Count(text, "\n")+1)
		norm, _, _, err := loadBytes(t, root, "in.txt", data, Options{})
		if err != nil {
			t.Fatalf("normalised load failed: %v", err)
		}
		if len(norm.Chapters) != len(raw.Chapters) {
			t.Fatalf("%d chapters normalised, %d not", len(norm.Chapters), len(raw.Chapters))
		}
		n := &normalizer{}
		for i, c := range raw.Chapters {
			nc := norm.Chapters[i]
			if nc.Title != n.normalize(c.Title) || len(nc.Blocks) != len(c.Blocks) {
				t.Fatalf("chapter %d: %q/%d vs %q/%d", i, nc.Title, len(nc.Blocks), c.Title, len(c.Blocks))
			}
			for k := range c.Blocks {
				if got, want := book.Text(nc.Blocks[k]), n.normalize(book.Text(c.Blocks[k])); got != want {
					t.Fatalf("chapter %d block %d:\n got %q\nwant %q", i, k, got, want)
				}
			}
		}
	})
}

// FuzzMarkdown: the Markdown converter never panics, keeps the model's nesting
// bounded, and every non-ASCII letter or digit of the input reaches the book or
// is reported as removed (ASCII is left out: it is mostly markup).
func FuzzMarkdown(f *testing.F) {
	seeds(f, ".md")
	f.Add([]byte("# 标题\n\n> 引用 *强调* **粗体** `代码` [链接](https://x.cn \"题\")\n\n- 一\n  - 二\n\n| a | b |\n|---|---|\n| 中 | 文 | 多 |\n\n[^1]\n\n[^1]: 注\n"))
	f.Add([]byte("<img src=\"a.png\" alt=\"图\"><script>坏</script>&#x4E2D;[参考][甲]\n\n[甲]: https://例子.cn \"标题\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		b, l, text, err := loadBytes(t, root, "in.md", data, Options{NoNormalize: true})
		if err != nil {
			return
		}
		keep := func(r rune) bool {
			return r >= 0x80 && r != utf8RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r))
		}
		checkAccounted(t, text, b, l, keep)
		checkModel(t, b, strings.Count(text, "\n")+1)
		for _, c := range b.Chapters {
			if d := depth(c.Blocks); d > maxDepth+1 {
				t.Fatalf("nesting %d beyond the cap", d)
			}
		}
		if _, _, _, err := loadBytes(t, root, "in.md", data, Options{}); err != nil {
			t.Fatalf("normalised load failed: %v", err)
		}
	})
}
