package epub

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	flate "github.com/klauspost/compress/flate"
	"hash/crc32"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

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

// stored is an entry kept uncompressed (pictures are compressed already).
func stored(name string, data []byte) packedEntry {
	return packedEntry{name: name, method: zip.Store, crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), data: data}
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

// packedEntry is a zip entry ready to be written raw.
type packedEntry struct {
	name   string
	method uint16
	crc    uint32
	size   uint64
	data   []byte // compressed (or stored) bytes
}

// zipLevel is the deflate level of every compressed entry. Each chapter is its own zip
// entry, so Chinese text compresses worse than one stream would. klauspost/compress (already
// gopdf's compressor) at level 9 makes the novel's EPUB 2.43 MB in the time the standard
// library takes at level 6 for 2.45 MB (its level 6: 2.53 MB); its CPU runs beside the
// PDF's on the other core.
const zipLevel = flate.BestCompression

// fontLevel is the deflate level of font subsets: on the 200-unit grid of FontOptions
// the novel's Regular subset deflates to about 1.07 MB.
const fontLevel = flate.BestCompression

// flateWriters keeps compressors between builds: each holds about 1 MB of
// tables, and a sync.Pool would drop them at every garbage collection.
var flateWriters = func() map[int]chan *flate.Writer {
	m := map[int]chan *flate.Writer{}
	for _, l := range []int{zipLevel, fontLevel} {
		m[l] = make(chan *flate.Writer, 8)
	}
	return m
}()

func getFlate(level int, w io.Writer) *flate.Writer {
	select {
	case fw := <-flateWriters[level]:
		fw.Reset(w)
		return fw
	default:
		fw, _ := flate.NewWriter(w, level) // level is valid: no error
		return fw
	}
}

func putFlate(level int, fw *flate.Writer) {
	select {
	case flateWriters[level] <- fw:
	default:
	}
}

// deflate compresses one entry at zipLevel; it is safe for concurrent use.
func deflate(name string, data []byte) packedEntry { return deflateLevel(name, data, zipLevel) }

// deflateLevel compresses one entry at level (zipLevel or fontLevel).
func deflateLevel(name string, data []byte, level int) packedEntry {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	w := getFlate(level, &buf)
	_, _ = w.Write(data) // writes to a bytes.Buffer cannot fail
	_ = w.Close()
	putFlate(level, w)
	return packedEntry{name: name, method: zip.Deflate, crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), data: buf.Bytes()}
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

// finish rewrites go-epub's zip into the final EPUB: mimetype first and
// stored, then every other entry in name order with fixed timestamps; the
// package document, nav, NCX and XHTML documents are ours, the rest (container,
// stylesheets, fonts, images) is copied without recompressing.
func finish(w io.Writer, skeleton []byte, m meta, plan *bookPlan, ps *parts) error {
	zr, err := zip.NewReader(bytes.NewReader(skeleton), int64(len(skeleton)))
	if err != nil {
		return fmt.Errorf("epub: read go-epub output: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	opf, err := readOPF(files[opfPath])
	if err != nil {
		return err
	}
	byHref := map[string]manifestItem{}
	for _, it := range opf.Items {
		byHref[it.Href] = it
	}

	// Our documents, keyed by their path in the container.
	ours := map[string][]byte{}
	for _, c := range plan.chapters {
		if _, ok := byHref["xhtml/"+c.file]; !ok {
			return fmt.Errorf("epub: go-epub lost chapter %s from the manifest", c.file)
		}
	}
	coverID := ""
	if ps.cover != nil {
		it, ok := byHref["images/"+ps.cover.name]
		if !ok || it.Properties != "cover-image" {
			return errors.New("epub: go-epub did not mark the cover image")
		}
		coverID = it.ID
		if _, ok := byHref["xhtml/"+coverPage]; !ok {
			return errors.New("epub: go-epub wrote no cover page")
		}
		ours[contentDir+"xhtml/"+coverPage] = coverXHTML(m, ps.cover.name)
	}
	ours[navPath] = navXHTML(m, plan, ps.cover != nil)
	ours[ncxPath] = ncxXML(m, plan)
	for i, it := range opf.Items {
		// Our media types are exact (a picture's is the loader's); go-epub sniffed a stand-in.
		if mt, ok := ps.types[it.Href]; ok {
			opf.Items[i].MediaType = mt
		}
	}
	ours[opfPath] = packageOPF(m, plan, opf, coverID)

	// Every entry go-epub wrote must be accounted for.
	entries := make([]packedEntry, 0, len(zr.File)+1)
	placed := map[string]bool{}
	for _, pe := range ps.packed {
		placed[pe.name] = true
		entries = append(entries, pe)
	}
	var toPack []string
	for name := range ours {
		toPack = append(toPack, name)
	}
	sort.Strings(toPack)
	packed := make([]packedEntry, len(toPack))
	parallel(len(toPack), func(i int) { packed[i] = deflate(toPack[i], ours[toPack[i]]) })
	entries = append(entries, packed...)
	var copies []*zip.File
	for _, f := range zr.File {
		if pe, ok := ps.payload[f.Name]; ok {
			entries = append(entries, pe)
			placed[f.Name] = true
			continue
		}
		switch {
		case f.Name == "mimetype", placed[f.Name], ours[f.Name] != nil:
		case strings.HasSuffix(f.Name, "/"):
		case strings.HasSuffix(f.Name, ".xhtml"):
			return fmt.Errorf("epub: unexpected document %s in go-epub output", f.Name)
		default:
			copies = append(copies, f)
		}
	}
	for name := range ps.payload {
		if !placed[name] {
			return fmt.Errorf("epub: go-epub did not place %s", name)
		}
	}
	for _, f := range copies {
		raw, err := f.OpenRaw()
		if err != nil {
			return fmt.Errorf("epub: read %s: %w", f.Name, err)
		}
		data, err := io.ReadAll(raw)
		if err != nil {
			return fmt.Errorf("epub: read %s: %w", f.Name, err)
		}
		entries = append(entries, packedEntry{name: f.Name, method: f.Method, crc: f.CRC32, size: f.UncompressedSize64, data: data})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })

	zw := zip.NewWriter(w)
	mt := []byte("application/epub+zip")
	all := append([]packedEntry{{name: "mimetype", method: zip.Store, crc: crc32.ChecksumIEEE(mt), size: uint64(len(mt)), data: mt}}, entries...)
	date, tm := dosTime(m.modified)
	for _, e := range all {
		hdr := &zip.FileHeader{
			Name:               e.name,
			Method:             e.method,
			CRC32:              e.crc,
			CompressedSize64:   uint64(len(e.data)),
			UncompressedSize64: e.size,
			ModifiedDate:       date,
			ModifiedTime:       tm,
			CreatorVersion:     20,
		}
		hdr.SetMode(0o644)
		fw, err := zw.CreateRaw(hdr)
		if err != nil {
			return fmt.Errorf("epub: write %s: %w", e.name, err)
		}
		if _, err := fw.Write(e.data); err != nil {
			return fmt.Errorf("epub: write %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: finish zip: %w", err)
	}
	return nil
}

// dosTime converts t to the MS-DOS date and time of a zip header (set
// directly so that no extended-timestamp extra field is written: the mimetype
// entry must not carry one).
func dosTime(t time.Time) (date, tm uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

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

// packageOPF writes the package document: go-epub's manifest sorted by href
// and its spine (plus the nav page when InBookTOC), with our metadata:
// Dublin Core, dcterms:modified from the options, the cover for EPUB 2
// readers, and schema.org accessibility metadata.
func packageOPF(m meta, plan *bookPlan, opf *opfDoc, coverID string) []byte {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="`)
	escape(&buf, m.lang)
	buf.WriteString(`">` + "\n" + `  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	el := func(tag, attrs, val string) {
		buf.WriteString("    <" + tag + attrs + ">")
		escape(&buf, val)
		buf.WriteString("</" + strings.Fields(tag)[0] + ">\n")
	}
	el("dc:identifier", ` id="pub-id"`, m.identifier)
	el("dc:title", ` id="title"`, m.title)
	if m.subtitle != "" {
		el("meta", ` refines="#title" property="title-type"`, "main")
		el("dc:title", ` id="subtitle"`, m.subtitle)
		el("meta", ` refines="#subtitle" property="title-type"`, "subtitle")
	}
	el("dc:language", "", m.lang)
	if m.author != "" {
		el("dc:creator", ` id="creator"`, m.author)
		el("meta", ` refines="#creator" property="role" scheme="marc:relators"`, "aut")
	}
	if m.description != "" {
		el("dc:description", "", m.description)
	}
	if m.publisher != "" {
		el("dc:publisher", "", m.publisher)
	}
	if m.date != "" {
		el("dc:date", "", m.date)
	}
	pages := len(plan.pages) > 0
	if pages {
		// The print edition the page-list follows: dc:source refined as the
		// source of the pagination (EPUB 3.2), and pageBreakSource (EPUB 3.3)
		// in the name/content form: EPUBCheck 4.2 rejects property=
		// "pageBreakSource" (OPF-027, undefined) and the a11y: prefix alike.
		el("dc:source", ` id="page-source"`, m.pageSource)
		el("meta", ` refines="#page-source" property="source-of"`, "pagination")
		buf.WriteString(`    <meta name="pageBreakSource" content="` + escapeString(m.pageSource) + `"/>` + "\n")
	}
	el("meta", ` property="dcterms:modified"`, m.modified.Format("2006-01-02T15:04:05Z"))
	if coverID != "" {
		buf.WriteString(`    <meta name="cover" content="` + escapeString(coverID) + `"/>` + "\n")
	}
	// Accessibility (EPUB Accessibility 1.1, schema.org vocabulary).
	images, allAlt := len(plan.images) > 0, true
	for _, c := range plan.chapters {
		c.ch.Walk(func(bl book.Block) bool {
			if im, ok := bl.(*book.Image); ok && strings.TrimSpace(im.Alt) == "" {
				allAlt = false
			}
			return true
		})
	}
	if !images || allAlt {
		// Every requirement of EPUB Accessibility 1.1 that a text book can
		// miss is met by construction (language, titles, structure, reading
		// order, navigation, page source); only a picture without a
		// description would break WCAG 1.1.1.
		el("meta", ` property="dcterms:conformsTo"`, "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
	}
	el("meta", ` property="schema:accessMode"`, "textual")
	if images || coverID != "" {
		el("meta", ` property="schema:accessMode"`, "visual")
	}
	if !images || allAlt {
		el("meta", ` property="schema:accessModeSufficient"`, "textual")
	} else {
		el("meta", ` property="schema:accessModeSufficient"`, "textual,visual")
	}
	for _, f := range []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"} {
		el("meta", ` property="schema:accessibilityFeature"`, f)
	}
	if images && allAlt {
		el("meta", ` property="schema:accessibilityFeature"`, "alternativeText")
	}
	if pages {
		for _, f := range []string{"printPageNumbers", "pageBreakMarkers", "pageNavigation"} {
			el("meta", ` property="schema:accessibilityFeature"`, f)
		}
	}
	el("meta", ` property="schema:accessibilityHazard"`, "none")
	el("meta", ` property="schema:accessibilitySummary"`, accessibilitySummary(images && allAlt, pages, m.pageSource))
	buf.WriteString("  </metadata>\n  <manifest>\n")
	items := append([]manifestItem(nil), opf.Items...)
	sort.Slice(items, func(i, j int) bool { return items[i].Href < items[j].Href })
	for _, it := range items {
		buf.WriteString(`    <item id="` + escapeString(it.ID) + `" href="` + escapeString(it.Href) + `" media-type="` + escapeString(it.MediaType) + `"`)
		if it.Properties != "" {
			buf.WriteString(` properties="` + escapeString(it.Properties) + `"`)
		}
		buf.WriteString("/>\n")
	}
	if m.vertical {
		buf.WriteString("  </manifest>\n  <spine toc=\"ncx\" page-progression-direction=\"rtl\">\n")
	} else {
		buf.WriteString("  </manifest>\n  <spine toc=\"ncx\">\n")
	}
	navID := ""
	for _, it := range items {
		if it.Href == "nav.xhtml" {
			navID = it.ID
		}
	}
	spine := make([]string, 0, len(opf.Spine)+1)
	for _, ref := range opf.Spine {
		spine = append(spine, ref.IDRef)
	}
	// The nav document is always in the spine so that the toc landmark points
	// at a spine item; it is part of the reading order only with InBookTOC.
	if navID != "" {
		at := 0
		if len(spine) > 0 && spine[0] == coverPage {
			at = 1 // after the cover page
		}
		spine = append(spine[:at], append([]string{navID}, spine[at:]...)...)
	}
	for _, id := range spine {
		buf.WriteString(`    <itemref idref="` + escapeString(id) + `"`)
		if id == navID && !m.inBookTOC {
			buf.WriteString(` linear="no"`)
		}
		buf.WriteString("/>\n")
	}
	buf.WriteString("  </spine>\n</package>\n")
	return buf.Bytes()
}

// accessibilitySummary says in Chinese what the book offers.
func accessibilitySummary(alt, pages bool, source string) string {
	s := "本书为可重排的文字内容，已标注语言，提供层级目录、结构化标题与正确的阅读顺序，字号与字体可由阅读器调整。"
	if alt {
		s += "所有图片均附有文字说明。"
	}
	if pages {
		s += "书中标有与印刷版（" + source + "）一致的页码，可按页码跳转和引用。"
	}
	return s
}

// coverStyle centres the cover image and scales it to the page.
const coverStyle = `div.cover {
  text-align: center;
  text-indent: 0;
}

div.cover img {
  max-width: 100%;
  max-height: 100%;
}
`

// coverXHTML is the cover page: the image, described by the title.
func coverXHTML(m meta, image string) []byte {
	r := &renderer{lang: m.lang}
	var buf bytes.Buffer
	r.head(&buf, m.title, "../css/cover.css")
	buf.WriteString("<body>\n" + `<div class="cover"><img epub:type="cover" role="doc-cover" src="../images/`)
	escape(&buf, image)
	buf.WriteString(`" alt="`)
	alt := "封面：" + m.title
	if m.author != "" {
		alt += "，" + m.author
	}
	escape(&buf, alt)
	buf.WriteString(`"/></div>` + "\n</body>\n</html>\n")
	return buf.Bytes()
}

// navXHTML writes the navigation document: 目录 with parts > chapters >
// sections from book.TOC, and the landmarks cover, toc and bodymatter.
func navXHTML(m meta, plan *bookPlan, cover bool) []byte {
	r := &renderer{lang: m.lang}
	var buf bytes.Buffer
	title := contentsTitle(m.lang)
	r.head(&buf, title, "css/book.css")
	buf.WriteString(`<body epub:type="frontmatter">` + "\n")
	buf.WriteString(`<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">` + "\n")
	buf.WriteString(`<h1 id="toc-title">` + title + `</h1>` + "\n")
	toc := tocTree(plan)
	var list func(es []tocItem)
	list = func(es []tocItem) {
		buf.WriteString("<ol>\n")
		for _, e := range es {
			buf.WriteString(`<li><a href="`)
			escape(&buf, e.href)
			buf.WriteString(`">`)
			escape(&buf, e.label)
			buf.WriteString("</a>")
			if len(e.children) > 0 {
				buf.WriteString("\n")
				list(e.children)
			}
			buf.WriteString("</li>\n")
		}
		buf.WriteString("</ol>\n")
	}
	list(toc)
	buf.WriteString("</nav>\n")
	pageList(&buf, plan.pages)
	buf.WriteString(`<nav epub:type="landmarks" id="landmarks" aria-label="导览" hidden="hidden">` + "\n<ol>\n")
	if cover {
		buf.WriteString(`<li><a epub:type="cover" href="xhtml/` + coverPage + `">封面</a></li>` + "\n")
	}
	buf.WriteString(`<li><a epub:type="toc" href="nav.xhtml#toc">` + title + `</a></li>` + "\n")
	body := plan.chapters[0]
	for _, c := range plan.chapters {
		if c.ch.Kind == book.Body || c.ch.Kind == book.Part {
			body = c
			break
		}
	}
	buf.WriteString(`<li><a epub:type="bodymatter" href="xhtml/`)
	escape(&buf, body.file)
	buf.WriteString(`">正文</a></li>` + "\n</ol>\n</nav>\n</body>\n</html>\n")
	return buf.Bytes()
}

// tocItem is one resolved navigation entry.
type tocItem struct {
	label, href string
	children    []tocItem
}

// tocTree resolves book.TOC to hrefs and non-empty labels; sections with an
// empty title are left out (an empty nav label is invalid). book.TOC lists a
// chapter's top-level level-2 headings in order, so each section entry is
// matched with the next such heading of its chapter (model IDs need not be
// unique; the rendered IDs are).
func tocTree(plan *bookPlan) []tocItem {
	b := &book.Book{}
	sections := make([][]*book.Heading, len(plan.chapters))
	for i, c := range plan.chapters {
		b.Chapters = append(b.Chapters, c.ch)
		for _, bl := range c.ch.Blocks {
			if h, ok := bl.(*book.Heading); ok && h.Level == 2 {
				sections[i] = append(sections[i], h)
			}
		}
	}
	next := make([]int, len(plan.chapters))
	// An entry is a section when it points into its parent's chapter.
	var conv func(es []book.TOCEntry, parent int) []tocItem
	conv = func(es []book.TOCEntry, parent int) []tocItem {
		var out []tocItem
		for _, e := range es {
			if e.Chapter < 0 || e.Chapter >= len(plan.chapters) {
				continue
			}
			c := plan.chapters[e.Chapter]
			it := tocItem{href: "xhtml/" + c.file, label: c.label}
			if e.Chapter == parent {
				k := next[e.Chapter]
				if k >= len(sections[e.Chapter]) {
					continue
				}
				next[e.Chapter]++
				label := strings.TrimSpace(e.Title)
				if label == "" {
					continue
				}
				it.href += "#" + c.headings[sections[e.Chapter][k]]
				it.label = label
			}
			it.children = conv(e.Children, e.Chapter)
			out = append(out, it)
		}
		return out
	}
	return conv(b.TOC(), -1)
}

// ncxXML writes the EPUB 2 NCX for older readers and Kindle conversion, with
// dtb:uid equal to the identifier, the depth, the author and play order.
func ncxXML(m meta, plan *bookPlan) []byte {
	toc := tocTree(plan)
	depth := 0
	var measure func(es []tocItem, d int)
	measure = func(es []tocItem, d int) {
		for _, e := range es {
			if d > depth {
				depth = d
			}
			measure(e.children, d+1)
		}
	}
	measure(toc, 1)
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="`)
	escape(&buf, m.lang)
	buf.WriteString(`">` + "\n<head>\n")
	buf.WriteString(`<meta name="dtb:uid" content="` + escapeString(m.identifier) + `"/>` + "\n")
	buf.WriteString(`<meta name="dtb:depth" content="` + strconv.Itoa(depth) + `"/>` + "\n")
	buf.WriteString(`<meta name="dtb:totalPageCount" content="0"/>` + "\n")
	buf.WriteString(`<meta name="dtb:maxPageNumber" content="0"/>` + "\n")
	buf.WriteString("</head>\n<docTitle><text>")
	escape(&buf, m.title)
	buf.WriteString("</text></docTitle>\n")
	if m.author != "" {
		buf.WriteString("<docAuthor><text>")
		escape(&buf, m.author)
		buf.WriteString("</text></docAuthor>\n")
	}
	buf.WriteString("<navMap>\n")
	// The 目录 page itself comes first, as it does in the spine.
	buf.WriteString(`<navPoint id="navPoint-1" playOrder="1"><navLabel><text>` + contentsTitle(m.lang) + `</text></navLabel><content src="nav.xhtml#toc"/></navPoint>` + "\n")
	order := 1
	var points func(es []tocItem)
	points = func(es []tocItem) {
		for _, e := range es {
			order++
			n := strconv.Itoa(order)
			buf.WriteString(`<navPoint id="navPoint-` + n + `" playOrder="` + n + `"><navLabel><text>`)
			escape(&buf, e.label)
			buf.WriteString(`</text></navLabel><content src="`)
			escape(&buf, e.href)
			buf.WriteString(`"/>` + "\n")
			points(e.children)
			buf.WriteString("</navPoint>\n")
		}
	}
	points(toc)
	buf.WriteString("</navMap>\n</ncx>\n")
	return buf.Bytes()
}

// contentsTitle is the heading of the table of contents: 目錄 in Traditional Chinese
// (zh-Hant, zh-TW, zh-HK, zh-MO), 目录 otherwise.
func contentsTitle(lang string) string {
	l := strings.ToLower(lang)
	if strings.HasPrefix(l, "zh-hant") || strings.HasPrefix(l, "zh-tw") || strings.HasPrefix(l, "zh-hk") || strings.HasPrefix(l, "zh-mo") {
		return "目錄"
	}
	return "目录"
}
