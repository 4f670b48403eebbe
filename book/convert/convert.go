// Package convert changes a loaded book between Simplified and Traditional Chinese
// characters (OpenCC's s2t, s2twp, t2s and tw2sp conversions), on the model, so the
// EPUB and the PDF show the same text.
//
// The dictionaries in dict/ are OpenCC's (https://github.com/BYVoid/OpenCC, Apache
// License 2.0, see dict/LICENSE-OpenCC.txt), as packaged by
// github.com/longbridgeapp/opencc v0.3.13. We do not import that module: it depends
// on github.com/liuzl/cedar-go, which is GPL-2.0, and it registers a "dir" flag on
// the program's global flag set. The algorithm here is OpenCC's: each step of a
// conversion chain replaces the longest dictionary key that starts at the current
// position, left to right.
package convert

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"cjkbook/book"
)

//go:embed dict/*.txt
var dictFS embed.FS

// Script is the target character set of a conversion.
type Script int

const (
	// Keep leaves the text as loaded.
	Keep Script = iota
	// Traditional converts Simplified characters to Traditional ones.
	Traditional
	// Simplified converts Traditional characters to Simplified ones.
	Simplified
)

// ParseScript reads the book.toml value of script: "", "traditional" or "simplified".
func ParseScript(s string) (Script, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return Keep, nil
	case "traditional":
		return Traditional, nil
	case "simplified":
		return Simplified, nil
	}
	return Keep, fmt.Errorf("convert: unknown script %q (want \"traditional\" or \"simplified\")", s)
}

// chains lists, per OpenCC configuration, the dictionary groups applied in turn.
var chains = map[string][][]string{
	"s2t":   {{"STPhrases", "STCharacters"}},
	"s2twp": {{"STPhrases", "STCharacters"}, {"TWPhrases"}, {"TWVariants"}},
	"t2s":   {{"TSPhrases", "TSCharacters"}},
	"tw2sp": {{"TWPhrasesRev", "TWVariantsRevPhrases", "TWVariantsRev"}, {"TSPhrases", "TSCharacters"}},
}

// dict is one dictionary group: the longest key wins, earlier files win ties.
type dict struct {
	m      map[string]string
	maxLen int // in runes
	// longest is the length in runes of the longest key that starts with a rune;
	// a rune that starts no key is absent, so most positions cost one lookup.
	longest map[rune]int
}

// Converter converts text with one OpenCC configuration; it is safe for concurrent use.
type Converter struct {
	Name  string // OpenCC configuration name, e.g. s2twp
	steps []*dict
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Converter{}
)

// New returns the converter for an OpenCC configuration: s2t, s2twp, t2s or tw2sp.
func New(name string) (*Converter, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if c, ok := cache[name]; ok {
		return c, nil
	}
	chain, ok := chains[name]
	if !ok {
		return nil, fmt.Errorf("convert: unknown conversion %q", name)
	}
	c := &Converter{Name: name}
	for _, group := range chain {
		d := &dict{m: map[string]string{}, longest: map[rune]int{}}
		// Later files must not override earlier ones, so read them in reverse.
		for i := len(group) - 1; i >= 0; i-- {
			if err := d.load(group[i]); err != nil {
				return nil, err
			}
		}
		c.steps = append(c.steps, d)
	}
	cache[name] = c
	return c, nil
}

func (d *dict) load(name string) error {
	f, err := dictFS.Open("dict/" + name + ".txt")
	if err != nil {
		return fmt.Errorf("convert: dictionary %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		key, vals, ok := strings.Cut(sc.Text(), "\t")
		if !ok || key == "" {
			continue
		}
		val, _, _ := strings.Cut(vals, " ")
		d.m[key] = val
		n := utf8.RuneCountInString(key)
		if n > d.maxLen {
			d.maxLen = n
		}
		if r, _ := utf8.DecodeRuneInString(key); n > d.longest[r] {
			d.longest[r] = n
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("convert: dictionary %s: %w", name, err)
	}
	return nil
}

// String converts s.
func (c *Converter) String(s string) string {
	if c == nil || s == "" {
		return s
	}
	for _, d := range c.steps {
		s = d.convert(s)
	}
	return s
}

func (d *dict) convert(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	// ends[k] is the byte offset just past the (k+1)th rune from i: the keys are
	// looked up as substrings of s, which allocates nothing.
	ends := make([]int, d.maxLen)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		n := 0
		for j := i; n < d.longest[r] && j < len(s); n++ {
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
			ends[n] = j
		}
		matched := false
		for ; n > 0; n-- {
			if v, ok := d.m[s[i:ends[n-1]]]; ok {
				sb.WriteString(v)
				i = ends[n-1]
				matched = true
				break
			}
		}
		if !matched {
			sb.WriteRune(r)
			i += size
		}
	}
	return sb.String()
}

// For returns the OpenCC configuration and the resulting language tag for converting
// a book in language lang to script s: Taiwan usage (s2twp) when lang is zh-TW.
func For(s Script, lang string) (conversion, newLang string) {
	l := strings.ToLower(strings.TrimSpace(lang))
	switch s {
	case Traditional:
		switch {
		case l == "zh-tw" || l == "zh-hant-tw":
			return "s2twp", lang
		case l == "zh-hk" || l == "zh-mo" || strings.HasPrefix(l, "zh-hant"):
			return "s2t", lang
		}
		return "s2t", "zh-Hant"
	case Simplified:
		if l == "zh-tw" || l == "zh-hant-tw" {
			return "tw2sp", "zh-CN"
		}
		switch {
		case l == "zh-sg" || strings.HasPrefix(l, "zh-hans") || l == "zh-cn":
			return "t2s", lang
		}
		return "t2s", "zh-CN"
	case Keep:
		// nothing to convert
	}
	return "", lang
}

// Book converts every text the reader sees in b (metadata, chapter titles, runs,
// table cells, image descriptions and footnotes) to script s and sets the language.
// Code blocks and code runs are left as written; links and IDs are never changed.
func Book(b *book.Book, s Script) error {
	if b == nil || s == Keep {
		return nil
	}
	name, lang := For(s, b.Meta.Language)
	c, err := New(name)
	if err != nil {
		return err
	}
	m := &b.Meta
	for _, p := range []*string{&m.Title, &m.Subtitle, &m.Author, &m.Publisher, &m.Description} {
		*p = c.String(*p)
	}
	m.Language = lang
	for _, ch := range b.Chapters {
		ch.Title = c.String(ch.Title)
		ch.Subtitle = c.String(ch.Subtitle)
		ch.Walk(func(bl book.Block) bool {
			convertBlock(c, bl)
			return true
		})
	}
	return nil
}

// convertBlock converts the text of one block; Chapter.Walk reaches the blocks
// nested in quotes, lists and footnotes.
func convertBlock(c *Converter, bl book.Block) {
	switch b := bl.(type) {
	case *book.Paragraph:
		convertRuns(c, b.Runs)
	case *book.Heading:
		convertRuns(c, b.Runs)
	case *book.Image:
		b.Alt = c.String(b.Alt)
		b.Title = c.String(b.Title)
	case *book.Table:
		convertCells(c, b.Header)
		for _, r := range b.Rows {
			convertCells(c, r)
		}
	case *book.Quote, *book.List:
		// Their blocks are walked on their own.
	case *book.CodeBlock, *book.Break:
		// Code is literal; a break has no text.
	}
}

func convertCells(c *Converter, cells []book.Cell) {
	for i := range cells {
		convertRuns(c, cells[i].Runs)
	}
}

// convertRuns converts the runs of one paragraph as a whole, so that a phrase
// split across styles still converts; each run keeps its own length in runes when
// the conversion keeps the total length, which OpenCC's character and phrase
// tables nearly always do.
func convertRuns(c *Converter, runs []book.Run) {
	var all strings.Builder
	total := 0
	for _, r := range runs {
		if r.Style&book.Code == 0 {
			all.WriteString(r.Text)
			total += len([]rune(r.Text))
		}
	}
	out := []rune(c.String(all.String()))
	if len(out) != total {
		for i := range runs {
			if runs[i].Style&book.Code == 0 {
				runs[i].Text = c.String(runs[i].Text)
			}
		}
		return
	}
	pos := 0
	for i := range runs {
		if runs[i].Style&book.Code != 0 {
			continue
		}
		n := len([]rune(runs[i].Text))
		runs[i].Text = string(out[pos : pos+n])
		pos += n
	}
}
