package book

import (
	"fmt"
	"io"
	"strings"
)

// Dump writes a deterministic, human-readable form of the book for golden tests.
func Dump(w io.Writer, b *Book) error {
	d := &dumper{w: w}
	m := b.Meta
	d.printf("title: %s\n", m.Title)
	for _, kv := range [][2]string{{"subtitle", m.Subtitle}, {"author", m.Author}, {"language", m.Language},
		{"publisher", m.Publisher}, {"date", m.Date}, {"description", m.Description},
		{"identifier", m.Identifier}, {"cover", m.Cover}, {"encoding", m.Encoding}} {
		if kv[1] != "" {
			d.printf("%s: %s\n", kv[0], kv[1])
		}
	}
	for _, c := range b.Chapters {
		gen := ""
		if c.TitleGenerated {
			gen = " (generated)"
		}
		d.printf("\n== %s [%s] %s%s @%s\n", c.ID, c.Kind, c.Title, gen, c.At)
		if c.SubtitleGenerated {
			d.printf("   subtitle (generated): %s\n", c.Subtitle)
		} else if c.Subtitle != "" {
			d.printf("   subtitle: %s\n", c.Subtitle)
		}
		d.blocks(c.Blocks, "")
		for _, n := range c.Notes {
			d.printf("  note %s [%s] @%s\n", n.ID, n.Label, n.At)
			d.blocks(n.Blocks, "    ")
		}
	}
	return d.err
}

type dumper struct {
	w   io.Writer
	err error
}

func (d *dumper) printf(format string, args ...any) {
	if d.err == nil {
		_, d.err = fmt.Fprintf(d.w, format, args...)
	}
}

func (d *dumper) blocks(bs []Block, indent string) {
	for _, b := range bs {
		line := b.Pos().Line
		switch b := b.(type) {
		case *Paragraph:
			d.printf("%s  p:%d %s\n", indent, line, runs(b.Runs))
		case *Heading:
			d.printf("%s  h%d:%d #%s %s\n", indent, b.Level, line, b.ID, runs(b.Runs))
		case *Quote:
			d.printf("%s  quote:%d\n", indent, line)
			d.blocks(b.Blocks, indent+"  ")
		case *List:
			d.printf("%s  list:%d ordered=%v start=%d\n", indent, line, b.Ordered, b.Start)
			for _, it := range b.Items {
				d.printf("%s   - item\n", indent)
				d.blocks(it, indent+"    ")
			}
		case *CodeBlock:
			d.printf("%s  code:%d lang=%q %q\n", indent, line, b.Lang, b.Text)
		case *Image:
			d.printf("%s  image:%d src=%q alt=%q%s\n", indent, line, b.Src, b.Alt, width(b.Width))
		case *Table:
			d.printf("%s  table:%d align=%v\n", indent, line, b.Align)
			if len(b.Header) > 0 {
				d.printf("%s   | %s\n", indent, cells(b.Header))
			}
			for _, r := range b.Rows {
				d.printf("%s   - %s\n", indent, cells(r))
			}
		case *Break:
			d.printf("%s  break:%d\n", indent, line)
		}
	}
}

func cells(cs []Cell) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = runs(c.Runs)
	}
	return strings.Join(parts, " | ")
}

// runs shows styled runs inline: *emph*, **strong**, `code`, [link](href), [^note],
// <ruby>银行<rt>yín háng</rt></ruby>.
func runs(rs []Run) string {
	var sb strings.Builder
	for _, r := range rs {
		t := r.Text
		switch {
		case r.Image != nil:
			t = fmt.Sprintf("![%s](%s)%s", r.Image.Alt, r.Image.Src, width(r.Image.Width))
		case r.Style&NoteRef != 0:
			t = "[^" + r.Href + "]"
		case r.Style&Link != 0:
			t = "[" + t + "](" + r.Href + ")"
		}
		if r.Style&Code != 0 {
			t = "`" + t + "`"
		}
		if r.Style&Strong != 0 {
			t = "**" + t + "**"
		}
		if r.Style&Emphasis != 0 {
			t = "*" + t + "*"
		}
		if len(r.Ruby) > 0 {
			t = "<ruby>" + t + "<rt>" + strings.Join(r.Ruby, " ") + "</rt></ruby>"
		}
		sb.WriteString(phraseTags(r, t))
	}
	return sb.String()
}

// phraseStyles are the styles dumps show as HTML phrase tags, innermost first.
var phraseStyles = []struct {
	st  Style
	tag string
}{{Sup, "sup"}, {Sub, "sub"}, {Kbd, "kbd"}, {Small, "small"}, {Mark, "mark"},
	{Underline, "u"}, {Strike, "s"}, {Inserted, "ins"}, {Abbr, "abbr"}}

// phraseTags wraps t in the phrase tags of r's styles (<sup>8</sup>), an
// abbreviation with its title.
func phraseTags(r Run, t string) string {
	for _, p := range phraseStyles {
		if r.Style&p.st == 0 {
			continue
		}
		open := "<" + p.tag + ">"
		if p.st == Abbr && r.Title != "" {
			open = "<abbr title=\"" + r.Title + "\">"
		}
		t = open + t + "</" + p.tag + ">"
	}
	return t
}

// width shows an image's width hint, or nothing when it has none.
func width(f float64) string {
	if f == 0 {
		return ""
	}
	return fmt.Sprintf(" width=%.3g", f)
}
