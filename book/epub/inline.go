package epub

import (
	"bytes"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// Two kinds of inline markup follow the PDF's rules, so that a chapter looks the same on
// a phone as on paper:
//   - in a vertical book, a number of one to three digits (cjk.UprightDigits) is wrapped
//     in <span class="tcy">, which the stylesheet sets upright in one cell with
//     text-combine-upright: all (and -webkit-text-combine for older WebKit, Apple Books);
//     `text-combine-upright: digits 3` would say the same but no engine implements it;
//   - in a horizontal book, a curly quote that takes a full cell in Chinese text
//     (cjk.QuoteTakesCell) is wrapped in <span class="cq">, set in the full-width quote
//     face (fonts.FullWidthQuotes): a separate font rather than an OpenType feature,
//     because every reading system that shows embedded fonts shows it, while
//     font-feature-settings is ignored by several.

// inline is the state of the text markup along one paragraph.
type inline struct {
	vertical bool // wrap short digit runs (縱中橫)
	quotes   bool // wrap the quotes that take a full cell
	wide     bool // the rune written last takes a full cell
	after    rune // the first rune of the text that comes next (0: none)
}

// text writes s escaped, with the markup of the book's writing mode unless plain (code).
func (r *renderer) text(buf *bytes.Buffer, s string, plain bool) {
	in := &r.inline
	if plain || !in.vertical && !in.quotes {
		escape(buf, s)
		if last, n := utf8.DecodeLastRuneInString(s); n > 0 {
			in.wide = cjk.IsWide(last)
		}
		return
	}
	rs := []rune(s)
	start := 0
	wrap := func(i, n int, class string) {
		escape(buf, string(rs[start:i]))
		buf.WriteString(`<span class="` + class + `">`)
		escape(buf, string(rs[i:i+n]))
		buf.WriteString(`</span>`)
		start = i + n
	}
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		full := cjk.IsWide(c)
		if n := cjk.UprightDigits(rs, i); in.vertical && n > 0 {
			wrap(i, n, "tcy")
			i += n - 1
		} else if in.quotes && cjk.IsCurlyQuote(c) {
			after := in.after
			if i+1 < len(rs) {
				after = rs[i+1]
			}
			if cjk.QuoteTakesCell(in.wide, after) {
				wrap(i, 1, "cq")
				full = true
			}
		}
		in.wide = full
	}
	escape(buf, string(rs[start:]))
}

// line writes a chapter's title or subtitle, a paragraph of its own, with the markup.
func (r *renderer) line(buf *bytes.Buffer, s string) {
	r.inline.wide, r.inline.after = false, 0
	r.text(buf, s, false)
}

// leadRune returns the first rune of the text of runs (0 when there is none): what a
// quote at the end of the run before them touches.
func leadRune(runs []book.Run) rune {
	for _, r := range runs {
		if r.Image != nil {
			return 0
		}
		if c, n := utf8.DecodeRuneInString(r.Text); n > 0 {
			return c
		}
	}
	return 0
}

// classes marks in used the markup classes that b's text will get: "tcy" when a
// vertical book has a short number, "cq" when a horizontal one has a quote that takes a
// full cell. It reads each paragraph's text whole, so it may find a quote inside code
// that the markup leaves alone; it never misses one.
func (in *inline) classes(b *book.Book, used map[string]bool) {
	check := func(runs []book.Run) {
		rs := []rune(book.Plain(runs))
		wide := false
		for i, c := range rs {
			switch {
			case in.vertical && cjk.UprightDigits(rs, i) > 0:
				used["tcy"] = true
			case in.quotes && cjk.IsCurlyQuote(c):
				var after rune
				if i+1 < len(rs) {
					after = rs[i+1]
				}
				if cjk.QuoteTakesCell(wide, after) {
					used["cq"] = true
					wide = true
					continue
				}
			}
			wide = cjk.IsWide(c)
		}
	}
	for _, c := range b.Chapters {
		check([]book.Run{{Text: c.Title}})
		check([]book.Run{{Text: c.Subtitle}})
		c.Walk(func(bl book.Block) bool {
			switch bl := bl.(type) {
			case *book.Paragraph:
				check(bl.Runs)
			case *book.Heading:
				check(bl.Runs)
			case *book.Table:
				for _, cell := range bl.Header {
					check(cell.Runs)
				}
				for _, row := range bl.Rows {
					for _, cell := range row {
						check(cell.Runs)
					}
				}
			default: // code is never marked up; lists and quotes hold blocks, which Walk enters
			}
			return !used["tcy"] && !used["cq"]
		})
	}
}
