// Package docx reads a Word document (.docx, as written by Word, WPS and
// LibreOffice) into the blocks of the book model.
//
// It is written on archive/zip and encoding/xml: no maintained pure-Go reader
// handles footnotes, numbering and tracked changes (the README says which were
// looked at). The
// reader keeps paragraphs, headings (by style: built-in and localized names,
// or an outline level, through basedOn chains), bold, italic, emphasis dots,
// superscript and subscript, http/https/mailto hyperlinks, lists from
// numbering.xml, tables, footnotes and endnotes, pictures with their alt text,
// line breaks and tabs. It drops, and reports each in Doc.Dropped and
// Doc.Counts: a table-of-contents field's cached text, comments, deleted text
// of tracked changes (inserted text is kept), hidden text, page breaks and
// section properties.
//
// Positions count the document's paragraphs: notes.docx:¶12 is its twelfth.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"cjkbook/book"
	"cjkbook/book/load/internal/safezip"
)

// Doc is a read Word document.
type Doc struct {
	// Meta is the title, author and description of docProps/core.xml.
	Meta book.Metadata
	// Title is the text of the first paragraph in the Title style, at TitleAt;
	// Subtitle and Author those of Subtitle and Author paragraphs right after it.
	Title, Subtitle, Author string
	TitleAt                 book.Pos
	// Blocks is the body in reading order; a *book.Heading of Level 1 starts a chapter.
	Blocks []book.Block
	// Notes holds the footnotes and endnotes by the Href of their NoteRef runs,
	// in the order of their first reference.
	Notes []*book.Footnote
	// Images maps the Src of Image blocks and picture runs (the part name,
	// word/media/…) to the picture's bytes, unchecked.
	Images map[string][]byte
	// Dropped lists every piece of text left out, in document order.
	Dropped []Drop
	// Counts counts what was left out, by kind.
	Counts Counts
	// Warnings are problems that cost nothing of the text (a linked picture …).
	Warnings book.Diagnostics
}

// DropKind says why text was left out.
type DropKind int

const (
	// TOC is the cached text of a table-of-contents field or TOC-styled paragraphs.
	TOC DropKind = iota
	// Comment is the text of a reviewer's comment.
	Comment
	// Deleted is text deleted under tracked changes.
	Deleted
	// Hidden is text formatted as hidden.
	Hidden
)

// String names the kind for warnings.
func (k DropKind) String() string {
	switch k {
	case TOC:
		return "Word table of contents (cjkbook makes its own)"
	case Comment:
		return "comment"
	case Deleted:
		return "deleted text (tracked change)"
	case Hidden:
	}
	return "hidden text"
}

// Drop is one piece of text left out.
type Drop struct {
	At   book.Pos
	Kind DropKind
	Text string
}

// Counts counts what the reader left out.
type Counts struct {
	TOC        int // table-of-contents entries (paragraphs)
	Comments   int // comments
	Deleted    int // deletions of tracked changes
	Hidden     int // runs of hidden text
	PageBreaks int // page and column breaks
	Sections   int // section properties (page size, margins, columns …)
}

// Add adds the counts of o to c.
func (c *Counts) Add(o Counts) {
	c.TOC += o.TOC
	c.Comments += o.Comments
	c.Deleted += o.Deleted
	c.Hidden += o.Hidden
	c.PageBreaks += o.PageBreaks
	c.Sections += o.Sections
}

// Limits that keep a crafted archive from exhausting memory.
const (
	maxMembers = 10_000    // zip members
	maxXMLPart = 64 << 20  // uncompressed bytes of one XML part
	maxMedia   = 128 << 20 // uncompressed bytes of one picture
	maxTotal   = 512 << 20 // uncompressed bytes read from one archive
)

// limits are the limits above for safezip.
var limits = safezip.Limits{MaxMembers: maxMembers, MaxMember: max(maxXMLPart, maxMedia), MaxTotal: maxTotal}

// oleMagic starts an OLE compound file: a legacy .doc, or an encrypted .docx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ErrRefused marks input that is not a readable .docx; the message says what to do.
var ErrRefused = errors.New("not a readable .docx")

func refuse(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrRefused, fmt.Sprintf(format, args...))
}

// Read reads a .docx held in data; name is the file name used in positions.
func Read(data []byte, name string) (*Doc, error) {
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, utf16le("EncryptedPackage")) || bytes.Contains(data, utf16le("EncryptionInfo")) {
			return nil, refuse("the document is password-protected; open it in Word or WPS, remove the password (File → Info → Protect Document) and save it again")
		}
		return nil, refuse("this is a legacy Word 97–2003 .doc file; open it in Word, WPS or LibreOffice and save it as .docx")
	}
	zr, err := safezip.Open(bytes.NewReader(data), int64(len(data)), limits)
	if errors.Is(err, safezip.ErrTooLarge) {
		return nil, refuse("%v; refused as a possible zip bomb", err)
	}
	if err != nil {
		return nil, refuse("not a zip archive (%v); a .docx saved by Word, WPS or LibreOffice is one — save the document again as .docx", err)
	}
	pk := &pkg{zip: zr, files: map[string]*zip.File{}}
	for _, f := range zr.Files {
		pk.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	r := &reader{pk: pk, name: name, d: &Doc{Images: map[string][]byte{}}}
	if err := r.read(); err != nil {
		return nil, err
	}
	return r.d, nil
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// pkg is the opened archive, its members by name.
type pkg struct {
	zip   *safezip.Archive
	files map[string]*zip.File
}

// read returns the uncompressed bytes of member name (nil, nil when absent),
// refusing members larger than limit and archives that inflate past maxTotal.
func (p *pkg) read(name string, limit int64) ([]byte, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, nil
	}
	data, err := p.zip.Read(f, limit)
	switch {
	case errors.Is(err, safezip.ErrTooLarge):
		return nil, refuse("%v; refused as a possible zip bomb", err)
	case err != nil:
		return nil, refuse("%v; save the document again", err)
	}
	return data, nil
}

// xml reads and parses member name; nil, nil when absent.
func (p *pkg) xml(name string) (*node, error) {
	data, err := p.read(name, maxXMLPart)
	if err != nil || data == nil {
		return nil, err
	}
	n, err := parseXML(data)
	if err != nil {
		return nil, refuse("%s: %v", name, err)
	}
	return n, nil
}

// rel is one relationship of a part.
type rel struct {
	typ, target string
	external    bool
}

// rels reads the relationships of part name, targets resolved to member names
// (external targets kept as written).
func (p *pkg) rels(name string) (map[string]rel, error) {
	dir, file := path.Split(name)
	root, err := p.xml(dir + "_rels/" + file + ".rels")
	if err != nil || root == nil {
		return map[string]rel{}, err
	}
	out := map[string]rel{}
	for _, k := range root.kids {
		if k.name != "rel:Relationship" && k.name != "Relationship" {
			continue
		}
		rl := rel{typ: k.attr("Type"), target: k.attr("Target"), external: strings.EqualFold(k.attr("TargetMode"), "External")}
		if !rl.external {
			t := rl.target
			if strings.HasPrefix(t, "/") {
				t = path.Clean(strings.TrimPrefix(t, "/"))
			} else {
				t = path.Clean(path.Join(dir, t))
			}
			rl.target = t
		}
		out[k.attr("Id")] = rl
	}
	return out, nil
}

// byType returns the target of the first relationship whose type ends in /suffix.
func byType(rels map[string]rel, suffix string) string {
	best := ""
	for _, rl := range rels {
		if !rl.external && strings.HasSuffix(rl.typ, "/"+suffix) && (best == "" || rl.target < best) {
			best = rl.target
		}
	}
	return best
}

// read reads the package: metadata, styles, numbering, notes, comments, body.
func (r *reader) read() error {
	top, err := r.pk.rels("")
	if err != nil {
		return err
	}
	main := byType(top, "officeDocument")
	if main == "" {
		main = "word/document.xml"
	}
	doc, err := r.pk.xml(main)
	if err != nil {
		return err
	}
	if doc == nil {
		if _, ok := r.pk.files["content.xml"]; ok {
			return refuse("this is an OpenDocument (.odt) file renamed; save it as .docx")
		}
		return refuse("the archive has no %s; it is not a Word document — save it again as .docx", main)
	}
	if core := byType(top, "core-properties"); core != "" {
		if err := r.core(core); err != nil {
			return err
		}
	}
	if r.rels, err = r.pk.rels(main); err != nil {
		return err
	}
	parts := map[string]**node{"styles": &r.stylesXML, "numbering": &r.numberingXML, "footnotes": &r.footnotesXML,
		"endnotes": &r.endnotesXML, "comments": &r.commentsXML}
	for _, typ := range []string{"styles", "numbering", "footnotes", "endnotes", "comments"} {
		if t := byType(r.rels, typ); t != "" {
			if *parts[typ], err = r.pk.xml(t); err != nil {
				return err
			}
		}
	}
	if doc.name != "w:document" {
		return refuse("%s is not a WordprocessingML document (its root is <%s>)", main, doc.name)
	}
	r.st = newStyles(r.stylesXML)
	r.num = newNumbering(r.numberingXML)
	r.notesXML = map[string]*node{}
	for _, part := range []*node{r.footnotesXML, r.endnotesXML} {
		if part == nil {
			continue
		}
		for _, k := range part.kids {
			if (k.name == "w:footnote" || k.name == "w:endnote") && k.attr("w:type") == "" {
				prefix := "fn:"
				if k.name == "w:endnote" {
					prefix = "en:"
				}
				r.notesXML[prefix+k.attr("w:id")] = k
			}
		}
	}
	if err := r.body(doc.child("w:body")); err != nil {
		return err
	}
	r.comments()
	return nil
}

// core reads title, author and description from docProps/core.xml.
func (r *reader) core(name string) error {
	n, err := r.pk.xml(name)
	if err != nil || n == nil {
		return err
	}
	get := func(el string) string {
		if k := n.child(el); k != nil {
			return strings.TrimSpace(k.text)
		}
		return ""
	}
	r.d.Meta.Title = get("dc:title")
	if a := get("dc:creator"); !placeholderAuthor(a) {
		r.d.Meta.Author = a
	}
	r.d.Meta.Description = get("dc:description")
	return nil
}

// placeholderAuthor reports whether a document's creator is the name an
// installation fills in rather than a person's.
func placeholderAuthor(a string) bool {
	switch strings.ToLower(a) {
	case "", "administrator", "admin", "user", "owner", "微软用户", "微软中国", "windows 用户", "windows user",
		"microsoft office user", "microsoft", "python-docx", "un-named", "unknown", "lenovo", "dell", "hp":
		return true
	}
	return false
}
