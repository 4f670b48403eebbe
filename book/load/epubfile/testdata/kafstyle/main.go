// Command kafstyle writes an EPUB the way kaf-cli does (kaf-cli's module is not
// served to this project, so its converter is followed by hand): the library
// kaf-cli writes with (go-shiori/go-epub), its markup (an h3.title per chapter,
// one p.content per line of the text, indents trimmed, a CSS text-indent), and
// volumes (卷) as sections whose chapters are subsections.
//
// Usage: go run ./book/load/epubfile/testdata/kafstyle SRC.txt OUT.epub
package main

import (
	"fmt"
	"html"
	"os"
	"strings"

	epub "github.com/go-shiori/go-epub"
)

const css = `.title { text-align: center; } .content { text-indent: 2em; margin: 0; }`

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: kafstyle SRC.txt OUT.epub")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	lines := strings.Split(string(data), "\n")
	e, err := epub.NewEpub(strings.TrimSpace(lines[0]))
	if err != nil {
		fail(err)
	}
	e.SetAuthor(strings.TrimPrefix(strings.TrimSpace(lines[1]), "作者："))
	e.SetLang("zh")
	e.SetIdentifier("urn:uuid:5b1f7a10-0c7e-4a55-9f0e-6b3c2d1e0f42")
	cssFile, err := os.CreateTemp("", "kafstyle-*.css")
	if err != nil {
		fail(err)
	}
	defer os.Remove(cssFile.Name())
	if _, err := cssFile.WriteString(css); err != nil {
		fail(err)
	}
	if err := cssFile.Close(); err != nil {
		fail(err)
	}
	cssPath, err := e.AddCSS(cssFile.Name(), "main.css")
	if err != nil {
		fail(err)
	}
	var volume, title string
	var body strings.Builder
	n := 0
	flush := func() {
		if title == "" {
			return
		}
		n++
		content := `<h3 class="title">` + html.EscapeString(title) + "</h3>\n" + body.String()
		name := fmt.Sprintf("section%04d.xhtml", n)
		if volume != "" && title != volume {
			_, err = e.AddSubSection(volume, content, title, name, cssPath)
		} else {
			_, err = e.AddSection(content, title, name, cssPath)
			if title == volume {
				volume = name
			}
		}
		if err != nil {
			fail(err)
		}
		body.Reset()
	}
	for _, ln := range lines[2:] {
		t := strings.Trim(ln, " \t\u3000")
		switch {
		case t == "":
		case strings.HasPrefix(t, "第") && strings.Contains(t, "卷"):
			flush()
			title, volume = t, t
		case strings.HasPrefix(t, "第") && strings.Contains(t, "章"):
			flush()
			title = t
		default:
			body.WriteString(`<p class="content">` + html.EscapeString(t) + "</p>\n")
		}
	}
	flush()
	if err := e.Write(os.Args[2]); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kafstyle:", err)
	os.Exit(1)
}
