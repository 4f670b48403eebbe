package gopdf

// fork: tagged PDF (PDF 32000-1 §14.7–14.8), PDF/UA-1 and PDF/A-2/3 support:
// marked content in the content streams, the structure tree with its parent tree,
// link annotations in the tree, XMP metadata, an output intent, and the structure
// objects packed into compressed object streams with a cross-reference stream.

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strconv"

	zlib "github.com/klauspost/compress/zlib"
)

// ArtifactKind says what an artifact is (PDF 32000-1 §14.8.2.2.2).
type ArtifactKind uint8

const (
	// ArtifactLayout is decoration: rules, leaders, ornaments.
	ArtifactLayout ArtifactKind = iota
	// ArtifactHeader is a running head (/Type /Pagination /Subtype /Header).
	ArtifactHeader
	// ArtifactFooter is a folio at the foot (/Type /Pagination /Subtype /Footer).
	ArtifactFooter
	// ArtifactBackground is a page background (/Type /Background).
	ArtifactBackground
)

// artifactOps open the artifacts; their property lists are named in the pages'
// resources (artifactProperties), which keeps them out of every page's content.
var artifactOps = [...]string{
	ArtifactLayout:     "/Artifact /AL BDC\n",
	ArtifactHeader:     "/Artifact /AH BDC\n",
	ArtifactFooter:     "/Artifact /AF BDC\n",
	ArtifactBackground: "/Artifact /AB BDC\n",
}

// artifactProperties is the /Properties entry of the resources of a tagged file.
const artifactProperties = "\t/Properties << /AL <</Type /Layout>> /AH <</Type /Pagination /Subtype /Header>> " +
	"/AF <</Type /Pagination /Subtype /Footer>> /AB <</Type /Background>> >>\n"

// cacheContentMarked is a marked-content operator (BDC or EMC).
type cacheContentMarked struct {
	op []byte
}

func (c *cacheContentMarked) write(w io.Writer, _ *PDFProtection) error {
	_, err := w.Write(c.op)
	return err
}

var emcOp = []byte("EMC\n")

// isEnd reports whether the operator is EMC.
func (c *cacheContentMarked) isEnd() bool { return len(c.op) > 0 && c.op[0] == 'E' }

// BeginMarkedContent opens a marked-content sequence of structure type tag with the
// marked-content identifier mcid on the current page; EndMarkedContent closes it.
func (gp *GoPdf) BeginMarkedContent(tag string, mcid int) {
	op := make([]byte, 0, 32)
	op = append(op, '/')
	op = append(op, tag...)
	op = append(op, " <</MCID "...)
	op = strconv.AppendInt(op, int64(mcid), 10)
	op = append(op, ">> BDC\n"...)
	gp.getContent().listCache.append(&cacheContentMarked{op: op})
}

// BeginArtifact opens an artifact sequence of the given kind; EndMarkedContent closes it.
func (gp *GoPdf) BeginArtifact(kind ArtifactKind) {
	if int(kind) >= len(artifactOps) {
		kind = ArtifactLayout
	}
	gp.getContent().listCache.append(&cacheContentMarked{op: []byte(artifactOps[kind])})
}

// EndMarkedContent closes the marked-content sequence or artifact opened last.
func (gp *GoPdf) EndMarkedContent() {
	gp.getContent().listCache.append(&cacheContentMarked{op: emcOp})
}

// TextFollowing draws text like Text, but from where the text drawn last ended, in
// the same text object and without positioning it, when that is possible (the same
// font, size and character spacing, and only marked-content operators in between);
// otherwise at the current position, like Text. It is for a text split only to tag its
// parts: drawn this way, it renders exactly as the unsplit text would.
func (gp *GoPdf) TextFollowing(text string) error {
	gp.curr.follows = true
	err := gp.Text(text)
	gp.curr.follows = false
	return err
}

// StructElem is one element of the structure tree given to SetStructTree.
type StructElem struct {
	Type       string // standard structure type: Document, P, H1, Figure …
	Parent     int    // index of the parent element, -1 for the root
	Alt        string // alternate description (/Alt)
	ActualText string // replacement text (/ActualText)
	Lang       string // natural language (/Lang), "" to inherit
	ID         string // element identifier (/ID)
	Scope      string // table header scope (/A <</O /Table /Scope …>>): Row, Column, Both
	// BBox, when BBoxPage ≥ 0, is the element's bounding box on that page (0-based) in
	// document units from the page's top-left: x, y, width, height (/A <</O /Layout /BBox …>>).
	BBox     [4]float64
	BBoxPage int
	Kids     []StructKid // in reading order
}

// StructKid is one child of a StructElem: an element (Elem ≥ 0), a marked-content
// sequence (MCID ≥ 0 on page Page, 0-based) or a link annotation (Annot ≥ 0, the key
// SetLinkStructParent returned).
type StructKid struct {
	Elem, Page, MCID, Annot int
}

// structTree is what SetStructTree was given, with the object numbers assigned.
type structTree struct {
	elems     []StructElem
	pages     [][]int // per page: the element of each MCID
	annots    []int   // per annotation key: its element
	annotObjs []int   // per annotation key: its object number
	firstElem int     // object number of elems[0]
	rootObj   int     // object number of the StructTreeRoot
	parentObj int     // object number of the parent tree
	pageKey   []int   // per page: its StructParents key, -1 when it has no marked content
}

// SetLinkStructParent gives the link annotation added last a /StructParent, its
// /Contents (a description for assistive technology) and returns the key that names
// it in a StructKid. Call it right after AddInternalLink or AddExternalLink.
func (gp *GoPdf) SetLinkStructParent(contents string) int {
	id := gp.lastLinkObj
	if id <= 0 {
		return -1
	}
	a := gp.pdfObjs[id-1].(annotObj)
	a.tagged, a.structParent = true, len(gp.linkKeys)
	a.contents = contents
	gp.pdfObjs[id-1] = a
	gp.linkKeys = append(gp.linkKeys, id)
	return a.structParent
}

// ErrStructTree is wrapped by SetStructTree's errors about a malformed tree.
var ErrStructTree = errors.New("gopdf: bad structure tree")

// SetStructTree makes the document a tagged PDF: /MarkInfo /Marked true, a
// StructTreeRoot whose kid is elems[0], and a parent tree mapping every marked-content
// sequence (pageMCIDs[p][mcid] is the element of MCID mcid on page p) and every link
// annotation to its element. Call it after the last page is drawn.
func (gp *GoPdf) SetStructTree(elems []StructElem, pageMCIDs [][]int) error {
	if len(elems) == 0 {
		return fmt.Errorf("%w: no elements", ErrStructTree)
	}
	t := &structTree{elems: elems, pages: pageMCIDs, annots: make([]int, len(gp.linkKeys))}
	for i := range t.annots {
		t.annots[i] = -1
	}
	for i, e := range elems {
		if i > 0 && (e.Parent < 0 || e.Parent >= i) || i == 0 && e.Parent != -1 {
			return fmt.Errorf("%w: element %d (%s) has parent %d", ErrStructTree, i, e.Type, e.Parent)
		}
		for _, k := range e.Kids {
			switch {
			case k.Elem >= 0:
				if k.Elem >= len(elems) || elems[k.Elem].Parent != i {
					return fmt.Errorf("%w: element %d (%s) lists kid %d whose parent is not it", ErrStructTree, i, e.Type, k.Elem)
				}
			case k.Annot >= 0:
				if k.Annot >= len(t.annots) {
					return fmt.Errorf("%w: element %d: annotation key %d of %d", ErrStructTree, i, k.Annot, len(t.annots))
				}
				t.annots[k.Annot] = i
			default:
				if k.Page < 0 || k.Page >= len(gp.pageObjIndexes) || k.Page >= len(pageMCIDs) || k.MCID < 0 || k.MCID >= len(pageMCIDs[k.Page]) {
					return fmt.Errorf("%w: element %d: marked content %d on page %d", ErrStructTree, i, k.MCID, k.Page)
				}
			}
		}
	}
	t.annotObjs = gp.linkKeys
	// Object numbers: the root, the parent tree, then the elements, all packed.
	t.rootObj = gp.addObj(&packedObj{}) + 1
	t.parentObj = gp.addObj(&packedObj{}) + 1
	t.firstElem = len(gp.pdfObjs) + 1
	for range elems {
		gp.addObj(&packedObj{})
	}
	t.pageKey = make([]int, len(gp.pageObjIndexes))
	key := 0
	for p := range t.pageKey {
		t.pageKey[p] = -1
		if p < len(pageMCIDs) && len(pageMCIDs[p]) > 0 {
			t.pageKey[p] = key
			key++
		}
	}
	for p, idx := range gp.pageObjIndexes {
		po := gp.pdfObjs[idx].(*PageObj)
		po.structParents = t.pageKey[p]
		po.tabsS = len(po.LinkObjIds) > 0
	}
	// Annotation keys follow the page keys.
	for k, id := range gp.linkKeys {
		a := gp.pdfObjs[id-1].(annotObj)
		a.structParent = key + k
		gp.pdfObjs[id-1] = a
	}
	gp.tree = t
	return nil
}

// packedObj is an object written into an object stream; its body is made by the
// structure tree when the file is written.
type packedObj struct{}

func (packedObj) init(func() *GoPdf)         {}
func (packedObj) getType() string            { return "Packed" }
func (packedObj) write(io.Writer, int) error { return nil }

// appendRef appends an indirect reference to object obj.
func appendRef(b []byte, obj int) []byte {
	b = strconv.AppendInt(b, int64(obj), 10)
	return append(b, " 0 R"...)
}

// bodies returns the bodies of the structure tree's objects: the root, the parent
// tree, then the elements.
func (t *structTree) bodies(gp *GoPdf) [][]byte {
	out := make([][]byte, 0, len(t.elems)+2)
	nkeys := len(t.annotObjs)
	for _, k := range t.pageKey {
		if k >= 0 {
			nkeys++
		}
	}
	b := []byte("<</Type /StructTreeRoot /K ")
	b = appendRef(b, t.firstElem)
	b = append(b, " /ParentTree "...)
	b = appendRef(b, t.parentObj)
	b = append(b, " /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(nkeys), 10)
	b = append(b, ">>"...)
	out = append(out, b, t.parentTreeBody(nkeys))
	for i := range t.elems {
		out = append(out, t.elemBody(gp, &t.elems[i]))
	}
	return out
}

// parentTreeBody is the parent tree: a flat number tree, keys in order (pages, then
// annotations).
func (t *structTree) parentTreeBody(nkeys int) []byte {
	b := []byte("<</Nums [")
	for p, k := range t.pageKey {
		if k < 0 {
			continue
		}
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, " ["...)
		for i, e := range t.pages[p] {
			if i > 0 {
				b = append(b, ' ')
			}
			if e < 0 {
				b = append(b, "null"...)
				continue
			}
			b = appendRef(b, t.firstElem+e)
		}
		b = append(b, "]\n"...)
	}
	base := nkeys - len(t.annotObjs)
	for k := range t.annotObjs {
		b = strconv.AppendInt(b, int64(base+k), 10)
		b = append(b, ' ')
		if e := t.annots[k]; e >= 0 {
			b = appendRef(b, t.firstElem+e)
		} else {
			b = append(b, "null"...)
		}
		b = append(b, '\n')
	}
	return append(b, "]>>"...)
}

// elemBody is one structure element's dictionary.
func (t *structTree) elemBody(gp *GoPdf, e *StructElem) []byte {
	pageRef := func(b []byte, p int) []byte { return appendRef(b, gp.pageObjIndexes[p]+1) }
	b := make([]byte, 0, 64)
	b = append(b, "<</S /"...)
	b = append(b, e.Type...)
	b = append(b, " /P "...)
	if e.Parent < 0 {
		b = appendRef(b, t.rootObj)
	} else {
		b = appendRef(b, t.firstElem+e.Parent)
	}
	// /Pg: the page of the first marked content, so MCRs there are plain numbers.
	pg := -1
	for _, k := range e.Kids {
		if k.Elem < 0 && k.Annot < 0 {
			pg = k.Page
			break
		}
	}
	if pg >= 0 {
		b = append(b, " /Pg "...)
		b = pageRef(b, pg)
	}
	for _, kv := range [...][2]string{{" /Alt ", e.Alt}, {" /ActualText ", e.ActualText}, {" /Lang ", e.Lang}, {" /ID ", e.ID}} {
		if kv[1] != "" {
			b = append(b, kv[0]...)
			b = append(b, pdfTextString(kv[1])...)
		}
	}
	switch {
	case e.Scope != "":
		b = append(b, " /A <</O /Table /Scope /"...)
		b = append(b, e.Scope...)
		b = append(b, ">>"...)
	case e.BBoxPage >= 0 && e.BBoxPage < len(gp.pageObjIndexes):
		h := gp.config.PageSize.H
		x, y, w, hh := e.BBox[0], e.BBox[1], e.BBox[2], e.BBox[3]
		gp.UnitsToPointsVar(&x, &y, &w, &hh)
		b = fmt.Appendf(b, " /A <</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>", x, h-y-hh, x+w, h-y)
	}
	b = append(b, " /K ["...)
	for j, k := range e.Kids {
		if j > 0 {
			b = append(b, ' ')
		}
		switch {
		case k.Elem >= 0:
			b = appendRef(b, t.firstElem+k.Elem)
		case k.Annot >= 0:
			b = append(b, "<</Type /OBJR /Obj "...)
			b = appendRef(b, t.annotObjs[k.Annot])
			b = append(b, ">>"...)
		case k.Page == pg:
			b = strconv.AppendInt(b, int64(k.MCID), 10)
		default:
			b = append(b, "<</Type /MCR /Pg "...)
			b = pageRef(b, k.Page)
			b = append(b, " /MCID "...)
			b = strconv.AppendInt(b, int64(k.MCID), 10)
			b = append(b, ">>"...)
		}
	}
	return append(b, "]>>"...)
}

// SetXMPMetadata attaches an XMP packet as the catalog's /Metadata stream (written
// uncompressed, as PDF/A asks).
func (gp *GoPdf) SetXMPMetadata(xmp []byte) {
	gp.xmpObj = gp.addObj(&rawStreamObj{dict: "/Type /Metadata /Subtype /XML", data: xmp}) + 1
}

// AddOutputIntent adds a PDF/A output intent (/S /GTS_PDFA1) whose destination
// profile is the ICC profile icc with n colour components, named condition.
func (gp *GoPdf) AddOutputIntent(icc []byte, n int, condition string) {
	prof := gp.addObj(&rawStreamObj{dict: "/N " + strconv.Itoa(n), data: icc, compress: true}) + 1
	d := fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier %s /Info %s /DestOutputProfile %d 0 R>>\n",
		pdfTextString(condition), pdfTextString(condition), prof)
	gp.outputIntentObj = gp.addObj(&ImportedObj{Data: d}) + 1
}

// SetDisplayDocTitle sets /ViewerPreferences /DisplayDocTitle true: viewers show the
// title, not the file name (PDF/UA).
func (gp *GoPdf) SetDisplayDocTitle(on bool) {
	gp.displayDocTitle = on
}

// rawStreamObj is a stream with a given dictionary, optionally compressed.
type rawStreamObj struct {
	dict     string
	data     []byte
	compress bool
}

func (o *rawStreamObj) init(func() *GoPdf) {}
func (o *rawStreamObj) getType() string    { return "Stream" }
func (o *rawStreamObj) write(w io.Writer, _ int) error {
	data, filter := o.data, ""
	if o.compress {
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf)
		zw.Write(o.data)
		zw.Close()
		data, filter = buf.Bytes(), " /Filter /FlateDecode"
	}
	if _, err := fmt.Fprintf(w, "<<%s%s /Length %d>>\nstream\n", o.dict, filter, len(data)); err != nil {
		return err
	}
	w.Write(data)
	_, err := io.WriteString(w, "\nendstream\n")
	return err
}

// objStmSize is the number of objects per object stream.
const objStmSize = 512

// writePacked writes the structure tree's objects as object streams, numbered from
// next, and returns for each packed object its (stream object number, index) and the
// next free object number.
func (gp *GoPdf) writePacked(w *countingWriter, next int, offsets []int64) (map[int][2]int, int, error) {
	t := gp.tree
	loc := make(map[int][2]int)
	if t == nil {
		return loc, next, nil
	}
	bodies := t.bodies(gp)
	nums := make([]int, 0, len(bodies))
	nums = append(nums, t.rootObj, t.parentObj)
	for i := range t.elems {
		nums = append(nums, t.firstElem+i)
	}
	var head, body, zbuf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&zbuf, max(gp.compressLevel, 1))
	if err != nil {
		return nil, next, err
	}
	for s := 0; s < len(bodies); s += objStmSize {
		e := min(s+objStmSize, len(bodies))
		head.Reset()
		body.Reset()
		for i := s; i < e; i++ {
			fmt.Fprintf(&head, "%d %d ", nums[i], body.Len())
			body.Write(bodies[i])
			body.WriteByte('\n')
			loc[nums[i]] = [2]int{next, i - s}
		}
		zbuf.Reset()
		zw.Reset(&zbuf)
		zw.Write(head.Bytes())
		zw.Write(body.Bytes())
		if err := zw.Close(); err != nil {
			return nil, next, err
		}
		offsets[next-1] = w.offset
		fmt.Fprintf(w, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", next, e-s, head.Len(), zbuf.Len())
		w.Write(zbuf.Bytes())
		io.WriteString(w, "\nendstream\nendobj\n\n")
		next++
	}
	return loc, next, w.err
}

// xrefStream writes the Info dictionary as an object and a cross-reference stream
// (PDF 32000-1 §7.5.8) for objects 1…size-1: offsets of the objects written directly,
// object stream positions of the packed ones.
func (gp *GoPdf) xrefStream(w *countingWriter, offsets []int64, loc map[int][2]int, next int) error {
	info := 0
	if gp.isUseInfo {
		info = next
		offsets[next-1] = w.offset
		var d bytes.Buffer
		gp.writeInfo(&d) // "/Info <<…>>"
		fmt.Fprintf(w, "%d 0 obj\n%s\nendobj\n\n", next, bytes.TrimPrefix(d.Bytes(), []byte("/Info ")))
		next++
	}
	xref := next
	offsets[xref-1] = w.offset
	size := xref + 1
	var rows bytes.Buffer
	rows.Write([]byte{0, 0, 0, 0, 0, 0xFF, 0xFF})
	for n := 1; n < size; n++ {
		if l, ok := loc[n]; ok {
			rows.Write([]byte{2, byte(l[0] >> 24), byte(l[0] >> 16), byte(l[0] >> 8), byte(l[0]), byte(l[1] >> 8), byte(l[1])})
			continue
		}
		o := offsets[n-1]
		rows.Write([]byte{1, byte(o >> 24), byte(o >> 16), byte(o >> 8), byte(o), 0, 0})
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(rows.Bytes())
	zw.Close()
	// A file identifier from what the file holds (deterministic).
	sum := sha256.Sum256(rows.Bytes())
	id := fmt.Sprintf("<%X>", sum[:16])
	fmt.Fprintf(w, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root 1 0 R", xref, size)
	if info > 0 {
		fmt.Fprintf(w, " /Info %d 0 R", info)
	}
	fmt.Fprintf(w, " /ID [%s %s] /Filter /FlateDecode /Length %d>>\nstream\n", id, id, z.Len())
	w.Write(z.Bytes())
	io.WriteString(w, "\nendstream\nendobj\n\n")
	fmt.Fprintf(w, "startxref\n%d\n%%%%EOF\n", offsets[xref-1])
	return w.err
}
