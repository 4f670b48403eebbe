package build

import (
	"fmt"
	"strings"

	"cjkbook/book"
	"cjkbook/book/convert"
	"cjkbook/book/cover"
	"cjkbook/book/load"
	"cjkbook/book/pdf"
	"cjkbook/book/pdf/layout"
)

// pdfOptions resolves the PDF writer's options: the standards of --pdf-standard, else
// of book.toml's [pdf] standards.
func pdfOptions(cfg Config, o Options) (pdf.Options, error) {
	po := pdf.DefaultOptions()
	po.CreationDate = o.Time
	names, from := cfg.PDF.Standards, cfgName(cfg)+": [pdf] standards"
	if o.PDFStandards != nil {
		names, from = o.PDFStandards, "--pdf-standard"
	}
	s, err := pdf.ParseStandards(names)
	if err != nil {
		return po, fmt.Errorf("%s: %w", from, err)
	}
	po.Standards = s
	return po, nil
}

// layoutOptions converts book.toml's [pdf] table and the flags into layout options;
// units are parsed here and only here.
func layoutOptions(cfg Config, o Options) (layout.Options, error) {
	lo := layout.DefaultOptions()
	p := cfg.PDF
	size := p.PageSize
	if o.PageSize != "" {
		size = o.PageSize
	}
	if size != "" {
		w, h, err := layout.PageSize(size)
		if err != nil {
			return lo, fmt.Errorf("%s: [pdf] page-size: %w", cfgName(cfg), err)
		}
		lo.Width, lo.Height = w, h
	}
	fs := p.FontSize
	if o.FontSize != "" {
		fs = o.FontSize
	}
	if fs != "" {
		v, err := ParseLength(fs)
		if err != nil || v < 4 || v > 72 {
			return lo, fmt.Errorf("%s: [pdf] font-size %q: want a size between 4pt and 72pt, e.g. \"10.5pt\"", cfgName(cfg), fs)
		}
		lo.FontSize = layout.Pt(v)
	}
	if p.LineHeight != 0 {
		if p.LineHeight < 1 || p.LineHeight > 4 {
			return lo, fmt.Errorf("%s: [pdf] line-height %v: want a multiple of the font size between 1 and 4 (e.g. 1.8)", cfgName(cfg), p.LineHeight)
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
			return lo, fmt.Errorf("%s: [pdf] margins.%s: %w", cfgName(cfg), m.name, err)
		}
		*m.dst = layout.Pt(v)
	}
	if lo.Margins.Inner+lo.Margins.Outer > lo.Width-6*lo.FontSize || lo.Margins.Top+lo.Margins.Bottom > lo.Height-6*lo.FontSize {
		return lo, fmt.Errorf("%s: [pdf] margins leave no room for text on a %.0f×%.0f pt page", cfgName(cfg), float64(lo.Width), float64(lo.Height))
	}
	lo.ChaptersOnOdd = p.ChaptersOnOddPages || o.OddPages
	vertical, err := verticalMode(cfg, o)
	if err != nil {
		return lo, err
	}
	lo.Vertical = vertical
	if s, _ := convert.ParseScript(script(cfg, o)); s == convert.Traditional {
		lo.ContentsTitle = "目錄" // the contents page of a Traditional edition
	}
	if p.TitlePage != nil {
		lo.TitlePage = *p.TitlePage
	}
	if p.Contents != nil {
		lo.Contents = *p.Contents
	}
	return lo, nil
}

func cfgName(cfg Config) string {
	if cfg.Dir == "" {
		return "settings"
	}
	return strings.TrimSuffix(cfg.Dir, "/") + "/" + ConfigFile
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

// convertScript converts the loaded book to the script asked for by --to-traditional or
// book.toml's `script`, and its quotation marks to 「」『』 for vertical writing, so both
// books (and the preview) show the same characters.
func convertScript(b *book.Book, cfg Config, o Options) error {
	s, err := convert.ParseScript(script(cfg, o))
	if err != nil {
		return fmt.Errorf("%s: script: %w", cfgName(cfg), err)
	}
	if err := convert.Book(b, s); err != nil {
		return err
	}
	if v, err := verticalMode(cfg, o); err == nil && v {
		convert.VerticalQuotes(b) // 「」『』 in vertical text, in both books
	}
	return nil
}

// script is the script setting: --to-traditional or --to-simplified over book.toml's `script`.
func script(cfg Config, o Options) string {
	if o.Script != "" {
		return o.Script
	}
	return cfg.Script
}

// verticalMode reads book.toml's writing-mode ("horizontal" or "vertical") and --vertical.
func verticalMode(cfg Config, o Options) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(cfg.WritingMode)) {
	case "", "horizontal", "horizontal-tb":
		return o.Vertical, nil
	case "vertical", "vertical-rl":
		return true, nil
	}
	return false, fmt.Errorf("%s: writing-mode %q: want \"horizontal\" or \"vertical\"", cfgName(cfg), cfg.WritingMode)
}
