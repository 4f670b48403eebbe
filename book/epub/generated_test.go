package epub

import (
	"bytes"
	"strings"
	"testing"

	"cjkbook/book"
)

// TestGeneratedScript checks that every string the EPUB adds (contents, landmarks, page
// list, footnotes, accessibility summary, cover description) is in the book's script.
func TestGeneratedScript(t *testing.T) {
	for _, tc := range []struct {
		lang      string
		want, not []string
	}{
		{"zh-TW", []string{"目錄", "導覽", "頁碼", "註釋", "本書為", "封面：書"}, []string{"目录", "导览", "页码", "注释", "本书"}},
		{"zh-CN", []string{"目录", "导览", "页码", "注释", "本书为", "封面：書"}, []string{"目錄", "導覽", "頁碼", "註釋", "本書"}},
	} {
		b := &book.Book{Meta: book.Metadata{Title: "書", Language: tc.lang}, Chapters: []*book.Chapter{{
			Title: "第一章", ID: "c", Kind: book.Body,
			Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: "春眠"}, {Text: "1", Style: book.NoteRef, Href: "n1"}}}},
			Notes:  []*book.Footnote{{ID: "n1", Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: "注文"}}}}}},
		}}}
		m := resolve(b, Options{})
		plan := planBook(b, m, []PageBreak{{Label: "1", Chapter: 0, Block: BeforeTitle}})
		var chapter bytes.Buffer
		plan.r.chapter(&chapter, plan.chapters[0])
		all := strings.Join([]string{string(navXHTML(m, plan, true)), string(ncxXML(m, plan)), string(coverXHTML(m, "cover.png")),
			string(packageOPF(m, plan, &opfDoc{}, "cover")), chapter.String()}, "\n")
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: the EPUB's documents lack %s", tc.lang, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(all, n) {
				t.Errorf("%s: the EPUB's documents say %s, a string of the other script", tc.lang, n)
			}
		}
	}
}
