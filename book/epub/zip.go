package epub

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sort"
	"strings"
	"time"

	flate "github.com/klauspost/compress/flate"
)

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

// rubyZipLevel is the deflate level of the chapters of a book with ruby: a reading on
// every character makes the novel's chapters 39 MB of repetitive markup, which level 9
// takes 25 times as long as level 6 to make 8% smaller (2.66 MB against 2.89 MB).
const rubyZipLevel = flate.DefaultCompression

// fontLevel is the deflate level of font subsets: on the 200-unit grid of FontOptions
// the novel's Regular subset deflates to about 1.07 MB.
const fontLevel = flate.BestCompression

// flateWriters keeps compressors between builds: each holds about 1 MB of
// tables, and a sync.Pool would drop them at every garbage collection.
var flateWriters = func() map[int]chan *flate.Writer {
	m := map[int]chan *flate.Writer{}
	for _, l := range []int{zipLevel, fontLevel, rubyZipLevel} {
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

// stored is an entry kept uncompressed (pictures are compressed already).
func stored(name string, data []byte) packedEntry {
	return packedEntry{name: name, method: zip.Store, crc: crc32.ChecksumIEEE(data), size: uint64(len(data)), data: data}
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
	ours, err := ourDocuments(m, plan, ps, opf)
	if err != nil {
		return err
	}
	entries, err := zipEntries(zr, ours, ps)
	if err != nil {
		return err
	}
	return writeZip(w, m.modified, entries)
}

// ourDocuments writes the documents that replace go-epub's, keyed by their path in the
// container: the cover page, nav, NCX and package document. It checks that go-epub's
// manifest holds every chapter and marked the cover image.
func ourDocuments(m meta, plan *bookPlan, ps *parts, opf *opfDoc) (map[string][]byte, error) {
	byHref := map[string]manifestItem{}
	for _, it := range opf.Items {
		byHref[it.Href] = it
	}
	ours := map[string][]byte{}
	for _, c := range plan.chapters {
		if _, ok := byHref["xhtml/"+c.file]; !ok {
			return nil, fmt.Errorf("epub: go-epub lost chapter %s from the manifest", c.file)
		}
	}
	coverID := ""
	if ps.cover != nil {
		it, ok := byHref["images/"+ps.cover.name]
		if !ok || it.Properties != "cover-image" {
			return nil, errors.New("epub: go-epub did not mark the cover image")
		}
		coverID = it.ID
		if _, ok := byHref["xhtml/"+coverPage]; !ok {
			return nil, errors.New("epub: go-epub wrote no cover page")
		}
		ours[contentDir+"xhtml/"+coverPage] = coverXHTML(m, ps.cover.name)
	}
	ours[displayOptionsPath] = []byte(displayOptions)
	ours[navPath] = navXHTML(m, plan, ps.cover != nil)
	ours[ncxPath] = ncxXML(m, plan)
	for i, it := range opf.Items {
		// Our media types are exact (a picture's is the loader's); go-epub sniffed a stand-in.
		if mt, ok := ps.types[it.Href]; ok {
			opf.Items[i].MediaType = mt
		}
	}
	ours[opfPath] = packageOPF(m, plan, opf, coverID)
	return ours, nil
}

// zipEntries gathers every entry of the final EPUB but the mimetype, sorted by name: the
// entries packed beforehand, our documents deflated, and go-epub's other entries copied raw.
// Every entry go-epub wrote must be accounted for.
func zipEntries(zr *zip.Reader, ours map[string][]byte, ps *parts) ([]packedEntry, error) {
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
			return nil, fmt.Errorf("epub: unexpected document %s in go-epub output", f.Name)
		default:
			copies = append(copies, f)
		}
	}
	for name := range ps.payload {
		if !placed[name] {
			return nil, fmt.Errorf("epub: go-epub did not place %s", name)
		}
	}
	for _, f := range copies {
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, fmt.Errorf("epub: read %s: %w", f.Name, err)
		}
		data, err := io.ReadAll(raw)
		if err != nil {
			return nil, fmt.Errorf("epub: read %s: %w", f.Name, err)
		}
		entries = append(entries, packedEntry{name: f.Name, method: f.Method, crc: f.CRC32, size: f.UncompressedSize64, data: data})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	return entries, nil
}

// writeZip writes the container: the mimetype entry first and stored, then entries as they
// are, every one with the timestamp modified.
func writeZip(w io.Writer, modified time.Time, entries []packedEntry) error {
	zw := zip.NewWriter(w)
	mt := []byte("application/epub+zip")
	all := append([]packedEntry{{name: "mimetype", method: zip.Store, crc: crc32.ChecksumIEEE(mt), size: uint64(len(mt)), data: mt}}, entries...)
	date, tm := dosTime(modified)
	for _, e := range all {
		hdr := &zip.FileHeader{
			Name:               e.name,
			Method:             e.method,
			CRC32:              e.crc,
			CompressedSize64:   uint64(len(e.data)),
			UncompressedSize64: e.size,
			// The MS-DOS fields, not Modified: Modified adds an extended-timestamp field to
			// every entry, which EPUB readers do not need and which would change every book.
			ModifiedDate:   date, //nolint:staticcheck // see above
			ModifiedTime:   tm,   //nolint:staticcheck // see above
			CreatorVersion: 20,
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
