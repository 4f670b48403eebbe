package layout

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/load"
)

// hanzi is the text the generated notes book is cut from: no digits, so every digit
// on a page is a note's mark or label (or the folio).
const hanzi = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔"

// notesBook generates a book of chapters with many notes: paragraphs of one to nine
// lines citing up to three notes each (a mark wherever it falls, after punctuation
// too), notes of one line to longer than a page, a heading now and then.
func notesBook(seed uint64, chapters int) *book.Book {
	rng := rand.New(rand.NewPCG(seed, 7))
	hz := []rune(hanzi)
	text := func(n int) string {
		var sb strings.Builder
		for i := range n {
			sb.WriteRune(hz[rng.IntN(len(hz))])
			if i%13 == 12 {
				sb.WriteString([]string{"，", "。", "、", "；"}[rng.IntN(4)])
			}
		}
		return sb.String()
	}
	b := &book.Book{Meta: book.Metadata{Title: "注释样书", Language: "zh-CN"}}
	seq := 0
	for ci := range chapters {
		c := &book.Chapter{Title: "注释之章", ID: "c" + strconv.Itoa(ci)}
		for bi := range 60 {
			if bi%11 == 10 {
				c.Blocks = append(c.Blocks, &book.Heading{Level: 2, Runs: []book.Run{{Text: "小节"}}, ID: fmt.Sprintf("c%d-h%d", ci, bi)})
				continue
			}
			var runs []book.Run
			for range rng.IntN(4) {
				runs = append(runs, book.Run{Text: text(5 + rng.IntN(60))})
				seq++
				id := "fn" + strconv.Itoa(seq)
				runs = append(runs, book.Run{Text: "?", Style: book.NoteRef, Href: id})
				// Mostly short notes, some of several lines, a few longer than a page.
				n := 10 + rng.IntN(40)
				switch rng.IntN(10) {
				case 0:
					n = 400 + rng.IntN(1200)
				case 1, 2:
					n = 100 + rng.IntN(200)
				}
				c.Notes = append(c.Notes, &book.Footnote{ID: id, Label: "?", Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: text(n)}}}}})
			}
			runs = append(runs, book.Run{Text: text(10 + rng.IntN(150))})
			c.Blocks = append(c.Blocks, &book.Paragraph{Runs: runs})
		}
		b.Chapters = append(b.Chapters, c)
	}
	return b
}

// checkNotes verifies the notes of one paginated chapter: each note starts on the page
// whose line cites it, its parts follow on consecutive pages and tile its lines, and
// no part is empty. It returns the number of notes that continue on a later page.
func checkNotes(cl *chapterLayout, spans []pageSpan) (errs []string, continued int) {
	ns := &cl.notes
	pageOf := map[int]int{}
	for i, sp := range spans {
		for b := sp.start; b < sp.end; b++ {
			pageOf[b] = i
		}
	}
	type part struct {
		page int
		cut  noteCut
	}
	parts := map[int][]part{}
	for i, sp := range spans {
		for _, c := range sp.notes {
			if c.from >= c.to {
				errs = append(errs, fmt.Sprintf("page %d: an empty part of note %d", i, c.note))
			}
			parts[c.note] = append(parts[c.note], part{i, c})
		}
	}
	for _, r := range ns.refs {
		ps := parts[r.note]
		span := ns.span[r.note]
		if len(ps) == 0 {
			errs = append(errs, fmt.Sprintf("note %d is on no page", r.note))
			continue
		}
		if p, ok := pageOf[r.box]; !ok || p != ps[0].page {
			errs = append(errs, fmt.Sprintf("note %d starts on page %d, its reference is on page %d", r.note, ps[0].page, p))
		}
		if ps[0].cut.from != span[0] || ps[len(ps)-1].cut.to != span[1] {
			errs = append(errs, fmt.Sprintf("note %d: parts cover [%d,%d), want %v", r.note, ps[0].cut.from, ps[len(ps)-1].cut.to, span))
		}
		for j := 1; j < len(ps); j++ {
			if ps[j].page != ps[j-1].page+1 || ps[j].cut.from != ps[j-1].cut.to {
				errs = append(errs, fmt.Sprintf("note %d: part %d on page %d does not follow part %d on page %d", r.note, j, ps[j].page, j-1, ps[j-1].page))
			}
		}
		if len(ps) > 1 {
			continued++
		}
	}
	if len(ns.refs) != len(parts) {
		errs = append(errs, fmt.Sprintf("%d notes cited, %d set", len(ns.refs), len(parts)))
	}
	return errs, continued
}

// paginateNotes lays out every chapter of b and checks its pages and notes, returning
// the numbers of notes and of continued notes.
func paginateNotes(t *testing.T, b *book.Book, o Options) (notes, continued int) {
	t.Helper()
	faces := wenkai(t)
	g := newGeometry(&o, faces[0])
	cl := &chapterLayout{g: g, faces: faces, opts: &o, br: newCachedBreaker(faces, &o), book: b}
	fails := 0
	for i, c := range b.Chapters {
		cl.chapter(i, c)
		spans := cl.pageSpans()
		errs := checkSpans(cl, spans)
		ne, k := checkNotes(cl, spans)
		for _, e := range append(errs, ne...) {
			if fails++; fails <= 10 {
				t.Errorf("chapter %d %q: %s", i, c.Title, e)
			}
		}
		notes += len(cl.notes.refs)
		continued += k
	}
	return notes, continued
}

// TestFootnotePages paginates a generated many-notes book at several page sizes: every
// note starts on the page that cites it, long notes continue on the next pages, and
// widows, orphans and headings are kept as without notes.
func TestFootnotePages(t *testing.T) {
	b := notesBook(1, 3)
	for _, size := range []string{"A5", "32开", "A4"} {
		t.Run(size, func(t *testing.T) {
			o := DefaultOptions()
			o.Width, o.Height, _ = PageSize(size)
			notes, cont := paginateNotes(t, b, o)
			t.Logf("%d notes, %d continued", notes, cont)
			if cont == 0 {
				t.Error("no note continues on a later page: the test misses the split")
			}
		})
	}
}

// TestFootnoteMarks checks that no line of the generated book starts with a note mark.
func TestFootnoteMarks(t *testing.T) {
	b := notesBook(2, 1)
	faces := wenkai(t)
	o := DefaultOptions()
	br := newCachedBreaker(faces, &o)
	g := newGeometry(&o, faces[0])
	for _, measure := range []Pt{g.measure, 7 * g.size, 13 * g.size} {
		ps := ParaStyle{Size: g.size, Measure: measure, Indent: 2 * g.size}
		for _, bl := range b.Chapters[0].Blocks {
			p, ok := bl.(*book.Paragraph)
			if !ok {
				continue
			}
			marks := map[int]bool{}
			off := 0
			for _, r := range p.Runs {
				if r.Style&book.NoteRef != 0 {
					marks[off] = true
				}
				off += len([]rune(r.Text))
			}
			for _, ln := range br.lines(p.Runs, ps) {
				if marks[ln.Start] {
					t.Errorf("measure %.0f: a line starts with a note mark at rune %d", float64(measure), ln.Start)
				}
			}
		}
	}
}

// pageNotes reads back, per body page of d, the note marks in the text (small digits
// before the note rule) and the labels of the notes at its foot (digits after the
// rule: below it, or left of it in a vertical book), in drawing order, and whether
// the page has a note rule.
func pageNotes(d *Document, o Options) (marks, labels [][]string, rules []bool) {
	for _, p := range d.Pages {
		var m, l []string
		at, rule := noteRule(&p, o)
		for _, it := range p.Items {
			if !p.Body || it.Kind != Text || it.Text == "" || strings.Trim(it.Text, "0123456789") != "" ||
				it.Y > o.Height-0.75*min(o.Margins.Bottom, (o.Margins.Top+o.Margins.Bottom)/2) {
				continue // not a number, or the folio
			}
			beyond := rule && (!o.Vertical && it.Y > at || o.Vertical && it.X < at)
			switch {
			case beyond:
				l = append(l, it.Text)
			case it.Size < 0.7*o.FontSize:
				m = append(m, it.Text)
			}
		}
		marks, labels, rules = append(marks, m), append(labels, l), append(rules, rule)
	}
	return marks, labels, rules
}

// noteRule finds the rule above a page's notes (left of them in a vertical book): a
// short 0.5 pt rule, or a 0.3 pt continuation rule in the text block.
func noteRule(p *Page, o Options) (Pt, bool) {
	for _, it := range p.Items {
		if it.Kind != Rule {
			continue
		}
		if o.Vertical && (it.Size == 0.5 || it.Size == 0.3 && it.X < o.Width-(o.Margins.Inner+o.Margins.Outer)/2) {
			return it.X, true
		}
		if !o.Vertical && (it.Size == 0.5 || it.Size == 0.3 && it.Y > o.Margins.Top) {
			return it.Y, true
		}
	}
	return 0, false
}

// TestFootnoteDocument lays the generated book out, horizontal and vertical, numbered
// per chapter and per page: on every page the marks in the text are the labels at its
// foot, a page with notes has its rule, and per-page numbers count from 1 on each page.
func TestFootnoteDocument(t *testing.T) {
	b := notesBook(3, 2)
	faces := wenkai(t)
	for _, tc := range []struct {
		name     string
		vertical bool
		numbers  NoteNumbering
	}{{"chapter", false, NumberPerChapter}, {"page", false, NumberPerPage}, {"vertical", true, NumberPerChapter}, {"vertical-page", true, NumberPerPage}} {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Vertical, o.NoteNumbers = tc.vertical, tc.numbers
			d, err := Layout(b, faces, o)
			if err != nil {
				t.Fatal(err)
			}
			marks, labels, rules := pageNotes(d, o)
			total := 0
			for i := range d.Pages {
				m, l := slices.Sorted(slices.Values(marks[i])), slices.Sorted(slices.Values(labels[i]))
				if !slices.Equal(m, l) {
					t.Errorf("page %d: marks %v, note labels %v", i, marks[i], labels[i])
				}
				total += len(m)
				if tc.numbers == NumberPerPage {
					for k, s := range marks[i] {
						if s != strconv.Itoa(k+1) {
							t.Errorf("page %d: marks %v, want 1, 2, 3 …", i, marks[i])
							break
						}
					}
				}
				if len(labels[i]) > 0 && !rules[i] {
					t.Errorf("page %d: notes without a rule", i)
				}
			}
			want := 0
			for _, c := range b.Chapters {
				want += len(c.Notes)
			}
			if total != want {
				t.Errorf("%d notes on the pages, want %d", total, want)
			}
		})
	}
}

// TestFootnotesTRPL paginates the Rust book as loaded (its Markdown footnotes) and
// checks that every note starts on the page that cites it.
func TestFootnotesTRPL(t *testing.T) {
	src := filepath.Join(testenv.Corpus(t, "trpl-zh-cn"), "src")
	b, _, err := load.Load(src, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	notes, cont := paginateNotes(t, b, DefaultOptions())
	t.Logf("%d notes, %d continued", notes, cont)
	if notes == 0 {
		t.Error("the Rust book has footnotes, none was set")
	}
}

// TestFootnoteKinds sets notes cited from a heading, a list, a quote and a table cell,
// notes holding code and lists, an empty note, a note cited twice and one cited
// nowhere: every note is set once, on the page of its first citation (the uncited one
// on the chapter's last page), at the page foot and after the chapter.
func TestFootnoteKinds(t *testing.T) {
	ref := func(id string) book.Run { return book.Run{Text: "x", Style: book.NoteRef, Href: id} }
	para := func(runs ...book.Run) *book.Paragraph { return &book.Paragraph{Runs: runs} }
	code := strings.Repeat("let x = 1; // 一行代码\n", 40)
	c := &book.Chapter{Title: "种种注释", ID: "k", Blocks: []book.Block{
		&book.Heading{Level: 2, Runs: []book.Run{{Text: "标题"}, ref("h")}, ID: "h2"},
		para(book.Run{Text: "正文"}, ref("p"), book.Run{Text: "再引一次"}, ref("p")),
		&book.List{Items: [][]book.Block{{para(book.Run{Text: "列表项"}, ref("l"))}}},
		&book.Quote{Blocks: []book.Block{para(book.Run{Text: "引文"}, ref("q"))}},
		&book.Table{Header: []book.Cell{{Runs: []book.Run{{Text: "表头"}}}}, Rows: [][]book.Cell{{{Runs: []book.Run{{Text: "单元格"}, ref("t")}}}}},
		para(book.Run{Text: "空注"}, ref("e"), book.Run{Text: "与未定义的注"}, ref("none")),
	}, Notes: []*book.Footnote{
		{ID: "h", Blocks: []book.Block{para(book.Run{Text: "标题的注。"})}},
		{ID: "p", Blocks: []book.Block{para(book.Run{Text: "代码："}), &book.CodeBlock{Text: code}}},
		{ID: "l", Blocks: []book.Block{&book.List{Items: [][]book.Block{{para(book.Run{Text: "注中的列表"})}}}}},
		{ID: "q", Blocks: []book.Block{para(book.Run{Text: "引文的注"}, ref("h"))}},
		{ID: "t", Blocks: []book.Block{para(book.Run{Text: "表格的注。"})}},
		{ID: "e"},
		{ID: "u", Blocks: []book.Block{para(book.Run{Text: "无人引用的注。"})}},
	}}
	b := &book.Book{Meta: book.Metadata{Title: "注", Language: "zh-CN"}, Chapters: []*book.Chapter{c}}
	notes, _ := paginateNotes(t, b, DefaultOptions())
	if notes != len(c.Notes) {
		t.Errorf("%d notes set, want %d", notes, len(c.Notes))
	}
	for _, place := range []NotePlace{NotesAtFoot, NotesAtEnd} {
		o := DefaultOptions()
		o.Notes = place
		if _, err := Layout(b, wenkai(t), o); err != nil {
			t.Fatal(err)
		}
	}
}
