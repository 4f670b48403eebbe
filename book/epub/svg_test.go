package epub

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/internal/testenv"
	"cjkbook/book/svg"
)

func TestCleanSVG(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	const doctype = `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">`
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"plain", head + `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5" fill="#f00"/></svg>`, true},
		{"doctype dropped", head + doctype + `<svg xmlns="http://www.w3.org/2000/svg"><text>字</text></svg>`, true},
		{"internal link", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><g id="a"/></defs><use xlink:href="#a"/></svg>`, true},
		{"fragment url", `<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#grad)"/></svg>`, true},
		{"script", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, false},
		{"SCRIPT", `<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>`, false},
		{"onload", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, false},
		{"external link", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>`, false},
		{"image from the web", `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>`, false},
		{"foreignObject", `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`, false},
		{"animate to javascript", `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`, false},
		{"entity", `<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`, false},
		{"css import", `<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x/y.css);</style></svg>`, false},
		{"css remote url", `<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x/y)"/></svg>`, false},
		{"stylesheet PI", `<?xml-stylesheet href="x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>`, false},
		{"not svg root", `<html xmlns="http://www.w3.org/1999/xhtml"><svg xmlns="http://www.w3.org/2000/svg"/></html>`, false},
		{"no namespace", `<svg><rect/></svg>`, false},
		{"malformed", `<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>`, false},
	}
	for _, tt := range tests {
		out, err := cleanSVG([]byte(tt.in))
		if (err == nil) != tt.ok {
			t.Errorf("%s: accepted=%v, want %v", tt.name, err == nil, tt.ok)
			continue
		}
		if err == nil && bytes.Contains(out, []byte("<!DOCTYPE")) {
			t.Errorf("%s: DOCTYPE kept", tt.name)
		}
	}
}

// TestCleanSVGCorpus: the graphviz drawings of the Rust book are plain and
// are accepted.
func TestCleanSVGCorpus(t *testing.T) {
	dir := testenv.Corpus(t, "trpl-zh-cn/src/img")
	files, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !svg.Sniff(data) {
			t.Errorf("%s not sniffed as SVG", f)
		}
		out, err := cleanSVG(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if !strings.Contains(string(out), "<svg") {
			t.Errorf("%s: drawing lost", f)
		}
	}
}
