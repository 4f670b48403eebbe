// Package epub renders a book.Book as a reproducible EPUB 3 file with a subset
// of the CJK font embedded, a cover, Chinese navigation and accessibility
// metadata.
//
// go-shiori/go-epub is the packager: it assembles the container, the manifest
// and the spine from our stylesheet, fonts, images and one section per chapter.
// Its output is then post-processed with archive/zip (see package.go), because
// go-epub stamps time.Now, orders its manifest by map iteration, writes an
// English nav, a broken NCX head and XHTML without lang: the package document, nav, NCX and every XHTML document are
// replaced by our own, everything else is copied byte for byte, and the zip is
// rewritten with fixed timestamps and the mimetype entry first and stored.
package epub

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/fonts"
)

// Options controls the EPUB output. The zero value is valid.
type Options struct {
	// Modified is written as dcterms:modified and as the time of every zip
	// entry. The build sets it from SOURCE_DATE_EPOCH, else to the newest
	// source file's time; zero means DefaultModified, so that output stays
	// reproducible.
	Modified time.Time
	// InBookTOC puts the 目录 page (nav.xhtml) into the reading order after
	// the cover. Off by default: readers show the navigation themselves.
	InBookTOC bool
	// PageBreaks are where the pages of the print edition begin, in page
	// order. When there are any, each becomes a page-break marker in the
	// text, the navigation gets a page-list and the package names PageSource
	// as the source of the pagination. Breaks that point outside the book are
	// ignored.
	PageBreaks []PageBreak
	// PageSource names the print edition the page numbers come from (for
	// example the PDF's file name); it is written as dc:source and
	// pageBreakSource. Empty means 印刷版 (print edition).
	PageSource string
	// Vertical sets the text in vertical columns read right to left
	// (writing-mode: vertical-rl) and turns pages right to left
	// (page-progression-direction="rtl"), as in a vertical print book.
	Vertical bool
	// Punct is the punctuation style the fonts' marks are reshaped to (punct.go).
	Punct cjk.PunctStyle
	// Hanging writes hanging-punctuation: allow-end.
	Hanging bool
}

// PageBreak is where one page of the print edition begins in the book's text.
type PageBreak struct {
	// Label is the printed page number ("37", "iii"); it names the marker.
	Label string
	// Chapter indexes book.Book.Chapters.
	Chapter int
	// Block indexes the chapter's top-level Blocks: the page starts in that
	// block. BeforeTitle means the page opens the chapter (it starts with the
	// title); a Block equal to len(Blocks) means the page starts in the
	// chapter's footnotes.
	Block int
	// Rune is the offset, in runes into book.Text of the block, at which the
	// page starts; it is honoured for paragraphs and headings (the marker then
	// sits inside the text) and otherwise the marker goes before the block.
	Rune int
}

// BeforeTitle is the PageBreak.Block of a page that opens its chapter.
const BeforeTitle = -1

// DefaultModified is the timestamp used when Options.Modified is zero.
var DefaultModified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Default returns the default options.
func Default() Options { return Options{} }

// Faces are the fonts the EPUB embeds, each as a subset of the characters it
// sets. Regular is required; Bold may be nil (bold text then uses the Regular
// subset); Fallbacks are tried in order for characters Regular or Bold lack.
type Faces struct {
	Regular, Bold *fonts.Face
	Fallbacks     []*fonts.Face
}

// ErrNoChapters reports a book without any chapter: an EPUB needs at least one
// content document.
var ErrNoChapters = errors.New("epub: book has no chapters")

// Write renders b as an EPUB 3 file to w. It is safe for concurrent use; the
// same input and options always give the same bytes.
func Write(w io.Writer, b *book.Book, faces Faces, opts Options) error {
	if b == nil || len(b.Chapters) == 0 {
		return ErrNoChapters
	}
	if faces.Regular == nil {
		return errors.New("epub: no regular font face given")
	}
	if err := validate(b); err != nil {
		return err
	}
	// Resolve metadata and options once: language, identifier, titles, time.
	m := resolve(b, opts)
	// Plan file names, XML IDs and images for every chapter.
	plan := planBook(b, m, opts.PageBreaks)
	// In parallel: render and compress the chapters; subset the fonts; draw the cover.
	parts, err := prepare(b, faces, m, plan)
	if err != nil {
		return err
	}
	// Let go-epub package the skeleton: container, manifest, spine, media.
	skeleton, err := packageSkeleton(b, m, plan, parts)
	if err != nil {
		return err
	}
	// Rewrite the package: our OPF, nav, NCX and XHTML; fixed order and times.
	return finish(w, skeleton, m, plan, parts)
}

// meta is the resolved, validated metadata of one build.
type meta struct {
	title, subtitle, author, lang string
	identifier                    string
	description, publisher, date  string
	modified                      time.Time
	inBookTOC                     bool
	pageSource                    string
	vertical                      bool
	words                         cjk.Generated // the strings the book adds, in its script
	punct                         cjk.PunctStyle
	hanging                       bool
}

// resolve fills defaults: language zh-CN, a non-empty title, a stable
// identifier derived from title and author, the fixed modification time.
func resolve(b *book.Book, opts Options) meta {
	m := meta{
		title:       strings.TrimSpace(b.Meta.Title),
		subtitle:    strings.TrimSpace(b.Meta.Subtitle),
		author:      strings.TrimSpace(b.Meta.Author),
		lang:        strings.TrimSpace(b.Meta.Language),
		identifier:  strings.TrimSpace(b.Meta.Identifier),
		description: strings.TrimSpace(b.Meta.Description),
		publisher:   strings.TrimSpace(b.Meta.Publisher),
		date:        w3cDate(b.Meta.Date),
		modified:    opts.Modified.UTC().Truncate(time.Second),
		inBookTOC:   opts.InBookTOC,
		pageSource:  strings.TrimSpace(opts.PageSource),
		vertical:    opts.Vertical,
		punct:       opts.Punct,
		hanging:     opts.Hanging,
	}
	if !validLang(m.lang) {
		m.lang = "zh-CN"
	}
	m.words = cjk.ScriptOf(m.lang).Generated()
	if m.title == "" {
		m.title = m.words.Untitled
	}
	if m.identifier == "" {
		m.identifier = DeriveIdentifier(m.title, m.author)
	}
	if m.pageSource == "" {
		m.pageSource = m.words.PrintEdition
	}
	if opts.Modified.IsZero() {
		m.modified = DefaultModified
	}
	if m.modified.Year() < 1980 || m.modified.Year() > 2107 {
		// The zip format cannot store other years.
		m.modified = DefaultModified
	}
	return m
}

// DeriveIdentifier returns a name-based (version 5, SHA-1) urn:uuid for a book
// from its title and author, so that every build of the same book carries the
// same dc:identifier.
func DeriveIdentifier(title, author string) string {
	// Namespace: the RFC 4122 URL namespace; name: a cjkbook URL of the pair.
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte("cjkbook:book?title=" + title + "&author=" + author))
	u := h.Sum(nil)[:16]
	u[6] = (u[6] & 0x0f) | 0x50
	u[8] = (u[8] & 0x3f) | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// validLang accepts a plausible BCP 47 tag (letters, digits and hyphens).
func validLang(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if part == "" || len(part) > 8 || (i == 0 && len(part) < 2) {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// w3cDate returns s when it is a W3CDTF date EPUBCheck accepts (YYYY,
// YYYY-MM, YYYY-MM-DD or an RFC 3339 time), converts 2024年3月5日 style dates,
// and returns "" for anything else.
func w3cDate(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006", "2006-01", "2006-01-02", time.RFC3339} {
		if _, err := time.Parse(layout, s); err == nil {
			return s
		}
	}
	var y, mo, d int
	if n, _ := fmt.Sscanf(s, "%d年%d月%d日", &y, &mo, &d); n == 3 {
		if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); t.Year() == y && int(t.Month()) == mo && t.Day() == d && y > 0 && y < 10000 {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// bookPlan holds the decisions made before any output: file names, IDs,
// TOC labels, the images kept and where they go.
type bookPlan struct {
	chapters []*chapterPlan
	pages    []pageRef   // page-list entries in page order
	images   []imageFile // in file-name order
	cover    *imageFile  // the manuscript's own cover, if usable
	r        *renderer
}

// imageFile is one picture the EPUB carries.
type imageFile struct {
	name      string // file name inside images/
	mediaType string
	data      []byte
}

// planBook decides file names and IDs: chapter files from Chapter.ID (made
// safe and unique), heading and footnote anchors, the pictures to embed.
func planBook(b *book.Book, m meta, breaks []PageBreak) *bookPlan {
	p := &bookPlan{r: &renderer{lang: m.lang, images: map[string]string{}, inline: inline{vertical: m.vertical, quotes: !m.vertical}}}
	files := newIDSet()
	files.take("nav", "")
	files.take("cover", "")
	used := map[string]bool{}
	for i, c := range b.Chapters {
		cp := &chapterPlan{
			ch:       c,
			index:    i,
			ids:      newIDSet(),
			headings: map[*book.Heading]string{},
			notes:    map[string]string{},
		}
		cp.file = files.take(c.ID, fmt.Sprintf("ch%03d", i+1)) + ".xhtml"
		cp.label = chapterLabel(c, i, m.words)
		cp.titleID = cp.ids.take("title", "")
		for _, n := range c.Notes {
			if _, dup := cp.notes[n.ID]; !dup {
				cp.notes[n.ID] = cp.ids.take("fn-"+n.ID, "fn")
			}
		}
		cp.ids.take("noteref", "") // reserve the noteref-N space
		c.Walk(func(bl book.Block) bool {
			if h, ok := bl.(*book.Heading); ok {
				cp.headings[h] = cp.ids.take(h.ID, "sec")
			}
			return true
		})
		c.Images(func(im *book.Image, _ bool) { used[im.Src] = true })
		p.chapters = append(p.chapters, cp)
	}
	p.planPages(breaks)
	srcs := make([]string, 0, len(used))
	for s := range used {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		data, mt, ext := packable(b.Images[s])
		if mt == "" {
			continue
		}
		f := imageFile{name: fmt.Sprintf("image%04d%s", len(p.images)+1, ext), mediaType: mt, data: data}
		p.images = append(p.images, f)
		p.r.images[s] = "../images/" + f.name
	}
	if a := b.Images[b.Meta.Cover]; a != nil && (a.MediaType == book.MediaJPEG || a.MediaType == book.MediaPNG) {
		p.cover = &imageFile{name: "cover" + rasterExt[a.MediaType], mediaType: a.MediaType, data: a.Data}
	}
	return p
}

// chapterLabel is the chapter's TOC label: its title with the subtitle, or a
// fallback, never empty (an empty nav label is invalid, risk E6).
func chapterLabel(c *book.Chapter, i int, words cjk.Generated) string {
	t := strings.TrimSpace(c.Title)
	s := strings.TrimSpace(c.Subtitle)
	switch {
	case t != "" && s != "":
		return t + "　" + s
	case t != "":
		return t
	case s != "":
		return s
	}
	return words.ChapterLabel(i + 1)
}

// parts are the prepared contents of the EPUB.
type parts struct {
	packed  []packedEntry          // compressed XHTML per chapter
	payload map[string]packedEntry // fonts and pictures by container path
	types   map[string]string      // their media types by manifest href
	fonts   []*embeddedFont
	css     []byte
	cover   *imageFile
}

// prepare renders and compresses the chapters on all cores while the fonts
// are subset and the cover drawn.
func prepare(b *book.Book, faces Faces, m meta, plan *bookPlan) (*parts, error) {
	ps := &parts{
		packed:  make([]packedEntry, len(plan.chapters)),
		payload: map[string]packedEntry{},
		types:   map[string]string{},
	}
	var wg sync.WaitGroup
	var fontErr, coverErr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		labels := make([]string, 0, len(plan.chapters))
		for _, c := range plan.chapters {
			labels = append(labels, c.label)
		}
		ps.fonts = planFonts(collectRunes(b, labels), faces)
		reshapeFonts(ps.fonts, m.punct)
		used := usedClasses(b, plan)
		if used["cq"] && fullWidthQuotes(m.punct) {
			ps.fonts = append(ps.fonts, quoteFace(faces.Regular))
		}
		fontErr = subsetAll(ps.fonts)
		ps.css = stylesheet(ps.fonts, used)
		if m.vertical {
			ps.css = append(ps.css, pruneCSS(verticalCSS, used)...)
		}
		ps.css = append(ps.css, punctCSS(m.punct, m.hanging)...)
	}()
	for _, im := range plan.images {
		name := contentDir + "images/" + im.name
		if im.mediaType == book.MediaSVG {
			ps.payload[name] = deflate(name, im.data)
		} else {
			ps.payload[name] = stored(name, im.data)
		}
		ps.types["images/"+im.name] = im.mediaType
	}
	go func() {
		defer wg.Done()
		if plan.cover != nil {
			ps.cover = plan.cover
			return
		}
		bold := faces.Bold
		if bold == nil {
			bold = faces.Regular
		}
		data, mt, err := generateCover(m.title, b.Meta.Subtitle, m.author, bold, faces.Regular)
		if err != nil {
			coverErr = fmt.Errorf("epub: generate cover: %w", err)
			return
		}
		if data == nil {
			return
		}
		ext := ".png"
		if mt == book.MediaJPEG {
			ext = ".jpg"
		}
		ps.cover = &imageFile{name: "cover" + ext, mediaType: mt, data: data}
	}()
	level := zipLevel
	if b.HasRuby() {
		level = rubyZipLevel
	}
	parallel(len(plan.chapters), func(i int) {
		var buf bytes.Buffer
		buf.Grow(sizeHint(plan.chapters[i].ch))
		r := *plan.r // its inline state belongs to one chapter at a time
		r.chapter(&buf, plan.chapters[i])
		ps.packed[i] = deflateLevel(contentDir+"xhtml/"+plan.chapters[i].file, buf.Bytes(), level)
	})
	wg.Wait()
	if fontErr != nil {
		return nil, fontErr
	}
	if coverErr != nil {
		return nil, coverErr
	}
	if ps.cover != nil {
		name := contentDir + "images/" + ps.cover.name
		ps.payload[name] = stored(name, ps.cover.data)
		ps.types["images/"+ps.cover.name] = ps.cover.mediaType
	}
	for _, f := range ps.fonts {
		ps.payload[contentDir+"fonts/"+f.file] = f.packed
		ps.types["fonts/"+f.file] = "font/ttf"
	}
	return ps, nil
}

// subsetAll subsets every embedded font, in parallel.
func subsetAll(fs []*embeddedFont) error {
	errs := make([]error, len(fs))
	parallel(len(fs), func(i int) {
		f := fs[i]
		var data []byte
		var err error
		o := FontOptions
		o.Sequences = f.seqs
		if len(f.shapes) > 0 {
			o.HalfWidths = nil // the style moves the marks, and its stylesheet asks for space-all
		}
		if f.quotes {
			data, err = fonts.FullWidthQuotes(f.face, f.runes, o)
		} else {
			data, err = subsetFont(f.face, f.runes, o)
		}
		if err == nil && len(f.shapes) > 0 {
			data, err = fonts.Reshape(data, f.shapes)
		}
		if err != nil {
			errs[i] = fmt.Errorf("epub: subset font %s: %w", f.face.Name, err)
			return
		}
		f.data = data
		f.packed = deflateLevel(contentDir+"fonts/"+f.file, data, fontLevel)
	})
	return errors.Join(errs...)
}

// parallel calls fn(0..n-1) on GOMAXPROCS workers.
func parallel(n int, fn func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// sizeHint estimates a chapter's XHTML size, so that its buffer is allocated
// once instead of doubling its way up.
func sizeHint(c *book.Chapter) int {
	n := 1024 + len(c.Title) + len(c.Subtitle)
	c.Walk(func(bl book.Block) bool {
		n += 32
		if p, ok := bl.(*book.Paragraph); ok {
			for _, r := range p.Runs {
				n += len(r.Text) + 16 + rubySize(r)
			}
		} else {
			n += 256
		}
		return true
	})
	return n + n/16
}

// validate rejects a model with holes (nil chapters, notes or blocks), which
// a loader bug could produce, with an error instead of a panic.
func validate(b *book.Book) error {
	var blocks func(bs []book.Block) bool
	blocks = func(bs []book.Block) bool {
		for _, bl := range bs {
			// Every block type is a pointer (book seals Block on pointer receivers).
			if v := reflect.ValueOf(bl); !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
				return false
			}
			switch bl := bl.(type) {
			case *book.Quote:
				if !blocks(bl.Blocks) {
					return false
				}
			case *book.List:
				for _, it := range bl.Items {
					if !blocks(it) {
						return false
					}
				}
			default: // the other blocks hold no blocks
			}
		}
		return true
	}
	for i, c := range b.Chapters {
		if c == nil || !blocks(c.Blocks) {
			return fmt.Errorf("epub: chapter %d of the model is incomplete (nil chapter or block)", i+1)
		}
		for _, n := range c.Notes {
			if n == nil || !blocks(n.Blocks) {
				return fmt.Errorf("epub: chapter %d (%s) has an incomplete footnote", i+1, c.At)
			}
		}
	}
	return nil
}
