package epub

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/load"
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

// TestSeedChapterOpenings writes the seed as the loader reads it and checks its
// generated subtitles: the navigation lists each essay as label and subtitle, and its
// chapter page shows the label alone in the h1 with the first paragraph right after.
func TestSeedChapterOpenings(t *testing.T) {
	b, _, err := load.Load(filepath.Join(testenv.RepoRoot(t), "source"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, files := entries(t, write(t, b, Options{}))
	nav := string(files["EPUB/nav.xhtml"])
	tags := regexp.MustCompile(`<[^>]*>`)
	generated := 0
	for _, c := range b.Chapters {
		if !c.SubtitleGenerated {
			continue
		}
		generated++
		if entry := c.Title + "　" + c.Subtitle; !strings.Contains(nav, ">"+entry+"</a>") {
			t.Errorf("nav lacks %q", entry)
		}
		page := string(files["EPUB/xhtml/"+c.ID+".xhtml"])
		_, rest, ok := strings.Cut(page, "<h1")
		h1, after, ok2 := strings.Cut(rest, "</h1>")
		if !ok || !ok2 {
			t.Fatalf("%s: no h1", c.ID)
		}
		if got := tags.ReplaceAllString("<h1"+h1, ""); got != c.Title {
			t.Errorf("%s: h1 %q, want the label %q alone", c.ID, got, c.Title)
		}
		first := string([]rune(book.Plain(c.Blocks[0].(*book.Paragraph).Runs))[:20])
		if got := strings.TrimSpace(tags.ReplaceAllString(after, "")); !strings.HasPrefix(got, first) {
			t.Errorf("%s: after the h1 %.40q…, want the first paragraph %q…", c.ID, got, first)
		}
	}
	if generated != 3 {
		t.Errorf("%d generated subtitles in the seed, want 3", generated)
	}
}
