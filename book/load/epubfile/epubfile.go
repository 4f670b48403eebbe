// Package epubfile reads the structure of an existing EPUB (2 or 3): the
// archive (checked against zip slip and zip bombs), META-INF/container.xml,
// the package document's metadata, manifest and spine, the table of contents
// (nav.xhtml or toc.ncx), the cover, and DRM (refused). It turns no XHTML
// into text: the loader runs the spine's documents through its HTML converter.
package epubfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"cjkbook/book/load/internal/safezip"
)

// Errors Read wraps, for callers and tests that tell the cases apart.
var (
	// ErrNotEPUB: the archive lacks the container or the package document.
	ErrNotEPUB = errors.New("epubfile: not an EPUB")
	// ErrCorrupt: the zip archive or one of its members cannot be read.
	ErrCorrupt = safezip.ErrCorrupt
	// ErrDRM: the book is encrypted (anything but font obfuscation) or password-protected.
	ErrDRM = errors.New("epubfile: the book is DRM-protected")
	// ErrUnsafe: a member name leads outside the archive (zip slip).
	ErrUnsafe = errors.New("epubfile: unsafe member name")
	// ErrTooLarge: the archive has too many members or inflates past the limits (zip bomb).
	ErrTooLarge = safezip.ErrTooLarge
	// ErrEntity: an XML member declares a DTD subset or entities.
	ErrEntity = errors.New("epubfile: XML declares entities")
)

// Book is the structure of an EPUB: what the package document says and where
// the members are. Read it with Open or Read, then the documents with ReadFile.
type Book struct {
	Version string   // the package version, "2.0" or "3.0"
	OPF     string   // archive path of the package document
	Meta    Metadata // the package's Dublin Core metadata
	Spine   []Item   // the documents in reading order
	TOC     []Entry  // the table of contents, flattened in reading order
	// TOCFrom is the archive path of the nav document or NCX the TOC came
	// from ("" when the book has neither).
	TOCFrom string
	// Cover is the archive path of the cover image ("" when none is named).
	Cover string
	// CoverPage is the archive path of the spine document that shows the cover
	// (the guide's cover reference or a page holding only the cover image), "" if none.
	CoverPage string
	// Warnings are problems that do not stop reading, each with the archive path it concerns.
	Warnings []Warning

	lim    Limits
	files  map[string]*zip.File
	folded map[string]*zip.File // lower-cased names
	zip    *safezip.Archive
	items  map[string]Item // manifest by id
	byPath map[string]Item // manifest by archive path
	pkg    *opfPackage
}

// Metadata is the Dublin Core metadata of the package document.
type Metadata struct {
	Title       string
	Creators    []string // dc:creator in document order
	Language    string
	Description string // tags removed (Calibre stores HTML here)
	Identifier  string // the unique identifier the package names, else the first
	Publisher   string
	Date        string
}

// Item is a manifest entry.
type Item struct {
	ID        string
	Path      string // archive path
	MediaType string
	// Properties are the EPUB 3 properties (nav, cover-image, …), space separated.
	Properties string
	// Linear is false for spine items marked linear="no" (notes, pop-ups).
	Linear bool
}

// Entry is one table-of-contents entry.
type Entry struct {
	Title    string
	Path     string // archive path of the document it points to
	Fragment string // the id inside it, "" for the document's start
	Level    int    // 1 for top-level entries
}

// Warning is a problem found while reading the structure.
type Warning struct {
	File string // archive path
	Msg  string
}

// Open reads the structure of the EPUB at path with DefaultLimits.
func Open(path string) (*Book, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(bytes.NewReader(data), int64(len(data)), DefaultLimits)
}

// Read reads the structure of the EPUB held by r: it checks the archive, finds
// the package document, refuses DRM, and reads the metadata, spine, table of
// contents and cover. Errors name the archive member concerned.
func Read(r io.ReaderAt, size int64, lim Limits) (*Book, error) {
	zr, err := safezip.Open(r, size, lim)
	if err != nil {
		return nil, err
	}
	b := &Book{lim: lim, zip: zr}
	// Check the member names and the sizes their headers state.
	if err := b.index(); err != nil {
		return nil, err
	}
	// Refuse encrypted books before reading anything else.
	if err := b.checkDRM(); err != nil {
		return nil, err
	}
	// Find the package document.
	if b.OPF, err = b.rootfile(); err != nil {
		return nil, err
	}
	// Read metadata, manifest and spine.
	if err := b.readPackage(); err != nil {
		return nil, err
	}
	// Read the table of contents.
	b.readTOC()
	// Find the cover image and the page that shows it.
	b.findCover()
	return b, nil
}

// warn records a warning about the member at file.
func (b *Book) warn(file, format string, args ...any) {
	b.Warnings = append(b.Warnings, Warning{File: file, Msg: fmt.Sprintf(format, args...)})
}

// ReadXML returns the member at p after checking that it declares no DTD
// subset and no entities (ErrEntity); a DOCTYPE without a subset, such as
// XHTML's usual one, is accepted and never fetched.
func (b *Book) ReadXML(p string) ([]byte, error) {
	data, err := b.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if err := CheckEntities(data); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return data, nil
}

// CheckEntities refuses XML that declares entities or an internal DTD subset
// (the vector of billion-laughs and external-entity attacks).
func CheckEntities(data []byte) error {
	for rest := data; ; {
		i := bytes.Index(rest, []byte("<!"))
		if i < 0 {
			return nil
		}
		rest = rest[i+2:]
		switch {
		case bytes.HasPrefix(rest, []byte("--")): // a comment
			if j := bytes.Index(rest[2:], []byte("-->")); j >= 0 {
				rest = rest[2+j+3:]
				continue
			}
			return nil
		case bytes.HasPrefix(rest, []byte("[CDATA[")):
			if j := bytes.Index(rest, []byte("]]>")); j >= 0 {
				rest = rest[j+3:]
				continue
			}
			return nil
		case hasPrefixFold(rest, "ENTITY"):
			return fmt.Errorf("%w: an <!ENTITY> declaration; save the book without it", ErrEntity)
		case hasPrefixFold(rest, "DOCTYPE"):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				end = len(rest)
			}
			if bytes.IndexByte(rest[:end], '[') >= 0 {
				return fmt.Errorf("%w: a DOCTYPE with an internal subset; save the book without it", ErrEntity)
			}
		}
	}
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// fontObfuscation are the EncryptionMethod algorithms that only mangle
// embedded fonts (IDPF and Adobe); the text stays readable.
var fontObfuscation = map[string]bool{
	"http://www.idpf.org/2008/embedding": true,
	"http://ns.adobe.com/pdf/enc#RC":     true,
}

// checkDRM refuses a book whose META-INF/encryption.xml encrypts anything
// with more than font obfuscation, or that carries Adobe's rights.xml.
func (b *Book) checkDRM() error {
	if b.Has("META-INF/rights.xml") {
		return fmt.Errorf("META-INF/rights.xml: %w (Adobe DRM); cjkbook reads only DRM-free books: use a copy without DRM", ErrDRM)
	}
	if !b.Has("META-INF/encryption.xml") {
		return nil
	}
	data, err := b.ReadXML("META-INF/encryption.xml")
	if err != nil {
		return err
	}
	enc, err := parseEncryption(data)
	if err != nil {
		return fmt.Errorf("META-INF/encryption.xml: %w: %w", ErrCorrupt, err)
	}
	for _, d := range enc {
		if !fontObfuscation[d.alg] {
			return fmt.Errorf("META-INF/encryption.xml: %w: %s is encrypted (%s); cjkbook reads only DRM-free books: use a copy without DRM",
				ErrDRM, d.uri, d.alg)
		}
	}
	return nil
}

// rootfile finds the package document through META-INF/container.xml, else,
// with a warning, the archive's only .opf member.
func (b *Book) rootfile() (string, error) {
	const container = "META-INF/container.xml"
	if b.Has(container) {
		data, err := b.ReadXML(container)
		if err != nil {
			return "", err
		}
		p, err := parseContainer(data)
		if err != nil {
			return "", fmt.Errorf("%s: %w: %w", container, ErrNotEPUB, err)
		}
		if b.Has(p) {
			return p, nil
		}
		return "", fmt.Errorf("%s names the package document %s, which the archive lacks: %w", container, p, ErrNotEPUB)
	}
	var opfs []string
	for name := range b.files {
		if strings.HasSuffix(strings.ToLower(name), ".opf") {
			opfs = append(opfs, name)
		}
	}
	if len(opfs) != 1 {
		return "", fmt.Errorf("no %s and %d .opf package documents: %w; is it an EPUB?", container, len(opfs), ErrNotEPUB)
	}
	b.warn(container, "missing; read the package document %s instead", opfs[0])
	return opfs[0], nil
}
