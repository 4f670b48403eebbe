package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/internal/golden"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/internal/testimages"
	"cjkbook/book/load"
	"cjkbook/fonts"
)

func defaultFaces(t testing.TB) Faces {
	t.Helper()
	reg, bold, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return Faces{Regular: reg, Bold: bold}
}

func write(t testing.TB, b *book.Book, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b, defaultFaces(t), opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// entries reads every file of an EPUB.
func entries(t testing.TB, data []byte) (*zip.Reader, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = b
	}
	return zr, out
}

var books = []struct {
	name string
	make func(testing.TB) *book.Book
}{
	{"seed", seedBook},
	{"rich", richBook},
}

// TestContainer checks the OCF rules readers rely on: mimetype first, stored,
// no extra field and no data descriptor; then entries in name order with the
// fixed timestamp.
func TestContainer(t *testing.T) {
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			when := time.Date(2024, 5, 6, 7, 8, 10, 0, time.UTC)
			data := write(t, bk.make(t), Options{Modified: when})
			if string(data[:4]) != "PK\x03\x04" {
				t.Fatal("no local file header at offset 0")
			}
			flags := binary.LittleEndian.Uint16(data[6:])
			method := binary.LittleEndian.Uint16(data[8:])
			nameLen := binary.LittleEndian.Uint16(data[26:])
			extraLen := binary.LittleEndian.Uint16(data[28:])
			if flags&0x8 != 0 || method != 0 || extraLen != 0 || string(data[30:30+nameLen]) != "mimetype" ||
				string(data[38:58]) != "application/epub+zip" {
				t.Fatalf("mimetype entry: flags %#x method %d extra %d name %q content %q", flags, method, extraLen, data[30:30+nameLen], data[38:58])
			}
			zr, files := entries(t, data)
			for i, f := range zr.File {
				if i > 1 && f.Name < zr.File[i-1].Name {
					t.Errorf("entry %s after %s: not in name order", f.Name, zr.File[i-1].Name)
				}
				if !f.Modified.Equal(when) {
					t.Errorf("%s: time %v, want %v", f.Name, f.Modified, when)
				}
			}
			for _, want := range []string{"META-INF/container.xml", opfPath, navPath, ncxPath, "EPUB/css/book.css", "EPUB/fonts/regular.ttf"} {
				if files[want] == nil {
					t.Errorf("missing %s", want)
				}
			}
			if !bytes.Contains(files[opfPath], []byte(`<meta property="dcterms:modified">2024-05-06T07:08:10Z</meta>`)) {
				t.Errorf("dcterms:modified not taken from Options.Modified")
			}
		})
	}
}

// TestReproducible writes each book twice (and once more concurrently) and
// wants the same bytes every time.
func TestReproducible(t *testing.T) {
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			b := bk.make(t)
			first := write(t, b, Options{})
			second := write(t, b, Options{})
			if !bytes.Equal(first, second) {
				t.Fatal("two writes of the same book differ")
			}
			done := make(chan []byte, 2)
			for i := 0; i < 2; i++ {
				go func() {
					var buf bytes.Buffer
					if err := Write(&buf, b, defaultFaces(t), Options{}); err != nil {
						t.Error(err)
					}
					done <- buf.Bytes()
				}()
			}
			for i := 0; i < 2; i++ {
				if got := <-done; !bytes.Equal(got, first) {
					t.Error("a concurrent write differs")
				}
			}
			later := write(t, b, Options{Modified: time.Unix(1700000000, 0)})
			if bytes.Equal(first, later) {
				t.Error("Options.Modified changes nothing")
			}
		})
	}
}

// node is a parsed XML element, enough to read the documents back.
type node struct {
	name     string
	attr     map[string]string
	children []*node
	text     string // character data directly inside, in order with children lost
	all      string // all character data of the subtree, in document order
}

func parseXML(t testing.TB, name string, data []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				key := a.Name.Local
				if a.Name.Space == "http://www.idpf.org/2007/ops" {
					key = "epub:" + key
				}
				n.attr[key] = a.Value
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, n := range stack {
				n.all += string(tok)
			}
			stack[len(stack)-1].text += string(tok)
		}
	}
	return root
}

func (n *node) find(fn func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(n *node) {
		if fn(n) {
			out = append(out, n)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

// modelText is what the XHTML must show for a block: book.Text without the
// newlines and tabs that separate nested blocks and cells, with characters
// XML cannot hold replaced by U+FFFD.
func modelText(b book.Block) string {
	if _, ok := b.(*book.Break); ok {
		return cjk.SceneBreak
	}
	return xmlVisible(book.Text(b))
}

func xmlVisible(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return -1
		case r < 0x20 && r != '\r', r == 0xFFFE, r == 0xFFFF:
			return 0xFFFD
		}
		return r
	}, s)
}

func elemText(n *node) string {
	if n.name == "div" && n.attr["class"] == "figure" {
		return n.children[0].attr["alt"]
	}
	s := n.all
	for _, lab := range n.find(func(c *node) bool { return c.attr["class"] == "note-label" }) {
		s = strings.Replace(s, lab.all, "", 1)
	}
	return strings.NewReplacer("\n", "", "\t", "").Replace(s)
}

// TestChapterText parses every chapter document back and compares it with
// the model block by block: title, subtitle, each block's text in order, and
// each footnote's text. Nothing may be lost, added or reordered.
func TestChapterText(t *testing.T) {
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			b := bk.make(t)
			_, files := entries(t, write(t, b, Options{}))
			checkText(t, b, files)
		})
	}
}

// checkText reads every chapter document of an EPUB back and compares it
// with the model block by block.
func checkText(t *testing.T, b *book.Book, files map[string][]byte) {
	t.Helper()
	plan := planBook(b, resolve(b, Options{}), nil)
	for i, c := range b.Chapters {
		name := "EPUB/xhtml/" + plan.chapters[i].file
		data := files[name]
		if data == nil {
			t.Fatalf("chapter %d: no %s", i, name)
		}
		doc := parseXML(t, name, data)
		html := doc.children[0]
		if html.attr["lang"] != resolve(b, Options{}).lang {
			t.Errorf("%s: <html lang=%q>", name, html.attr["lang"])
		}
		secs := doc.find(func(n *node) bool { return n.name == "section" && n.attr["class"] != "footnotes" })
		if len(secs) != 1 {
			t.Fatalf("%s: %d chapter sections", name, len(secs))
		}
		kids := secs[0].children
		if kids[0].name != "h1" || kids[0].all != xmlVisible(chapterOrLabel(c, plan.chapters[i].label)) {
			t.Errorf("%s: h1 %q, want %q", name, kids[0].all, c.Title)
		}
		kids = kids[1:]
		if c.Subtitle != "" && !c.SubtitleGenerated {
			if kids[0].attr["class"] != "subtitle" || kids[0].all != xmlVisible(c.Subtitle) {
				t.Errorf("%s: subtitle %q, want %q", name, kids[0].all, c.Subtitle)
			}
			kids = kids[1:]
		}
		if len(kids) != len(c.Blocks) {
			t.Fatalf("%s: %d block elements, want %d", name, len(kids), len(c.Blocks))
		}
		for j, bl := range c.Blocks {
			if got, want := elemText(kids[j]), modelText(bl); got != want {
				t.Errorf("%s block %d (%s):\n got %q\nwant %q", name, j, bl.Kind(), got, want)
			}
		}
		asides := doc.find(func(n *node) bool { return n.name == "aside" })
		if len(asides) != len(c.Notes) {
			t.Fatalf("%s: %d footnotes, want %d", name, len(asides), len(c.Notes))
		}
		for j, n := range c.Notes {
			if asides[j].attr["epub:type"] != "footnote" || asides[j].attr["role"] != "doc-footnote" {
				t.Errorf("%s: footnote %d lacks epub:type/role: %v", name, j, asides[j].attr)
			}
			var want strings.Builder
			for _, bl := range n.Blocks {
				want.WriteString(modelText(bl))
			}
			if got := elemText(asides[j]); got != want.String() {
				t.Errorf("%s footnote %d: got %q, want %q", name, j, got, want.String())
			}
		}
	}
}

func chapterOrLabel(c *book.Chapter, label string) string {
	if c.Title != "" {
		return c.Title
	}
	return label
}

// TestNavigation checks nav.xhtml (目录, every chapter, nested sections,
// landmarks) and the NCX (dtb:uid = identifier, author, every chapter).
func TestNavigation(t *testing.T) {
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			b := bk.make(t)
			_, files := entries(t, write(t, b, Options{}))
			plan := planBook(b, resolve(b, Options{}), nil)
			nav := parseXML(t, navPath, files[navPath])
			if h := nav.find(func(n *node) bool { return n.name == "h1" }); len(h) != 1 || h[0].all != "目录" {
				t.Errorf("nav heading is not 目录")
			}
			if l := nav.children[0].attr["lang"]; l != "zh-CN" {
				t.Errorf("nav lang %q", l)
			}
			tocs := nav.find(func(n *node) bool { return n.name == "nav" && n.attr["epub:type"] == "toc" })
			if len(tocs) != 1 || tocs[0].attr["role"] != "doc-toc" {
				t.Fatalf("no toc nav with role doc-toc")
			}
			hrefs := map[string]bool{}
			for _, a := range tocs[0].find(func(n *node) bool { return n.name == "a" }) {
				hrefs[a.attr["href"]] = true
				if strings.TrimSpace(a.all) == "" {
					t.Errorf("empty nav label for %s", a.attr["href"])
				}
			}
			ncx := string(files[ncxPath])
			for _, c := range plan.chapters {
				if !hrefs["xhtml/"+c.file] {
					t.Errorf("nav lacks chapter %s", c.file)
				}
				if !strings.Contains(ncx, `src="xhtml/`+c.file+`"`) {
					t.Errorf("NCX lacks chapter %s", c.file)
				}
				for h, id := range c.headings {
					if h.Level == 2 && !hrefs["xhtml/"+c.file+"#"+id] {
						t.Errorf("nav lacks section %s#%s", c.file, id)
					}
				}
			}
			marks := map[string]bool{}
			for _, a := range nav.find(func(n *node) bool { return n.name == "a" && n.attr["epub:type"] != "" }) {
				marks[a.attr["epub:type"]] = true
			}
			if !marks["toc"] || !marks["bodymatter"] {
				t.Errorf("landmarks %v lack toc or bodymatter", marks)
			}
			id := resolve(b, Options{}).identifier
			if !strings.Contains(ncx, `<meta name="dtb:uid" content="`+id+`"/>`) {
				t.Errorf("NCX dtb:uid is not %s", id)
			}
			if !strings.Contains(string(files[opfPath]), `<dc:identifier id="pub-id">`+id+`</dc:identifier>`) {
				t.Errorf("OPF identifier is not %s", id)
			}
			if b.Meta.Author != "" && !strings.Contains(ncx, "<docAuthor><text>"+escapeString(b.Meta.Author)+"</text></docAuthor>") {
				t.Errorf("NCX lacks docAuthor")
			}
		})
	}
}

// TestInBookTOC puts the 目录 page in the reading order only when asked.
func TestInBookTOC(t *testing.T) {
	b := seedBook(t)
	for _, on := range []bool{false, true} {
		_, files := entries(t, write(t, b, Options{InBookTOC: on}))
		opf := string(files[opfPath])
		linear := strings.Contains(opf, `<itemref idref="nav"/>`)
		hidden := strings.Contains(opf, `<itemref idref="nav" linear="no"/>`)
		if linear != on || hidden == on {
			t.Errorf("InBookTOC=%v: spine has nav linear=%v hidden=%v", on, linear, hidden)
		}
	}
}

// TestHostile: nothing active reaches the EPUB, whatever the text says.
func TestHostile(t *testing.T) {
	_, files := entries(t, write(t, richBook(t), Options{}))
	for name, data := range files {
		low := bytes.ToLower(data)
		for _, bad := range []string{"<script", "javascript:", "vbscript:", "data:text", "<iframe", "<object", "<embed", "&nbsp;"} {
			if bytes.Contains(low, []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		doc := parseXML(t, name, data)
		for _, n := range doc.find(func(*node) bool { return true }) {
			for k, v := range n.attr {
				if strings.HasPrefix(strings.ToLower(k), "on") || k == "style" {
					t.Errorf("%s: <%s %s=%q>", name, n.name, k, v)
				}
			}
			if n.name == "a" {
				h := n.attr["href"]
				if !(strings.HasPrefix(h, "https://") || strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "mailto:") ||
					strings.HasPrefix(h, "#") || strings.HasPrefix(h, "xhtml/") || strings.HasPrefix(h, "nav.xhtml")) {
					t.Errorf("%s: link to %q", name, h)
				}
			}
			if n.name == "img" && !strings.HasPrefix(n.attr["src"], "../images/") {
				t.Errorf("%s: image from %q", name, n.attr["src"])
			}
		}
	}
	var images []string
	for name := range files {
		if strings.HasPrefix(name, "EPUB/images/image") {
			images = append(images, name)
		}
	}
	sort.Strings(images)
	if want := []string{"EPUB/images/image0001.svg", "EPUB/images/image0002.png"}; !slices.Equal(images, want) {
		t.Errorf("images %v, want %v (the scripted SVG disguised as PNG must be left out)", images, want)
	}
	if opf := string(files[opfPath]); !strings.Contains(opf, `href="images/image0001.svg" media-type="image/svg+xml"`) {
		t.Error("the plain SVG drawing is not in the manifest as image/svg+xml")
	}
}

// TestFontSubset: each embedded font is a small TrueType subset that an
// independent parser (x/image/font/sfnt) reads, and it maps every character
// the book sets in that face.
func TestFontSubset(t *testing.T) {
	for _, bk := range books {
		t.Run(bk.name, func(t *testing.T) {
			b := bk.make(t)
			data := write(t, b, Options{})
			if bk.name == "seed" && len(data) > 1<<20 {
				t.Errorf("seed EPUB is %d bytes, want under 1 MB", len(data))
			}
			_, files := entries(t, data)
			uses := collectRunes(b, nil)
			for u, file := range []string{"EPUB/fonts/regular.ttf", "EPUB/fonts/bold.ttf"} {
				raw := files[file]
				f, err := sfnt.Parse(raw)
				if err != nil {
					t.Fatalf("%s does not parse: %v", file, err)
				}
				if f.NumGlyphs() > 2*uses[u].len()+500 || f.NumGlyphs() > defaultFaces(t).Regular.NumGlyphs()/10 {
					t.Errorf("%s has %d glyphs for %d characters: not a subset", file, f.NumGlyphs(), uses[u].len())
				}
				var sb sfnt.Buffer
				face := []*fonts.Face{defaultFaces(t).Regular, defaultFaces(t).Bold}[u]
				for _, r := range uses[u].runes() {
					if !face.Covers(r) {
						continue // left to fallbacks (e.g. U+FFFD)
					}
					g, err := f.GlyphIndex(&sb, r)
					if err != nil || g == 0 {
						t.Errorf("%s lacks %U %q", file, r, r)
					}
				}
				if _, err := fonts.Parse(file, raw); err != nil {
					t.Errorf("fonts.Parse(%s): %v", file, err)
				}
			}
			css := string(files["EPUB/css/book.css"])
			for _, want := range []string{`src: url("../fonts/regular.ttf")`, `src: url("../fonts/bold.ttf")`, `font-family: "LXGW WenKai", serif;`} {
				if !strings.Contains(css, want) {
					t.Errorf("book.css lacks %s", want)
				}
			}
		})
	}
}

// TestFallbackFont: characters the main face lacks go to a second @font-face
// holding exactly those characters.
func TestFallbackFont(t *testing.T) {
	faces := defaultFaces(t)
	// Bold plays the fallback here; a Regular stand-in that lacks 丙 is made
	// by subsetting Regular without it.
	var rs []rune
	for _, r := range "甲乙丁书一" + string(basicLatin) {
		rs = append(rs, r)
	}
	data, err := fonts.Subset(faces.Regular, rs)
	if err != nil {
		t.Fatal(err)
	}
	partial, err := fonts.Parse("partial.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	b := &book.Book{Meta: book.Metadata{Title: "书"}, Chapters: []*book.Chapter{{Title: "一", Blocks: []book.Block{
		&book.Paragraph{Runs: []book.Run{{Text: "甲乙丙丁"}}}}}}}
	var buf bytes.Buffer
	if err := Write(&buf, b, Faces{Regular: partial, Fallbacks: []*fonts.Face{faces.Bold}}, Options{}); err != nil {
		t.Fatal(err)
	}
	_, files := entries(t, buf.Bytes())
	fb := files["EPUB/fonts/fallback1.ttf"]
	if fb == nil {
		t.Fatal("no fallback font embedded")
	}
	f, err := fonts.Parse("fallback1.ttf", fb)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Covers('丙') || f.Covers('甲') {
		t.Errorf("fallback subset: covers 丙=%v 甲=%v, want only the missing character", f.Covers('丙'), f.Covers('甲'))
	}
	css := string(files["EPUB/css/book.css"])
	if !strings.Contains(css, `font-family: "LXGW WenKai", "cjkbook fallback 1", serif;`) {
		t.Errorf("font-family does not list the fallback before serif:\n%s", css[:400])
	}
	if files["EPUB/fonts/bold.ttf"] != nil {
		t.Error("a bold font was embedded though Faces.Bold is nil")
	}
}

// TestErrors: bad calls fail with an error, never a panic.
func TestErrors(t *testing.T) {
	faces := defaultFaces(t)
	tests := []struct {
		name  string
		b     *book.Book
		faces Faces
	}{
		{"nil book", nil, faces},
		{"no chapters", &book.Book{Meta: book.Metadata{Title: "空"}}, faces},
		{"no font", seedLikeMeta(), Faces{}},
		{"nil chapter", &book.Book{Chapters: []*book.Chapter{nil}}, faces},
		{"nil block", &book.Book{Chapters: []*book.Chapter{{Blocks: []book.Block{nil}}}}, faces},
		{"typed nil block", &book.Book{Chapters: []*book.Chapter{{Blocks: []book.Block{(*book.Paragraph)(nil)}}}}, faces},
		{"nil in quote", &book.Book{Chapters: []*book.Chapter{{Blocks: []book.Block{&book.Quote{Blocks: []book.Block{nil}}}}}}, faces},
		{"nil note", &book.Book{Chapters: []*book.Chapter{{Notes: []*book.Footnote{nil}}}}, faces},
	}
	for _, tt := range tests {
		if err := Write(io.Discard, tt.b, tt.faces, Options{}); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

// TestGolden compares the documents of the rich book with testdata/rich/;
// regenerate with `go test ./book/epub -run Golden -update` and review the diff.
func TestGolden(t *testing.T) {
	_, files := entries(t, write(t, richBook(t), Options{}))
	g := golden.Open(t, filepath.Join("testdata", "rich"))
	for name, data := range files {
		if strings.HasSuffix(name, ".xhtml") || strings.HasSuffix(name, ".opf") || strings.HasSuffix(name, ".ncx") || strings.HasSuffix(name, ".css") {
			g.Check(t, strings.TrimPrefix(name, "EPUB/"), data)
		}
	}
}

// epubcheckAllowedUsages are the usage notes (-u) that remain by design:
// CSS-028 reports that @font-face is used (that is the point), HTM-010 that
// the NCX uses its (correct) namespace, OPF-058/059 that the cover page is
// not a table-of-contents entry (deliberately: 目录 lists the text), HTM-005
// that the author's text links to the web, HTM-022 that a chapter has many spans
// (the full-cell quotes and the upright digits of vertical text).
var epubcheckAllowedUsages = map[string]bool{"CSS-028": true, "HTM-010": true, "OPF-058": true, "OPF-059": true, "HTM-005": true, "HTM-022": true}

// TestEpubcheck runs EPUBCheck on each book: 0 errors and 0 warnings, and
// with -u no usage note beyond the allowed ones.
func TestEpubcheck(t *testing.T) {
	cmd := testenv.Epubcheck(t)
	all := append(books[:len(books):len(books)], struct {
		name string
		make func(testing.TB) *book.Book
	}{"novel", novelBook})
	for _, bk := range all {
		t.Run(bk.name, func(t *testing.T) {
			if bk.name == "novel" && testing.Short() {
				t.Skip("SKIP: epubcheck on the novel takes ~15 s; run without -short")
			}
			path := filepath.Join(t.TempDir(), bk.name+".epub")
			if err := os.WriteFile(path, write(t, bk.make(t), Options{}), 0o644); err != nil {
				t.Fatal(err)
			}
			epubcheck(t, cmd, path)
		})
	}
}

// epubcheck runs EPUBCheck with usage checks on path and fails on any error,
// warning or usage note beyond the allowed ones.
func epubcheck(t *testing.T, cmd []string, path string) {
	t.Helper()
	out, err := exec.Command(cmd[0], append(cmd[1:], "-u", path)...).CombinedOutput()
	text := string(out)
	if err != nil || !strings.Contains(text, "No errors or warnings detected") {
		t.Fatalf("epubcheck failed (%v):\n%s", err, text)
	}
	for _, m := range regexp.MustCompile(`(?m)^(\w+)\(([A-Z]+-\d+)\)`).FindAllStringSubmatch(text, -1) {
		if m[1] != "USAGE" || !epubcheckAllowedUsages[m[2]] {
			t.Errorf("epubcheck: %s(%s)\n%s", m[1], m[2], text)
		}
	}
}

// TestLoadedBooks renders what book/load makes of the manuscript and the
// corpus texts (plain text and Markdown with code, tables, links, images and
// a footnote) and checks the text block by block; without -short each book
// also goes through EPUBCheck.
func TestLoadedBooks(t *testing.T) {
	tests := []struct{ name, path string }{
		{"seed", ""},
		{"trpl", "trpl-zh-cn/src"},
		{"copywriting", "zh-copywriting-guide"},
		{"yecao", "luxun-essays/yecao"},
		{"shuihuzhuan", "shuihuzhuan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(testenv.RepoRoot(t), "source")
			if tt.path != "" {
				path = testenv.Corpus(t, tt.path)
			}
			b, _, err := load.Load(path, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			data := write(t, b, Options{})
			_, files := entries(t, data)
			checkText(t, b, files)
			if testing.Short() || tt.name == "shuihuzhuan" {
				return // EPUBCheck takes 15–100 s per book
			}
			cmd := testenv.Epubcheck(t)
			out := filepath.Join(t.TempDir(), tt.name+".epub")
			if err := os.WriteFile(out, data, 0o644); err != nil {
				t.Fatal(err)
			}
			epubcheck(t, cmd, out)
		})
	}
}

// mutoolBenign are warnings MuPDF 1.21 prints for every EPUB: it warns on
// any package version other than "2.0" (epub-doc.c) though it reads EPUB 3,
// and Debian's build has no ICC colour management.
var mutoolBenign = map[string]bool{
	"warning: unknown epub version: 3.0":    true,
	"warning: ICC support is not available": true,
}

// TestMutoolRender renders pages of the seed EPUB with MuPDF, a real reading
// engine: no warnings, and the pages are not blank. MuPDF shows the cover (1),
// the 目录 page (2, it ignores linear="no"), the short introduction (3) and
// the first essay (4).
func TestMutoolRender(t *testing.T) {
	mutool := testenv.Tool(t, "mutool")
	dir := t.TempDir()
	path := filepath.Join(dir, "seed.epub")
	if err := os.WriteFile(path, write(t, seedBook(t), Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page    string
		minDark float64 // share of dark pixels: some text, or a page of prose
	}{
		{"1", 0.002}, {"3", 0.002}, {"4", 0.01},
	}
	for _, tt := range tests {
		pngPath := filepath.Join(dir, "page"+tt.page+".png")
		var stderr bytes.Buffer
		cmd := exec.Command(mutool, "draw", "-r", "60", "-o", pngPath, path, tt.page)
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("mutool draw page %s: %v\n%s", tt.page, err, stderr.String())
		}
		for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
			if line == "" || strings.HasPrefix(line, "page ") || mutoolBenign[line] {
				continue
			}
			t.Errorf("mutool draw page %s warned: %s", tt.page, line)
		}
		data := mustRead(t, pngPath)
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		dark, total := 0, 0
		bounds := img.Bounds()
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				total++
				if (r+g+b)/3 < 0x8000 {
					dark++
				}
			}
		}
		if float64(dark) < tt.minDark*float64(total) {
			t.Errorf("page %s looks blank: %d of %d pixels dark", tt.page, dark, total)
		}
		if keep := os.Getenv("CJKBOOK_KEEP_RENDER"); keep != "" {
			_ = os.WriteFile(filepath.Join(keep, "page"+tt.page+".png"), data, 0o644)
		}
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkWriteNovel packages 红楼梦 (120 chapters, 880k characters); the
// target is under 150 ms on 2 cores.
func BenchmarkWriteNovel(b *testing.B) {
	bk := novelBook(b)
	faces := defaultFaces(b)
	var buf bytes.Buffer
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := Write(&buf, bk, faces, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time is the honest figure on a shared machine: the wall-clock
	// target (150 ms on 2 cores) needs it under about 300 ms.
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// processCPU returns the user+system CPU time of the process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCover: a generated cover when the manuscript has none, the manuscript's
// own picture when it has one; either way the cover image, page, spine
// position, EPUB 2 meta and landmark are in place.
func TestCover(t *testing.T) {
	own := testPNG(t)
	tests := []struct {
		name      string
		cover     string
		wantOwn   bool
		wantImage string
	}{
		{"generated", "", false, "EPUB/images/cover.png"},
		{"own", "img/pic.png", true, "EPUB/images/cover.png"},
		{"not a picture", "img/fake.png", false, "EPUB/images/cover.png"},
		{"missing", "img/none.png", false, "EPUB/images/cover.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := richBook(t)
			b.Images["img/pic.png"] = testimages.Asset("img/pic.png", own)
			b.Meta.Cover = tt.cover
			_, files := entries(t, write(t, b, Options{}))
			img := files[tt.wantImage]
			if img == nil {
				t.Fatalf("no %s", tt.wantImage)
			}
			if got := bytes.Equal(img, own); got != tt.wantOwn {
				t.Errorf("cover is the manuscript's picture: %v, want %v", got, tt.wantOwn)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(img))
			if err != nil {
				t.Fatalf("cover is not a PNG: %v", err)
			}
			if !tt.wantOwn && (cfg.Width < 1000 || cfg.Height < cfg.Width) {
				t.Errorf("generated cover is %d×%d, want a tall image about 1600×2560", cfg.Width, cfg.Height)
			}
			opf := string(files[opfPath])
			m := regexp.MustCompile(`<item id="([^"]+)" href="images/cover.png" media-type="image/png" properties="cover-image"/>`).FindStringSubmatch(opf)
			if m == nil {
				t.Fatalf("no cover-image item in the manifest:\n%s", opf)
			}
			if !strings.Contains(opf, `<meta name="cover" content="`+m[1]+`"/>`) {
				t.Error("no EPUB 2 cover meta")
			}
			if !regexp.MustCompile(`<spine toc="ncx">\s*<itemref idref="cover.xhtml"/>`).MatchString(opf) {
				t.Error("the cover page is not first in the spine")
			}
			page := parseXML(t, "cover.xhtml", files["EPUB/xhtml/cover.xhtml"])
			imgs := page.find(func(n *node) bool { return n.name == "img" })
			if len(imgs) != 1 || imgs[0].attr["src"] != "../images/cover.png" || !strings.Contains(imgs[0].attr["alt"], b.Meta.Title) {
				t.Errorf("cover page image: %+v", imgs)
			}
			if !strings.Contains(string(files[navPath]), `<a epub:type="cover" href="xhtml/cover.xhtml">`) {
				t.Error("no cover landmark")
			}
		})
	}
}
