package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// SVG pictures can carry script, event handlers, links and embedded HTML.
// They are embedded only when they are plain drawings: well-formed XML with
// an <svg> root in the SVG namespace, no element or attribute that can act,
// no entity declarations, and links only to fragments of the picture itself.
// The one change made to an accepted picture is removing its DOCTYPE, whose
// external identifier EPUB 3 content must not carry.

const svgNS = "http://www.w3.org/2000/svg"

// svgActive are the SVG elements that run code, animate attributes (which
// can turn a link into javascript:), or embed other documents.
var svgActive = map[string]bool{
	"script": true, "foreignobject": true, "handler": true, "listener": true,
	"set": true, "animate": true, "animatemotion": true, "animatetransform": true, "animatecolor": true,
	"iframe": true, "embed": true, "object": true, "audio": true, "video": true, "discard": true,
}

var errUnsafeSVG = errors.New("epub: SVG picture is not a plain drawing")

// cleanSVG returns the picture without its DOCTYPE when it is a plain
// drawing, and errUnsafeSVG otherwise.
func cleanSVG(data []byte) ([]byte, error) {
	if len(data) > 16<<20 {
		return nil, errUnsafeSVG
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var cut [][2]int64 // byte ranges to drop: the DOCTYPE
	depth, roots := 0, 0
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errUnsafeSVG
		}
		switch tok := tok.(type) {
		case xml.Directive:
			dir := string(tok)
			if depth > 0 || !strings.HasPrefix(dir, "DOCTYPE") || strings.ContainsAny(dir, "[<") {
				return nil, errUnsafeSVG // entity declarations or markup in the DTD
			}
			cut = append(cut, [2]int64{start, d.InputOffset()})
		case xml.ProcInst:
			if tok.Target != "xml" {
				return nil, errUnsafeSVG // e.g. xml-stylesheet
			}
		case xml.StartElement:
			name := strings.ToLower(tok.Name.Local)
			if depth == 0 {
				roots++
				if name != "svg" || tok.Name.Space != svgNS || roots > 1 {
					return nil, errUnsafeSVG
				}
			}
			if svgActive[name] || (tok.Name.Space != svgNS && tok.Name.Space != "") {
				return nil, errUnsafeSVG
			}
			for _, a := range tok.Attr {
				if !safeSVGAttr(a) {
					return nil, errUnsafeSVG
				}
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth > 0 && unsafeCSS(string(tok)) {
				return nil, errUnsafeSVG // a <style> importing or fetching something
			}
		}
	}
	if roots != 1 {
		return nil, errUnsafeSVG
	}
	out := make([]byte, 0, len(data))
	last := int64(0)
	for _, c := range cut {
		out = append(out, data[last:c[0]]...)
		last = c[1]
	}
	return append(out, data[last:]...), nil
}

// safeSVGAttr rejects event handlers, links leaving the picture and values
// that smuggle script or external resources.
func safeSVGAttr(a xml.Attr) bool {
	name := strings.ToLower(a.Name.Local)
	val := strings.ToLower(strings.Join(strings.Fields(a.Value), ""))
	switch {
	case strings.HasPrefix(name, "on"):
		return false
	case name == "href" || name == "src":
		return strings.HasPrefix(a.Value, "#")
	case a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns"):
		return true
	case strings.Contains(val, "javascript:") || strings.Contains(val, "vbscript:") || strings.Contains(val, "data:"):
		return false
	}
	return !unsafeCSS(a.Value)
}

// unsafeCSS reports CSS that imports or fetches anything but a fragment of
// the picture itself.
func unsafeCSS(s string) bool {
	low := strings.ToLower(s)
	if strings.Contains(low, "@import") || strings.Contains(low, "expression(") {
		return true
	}
	for i := strings.Index(low, "url("); i >= 0; i = strings.Index(low, "url(") {
		rest := strings.TrimLeft(low[i+4:], " \t\n\r'\"")
		if !strings.HasPrefix(rest, "#") {
			return true
		}
		low = low[i+4:]
	}
	return false
}
