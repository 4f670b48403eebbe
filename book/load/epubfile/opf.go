package epubfile

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// newDecoder returns a lenient XML decoder: HTML entities are known, tags
// need not be closed. Entities declared in the document never get this far
// (CheckEntities refuses them).
func newDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// parseContainer returns the full path of the first package document listed.
func parseContainer(data []byte) (string, error) {
	var c struct {
		Rootfiles []struct {
			FullPath  string `xml:"full-path,attr"`
			MediaType string `xml:"media-type,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := newDecoder(data).Decode(&c); err != nil {
		return "", err
	}
	for _, r := range c.Rootfiles {
		if r.MediaType == "" || r.MediaType == "application/oebps-package+xml" {
			p, _, ok := resolve("", r.FullPath)
			if !ok {
				return "", fmt.Errorf("rootfile %q leads outside the archive", r.FullPath)
			}
			return p, nil
		}
	}
	return "", fmt.Errorf("no rootfile of type application/oebps-package+xml")
}

// encrypted is one EncryptedData entry: the member and its algorithm.
type encrypted struct{ uri, alg string }

func parseEncryption(data []byte) ([]encrypted, error) {
	var e struct {
		Data []struct {
			Method struct {
				Algorithm string `xml:"Algorithm,attr"`
			} `xml:"EncryptionMethod"`
			Refs []struct {
				URI string `xml:"URI,attr"`
			} `xml:"CipherData>CipherReference"`
		} `xml:"EncryptedData"`
	}
	if err := newDecoder(data).Decode(&e); err != nil {
		return nil, err
	}
	var out []encrypted
	for _, d := range e.Data {
		uri := "a member"
		if len(d.Refs) > 0 {
			uri = d.Refs[0].URI
		}
		out = append(out, encrypted{uri: uri, alg: strings.TrimSpace(d.Method.Algorithm)})
	}
	return out, nil
}

// opfPackage is the part of the package document Read uses.
type opfPackage struct {
	Version  string `xml:"version,attr"`
	UniqueID string `xml:"unique-identifier,attr"`
	Metadata struct {
		Titles       []string `xml:"title"`
		Creators     []string `xml:"creator"`
		Languages    []string `xml:"language"`
		Descriptions []string `xml:"description"`
		Publishers   []string `xml:"publisher"`
		Dates        []string `xml:"date"`
		Identifiers  []struct {
			ID    string `xml:"id,attr"`
			Value string `xml:",chardata"`
		} `xml:"identifier"`
		Metas []struct {
			Name    string `xml:"name,attr"`
			Content string `xml:"content,attr"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine struct {
		TOC   string `xml:"toc,attr"`
		Items []struct {
			IDRef  string `xml:"idref,attr"`
			Linear string `xml:"linear,attr"`
		} `xml:"itemref"`
	} `xml:"spine"`
	Guide []struct {
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"guide>reference"`
}

// readPackage reads the package document's metadata, manifest and spine.
func (b *Book) readPackage() error {
	data, err := b.ReadXML(b.OPF)
	if err != nil {
		return err
	}
	var pkg opfPackage
	if err := newDecoder(data).Decode(&pkg); err != nil {
		return fmt.Errorf("%s: %w: %w", b.OPF, ErrCorrupt, err)
	}
	b.pkg = &pkg
	b.Version = strings.TrimSpace(pkg.Version)
	b.readMetadata(&pkg)
	// Manifest.
	b.items = map[string]Item{}
	b.byPath = map[string]Item{}
	for _, it := range pkg.Items {
		p, _, ok := resolve(b.OPF, it.Href)
		if !ok {
			b.warn(b.OPF, "manifest item %q: href %q is outside the archive; ignored", it.ID, it.Href)
			continue
		}
		item := Item{ID: it.ID, Path: p, MediaType: strings.TrimSpace(it.MediaType), Properties: it.Properties, Linear: true}
		b.items[it.ID] = item
		b.byPath[p] = item
	}
	// Spine.
	for _, ref := range pkg.Spine.Items {
		it, ok := b.items[ref.IDRef]
		if !ok {
			b.warn(b.OPF, "spine item %q is not in the manifest; skipped", ref.IDRef)
			continue
		}
		if !b.Has(it.Path) {
			b.warn(b.OPF, "spine document %s is not in the archive; skipped", it.Path)
			continue
		}
		it.Linear = strings.TrimSpace(ref.Linear) != "no"
		b.Spine = append(b.Spine, it)
	}
	if len(b.Spine) == 0 {
		return fmt.Errorf("%s: the spine lists no document the archive holds: %w", b.OPF, ErrNotEPUB)
	}
	return nil
}

// readMetadata fills b.Meta from the package's Dublin Core elements.
func (b *Book) readMetadata(pkg *opfPackage) {
	md := &pkg.Metadata
	first := func(vs []string) string {
		for _, v := range vs {
			if v = collapse(v); v != "" {
				return v
			}
		}
		return ""
	}
	b.Meta.Title = first(md.Titles)
	for _, c := range md.Creators {
		if c = collapse(c); c != "" {
			b.Meta.Creators = append(b.Meta.Creators, c)
		}
	}
	b.Meta.Language = first(md.Languages)
	b.Meta.Description = stripTags(first(md.Descriptions))
	b.Meta.Publisher = first(md.Publishers)
	b.Meta.Date = first(md.Dates)
	for _, id := range md.Identifiers {
		v := collapse(id.Value)
		if v == "" {
			continue
		}
		if b.Meta.Identifier == "" || (pkg.UniqueID != "" && id.ID == pkg.UniqueID) {
			b.Meta.Identifier = v
		}
	}
}

// collapse trims s and turns each run of ASCII white space into one space;
// U+3000, typed on purpose between a chapter's number and title, stays.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
	}), " ")
}

// stripTags returns the text of an HTML fragment (Calibre and others keep the
// description as escaped HTML), one paragraph per line.
func stripTags(s string) string {
	if !strings.ContainsRune(s, '<') {
		return s
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return s
	}
	var lines []string
	for _, ln := range strings.Split(text(doc), "\n") {
		if ln = collapse(ln); ln != "" {
			lines = append(lines, ln)
		}
	}
	return strings.Join(lines, "\n")
}

// findCover sets Cover (EPUB 3 cover-image property, the EPUB 2 cover meta,
// else an image whose id or name says cover) and CoverPage.
func (b *Book) findCover() {
	pkg := b.pkg
	isImage := func(it Item) bool { return strings.HasPrefix(it.MediaType, "image/") && b.Has(it.Path) }
	for _, it := range pkg.Items {
		if hasProp(it.Properties, "cover-image") {
			if item, ok := b.items[it.ID]; ok && isImage(item) {
				b.Cover = item.Path
			}
		}
	}
	if b.Cover == "" {
		for _, m := range pkg.Metadata.Metas {
			if m.Name == "cover" {
				if it, ok := b.items[strings.TrimSpace(m.Content)]; ok && isImage(it) {
					b.Cover = it.Path
				} else if it, ok := b.byPath[path.Clean(path.Join(path.Dir(b.OPF), m.Content))]; ok && isImage(it) {
					b.Cover = it.Path
				}
			}
		}
	}
	if b.Cover == "" {
		for _, it := range pkg.Items {
			item, ok := b.items[it.ID]
			if ok && isImage(item) && (strings.Contains(strings.ToLower(it.ID), "cover") || strings.HasPrefix(strings.ToLower(path.Base(item.Path)), "cover")) {
				b.Cover = item.Path
				break
			}
		}
	}
	for _, g := range pkg.Guide {
		if strings.EqualFold(g.Type, "cover") {
			if p, _, ok := resolve(b.OPF, g.Href); ok && b.inSpine(p) {
				b.CoverPage = p
			}
		}
	}
}

func (b *Book) inSpine(p string) bool {
	for _, it := range b.Spine {
		if it.Path == p {
			return true
		}
	}
	return false
}

func hasProp(props, want string) bool {
	for _, p := range strings.Fields(props) {
		if p == want {
			return true
		}
	}
	return false
}
