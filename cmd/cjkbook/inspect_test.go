package main

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"cjkbook/book"
)

// modelDecls reads the book package's source and returns the names of its block types
// (those with a block method) and of its Style constants.
func modelDecls(t *testing.T) (blocks, styles []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "book", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("book package source not found: %v", err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.Name != "block" || d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				if star, ok := d.Recv.List[0].Type.(*ast.StarExpr); ok {
					if id, ok := star.X.(*ast.Ident); ok {
						blocks = append(blocks, id.Name)
					}
				}
			case *ast.GenDecl:
				if d.Tok != token.CONST {
					continue
				}
				typ := ""
				for _, s := range d.Specs {
					vs := s.(*ast.ValueSpec)
					if vs.Type != nil {
						typ = ""
						if id, ok := vs.Type.(*ast.Ident); ok {
							typ = id.Name
						}
					} else if len(vs.Values) > 0 {
						typ = ""
					}
					if typ == "Style" {
						for _, n := range vs.Names {
							styles = append(styles, n.Name)
						}
					}
				}
			}
		}
	}
	return blocks, styles
}

var at = book.Pos{File: "a.md", Line: 3}

// sampleRuns has a run of every style, and an inline picture.
var sampleRuns = []book.Run{
	{Text: "着重", Style: book.Emphasis}, {Text: "粗", Style: book.Strong}, {Text: "x", Style: book.Code},
	{Text: "链接", Style: book.Link, Href: "https://example.org/"}, {Text: "1", Style: book.NoteRef, Href: "fn1"},
	{Image: &book.Image{Src: "icon.png", Alt: "图标", Title: "t", Width: 0.1, At: at}},
	{Text: "银行", Ruby: []string{"yín", "háng"}},
}

// sampleBlocks holds one block of each model kind with every field set.
var sampleBlocks = map[string]book.Block{
	"Paragraph": &book.Paragraph{Runs: sampleRuns, At: at},
	"Heading":   &book.Heading{Level: 2, Runs: sampleRuns[:1], ID: "s1", At: at},
	"Quote":     &book.Quote{Blocks: []book.Block{&book.Paragraph{Runs: sampleRuns[:1]}}, At: at},
	"List":      &book.List{Ordered: true, Start: 3, Items: [][]book.Block{{&book.Paragraph{Runs: []book.Run{{Text: "列表项"}}}}}, At: at},
	"CodeBlock": &book.CodeBlock{Lang: "go", Text: "fmt.Println()", At: at},
	"Image":     &book.Image{Src: "img/a.png", Alt: "示意图", Title: "图一", Width: 0.5, At: at},
	"Table": &book.Table{Header: []book.Cell{{Runs: []book.Run{{Text: "名称"}}}},
		Rows: [][]book.Cell{{{Runs: []book.Run{{Text: "单元格"}}}}}, Align: []string{"left"}, At: at},
	"Break": &book.Break{At: at},
}

// TestModelJSONCoversModel fails when the model has a block kind, a block field or a style
// that inspect --json does not show: the sample must hold every kind with every field set.
func TestModelJSONCoversModel(t *testing.T) {
	blocks, styles := modelDecls(t)
	if len(blocks) == 0 || len(styles) == 0 {
		t.Fatalf("found blocks %v and styles %v in the book package", blocks, styles)
	}
	for _, name := range blocks {
		bl, ok := sampleBlocks[name]
		if !ok {
			t.Errorf("model block %s has no sample here: add one with every field set", name)
			continue
		}
		data, err := marshal(modelValue(bl))
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		if got["kind"] != bl.Kind() {
			t.Errorf("%s: kind %v, want %q", name, got["kind"], bl.Kind())
		}
		v := reflect.ValueOf(bl).Elem()
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			key := snake(sf.Name)
			if sf.Type == posType {
				key = "line"
			}
			if v.Field(i).IsZero() {
				t.Errorf("%s.%s is zero in the sample: set it, so that the test sees it shown", name, sf.Name)
			} else if _, ok := got[key]; !ok {
				t.Errorf("%s.%s is not in the JSON %s", name, sf.Name, data)
			}
		}
	}
	var named []string
	for _, b := range styleBits {
		named = append(named, b.name)
	}
	for _, s := range styles {
		if !slices.Contains(named, strings.ToLower(s)) {
			t.Errorf("style %s has no name in styleBits", s)
		}
	}
	if len(named) != len(styles) {
		t.Errorf("styleBits names %v, the model has %v", named, styles)
	}
	if got := styleNames(book.Strong | book.Emphasis | 1<<15); !slices.Equal(got, []string{"emphasis", "strong", "style-0x8000"}) {
		t.Errorf("styleNames = %v", got)
	}
}

// TestInspectJSONHoldsModel reads the test book through the CLI and finds in the JSON what
// the model holds beyond paragraphs: footnote texts, list items, table cells, the image's
// source and alt text, emphasis spans, and the files read.
func TestInspectJSONHoldsModel(t *testing.T) {
	s := checkInspectJSON(t, filepath.Join("..", "..", "book", "build", "testdata", "books", "rich"), []string{
		`"notes": [`, `"text": "脚注的内容在这里，它说明了 2026 年 11 月的情况。"`, // a footnote's text
		`"items": [`, `"text": "春眠不觉晓"`, // list items
		`"rows": [`, `"text": "香蕉"`, // table cells
		`"src": "img/diagram.png"`, `"alt": "一张测试用的示意图"`, // the image
		`"format": "markdown"`, `"encoding": "utf-8"`, `"media_type": "image/png"`, `"data": "1718 bytes"`,
	})
	if strings.Contains(s, `\u003c`) || strings.Contains(s, `\u0026`) {
		t.Error("inspect --json escapes < or & as in HTML")
	}
}

// TestInspectJSONEveryFormat reads a Word document, an EPUB and a saved web page through
// the CLI and finds in each one's JSON the footnote texts, list items, table cells, the
// picture's source and alt text, an emphasis span and the detected format.
func TestInspectJSONEveryFormat(t *testing.T) {
	root := filepath.Join("..", "..", "book", "load")
	dir := t.TempDir()
	png, err := os.ReadFile(filepath.Join(root, "testdata", "docx", "tree.png"))
	if err == nil {
		err = os.Mkdir(filepath.Join(dir, "page_files"), 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "page_files", "tree.png"), png, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "page.html")
	err = os.WriteFile(page, []byte(`<html><head><meta charset="utf-8"><title>槐树_散文_某某网</title></head><body>
<div class="nav"><a href="/">首页</a></div><article><h1>槐树</h1>
<p>门前有一棵老槐树，每年五月都开满雪白的槐花，香气飘满整条胡同，<em>奶奶</em>说槐树是有灵性的。</p>
<ul><li>摘槐花</li><li>洗净</li></ul><table><tr><th>月份</th></tr><tr><td>五月开花</td></tr></table>
<p><img src="page_files/tree.png" alt="门前的老槐树"><img src="https://img.example.com/tree.jpg" alt="老槐树的照片"></p>
<p>后来我们搬了家，再也没有见过那棵槐树，可每到五月，我总会想起它，想起奶奶。</p></article></body></html>`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		src  string
		want []string
	}{
		{filepath.Join(root, "testdata", "docx", "wps.docx"), []string{`"format": "docx"`,
			`"notes": [`, `"text": "槐花可以做槐花饭。"`, `"items": [`, `"text": "摘槐花"`, `"rows": [`, `"text": "四月发芽"`,
			`"src": "`, `wps.docx/word/media/image1.png"`, `"alt": "开满槐花的老槐树"`}},
		{filepath.Join(root, "epubfile", "testdata", "pandoc3.epub"), []string{`"format": "epub"`,
			`"notes": [`, `"text": "骆驼：北平城里常见的驮运牲口。"`, `"items": [`, `"text": "第一件事"`, `"rows": [`, `"text": "英子"`,
			`pandoc3.epub/EPUB/media/file0.png"`, `"alt": "城墙下的骆驼"`}},
		{page, []string{`"format": "html"`, `"items": [`, `"text": "摘槐花"`, `"rows": [`, `"text": "五月开花"`,
			`"src": "page_files/tree.png"`, `"alt": "门前的老槐树"`, `"text": "老槐树的照片"`}}, // a remote picture's alt text is kept as text
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.src), func(t *testing.T) { checkInspectJSON(t, c.src, c.want) })
	}
}

// checkInspectJSON runs inspect --json on src, checks that its output holds every string
// of want and an emphasis span, and returns the output.
func checkInspectJSON(t *testing.T, src string, want []string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run([]string{"inspect", "--json", src}, &out, &errb); code != 0 {
		t.Fatalf("inspect exit %d: %s", code, errb.String())
	}
	s := out.String()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("inspect --json lacks %s", w)
		}
	}
	var doc any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !hasStyle(doc, "emphasis") {
		t.Error("inspect --json shows no emphasis span")
	}
	return s
}

// hasStyle reports whether a run somewhere in the decoded JSON v has the style name.
func hasStyle(v any, name string) bool {
	switch v := v.(type) {
	case map[string]any:
		if st, ok := v["style"].([]any); ok && slices.Contains(st, any(name)) {
			return true
		}
		for _, x := range v {
			if hasStyle(x, name) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasStyle(x, name) {
				return true
			}
		}
	}
	return false
}

// TestInspectMarksGenerated checks that the chapter list shows each chapter's label and
// subtitle, and marks those the loader made: the seed's 引言 and 第N篇 labels (its essays
// sit under a repeated title line) and subtitles made from the opening words, but not the
// manuscript's 第一章　风起. inspect --json holds the same as title_generated and
// subtitle_generated.
func TestInspectMarksGenerated(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("风云\n\n第一章　风起\n\n风起于青萍之末。\n\n第二章　云涌\n\n云涌于山谷之间。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	seed := filepath.Join("..", "..", "source")
	for _, tt := range []struct {
		src       string
		want, not []string
		json      []bool // title_generated of each chapter
	}{
		{seed, []string{
			"  1  引言 (label generated)  [front",
			"  2  第一篇 (label generated) — 6月11日以来 (subtitle generated)  [body",
			"  3  第二篇 (label generated) — 6月17日 (subtitle generated)  [body",
			"  4  第三篇 (label generated) — 五月五，庆端阳 (subtitle generated)  [body",
		}, []string{"1  引言 —"}, []bool{true, true, true, true}},
		{dir, []string{"  1  第一章 — 风起  [body", "  2  第二章 — 云涌  [body"}, []string{"generated"}, []bool{false, false}},
	} {
		var out, errb bytes.Buffer
		if code := run([]string{"inspect", tt.src}, &out, &errb); code != 0 {
			t.Fatalf("inspect %s: exit %d: %s", tt.src, code, errb.String())
		}
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("inspect %s lacks %q:\n%s", tt.src, w, out.String())
			}
		}
		for _, w := range tt.not {
			if strings.Contains(out.String(), w) {
				t.Errorf("inspect %s shows %q:\n%s", tt.src, w, out.String())
			}
		}
		out.Reset()
		if code := run([]string{"inspect", "--json", tt.src}, &out, &errb); code != 0 {
			t.Fatalf("inspect --json %s: exit %d: %s", tt.src, code, errb.String())
		}
		var doc struct {
			Chapters []struct {
				TitleGenerated    bool `json:"title_generated"`
				SubtitleGenerated bool `json:"subtitle_generated"`
			}
		}
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		var got []bool
		for _, c := range doc.Chapters {
			got = append(got, c.TitleGenerated)
		}
		if !slices.Equal(got, tt.json) {
			t.Errorf("inspect --json %s: title_generated %v, want %v", tt.src, got, tt.json)
		}
	}
}
