package gopdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestMarkedContentOperators(t *testing.T) {
	s := pageContent(t, func(gp *GoPdf) {
		gp.BeginMarkedContent("P", 0)
		gp.Line(1, 2, 3, 4)
		gp.EndMarkedContent()
		gp.BeginArtifact(ArtifactFooter)
		gp.Line(1, 2, 3, 4)
		gp.EndMarkedContent()
		gp.BeginArtifact(ArtifactKind(99)) // unknown: a layout artifact
		gp.EndMarkedContent()
	})
	want := []string{"/P <</MCID 0>> BDC\n", "EMC\n/Artifact /AF BDC\n", "/Artifact /AL BDC\nEMC\n"}
	at := 0
	for _, w := range want {
		i := strings.Index(s[at:], w)
		if i < 0 {
			t.Fatalf("content lacks %q after byte %d:\n%s", w, at, s)
		}
		at += i + len(w)
	}
}

func TestOnlyText(t *testing.T) {
	text := &cacheContentText{contentType: ContentTypeText}
	mark := &cacheContentMarked{op: emcOp}
	line := &cacheContentLine{}
	for _, c := range []struct {
		caches []ICacheContent
		want   bool
	}{
		{[]ICacheContent{text, text, mark}, true},
		{[]ICacheContent{mark}, true},
		{[]ICacheContent{text, line, mark}, false},
		{[]ICacheContent{text}, true},
	} {
		l := listCacheContent{caches: c.caches}
		if got := l.onlyText(0); got != c.want {
			t.Errorf("onlyText(%T…) = %v, want %v", c.caches[0], got, c.want)
		}
	}
}

// taggedFile writes two pages with marked content and a link in a structure tree.
func taggedFile(t *testing.T) []byte {
	t.Helper()
	var gp GoPdf
	gp.Start(Config{Unit: UnitPT, PageSize: Rect{W: 100, H: 200}})
	gp.SetInfo(PdfInfo{Title: "标题"})
	for p := 0; p < 2; p++ {
		gp.AddPage()
		gp.BeginMarkedContent("P", 0)
		gp.Line(1, 2, 3, 4)
		gp.EndMarkedContent()
	}
	gp.AddExternalLink("https://example.org/", 10, 10, 20, 10)
	key := gp.SetLinkStructParent("例子")
	elems := []StructElem{
		{Type: "Document", Parent: -1, Lang: "zh-CN", BBoxPage: -1, Kids: []StructKid{{Elem: 1, MCID: -1, Annot: -1}, {Elem: 2, MCID: -1, Annot: -1}}},
		{Type: "P", Parent: 0, BBoxPage: -1, Kids: []StructKid{{Elem: -1, Page: 0, MCID: 0, Annot: -1}, {Elem: -1, Page: 1, MCID: 0, Annot: -1}}},
		{Type: "Link", Parent: 0, BBoxPage: -1, Kids: []StructKid{{Elem: -1, Page: 1, MCID: -1, Annot: key}}},
	}
	if err := gp.SetStructTree(elems, [][]int{{1}, {1}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestStructTreeInObjectStreams(t *testing.T) {
	b := taggedFile(t)
	s := string(b)
	for _, want := range []string{"/MarkInfo << /Marked true >>", "/StructTreeRoot ", "/StructParents 0", "/StructParents 1",
		"/StructParent 2 /Contents <FEFF4F8B5B50>", "/Tabs /S", "/Type /XRef", "/ID [<", "/Properties << /AL <</Type /Layout>>"} {
		if !strings.Contains(s, want) {
			t.Errorf("file lacks %q", want)
		}
	}
	if strings.Contains(s, "\nxref\n") || strings.Contains(s, "trailer") {
		t.Errorf("a cross-reference table beside the stream")
	}
	// The object stream holds the tree.
	m := regexp.MustCompile(`/Type /ObjStm /N (\d+) /First (\d+) /Filter /FlateDecode /Length (\d+)>>\nstream\n`).FindStringSubmatchIndex(s)
	if m == nil {
		t.Fatal("no object stream")
	}
	n, _ := strconv.Atoi(s[m[2]:m[3]])
	ln, _ := strconv.Atoi(s[m[6]:m[7]])
	zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+ln]))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if n != 5 {
		t.Errorf("%d packed objects, want 5 (root, parent tree, 3 elements)", n)
	}
	for _, want := range []string{"/Type /StructTreeRoot", "/ParentTreeNextKey 3", "/Nums [0 [", "/S /Document", "/Lang (zh-CN)",
		"/S /P", "/K [0 <</Type /MCR /Pg ", "/Type /OBJR /Obj "} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("object stream lacks %q:\n%s", want, body)
		}
	}
}

func TestXRefStreamOffsets(t *testing.T) {
	b := taggedFile(t)
	s := string(b)
	sx := strings.LastIndex(s, "startxref\n")
	var off int
	fmt.Sscanf(s[sx+len("startxref\n"):], "%d", &off)
	if !regexp.MustCompile(`^\d+ 0 obj\n<</Type /XRef`).MatchString(s[off:]) {
		t.Fatalf("startxref %d does not point at the xref stream", off)
	}
	m := regexp.MustCompile(`/Size (\d+) /W \[1 4 2\].*?/Length (\d+)>>\nstream\n`).FindStringSubmatchIndex(s[off:])
	size, _ := strconv.Atoi(s[off+m[2] : off+m[3]])
	ln, _ := strconv.Atoi(s[off+m[4] : off+m[5]])
	zr, err := zlib.NewReader(bytes.NewReader(b[off+m[1] : off+m[1]+ln]))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := io.ReadAll(zr)
	if len(rows) != 7*size {
		t.Fatalf("%d bytes of rows for %d objects", len(rows), size)
	}
	packed := 0
	for n := 1; n < size; n++ {
		r := rows[7*n:]
		f2 := int(r[1])<<24 | int(r[2])<<16 | int(r[3])<<8 | int(r[4])
		switch r[0] {
		case 1:
			if !strings.HasPrefix(s[f2:], strconv.Itoa(n)+" 0 obj\n") {
				t.Errorf("object %d: offset %d holds %.20q", n, f2, s[f2:])
			}
		case 2:
			packed++
		default:
			t.Errorf("object %d: type %d", n, r[0])
		}
	}
	if packed != 5 {
		t.Errorf("%d packed objects in the xref stream, want 5", packed)
	}
}

func TestSetStructTreeRejectsBadTrees(t *testing.T) {
	for _, c := range []struct {
		name  string
		elems []StructElem
	}{
		{"empty", nil},
		{"root with a parent", []StructElem{{Type: "Document", Parent: 0}}},
		{"parent after child", []StructElem{{Type: "Document", Parent: -1}, {Type: "P", Parent: 2}, {Type: "P", Parent: 0}}},
		{"kid not its child", []StructElem{{Type: "Document", Parent: -1, Kids: []StructKid{{Elem: 2}}}, {Type: "P", Parent: 0}, {Type: "Span", Parent: 1}}},
		{"MCID out of range", []StructElem{{Type: "Document", Parent: -1, Kids: []StructKid{{Elem: -1, Page: 0, MCID: 3, Annot: -1}}}}},
	} {
		var gp GoPdf
		gp.Start(Config{Unit: UnitPT, PageSize: Rect{W: 100, H: 200}})
		gp.AddPage()
		if err := gp.SetStructTree(c.elems, [][]int{{0}}); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestTextFollowing(t *testing.T) {
	font, err := os.ReadFile("../../../fonts/LXGWWenKai-Regular.ttf")
	if err != nil {
		t.Skipf("no font: %v", err)
	}
	s := pageContent(t, func(gp *GoPdf) {
		if err := gp.AddTTFFontData("F", font); err != nil {
			t.Fatal(err)
		}
		if err := gp.SetFont("F", "", 10); err != nil {
			t.Fatal(err)
		}
		gp.BeginMarkedContent("P", 0)
		gp.SetXY(10, 20)
		gp.Text("强调")
		gp.EndMarkedContent()
		gp.BeginMarkedContent("Span", 1)
		gp.SetXY(30, 20)
		gp.TextFollowing("着重号")
		gp.EndMarkedContent()
		gp.BeginMarkedContent("P", 2)
		gp.SetXY(60, 20)
		gp.TextFollowing("和") // follows too
		gp.EndMarkedContent()
		gp.Line(1, 2, 3, 4)
		gp.BeginMarkedContent("P", 3)
		gp.SetXY(70, 40)
		gp.TextFollowing("完") // no open text object: placed
		gp.EndMarkedContent()
	})
	re := regexp.MustCompile(`BT\n/P <</MCID 0>> BDC\n10 180 Td\n/F1 10 Tf\n0 Tc\n\[<[0-9A-F]+>\] TJ\nEMC\n/Span <</MCID 1>> BDC\n\[<[0-9A-F]+>\] TJ\nEMC\n/P <</MCID 2>> BDC\n\[<[0-9A-F]+>\] TJ\nEMC\nET\n`)
	if !re.MatchString(s) {
		t.Errorf("following texts are not shown in one text object without Td:\n%s", s)
	}
	if !strings.Contains(s, "BT\n/P <</MCID 3>> BDC\n70 160 Td\n") {
		t.Errorf("a following text without an open text object is not placed:\n%s", s)
	}
}
