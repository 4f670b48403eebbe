package layout

import (
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/load"
)

// TestChapterOpeningSubtitle checks that a chapter opening prints a subtitle from
// the manuscript but not one generated from the chapter's first words (which
// would stand twice, right above the same words), that the contents page and the
// outline show both, and that a generated subtitle joins the chapter's label in
// its running head.
func TestChapterOpeningSubtitle(t *testing.T) {
	const sub = "甲乙丙丁戊己"
	body := func() []book.Block {
		bs := []book.Block{&book.Paragraph{Runs: []book.Run{{Text: sub + "庚辛壬癸。"}}}}
		for range 40 {
			bs = append(bs, &book.Paragraph{Runs: []book.Run{{Text: strings.Repeat("天地玄黄，宇宙洪荒。", 8)}}})
		}
		return bs
	}
	b := &book.Book{Meta: book.Metadata{Title: "测试", Language: "zh-CN"}, Chapters: []*book.Chapter{
		{Title: "第一篇", Subtitle: sub, SubtitleGenerated: true, ID: "ch1", Blocks: body()},
		{Title: "第二篇", Subtitle: sub, ID: "ch2", Blocks: body()},
	}}
	d, err := Layout(b, wenkai(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pageText := func(p Page, head bool) string {
		var sb strings.Builder
		for _, it := range p.Items {
			if it.Kind == Text && (it.Y < DefaultOptions().Margins.Top) == head {
				sb.WriteString(it.Text)
			}
		}
		return sb.String()
	}
	opened := map[int]bool{}
	heads := map[int]map[string]bool{0: {}, 1: {}}
	for _, p := range d.Pages {
		ch := p.Start.Chapter
		if !p.Body || ch < 0 {
			continue
		}
		if !opened[ch] {
			opened[ch] = true
			want := 1 // the first paragraph's words only
			if !b.Chapters[ch].SubtitleGenerated {
				want = 2 // the subtitle above them
			}
			if n := strings.Count(pageText(p, false), sub); n != want {
				t.Errorf("chapter %d opening: %q printed %d times, want %d", ch+1, sub, n, want)
			}
			continue
		}
		heads[ch][pageText(p, true)] = true
	}
	if !heads[0]["第一篇　"+sub] {
		t.Errorf("chapter 1 running heads %v, want one of 第一篇　%s", heads[0], sub)
	}
	if heads[1]["第二篇　"+sub] || !heads[1]["第二篇"] {
		t.Errorf("chapter 2 running heads %v, want 第二篇 alone", heads[1])
	}
	for i, e := range d.Outline {
		if want := b.Chapters[i].Title + "　" + sub; e.Title != want {
			t.Errorf("outline %d = %q, want %q", i, e.Title, want)
		}
	}
	var toc string
	for _, p := range d.Pages {
		if !p.Body {
			toc += pageText(p, false)
		}
	}
	if strings.Count(toc, sub) != 2 {
		t.Errorf("contents %q should list both subtitles", toc)
	}
}

// TestRunningHeadShortened checks that a running head too wide for the page is
// cut at a clause end or with ……, never with a lone ….
func TestRunningHeadShortened(t *testing.T) {
	long := "第一章　" + strings.Repeat("天地玄黄宇宙洪荒日月盈昃", 6)
	clause := "第二章　天地玄黄宇宙洪荒日月盈昃辰宿列张，" + strings.Repeat("寒来暑往秋收冬藏", 6)
	var chapters []*book.Chapter
	for i, title := range []string{long, clause} {
		c := &book.Chapter{Title: title, ID: "ch" + string(rune('1'+i))}
		for range 40 {
			c.Blocks = append(c.Blocks, &book.Paragraph{Runs: []book.Run{{Text: strings.Repeat("天地玄黄，宇宙洪荒。", 10)}}})
		}
		chapters = append(chapters, c)
	}
	b := &book.Book{Meta: book.Metadata{Title: "测试", Language: "zh-CN"}, Chapters: chapters}
	d, err := Layout(b, wenkai(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range d.Pages {
		var sb strings.Builder
		for _, it := range p.Items {
			if it.Kind == Text && it.Y < DefaultOptions().Margins.Top {
				sb.WriteString(it.Text)
			}
		}
		if h := sb.String(); strings.HasPrefix(h, "第") {
			seen[h] = true
		}
	}
	for _, want := range []string{"第二章　天地玄黄宇宙洪荒日月盈昃辰宿列张"} {
		if !seen[want] {
			t.Errorf("running heads %v lack %q", seen, want)
		}
	}
	for h := range seen {
		if strings.HasPrefix(h, "第一章") && !strings.HasSuffix(h, "……") || strings.Count(h, "…")%2 != 0 {
			t.Errorf("running head %q: not cut with ……", h)
		}
	}
}

// TestRunningHeadKeepsWords checks that a running head cut short ends after a whole
// word the book repeats, not inside one: the title is words of three to five
// characters that the text lists again, so the cut must fall between two of them.
func TestRunningHeadKeepsWords(t *testing.T) {
	words := []string{"天地玄黄", "宇宙洪荒", "日月盈昃", "辰宿列张", "寒来暑往", "秋收冬藏", "闰余成岁", "律吕调阳", "云腾致雨", "露结为霜", "金生丽水", "玉出昆冈"}
	for i, w := range words { // three to five characters: the longest head that fits ends inside one
		switch i % 4 {
		case 0:
			words[i] = w[:len(w)-len("黄")]
		case 1:
			words[i] = w + "甲"
		}
	}
	const label = "第一章　"
	c := &book.Chapter{Title: label + strings.Join(words, ""), ID: "ch1"}
	for range 40 {
		c.Blocks = append(c.Blocks, &book.Paragraph{Runs: []book.Run{{Text: strings.Join(words, "、") + "。"}}})
	}
	b := &book.Book{Meta: book.Metadata{Title: "测试", Language: "zh-CN"}, Chapters: []*book.Chapter{c}}
	d, err := Layout(b, wenkai(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	whole := map[string]bool{}
	for k := 1; k < len(words); k++ {
		whole[strings.Join(words[:k], "")+"……"] = true
	}
	seen := 0
	for _, p := range d.Pages {
		var sb strings.Builder
		for _, it := range p.Items {
			if it.Kind == Text && it.Y < DefaultOptions().Margins.Top {
				sb.WriteString(it.Text)
			}
		}
		if h, ok := strings.CutPrefix(sb.String(), label); ok {
			seen++
			if !whole[h] {
				t.Errorf("running head %q: want whole words and ……", sb.String())
			}
		}
	}
	if seen == 0 {
		t.Error("no running head starts with the chapter's label")
	}
}

// TestSeedChapterOpenings lays out the seed as the loader reads it and checks what its
// reader sees of the generated subtitles: the contents and the outline list each essay
// as label and subtitle, the chapter opening shows the label alone with the first
// paragraph right below it, and the running heads after it carry label and subtitle.
func TestSeedChapterOpenings(t *testing.T) {
	b, _, err := load.Load(filepath.Join(testenv.RepoRoot(t), "source"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Layout(b, wenkai(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	top := DefaultOptions().Margins.Top
	text := func(p Page, head bool) string {
		var sb strings.Builder
		for _, it := range p.Items {
			if it.Kind == Text && (it.Y < top) == head {
				sb.WriteString(it.Text)
			}
		}
		return sb.String()
	}
	var contents string
	opening := map[int]string{}
	heads := map[int]map[string]bool{}
	for _, p := range d.Pages {
		ch := p.Start.Chapter
		switch {
		case !p.Body:
			contents += text(p, false)
		case ch >= 0 && opening[ch] == "":
			opening[ch] = text(p, false)
		case ch >= 0:
			if heads[ch] == nil {
				heads[ch] = map[string]bool{}
			}
			heads[ch][text(p, true)] = true
		}
	}
	generated := 0
	for i, c := range b.Chapters {
		if !c.SubtitleGenerated {
			continue
		}
		generated++
		entry := c.Title + "　" + c.Subtitle
		if i >= len(d.Outline) || d.Outline[i].Title != entry {
			t.Errorf("outline entry %d is not %q: %+v", i, entry, d.Outline)
		}
		if !strings.Contains(contents, entry) {
			t.Errorf("contents %q lack %s", contents, entry)
		}
		first := book.Plain(c.Blocks[0].(*book.Paragraph).Runs)
		if want := c.Title + string([]rune(first)[:20]); !strings.HasPrefix(opening[i], want) {
			t.Errorf("chapter %d opening %.60q…, want %q… (the label alone above the text)", i+1, opening[i], want)
		}
		if !heads[i][entry] {
			t.Errorf("chapter %d running heads %v lack %q", i+1, heads[i], entry)
		}
	}
	if generated != 3 {
		t.Errorf("%d generated subtitles in the seed, want 3", generated)
	}
}
