package pdf

import (
	_ "embed"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"cjkbook/book/pdf/layout"
)

// Standards are the conformance levels a PDF claims in its XMP metadata and is checked
// against before it is written. Every PDF is tagged; the standards add what PDF/UA-1
// (ISO 14289-1) and PDF/A-2 or -3 (ISO 19005-2/3) ask for on top: the XMP packet, an
// sRGB output intent, /DisplayDocTitle, and the checks of Check.
type Standards struct {
	// UA1 claims PDF/UA-1: a title, alt text on every figure.
	UA1 bool
	// APart is the PDF/A part (2 or 3), 0 for none.
	APart int
	// AConformance is the PDF/A conformance level: 'A' (accessible: tagged, Unicode),
	// 'B' (basic: the look) or 'U' (Unicode text); 0 with APart 0.
	AConformance byte
}

// Any reports whether some standard is requested.
func (s Standards) Any() bool { return s.UA1 || s.APart != 0 }

// String lists the standards as ParseStandards reads them ("ua-1,a-2a").
func (s Standards) String() string {
	var names []string
	if s.UA1 {
		names = append(names, "ua-1")
	}
	if s.APart != 0 {
		names = append(names, fmt.Sprintf("a-%d%c", s.APart, s.AConformance+'a'-'A'))
	}
	return strings.Join(names, ",")
}

// StandardNames are the names ParseStandards accepts.
var StandardNames = []string{"ua-1", "a-2a", "a-2b", "a-2u", "a-3a", "a-3b", "a-3u"}

// ParseStandards reads a list of standard names (ua-1, a-2a, a-2b, a-2u, a-3a, a-3b,
// a-3u; case and a "pdf/" prefix ignored): at most one PDF/A level, with or
// without ua-1.
func ParseStandards(names []string) (Standards, error) {
	var s Standards
	for _, n := range names {
		k := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(n)), "pdf/")
		switch {
		case k == "":
			continue
		case k == "ua-1":
			s.UA1 = true
		case len(k) == 4 && k[:2] == "a-" && (k[2] == '2' || k[2] == '3') && strings.IndexByte("abu", k[3]) >= 0:
			if s.APart != 0 {
				return Standards{}, fmt.Errorf("pdf standards: %s and a-%d%c: a PDF claims one PDF/A level", k, s.APart, s.AConformance+'a'-'A')
			}
			s.APart, s.AConformance = int(k[2]-'0'), k[3]-'a'+'A'
		default:
			return Standards{}, fmt.Errorf("pdf standards: unknown standard %q (use %s)", n, strings.Join(StandardNames, ", "))
		}
	}
	return s, nil
}

// ErrStandard is wrapped by every error about what a requested standard forbids.
var ErrStandard = errors.New("pdf: not allowed by the requested standard")

// Check returns what the requested standards forbid in d, every problem at once, each
// naming the manuscript file (and line) to fix; nil when nothing is requested. Write
// calls it before drawing, the build before it writes either book. PDF/UA-1 and the
// PDF/A a levels need a title and alt text on every image, PDF/UA-1 a language too.
func Check(d *layout.Document, s Standards) error {
	if !s.Any() || d == nil {
		return nil
	}
	var errs []error
	where := d.Info.Source
	if where == "" {
		where = "book.toml"
	}
	if d.Info.Title == "" && (s.UA1 || s.AConformance == 'A') {
		errs = append(errs, fmt.Errorf("%w: %s: the book has no title, which %s needs (set title = \"…\" in book.toml)", ErrStandard, where, s))
	}
	if d.Info.Language == "" && s.UA1 {
		errs = append(errs, fmt.Errorf("%w: %s: the book has no language, which %s needs (set language = \"zh-CN\" in book.toml)", ErrStandard, where, s))
	}
	if s.UA1 || s.AConformance == 'A' {
		for _, e := range d.Tree {
			if e.Role == layout.RoleFigure && strings.TrimSpace(e.Alt) == "" {
				errs = append(errs, fmt.Errorf("%w: %s: an image without alt text, which %s needs (write ![what it shows](…))", ErrStandard, e.At, s))
			}
		}
	}
	return errors.Join(errs...)
}

// xmlText escapes s for XML character data and attributes, leaving out what XML 1.0
// cannot hold (control characters, invalid UTF-8, U+FFFE/U+FFFF).
func xmlText(s string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20 || r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r < 0xE000:
			return -1
		}
		return r
	}, s)
	return html.EscapeString(clean)
}

//go:embed icc/sRGB.icc
var srgbICC []byte

// srgbCondition names the output condition of srgbICC.
const srgbCondition = "sRGB IEC61966-2.1"

// applyStandards adds the XMP metadata, the output intent and /DisplayDocTitle.
func (dr *drawer) applyStandards(opts Options) {
	s := opts.Standards
	if !s.Any() {
		return
	}
	dr.pdf.SetDisplayDocTitle(true)
	dr.pdf.SetXMPMetadata(xmpPacket(dr.doc.Info, opts))
	if s.APart != 0 {
		dr.pdf.AddOutputIntent(srgbICC, 3, srgbCondition)
	}
}

// xmpPacket returns the XMP metadata of a document: the same title, author, subject,
// creator tool, producer and date as the information dictionary, and the standards'
// identification (with the extension schema PDF/A asks for pdfuaid).
func xmpPacket(in layout.Info, opts Options) []byte {
	s := opts.Standards
	esc := xmlText
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"")
	if s.APart != 0 {
		b.WriteString(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
	}
	if s.UA1 {
		b.WriteString(" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"")
	}
	b.WriteString(">\n<dc:format>application/pdf</dc:format>\n")
	alt := func(tag, v string) {
		if v == "" {
			return
		}
		fmt.Fprintf(&b, "<dc:%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>", tag, esc(v))
		if in.Language != "" {
			fmt.Fprintf(&b, "<rdf:li xml:lang=\"%s\">%s</rdf:li>", esc(in.Language), esc(v))
		}
		fmt.Fprintf(&b, "</rdf:Alt></dc:%s>\n", tag)
	}
	alt("title", in.Title)
	if in.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(in.Author))
	}
	alt("description", in.Subject)
	if in.Language != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(in.Language))
	}
	if in.Creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(in.Creator))
	}
	if !opts.CreationDate.IsZero() {
		t := opts.CreationDate.Format(time.RFC3339)
		fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", t, t, t)
	}
	if opts.Producer != "" {
		fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(opts.Producer))
	}
	if s.APart != 0 {
		fmt.Fprintf(&b, "<pdfaid:part>%d</pdfaid:part>\n<pdfaid:conformance>%c</pdfaid:conformance>\n", s.APart, s.AConformance)
	}
	if s.UA1 {
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	}
	b.WriteString("</rdf:Description>\n")
	if s.APart != 0 && s.UA1 {
		// PDF/A accepts only the schemas it predefines or describes in an extension.
		b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`)
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}
