package load

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/internal/testenv"
)

// TestSeed pins the user's manuscript: title, language, a short front section
// without the 小编 sentence, three distinct body chapters whose paragraphs are
// exactly the seed's lines (punctuation normalised).
func TestSeed(t *testing.T) {
	path := testenv.Seed(t)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	for _, normalize := range []bool{true, false} {
		t.Run(fmt.Sprintf("normalize=%v", normalize), func(t *testing.T) {
			b, diags, err := Load(path, Options{NoNormalize: !normalize})
			if err != nil {
				t.Fatal(err)
			}
			if want := "北京抗疫纪录片《背水一战》观后感范文"; b.Meta.Title != want {
				t.Errorf("title = %q, want %q", b.Meta.Title, want)
			}
			if b.Meta.Language != "zh-CN" || b.Meta.Encoding != "utf-8" {
				t.Errorf("language, encoding = %q, %q", b.Meta.Language, b.Meta.Encoding)
			}
			if len(b.Chapters) != 4 {
				t.Fatalf("%d chapters, want 4 (front + 3)", len(b.Chapters))
			}
			front := b.Chapters[0]
			if front.Kind != book.Front || len(front.Blocks) != 1 {
				t.Fatalf("front = %v with %d blocks", front.Kind, len(front.Blocks))
			}
			intro := book.Text(front.Blocks[0])
			if strings.Contains(intro, "小编") || !strings.HasPrefix(intro, "突如其来的新冠疫情") || !strings.HasSuffix(intro, "事件。") {
				t.Errorf("introduction = %q", intro)
			}
			found := false
			for _, d := range diags {
				if strings.Contains(d.Msg, "小编") && d.At.Line == 3 && strings.HasSuffix(d.At.File, ".txt") {
					found = true
				}
			}
			if !found {
				t.Errorf("no warning at line 3 for the removed 小编 sentence: %v", diags)
			}
			n := &normalizer{}
			wantCounts := []int{5, 4, 5}
			starts := []int{5, 11, 16} // 1-based first paragraph line of each essay
			seen := map[string]bool{}
			for i, c := range b.Chapters[1:] {
				if c.Kind != book.Body || c.ID != fmt.Sprintf("ch%03d", i+2) {
					t.Errorf("chapter %d: kind %v id %s", i+1, c.Kind, c.ID)
				}
				key := c.Title + "|" + c.Subtitle
				if seen[key] || c.Subtitle == "" || c.Title != "第"+cjk.Numeral(i+1)+"篇" {
					t.Errorf("chapter %d: title %q subtitle %q not distinct and meaningful", i+1, c.Title, c.Subtitle)
				}
				seen[key] = true
				if len(c.Blocks) != wantCounts[i] {
					t.Fatalf("chapter %d: %d paragraphs, want %d", i+1, len(c.Blocks), wantCounts[i])
				}
				for k, bl := range c.Blocks {
					want := lines[starts[i]-1+k]
					if normalize {
						want = n.normalize(want)
					}
					if got := book.Text(bl); got != want {
						t.Errorf("chapter %d paragraph %d:\n got %q\nwant %q", i+1, k+1, got, want)
					}
					if bl.Pos().Line != starts[i]+k {
						t.Errorf("chapter %d paragraph %d at line %d, want %d", i+1, k+1, bl.Pos().Line, starts[i]+k)
					}
				}
			}
			if normalize && strings.ContainsAny(book.Text(b.Chapters[1].Blocks[0]), ",:!") {
				t.Errorf("ASCII punctuation left between CJK: %q", book.Text(b.Chapters[1].Blocks[0]))
			}
		})
	}
}

// TestCorpus loads the real texts and checks their structure.
func TestCorpus(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		chapters int
		first    string
		last     string
		title    string
	}{
		{"hongloumeng", "hongloumeng", 120, "第一回", "第一百二十回", "红楼梦"},
		{"hongloumeng-gbk", "hongloumeng-gbk", 120, "第一回", "第一百二十回", "红楼梦"},
		{"shuihuzhuan", "shuihuzhuan", 121, "楔子", "第一百二十回", "水浒传"},
		{"yecao", "luxun-essays/yecao", 25, "《野草》题辞", "《野草》英文译本序", ""},
		{"zhaohua-xishi", "luxun-essays/zhaohua-xishi", 12, "《朝花夕拾》小引", "后记", ""},
		{"trpl", "trpl-zh-cn/src", 7, "介绍", "最后的项目：构建多线程 web server", ""},
		{"copywriting", "zh-copywriting-guide", 2, "中文文案排版指北", "中文文案排版指北", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testenv.Corpus(t, tt.path)
			b, st, diags, err := LoadWithStats(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Chapters) != tt.chapters {
				t.Fatalf("%d chapters, want %d", len(b.Chapters), tt.chapters)
			}
			if got := b.Chapters[0].Title; got != tt.first {
				t.Errorf("first chapter %q, want %q", got, tt.first)
			}
			if got := b.Chapters[len(b.Chapters)-1].Title; got != tt.last {
				t.Errorf("last chapter %q, want %q", got, tt.last)
			}
			if tt.title != "" && b.Meta.Title != tt.title {
				t.Errorf("title %q, want %q", b.Meta.Title, tt.title)
			}
			if st.Boilerplate != 0 {
				t.Errorf("%d boilerplate removals in a clean text: %v", st.Boilerplate, diags)
			}
			for _, c := range b.Chapters {
				if len(c.Blocks) == 0 {
					t.Errorf("chapter %s %q is empty", c.ID, c.Title)
				}
			}
		})
	}
}

// TestCorpusLuxunTitles checks that each essay file is one chapter with the
// title from the corpus index.
func TestCorpusLuxunTitles(t *testing.T) {
	for _, dir := range []string{"luxun-essays/yecao", "luxun-essays/zhaohua-xishi"} {
		p := testenv.Corpus(t, dir)
		idx, err := os.ReadFile(filepath.Join(p, "index.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := Load(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		rows := strings.Split(strings.TrimSpace(string(idx)), "\n")[1:]
		if len(rows) != len(b.Chapters) {
			t.Fatalf("%s: %d chapters, index has %d", dir, len(b.Chapters), len(rows))
		}
		for i, row := range rows {
			f := strings.Split(row, "\t")
			if b.Chapters[i].Title != f[1] {
				t.Errorf("%s: chapter %d title %q, want %q", dir, i+1, b.Chapters[i].Title, f[1])
			}
		}
		// Hard wraps are joined: no paragraph of a wrapped essay ends mid-sentence
		// because of a line break, and CJK text is joined without spaces.
		for _, c := range b.Chapters {
			for _, bl := range c.Blocks {
				if s := book.Text(bl); strings.Contains(s, "\n") {
					t.Errorf("%s %s: newline left in %q", dir, c.Title, shorten(s, 40))
				}
			}
		}
	}
}

// TestCorpusGBKEqualsUTF8 decodes the GBK novel and compares it with the UTF-8 one.
func TestCorpusGBKEqualsUTF8(t *testing.T) {
	gbkDir := testenv.Corpus(t, "hongloumeng-gbk")
	utfDir := testenv.Corpus(t, "hongloumeng")
	raw, err := os.ReadFile(filepath.Join(gbkDir, "hongloumeng.gbk.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(utfDir, "hongloumeng.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []string{"", "gbk", "gb18030"} {
		s, err := parseEncoding(enc)
		if err != nil {
			t.Fatal(err)
		}
		got, name, err := decode(raw, s)
		if err != nil {
			t.Fatal(err)
		}
		if name != "gb18030" {
			t.Errorf("encoding=%q: detected %s", enc, name)
		}
		if got != string(want) {
			t.Errorf("encoding=%q: decoded text differs from the UTF-8 novel", enc)
		}
	}
	a, _, err := Load(gbkDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Load(utfDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var da, db bytes.Buffer
	a.Meta, b.Meta = book.Metadata{}, book.Metadata{}
	for _, bk := range []*book.Book{a, b} {
		for _, c := range bk.Chapters {
			c.At.File = ""
			c.Walk(func(bl book.Block) bool {
				if p, ok := bl.(*book.Paragraph); ok {
					p.At.File = ""
				}
				return true
			})
		}
	}
	_ = book.Dump(&da, a)
	_ = book.Dump(&db, b)
	if da.String() != db.String() {
		t.Error("the GBK and UTF-8 novels load into different books")
	}
}

// TestBadInput: the loader answers bad input with clear errors or warnings,
// never a panic, and quick.
func TestBadInput(t *testing.T) {
	type setup func(t *testing.T, dir string) string // returns the path to load
	write := func(name string, data []byte) setup {
		return func(t *testing.T, dir string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	tests := []struct {
		name    string
		setup   setup
		opts    Options
		wantErr string // substring of the error; "" = no error
		wantMsg string // substring of a warning
		check   func(t *testing.T, b *book.Book)
	}{
		{name: "missing path", setup: func(t *testing.T, dir string) string { return filepath.Join(dir, "nope") }, wantErr: "no such file"},
		{name: "empty folder", setup: func(t *testing.T, dir string) string { return dir }, wantErr: "no .txt, .md, .docx or .html files, nor an .epub"},
		{name: "folder with only book.toml and images", setup: func(t *testing.T, dir string) string {
			write("book.toml", []byte("title = \"x\"\n"))(t, dir)
			writePNG(t, filepath.Join(dir, "a.png"), 2, 2)
			return dir
		}, wantErr: "no .txt, .md, .docx or .html files"},
		{name: "empty file", setup: write("a.txt", nil), wantErr: "is empty"},
		{name: "whitespace-only file", setup: write("a.txt", []byte(" \n\u3000\u3000\n\t\n")), wantErr: "is empty"},
		{name: "binary named .txt", setup: write("a.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...)), wantErr: "binary data"},
		{name: "UTF-16 without BOM", setup: write("a.txt", []byte("H\x00e\x00l\x00l\x00o\x00 \x00w\x00o\x00r\x00l\x00d\x00")), wantErr: "set encoding to utf-16le"},
		{name: "not a manuscript", setup: write("a.pdf", []byte("%PDF-1.4")), wantErr: "not a .txt, .md or .docx file, nor a saved web page (.html, .htm) or an .epub"},
		{name: "invalid UTF-8 mixed with valid", setup: write("a.txt", []byte("第一行文字。\n第二行文字\xff\xfe坏了。\n第三行。\n")), wantErr: "invalid UTF-8 at byte offset 34 (line 2)"},
		{name: "invalid UTF-8 under encoding=utf-8", setup: write("a.txt", []byte("\xd6\xd0\xce\xc4")), opts: Options{Encoding: "utf-8"}, wantErr: "invalid UTF-8 at byte offset 0"},
		{name: "unknown encoding", setup: write("a.txt", []byte("好")), opts: Options{Encoding: "latin-9"}, wantErr: "unknown encoding"},
		{name: "odd UTF-16", setup: write("a.txt", []byte("\xff\xfe\x2d\x4e\x00")), wantErr: "odd number of bytes"},
		{name: "chapters entry outside folder", setup: func(t *testing.T, dir string) string {
			write("a.txt", []byte("甲。"))(t, dir)
			return dir
		}, opts: Options{Chapters: []string{"../a.txt"}}, wantErr: "outside the folder"},
		{name: "20 MB without line breaks", setup: write("big.txt", bytes.Repeat([]byte("很长的一行没有换行,"), 20<<20/28)), check: func(t *testing.T, b *book.Book) {
			if len(b.Chapters) != 1 || len(b.Chapters[0].Blocks) != 1 {
				t.Errorf("want one chapter with one paragraph, got %d chapters", len(b.Chapters))
			}
		}},
		{name: "10,000 small files", setup: func(t *testing.T, dir string) string {
			for i := 0; i < 10000; i++ {
				write(fmt.Sprintf("%05d.txt", i), []byte(fmt.Sprintf("第%d个文件。", i)))(t, dir)
			}
			return dir
		}, check: func(t *testing.T, b *book.Book) {
			if len(b.Chapters) != 10000 || b.Chapters[9999].ID != "ch10000" {
				t.Errorf("%d chapters", len(b.Chapters))
			}
		}},
		{name: "10,000 nested quotes", setup: write("q.md", []byte("# 深\n\n"+strings.Repeat(">", 10000)+" 文字\n")), wantMsg: "nested deeper than 16 levels", check: func(t *testing.T, b *book.Book) {
			if depth(b.Chapters[0].Blocks) > maxDepth+1 {
				t.Errorf("model nesting %d > cap", depth(b.Chapters[0].Blocks))
			}
		}},
		{name: "10,000 nested list levels", setup: write("l.md", []byte("# 深\n\n"+strings.Repeat("- ", 10000)+"文字\n")), wantMsg: "nested deeper than 16 levels", check: func(t *testing.T, b *book.Book) {
			if depth(b.Chapters[0].Blocks) > maxDepth+1 {
				t.Errorf("model nesting %d > cap", depth(b.Chapters[0].Blocks))
			}
		}},
		{name: "10,000 indented list levels", setup: write("l.md", []byte("# 深\n\n"+nestedList(2000))), wantMsg: "nested deeper than 16 levels"},
		{name: "image that is not an image", setup: func(t *testing.T, dir string) string {
			write("x.png", []byte("GIF89a but not really"))(t, dir)
			return write("a.md", []byte("# 图\n\n![x](x.png)\n"))(t, dir)
		}, wantMsg: "not a valid image"},
		{name: "50-megapixel image is fine", setup: func(t *testing.T, dir string) string {
			writePNG(t, filepath.Join(dir, "big.png"), 10000, 5000)
			return write("a.md", []byte("# 图\n\n![大](big.png)\n"))(t, dir)
		}, check: func(t *testing.T, b *book.Book) {
			if len(b.Images) != 1 {
				t.Errorf("the 50-megapixel image was not kept")
			}
		}},
		{name: "image outside the folder", setup: func(t *testing.T, dir string) string {
			sub := filepath.Join(dir, "book")
			_ = os.Mkdir(sub, 0o755)
			writePNG(t, filepath.Join(dir, "outside.png"), 2, 2)
			write("book/a.md", []byte("# 图\n\n![外](../outside.png)\n"))(t, dir)
			return sub
		}, wantMsg: "outside the source folder"},
		{name: "image through a symlink leaving the folder", setup: func(t *testing.T, dir string) string {
			sub := filepath.Join(dir, "book")
			_ = os.Mkdir(sub, 0o755)
			writePNG(t, filepath.Join(dir, "secret.png"), 2, 2)
			if err := os.Symlink(filepath.Join(dir, "secret.png"), filepath.Join(sub, "link.png")); err != nil {
				t.Skip("symlinks unsupported:", err)
			}
			write("book/a.md", []byte("# 图\n\n![链](link.png)\n"))(t, dir)
			return sub
		}, wantMsg: "through a symlink", check: func(t *testing.T, b *book.Book) {
			if len(b.Images) != 0 {
				t.Error("an image behind a symlink leaving the folder was read")
			}
		}},
		{name: "chapter file through a symlink leaving the folder", setup: func(t *testing.T, dir string) string {
			sub := filepath.Join(dir, "book")
			_ = os.Mkdir(sub, 0o755)
			write("secret.txt", []byte("秘密。"))(t, dir)
			write("book/a.txt", []byte("正文。"))(t, dir)
			if err := os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(sub, "b.txt")); err != nil {
				t.Skip("symlinks unsupported:", err)
			}
			return sub
		}, wantMsg: "through a symlink", check: func(t *testing.T, b *book.Book) {
			if len(b.Chapters) != 1 {
				t.Errorf("%d chapters: the symlinked file was read", len(b.Chapters))
			}
		}},
	}
	// stress names the big inputs, which run in the full tier only.
	stress := map[string]bool{"20 MB without line breaks": true, "10,000 small files": true, "50-megapixel image is fine": true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if stress[tt.name] {
				testenv.Slow(t, "a stress input")
			}
			dir := t.TempDir()
			p := tt.setup(t, dir)
			start := time.Now()
			b, diags, err := Load(p, tt.opts)
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d) // a hang guard, not a speed target (see the benchmarks)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				if b != nil {
					t.Error("a book came back with the error")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.wantMsg != "" && !hasMsg(diags, tt.wantMsg) {
				t.Errorf("no warning containing %q in %v", tt.wantMsg, diags)
			}
			if tt.check != nil {
				tt.check(t, b)
			}
		})
	}
}

func nestedList(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString(strings.Repeat("  ", i))
		sb.WriteString("- 第" + fmt.Sprint(i) + "层\n")
	}
	return sb.String()
}

func hasMsg(ds book.Diagnostics, s string) bool {
	for _, d := range ds {
		if strings.Contains(d.Msg, s) {
			return true
		}
	}
	return false
}

// depth returns the nesting depth of quotes and lists.
func depth(bs []book.Block) int {
	max := 0
	for _, b := range bs {
		d := 0
		switch b := b.(type) {
		case *book.Quote:
			d = 1 + depth(b.Blocks)
		case *book.List:
			for _, it := range b.Items {
				if x := 1 + depth(it); x > d {
					d = x
				}
			}
		default:
			// the other blocks nest nothing
		}
		if d > max {
			max = d
		}
	}
	return max
}

func TestErrNoChapters(t *testing.T) {
	_, _, err := Load(t.TempDir(), Options{})
	if !errors.Is(err, ErrNoChapters) {
		t.Errorf("error %v does not wrap ErrNoChapters", err)
	}
}

// BenchmarkLoadNovel loads the 880,000-character novel (target: well under 100 ms).
func BenchmarkLoadNovel(b *testing.B) {
	p := testenv.Corpus(b, "hongloumeng")
	b.ReportAllocs()
	for b.Loop() {
		bk, _, err := Load(p, Options{})
		if err != nil || len(bk.Chapters) != 120 {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadNovelGBK adds GBK detection and decoding.
func BenchmarkLoadNovelGBK(b *testing.B) {
	p := testenv.Corpus(b, "hongloumeng-gbk")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadMarkdown loads the trpl Markdown chapters with their images.
func BenchmarkLoadMarkdown(b *testing.B) {
	p := testenv.Corpus(b, "trpl-zh-cn/src")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadOneLine20MB loads a 20 MB file with no line break (target: a
// few seconds at most; about 1 s on the development machine).
func BenchmarkLoadOneLine20MB(b *testing.B) {
	p := filepath.Join(b.TempDir(), "big.txt")
	if err := os.WriteFile(p, bytes.Repeat([]byte("很长的一行没有换行,"), 20<<20/28), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := Load(p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCorpusConstructs checks that the Markdown samples bring every construct
// they use into the model.
func TestCorpusConstructs(t *testing.T) {
	tests := []struct {
		path string
		want []string // block kinds and run styles that must occur
	}{
		{"trpl-zh-cn/src", []string{"heading", "paragraph", "quote", "list", "code", "table", "image", "note", "emphasis", "strong", "codespan", "link"}},
		{"zh-copywriting-guide", []string{"heading", "paragraph", "quote", "list", "break", "codespan", "link"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			b, _, err := Load(testenv.Corpus(t, tt.path), Options{})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			runs := func(rs []book.Run) {
				for _, r := range rs {
					if r.Style&book.Emphasis != 0 {
						seen["emphasis"] = true
					}
					if r.Style&book.Strong != 0 {
						seen["strong"] = true
					}
					if r.Style&book.Code != 0 {
						seen["codespan"] = true
					}
					if r.Style&book.Link != 0 && strings.HasPrefix(r.Href, "http") {
						seen["link"] = true
					}
				}
			}
			for _, c := range b.Chapters {
				if len(c.Notes) > 0 {
					seen["note"] = true
				}
				c.Walk(func(bl book.Block) bool {
					seen[bl.Kind()] = true
					switch bl := bl.(type) {
					case *book.Paragraph:
						runs(bl.Runs)
					case *book.Image:
						if a := b.Images[bl.Src]; a == nil || len(a.Data) == 0 || a.MediaType == "" {
							t.Errorf("image %s has no bytes or no media type", bl.Src)
						}
					default:
						// Kind above is all this test asks of the other blocks
					}
					return true
				})
			}
			for _, w := range tt.want {
				if !seen[w] {
					t.Errorf("no %s in the loaded book", w)
				}
			}
		})
	}
}
