package build

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"cjkbook/book"
	"cjkbook/book/load"
)

// Config is the decoded book.toml: top-level book settings plus [epub] and [pdf] tables.
// Keys are kebab-case; an unknown key is an error naming the key and its line.
type Config struct {
	Title         string   `toml:"title"`
	Subtitle      string   `toml:"subtitle"`
	Author        string   `toml:"author"`
	Language      string   `toml:"language"`
	Publisher     string   `toml:"publisher"`
	Date          string   `toml:"date"`
	Description   string   `toml:"description"`
	Identifier    string   `toml:"identifier"`
	Cover         string   `toml:"cover"`
	Chapters      []string `toml:"chapters"`
	Font          string   `toml:"font"`
	BoldFont      string   `toml:"bold-font"`
	FallbackFonts []string `toml:"fallback-fonts"`

	// Subtitles maps a chapter, named by its title as the contents lists it (第一篇) or by
	// the file that holds it alone, to its subtitle: [subtitles] "第一篇" = "北京的夏天".
	Subtitles map[string]string `toml:"subtitles"`

	Encoding             string `toml:"encoding"`
	KeepBoilerplate      bool   `toml:"keep-boilerplate"`
	NormalizePunctuation *bool  `toml:"normalize-punctuation"`
	Strict               bool   `toml:"strict"`
	Script               string `toml:"script"`              // "traditional" or "simplified": convert the text after loading
	WritingMode          string `toml:"writing-mode"`        // "horizontal" (default) or "vertical"
	Punctuation          string `toml:"punctuation"`         // "gb", "kaiming", "banjiao" or "centred"; default by language
	HangingPunctuation   bool   `toml:"hanging-punctuation"` // ，。、 may hang into the margin at a line end
	// Pinyin annotates the text with pinyin: true (every Han character), "rare" (those
	// outside the 3,500 common ones) or false (default).
	Pinyin any `toml:"pinyin"`

	EPUB EPUBConfig `toml:"epub"`
	PDF  PDFConfig  `toml:"pdf"`

	// Dir is the folder book.toml was read from ("" when there was none); paths are relative to it.
	Dir string `toml:"-"`

	file string // the path book.toml was decoded from, for messages
	data []byte // its bytes, to find the line of a key
}

// EPUBConfig holds the [epub] table.
type EPUBConfig struct {
	TOCPage  *bool `toml:"toc-page"`  // an in-book 目录 page (off by default)
	PageList *bool `toml:"page-list"` // the PDF's page numbers as page-break markers and a page-list (on by default)
}

// PDFConfig holds the [pdf] table.
type PDFConfig struct {
	PageSize           string  `toml:"page-size"`   // A5 (default), A4, B5, 16开, 32开, 6x9in or "WxHmm"
	FontSize           string  `toml:"font-size"`   // "10.5pt" (default)
	LineHeight         float64 `toml:"line-height"` // multiple of the font size, default 1.8
	Margins            Margins `toml:"margins"`
	ChaptersOnOddPages bool    `toml:"chapters-on-odd-pages"`
	Cover              bool    `toml:"cover"` // put the cover image on the first page
	TitlePage          *bool   `toml:"title-page"`
	Contents           *bool   `toml:"contents"`
	// Footnotes says where notes go: "page" (default), at the foot of the page that
	// cites them (the left end of the page in a vertical book), or "chapter", after
	// the chapter's text.
	Footnotes string `toml:"footnotes"`
	// FootnoteNumbers says where note numbers restart: "chapter" (default) or "page".
	FootnoteNumbers string `toml:"footnote-numbers"`
	// Standards the PDF claims and is checked against: ua-1, a-2a, a-2b, a-2u, a-3a,
	// a-3b, a-3u (ua-1 with one PDF/A level at most).
	Standards []string `toml:"standards"`
}

// Margins are page margins as lengths ("20mm", "54pt", "0.75in").
type Margins struct {
	Top    string `toml:"top"`
	Bottom string `toml:"bottom"`
	Inner  string `toml:"inner"`
	Outer  string `toml:"outer"`
}

// ConfigFile is the name of the optional settings file in a manuscript folder.
const ConfigFile = "book.toml"

// ReadConfig reads dir/book.toml; a missing file gives the zero Config (all defaults).
func ReadConfig(dir string) (Config, error) {
	path := dir + string(os.PathSeparator) + ConfigFile
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("read %s: %w", path, err)
	}
	c, err := DecodeConfig(path, data)
	if err != nil {
		return Config{}, err
	}
	c.Dir = dir
	return c, nil
}

// DecodeConfig decodes book.toml bytes strictly: unknown keys and wrong types are errors with file:line.
func DecodeConfig(name string, data []byte) (Config, error) {
	var c Config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, fmt.Errorf("%s:%d: %s (fix the TOML syntax)", name, pe.Position.Line, pe.Message)
		}
		return Config{}, fmt.Errorf("%s: %w (check the value types: strings in quotes, lists in [ ])", name, err)
	}
	c.file, c.data = name, data
	if und := md.Undecoded(); len(und) > 0 {
		var msgs []string
		for _, k := range und {
			msgs = append(msgs, fmt.Sprintf("%s:%d: unknown key %q in book.toml (see README for the settings)", name, keyLine(data, k), k.String()))
		}
		return Config{}, errors.New(strings.Join(msgs, "\n"))
	}
	return c, nil
}

// at names where key (a path of table and key names) is set: "src/book.toml:7: [pdf] page-size",
// without the line when the key is not found.
func (c Config) at(key ...string) string {
	name := key[len(key)-1]
	if len(key) > 1 {
		name = "[" + key[0] + "] " + strings.Join(key[1:], ".")
	}
	file := c.file
	if file == "" {
		file = ConfigFile
	}
	if line := keyLine(c.data, toml.Key(key)); line > 0 {
		return fmt.Sprintf("%s:%d: %s", file, line, name)
	}
	return file + ": " + name
}

// subtitles lists book.toml's chapter subtitles in the order of their lines, each with
// the place it is set.
func subtitles(cfg Config) []load.Subtitle {
	file := cfg.file
	if file == "" {
		file = ConfigFile
	}
	var out []load.Subtitle
	for k, v := range cfg.Subtitles {
		out = append(out, load.Subtitle{Chapter: k, Text: v, At: book.Pos{File: file, Line: keyLine(cfg.data, toml.Key{"subtitles", k})}})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].At.Line != out[j].At.Line {
			return out[i].At.Line < out[j].At.Line
		}
		return out[i].Chapter < out[j].Chapter
	})
	return out
}

// keyLine finds the line on which a (possibly dotted, table-nested) key is defined, 0 when not found.
func keyLine(data []byte, k toml.Key) int {
	want := strings.Join(k, ".") // unquoted, as the line is read
	last := k[len(k)-1]
	cur := ""
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(strings.SplitN(line, "#", 2)[0])
		if strings.HasPrefix(t, "[") {
			cur = strings.Trim(t, "[] ")
			if cur == want {
				return i + 1
			}
			continue
		}
		name := strings.Trim(strings.TrimSpace(strings.SplitN(t, "=", 2)[0]), `"' `)
		if name == "" {
			continue
		}
		full := name
		if cur != "" {
			full = cur + "." + name
		}
		if full == want || (strings.HasPrefix(want, full+".") && strings.Contains(t, last)) {
			return i + 1
		}
	}
	return 0
}

// ParseLength converts "20mm", "1.5cm", "0.75in", "54pt" or a bare number (points) to points.
func ParseLength(s string) (float64, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	units := []struct {
		suffix string
		pt     float64
	}{{"mm", 72 / 25.4}, {"cm", 720 / 25.4}, {"in", 72}, {"pt", 1}, {"", 1}}
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), 64)
			if err != nil || v < 0 || v > 10000 {
				return 0, fmt.Errorf("length %q: want a number with mm, cm, in or pt (e.g. \"20mm\")", s)
			}
			return v * u.pt, nil
		}
	}
	return 0, fmt.Errorf("length %q: want a number with mm, cm, in or pt", s)
}
