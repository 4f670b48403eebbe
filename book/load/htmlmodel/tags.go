package htmlmodel

import (
	"io"
	"strings"

	"golang.org/x/net/html"
)

// Tag is one token of an HTML snippet as Tags reads it: a start or end tag, a
// comment, a doctype or a stretch of text.
type Tag struct {
	// Name is the lower-case element name, "!--" for a comment, "!" for a
	// doctype, and "" for text.
	Name string
	// End is true for an end tag (</sup>).
	End bool
	// Attrs holds a start tag's attributes, entity references resolved; the
	// first of two with one name wins.
	Attrs map[string]string
	// Raw is the token's source text; Text is text's decoded content.
	Raw, Text string
}

// Tags splits an HTML snippet (the raw HTML of a Markdown file) into its
// tokens, for readers that meet tags one at a time rather than as a tree.
func Tags(s string) []Tag {
	var out []Tag
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				out = append(out, Tag{Raw: string(z.Raw())})
			}
			return out
		}
		raw := string(z.Raw())
		tok := z.Token()
		t := Tag{Raw: raw}
		switch tt {
		case html.TextToken:
			t.Text = tok.Data
		case html.CommentToken:
			t.Name = "!--"
		case html.DoctypeToken:
			t.Name = "!"
		case html.EndTagToken:
			t.Name, t.End = tok.Data, true
		case html.StartTagToken, html.SelfClosingTagToken:
			t.Name = tok.Data
			t.Attrs = map[string]string{}
			for _, a := range tok.Attr {
				if _, dup := t.Attrs[a.Key]; !dup {
					t.Attrs[a.Key] = a.Val
				}
			}
		}
		out = append(out, t)
	}
}
