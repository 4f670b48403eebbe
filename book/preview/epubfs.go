package preview

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// entry is one file of the built EPUB, decompressed.
type entry struct {
	data []byte
	etag string
}

// TOCEntry is one line of the book's table of contents, as the EPUB's nav document has it.
type TOCEntry struct {
	Title string `json:"title"`
	Href  string `json:"href"`  // path inside the EPUB, with an optional #fragment
	Depth int    `json:"depth"` // 0 for chapters, 1 for their sections …
}

// epubFiles holds the files of a built EPUB and what the preview needs from its package.
type epubFiles struct {
	files map[string]entry // by exact path inside the archive
	toc   []TOCEntry
	font  string // path of the regular body font, "" when none
}

// readEPUB decompresses an EPUB and reads its table of contents from the nav document
// named in the package file (container.xml → OPF → manifest item with properties="nav").
func readEPUB(data []byte) (*epubFiles, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("read epub: %w", err)
	}
	e := &epubFiles{files: map[string]entry{}}
	for _, f := range zr.File {
		name := f.Name
		if f.FileInfo().IsDir() || !safeName(name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("read epub %s: %w", name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read epub %s: %w", name, err)
		}
		e.files[name] = entry{data: b, etag: fmt.Sprintf(`"%08x-%x"`, f.CRC32, len(b))}
	}
	opf, err := e.rootfile()
	if err != nil {
		return nil, err
	}
	nav, fonts, err := e.manifest(opf)
	if err != nil {
		return nil, err
	}
	for _, f := range fonts {
		if e.font == "" || strings.Contains(path.Base(f), "regular") {
			e.font = f
		}
	}
	if e.toc, err = e.navTOC(nav); err != nil {
		return nil, err
	}
	return e, nil
}

// safeName reports whether an archive member name is a plain relative path (no "..",
// no absolute or backslash paths); other members are never served.
func safeName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, `\`) {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// rootfile returns the path of the package (OPF) file from META-INF/container.xml.
func (e *epubFiles) rootfile() (string, error) {
	c, ok := e.files["META-INF/container.xml"]
	if !ok {
		return "", errors.New("read epub: no META-INF/container.xml")
	}
	var container struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(c.data, &container); err != nil {
		return "", fmt.Errorf("read epub container.xml: %w", err)
	}
	if len(container.Rootfiles) == 0 {
		return "", errors.New("read epub container.xml: no rootfile")
	}
	return container.Rootfiles[0].FullPath, nil
}

// manifest returns the path of the nav document and of the fonts listed in the OPF.
func (e *epubFiles) manifest(opf string) (nav string, fonts []string, err error) {
	f, ok := e.files[opf]
	if !ok {
		return "", nil, fmt.Errorf("read epub: package file %s missing", opf)
	}
	var pkg struct {
		Items []struct {
			Href       string `xml:"href,attr"`
			MediaType  string `xml:"media-type,attr"`
			Properties string `xml:"properties,attr"`
		} `xml:"manifest>item"`
	}
	if err := xml.Unmarshal(f.data, &pkg); err != nil {
		return "", nil, fmt.Errorf("read epub %s: %w", opf, err)
	}
	dir := path.Dir(opf)
	for _, it := range pkg.Items {
		p := resolve(dir, it.Href)
		if strings.Contains(" "+it.Properties+" ", " nav ") {
			nav = p
		}
		if strings.HasPrefix(it.MediaType, "font/") || strings.Contains(it.MediaType, "opentype") || strings.Contains(it.MediaType, "truetype") {
			fonts = append(fonts, p)
		}
	}
	if nav == "" {
		return "", nil, fmt.Errorf("read epub %s: no nav document in the manifest", opf)
	}
	return nav, fonts, nil
}

// resolve joins an (escaped) href to the folder of the document it appears in; the
// fragment is kept.
func resolve(dir, href string) string {
	frag := ""
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href, frag = href[:i], href[i:]
	}
	if u, err := url.PathUnescape(href); err == nil {
		href = u
	}
	if href == "" {
		return frag
	}
	return path.Join(dir, href) + frag
}

// navTOC reads the entries of the <nav epub:type="toc"> list: every link with its depth.
func (e *epubFiles) navTOC(navPath string) ([]TOCEntry, error) {
	f, ok := e.files[navPath]
	if !ok {
		return nil, fmt.Errorf("read epub: nav document %s missing", navPath)
	}
	dir := path.Dir(navPath)
	d := xml.NewDecoder(bytes.NewReader(f.data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		toc      []TOCEntry
		navDepth int // >0 while inside the toc nav (counts nested navs)
		olDepth  int
		inA      bool
		cur      TOCEntry
		text     strings.Builder
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read epub %s: %w", navPath, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "nav":
				if navDepth > 0 {
					navDepth++
				} else if attr(t, "type") == "toc" || strings.Contains(" "+attr(t, "type")+" ", " toc ") {
					navDepth = 1
				}
			case "ol":
				if navDepth > 0 {
					olDepth++
				}
			case "a":
				if navDepth > 0 {
					inA = true
					text.Reset()
					cur = TOCEntry{Href: resolve(dir, attr(t, "href")), Depth: max(olDepth-1, 0)}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "nav":
				if navDepth > 0 {
					navDepth--
				}
			case "ol":
				if navDepth > 0 {
					olDepth--
				}
			case "a":
				if inA {
					inA = false
					cur.Title = strings.TrimSpace(text.String())
					toc = append(toc, cur)
				}
			}
		case xml.CharData:
			if inA {
				text.Write(t)
			}
		}
	}
	return toc, nil
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
