package load

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"

	"cjkbook/book"
	"cjkbook/book/load/epubfile"
	"cjkbook/book/load/htmlmodel"
)

// Reading an existing EPUB (2 or 3).
//
// epubfile reads the structure (archive checks, DRM, package document, table
// of contents, cover); this file parses the spine's documents and drives the
// rest. Footnotes are found and taken out of the text first (epubnotes.go).
// Each document then goes through htmlmodel, the HTML converter every HTML
// source shares, and the table of contents (nav.xhtml or toc.ncx) cuts the
// spine into chapters (epubtoc.go): an entry starts a chapter at the document,
// or the top-level element, it names; a level-1 entry whose level-2 entries
// start elsewhere is a part; documents no entry names join the chapter before.
// Without a usable table of contents, a document that opens with a top-level
// heading starts a chapter. The cover page, a title page that only repeats the
// metadata, a contents page and what a notes page keeps of its own are left
// out with a warning; the cover image becomes the book's cover. Last, the
// converters' artifacts are repaired (epubfix.go): spaces joining two CJK
// characters, and paragraphs that are one hard-wrapped line each.

func isEPUB(name string) bool { return strings.EqualFold(filepath.Ext(name), ".epub") }

// epubDoc is one spine document, parsed.
type epubDoc struct {
	path string                // archive path
	pos  string                // position prefix: "novel.epub:OEBPS/ch01.xhtml"
	body *html.Node            // the <body> element
	ids  map[string]*html.Node // elements by id
}

// epubConv holds the state of reading one EPUB.
type epubConv struct {
	l      *loader
	f      srcFile
	ep     *epubfile.Book
	docs   []*epubDoc
	byPath map[string]*epubDoc // archive path → document
	notes  *epubNotes
	norm   *normalizer
	// encoding is the encoding of the documents ("" for UTF-8).
	encoding string
	// Repairs made, for one warning each (epubfix.go).
	spaces, joined int
	spaceAt        book.Pos
	spaceSample    string
}

// loadEPUB reads the EPUB f into chapters and returns the encoding of its documents.
func (l *loader) loadEPUB(f srcFile) ([]*book.Chapter, string, error) {
	ep, err := epubfile.Open(f.path)
	if err != nil {
		return nil, "", fmt.Errorf("load %s: %w%s", f.name, err, epubAdvice(err))
	}
	c := &epubConv{l: l, f: f, ep: ep, byPath: map[string]*epubDoc{}, norm: &normalizer{}}
	defer func() { l.stats.Punct.add(c.norm.counts) }()
	for _, w := range ep.Warnings {
		l.warn(book.Pos{File: f.name + ":" + w.File}, "%s", w.Msg)
	}
	// Metadata and cover, which book.toml overrides.
	c.metadata()
	// Parse the spine's documents.
	if err := c.parse(); err != nil {
		return nil, "", err
	}
	// Take the footnotes out of the documents.
	c.notes = c.findNotes()
	// Convert the documents and cut them into chapters by the table of contents.
	chapters := c.chapters()
	// Repair the converters' artifacts and normalise punctuation.
	for _, ch := range chapters {
		c.repair(ch)
	}
	c.reportRepairs()
	if c.encoding == "" {
		c.encoding = "utf-8"
	}
	return chapters, c.encoding, nil
}

// epubAdvice is what to do about an error of epubfile.
func epubAdvice(err error) string {
	switch {
	case errors.Is(err, epubfile.ErrDRM):
		return ""
	case errors.Is(err, epubfile.ErrUnsafe), errors.Is(err, epubfile.ErrTooLarge), errors.Is(err, epubfile.ErrEntity):
		return "; refused"
	case errors.Is(err, epubfile.ErrCorrupt), errors.Is(err, epubfile.ErrNotEPUB):
		return "; the file is damaged or not an EPUB: re-export or re-download it"
	}
	return ""
}

// metadata takes the package's metadata as front matter (book.toml wins) and
// reads the cover image.
func (c *epubConv) metadata() {
	m, fm := c.ep.Meta, &c.l.fm
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&fm.Title, m.Title)
	set(&fm.Author, strings.Join(m.Creators, "、"))
	if m.Language != "" {
		if _, err := language.Parse(m.Language); err == nil {
			set(&fm.Language, m.Language)
		} else if fm.Language == "" {
			c.l.warn(book.Pos{File: c.f.name + ":" + c.ep.OPF}, "dc:language %q is not a language tag (BCP 47); the books take the language of the text, or set language in book.toml", m.Language)
		}
	}
	set(&fm.Description, m.Description)
	set(&fm.Identifier, m.Identifier)
	set(&fm.Publisher, m.Publisher)
	set(&fm.Date, m.Date)
	if c.ep.Cover != "" && fm.Cover == "" && c.l.opts.Meta.Cover == "" {
		if key, ok := c.image(c.ep.Cover, book.Pos{File: c.f.name + ":" + c.ep.OPF}); ok {
			fm.Cover = key
		}
	}
}

// image reads the archive member p as a picture of the book, checked as any
// picture is, and returns its key in Book.Images.
func (c *epubConv) image(p string, at book.Pos) (string, bool) {
	key := path.Base(c.f.name) + "/" + p
	if _, ok := c.l.images[key]; ok {
		return key, true
	}
	if !c.ep.Has(p) {
		c.l.warn(at, "image %s is not in the EPUB; its alt text is kept", p)
		return "", false
	}
	data, err := c.ep.ReadFile(p)
	if err != nil {
		c.l.warn(at, "image %v; skipped", err)
		return "", false
	}
	a, err := NewAsset(key, data)
	if err != nil {
		c.l.warn(at, "image %s: %v; skipped", p, err)
		return "", false
	}
	c.l.images[key] = a
	return key, true
}

// parse reads and parses every spine document.
func (c *epubConv) parse() error {
	for _, it := range c.ep.Spine {
		at := c.f.name + ":" + it.Path
		if it.Path == c.ep.TOCFrom || strings.Contains(" "+it.Properties+" ", " nav ") {
			c.l.warn(book.Pos{File: at}, "the EPUB's contents page left out: the books get their own")
			continue
		}
		if !strings.Contains(it.MediaType, "html") && !strings.HasSuffix(strings.ToLower(it.Path), "htm") && !strings.HasSuffix(strings.ToLower(it.Path), "html") {
			c.l.warn(book.Pos{File: at}, "spine document of type %s is not XHTML; skipped", it.MediaType)
			continue
		}
		data, err := c.ep.ReadXML(it.Path)
		if err != nil {
			return fmt.Errorf("load %s: %w%s", c.f.name, err, epubAdvice(err))
		}
		if data, err = c.decodeXHTML(at, data); err != nil {
			return err
		}
		doc, err := htmlmodel.Parse(epubfile.AsHTML(data), 1)
		if err != nil {
			return fmt.Errorf("load %s: %w", at, err)
		}
		body := htmlmodel.Find(doc, atom.Body)
		if body == nil {
			body = doc
		}
		d := &epubDoc{path: it.Path, pos: at, body: body, ids: map[string]*html.Node{}}
		indexIDs(body, d.ids, 0)
		c.docs = append(c.docs, d)
		c.byPath[it.Path] = d
	}
	if len(c.docs) == 0 {
		return fmt.Errorf("load %s: %w: the spine has no XHTML document", c.f.name, ErrNoChapters)
	}
	return nil
}

// declaredCharset finds the encoding an XHTML document names in its XML
// declaration or a <meta charset>.
var declaredCharset = regexp.MustCompile(`(?i)(?:<\?xml[^>]*\bencoding|<meta[^>]*\bcharset)\s*=\s*["']?([a-z0-9_-]+)`)

// decodeXHTML returns a spine document in UTF-8. EPUB requires UTF-8 or
// UTF-16, but old Chinese tools write GBK or Big5 and say so in the XML
// declaration: the declared encoding is used, else the bytes are detected as
// a text file's are; each such document is reported.
func (c *epubConv) decodeXHTML(at string, raw []byte) ([]byte, error) {
	utf16 := bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF})
	if !utf16 && utf8.Valid(raw) {
		return raw, nil
	}
	enc := encSetting{encAuto}
	head := raw[:min(len(raw), 1024)]
	if m := declaredCharset.FindSubmatch(head); m != nil && !utf16 {
		if e, err := parseEncoding(string(m[1])); err == nil && e.kind != encUTF8 {
			enc = e
		}
	}
	text, name, err := decode(raw, enc)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", at, err)
	}
	if err := epubfile.CheckEntities([]byte(text)); err != nil {
		return nil, fmt.Errorf("load %s: %w; refused", at, err)
	}
	if !utf16 {
		c.l.warn(book.Pos{File: at}, "the document is in %s, not the UTF-8 an EPUB must use; read as such", name)
	}
	c.encoding = name
	return []byte(text), nil
}

// indexIDs maps the id of every element under n to the element.
func indexIDs(n *html.Node, ids map[string]*html.Node, depth int) {
	if depth > 256 {
		return
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode {
			continue
		}
		if id := htmlmodel.Attr(k, "id"); id != "" {
			if _, ok := ids[id]; !ok {
				ids[id] = k
			}
		}
		if id := htmlmodel.Attr(k, "name"); id != "" && k.DataAtom == atom.A {
			if _, ok := ids[id]; !ok {
				ids[id] = k
			}
		}
		indexIDs(k, ids, depth+1)
	}
}

// options are the converter's settings for document d; skip, when set, leaves
// out more elements (those of the container outside the segment converted).
func (c *epubConv) options(d *epubDoc, skip func(*html.Node) bool) htmlmodel.Options {
	return htmlmodel.Options{
		File:     d.pos,
		MaxDepth: maxDepth,
		Image: func(src string, at book.Pos) (string, bool) {
			p, _, ok := epubfile.Resolve(d.path, src)
			if !ok {
				c.l.warn(at, "image %q is outside the book; its alt text is kept", shorten(src, 80))
				return "", false
			}
			return c.image(p, at)
		},
		Inline: func(n *html.Node) ([]book.Run, bool) { return c.notes.ref(d, n) },
		Skip: func(n *html.Node) bool {
			return c.notes.skips(n) || skip != nil && skip(n)
		},
	}
}

// convertNode converts the element n of document d (a note, a whole body).
func (c *epubConv) convertNode(d *epubDoc, n *html.Node) []book.Block {
	return c.convertWith(d, n, nil)
}

// convertWith converts the element n of document d, leaving out the elements skip names.
func (c *epubConv) convertWith(d *epubDoc, n *html.Node, skip func(*html.Node) bool) []book.Block {
	res := htmlmodel.Convert(n, c.options(d, skip))
	c.take(res)
	return res.Blocks
}

// take records a conversion's warnings and dropped text.
func (c *epubConv) take(res *htmlmodel.Result) {
	c.l.diags = append(c.l.diags, res.Diags...)
	for _, d := range res.Dropped {
		c.l.removed = append(c.l.removed, d.Text)
	}
}
