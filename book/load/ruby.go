package load

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/load/htmlmodel"
)

// This file reads ruby marks (注音) in running text, the syntax of Vivliostyle
// Flavored Markdown and markdown-it-ruby: {银行|yín háng} sets the reading after the
// bar over the base before it, one space-separated syllable per character when the
// counts match, else the whole reading over the whole base. Zhuyin (ㄧㄣˊ ㄏㄤˊ)
// works the same way. Marks are read in plain-text paragraphs and in Markdown text,
// never in code spans, code blocks or link targets.

// rubySeg is a piece of text: plain text, or a ruby base with its reading.
type rubySeg struct {
	text, reading string
	ruby          bool
}

// scanRuby splits s at its ruby marks. A mark is {base|reading} on one line whose
// base holds a CJK character and whose reading is not empty; anything else (set
// notation such as {x|x>0}, a brace escaped as \{) stays text. It returns nil when s
// holds no mark.
func scanRuby(s string) []rubySeg {
	if !strings.Contains(s, "|") {
		return nil
	}
	var out []rubySeg
	from := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' || i > 0 && s[i-1] == '\\' {
			continue
		}
		end := strings.IndexAny(s[i+1:], "{}\n")
		if end < 0 || s[i+1+end] != '}' {
			continue
		}
		body := s[i+1 : i+1+end]
		bar := strings.IndexByte(body, '|')
		if bar <= 0 {
			continue
		}
		base, reading := body[:bar], strings.TrimSpace(body[bar+1:])
		if reading == "" || strings.Contains(reading, "|") || !hasCJK(base) {
			continue
		}
		if from < i {
			out = append(out, rubySeg{text: s[from:i]})
		}
		out = append(out, rubySeg{text: base, reading: reading, ruby: true})
		i += end + 1
		from = i + 1
	}
	if out == nil {
		return nil
	}
	if from < len(s) {
		out = append(out, rubySeg{text: s[from:]})
	}
	return out
}

func hasCJK(s string) bool {
	for _, r := range s {
		if cjk.IsCJK(r) {
			return true
		}
	}
	return false
}

// rubyText appends a Markdown text segment (raw: escapes not yet resolved) in style
// st, its ruby marks as ruby runs.
func (in *inl) rubyText(raw string, st book.Style, href string) {
	segs := scanRuby(raw)
	if segs == nil {
		in.text(unescape([]byte(raw)), st, href)
		return
	}
	for _, sg := range segs {
		if !sg.ruby {
			in.text(unescape([]byte(sg.text)), st, href)
			continue
		}
		m := htmlmodel.MarkRuby(in.runs)
		in.text(unescape([]byte(sg.text)), st, href)
		in.runs = htmlmodel.EndRuby(in.runs, m, unescape([]byte(sg.reading)))
		in.c.l.markup = append(in.c.l.markup, sg.reading) // the reading is no visible text
	}
}

// rubyRuns returns the runs of a plain-text paragraph, its ruby marks as ruby runs.
func (l *loader) rubyRuns(text string) []book.Run {
	segs := scanRuby(text)
	if segs == nil {
		return []book.Run{{Text: text}}
	}
	out := make([]book.Run, 0, len(segs))
	for _, sg := range segs {
		if !sg.ruby {
			out = append(out, book.Run{Text: sg.text})
			continue
		}
		out = append(out, book.Run{Text: sg.text, Ruby: htmlmodel.Readings(sg.text, sg.reading)})
		l.markup = append(l.markup, "{|}", sg.reading) // the mark and the reading are no visible text
	}
	return out
}
