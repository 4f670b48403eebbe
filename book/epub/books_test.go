package epub

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/internal/testimages"
)

// The books below are built here with small splitters, not with book/load,
// so that this package's tests depend only on the model.

// seedBook splits the user's manuscript the way it is laid out: line 1
// is the title, line 2 repeats it, line 3 is the introduction, then three
// essays each opening with the title line; every other line is a paragraph.
func seedBook(t testing.TB) *book.Book {
	t.Helper()
	path := testenv.Seed(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	title := strings.TrimSpace(lines[0])
	b := &book.Book{Meta: book.Metadata{Title: title, Author: "佚名", Language: "zh-CN", Description: "北京抗疫纪录片观后感三篇。", Source: path}}
	var cur *book.Chapter
	for i, l := range lines[2:] {
		l = strings.TrimSpace(l)
		at := book.Pos{File: path, Line: i + 3}
		switch {
		case i == 0:
			b.Chapters = append(b.Chapters, &book.Chapter{Title: "引言", Kind: book.Front, ID: "intro", At: at,
				Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: l}}, At: at}}})
		case l == title:
			n := len(b.Chapters)
			cur = &book.Chapter{Title: "第" + []string{"一", "二", "三", "四", "五"}[(n-1)%5] + "篇", ID: "ch" + strconv.Itoa(n), At: at}
			b.Chapters = append(b.Chapters, cur)
		case l != "" && cur != nil:
			if cur.Subtitle == "" {
				cur.Subtitle = string([]rune(l)[:12]) + "……"
			}
			cur.Blocks = append(cur.Blocks, &book.Paragraph{Runs: []book.Run{{Text: l}}, At: at})
		}
	}
	return b
}

// testPNG draws a small picture with some structure, as PNG bytes.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for y := 0; y < 80; y++ {
		for x := 0; x < 120; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y * 3), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hostile strings that must come out as plain, escaped text.
var hostile = []string{
	`<script>alert("x")</script>`,
	`&amp;lt;已经转义&amp;gt; &#x3C;script&#x3E; &nbsp;`,
	`]]><!-- --><![CDATA[`,
	"控制字符\x00\x01\x1b与\uFFFE，无效\xff字节",
	`<img src=x onerror="alert(1)">`,
}

// richBook uses every block type, footnotes, an image, links good and bad,
// and hostile text in titles, alt text, cells and code.
func richBook(t testing.TB) *book.Book {
	t.Helper()
	at := func(l int) book.Pos { return book.Pos{File: "rich.md", Line: l} }
	p := func(runs ...book.Run) *book.Paragraph { return &book.Paragraph{Runs: runs, At: at(1)} }
	txt := func(s string) book.Run { return book.Run{Text: s} }
	b := &book.Book{
		Meta: book.Metadata{Title: `丰富 & <测试> "书"`, Subtitle: "副题", Author: "作者 <a>", Language: "zh-CN", Publisher: "出版社&", Date: "2024年3月5日",
			Description: "测试用书。<b>不是标签</b>"},
		Images: testimages.Assets(map[string][]byte{"img/pic.png": testPNG(t), "img/fake.png": []byte("<svg onload='alert(1)'/>"),
			"img/draw.svg": []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n" +
				`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect x="10" y="10" width="100" height="40" fill="#345"/><circle cx="60" cy="30" r="15" fill="#fc0"/></svg>`)}),
	}
	b.Chapters = []*book.Chapter{
		{Title: "第一卷", Subtitle: "卷首", Kind: book.Part, ID: "part1", At: at(1)},
		{Title: "第一章 " + hostile[0], Subtitle: "副标题 & 其他", ID: "ch1", At: at(3),
			Blocks: []book.Block{
				p(txt("正文有"), book.Run{Text: "着重", Style: book.Emphasis}, txt("和"), book.Run{Text: "粗体", Style: book.Strong},
					txt("以及"), book.Run{Text: "code()", Style: book.Code}, txt("。"),
					book.Run{Text: "脚注", Style: book.NoteRef, Href: "n1"}, txt("。")),
				&book.Heading{Level: 2, Runs: []book.Run{txt("第一节 " + hostile[1])}, ID: "sec-1", At: at(5)},
				p(book.Run{Text: "好链接", Style: book.Link, Href: "https://example.com/a?b=1&c=2"}, txt("、"),
					book.Run{Text: "坏链接", Style: book.Link, Href: "javascript:alert(1)"}, txt("、"),
					book.Run{Text: "邮件", Style: book.Link, Href: "mailto:a@example.com"}, txt("、"),
					book.Run{Text: "伪装", Style: book.Link, Href: " JaVaScRiPt:alert(1)"}, txt("、"),
					book.Run{Text: "数据", Style: book.Link, Href: "data:text/html,<script>alert(1)</script>"}, txt("。")),
				&book.Heading{Level: 3, Runs: []book.Run{txt("小节")}, ID: "sec-1-1", At: at(7)},
				&book.Quote{Blocks: []book.Block{p(txt("引文一。")), p(txt(hostile[2]))}, At: at(8)},
				&book.List{Items: [][]book.Block{{p(txt("甲"))}, {p(txt("乙")), &book.List{Ordered: true, Start: 3, Items: [][]book.Block{{p(txt("丙"))}}}}}, At: at(10)},
				&book.CodeBlock{Lang: "go", Text: "func main() {\n\tfmt.Println(\"<&>\")\n}", At: at(12)},
				&book.Image{Src: "img/pic.png", Alt: "一张测试图 " + hostile[4], Title: "图一", At: at(16)},
				&book.Image{Src: "img/fake.png", Alt: "不是图片", At: at(17)},
				&book.Image{Src: "img/draw.svg", Alt: "矢量图", At: at(17)},
				&book.Image{Src: "img/missing.png", Alt: "缺失的图", At: at(18)},
				&book.Break{At: at(19)},
				&book.Table{Header: []book.Cell{{Runs: []book.Run{txt("名称")}}, {Runs: []book.Run{txt("数量")}}},
					Rows:  [][]book.Cell{{{Runs: []book.Run{txt(hostile[3])}}, {Runs: []book.Run{txt("1")}}}},
					Align: []string{"", "right"}, At: at(20)},
				&book.Heading{Level: 2, Runs: []book.Run{txt("第二节")}, ID: "sec-1", At: at(22)},
				p(txt("再次引用"), book.Run{Text: "脚注", Style: book.NoteRef, Href: "n1"}, txt("和"), book.Run{Text: "二", Style: book.NoteRef, Href: "n2"}, txt("。")),
			},
			Notes: []*book.Footnote{
				{ID: "n1", Label: "1", Blocks: []book.Block{p(txt("第一个脚注的内容。"))}, At: at(30)},
				{ID: "n2", Label: "2", Blocks: []book.Block{p(txt("第二个脚注"), book.Run{Text: "粗", Style: book.Strong})}, At: at(31)},
			}},
		{Title: "第二章", ID: "ch1", At: at(40), Blocks: []book.Block{p(txt("同名 ID 的章节必须得到不同的文件名。"))}},
		{Title: "", ID: "../../etc/passwd", At: at(50), Blocks: []book.Block{p(txt("无题的章节。"))}},
		{Title: "后记", Kind: book.Back, ID: "after", At: at(60), Blocks: []book.Block{p(txt("完。"))}},
	}
	return b
}

// novelBook splits 红楼梦 at its 120 chapter headings (`^ ?第…回　`); the
// indented body line that starts with 第四回 is not a heading.
func novelBook(t testing.TB) *book.Book {
	t.Helper()
	path := testenv.Corpus(t, "hongloumeng") + "/hongloumeng.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head := regexp.MustCompile(`^ ?(第[一二三四五六七八九十百零]+回)[　 ]+(.*)$`)
	b := &book.Book{Meta: book.Metadata{Title: "红楼梦", Author: "曹雪芹", Language: "zh-CN", Source: path}}
	var cur *book.Chapter
	for i, l := range strings.Split(string(data), "\n") {
		if m := head.FindStringSubmatch(l); m != nil {
			cur = &book.Chapter{Title: m[1], Subtitle: strings.TrimSpace(m[2]), ID: "hui" + strconv.Itoa(len(b.Chapters)+1), At: book.Pos{File: path, Line: i + 1}}
			b.Chapters = append(b.Chapters, cur)
			continue
		}
		l = strings.TrimSpace(l)
		if l == "" || cur == nil {
			continue
		}
		cur.Blocks = append(cur.Blocks, &book.Paragraph{Runs: []book.Run{{Text: l}}, At: book.Pos{File: path, Line: i + 1}})
	}
	if len(b.Chapters) != 120 {
		t.Fatalf("novel split into %d chapters, want 120", len(b.Chapters))
	}
	return b
}

// seedLikeMeta is a minimal book for option tests.
func seedLikeMeta() *book.Book {
	return &book.Book{Meta: book.Metadata{Title: "书"}, Chapters: []*book.Chapter{{Title: "一"}}}
}
