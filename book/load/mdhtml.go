package load

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/load/htmlmodel"
)

// This file reads the raw HTML of Markdown files with the HTML converter's
// tokenizer: <img> becomes a picture, <br> a line break, and the phrase tags
// below keep their meaning inside a paragraph; all other HTML is removed with
// a warning (the text between tags stays, as Markdown text).

// mdPhrase are the HTML phrase elements a Markdown paragraph may use; ruby, rt
// and rp are handled apart (a base and its reading become a ruby run).
var mdPhrase = map[string]bool{
	"sup": true, "sub": true, "kbd": true, "small": true, "mark": true, "u": true,
	"s": true, "del": true, "ins": true, "abbr": true,
}

// htmlPhrase is the state of the phrase tags open in one paragraph.
type htmlPhrase struct {
	open  []htmlmodel.Tag // start tags not yet closed, innermost last
	style book.Style      // the styles of open
	title string          // the title of the innermost open <abbr>
	skip  int             // open <rp> elements: their text is dropped
	// hidden names an open element whose content is no text (script, style): its text is
	// removed with it.
	hidden string
	ruby   htmlmodel.RubyMark // where the base of the open <ruby> starts
	// rt is true inside an <rt>: its text is the reading, collected in reading.
	rt      bool
	reading strings.Builder
}

// imgTag is an <img> found in raw HTML; width is its width hint as a fraction of
// the text width (0: none).
type imgTag struct {
	src, alt, title string
	width           float64
}

// extractImgs returns the <img> tags of raw HTML and the HTML without them.
func extractImgs(s string) ([]imgTag, string) {
	var imgs []imgTag
	var rest strings.Builder
	for _, t := range htmlmodel.Tags(s) {
		if t.Name == "img" && !t.End {
			imgs = append(imgs, newImgTag(t))
			continue
		}
		rest.WriteString(t.Raw)
	}
	return imgs, rest.String()
}

func newImgTag(t htmlmodel.Tag) imgTag {
	a := t.Attrs
	return imgTag{src: a["src"], alt: a["alt"], title: a["title"], width: htmlmodel.WidthHint(a["style"], a["width"])}
}

// rawHTML reads raw HTML: <img> tags become pictures, and in running text
// (in, block false) <br> a line break and the phrase tags styles; the rest is
// dropped with a warning. block is true for an HTML block.
func (c *mdConv) rawHTML(s string, at book.Pos, block bool, in *inl) []book.Block {
	if block {
		in = &inl{c: c, at: at, images: true}
	}
	var rest strings.Builder
	imgs := false
	for _, t := range htmlmodel.Tags(s) {
		if !block {
			in.tags.hide(t)
		}
		switch {
		case t.Name == "img" && !t.End:
			imgs = true
			c.imageRef(in, newImgTag(t))
		case !block && in.phrase(t):
			c.l.markup = append(c.l.markup, t.Raw)
		default:
			rest.WriteString(t.Raw)
		}
	}
	if imgs {
		c.l.markup = append(c.l.markup, s)
	}
	if r := strings.TrimSpace(rest.String()); r != "" {
		if isBreakTag(r) {
			if !block {
				in.text("\n", 0, "")
			}
		} else {
			c.dropHTML(at, r)
		}
	}
	if block {
		in.flush()
		return in.blocks
	}
	return nil
}

// hiddenContent holds the elements whose content raw HTML in running text drops with
// their tags: it is code or data, not text.
var hiddenContent = map[string]bool{"script": true, "style": true, "template": true, "textarea": true, "title": true}

// hide opens or closes the element t whose content is dropped (hiddenContent).
func (p *htmlPhrase) hide(t htmlmodel.Tag) {
	switch {
	case !hiddenContent[t.Name]:
	case t.End && t.Name == p.hidden:
		p.hidden = ""
	case !t.End && p.hidden == "":
		p.hidden = t.Name
	}
}

// phrase applies a phrase tag of running text and reports whether t was one:
// a start tag opens its style, an end tag closes the innermost open element
// of its name; <rt> collects the reading of the ruby base before it, <rp>
// drops its text.
func (in *inl) phrase(t htmlmodel.Tag) bool {
	p := &in.tags
	switch {
	case t.Name == "ruby":
		if !t.End {
			p.ruby = htmlmodel.MarkRuby(in.runs)
		}
		return true
	case t.Name == "rt":
		switch {
		case t.End && p.rt:
			in.runs = htmlmodel.EndRuby(in.runs, p.ruby, p.reading.String())
			p.ruby = htmlmodel.MarkRuby(in.runs)
			p.rt = false
		case !t.End:
			p.rt = true
			p.reading.Reset()
		}
		return true
	case t.Name == "rp":
		if t.End && p.skip > 0 {
			p.skip--
		} else if !t.End {
			p.skip++
		}
		return true
	case !mdPhrase[t.Name]:
		return false
	}
	if t.End {
		for i := len(p.open) - 1; i >= 0; i-- {
			if p.open[i].Name == t.Name {
				p.open = append(p.open[:i], p.open[i+1:]...)
				break
			}
		}
	} else if !strings.HasSuffix(t.Raw, "/>") {
		p.open = append(p.open, t)
	}
	p.style, p.title = 0, ""
	for _, o := range p.open {
		st, _ := htmlmodel.InlineStyle(o.Name)
		p.style |= st
		if o.Name == "abbr" {
			p.title = o.Attrs["title"]
		}
	}
	return true
}

// isBreakTag reports whether s is a lone <br> tag, with any attributes.
func isBreakTag(s string) bool {
	ts := htmlmodel.Tags(s)
	return len(ts) == 1 && ts[0].Name == "br" && !ts[0].End
}

// dropHTML drops raw HTML other than <img>. The first tag of each name in a file
// is reported; the text between tags is kept by the caller.
func (c *mdConv) dropHTML(at book.Pos, s string) {
	name := tagName(s)
	c.l.removed = append(c.l.removed, s)
	if c.htmlSeen == nil {
		c.htmlSeen = map[string]bool{}
	}
	if c.htmlSeen[name] {
		return
	}
	c.htmlSeen[name] = true
	c.l.warn(at, "raw HTML is not allowed: removed %q (later <%s> tags in this file are removed without a warning)", shorten(s, 120), name)
}

// tagName returns the lower-case name of the first tag in s ("!--" for a
// comment, "?" when s starts with text).
func tagName(s string) string {
	ts := htmlmodel.Tags(strings.TrimSpace(s))
	switch {
	case len(ts) == 0:
		return "?"
	case ts[0].Name == "!--" && strings.HasPrefix(ts[0].Raw, "<?"):
		return "?" // a processing instruction, which HTML reads as a bogus comment
	case ts[0].Name != "":
		return ts[0].Name
	}
	return "?"
}
