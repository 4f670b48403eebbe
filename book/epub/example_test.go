package epub_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"

	"cjkbook/book"
	"cjkbook/book/epub"
	"cjkbook/fonts"
)

// ExampleWrite renders a one-chapter book and lists the files of the EPUB.
func ExampleWrite() {
	regular, bold, err := fonts.Default()
	if err != nil {
		log.Fatal(err)
	}
	b := &book.Book{
		Meta: book.Metadata{Title: "春", Author: "朱自清", Language: "zh-CN"},
		Chapters: []*book.Chapter{{Title: "春", ID: "chun", Blocks: []book.Block{
			&book.Paragraph{Runs: []book.Run{{Text: "盼望着，盼望着，东风来了，春天的脚步近了。"}}},
		}}},
	}
	var buf bytes.Buffer
	if err := epub.Write(&buf, b, epub.Faces{Regular: regular, Bold: bold}, epub.Options{}); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// mimetype
	// EPUB/css/book.css
	// EPUB/css/cover.css
	// EPUB/fonts/bold.ttf
	// EPUB/fonts/regular.ttf
	// EPUB/images/cover.png
	// EPUB/nav.xhtml
	// EPUB/package.opf
	// EPUB/toc.ncx
	// EPUB/xhtml/chun.xhtml
	// EPUB/xhtml/cover.xhtml
	// META-INF/com.apple.ibooks.display-options.xml
	// META-INF/container.xml
}
