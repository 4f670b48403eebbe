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
	"unicode"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"

	"cjkbook/book"
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

// tables are the data read once: the common characters, the corrected readings
// (words of two characters and more, by their first character), single-character
// defaults, and the readings already looked up.
type tables struct {
	common  map[rune]bool
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
		t := &tables{common: map[rune]bool{}, words: map[rune][]word{}, single: map[rune]string{}, lookups: map[rune]string{}}
		for _, r := range level1Text {
			if r != '\n' {
				t.common[r] = true
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
		}
		tab = t
	})
	return tab
}

// Common reports whether r is one of the 3,500 common characters.
func Common(r rune) bool {
	return load().common[r]
}

// reading returns r's reading with tone marks ("" when go-pinyin has none).
func (t *tables) reading(r rune) string {
	if s, ok := t.single[r]; ok {
		return s
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.lookups[r]; ok {
		return s
	}
	s := ""
	if py := gopinyin.SinglePinyin(r, gopinyin.Args{Style: gopinyin.Tone, Fallback: func(rune, gopinyin.Args) []string { return nil }}); len(py) > 0 {
		s = py[0]
	}
	t.lookups[r] = s
	return s
}

// Readings returns the reading of each character of s, "" for characters without one
// (not Han, or unknown to the data), the words of phrases.txt read as a whole.
func Readings(s string) []string {
	t := load()
	rs := []rune(s)
	out := make([]string, len(rs))
	for i := 0; i < len(rs); {
		if w := t.longestWord(rs[i:]); w != nil {
			copy(out[i:], w.readings)
			i += len(w.text)
			continue
		}
		if unicode.Is(unicode.Han, rs[i]) {
			out[i] = t.reading(rs[i])
		}
		i++
	}
	return out
}

// longestWord returns the longest word of phrases.txt that rs starts with, or nil.
func (t *tables) longestWord(rs []rune) *word {
	var best *word
	for k, w := range t.words[rs[0]] {
		if len(w.text) <= len(rs) && (best == nil || len(w.text) > len(best.text)) && runesEqual(w.text, rs[:len(w.text)]) {
			best = &t.words[rs[0]][k]
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
	t := load()
	for _, c := range b.Chapters {
		c.EachRuns(func(rs *[]book.Run) { *rs = t.runs(*rs, mode) })
	}
}

// runs returns rs with the characters mode annotates split into ruby runs.
func (t *tables) runs(rs []book.Run, mode Mode) []book.Run {
	var out []book.Run
	for i, r := range rs {
		if len(r.Ruby) > 0 || r.Image != nil || r.Style&(book.Code|book.Kbd|book.NoteRef) != 0 || !hasHan(r.Text) {
			if out != nil {
				out = append(out, r)
			}
			continue
		}
		if out == nil {
			out = append(make([]book.Run, 0, len(rs)+8), rs[:i]...)
		}
		out = t.split(out, r, mode)
	}
	if out == nil {
		return rs
	}
	return out
}

// split appends run r cut into plain runs and ruby runs of the characters mode
// annotates, one reading per character.
func (t *tables) split(out []book.Run, r book.Run, mode Mode) []book.Run {
	rd := Readings(r.Text)
	piece := func(text string, ruby []string) {
		p := r
		p.Text, p.Ruby, p.AutoRuby = text, ruby, ruby != nil
		out = append(out, p)
	}
	start, k, inRuby := 0, 0, false
	for bo, c := range r.Text {
		want := rd[k] != "" && (mode == All || !t.common[c])
		if want != inRuby && bo > start {
			if inRuby {
				piece(r.Text[start:bo], rd[k-utf8.RuneCountInString(r.Text[start:bo]):k])
			} else {
				piece(r.Text[start:bo], nil)
			}
			start = bo
		}
		inRuby = want
		k++
	}
	if inRuby {
		piece(r.Text[start:], rd[k-utf8.RuneCountInString(r.Text[start:]):k])
	} else if start < len(r.Text) {
		piece(r.Text[start:], nil)
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
