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

// bigrams counts each pair of adjacent characters in a text, to tell a word the
// text repeats (疫情, 批发市场) from a chance neighbourhood.
type bigrams map[[2]rune]int

// count returns how often a and b stand side by side.
func (g bigrams) count(a, b rune) int { return g[[2]rune{a, b}] }

// countBigrams counts the adjacent characters of the chapters' paragraphs.
func countBigrams(chapters []*book.Chapter) bigrams {
	g := bigrams{}
	for _, c := range chapters {
		c.Walk(func(bl book.Block) bool {
			if p, ok := bl.(*book.Paragraph); ok {
				var prev rune
				for _, r := range book.Plain(p.Runs) {
					if prev != 0 {
						g[[2]rune{prev, r}]++
					}
					prev = r
				}
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
	grams := countBigrams(chapters)
	for _, c := range gen {
		if s := openingWords(c.Blocks, grams); s != "" {
			c.Subtitle, c.SubtitleGenerated = s, true
		}
	}
}

// openingWords returns the opening words of the first paragraph of blocks with
// text, at most subtitleMax characters, cut by the rules of cjk.Shorten with the
// pairs of characters the book repeats (grams) marking its words.
func openingWords(blocks []book.Block, grams bigrams) string {
	for _, bl := range blocks {
		p, ok := bl.(*book.Paragraph)
		if !ok {
			continue
		}
		if t := strings.TrimSpace(book.Plain(p.Runs)); t != "" {
			return cjk.Shorten(t, subtitleMax, grams.count)
		}
	}
	return ""
}
