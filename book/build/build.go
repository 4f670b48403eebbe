// Package build is the driver: book.toml → load → book model → EPUB | layout → PDF,
// writing both books atomically into the output folder.
package build

import (
	"context"
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/convert"
	"cjkbook/book/load"
	"cjkbook/book/load/docx"
	"cjkbook/book/pdf"
	"cjkbook/book/pdf/layout"
	"cjkbook/book/pinyin"
	"cjkbook/fonts"
)

// Options are the build settings that come from the command line; they override book.toml.
// Resolve merges them with book.toml into the Settings every stage reads.
type Options struct {
	Src, Out        string   // the manuscript (folder or file) and the output folder
	Font            string   // TrueType file for the body face, overrides book.toml `font`
	FallbackFonts   []string // extra fallback fonts, tried after book.toml's fallback-fonts
	Strict          bool     // missing glyphs are errors
	KeepBoilerplate bool
	NoNormalize     bool
	PageSize        string
	FontSize        string
	OddPages        bool
	EPUB, PDF       bool      // which books to write (both when neither is set)
	Time            time.Time // timestamp for dcterms:modified and CreationDate (SOURCE_DATE_EPOCH), zero = none
	Script          string    // "traditional" or "simplified", overrides book.toml `script`
	Vertical        bool      // vertical writing, overrides book.toml `writing-mode`
	Pinyin          string    // "true" or "rare" (--pinyin, --pinyin=rare), overrides book.toml `pinyin`
	Punctuation     string    // punctuation style (gb, kaiming, banjiao, centred), overrides book.toml `punctuation`
	PDFStandards    []string  // standards the PDF claims (ua-1, a-2a …), override book.toml's; nil = book.toml's
}

// Result describes a finished build.
type Result struct {
	Book        *book.Book
	Diagnostics book.Diagnostics
	EPUBPath    string
	PDFPath     string
	EPUBSize    int64
	PDFSize     int64
	Pages       int
	Chars       int
	Missing     []rune // characters in no font (drawn as placeholder boxes)
	Stats       load.Stats
}

// tempPrefix marks our temporary files so a later build can sweep up after a killed one.
const tempPrefix = ".cjkbook-tmp-"

// Loaded is what Load read: the resolved settings, the book in the configured script, and
// what the loader did and found.
type Loaded struct {
	Settings    Settings
	Book        *book.Book
	Stats       load.Stats
	Diagnostics book.Diagnostics
}

// Load resolves the settings of o, reads the manuscript (folder or file) with its book.toml
// and converts the book to the configured script. The result is never nil: after an error
// it holds what was read until then.
func Load(o Options) (*Loaded, error) {
	s, err := Resolve(o)
	if err != nil {
		return &Loaded{}, err
	}
	return loadBook(s)
}

// loadBook reads the manuscript of s and makes the conversions of s.Convert on it.
func loadBook(s Settings) (*Loaded, error) {
	l := &Loaded{Settings: s}
	var err error
	l.Book, l.Stats, l.Diagnostics, err = load.LoadWithStats(s.Src, s.Load)
	if err == nil {
		l.Diagnostics = append(l.Diagnostics, metaWarnings(s.Src, l.Book.Meta, l.Stats)...)
		err = convertBook(l.Book, s.Convert)
	}
	return l, err
}

// metaWarnings warns about metadata the manuscript at src lacks: a title (the book is
// then titled after the folder or file) and an author. Both show on the cover, the title
// page and in every reader's library.
func metaWarnings(src string, m book.Metadata, st load.Stats) book.Diagnostics {
	var ds book.Diagnostics
	at := book.Pos{File: filepath.ToSlash(src)}
	if st.TitleFromName {
		what := "folder"
		if fi, err := os.Stat(src); err == nil && !fi.IsDir() {
			what = "file"
		}
		ds.Warnf(at, "no title: the book is titled %q after its %s's name; set title in book.toml (title = \"…\") or the front matter", m.Title, what)
	}
	if strings.TrimSpace(m.Author) == "" {
		ds.Warnf(at, "no author: the book names none; set author in book.toml (author = \"…\") or the front matter")
	}
	return ds
}

// convertBook converts the loaded book to the script asked for, and its quotation marks to
// 「」『』 for vertical writing, then annotates it with pinyin, so both books (and the
// preview) show the same characters and readings.
func convertBook(b *book.Book, c ConvertSettings) error {
	if err := convert.Book(b, c.Script); err != nil {
		return err
	}
	if c.VerticalQuotes {
		convert.VerticalQuotes(b)
	}
	pinyin.Annotate(b, c.Pinyin)
	return nil
}

func configFor(src string) (Config, error) {
	st, err := os.Stat(src)
	if err != nil {
		return Config{}, fmt.Errorf("source %s: %w (give a folder with .txt/.md files or a single file)", src, err)
	}
	if !st.IsDir() {
		return Config{}, nil
	}
	return ReadConfig(src)
}

// Faces are the parsed fonts of a build.
type Faces struct {
	Regular, Bold *fonts.Face
	Fallbacks     []*fonts.Face
}

// All returns the faces in layout.FaceID order: Regular, Bold, fallbacks.
func (f Faces) All() []*fonts.Face {
	return append([]*fonts.Face{f.Regular, f.Bold}, f.Fallbacks...)
}

// LoadFaces parses the fonts of fs, or the embedded LXGW WenKai.
func LoadFaces(fs FontSettings) (Faces, error) {
	var f Faces
	reg, bold, err := fonts.Default()
	if err != nil {
		return f, err
	}
	f.Regular, f.Bold = reg, bold
	if fs.Regular != "" {
		face, err := readFont(fs.Regular)
		if err != nil {
			return f, err
		}
		f.Regular, f.Bold = face, face
	}
	if fs.Bold != "" {
		face, err := readFont(fs.Bold)
		if err != nil {
			return f, err
		}
		f.Bold = face
	}
	for _, p := range fs.Fallbacks {
		face, err := readFont(p)
		if err != nil {
			return f, err
		}
		f.Fallbacks = append(f.Fallbacks, face)
	}
	return f, nil
}

func readFont(path string) (*fonts.Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", path, err)
	}
	return fonts.Parse(path, data)
}

// CheckGlyphs reports every character that no face covers, once each, at its first position,
// and returns those characters.
func CheckGlyphs(b *book.Book, faces Faces, strict bool) (book.Diagnostics, []rune) {
	var diags book.Diagnostics
	var missing []rune
	all := faces.All()
	seenBMP := make([]bool, 0x10000)
	seenAstral := map[rune]bool{}
	seenSeq := map[[2]rune]bool{}
	prev := rune(0)
	b.Runes(func(r rune, at book.Pos) {
		base := prev
		prev = r
		if cjk.SelectsGlyph(r) && cjk.NeedsGlyph(base) && !seenSeq[[2]rune{base, r}] {
			seenSeq[[2]rune{base, r}] = true
			if d, ok := checkVariant(all, base, r); !ok {
				diags.Warnf(at, "%s", d)
			}
		}
		if r < 0x10000 {
			if seenBMP[r] {
				return
			}
			seenBMP[r] = true
		} else {
			if seenAstral[r] {
				return
			}
			seenAstral[r] = true
		}
		if !cjk.NeedsGlyph(r) {
			return // never drawn as a glyph, in either book
		}
		for _, f := range all {
			if f.Covers(r) {
				return
			}
		}
		missing = append(missing, r)
		msg := fmt.Sprintf("U+%04X '%c' is in no font (drawn as a placeholder box; add a font that has it to fallback-fonts)", r, r)
		if strict {
			diags.Errorf(at, "%s", msg)
		} else {
			diags.Warnf(at, "%s", msg)
		}
	})
	return diags, missing
}

// checkVariant reports whether the books draw the variation sequence base + vs as the
// sequence asks, and the warning to give once when they do not. The face that draws
// the base (the first that covers it, as in both books) draws the variant when its
// cmap format 14 lists the sequence (fonts.Face.Variant): the PDF shows that glyph and
// the EPUB's subset keeps it with a format 14 subtable. Otherwise the PDF draws the
// base alone, and a reading system the base or a variant from a font of its own.
func checkVariant(all []*fonts.Face, base, vs rune) (string, bool) {
	var draws *fonts.Face
	for _, f := range all {
		if !f.Covers(base) {
			continue
		}
		if draws == nil {
			draws = f
			if _, ok := f.Variant(base, vs); ok {
				return "", true
			}
			continue
		}
		if _, ok := f.Variant(base, vs); ok {
			return fmt.Sprintf("U+%04X U+%04X '%c' (a variation sequence): %s has the variant, but the PDF draws the base character alone from %s, which comes first and lacks it (make it book.toml's font)", base, vs, base, f.Name, draws.Name), false
		}
	}
	return fmt.Sprintf("U+%04X U+%04X '%c' (a variation sequence) is in no font: the PDF draws the base character alone, e-readers their own choice (set book.toml's font to one whose cmap has the sequence)", base, vs, base), false
}

// Run builds the EPUB and the PDF of o.Src into o.Out; outputs appear only when complete.
func Run(ctx context.Context, o Options) (*Result, error) {
	l, err := Load(o)
	res := &Result{Book: l.Book, Diagnostics: l.Diagnostics, Stats: l.Stats}
	if err != nil {
		return res, err
	}
	s, b := l.Settings, l.Book
	if s.EPUB.Modified.IsZero() {
		s.EPUB.Modified = editionTime(s, l.Stats, b)
	}
	faces, err := LoadFaces(s.Fonts)
	if err != nil {
		return res, err
	}
	gd, missing := CheckGlyphs(b, faces, s.Fonts.Strict)
	res.Diagnostics = append(res.Diagnostics, gd...)
	res.Missing = missing
	if err := res.Diagnostics.Err(); err != nil {
		return res, err
	}
	if s.Cover.OnFirstPage {
		if err := ensureCover(b, faces); err != nil {
			return res, err
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := os.MkdirAll(s.Out, 0o755); err != nil {
		return res, fmt.Errorf("output folder %s: %w", s.Out, err)
	}
	if err := sweepTemps(s.Out); err != nil {
		return res, err
	}
	name := FileName(b.Meta.Title)
	res.EPUBPath = filepath.Join(s.Out, name+".epub")
	res.PDFPath = filepath.Join(s.Out, name+".pdf")

	// Lay out first: the EPUB carries the PDF's page breaks, so both books
	// come from this one layout.
	var doc *layout.Document
	if s.Books.PDF || s.Books.EPUB && s.EPUBPageList {
		if doc, _, err = layOut(b, faces, s); err != nil {
			return res, err
		}
		res.Pages = len(doc.Pages)
		if s.Books.PDF {
			// What the PDF cannot show as the manuscript has it (an image it cannot draw,
			// a diagram label no font has) is reported like the loader's warnings.
			res.Diagnostics = append(res.Diagnostics, doc.Warnings...)
			// What a requested standard forbids stops the build before either book is written.
			if err := pdf.Check(doc, s.PDF.Standards); err != nil {
				return res, err
			}
		}
	}
	if err := writeBooks(ctx, b, faces, doc, s, res); err != nil {
		return res, err
	}
	res.EPUBSize, res.PDFSize = size(res.EPUBPath), size(res.PDFPath)
	b.Runes(func(r rune, _ book.Pos) {
		if !unicode.IsSpace(r) {
			res.Chars++
		}
	})
	return res, nil
}

// layOut lays the book out for the PDF with the options of s, the cover on the first page
// when s asks for it (ensureCover has made sure there is one). It returns the options used.
func layOut(b *book.Book, faces Faces, s Settings) (*layout.Document, layout.Options, error) {
	lo := s.Layout
	lo.Punct = s.Punct.For(b.Meta.Language)
	if s.Cover.OnFirstPage {
		lo.Cover = b.Meta.Cover
	}
	ms := make([]layout.Metrics, 0, 2+len(faces.Fallbacks))
	for _, f := range faces.All() {
		ms = append(ms, f)
	}
	doc, err := layout.Layout(b, ms, lo)
	if err != nil {
		return nil, lo, fmt.Errorf("layout: %w", err)
	}
	return doc, lo, nil
}

// FileName turns a title into a safe output file name (keeps CJK, drops path separators).
func FileName(title string) string {
	var sb strings.Builder
	for _, r := range title {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|' || r < 0x20:
			sb.WriteRune('_')
		default:
			sb.WriteRune(r)
		}
	}
	s := strings.Trim(strings.TrimSpace(sb.String()), ".")
	if s == "" {
		return "book"
	}
	if len(s) > 180 {
		h := sha1.Sum([]byte(s))
		rs := []rune(s)
		if len(rs) > 50 {
			rs = rs[:50]
		}
		s = fmt.Sprintf("%s-%x", string(rs), h[:4])
	}
	return s
}

// Summary describes what the loader did in one line: normalisations and removals.
func Summary(s load.Stats) string {
	var parts []string
	if n := s.Punct.Total(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d punctuation marks normalised", n))
	}
	if s.Boilerplate > 0 {
		parts = append(parts, fmt.Sprintf("%d boilerplate lines removed", s.Boilerplate))
	}
	if s.Joined > 0 {
		parts = append(parts, fmt.Sprintf("%d hard-wrapped lines joined", s.Joined))
	}
	if s.Encoding != "" && s.Encoding != "utf-8" {
		parts = append(parts, "decoded from "+s.Encoding)
	}
	if w := s.Word; w != (docx.Counts{}) {
		parts = append(parts, fmt.Sprintf("Word: dropped %d table-of-contents entries, %d comments, %d tracked deletions, %d hidden runs, %d page breaks, %d section settings",
			w.TOC, w.Comments, w.Deleted, w.Hidden, w.PageBreaks, w.Sections))
	}
	return strings.Join(parts, ", ")
}
