package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"cjkbook/book/internal/testenv"
	"cjkbook/book/internal/testimages"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"

	"golang.org/x/image/font/gofont/goregular"
)

// A5 in points, as the layout uses it.
var a5W, a5H = layout.MM(148), layout.MM(210)

// defaultFaces returns the embedded Regular and Bold faces.
func defaultFaces(t testing.TB) []*fonts.Face {
	t.Helper()
	reg, bold, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return []*fonts.Face{reg, bold}
}

// text returns a Text item.
func text(x, y layout.Pt, face layout.FaceID, size, spacing layout.Pt, s string) layout.Item {
	return layout.Item{Kind: layout.Text, X: x, Y: y, Face: face, Size: size, Spacing: spacing, Text: s}
}

// lines of the sample: CJK with the non-BMP 𠮷, curly quotes, ——, ……, Latin and digits.
var sampleLines = []string{
	"他说：“𠮷祥如意！”然后——沉默……",
	"Go 1.26 与 LXGW WenKai 排版，共 3,330 字。",
	"‘引号’、（括号）《书名》「直角」",
}

// sampleDoc builds a three-page document by hand: a contents page whose links point
// forward at anchors on pages 2 and 3, two body pages with every item kind, and a
// nested outline.
func sampleDoc() *layout.Document {
	const size = 10.5
	d := &layout.Document{
		Width: a5W, Height: a5H,
		Info: layout.Info{Title: "测试书 𠮷", Author: "作者 𠮷", Subject: "排版测试", Creator: "cjkbook test", Language: "zh-CN"},
	}
	toc := layout.Page{Index: 0, Items: []layout.Item{
		text(60, 80, layout.Bold, 16, 0, "目录"),
		text(60, 120, layout.Regular, size, 0, "第一章 开始……2"),
		text(60, 140, layout.Regular, size, 0, "第二章 结束……3"),
	}, Links: []layout.Link{
		{X: 60, Y: 110, W: 250, H: 14, Dest: "ch1"},
		{X: 60, Y: 130, W: 250, H: 14, Dest: "ch2"},
		{X: 60, Y: 150, W: 250, H: 14, URL: "https://example.com/a(b)"},
	}}
	p1 := layout.Page{Index: 1, Label: "1", Items: []layout.Item{
		text(60, 80, layout.Bold, 14, 0, "第一章 开始"),
		{Kind: layout.Rule, X: 60, Y: 90, W: 300, Size: 0.5},
	}, Anchors: []layout.Anchor{{Name: "ch1", Y: 60}, {Name: "ch1s1", Y: 100}}}
	for i, s := range sampleLines {
		p1.Items = append(p1.Items, text(60, layout.Pt(120+20*i), layout.Regular, size, layout.Pt(0.1*float64(i)), s))
	}
	p1.Items = append(p1.Items,
		layout.Item{Kind: layout.Box, X: 60, Y: 200, W: size, H: size, Size: 0.4},
		layout.Item{Kind: layout.Dot, X: 80, Y: 215, Size: 2},
		layout.Item{Kind: layout.Fill, X: 100, Y: 200, W: 50, H: 10, Gray: 0.8},
		text(200, 560, layout.Regular, 9, 0, "1"),
	)
	p2 := layout.Page{Index: 2, Label: "2", Items: []layout.Item{
		text(60, 80, layout.Bold, 14, 0, "第二章 结束"),
		text(60, 120, layout.Regular, size, 0, "全书完。"),
		text(200, 560, layout.Regular, 9, 0, "2"),
	}, Anchors: []layout.Anchor{{Name: "ch2", Y: 60}}}
	d.Pages = []layout.Page{toc, p1, p2}
	d.Outline = []layout.OutlineEntry{
		{Title: "目录", Page: 0, Y: 60},
		{Title: "第一章 开始", Page: 1, Y: 60, Children: []layout.OutlineEntry{
			{Title: "第一节 𠮷", Page: 1, Y: 100},
			{Title: "第二节", Page: 1, Y: 150},
		}},
		{Title: "第二章 结束", Page: 2, Y: 60},
	}
	return d
}

// drawnText is the text of all Text items in drawing order.
func drawnText(d *layout.Document) string {
	var b strings.Builder
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == layout.Text {
				b.WriteString(it.Text)
			}
		}
	}
	return b.String()
}

// noSpace removes all white space (pdftotext breaks lines and pages, and may or
// may not keep Latin spaces).
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// writeFile writes d to a temporary file and returns its path and bytes.
func writeFile(t testing.TB, d *layout.Document, faces []*fonts.Face, opts Options) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d, faces, nil, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// run runs a tool and returns stdout and stderr, failing the test on a non-zero exit.
func run(t testing.TB, name string, args ...string) (string, string) {
	t.Helper()
	tool := testenv.Tool(t, name)
	cmd := exec.Command(tool, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout: %s\nstderr: %s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

func TestWriteHeaderAndPages(t *testing.T) {
	d := sampleDoc()
	_, b := writeFile(t, d, defaultFaces(t), DefaultOptions())
	if !bytes.HasPrefix(b, []byte("%PDF-1.7\n")) {
		t.Errorf("header = %q", b[:min(len(b), 12)])
	}
	if !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		t.Errorf("file does not end with %%%%EOF")
	}
	if got := regexp.MustCompile(`/Type /Page\n`).FindAll(b, -1); len(got) != len(d.Pages) {
		t.Errorf("%d page objects, want %d", len(got), len(d.Pages))
	}
}

func TestPdffontsEmbeddedSubsetUnicode(t *testing.T) {
	path, _ := writeFile(t, sampleDoc(), defaultFaces(t), DefaultOptions())
	out, _ := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 { // header, rule, Regular, Bold
		t.Fatalf("pdffonts: want 2 fonts:\n%s", out)
	}
	tag := regexp.MustCompile(`^[A-Z]{6}\+LXGWWenKai-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s`)
	for _, l := range lines[2:] {
		if !tag.MatchString(l) {
			t.Errorf("pdffonts line %q: want ABCDEF+LXGWWenKai-…, CID TrueType, Identity-H, emb yes sub yes uni yes", l)
		}
	}
}

func TestPdftotextGivesBackText(t *testing.T) {
	d := sampleDoc()
	path, _ := writeFile(t, d, defaultFaces(t), DefaultOptions())
	out, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if got, want := noSpace(out), noSpace(drawnText(d)); got != want {
		t.Errorf("pdftotext:\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(out, "𠮷") {
		t.Errorf("pdftotext lost the non-BMP 𠮷: %q", out)
	}
}

func TestPdfinfoMetadata(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		want []string
		not  []string
	}{
		{"no date", DefaultOptions(), []string{"Title:           测试书 𠮷", "Author:          作者 𠮷", "Subject:         排版测试", "Creator:         cjkbook test", "Producer:        cjkbook", "Pages:           3"}, []string{"CreationDate"}},
		{"date", Options{CreationDate: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, []string{"CreationDate:    Fri Jan  2 03:04:05 2026 UTC"}, []string{"Producer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path, _ := writeFile(t, sampleDoc(), defaultFaces(t), c.opts)
			out, _ := run(t, "pdfinfo", "-isodates", path)
			out2, _ := run(t, "pdfinfo", path)
			all := out + out2
			for _, w := range c.want {
				if strings.HasPrefix(w, "CreationDate") {
					if !regexp.MustCompile(`CreationDate:\s+2026-01-02T03:04:05`).MatchString(out) {
						t.Errorf("pdfinfo: no CreationDate 2026-01-02T03:04:05:\n%s", out)
					}
					continue
				}
				if !strings.Contains(all, w) {
					t.Errorf("pdfinfo lacks %q:\n%s", w, out)
				}
			}
			for _, n := range c.not {
				if strings.Contains(all, n) {
					t.Errorf("pdfinfo has %q, want it omitted:\n%s", n, out)
				}
			}
		})
	}
}

func TestQpdfCheckClean(t *testing.T) {
	path, _ := writeFile(t, sampleDoc(), defaultFaces(t), DefaultOptions())
	out, errOut := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(out, "WARNING") || errOut != "" {
		t.Errorf("qpdf --check:\n%s\n%s", out, errOut)
	}
}

func TestMutoolOutlineNested(t *testing.T) {
	path, _ := writeFile(t, sampleDoc(), defaultFaces(t), DefaultOptions())
	out, errOut := run(t, "mutool", "show", path, "outline")
	if strings.TrimSpace(errOut) != "" {
		t.Errorf("mutool stderr (outline warnings?):\n%s", errOut)
	}
	// mutool prints one line per entry: open/closed marker, tabs for depth, the
	// quoted title and the destination page.
	want := []struct {
		depth int
		title string
		page  int
	}{{0, "目录", 1}, {0, "第一章 开始", 2}, {1, "第一节 𠮷", 2}, {1, "第二节", 2}, {0, "第二章 结束", 3}}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("mutool show outline: %d lines, want %d:\n%s", len(lines), len(want), out)
	}
	re := regexp.MustCompile(`^[|+-]?(\t*)"(.*)"\t#page=(\d+)`)
	for i, l := range lines {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line %d %q: unexpected format", i, l)
			continue
		}
		page, _ := strconv.Atoi(m[3])
		if got := len(m[1]); got != want[i].depth+1 || m[2] != want[i].title || page != want[i].page {
			t.Errorf("line %d = depth %d %q page %d, want depth %d %q page %d", i, got-1, m[2], page, want[i].depth, want[i].title, want[i].page)
		}
	}
}

// pdfObjects splits a PDF written by Write into its objects by number, using the
// offsets of its cross-reference stream (objects are written in number order), so
// that binary stream data cannot confuse the split. The structure tree's objects,
// packed into object streams, are not opened.
func pdfObjects(b []byte) map[int]string {
	objs := map[int]string{}
	sx := bytes.LastIndex(b, []byte("startxref\n"))
	if sx < 0 {
		return objs
	}
	var xref int
	if _, err := fmt.Sscanf(string(b[sx+len("startxref\n"):]), "%d", &xref); err != nil || xref >= len(b) {
		return objs
	}
	m := regexp.MustCompile(`^\d+ 0 obj\n<</Type /XRef /Size (\d+) /W \[1 4 2\][^\n]*/Length (\d+)>>\nstream\n`).FindSubmatchIndex(b[xref:])
	if m == nil {
		return objs
	}
	size, _ := strconv.Atoi(string(b[xref+m[2] : xref+m[3]]))
	ln, _ := strconv.Atoi(string(b[xref+m[4] : xref+m[5]]))
	zr, err := zlib.NewReader(bytes.NewReader(b[xref+m[1] : xref+m[1]+ln]))
	if err != nil {
		return objs
	}
	rows, err := io.ReadAll(zr)
	if err != nil || len(rows) < 7*size {
		return objs
	}
	type at struct{ n, off int }
	var offs []at
	for n := 1; n < size; n++ {
		r := rows[7*n:]
		if r[0] == 1 {
			offs = append(offs, at{n, int(r[1])<<24 | int(r[2])<<16 | int(r[3])<<8 | int(r[4])})
		}
	}
	sort.Slice(offs, func(i, j int) bool { return offs[i].off < offs[j].off })
	for i, o := range offs {
		end := len(b)
		if i+1 < len(offs) {
			end = offs[i+1].off
		}
		s := string(b[o.off:end])
		head := fmt.Sprintf("%d 0 obj\n", o.n)
		if strings.HasPrefix(s, head) {
			s = strings.TrimRight(s[len(head):], "\n")
			objs[o.n] = strings.TrimSuffix(strings.TrimSuffix(s, "endobj"), "\n")
		}
	}
	return objs
}

func TestInternalLinksResolveToTheirPages(t *testing.T) {
	d := sampleDoc()
	_, b := writeFile(t, d, defaultFaces(t), DefaultOptions())
	objs := pdfObjects(b)
	// The page tree's /Kids lists the page objects in page order.
	var kids []int
	for _, o := range objs {
		if strings.Contains(o, "/Type /Pages") {
			for _, m := range regexp.MustCompile(`(\d+) 0 R`).FindAllStringSubmatch(o[strings.Index(o, "/Kids"):], -1) {
				n, _ := strconv.Atoi(m[1])
				kids = append(kids, n)
			}
		}
	}
	if len(kids) != len(d.Pages) {
		t.Fatalf("page tree has %d kids, want %d", len(kids), len(d.Pages))
	}
	pageOf := map[int]int{}
	for i, k := range kids {
		pageOf[k] = i
	}
	annots := regexp.MustCompile(`/Annots \[([^\]]*)\]`).FindStringSubmatch(objs[kids[0]])
	if annots == nil {
		t.Fatalf("contents page has no /Annots: %s", objs[kids[0]])
	}
	var dests []int
	var uris []string
	for _, m := range regexp.MustCompile(`(\d+) 0 R`).FindAllStringSubmatch(annots[1], -1) {
		n, _ := strconv.Atoi(m[1])
		a := objs[n]
		if dm := regexp.MustCompile(`/Dest \[(\d+) 0 R /XYZ 0 ([\d.]+) null\]`).FindStringSubmatch(a); dm != nil {
			obj, _ := strconv.Atoi(dm[1])
			p, ok := pageOf[obj]
			if !ok {
				t.Errorf("link destination %d 0 R is not a page", obj)
			}
			dests = append(dests, p)
			if y, _ := strconv.ParseFloat(dm[2], 64); y < float64(a5H)-61 || y > float64(a5H)-59 {
				t.Errorf("link destination top %v, want page height − anchor y = %v", y, float64(a5H)-60)
			}
		} else if um := regexp.MustCompile(`/URI \((.*)\)>>`).FindStringSubmatch(a); um != nil {
			uris = append(uris, um[1])
		} else {
			t.Errorf("annotation %d is neither an internal nor a URI link: %s", n, a)
		}
	}
	if fmt.Sprint(dests) != "[1 2]" {
		t.Errorf("internal links go to pages %v, want [1 2] (0-based)", dests)
	}
	if fmt.Sprint(uris) != `[https://example.com/a\(b\)]` {
		t.Errorf("URI links = %q", uris)
	}
}

func TestCatalogLanguage(t *testing.T) {
	out, _ := run(t, "mutool", "show", writeFileTB(t), "trailer/Root/Lang")
	if strings.TrimSpace(out) != "(zh-CN)" {
		t.Errorf("catalog /Lang = %q, want (zh-CN)", out)
	}
}

// writeFileTB writes the sample document and returns the file's path.
func writeFileTB(t *testing.T) string {
	path, _ := writeFile(t, sampleDoc(), defaultFaces(t), DefaultOptions())
	return path
}

func TestByteIdenticalOutput(t *testing.T) {
	faces := defaultFaces(t)
	_, a := writeFile(t, sampleDoc(), faces, DefaultOptions())
	_, b := writeFile(t, sampleDoc(), faces, DefaultOptions())
	if sha256.Sum256(a) != sha256.Sum256(b) {
		t.Errorf("two writes of the same document differ (%d and %d bytes)", len(a), len(b))
	}
	// Streams are compressed on GOMAXPROCS workers: one worker must give the same bytes.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	_, c := writeFile(t, sampleDoc(), faces, DefaultOptions())
	if sha256.Sum256(a) != sha256.Sum256(c) {
		t.Errorf("the write with GOMAXPROCS=1 differs (%d and %d bytes)", len(a), len(c))
	}
}

func TestWriteRejectsBadDocuments(t *testing.T) {
	faces := defaultFaces(t)
	cases := []struct {
		name   string
		edit   func(d *layout.Document)
		faces  []*fonts.Face
		errHas string
	}{
		{"no pages", func(d *layout.Document) { d.Pages = nil }, faces, "no pages"},
		{"zero size", func(d *layout.Document) { d.Width = 0 }, faces, "page size"},
		{"unknown face", func(d *layout.Document) { d.Pages[1].Items[0].Face = 5 }, faces, "face 5 not given"},
		{"nil face", func(d *layout.Document) {}, []*fonts.Face{faces[0], nil}, "face 1 not given"},
		{"dangling link", func(d *layout.Document) { d.Pages[0].Links[0].Dest = "nowhere" }, faces, `undefined anchor "nowhere"`},
		{"duplicate anchor", func(d *layout.Document) { d.Pages[2].Anchors[0].Name = "ch1" }, faces, `anchor "ch1" already set on page 2`},
		{"outline page", func(d *layout.Document) { d.Outline[1].Children[0].Page = 9 }, faces, "points at page index 9"},
		{"missing image", func(d *layout.Document) {
			d.Pages[1].Items = append(d.Pages[1].Items, layout.Item{Kind: layout.Picture, Src: "x.png", W: 10, H: 10})
		}, faces, `image "x.png" not given`},
		{"unknown kind", func(d *layout.Document) { d.Pages[1].Items[0].Kind = 99 }, faces, "unknown item kind"},
		{"zero font size", func(d *layout.Document) { d.Pages[1].Items[0].Size = 0 }, faces, "font size"},
		{"NaN position", func(d *layout.Document) { d.Pages[1].Items[1].X = layout.Pt(math.NaN()) }, faces, "out of range"},
		{"infinite link", func(d *layout.Document) { d.Pages[0].Links[0].W = layout.Pt(math.Inf(1)) }, faces, "link rectangle"},
		{"gray above 1", func(d *layout.Document) { d.Pages[1].Items[0].Gray = 2 }, faces, "out of range"},
		{"invalid UTF-8", func(d *layout.Document) { d.Pages[1].Items[0].Text = "ab\xff" }, faces, "not valid UTF-8"},
		{"NaN outline y", func(d *layout.Document) { d.Outline[0].Y = layout.Pt(math.NaN()) }, faces, "outline entry"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := sampleDoc()
			c.edit(d)
			var buf bytes.Buffer
			err := Write(&buf, d, c.faces, nil, DefaultOptions())
			if err == nil || !errors.Is(err, ErrInvalidDocument) || !strings.Contains(err.Error(), c.errHas) {
				t.Fatalf("Write error = %v, want ErrInvalidDocument containing %q", err, c.errHas)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes for an invalid document", buf.Len())
			}
		})
	}
}

func TestMissingGlyphIsAnErrorNotASpace(t *testing.T) {
	d := sampleDoc()
	d.Pages[2].Items[1].Text = "全书𪚥完。" // U+2A6A5 is not in WenKai
	var buf bytes.Buffer
	err := Write(&buf, d, defaultFaces(t), nil, DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "U+2A6A5") || !strings.Contains(err.Error(), "page 3") {
		t.Fatalf("Write error = %v, want a missing-glyph error naming U+2A6A5 and page 3", err)
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriteErrorIsReported(t *testing.T) {
	for _, n := range []int{0, 100, 5000} {
		err := Write(&failWriter{n: n}, sampleDoc(), defaultFaces(t), nil, DefaultOptions())
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("after %d bytes: error = %v, want the writer's error", n, err)
		}
	}
}

// testImages returns a small PNG and JPEG.
func testImages(t *testing.T) map[string][]byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.RGBA{uint8(6 * x), uint8(8 * y), 128, 255})
		}
	}
	var p, j bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"a.png": p.Bytes(), "b.jpg": j.Bytes()}
}

func TestPictures(t *testing.T) {
	d := sampleDoc()
	pic := func(src string, x, y layout.Pt) layout.Item {
		return layout.Item{Kind: layout.Picture, Src: src, X: x, Y: y, W: 80, H: 60}
	}
	// The PNG twice: it must be embedded once.
	d.Pages[2].Items = append(d.Pages[2].Items, pic("a.png", 60, 200), pic("b.jpg", 160, 200), pic("a.png", 60, 300))
	var buf bytes.Buffer
	if err := Write(&buf, d, defaultFaces(t), testimages.Assets(testImages(t)), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pic.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := run(t, "pdfimages", "-list", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	if len(lines) != 3 {
		t.Fatalf("pdfimages: %d image uses, want 3:\n%s", len(lines), out)
	}
	objects := map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		// page num type width height color comp bpc enc interp object ID …
		if f[0] != "3" || f[3] != "40" || f[4] != "30" {
			t.Errorf("image %q: want page 3, 40×30", l)
		}
		objects[f[10]] = true
	}
	if len(objects) != 2 {
		t.Errorf("%d image objects, want 2 (the PNG shared):\n%s", len(objects), out)
	}
	if _, errOut := run(t, "qpdf", "--check", path); errOut != "" {
		t.Errorf("qpdf: %s", errOut)
	}
}

func TestFallbackFace(t *testing.T) {
	faces := defaultFaces(t)
	gofont, err := fonts.Parse("Go-Regular.ttf", goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	// A character WenKai lacks and the Go font has.
	var r rune
	for c := rune(0x100); c < 0x3000 && r == 0; c++ {
		if !faces[0].Covers(c) && gofont.Covers(c) {
			r = c
		}
	}
	if r == 0 {
		t.Fatal("no character found that only the Go font covers")
	}
	cases := []struct {
		name      string
		use       bool
		wantFonts int
	}{{"used", true, 3}, {"unused", false, 2}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := sampleDoc()
			if c.use {
				// Before the folio, so that the drawing order is the reading order.
				items := d.Pages[2].Items
				d.Pages[2].Items = append(items[:2:2], text(60, 140, layout.FirstFallback, 10.5, 0, string(r)), items[2])
			}
			path, _ := writeFile(t, d, append(faces[:2:2], gofont), DefaultOptions())
			out, _ := run(t, "pdffonts", path)
			lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
			if len(lines) != c.wantFonts {
				t.Fatalf("pdffonts: %d fonts, want %d:\n%s", len(lines), c.wantFonts, out)
			}
			if c.use && !strings.Contains(out, "+GoRegular") {
				t.Errorf("fallback face not embedded:\n%s", out)
			}
			txt, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
			if got, want := noSpace(txt), noSpace(drawnText(d)); got != want {
				t.Errorf("pdftotext = %q, want %q", got, want)
			}
		})
	}
}

func TestRenderersRaiseNoWarnings(t *testing.T) {
	path := writeFileTB(t)
	png := filepath.Join(t.TempDir(), "p")
	_, errOut := run(t, "pdftoppm", "-r", "60", "-png", path, png)
	if strings.TrimSpace(errOut) != "" {
		t.Errorf("pdftoppm warnings:\n%s", errOut)
	}
	_, errOut = run(t, "mutool", "draw", "-o", png+"%d.png", "-r", "60", path)
	for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
		// mutool reports its progress and its own build option, not problems of the file.
		if l != "" && !strings.HasPrefix(l, "page ") && !strings.Contains(l, "ICC support is not available") {
			t.Errorf("mutool draw: %s", l)
		}
	}
}

// fontPrograms returns the decompressed /FontFile2 streams of a PDF written by
// Write, in object order.
func fontPrograms(t *testing.T, b []byte) [][]byte {
	t.Helper()
	objs := pdfObjects(b)
	var out [][]byte
	// In object order: the faces are registered in FaceID order.
	for k := 1; k <= len(objs); k++ {
		m := regexp.MustCompile(`/FontFile2 (\d+) 0 R`).FindStringSubmatch(objs[k])
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		out = append(out, inflatedStream(t, objs, n))
	}
	return out
}

// inflatedStream returns the decompressed stream of object n.
func inflatedStream(t *testing.T, objs map[int]string, n int) []byte {
	t.Helper()
	s := objs[n]
	i := strings.Index(s, "stream\n")
	l := regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(s)
	if i < 0 || l == nil {
		t.Fatalf("object %d has no stream", n)
	}
	ln, _ := strconv.Atoi(l[1])
	zr, err := zlib.NewReader(strings.NewReader(s[i+7 : i+7+ln]))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSubsetFontProgramHoldsOnlyUsedGlyphs(t *testing.T) {
	d := sampleDoc()
	distinct := map[layout.FaceID]map[rune]bool{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == layout.Text {
				if distinct[it.Face] == nil {
					distinct[it.Face] = map[rune]bool{}
				}
				for _, r := range it.Text {
					distinct[it.Face][r] = true
				}
			}
		}
	}
	_, b := writeFile(t, d, defaultFaces(t), DefaultOptions())
	progs := fontPrograms(t, b)
	if len(progs) != 2 {
		t.Fatalf("%d font programs, want 2", len(progs))
	}
	var counts []int
	for _, f := range progs {
		tables := sfntTables(t, f)
		numGlyphs := int(binary.BigEndian.Uint16(tables["maxp"][4:]))
		numHMetrics := int(binary.BigEndian.Uint16(tables["hhea"][34:]))
		longLoca := binary.BigEndian.Uint16(tables["head"][50:]) == 1
		if !longLoca || len(tables["loca"]) != 4*(numGlyphs+1) || numHMetrics != numGlyphs || len(tables["hmtx"]) != 4*numGlyphs {
			t.Errorf("inconsistent subset: %d glyphs, loca %d bytes (long %v), %d hmetrics, hmtx %d bytes",
				numGlyphs, len(tables["loca"]), longLoca, numHMetrics, len(tables["hmtx"]))
		}
		counts = append(counts, numGlyphs)
	}
	// .notdef plus one glyph per distinct character (WenKai has no composites
	// among these), in face order.
	for i, want := range []int{len(distinct[layout.Regular]) + 1, len(distinct[layout.Bold]) + 1} {
		if counts[i] != want {
			t.Errorf("font %d holds %d glyphs, want %d", i, counts[i], want)
		}
	}
}

// sfntTables splits a TrueType font program into its tables.
func sfntTables(t *testing.T, f []byte) map[string][]byte {
	t.Helper()
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(f[4:]))
	for i := 0; i < n; i++ {
		rec := f[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if int(off+ln) > len(f) || off%4 != 0 {
			t.Fatalf("table %q at %d+%d outside the %d-byte font or unaligned", rec[:4], off, ln, len(f))
		}
		tables[string(rec[:4])] = f[off : off+ln]
	}
	return tables
}

func TestCompositeGlyphsKeepTheirComponents(t *testing.T) {
	// In WenKai ¨ ´ − ∕ are composite glyphs: the subset must carry their
	// components, renumbered.
	const s = "¨´−∕"
	d := sampleDoc()
	d.Pages[2].Items = append(d.Pages[2].Items[:2:2], text(60, 160, layout.Regular, 40, 0, s), d.Pages[2].Items[2])
	path, b := writeFile(t, d, defaultFaces(t), DefaultOptions())
	txt, _ := run(t, "pdftotext", "-enc", "UTF-8", "-f", "3", "-l", "3", path, "-")
	if !strings.Contains(noSpace(txt), s) {
		t.Errorf("pdftotext page 3 = %q, want it to contain %q", txt, s)
	}
	tables := sfntTables(t, fontPrograms(t, b)[0])
	numGlyphs := int(binary.BigEndian.Uint16(tables["maxp"][4:]))
	loca, glyf := tables["loca"], tables["glyf"]
	composites := 0
	for g := 0; g < numGlyphs; g++ {
		start, end := binary.BigEndian.Uint32(loca[4*g:]), binary.BigEndian.Uint32(loca[4*g+4:])
		if end <= start || int16(binary.BigEndian.Uint16(glyf[start:])) >= 0 {
			continue
		}
		composites++
		// The first component's glyph index follows the 10-byte header and the flags.
		c := int(binary.BigEndian.Uint16(glyf[start+12:]))
		cs, ce := binary.BigEndian.Uint32(loca[4*c:]), binary.BigEndian.Uint32(loca[4*c+4:])
		if c == 0 || c >= numGlyphs || ce <= cs {
			t.Errorf("composite glyph %d refers to glyph %d, which is not an outline in the %d-glyph subset", g, c, numGlyphs)
		}
	}
	if composites != 4 {
		t.Errorf("%d composite glyphs in the subset, want 4", composites)
	}
	if _, errOut := run(t, "mutool", "draw", "-o", filepath.Join(t.TempDir(), "p.png"), "-r", "60", path, "3"); strings.Contains(errOut, "error") {
		t.Errorf("mutool draw: %s", errOut)
	}
}

// pngChunk returns one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// handPNG builds an RGBA PNG whose header says w×h, with the given interlace
// method and extra chunks before IDAT; the pixel data is that of a 1×1 image.
func handPNG(w, h uint32, interlace byte, extra ...[]byte) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	b = append(b, pngChunk("IHDR", append(ihdr, 8, 6, 0, 0, interlace))...)
	for _, e := range extra {
		b = append(b, e...)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write([]byte{0, 200, 30, 30, 255}) // a bytes.Buffer does not fail
	_ = zw.Close()
	b = append(b, pngChunk("IDAT", z.Bytes())...)
	return append(b, pngChunk("IEND", nil)...)
}

func TestUnusualAndBrokenImages(t *testing.T) {
	img16 := image.NewNRGBA64(image.Rect(0, 0, 20, 10))
	for x := 0; x < 20; x++ {
		img16.Set(x, 5, color.NRGBA64{0xFFFF, 0, 0, 0x8000})
	}
	var p16, g bytes.Buffer
	if err := png.Encode(&p16, img16); err != nil {
		t.Fatal(err)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.White, color.Black})
	if err := gif.Encode(&g, pal, nil); err != nil {
		t.Fatal(err)
	}
	good := testImages(t)["a.png"]
	cases := []struct {
		name   string
		data   []byte
		errHas string // "" = must embed
	}{
		{"16-bit PNG with alpha", p16.Bytes(), ""},
		{"interlaced PNG", handPNG(1, 1, 1), ""},
		{"GIF", g.Bytes(), ""},
		{"truncated PNG", good[:len(good)/2], "cannot embed image"},
		{"not an image", []byte("<html>hello</html>"), "cannot embed image"},
		{"short tRNS chunk", handPNG(1, 1, 0, pngChunk("tRNS", []byte{1})), ""},
		{"huge dimensions", handPNG(1<<16, 1<<16, 0), "megapixels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := sampleDoc()
			d.Pages[2].Items = append(d.Pages[2].Items, layout.Item{Kind: layout.Picture, Src: "x", X: 60, Y: 200, W: 80, H: 40})
			var buf bytes.Buffer
			err := Write(&buf, d, defaultFaces(t), testimages.Assets(map[string][]byte{"x": c.data}), DefaultOptions())
			switch {
			case c.errHas == "" && err != nil && c.name != "short tRNS chunk":
				t.Fatalf("Write: %v", err)
			case c.errHas != "" && (err == nil || !strings.Contains(err.Error(), c.errHas) || !strings.Contains(err.Error(), `image "x"`)):
				t.Fatalf("Write error = %v, want one naming image x and containing %q", err, c.errHas)
			case err == nil:
				path := filepath.Join(t.TempDir(), "img.pdf")
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				if out, _ := run(t, "pdfimages", "-list", path); len(strings.Split(strings.TrimSpace(out), "\n")) < 3 {
					t.Errorf("no image in the PDF:\n%s", out)
				}
				run(t, "qpdf", "--check", path)
			}
		})
	}
}
