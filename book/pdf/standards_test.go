package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/pdf/layout"
)

func TestParseStandards(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want Standards
		err  string
	}{
		{nil, Standards{}, ""},
		{[]string{"ua-1"}, Standards{UA1: true}, ""},
		{[]string{"ua-1", "a-2a"}, Standards{UA1: true, APart: 2, AConformance: 'A'}, ""},
		{[]string{"PDF/A-3u"}, Standards{APart: 3, AConformance: 'U'}, ""},
		{[]string{"a-2b", " "}, Standards{APart: 2, AConformance: 'B'}, ""},
		{[]string{"a-2b", "a-3b"}, Standards{}, "one PDF/A level"},
		{[]string{"a-1b"}, Standards{}, "unknown standard"},
		{[]string{"ua-2"}, Standards{}, "unknown standard"},
	} {
		got, err := ParseStandards(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: err = %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q = %+v, %v; want %+v", c.in, got, err, c.want)
		}
		if back, _ := ParseStandards(strings.Split(got.String(), ",")); back != got {
			t.Errorf("%q: String %q does not read back", c.in, got.String())
		}
	}
}

func TestCheckStandards(t *testing.T) {
	d := sampleDoc()
	d.Info.Title = ""
	d.Info.Source = "书/正文.md"
	d.Info.Language = ""
	d.Tree = []layout.Elem{{Role: layout.RoleDocument, Parent: -1}, {Role: layout.RoleFigure, Parent: 0, At: book.Pos{File: "书/正文.md", Line: 7}}}
	if err := Check(d, Standards{}); err != nil {
		t.Errorf("no standards: %v", err)
	}
	err := Check(d, Standards{UA1: true})
	if !errors.Is(err, ErrStandard) || !strings.Contains(err.Error(), "书/正文.md: the book has no title") || !strings.Contains(err.Error(), "书/正文.md:7: an image without alt text") || !strings.Contains(err.Error(), "no language") {
		t.Errorf("ua-1: %v", err)
	}
	// Nothing is written.
	var buf bytes.Buffer
	if err := Write(&buf, d, defaultFaces(t), nil, Options{Standards: Standards{UA1: true}}); err == nil || buf.Len() != 0 {
		t.Errorf("Write: %v, %d bytes", err, buf.Len())
	}
	// PDF/A-2b asks for neither.
	if err := Check(d, Standards{APart: 2, AConformance: 'B'}); err != nil {
		t.Errorf("a-2b: %v", err)
	}
}

func TestXMPPacket(t *testing.T) {
	x := string(xmpPacket(layout.Info{Title: "红楼梦 & <续>", Author: "曹雪芹", Language: "zh-Hant", Creator: "cjkbook"},
		Options{Producer: "cjkbook", Standards: Standards{UA1: true, APart: 2, AConformance: 'A'}}))
	for _, want := range []string{
		`<rdf:li xml:lang="x-default">红楼梦 &amp; &lt;续&gt;</rdf:li><rdf:li xml:lang="zh-Hant">`,
		"<dc:creator><rdf:Seq><rdf:li>曹雪芹</rdf:li>", "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>",
		"<pdfuaid:part>1</pdfuaid:part>", "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", "<pdf:Producer>cjkbook</pdf:Producer>",
	} {
		if !strings.Contains(x, want) {
			t.Errorf("XMP lacks %s:\n%s", want, x)
		}
	}
	if strings.Contains(x, "CreateDate") {
		t.Errorf("a date without SOURCE_DATE_EPOCH")
	}
}

// FuzzStandards checks that ParseStandards never panics and that what it accepts reads
// back from its String, and that the XMP packet of any title is well-formed XML.
func FuzzStandards(f *testing.F) {
	for _, s := range []string{"ua-1,a-2a", "a-3u", "PDF/A-2b", "a-2a,a-3a", "x", "", "标题\x01<&>\"'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseStandards(strings.Split(s, ","))
		if err == nil {
			if back, err := ParseStandards(strings.Split(st.String(), ",")); err != nil || back != st {
				t.Errorf("%q: %+v reads back as %+v, %v", s, st, back, err)
			}
		}
		x := xmpPacket(layout.Info{Title: s, Author: s, Subject: s, Language: s, Creator: s},
			Options{Producer: s, Standards: Standards{UA1: true, APart: 2, AConformance: 'A'}})
		d := xml.NewDecoder(bytes.NewReader(x))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("XMP of %q is not well-formed: %v\n%s", s, err, x)
			}
		}
	})
}
