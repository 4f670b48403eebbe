// Package pinyin annotates a book model with pinyin: every Han character of its
// running text (Mode All) or only the rare ones (Mode Rare) gets its reading with tone
// marks as a ruby run. Readings come from github.com/mozillazg/go-pinyin, corrected
// for common heteronyms by the words of phrases.txt; a ruby the manuscript wrote
// itself always wins. It runs between the readers and the renderers.
package pinyin

import (
	_ "embed"
	"strings"
	"sync"

	gopinyin "github.com/mozillazg/go-pinyin"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// Mode says which characters get pinyin.
type Mode uint8

const (
	// Off annotates nothing.
	Off Mode = iota
	// All annotates every Han character.
	All
	// Rare annotates only characters outside the 3,500 common characters (level 1)
	// of the Table of General Standard Chinese Characters (通用规范汉字表).
	Rare
)

// String returns the mode as book.toml writes it: "false", "true" or "rare".
func (m Mode) String() string {
	switch m {
	case All:
		return "true"
	case Rare:
		return "rare"
	default:
		return "false"
	}
}

var (
	//go:embed level1.txt
	level1Text string
	//go:embed phrases.txt
	phrasesText string
)

// hanLo and hanHi bound the characters the dense tables cover: CJK Unified Ideographs
// Extension A and the basic block (U+3400–U+9FFF), which hold every character of
// level1.txt and phrases.txt and nearly all of any book. Han characters outside (the
// supplementary planes) are looked up in the maps.
const (
	hanLo = 0x3400
	hanHi = 0xA000
)

// tables are the data read once: the common characters, the corrected readings
// (words of two characters and more, by their first character), single-character
// defaults, and the readings already looked up for characters outside the dense range.
type tables struct {
	common  [hanHi - hanLo]bool // by r - hanLo
	starts  [hanHi - hanLo]bool // a word of phrases.txt starts with r
	words   map[rune][]word
	single  map[rune]string
	mu      sync.Mutex
	lookups map[rune]string
}

// word is an entry of phrases.txt: its characters and one reading for each.
type word struct {
	text     []rune
	readings []string
}

var (
	once sync.Once
	tab  *tables
)

func load() *tables {
	once.Do(func() {
		t := &tables{words: map[rune][]word{}, single: map[rune]string{}, lookups: map[rune]string{}}
		for _, r := range level1Text {
			if r != '\n' && dense(r) {
				t.common[r-hanLo] = true
			}
		}
		for _, line := range strings.Split(phrasesText, "\n") {
			f := strings.Fields(line)
			if len(f) < 2 || strings.HasPrefix(f[0], "#") {
				continue
			}
			rs := []rune(f[0])
			if len(rs) != len(f)-1 {
				continue // a malformed line; a test checks there are none
			}
			if len(rs) == 1 {
				t.single[rs[0]] = f[1]
				continue
			}
			t.words[rs[0]] = append(t.words[rs[0]], word{rs, f[1:]})
			if dense(rs[0]) {
				t.starts[rs[0]-hanLo] = true
			}
		}
		tab = t
	})
	return tab
}

// dense reports whether r is in the range of the dense tables.
func dense(r rune) bool { return r >= hanLo && r < hanHi }

// Common reports whether r is one of the 3,500 common characters.
func Common(r rune) bool {
	return dense(r) && load().common[r-hanLo]
}

// lookup returns r's reading with tone marks ("" when go-pinyin has none).
func (t *tables) lookup(r rune) string {
	if s, ok := t.single[r]; ok {
		return s
	}
	if py := gopinyin.SinglePinyin(r, gopinyin.Args{Style: gopinyin.Tone, Fallback: func(rune, gopinyin.Args) []string { return nil }}); len(py) > 0 {
		return py[0]
	}
	return ""
}

// reading returns r's reading, remembering it (for characters that no annotator's
// cache holds).
func (t *tables) reading(r rune) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.lookups[r]
	if !ok {
		s = t.lookup(r)
		t.lookups[r] = s
	}
	return s
}

// Readings returns the reading of each character of s, "" for characters without one
// (not Han, or unknown to the data), the words of phrases.txt read as a whole.
func Readings(s string) []string {
	a := newAnnotator(All)
	rs := []rune(s)
	return a.readings(make([]string, len(rs)), rs)
}

// annotator annotates one book: the readings it looked up (by r - hanLo, none for a
// character without one; nil for a single Readings call) and scratch space, so that a
// character is looked up once and a paragraph costs few allocations.
type annotator struct {
	t     *tables
	mode  Mode
	cache []string
	rs    []rune
	rd    []string
	out   []book.Run
	slab  []string // where the runs' readings are kept, handed out in pieces
}

// none marks a character without a reading in annotator.cache.
const none = "\x00"

func newAnnotator(mode Mode) *annotator {
	return &annotator{t: load(), mode: mode}
}

// reading returns r's reading ("" for none).
func (a *annotator) reading(r rune) string {
	if !dense(r) || a.cache == nil {
		return a.t.reading(r)
	}
	s := a.cache[r-hanLo]
	if s == "" {
		s = a.t.lookup(r)
		if s == "" {
			s = none
		}
		a.cache[r-hanLo] = s
	}
	if s == none {
		return ""
	}
	return s
}

// readings fills out (len(rs) long) with the reading of each character of rs, the
// words of phrases.txt read as a whole, and returns it.
func (a *annotator) readings(out []string, rs []rune) []string {
	for i := 0; i < len(rs); {
		r := rs[i]
		if (dense(r) && a.t.starts[r-hanLo] || !dense(r) && r >= 0x2E80) && len(rs)-i > 1 {
			if w := a.t.longestWord(rs[i:]); w != nil {
				copy(out[i:], w.readings)
				i += len(w.text)
				continue
			}
		}
		out[i] = ""
		if dense(r) && (r < 0x4DC0 || r >= 0x4E00) || !dense(r) && cjk.IsHanScript(r) {
			out[i] = a.reading(r)
		}
		i++
	}
	return out
}

// longestWord returns the longest word of phrases.txt that rs starts with, or nil.
func (t *tables) longestWord(rs []rune) *word {
	var best *word
	ws := t.words[rs[0]]
	for k, w := range ws {
		if len(w.text) <= len(rs) && (best == nil || len(w.text) > len(best.text)) && runesEqual(w.text, rs[:len(w.text)]) {
			best = &ws[k]
		}
	}
	return best
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Annotate gives the Han characters of b's running text (paragraphs, headings, list
// items, quotes, table cells and footnotes) their pinyin as ruby runs, as mode says.
// Runs that already carry a ruby, code, keys, footnote marks and pictures are left
// alone; chapter titles, which the contents and the running heads repeat, too.
func Annotate(b *book.Book, mode Mode) {
	if mode == Off {
		return
	}
	a := newAnnotator(mode)
	a.cache = make([]string, hanHi-hanLo)
	for _, c := range b.Chapters {
		c.EachRuns(func(rs *[]book.Run) { *rs = a.runs(*rs) })
	}
}

// runs returns rs with the characters the mode annotates split into ruby runs, in a
// new list of its exact length.
func (a *annotator) runs(rs []book.Run) []book.Run {
	a.out = a.out[:0]
	changed := false
	for _, r := range rs {
		if len(r.Ruby) > 0 || r.Image != nil || r.Style&(book.Code|book.Kbd|book.NoteRef) != 0 || !hasHan(r.Text) {
			a.out = append(a.out, r)
			continue
		}
		changed = true
		a.split(r)
	}
	if !changed {
		return rs
	}
	return append([]book.Run(nil), a.out...)
}

// split appends run r to a.out cut into plain runs and ruby runs of the characters the
// mode annotates, one reading per character.
func (a *annotator) split(r book.Run) {
	a.rs = a.rs[:0]
	for _, c := range r.Text {
		a.rs = append(a.rs, c)
	}
	if cap(a.rd) < len(a.rs) {
		a.rd = make([]string, len(a.rs))
	}
	rd := a.readings(a.rd[:len(a.rs)], a.rs)
	piece := func(text string, ruby []string) {
		p := r
		p.Text, p.Ruby, p.AutoRuby = text, a.keep(ruby), ruby != nil
		a.out = append(a.out, p)
	}
	start, k, first, inRuby := 0, 0, 0, false
	for bo, c := range r.Text {
		want := rd[k] != "" && (a.mode == All || !dense(c) || !a.t.common[c-hanLo])
		if want != inRuby && bo > start {
			if inRuby {
				piece(r.Text[start:bo], rd[first:k])
			} else {
				piece(r.Text[start:bo], nil)
			}
			start, first = bo, k
		}
		inRuby = want
		k++
	}
	if inRuby {
		piece(r.Text[start:], rd[first:k])
	} else if start < len(r.Text) {
		piece(r.Text[start:], nil)
	}
}

// keep returns a copy of the readings rd in the annotator's slab (nil for none): the
// runs of a book share a few large blocks instead of one small one each.
func (a *annotator) keep(rd []string) []string {
	if rd == nil {
		return nil
	}
	if cap(a.slab)-len(a.slab) < len(rd) {
		a.slab = make([]string, 0, max(4096, len(rd)))
	}
	n := len(a.slab)
	a.slab = append(a.slab, rd...)
	return a.slab[n : n+len(rd) : n+len(rd)]
}

func hasHan(s string) bool {
	for _, r := range s {
		if cjk.IsHanScript(r) {
			return true
		}
	}
	return false
}
