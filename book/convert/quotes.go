package convert

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// verticalQuotes turns the horizontal quotation marks into the corner brackets of
// vertical text (cjk.QuotesFor: 「」 outside, 『』 inside).
var verticalQuotes = func() *strings.Replacer {
	h, v := cjk.QuotesFor(false), cjk.QuotesFor(true)
	return strings.NewReplacer(string(h.Open), string(v.Open), string(h.Close), string(v.Close),
		string(h.InnerOpen), string(v.InnerOpen), string(h.InnerClose), string(v.InnerClose))
}()

// VerticalQuotes replaces “ ” ‘ ’ with 「 」 『 』 in chapter titles, runs, cells and
// footnotes (not in code), for vertical books; both renderers then show the same marks.
func VerticalQuotes(b *book.Book) {
	if b == nil {
		return
	}
	for _, ch := range b.Chapters {
		ch.Title = verticalQuotes.Replace(ch.Title)
		ch.Subtitle = verticalQuotes.Replace(ch.Subtitle)
		ch.Walk(func(bl book.Block) bool {
			switch bl := bl.(type) {
			case *book.Paragraph:
				quoteRuns(bl.Runs)
			case *book.Heading:
				quoteRuns(bl.Runs)
			case *book.Table:
				for i := range bl.Header {
					quoteRuns(bl.Header[i].Runs)
				}
				for _, r := range bl.Rows {
					for i := range r {
						quoteRuns(r[i].Runs)
					}
				}
			default:
				// The other blocks have no runs of their own (Walk visits those inside
				// quotes and lists), and code keeps its quotes as written.
			}
			return true
		})
	}
}

func quoteRuns(rs []book.Run) {
	for i := range rs {
		if rs[i].Style&book.Code == 0 {
			rs[i].Text = verticalQuotes.Replace(rs[i].Text)
		}
	}
}
