package load

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/tools/txtar"

	"cjkbook/book"
	"cjkbook/book/internal/golden"
)

// TestGolden runs every testdata/*.txtar case: the archive's files (all but
// `options` and `want`) are written to a temporary folder, loaded, and the
// book's Dump, the warnings and the stats are compared with the `want` section
// (go test -update rewrites it).
//
// `options` lines: encoding=NAME (Options.Encoding), encode=NAME (store the
// inputs in that encoding: gb18030, big5, utf-16le, utf-16be), bom (prepend a
// UTF-8 BOM), crlf / cr (line endings), keep-boilerplate, no-normalize,
// load=PATH (default: the only input file, or the folder), chapters=a,b,
// png=PATH (write a small PNG there), title=… (Options.Meta.Title),
// subtitle=CHAPTER=TEXT (an Options.Subtitles entry, at book.toml:N for the Nth).
func TestGolden(t *testing.T) {
	abs, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(abs, "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar cases")
	}
	g := golden.Open(t, abs, ".txtar")
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			g.CheckTxtar(t, name, "want", []byte(runCase(t, ar)))
		})
	}
}

// runCase materialises a case and returns its result text.
func runCase(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	opts := Options{}
	var encode, load string
	var bom, crlf, cr bool
	var inputs []string
	for _, f := range ar.Files {
		if f.Name != "options" {
			continue
		}
		for _, ln := range strings.Split(string(f.Data), "\n") {
			k, v, _ := strings.Cut(strings.TrimSpace(ln), "=")
			switch k {
			case "":
			case "encoding":
				opts.Encoding = v
			case "encode":
				encode = v
			case "bom":
				bom = true
			case "crlf":
				crlf = true
			case "cr":
				cr = true
			case "keep-boilerplate":
				opts.KeepBoilerplate = true
			case "no-normalize":
				opts.NoNormalize = true
			case "load":
				load = v
			case "chapters":
				opts.Chapters = strings.Split(v, ",")
			case "title":
				opts.Meta.Title = v
			case "subtitle":
				ch, text, _ := strings.Cut(v, "=")
				opts.Subtitles = append(opts.Subtitles, Subtitle{Chapter: ch, Text: text, At: book.Pos{File: "book.toml", Line: len(opts.Subtitles) + 1}})
			case "png":
				writePNG(t, filepath.Join(dir, v), 3, 2)
			default:
				t.Fatalf("unknown option %q", k)
			}
		}
	}
	for _, f := range ar.Files {
		if f.Name == "options" || f.Name == "want" {
			continue
		}
		data := f.Data
		if isManuscript(f.Name) {
			inputs = append(inputs, f.Name)
			if crlf {
				data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			}
			if cr {
				data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r"))
			}
			data = encodeAs(t, data, encode)
			if bom {
				data = append([]byte("\xEF\xBB\xBF"), data...)
			}
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if load == "" {
		load = "."
		if len(inputs) == 1 {
			load = inputs[0]
		}
	}
	t.Chdir(dir)
	b, st, diags, err := LoadWithStats(load, opts)
	var sb strings.Builder
	if err != nil {
		fmt.Fprintf(&sb, "error: %v\n", err)
	} else {
		if err := book.Dump(&sb, b); err != nil {
			t.Fatal(err)
		}
	}
	sb.WriteString("\n---- diagnostics\n")
	for _, d := range diags {
		sb.WriteString(d.String() + "\n")
	}
	fmt.Fprintf(&sb, "---- stats\nchapters=%d paragraphs=%d boilerplate=%d joined=%d images=%d punct=%+v\n",
		st.Chapters, st.Paragraphs, st.Boilerplate, st.Joined, st.Images, st.Punct)
	if b != nil && len(b.Images) > 0 {
		keys := make([]string, 0, len(b.Images))
		for k := range b.Images {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sb.WriteString("image " + k + "\n")
		}
	}
	return sb.String()
}

func encodeAs(t *testing.T, data []byte, enc string) []byte {
	t.Helper()
	var out []byte
	var err error
	switch enc {
	case "":
		return data
	case "gb18030":
		out, err = simplifiedchinese.GB18030.NewEncoder().Bytes(data)
	case "big5":
		out, err = traditionalchinese.Big5.NewEncoder().Bytes(data)
	case "utf-16le":
		out, err = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(data)
	case "utf-16be":
		out, err = xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes(data)
	default:
		t.Fatalf("unknown encode=%s", enc)
	}
	if err != nil {
		t.Fatalf("encode %s: %v", enc, err)
	}
	return out
}

func writePNG(t testing.TB, p string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
