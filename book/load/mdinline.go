package load

import (
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/load/htmlmodel"
)

// inl collects the inline content of one block: runs, and (where the block
// allows) images that split the paragraph.
type inl struct {
	c        *mdConv
	runs     []book.Run
	blocks   []book.Block
	at       book.Pos
	images   bool       // images may become blocks here
	icons    bool       // images become inline picture runs here (table cells)
	pendSoft bool       // a soft line break waits for the next text
	tags     htmlPhrase // phrase tags of raw HTML open here (<sup>…</sup>)
}

// paragraph converts a paragraph's inlines; an image splits it into blocks.
func (c *mdConv) paragraph(n gast.Node, at book.Pos) []book.Block {
	in := &inl{c: c, at: at, images: true}
	in.walk(n, 0, "")
	in.flush()
	return in.blocks
}

// plainRuns converts inlines where no block may appear (headings, alt text):
// images there keep only their alt text.
func (c *mdConv) plainRuns(n gast.Node) []book.Run {
	in := &inl{c: c, at: c.nodePos(n)}
	in.walk(n, 0, "")
	return in.finish()
}

// cellRuns converts a table cell's inlines: images there become inline picture runs.
func (c *mdConv) cellRuns(n gast.Node) []book.Run {
	in := &inl{c: c, at: c.nodePos(n), icons: true}
	in.walk(n, 0, "")
	return in.finish()
}

// finish normalises the collected runs and trims surrounding whitespace.
func (in *inl) finish() []book.Run {
	rs := in.runs
	in.runs = nil
	if !in.c.l.opts.NoNormalize {
		in.c.norm.normalizeRuns(rs)
	}
	if len(rs) > 0 {
		rs[0].Text = strings.TrimLeft(rs[0].Text, " \t\n")
		last := &rs[len(rs)-1]
		last.Text = strings.TrimRight(last.Text, " \t\n")
	}
	out := rs[:0]
	for _, r := range rs {
		if r.Text != "" || r.Style&book.NoteRef != 0 || r.Image != nil {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// flush ends the current paragraph.
func (in *inl) flush() {
	if runs := in.finish(); runs != nil {
		in.blocks = append(in.blocks, &book.Paragraph{Runs: runs, At: in.at})
	}
}

// text appends text in a style, merging with the previous run when it matches.
func (in *inl) text(s string, st book.Style, href string) {
	if s == "" {
		return
	}
	if in.tags.hidden != "" {
		in.c.l.removed = append(in.c.l.removed, s) // a script's or style's content
		return
	}
	if in.tags.skip > 0 {
		in.c.l.markup = append(in.c.l.markup, s) // a ruby fallback's parentheses
		return
	}
	if in.tags.rt {
		in.tags.reading.WriteString(s)
		in.c.l.markup = append(in.c.l.markup, s) // a reading is no visible text
		return
	}
	st |= in.tags.style
	if in.pendSoft {
		in.pendSoft = false
		prev := rune(0)
		if len(in.runs) > 0 {
			prev = runeBefore(in.runs[len(in.runs)-1].Text)
		}
		if next := runeAfter(s); prev != 0 && cjk.JoinsWithSpace(prev, next) && prev != ' ' && prev != '\n' && next != '\n' && next != ' ' {
			// The space belongs to the text before the break.
			if last := &in.runs[len(in.runs)-1]; last.Style&(book.NoteRef|book.Code|book.Link) == 0 {
				last.Text += " "
			} else {
				in.appendRun(" ", 0, "")
			}
		}
	}
	in.appendRun(s, st, href)
}

func (in *inl) appendRun(s string, st book.Style, href string) {
	title := ""
	if st&book.Abbr != 0 {
		title = in.tags.title
	}
	if n := len(in.runs); n > 0 && in.runs[n-1].Joins(book.Run{Style: st, Href: href, Title: title}) {
		in.runs[n-1].Text += s
		return
	}
	in.runs = append(in.runs, book.Run{Text: s, Style: st, Href: href, Title: title})
}

// unescape resolves backslash escapes and entity references in a text segment.
func unescape(b []byte) string {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}

// walk converts the inline children of n in style st (href for links).
func (in *inl) walk(n gast.Node, st book.Style, href string) {
	c := in.c
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		switch k := k.(type) {
		case *gast.Text:
			v := k.Segment.Value(c.src)
			if k.IsRaw() {
				in.text(string(v), st, href)
			} else {
				in.rubyText(string(v), st, href)
			}
			if k.HardLineBreak() {
				in.text("\n", st&^(book.Link|book.NoteRef), "")
			} else if k.SoftLineBreak() {
				in.pendSoft = true
			}
		case *gast.String:
			in.text(string(k.Value), st, href)
		case *gast.CodeSpan:
			var sb strings.Builder
			for t := k.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *gast.Text:
					sb.Write(t.Segment.Value(c.src))
					if t.SoftLineBreak() {
						sb.WriteByte(' ')
					}
				case *gast.String:
					sb.Write(t.Value)
				}
			}
			in.text(sb.String(), st|book.Code, href)
		case *gast.Emphasis:
			s := book.Emphasis
			if k.Level >= 2 {
				s = book.Strong
			}
			in.walk(k, st|s, href)
		case *gast.Link:
			in.link(k, string(k.Destination), string(k.Title), st)
		case *gast.AutoLink:
			url := string(k.URL(c.src))
			label := string(k.Label(c.src))
			if htmlmodel.SafeHref(url) {
				in.text(label, st|book.Link, url)
			} else {
				c.l.warn(in.c.nodePos(n), "link %q kept as plain text: only http, https and mailto links are kept", shorten(url, 80))
				in.text(label, st, href)
			}
		case *gast.Image:
			in.image(k)
		case *gast.RawHTML:
			var sb strings.Builder
			for i := 0; i < k.Segments.Len(); i++ {
				seg := k.Segments.At(i)
				sb.Write(seg.Value(c.src))
			}
			pos := in.at
			if k.Segments.Len() > 0 {
				pos = c.pos(k.Segments.At(0).Start)
			}
			c.rawHTML(sb.String(), pos, false, in)
		case *east.FootnoteLink:
			ref := c.noteID(k.Index)
			in.runs = append(in.runs, book.Run{Text: ref.label, Style: book.NoteRef, Href: ref.id})
		case *east.FootnoteBacklink:
			// Renderers draw their own back links.
		case *east.Strikethrough:
			in.walk(k, st, href)
		default:
			in.walk(k, st, href)
		}
	}
}

// link converts a link; only http, https and mailto targets are kept.
func (in *inl) link(k gast.Node, dest, title string, st book.Style) {
	c := in.c
	if title != "" {
		c.l.removed = append(c.l.removed, title)
		c.l.warn(in.at, "link title %q is not kept", shorten(title, 80))
	}
	if htmlmodel.SafeHref(dest) {
		in.walk(k, st|book.Link, dest)
		return
	}
	c.l.removed = append(c.l.removed, dest)
	c.l.warn(in.at, "link to %q kept as plain text: only http, https and mailto links are kept", shorten(dest, 80))
	in.walk(k, st, "")
}

// image handles a Markdown image: a local file becomes an Image block (or, where
// no block may stand, its alt text); anything else keeps only its alt text.
func (in *inl) image(k *gast.Image) {
	c := in.c
	alt := book.Plain(c.plainRuns(k))
	c.imageRef(in, imgTag{src: string(k.Destination), alt: alt, title: string(k.Title)})
}

// imageRef places an image found in Markdown or raw HTML: as a block where the
// context allows one, as an inline picture run in a table cell, and as its alt
// text elsewhere (headings).
func (c *mdConv) imageRef(in *inl, im imgTag) {
	at := in.at
	src, alt, title := im.src, im.alt, im.title
	placeable := in.images || in.icons
	if !placeable {
		c.l.warn(at, "image %q cannot stand here (heading or alt text); its alt text is kept", shorten(src, 80))
		c.l.removed = append(c.l.removed, src)
	}
	key, ok := "", false
	if placeable {
		key, ok = c.l.readImage(c.f, src, at)
	}
	if !ok {
		if placeable {
			c.l.removed = append(c.l.removed, src) // readImage warned with the path
		}
		if alt != "" {
			in.text(alt, 0, "")
		}
		if title != "" {
			c.l.removed = append(c.l.removed, title)
		}
		return
	}
	img := &book.Image{Src: key, Alt: alt, Title: title, Width: im.width, At: at}
	if in.icons {
		// An icon beside the cell's text, which describes it: no alt text needed.
		in.pendSoft = false
		in.runs = append(in.runs, book.Run{Image: img})
		return
	}
	if strings.TrimSpace(alt) == "" {
		// Screen readers have nothing to say about it, and the EPUB cannot claim WCAG AA.
		c.l.warn(at, "image %q has no alt text; describe it in ![…](%s) so readers who cannot see it know what it shows", shorten(src, 80), shorten(src, 80))
	}
	in.flush()
	in.blocks = append(in.blocks, img)
}
