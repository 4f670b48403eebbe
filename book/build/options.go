package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/convert"
	"cjkbook/book/cover"
	"cjkbook/book/epub"
	"cjkbook/book/load"
	"cjkbook/book/pdf"
	"cjkbook/book/pdf/layout"
	"cjkbook/book/pinyin"
)

// Settings are everything a build needs, resolved once by Resolve from the flags (Options)
// and book.toml (Config): a flag wins over book.toml, paths are resolved against the
// manuscript folder, and every value has been checked. Each stage reads its own part.
type Settings struct {
	Src string // the manuscript: a folder of .txt/.md files or one file
	Out string // the output folder
	// Books says which books to write: both when the flags chose neither.
	Books Books
	// Load is what the loader reads and how (book.toml's metadata, encoding, chapter order,
	// boilerplate and punctuation switches).
	Load load.Options
	// Convert is the script conversion applied to the loaded book, for both books.
	Convert ConvertSettings
	// Fonts are the font files of both books and the missing-glyph policy.
	Fonts FontSettings
	// Cover says whether the PDF opens with the cover image.
	Cover CoverSettings
	// Punct is the punctuation style of both books and whether marks may hang.
	Punct PunctSettings
	// Layout is the PDF's page geometry and front matter. Layout.Cover is left empty: the
	// build sets it once the cover image is known.
	Layout layout.Options
	// PDF is how the laid-out pages are written.
	PDF pdf.Options
	// EPUB is how the EPUB is written. EPUB.PageBreaks and EPUB.PageSource are left empty:
	// the build sets them from the layout when EPUBPageList is on.
	EPUB epub.Options
	// EPUBPageList carries the PDF's page numbers into the EPUB as page-break markers and a
	// page-list ([epub] page-list, on by default).
	EPUBPageList bool
}

// Books says which books a build writes.
type Books struct {
	EPUB, PDF bool
}

// ConvertSettings are the conversions made on the loaded book before either book is written.
type ConvertSettings struct {
	// Script is the script to convert to: --to-traditional or --to-simplified over book.toml's
	// `script` (convert.Keep when neither is set).
	Script convert.Script
	// VerticalQuotes turns quotation marks into 「」『』, as vertical writing needs.
	VerticalQuotes bool
	// Pinyin is which characters get pinyin as ruby: --pinyin over book.toml's `pinyin`
	// (pinyin.Off when neither is set). A ruby the manuscript wrote always wins.
	Pinyin pinyin.Mode
}

// FontSettings are the font files a build reads; an empty path means the embedded LXGW WenKai.
type FontSettings struct {
	// Regular is the body face: --font as given, else book.toml's `font` resolved against
	// the manuscript folder.
	Regular string
	// Bold is book.toml's `bold-font`; empty means Regular's face (or the embedded bold one).
	Bold string
	// Fallbacks are book.toml's `fallback-fonts`, then every --fallback-font, each resolved
	// against the manuscript folder.
	Fallbacks []string
	// Strict makes characters that no font has errors: --strict or book.toml's `strict`.
	Strict bool
}

// PunctSettings are the punctuation settings of both books (docs/typesetting.md).
type PunctSettings struct {
	// Style is --punctuation, else book.toml's `punctuation`: gb, kaiming, banjiao or
	// centred (cjk.ParsePunctStyle).
	Style cjk.PunctStyle
	// ByLanguage says that neither set a style: the book's language, once it is loaded
	// and converted, decides (cjk.PunctStyleFor: centred for Traditional Chinese, gb
	// otherwise).
	ByLanguage bool
	// Hanging is book.toml's `hanging-punctuation`: ，。、 and the closing marks after them
	// hang into the margin at a line end (off by default).
	Hanging bool
}

// For returns the style of a book in language lang.
func (p PunctSettings) For(lang string) cjk.PunctStyle {
	if p.ByLanguage {
		return cjk.PunctStyleFor(lang)
	}
	return p.Style
}

// CoverSettings are the cover's settings.
type CoverSettings struct {
	// OnFirstPage puts the cover image on the PDF's first page ([pdf] cover); a book without
	// a cover image gets a generated one.
	OnFirstPage bool
}

// Resolve reads book.toml beside o.Src and merges it with the flags into Settings. A bad
// value is an error naming the flag, or book.toml's file, line and key.
func Resolve(o Options) (Settings, error) {
	cfg, err := configFor(o.Src)
	if err != nil {
		return Settings{}, err
	}
	s := Settings{Src: o.Src, Out: o.Out, Books: Books{EPUB: o.EPUB, PDF: o.PDF}}
	if !o.EPUB && !o.PDF {
		s.Books = Books{EPUB: true, PDF: true}
	}
	s.Load = loadOptions(cfg, o)
	vertical, err := verticalMode(cfg, o)
	if err != nil {
		return Settings{}, err
	}
	if s.Convert.Script, err = scriptSetting(cfg, o); err != nil {
		return Settings{}, err
	}
	s.Convert.VerticalQuotes = vertical
	if s.Convert.Pinyin, err = pinyinSetting(cfg, o); err != nil {
		return Settings{}, err
	}
	s.Fonts = fontSettings(cfg, o)
	s.Cover.OnFirstPage = cfg.PDF.Cover
	if s.Punct, err = punctSettings(cfg, o); err != nil {
		return Settings{}, err
	}
	if s.Layout, err = layoutOptions(cfg, o); err != nil {
		return Settings{}, err
	}
	s.Layout.Vertical = vertical
	s.Layout.Hanging = s.Punct.Hanging
	if s.PDF, err = pdfOptions(cfg, o); err != nil {
		return Settings{}, err
	}
	s.EPUB = epubOptions(cfg, o.Time, vertical)
	s.EPUBPageList = cfg.EPUB.PageList == nil || *cfg.EPUB.PageList
	return s, nil
}

// loadOptions are the loader's options: book.toml's metadata and reading switches, with
// --keep-boilerplate and --no-normalize.
func loadOptions(cfg Config, o Options) load.Options {
	return load.Options{
		Chapters:        cfg.Chapters,
		Encoding:        cfg.Encoding,
		Subtitles:       subtitles(cfg),
		KeepBoilerplate: cfg.KeepBoilerplate || o.KeepBoilerplate,
		NoNormalize:     o.NoNormalize || (cfg.NormalizePunctuation != nil && !*cfg.NormalizePunctuation),
		Meta: book.Metadata{
			Title: cfg.Title, Subtitle: cfg.Subtitle, Author: cfg.Author, Language: cfg.Language,
			Publisher: cfg.Publisher, Date: cfg.Date, Description: cfg.Description, Identifier: cfg.Identifier,
			Cover: cfg.Cover,
		},
	}
}

// fontSettings resolves the font paths: --font as given, book.toml's paths (and the
// --fallback-font ones, which follow them) against the folder book.toml was read from.
func fontSettings(cfg Config, o Options) FontSettings {
	path := func(p string) string {
		if p == "" || filepath.IsAbs(p) || cfg.Dir == "" {
			return p
		}
		return filepath.Join(cfg.Dir, p)
	}
	fs := FontSettings{Regular: path(cfg.Font), Bold: path(cfg.BoldFont), Strict: o.Strict || cfg.Strict}
	if o.Font != "" {
		fs.Regular = o.Font
	}
	for _, p := range append(append([]string(nil), cfg.FallbackFonts...), o.FallbackFonts...) {
		fs.Fallbacks = append(fs.Fallbacks, path(p))
	}
	return fs
}

// pdfOptions are the PDF writer's options: the timestamp, and the standards of
// --pdf-standard over book.toml's [pdf] standards.
func pdfOptions(cfg Config, o Options) (pdf.Options, error) {
	po := pdf.DefaultOptions()
	po.CreationDate = o.Time
	names, at := cfg.PDF.Standards, cfg.at("pdf", "standards")
	if o.PDFStandards != nil {
		names, at = o.PDFStandards, "--pdf-standard"
	}
	s, err := pdf.ParseStandards(names)
	if err != nil {
		return po, fmt.Errorf("%s: %w", at, err)
	}
	po.Standards = s
	return po, nil
}

// epubOptions are the EPUB's options: the timestamp, the writing mode and [epub] toc-page.
func epubOptions(cfg Config, modified time.Time, vertical bool) epub.Options {
	eo := epub.Options{Modified: modified, Vertical: vertical}
	if cfg.EPUB.TOCPage != nil {
		eo.InBookTOC = *cfg.EPUB.TOCPage
	}
	return eo
}

// layoutOptions converts book.toml's [pdf] table and the flags into layout options;
// units are parsed here and only here. Vertical and ContentsTitle are Resolve's.
func layoutOptions(cfg Config, o Options) (layout.Options, error) {
	lo := layout.DefaultOptions()
	p := cfg.PDF
	if size, at := pick(o.PageSize, "--page-size", p.PageSize, cfg.at("pdf", "page-size")); size != "" {
		w, h, err := layout.PageSize(size)
		if err != nil {
			return lo, fmt.Errorf("%s: %w", at, err)
		}
		lo.Width, lo.Height = w, h
	}
	if fs, at := pick(o.FontSize, "--font-size", p.FontSize, cfg.at("pdf", "font-size")); fs != "" {
		v, err := ParseLength(fs)
		if err != nil || v < 4 || v > 72 {
			return lo, fmt.Errorf("%s %q: want a size between 4pt and 72pt, e.g. \"10.5pt\"", at, fs)
		}
		lo.FontSize = layout.Pt(v)
	}
	if p.LineHeight != 0 {
		if p.LineHeight < 1 || p.LineHeight > 4 {
			return lo, fmt.Errorf("%s %v: want a multiple of the font size between 1 and 4 (e.g. 1.8)", cfg.at("pdf", "line-height"), p.LineHeight)
		}
		lo.LineHeight = p.LineHeight
	}
	for _, m := range []struct {
		name, val string
		dst       *layout.Pt
	}{{"top", p.Margins.Top, &lo.Margins.Top}, {"bottom", p.Margins.Bottom, &lo.Margins.Bottom},
		{"inner", p.Margins.Inner, &lo.Margins.Inner}, {"outer", p.Margins.Outer, &lo.Margins.Outer}} {
		if m.val == "" {
			continue
		}
		v, err := ParseLength(m.val)
		if err != nil {
			return lo, fmt.Errorf("%s: %w", cfg.at("pdf", "margins", m.name), err)
		}
		*m.dst = layout.Pt(v)
	}
	if lo.Margins.Inner+lo.Margins.Outer > lo.Width-6*lo.FontSize || lo.Margins.Top+lo.Margins.Bottom > lo.Height-6*lo.FontSize {
		return lo, fmt.Errorf("%s leave no room for text on a %.0f×%.0f pt page", cfg.at("pdf", "margins"), float64(lo.Width), float64(lo.Height))
	}
	lo.ChaptersOnOdd = p.ChaptersOnOddPages || o.OddPages
	if p.TitlePage != nil {
		lo.TitlePage = *p.TitlePage
	}
	if p.Contents != nil {
		lo.Contents = *p.Contents
	}
	return lo, noteOptions(cfg, &lo)
}

// noteOptions reads [pdf] footnotes ("page" or "chapter") and footnote-numbers
// ("chapter" or "page") into lo.
func noteOptions(cfg Config, lo *layout.Options) error {
	p := cfg.PDF
	switch strings.ToLower(strings.TrimSpace(p.Footnotes)) {
	case "", "page":
		lo.Notes = layout.NotesAtFoot
	case "chapter":
		lo.Notes = layout.NotesAtEnd
	default:
		return fmt.Errorf("%s %q: want \"page\" (at the foot of the page that cites them) or \"chapter\" (after the chapter)", cfg.at("pdf", "footnotes"), p.Footnotes)
	}
	switch strings.ToLower(strings.TrimSpace(p.FootnoteNumbers)) {
	case "", "chapter":
		lo.NoteNumbers = layout.NumberPerChapter
	case "page":
		if lo.Notes == layout.NotesAtEnd {
			return fmt.Errorf("%s \"page\": notes after the chapter cannot be numbered by page (set footnotes = \"page\", or footnote-numbers = \"chapter\")", cfg.at("pdf", "footnote-numbers"))
		}
		lo.NoteNumbers = layout.NumberPerPage
	default:
		return fmt.Errorf("%s %q: want \"chapter\" (numbers restart at each chapter) or \"page\" (at each page)", cfg.at("pdf", "footnote-numbers"), p.FootnoteNumbers)
	}
	return nil
}

// pick returns the flag's value and name when the flag is set, else book.toml's value and
// where it is.
func pick(flagVal, flagName, cfgVal, cfgAt string) (val, at string) {
	if flagVal != "" {
		return flagVal, flagName
	}
	return cfgVal, cfgAt
}

// ensureCover makes sure the book has a cover image: the configured one, or a generated one.
func ensureCover(b *book.Book, faces Faces) error {
	if b.Meta.Cover != "" {
		if _, ok := b.Images[b.Meta.Cover]; ok {
			return nil
		}
	}
	data, mt, err := cover.Generate(b.Meta.Title, b.Meta.Subtitle, b.Meta.Author, faces.Bold, faces.Regular)
	if err != nil {
		return fmt.Errorf("cover: %w", err)
	}
	key := "cover.png"
	if mt == "image/jpeg" {
		key = "cover.jpg"
	}
	if b.Images == nil {
		b.Images = map[string]*book.Asset{}
	}
	for b.Images[key] != nil {
		key = "_" + key
	}
	a, err := load.NewAsset(key, data)
	if err != nil {
		return fmt.Errorf("cover: generated image: %w", err)
	}
	b.Images[key] = a
	b.Meta.Cover = key
	return nil
}

// scriptSetting is the script to convert to: --to-traditional or --to-simplified over
// book.toml's `script`.
func scriptSetting(cfg Config, o Options) (convert.Script, error) {
	v, at := pick(o.Script, "--to-"+o.Script, cfg.Script, cfg.at("script"))
	s, err := convert.ParseScript(v)
	if err != nil {
		return s, fmt.Errorf("%s: %w", at, err)
	}
	return s, nil
}

// punctSettings reads --punctuation over book.toml's `punctuation`, and
// `hanging-punctuation`.
func punctSettings(cfg Config, o Options) (PunctSettings, error) {
	p := PunctSettings{ByLanguage: true, Hanging: cfg.HangingPunctuation}
	v, at := pick(o.Punctuation, "--punctuation", cfg.Punctuation, cfg.at("punctuation"))
	if strings.TrimSpace(v) == "" {
		return p, nil
	}
	st, ok := cjk.ParsePunctStyle(v)
	if !ok {
		return p, fmt.Errorf("%s %q: want \"gb\", \"kaiming\", \"banjiao\" or \"centred\"", at, v)
	}
	p.Style, p.ByLanguage = st, false
	return p, nil
}

// verticalMode reads book.toml's writing-mode ("horizontal" or "vertical") and --vertical.
func verticalMode(cfg Config, o Options) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(cfg.WritingMode)) {
	case "", "horizontal", "horizontal-tb":
		return o.Vertical, nil
	case "vertical", "vertical-rl":
		return true, nil
	}
	return false, fmt.Errorf("%s %q: want \"horizontal\" or \"vertical\"", cfg.at("writing-mode"), cfg.WritingMode)
}

// pinyinSetting reads --pinyin and book.toml's `pinyin`: true, "true", "all" or "rare"
// annotate, false or "false" (and no setting) do not.
func pinyinSetting(cfg Config, o Options) (pinyin.Mode, error) {
	if o.Pinyin != "" {
		m, ok := parsePinyin(o.Pinyin)
		if !ok {
			return pinyin.Off, fmt.Errorf("--pinyin=%s: want --pinyin (every Han character) or --pinyin=rare (only the rare ones)", o.Pinyin)
		}
		return m, nil
	}
	var m pinyin.Mode
	ok := true
	switch v := cfg.Pinyin.(type) {
	case nil:
	case bool:
		if v {
			m = pinyin.All
		}
	case string:
		m, ok = parsePinyin(v)
	default:
		ok = false
	}
	if !ok {
		return pinyin.Off, fmt.Errorf("%s %#v: want true (pinyin over every Han character), \"rare\" (only over characters outside the 3,500 common ones) or false", cfg.at("pinyin"), cfg.Pinyin)
	}
	return m, nil
}

func parsePinyin(s string) (pinyin.Mode, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "all", "yes", "on":
		return pinyin.All, true
	case "rare":
		return pinyin.Rare, true
	case "false", "no", "off", "":
		return pinyin.Off, true
	}
	return pinyin.Off, false
}
