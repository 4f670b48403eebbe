package load

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// Generated subtitles tell apart chapters whose headings repeat the book title
// (the seed's 第一篇, 第二篇 …): the opening words of each chapter's first
// paragraph, as the contents page, the navigation, the outline and the running
// heads show them.
const subtitleMax = 16 // the most characters a generated subtitle holds

// repeatLabel is the label of the nth chapter (from 1) whose heading repeats the
// book title: 第一篇, 第二篇 …
func repeatLabel(n int) string { return "第" + cjk.Numeral(n) + "篇" }

// labelRepeats labels the chapters whose headings repeat the book title
// (title), when two or more do, as the plain-text loader labels a repeated
// title line: 第一篇, 第二篇 … in their order, marked as generated, with a
// generated subtitle unless the manuscript gives one (a Markdown ## right after
// the #). One such chapter is the book's title chapter and keeps its title.
func labelRepeats(l *loader, chapters []*book.Chapter, title string) {
	var rep []*book.Chapter
	for _, c := range chapters {
		if !c.TitleGenerated && c.Kind != book.Part && squash(c.Title) == squash(title) {
			rep = append(rep, c)
		}
	}
	if len(rep) < 2 || squash(title) == "" {
		return
	}
	var gen []*book.Chapter
	for i, c := range rep {
		label := repeatLabel(i + 1)
		l.drop(c.At, "chapter title repeats the book title, so the chapter is labelled "+label, c.Title)
		c.Title, c.TitleGenerated = label, true
		if c.Subtitle == "" {
			gen = append(gen, c)
		}
	}
	generateSubtitles(gen, chapters)
}

// setSubtitles gives the chapters the subtitles of Options.Subtitles, each
// found by its file (byFile, when the file holds that chapter alone) or by its
// title; a name that finds no chapter, or several, is a warning at its line.
func (l *loader) setSubtitles(chapters []*book.Chapter, byFile map[string][]*book.Chapter) {
	for _, s := range l.opts.Subtitles {
		text := strings.TrimSpace(s.Text)
		if text == "" {
			l.warn(s.At, "subtitle of %q is empty; give the subtitle or remove the line", s.Chapter)
			continue
		}
		found, byName := byFile[s.Chapter]
		if !byName {
			found = nil
			for _, c := range chapters {
				if squash(c.Title) == squash(s.Chapter) {
					found = append(found, c)
				}
			}
		}
		switch {
		case len(found) == 1:
			found[0].Subtitle, found[0].SubtitleGenerated = text, false
		case byName:
			l.warn(s.At, "subtitle of %q: the file holds %d chapters; name the chapter by its title as the contents lists it", s.Chapter, len(found))
		case len(found) == 0:
			l.warn(s.At, "subtitle of %q: no chapter has that title or file; name one as the contents lists it (第一篇) or its file (02-春.txt)", s.Chapter)
		default:
			l.warn(s.At, "subtitle of %q: %d chapters have that title; name the chapter's file instead", s.Chapter, len(found))
		}
	}
}

// countPairs counts the adjacent characters of the chapters' paragraphs.
func countPairs(chapters []*book.Chapter) cjk.Pairs {
	g := cjk.Pairs{}
	for _, c := range chapters {
		c.Walk(func(bl book.Block) bool {
			if p, ok := bl.(*book.Paragraph); ok {
				g.Add(book.Plain(p.Runs))
			}
			return true
		})
	}
	return g
}

// generateSubtitles gives each chapter of gen a subtitle made of the opening
// words of its first paragraph (openingWords), marked as generated; grams
// come from all of chapters.
func generateSubtitles(gen, chapters []*book.Chapter) {
	if len(gen) == 0 {
		return
	}
	grams := countPairs(chapters)
	for _, c := range gen {
		if s := openingWords(c.Blocks, grams); s != "" {
			c.Subtitle, c.SubtitleGenerated = s, true
		}
	}
}

// openingWords returns the opening words of the first paragraph of blocks with
// text, at most subtitleMax characters, cut by the rules of cjk.Shorten with the
// pairs of characters the book repeats (grams) marking its words.
func openingWords(blocks []book.Block, grams cjk.Pairs) string {
	for _, bl := range blocks {
		p, ok := bl.(*book.Paragraph)
		if !ok {
			continue
		}
		if t := strings.TrimSpace(book.Plain(p.Runs)); t != "" {
			return cjk.Shorten(t, subtitleMax, grams.Count)
		}
	}
	return ""
}
