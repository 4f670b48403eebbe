package load

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/golden"
)

// TestWordGolden loads every testdata/docx/*.docx (made by the tools named in
// testdata/docx/make.sh) and compares the book's Dump, the warnings and the
// counts with NAME.golden beside it (go test -run TestWordGolden -update
// rewrites them).
func TestWordGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "docx", "*.docx"))
	if len(files) == 0 {
		t.Fatal("no testdata/docx/*.docx; run testdata/docx/make.sh")
	}
	g := golden.Open(t, filepath.Join("testdata", "docx"), ".golden")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".docx")
		t.Run(name, func(t *testing.T) {
			g.Check(t, name+".golden", []byte(wordResult(t, file)))
		})
	}
}

// wordResult loads one .docx and describes the result.
func wordResult(t *testing.T, file string) string {
	t.Helper()
	b, st, diags, err := LoadWithStats(file, Options{})
	var sb strings.Builder
	if err != nil {
		fmt.Fprintf(&sb, "error: %v\n", err)
	} else if err := book.Dump(&sb, b); err != nil {
		t.Fatal(err)
	}
	sb.WriteString("\n---- diagnostics\n")
	for _, d := range diags {
		sb.WriteString(d.String() + "\n")
	}
	fmt.Fprintf(&sb, "---- stats\nchapters=%d paragraphs=%d images=%d punct=%d word=%+v\n",
		st.Chapters, st.Paragraphs, st.Images, st.Punct.Total(), st.Word)
	if b != nil {
		keys := make([]string, 0, len(b.Images))
		for k := range b.Images {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&sb, "image %s (%s, %dx%d, %d bytes)\n", k, b.Images[k].MediaType, b.Images[k].Width, b.Images[k].Height, len(b.Images[k].Data))
		}
	}
	return sb.String()
}

// bigDocx writes a Word document of at least size bytes: chapters of
// paragraphs whose runs vary in style, with footnotes, lists and tables, the
// text drawn from a fixed pseudo-random stream of common characters.
func bigDocx(t testing.TB, path string, size int) {
	t.Helper()
	const han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
	rs := []rune(han)
	seed := uint32(1)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	words := func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteRune(rs[next(len(rs))])
			if next(12) == 0 {
				sb.WriteString("，")
			}
		}
		sb.WriteString("。")
		return sb.String()
	}
	var doc, notes strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	notes.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	var buf bytes.Buffer
	for ch, note := 1, 1; ; ch++ {
		fmt.Fprintf(&doc, `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>第%d章</w:t></w:r></w:p>`, ch)
		for p := 0; p < 40; p++ {
			fmt.Fprintf(&doc, `<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:r><w:t>%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r><w:r><w:rPr><w:em w:val="dot"/></w:rPr><w:t>%s</w:t></w:r>`, words(40), words(6), words(4))
			if p%10 == 0 {
				fmt.Fprintf(&doc, `<w:r><w:footnoteReference w:id="%d"/></w:r>`, note)
				fmt.Fprintf(&notes, `<w:footnote w:id="%d"><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:footnote>`, note, words(20))
				note++
			}
			doc.WriteString(`</w:p>`)
			if p%13 == 0 {
				fmt.Fprintf(&doc, `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, words(10))
				fmt.Fprintf(&doc, `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, words(3), words(5))
			}
		}
		if doc.Len() > 7*size/2 {
			break
		}
	}
	doc.WriteString(`<w:sectPr/></w:body></w:document>`)
	notes.WriteString(`</w:footnotes>`)
	rels := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`
	numbering := `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	top := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	zw := zip.NewWriter(&buf)
	for _, m := range [][2]string{{"_rels/.rels", top}, {"word/document.xml", doc.String()}, {"word/_rels/document.xml.rels", rels},
		{"word/footnotes.xml", notes.String()}, {"word/numbering.xml", numbering}} {
		w, err := zw.Create(m[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(m[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < size {
		t.Fatalf("made only %d bytes", buf.Len())
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLoadDocx loads a 1 MB Word document (target: under 300 ms).
func BenchmarkLoadDocx(b *testing.B) {
	p := filepath.Join(b.TempDir(), "big.docx")
	bigDocx(b, p, 1<<20)
	b.ReportAllocs()
	for b.Loop() {
		bk, _, err := Load(p, Options{})
		if err != nil || len(bk.Chapters) < 10 {
			b.Fatal(err)
		}
	}
}

// FuzzLoadDocx runs the loader's Word path (reader, then links, notes, pictures
// and normalisation) on arbitrary body XML: no panic, and every note in the
// book is referenced from its chapter.
func FuzzLoadDocx(f *testing.F) {
	for _, s := range []string{
		`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>题</w:t><w:footnoteReference w:id="1"/></w:r></w:p><w:p><w:r><w:t>正文,"引号"...</w:t></w:r></w:p>`,
		`<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:footnoteReference w:id="1"/><w:t>章</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
		`<w:p><w:hyperlink r:id="rId9"><w:r><w:t>链</w:t></w:r></w:hyperlink><w:r><w:drawing><wp:inline><wp:docPr descr="图"/><a:blip r:embed="rId8"/></wp:inline></w:drawing></w:r></w:p>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		doc := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>` + body + `</w:body></w:document>`
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, m := range [][2]string{
			{"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
			{"word/document.xml", doc},
			{"word/_rels/document.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/a.png"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:x" TargetMode="External"/></Relationships>`},
			{"word/footnotes.xml", `<?xml version="1.0"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>注</w:t></w:r></w:p></w:footnote></w:footnotes>`},
			{"word/media/a.png", "not a png"},
		} {
			w, err := zw.Create(m[0])
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte(m[1])); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		l := newLoader(Options{})
		cs, err := l.parseWord(srcFile{name: "f.docx", path: "f.docx"}, buf.Bytes(), true)
		if err != nil {
			return
		}
		for _, c := range cs {
			refs := map[string]bool{}
			c.Walk(func(bl book.Block) bool {
				var runs []book.Run
				switch bl := bl.(type) {
				case *book.Paragraph:
					runs = bl.Runs
				case *book.Heading:
					runs = bl.Runs
				case *book.Table:
					for _, row := range append([][]book.Cell{bl.Header}, bl.Rows...) {
						for _, cell := range row {
							runs = append(runs, cell.Runs...)
						}
					}
				default: // the Word reader puts note references in no other block
				}
				for _, r := range runs {
					if r.Style&book.NoteRef != 0 {
						refs[r.Href] = true
					}
				}
				return true
			})
			for _, n := range c.Notes {
				if !refs[n.ID] && !strings.Contains(c.Title, n.Label) {
					t.Errorf("note %s of chapter %q is referenced from nowhere in it", n.ID, c.Title)
				}
			}
		}
	})
}
