package epub

import (
	"strings"
	"testing"

	"cjkbook/book"
)

// TestChapterOpeningSubtitle checks that a chapter page prints a subtitle from the
// manuscript but not one generated from the chapter's first words (they follow
// right below the title), and that the navigation lists both.
func TestChapterOpeningSubtitle(t *testing.T) {
	const sub = "甲乙丙丁戊己"
	para := func() []book.Block {
		return []book.Block{&book.Paragraph{Runs: []book.Run{{Text: sub + "庚辛壬癸。"}}}}
	}
	b := &book.Book{Meta: book.Metadata{Title: "测试", Language: "zh-CN"}, Chapters: []*book.Chapter{
		{Title: "第一篇", Subtitle: sub, SubtitleGenerated: true, ID: "ch001", Blocks: para()},
		{Title: "第二篇", Subtitle: sub, ID: "ch002", Blocks: para()},
	}}
	_, files := entries(t, write(t, b, Options{}))
	checkText(t, b, files)
	var pages []string
	for name, data := range files {
		if strings.HasPrefix(name, "EPUB/xhtml/") && strings.Contains(string(data), "庚辛壬癸") {
			pages = append(pages, string(data))
		}
	}
	if len(pages) != 2 {
		t.Fatalf("%d chapter pages, want 2", len(pages))
	}
	for _, p := range pages {
		generated := strings.Contains(p, "第一篇")
		if got := strings.Contains(p, `class="subtitle"`); got == generated {
			t.Errorf("chapter page with generated=%v prints a subtitle: %v\n%s", generated, got, p)
		}
	}
	nav := string(files["EPUB/nav.xhtml"])
	for _, want := range []string{"第一篇　" + sub, "第二篇　" + sub} {
		if !strings.Contains(nav, want) {
			t.Errorf("nav lacks %q", want)
		}
	}
}
