// Package build is the driver: book.toml → load → book model → EPUB | layout → PDF,
// writing both books atomically into the output folder.
package build

import (
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/epub"
	"cjkbook/book/load"
	"cjkbook/book/pdf"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
)

// Options are the build settings that come from the command line; they override book.toml.
type Options struct {
	Src, Out        string
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

// Load reads the manuscript (folder or file) with its book.toml and returns the book, its settings
// and what the loader did.
func Load(o Options) (*book.Book, Config, load.Stats, book.Diagnostics, error) {
	cfg, err := configFor(o.Src)
	if err != nil {
		return nil, cfg, load.Stats{}, nil, err
	}
	lo := load.Options{
		Chapters:        cfg.Chapters,
		Encoding:        cfg.Encoding,
		KeepBoilerplate: cfg.KeepBoilerplate || o.KeepBoilerplate,
		NoNormalize:     o.NoNormalize || (cfg.NormalizePunctuation != nil && !*cfg.NormalizePunctuation),
		Meta: book.Metadata{
			Title: cfg.Title, Subtitle: cfg.Subtitle, Author: cfg.Author, Language: cfg.Language,
			Publisher: cfg.Publisher, Date: cfg.Date, Description: cfg.Description, Identifier: cfg.Identifier,
			Cover: cfg.Cover,
		},
	}
	b, stats, diags, err := load.LoadWithStats(o.Src, lo)
	if err == nil {
		err = convertScript(b, cfg, o) // Simplified ↔ Traditional on the model, for both books
	}
	return b, cfg, stats, diags, err
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

// LoadFaces parses the configured fonts, or the embedded LXGW WenKai.
func LoadFaces(cfg Config, flagFont string) (Faces, error) {
	var fs Faces
	reg, bold, err := fonts.Default()
	if err != nil {
		return fs, err
	}
	fs.Regular, fs.Bold = reg, bold
	path := func(p string) string {
		if filepath.IsAbs(p) || cfg.Dir == "" {
			return p
		}
		return filepath.Join(cfg.Dir, p)
	}
	if flagFont != "" {
		f, err := readFont(flagFont)
		if err != nil {
			return fs, err
		}
		fs.Regular, fs.Bold = f, f
	} else if cfg.Font != "" {
		f, err := readFont(path(cfg.Font))
		if err != nil {
			return fs, err
		}
		fs.Regular, fs.Bold = f, f
	}
	if cfg.BoldFont != "" {
		f, err := readFont(path(cfg.BoldFont))
		if err != nil {
			return fs, err
		}
		fs.Bold = f
	}
	for _, p := range cfg.FallbackFonts {
		f, err := readFont(path(p))
		if err != nil {
			return fs, err
		}
		fs.Fallbacks = append(fs.Fallbacks, f)
	}
	return fs, nil
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
	b.Runes(func(r rune, at book.Pos) {
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
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Variation_Selector, r) ||
			r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF {
			return // never drawn as a glyph
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

// Run builds the EPUB and the PDF of o.Src into o.Out; outputs appear only when complete.
func Run(ctx context.Context, o Options) (*Result, error) {
	if !o.EPUB && !o.PDF {
		o.EPUB, o.PDF = true, true
	}
	b, cfg, stats, diags, err := Load(o)
	res := &Result{Book: b, Diagnostics: diags, Stats: stats}
	if err != nil {
		return res, err
	}
	cfg.FallbackFonts = append(cfg.FallbackFonts, o.FallbackFonts...)
	faces, err := LoadFaces(cfg, o.Font)
	if err != nil {
		return res, err
	}
	gd, missing := CheckGlyphs(b, faces, o.Strict || cfg.Strict)
	res.Diagnostics = append(res.Diagnostics, gd...)
	res.Missing = missing
	if err := res.Diagnostics.Err(); err != nil {
		return res, err
	}
	lopts, err := layoutOptions(cfg, o)
	if err != nil {
		return res, err
	}
	po, err := pdfOptions(cfg, o)
	if err != nil {
		return res, err
	}
	if cfg.PDF.Cover {
		if err := ensureCover(b, faces); err != nil {
			return res, err
		}
		lopts.Cover = b.Meta.Cover
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return res, fmt.Errorf("output folder %s: %w", o.Out, err)
	}
	sweepTemps(o.Out)
	name := FileName(b.Meta.Title)
	res.EPUBPath = filepath.Join(o.Out, name+".epub")
	res.PDFPath = filepath.Join(o.Out, name+".pdf")

	// Lay out first: the EPUB carries the PDF's page breaks, so both books
	// come from this one layout.
	pageList := cfg.EPUB.PageList == nil || *cfg.EPUB.PageList
	var doc *layout.Document
	if o.PDF || o.EPUB && pageList {
		ms := make([]layout.Metrics, 0, 2+len(faces.Fallbacks))
		for _, f := range faces.All() {
			ms = append(ms, f)
		}
		if doc, err = layout.Layout(b, ms, lopts); err != nil {
			return res, fmt.Errorf("layout: %w", err)
		}
		res.Pages = len(doc.Pages)
		if o.PDF {
			// What the PDF cannot show as the manuscript has it (an image it cannot draw,
			// a diagram label no font has) is reported like the loader's warnings.
			res.Diagnostics = append(res.Diagnostics, doc.Warnings...)
			// What a requested standard forbids stops the build before either book is written.
			if err := pdf.Check(doc, po.Standards); err != nil {
				return res, err
			}
		}
	}

	var wg sync.WaitGroup
	var epubTmp, pdfTmp string
	var epubErr, pdfErr error
	if o.EPUB {
		wg.Add(1)
		go func() {
			defer wg.Done()
			eo := epub.Options{Modified: o.Time, Vertical: lopts.Vertical}
			if cfg.EPUB.TOCPage != nil {
				eo.InBookTOC = *cfg.EPUB.TOCPage
			}
			if pageList {
				eo.PageBreaks, eo.PageSource = PageBreaks(b, doc), name+".pdf"
			}
			epubTmp, epubErr = writeTemp(ctx, o.Out, func(w io.Writer) error {
				return epub.Write(w, b, epub.Faces{Regular: faces.Regular, Bold: faces.Bold, Fallbacks: faces.Fallbacks}, eo)
			})
		}()
	}
	if o.PDF {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pdfTmp, pdfErr = writeTemp(ctx, o.Out, func(w io.Writer) error {
				return pdf.Write(w, doc, faces.All(), b.Images, po)
			})
		}()
	}
	wg.Wait()
	if err := errors.Join(epubErr, pdfErr, ctx.Err()); err != nil {
		removeAll(epubTmp, pdfTmp)
		return res, err
	}
	// Both books are complete: move them into place.
	for _, mv := range [][2]string{{epubTmp, res.EPUBPath}, {pdfTmp, res.PDFPath}} {
		if mv[0] == "" {
			continue
		}
		if err := os.Rename(mv[0], mv[1]); err != nil {
			removeAll(epubTmp, pdfTmp)
			return res, fmt.Errorf("write %s: %w", mv[1], err)
		}
	}
	if !o.EPUB {
		res.EPUBPath = ""
	}
	if !o.PDF {
		res.PDFPath = ""
	}
	res.EPUBSize, res.PDFSize = size(res.EPUBPath), size(res.PDFPath)
	b.Runes(func(r rune, _ book.Pos) {
		if !unicode.IsSpace(r) {
			res.Chars++
		}
	})
	return res, nil
}

func size(p string) int64 {
	if p == "" {
		return 0
	}
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

// writeTemp writes through fn into a new temporary file in dir and returns its path.
func writeTemp(ctx context.Context, dir string, fn func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", fmt.Errorf("output folder %s is not writable: %w", dir, err)
	}
	name := f.Name()
	err = fn(&ctxWriter{ctx: ctx, w: f})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// ctxWriter stops a write as soon as the build is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

func removeAll(paths ...string) {
	for _, p := range paths {
		if p != "" {
			os.Remove(p)
		}
	}
}

// sweepTemps removes temporary files left by a build that was killed.
func sweepTemps(dir string) {
	m, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	for _, p := range m {
		os.Remove(p)
	}
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
	return strings.Join(parts, ", ")
}
