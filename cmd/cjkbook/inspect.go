package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"reflect"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/convert"
	"cjkbook/book/load"
	"cjkbook/book/pinyin"
)

// cmdInspect implements `cjkbook inspect [--json] [SRC]`: how SRC was read, as text or as
// JSON holding everything the model holds.
func cmdInspect(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	var o build.Options
	fs.BoolVar(&o.KeepBoilerplate, "keep-boilerplate", false, "keep boilerplate")
	fs.BoolVar(&o.NoNormalize, "no-normalize", false, "no punctuation normalisation")
	if err := fs.Parse(reorder(fs, args)); err != nil {
		return 2
	}
	o.Src = "source"
	if fs.NArg() > 0 {
		o.Src = fs.Arg(0)
	}
	l, err := build.Load(o)
	if err != nil {
		printDiagnostics(stderr, l.Diagnostics)
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 1
	}
	diags := l.Diagnostics
	faces, err := build.LoadFaces(l.Settings.Fonts)
	if err != nil {
		diags.Warnf(book.Pos{}, "missing-glyph check skipped: %v", err)
	} else {
		gd, _ := build.CheckGlyphs(l.Book, faces, false) // the characters are in the warnings
		diags = append(diags, gd...)
	}
	diags.Sort()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(inspectDoc(l, diags)); err != nil {
			fmt.Fprintf(stderr, "cjkbook: %v\n", err)
			return 1
		}
		return 0
	}
	printInspect(stdout, l, diags)
	return 0
}

// inspectDoc is the JSON of `inspect --json`: every field of the book's metadata, the
// chapters with all their blocks, runs and footnotes (modelValue), the images, the files
// read with their format and encoding, the warnings and the loader's counts.
func inspectDoc(l *build.Loaded, diags book.Diagnostics) object {
	b := l.Book
	doc := metaObject(b.Meta)
	chapters := make([]any, 0, len(b.Chapters))
	for _, c := range b.Chapters {
		chapters = append(chapters, modelValue(c))
	}
	doc = append(doc, field{"chapters", chapters})
	if len(b.Images) > 0 {
		doc = append(doc, field{"images", modelValue(b.Images)})
	}
	files := make([]any, 0, len(l.Stats.Sources))
	for _, s := range l.Stats.Sources {
		files = append(files, object{{"file", s.File}, {"format", s.Format}, {"encoding", s.Encoding}})
	}
	doc = append(doc, field{"files", files})
	warnings := make([]any, 0, len(diags))
	for _, d := range diags {
		w := object{{"file", d.At.File}, {"line", d.At.Line}, {"message", d.Msg}}
		if d.Severity == book.Error {
			w = append(w, field{"error", true})
		}
		warnings = append(warnings, w)
	}
	doc = append(doc, field{"warnings", warnings})
	if m := statsMap(l.Stats); len(m) > 0 {
		doc = append(doc, field{"stats", m})
	}
	return doc
}

// printInspect writes the text form: metadata, the files read with their format and
// encoding, the settings that changed the text, the chapters and every warning.
func printInspect(w io.Writer, l *build.Loaded, diags book.Diagnostics) {
	m := l.Book.Meta
	fmt.Fprintf(w, "title:    %s\nauthor:   %s\nlanguage: %s\nencoding: %s\n", m.Title, m.Author, m.Language, m.Encoding)
	if m.Description != "" {
		fmt.Fprintf(w, "description: %s\n", m.Description)
	}
	if len(l.Stats.Sources) > 0 {
		fmt.Fprintf(w, "\n%d files:\n", len(l.Stats.Sources))
		for _, s := range l.Stats.Sources {
			fmt.Fprintf(w, "  %s  [%s, %s]\n", s.File, s.Format, s.Encoding)
		}
	}
	if d := decisions(l); len(d) > 0 {
		fmt.Fprintf(w, "\ndecisions:\n")
		for _, s := range d {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	fmt.Fprintf(w, "\n%d chapters:\n", len(l.Book.Chapters))
	for i, c := range l.Book.Chapters {
		label := c.Title
		if c.TitleGenerated {
			label += " (label generated)"
		}
		sub := ""
		if c.Subtitle != "" {
			sub = " — " + c.Subtitle
		}
		if c.SubtitleGenerated {
			sub += " (subtitle generated)"
		}
		notes := ""
		if len(c.Notes) > 0 {
			notes = fmt.Sprintf(", %d footnotes", len(c.Notes))
		}
		fmt.Fprintf(w, "  %3d  %s%s  [%s, %d blocks%s]  %s\n", i+1, label, sub, c.Kind, len(c.Blocks), notes, c.At)
	}
	if len(diags) > 0 {
		fmt.Fprintf(w, "\n%d warnings:\n", len(diags))
		printDiagnostics(w, diags)
	}
}

// decisions lists what the loader and the settings did to the text as a whole; what they
// did at one place is in the warnings.
func decisions(l *build.Loaded) []string {
	var out []string
	if s := build.Summary(l.Stats); s != "" {
		out = append(out, s)
	}
	switch l.Settings.Convert.Script {
	case convert.Traditional:
		out = append(out, "converted to Traditional Chinese")
	case convert.Simplified:
		out = append(out, "converted to Simplified Chinese")
	case convert.Keep:
	}
	if l.Settings.Convert.VerticalQuotes {
		out = append(out, "quotation marks turned to 「」『』 for vertical writing")
	}
	switch l.Settings.Convert.Pinyin {
	case pinyin.All:
		out = append(out, "pinyin over every Han character")
	case pinyin.Rare:
		out = append(out, "pinyin over the characters outside the 3,500 common ones")
	case pinyin.Off:
	}
	if l.Settings.Load.KeepBoilerplate {
		out = append(out, "boilerplate kept")
	}
	if l.Settings.Load.NoNormalize {
		out = append(out, "punctuation left as written")
	}
	return out
}

// metaObject is the book's metadata, every field present even when empty.
func metaObject(m book.Metadata) object {
	return structObject(reflect.ValueOf(m), true)
}

func statsMap(s load.Stats) map[string]int {
	p := s.Punct
	m := map[string]int{"files": s.Files, "chapters": s.Chapters, "paragraphs": s.Paragraphs, "chars": s.Chars,
		"boilerplate_removed": s.Boilerplate, "lines_joined": s.Joined, "images": s.Images,
		"normalised_comma": p.Comma, "normalised_period": p.Period, "normalised_semicolon": p.Semicolon,
		"normalised_colon": p.Colon, "normalised_exclaim": p.Exclaim, "normalised_question": p.Question,
		"normalised_paren": p.Paren, "normalised_quote": p.Quote, "normalised_ellipsis": p.Ellipsis, "normalised_dash": p.Dash,
		"normalised_space": p.Space,
		"word_toc_dropped": s.Word.TOC, "word_comments_dropped": s.Word.Comments, "word_deletions_dropped": s.Word.Deleted,
		"word_hidden_dropped": s.Word.Hidden, "word_page_breaks_dropped": s.Word.PageBreaks, "word_sections_dropped": s.Word.Sections}
	for k, v := range m {
		if v == 0 {
			delete(m, k)
		}
	}
	return m
}
