package layout

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/golden"
	"cjkbook/book/internal/testimages"
)

// featureBook holds one of every block and inline style the layout handles.
func featureBook(t testing.TB) *book.Book {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 400, 200))
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 251)
	}
	img.Set(0, 0, color.Black)
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	p := func(s string) *book.Paragraph { return &book.Paragraph{Runs: []book.Run{{Text: s}}} }
	return &book.Book{
		Meta: book.Metadata{Title: "排版样书", Subtitle: "各种块", Author: "测试者", Language: "zh-CN"},
		Images: testimages.Assets(map[string][]byte{
			"img/a.png": pngData.Bytes(),
			"img/b.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`),
		}),
		Chapters: []*book.Chapter{
			{Title: "序", Kind: book.Front, ID: "pre", Blocks: []book.Block{p("这是一篇序言，说明本书的来历。")}},
			{Title: "第一部", Kind: book.Part, ID: "part1"},
			{Title: "第一章", Subtitle: "开端", ID: "ch1", Blocks: []book.Block{
				p("他说：“我们明天去北京。”她笑了笑，说：“好啊，可是天气预报说明天有雨——大概是40%的概率……”"),
				&book.Heading{Level: 2, ID: "s1", Runs: []book.Run{{Text: "第一节"}}},
				&book.Paragraph{Runs: []book.Run{
					{Text: "强调"}, {Text: "着重号", Style: book.Emphasis}, {Text: "和"}, {Text: "粗体", Style: book.Strong},
					{Text: "，还有"}, {Text: "链接", Style: book.Link, Href: "https://example.com/"}, {Text: "与脚注"},
					{Text: "1", Style: book.NoteRef, Href: "fn1"}, {Text: "。Rust 1.80 版本发布于2024年。"},
				}},
				&book.Heading{Level: 3, ID: "s1a", Runs: []book.Run{{Text: "小节"}}},
				&book.Quote{Blocks: []book.Block{p("引文缩进两字，仍然两端对齐，直到最后一行。引文缩进两字，仍然两端对齐。")}},
				&book.List{Items: [][]book.Block{{p("第一项")}, {p("第二项，较长的一项，需要折行才能放下全部的文字内容。")}}},
				&book.List{Ordered: true, Start: 1, Items: [][]book.Block{{p("甲")}, {p("乙")}}},
				&book.CodeBlock{Lang: "rust", Text: "fn main() {\n    println!(\"你好，世界\"); // a very long comment line that must wrap somewhere\n}\n"},
				&book.Table{Header: []book.Cell{{Runs: []book.Run{{Text: "类型"}}}, {Runs: []book.Run{{Text: "说明"}}}},
					Rows: [][]book.Cell{{{Runs: []book.Run{{Text: "i32"}}}, {Runs: []book.Run{{Text: "有符号整数"}}}}}},
				&book.Break{},
				&book.Image{Src: "img/a.png", Alt: "一张图"},
				&book.Image{Src: "img/b.svg", Alt: "矢量图"},
			}, Notes: []*book.Footnote{{ID: "fn1", Label: "1", Blocks: []book.Block{p("脚注的内容。")}}}},
			{Title: "后记", Kind: book.Back, ID: "back", Blocks: []book.Block{p("完。")}},
		},
	}
}

// TestGoldenFeatures lays out the feature book with the fake metrics on a small page
// and compares the dump with testdata/features.layout (go test -update rewrites it).
func TestGoldenFeatures(t *testing.T) {
	o := DefaultOptions()
	o.Width, o.Height, _ = PageSize("100x150mm")
	o.Margins = Margins{Top: MM(12), Bottom: MM(12), Inner: MM(10), Outer: MM(10)}
	o.ChaptersOnOdd = true
	d, err := Layout(featureBook(t), []Metrics{FakeMetrics{}, FakeMetrics{}}, o)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := d.Dump(&got); err != nil {
		t.Fatal(err)
	}
	golden.Open(t, "testdata", ".layout").Check(t, "features.layout", got.Bytes())
	// What the golden file must show, checked by assertion so a careless -update is caught.
	for _, want := range []string{`picture `, `src="img/a.png"`, `"矢量图"`, `dot `, `link `, `url="https://example.com/"`,
		`rule `, `fill `, `face=1`, `"•"`, `"1."`, `"＊\u3000＊\u3000＊"`, `outline "第一部"`, `outline   "第一章\u3000开端"`, `outline     "第一节"`} {
		if !strings.Contains(got.String(), want) {
			t.Errorf("dump lacks %s", want)
		}
	}
}
