package epub

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"sync"

	goepub "github.com/go-shiori/go-epub"

	"cjkbook/book"
)

// go-epub keeps its working tree in a package-global store that is not safe
// for concurrent use, so packaging runs one book at a time; everything else in
// Write runs concurrently.
var (
	goepubOnce sync.Once
	goepubErr  error
	goepubMu   sync.Mutex
)

// Paths inside the container, as go-epub lays them out.
const (
	contentDir = "EPUB/"
	opfPath    = contentDir + "package.opf"
	navPath    = contentDir + "nav.xhtml"
	ncxPath    = contentDir + "toc.ncx"
	coverPage  = "cover.xhtml"
)

// displayOptionsPath is Apple Books' display options file, and displayOptions its
// content: specified-fonts tells Apple Books to draw the embedded faces, which it
// otherwise replaces with its own fonts.
const (
	displayOptionsPath = "META-INF/com.apple.ibooks.display-options.xml"
	displayOptions     = `<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`
)

// packageSkeleton lets go-epub assemble the publication: stylesheet, font
// subsets, images, cover and one section per chapter (with a placeholder
// body: the real documents are written once, by finish, because go-epub's
// XHTML template cannot carry lang). It returns go-epub's zip.
func packageSkeleton(b *book.Book, m meta, plan *bookPlan, ps *parts) ([]byte, error) {
	goepubOnce.Do(func() { goepubErr = goepub.Use(goepub.MemoryFS) })
	if goepubErr != nil {
		return nil, fmt.Errorf("epub: go-epub memory store: %w", goepubErr)
	}
	goepubMu.Lock()
	defer goepubMu.Unlock()

	e, err := goepub.NewEpub(m.title)
	if err != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", err)
	}
	// Never fetch anything over the network: every source is a data: URL.
	e.Client = &http.Client{Transport: offline{}}
	e.SetIdentifier(m.identifier)
	e.SetLang(m.lang)
	if m.author != "" {
		e.SetAuthor(m.author)
	}
	if m.description != "" {
		e.SetDescription(m.description)
	}
	cssPath, err := e.AddCSS(dataURL("text/css", ps.css), "book.css")
	if err != nil {
		return nil, fmt.Errorf("epub: add stylesheet: %s", short(err))
	}
	for _, f := range ps.fonts {
		if _, err := e.AddFont(dataURL("application/octet-stream", standIn(f.data)), f.file); err != nil {
			return nil, fmt.Errorf("epub: add font %s: %s", f.file, short(err))
		}
	}
	for _, im := range plan.images {
		if _, err := e.AddImage(dataURL(im.mediaType, standIn(im.data)), im.name); err != nil {
			return nil, fmt.Errorf("epub: add image %s: %s", im.name, short(err))
		}
	}
	if ps.cover != nil {
		p, err := e.AddImage(dataURL(ps.cover.mediaType, standIn(ps.cover.data)), ps.cover.name)
		if err != nil {
			return nil, fmt.Errorf("epub: add cover image: %s", short(err))
		}
		coverCSS, err := e.AddCSS(dataURL("text/css", []byte(coverStyle)), "cover.css")
		if err != nil {
			return nil, fmt.Errorf("epub: add cover stylesheet: %s", short(err))
		}
		if err := e.SetCover(p, coverCSS); err != nil {
			return nil, fmt.Errorf("epub: set cover: %w", err)
		}
	}
	for _, c := range plan.chapters {
		body := "<p>" + escapeString(c.label) + "</p>"
		if _, err := e.AddSection(body, c.label, c.file, cssPath); err != nil {
			return nil, fmt.Errorf("epub: add chapter %s: %w", c.file, err)
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("epub: go-epub write: %w", err)
	}
	return buf.Bytes(), nil
}

// offline is the HTTP transport of go-epub's client: the book never fetches
// anything over the network.
type offline struct{}

func (offline) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("epub: network access is disabled")
}

// short returns err's message cut to a readable length: go-epub quotes the
// whole data: URL (megabytes of base64) in its errors.
func short(err error) string {
	s := err.Error()
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// dataURL wraps data as a base64 data: URL, the one source go-epub reads
// without touching the disk or the network.
func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// standIn is what go-epub receives for a font or picture: the leading bytes,
// enough for its media-type sniffing. The real bytes are compressed by us in
// parallel and put in place by finish, so that no payload is base64-encoded,
// lexed and deflated a second time by go-epub (that cost 0.3 s on 红楼梦).
func standIn(data []byte) []byte {
	if len(data) > 512 {
		return data[:512]
	}
	return data
}

// manifestItem is an <item> of go-epub's package document.
type manifestItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

// opfDoc is the part of go-epub's package document we keep: what it put in
// the manifest and in which order it spined it.
type opfDoc struct {
	Items []manifestItem `xml:"manifest>item"`
	Spine []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

// readOPF decodes the manifest and spine of go-epub's package document.
func readOPF(f *zip.File) (*opfDoc, error) {
	if f == nil {
		return nil, errors.New("epub: go-epub wrote no package document")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("epub: read go-epub package document: %w", err)
	}
	defer rc.Close()
	var doc opfDoc
	if err := xml.NewDecoder(rc).Decode(&doc); err != nil {
		return nil, fmt.Errorf("epub: parse go-epub package document: %w", err)
	}
	return &doc, nil
}
