package project

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"cjkbook/book/build"
)

func TestInitBuilds(t *testing.T) {
	tests := []struct {
		name       string
		opts       Options
		uncomment  bool // enable every commented `# key = default` line
		wantTitle  string
		wantAuthor string
	}{
		{name: "defaults", wantTitle: "我的书", wantAuthor: "佚名"},
		{name: "quoted title", opts: Options{Title: `"引号" \ 与反斜杠`, Author: "某人"}, wantTitle: `"引号" \ 与反斜杠`, wantAuthor: "某人"},
		{name: "every default written out", uncomment: true, wantTitle: "我的书", wantAuthor: "佚名"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "我的书")
			written, err := Init(dir, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(written) != len(Files()) {
				t.Errorf("wrote %d files, Files() lists %d", len(written), len(Files()))
			}
			if tt.uncomment {
				uncommentDefaults(t, filepath.Join(dir, "book.toml"))
			}
			cfg, err := build.ReadConfig(dir)
			if err != nil {
				t.Fatalf("book.toml does not decode: %v", err)
			}
			if cfg.Title != tt.wantTitle || cfg.Author != tt.wantAuthor {
				t.Errorf("title, author = %q, %q; want %q, %q", cfg.Title, cfg.Author, tt.wantTitle, tt.wantAuthor)
			}
			res, err := build.Run(context.Background(), build.Options{Src: dir, Out: filepath.Join(dir, "out")})
			if err != nil {
				t.Fatalf("build of the new book: %v", err)
			}
			for _, d := range res.Diagnostics {
				t.Errorf("warning on the starter book: %s: %s", d.At, d.Msg)
			}
			if got := len(res.Book.Chapters); got != 2 {
				t.Errorf("%d chapters, want 2 (one Markdown, one plain text)", got)
			}
			if len(res.Book.Images) == 0 {
				t.Error("the sample image did not reach the book")
			}
			for _, p := range []string{res.EPUBPath, res.PDFPath} {
				if st, err := os.Stat(p); err != nil || st.Size() == 0 {
					t.Errorf("%s: not written (%v)", p, err)
				}
			}
		})
	}
}

// uncommentDefaults turns every `# key = value` line of book.toml into a setting.
func uncommentDefaults(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^# ([a-z-]+ = )`)
	out := re.ReplaceAll(data, []byte("$1"))
	if n := len(re.FindAll(data, -1)); n < 20 {
		t.Fatalf("only %d commented defaults in book.toml", n)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEveryKeyListed checks the starter book.toml names every key build.Config accepts.
func TestEveryKeyListed(t *testing.T) {
	data, err := files.ReadFile("template/book.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	var keys []string
	var walk func(typ reflect.Type)
	walk = func(typ reflect.Type) {
		for f := range typ.Fields() {
			tag := f.Tag.Get("toml")
			if tag == "" || tag == "-" {
				continue
			}
			keys = append(keys, tag)
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type)
			}
		}
	}
	walk(reflect.TypeFor[build.Config]())
	for _, k := range keys {
		switch k {
		case "epub", "pdf":
			if !strings.Contains(text, "\n["+k+"]\n") {
				t.Errorf("book.toml has no [%s] table", k)
			}
		case "top", "bottom", "inner", "outer":
			if !strings.Contains(text, k+` = "`) {
				t.Errorf("book.toml does not list margins.%s", k)
			}
		default:
			if !regexp.MustCompile(`(?m)^(# )?` + regexp.QuoteMeta(k) + ` = `).MatchString(text) {
				t.Errorf("book.toml does not list %q with its default", k)
			}
		}
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	tests := []struct {
		name     string
		existing string
	}{
		{"book.toml", "book.toml"},
		{"gitignore", ".gitignore"},
		{"chapter", "01-开篇.md"},
		{"image", "img/diagram.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, filepath.FromSlash(tt.existing))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Init(dir, Options{})
			if !errors.Is(err, ErrExists) {
				t.Fatalf("Init over %s: err = %v, want ErrExists", tt.existing, err)
			}
			if !strings.Contains(err.Error(), tt.existing[strings.LastIndex(tt.existing, "/")+1:]) {
				t.Errorf("error %q does not name %s", err, tt.existing)
			}
			if got, _ := os.ReadFile(p); string(got) != "mine" {
				t.Errorf("%s was overwritten", tt.existing)
			}
			var others []string
			_ = filepath.WalkDir(dir, func(q string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && q != p {
					others = append(others, q)
				}
				return nil
			})
			if len(others) > 0 {
				t.Errorf("Init wrote files although it refused: %v", others)
			}
		})
	}
}

func TestFiles(t *testing.T) {
	got := Files()
	want := []string{".gitignore", "01-开篇.md", "02-散文.txt", "book.toml", "img/diagram.png"}
	if !slices.Equal(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
}
