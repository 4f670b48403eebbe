package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// docxOf zips parts into a .docx; document.xml is given as its body's content.
func docxOf(t testing.TB, body string, extra map[string]string) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range extra {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		writeMember(t, zw, name, parts[name])
		delete(parts, name)
	}
	for name, data := range parts {
		if data == "\x00" {
			continue // deleted part
		}
		writeMember(t, zw, name, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeMember(t testing.TB, zw *zip.Writer, name, data string) {
	t.Helper()
	if data == "\x00" {
		return
	}
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
}

// lyingZip holds one member whose header claims fewer bytes than it inflates
// to (archive/zip checks the sizes as it reads).
func lyingZip(t *testing.T, name string, size int) []byte {
	t.Helper()
	var raw bytes.Buffer
	zw := zip.NewWriter(&raw)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(bytes.Repeat([]byte("<"), size)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := raw.Bytes()
	// Shrink the sizes the central directory records (uncompressed size at offset 24).
	cd := bytes.LastIndex(data, []byte("PK\x01\x02"))
	copy(data[cd+24:], []byte{1, 0, 0, 0})
	return data
}

func TestRefused(t *testing.T) {
	ole := append(append([]byte{}, oleMagic...), make([]byte, 600)...)
	enc := append(append([]byte{}, ole...), utf16le("EncryptedPackage")...)
	good := docxOf(t, `<w:p><w:r><w:t>正文</w:t></w:r></w:p>`, nil)
	many := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := 0; i <= maxMembers; i++ {
			writeMember(t, zw, fmt.Sprintf("m%d", i), "")
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	big := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for range maxXMLPart>>20 + 1 {
			if _, err := w.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"legacy .doc", ole, "save it as .docx"},
		{"encrypted .docx", enc, "remove the password"},
		{"not a zip", []byte("这不是压缩包"), "not a zip archive"},
		{"truncated", good[:len(good)/2], "not a zip archive"},
		{"no document", docxOf(t, "", map[string]string{"word/document.xml": "\x00"}), "has no word/document.xml"},
		{"odt renamed", docxOf(t, "", map[string]string{"word/document.xml": "\x00", "content.xml": "<x/>"}), "OpenDocument"},
		{"too many members", many, "members"},
		{"zip bomb", big, "zip bomb"},
		{"lying header", lyingZip(t, "word/document.xml", 1000), "corrupt"},
		{"DTD", docxOf(t, "", map[string]string{"word/document.xml": `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ` + wordNS + `><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`}), "DTD"},
		{"undefined entity", docxOf(t, `<w:p><w:r><w:t>&x;</w:t></w:r></w:p>`, nil), "invalid character entity"},
		{"broken XML", docxOf(t, `<w:p><w:r><w:t>正文</w:r></w:p>`, nil), "word/document.xml: line 1"},
		{"not WordprocessingML", docxOf(t, "", map[string]string{"word/document.xml": `<html/>`}), "not a WordprocessingML document"},
		{"too deep", docxOf(t, strings.Repeat("<w:sdt>", maxDepth+1)+strings.Repeat("</w:sdt>", maxDepth+1), nil), "nested more than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Read(c.data, "a.docx")
			if err == nil {
				t.Fatalf("read succeeded (%d blocks); want an error containing %q", len(d.Blocks), c.want)
			}
			if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "<nil>") {
				t.Errorf("error = %v; want ErrRefused containing %q", err, c.want)
			}
		})
	}
}

// TestHeadingStyles checks the ways a style makes a heading: built-in and
// localized names, an outline level of its own or through basedOn, and a
// paragraph's own outline level; a basedOn cycle ends.
func TestHeadingStyles(t *testing.T) {
	styles := `<?xml version="1.0"?><w:styles ` + wordNS + `>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="a2"><w:name w:val="标题 2"/></w:style>
<w:style w:type="paragraph" w:styleId="own"><w:name w:val="章节"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="child"><w:name w:val="子样式"/><w:basedOn w:val="own"/></w:style>
<w:style w:type="paragraph" w:styleId="body"><w:name w:val="正文缩进"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="c1"><w:name w:val="环一"/><w:basedOn w:val="c2"/></w:style>
<w:style w:type="paragraph" w:styleId="c2"><w:name w:val="环二"/><w:basedOn w:val="c1"/></w:style>
</w:styles>`
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
	para := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := para("1", "一级") + para("a2", "二级") + para("own", "三级") + para("child", "继承三级") + para("body", "正文") +
		para("c1", "环") + `<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>直接二级</w:t></w:r></w:p>`
	d, err := Read(docxOf(t, body, map[string]string{"word/styles.xml": styles, "word/_rels/document.xml.rels": rels}), "h.docx")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		lvl := 0
		if h, ok := b.(*book.Heading); ok {
			lvl = h.Level
		}
		got = append(got, fmt.Sprintf("%s=%d", book.Text(b), lvl))
	}
	if want := "一级=1 二级=2 三级=3 继承三级=3 正文=0 环=0 直接二级=2"; strings.Join(got, " ") != want {
		t.Errorf("levels = %s; want %s", strings.Join(got, " "), want)
	}
}

// FuzzRead feeds arbitrary archives to Read: it must return a document or an
// error, within the archive limits, and never panic.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "docx", "*.docx"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add(docxOf(f, `<w:p><w:r><w:t>正文</w:t></w:r></w:p>`, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(data, "f.docx")
		if err == nil && d == nil {
			t.Fatal("no document and no error")
		}
	})
}

// FuzzDocumentXML puts arbitrary text in word/document.xml of a valid archive,
// which reaches the converter far more often than mutated zip bytes.
func FuzzDocumentXML(f *testing.F) {
	for _, s := range []string{
		`<w:p><w:r><w:t>正文</w:t></w:r></w:p>`,
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="3"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>项</w:t></w:r></w:p>`,
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>目录</w:t></w:r></w:p>`,
		`<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`,
		`<w:p><w:r><w:footnoteReference w:id="1"/><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r></w:p>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		data := docxOf(t, body, nil)
		if _, err := Read(data, "f.docx"); err != nil && !errors.Is(err, ErrRefused) {
			t.Fatalf("error without ErrRefused: %v", err)
		}
	})
}

// TestHeadingNumbers checks the numbers Word shows before numbered headings: a
// multilevel list linked to the heading styles (第一章, 1.1), counted on across
// the document, deeper levels restarting.
func TestHeadingNumbers(t *testing.T) {
	styles := `<?xml version="1.0"?><w:styles ` + wordNS + `>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
</w:styles>`
	numbering := `<?xml version="1.0"?><w:numbering ` + wordNS + `>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/><w:pStyle w:val="H1"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:pStyle w:val="H2"/><w:isLgl/><w:suff w:val="space"/></w:lvl></w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="n" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`
	para := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := para("H1", "槐花") + para("H2", "摘") + para("H2", "蒸") + para("H1", "落叶") + para("H2", "扫")
	d, err := Read(docxOf(t, body, map[string]string{"word/styles.xml": styles, "word/numbering.xml": numbering, "word/_rels/document.xml.rels": rels}), "n.docx")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, book.Text(b))
	}
	if want := "第一章\u3000槐花|1.1 摘|1.2 蒸|第二章\u3000落叶|2.1 扫"; strings.Join(got, "|") != want {
		t.Errorf("headings = %q; want %q", strings.Join(got, "|"), want)
	}
}
