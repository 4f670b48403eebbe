// Package load turns a manuscript (a folder of .txt, .md and .docx files, or one file)
// into a book.Book.
//
// Loading is total for the text itself: anything odd in the manuscript (boilerplate
// lines, raw HTML, unsafe links, missing images …) becomes a warning in the returned
// Diagnostics with the file and line, and the rest of the text is kept. Only input
// that cannot be read as a manuscript at all (missing or empty files, binary data,
// undecodable bytes, no chapters) is a hard error.
//
// The stages, in order: list the files (natural name order or Options.Chapters),
// decode each one (encoding detection, BOM, line endings), parse it (plain text:
// heading detection, boilerplate removal, hard-wrap joining; Markdown: goldmark
// with the CJK extension; Word: package docx, whose drops are reported here),
// normalise punctuation, then assemble the book (chapter and heading IDs,
// metadata precedence, images). A corrupt, encrypted or legacy Word file is a
// hard error too.
package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/load/docx"
)

// Options are the loader's settings, resolved by the caller from book.toml and flags.
// The zero value is the default: files in natural name order, encoding detected,
// boilerplate removed, punctuation normalised, metadata from the text.
type Options struct {
	// Chapters is the explicit file order (book.toml `chapters`), relative to the
	// folder; empty means natural name order of *.txt and *.md.
	Chapters []string
	// Encoding is "" for auto-detection, else one of "utf-8", "gb18030" (alias
	// "gbk", "gb2312"), "big5", "utf-16le", "utf-16be".
	Encoding string
	// KeepBoilerplate keeps scraped-page boilerplate lines and sentences.
	KeepBoilerplate bool
	// NoNormalize turns punctuation normalisation off.
	NoNormalize bool
	// Subtitles are the chapter subtitles book.toml sets, in its order: each is
	// the manuscript's (printed at the chapter opening) and wins over the text's.
	Subtitles []Subtitle
	// Meta holds overrides from book.toml: its non-empty fields win over Markdown
	// front matter and over what the text itself shows. Meta.Cover is a path
	// relative to the folder; the image is read into Book.Images and Cover
	// becomes its key (cleared, with a warning, when it cannot be read).
	Meta book.Metadata
}

// Subtitle is one chapter subtitle from book.toml: Chapter names the chapter by
// its title as the contents lists it (第一篇) or by the file that holds it alone
// (02-春.txt, relative to the folder); At is where book.toml sets it, for
// the warning when no chapter (or more than one) answers to the name.
type Subtitle struct {
	Chapter string
	Text    string
	At      book.Pos
}

// Stats counts what the loader did, for the build summary.
type Stats struct {
	Files      int    // manuscript files read
	Chapters   int    // chapters in the book, parts included
	Paragraphs int    // paragraph blocks, nested ones included
	Chars      int    // characters of text in blocks and titles
	Encoding   string // the encoding of the first file, or "mixed"
	// Punct counts punctuation normalisations per kind.
	Punct PunctCounts
	// Boilerplate counts removed boilerplate lines and sentences.
	Boilerplate int
	// Joined counts hard-wrapped lines joined into their paragraph.
	Joined int
	// Images counts images read into Book.Images.
	Images int
	// Word counts what the .docx reader left out: table-of-contents entries,
	// comments, tracked deletions, hidden text, page breaks, section settings.
	Word docx.Counts
	// Sources lists the manuscript files read, in reading order.
	Sources []Source
	// TitleFromName reports that the manuscript names no title, so the book is titled
	// after its folder or file.
	TitleFromName bool
}

// Source is one manuscript file as the loader read it.
type Source struct {
	File     string // the name positions use
	Format   string // "text", "markdown", "docx", "html" or "epub"
	Encoding string // the encoding it was decoded from
}

// PunctCounts counts punctuation normalisations by the mark that was written.
type PunctCounts struct {
	Comma     int // , → ，
	Period    int // . → 。
	Semicolon int // ; → ；
	Colon     int // : → ：
	Exclaim   int // ! → ！
	Question  int // ? → ？
	Paren     int // ( ) → （ ）
	Quote     int // "…" → “…” (each mark counts)
	Ellipsis  int // ... or 。。。 → ……
	Dash      int // -- or a lone — → ——
	Space     int // spaces or tabs removed beside a full-width mark (one per gap)
}

// Total returns the number of normalisations of every kind.
func (p PunctCounts) Total() int {
	return p.Comma + p.Period + p.Semicolon + p.Colon + p.Exclaim + p.Question +
		p.Paren + p.Quote + p.Ellipsis + p.Dash + p.Space
}

func (p *PunctCounts) add(q PunctCounts) {
	p.Comma += q.Comma
	p.Period += q.Period
	p.Semicolon += q.Semicolon
	p.Colon += q.Colon
	p.Exclaim += q.Exclaim
	p.Question += q.Question
	p.Paren += q.Paren
	p.Quote += q.Quote
	p.Ellipsis += q.Ellipsis
	p.Dash += q.Dash
	p.Space += q.Space
}

// ErrNoChapters is returned (wrapped) when the manuscript holds no text at all.
var ErrNoChapters = errors.New("no chapters")

// Load reads a manuscript folder or a single .txt/.md file into a book.
// Hard errors (unreadable, empty or binary input, invalid UTF-8 under
// encoding=utf-8, an unknown file in Options.Chapters, no chapters) come back as
// error with the file (and line or byte offset) and what to do; everything else is
// a warning in Diagnostics.
func Load(path string, opts Options) (*book.Book, book.Diagnostics, error) {
	b, _, diags, err := LoadWithStats(path, opts)
	return b, diags, err
}

// LoadWithStats is Load that also returns the counts of what the loader did
// (normalisations, boilerplate removed, …) for the build summary.
func LoadWithStats(path string, opts Options) (*book.Book, Stats, book.Diagnostics, error) {
	l := newLoader(opts)
	b, err := l.run(path)
	l.sortDiags()
	if err != nil {
		return nil, l.stats, l.diags, err
	}
	return b, l.stats, l.diags, nil
}

// loader holds the state of one Load call.
type loader struct {
	opts  Options
	diags book.Diagnostics
	stats Stats
	// removed records, in full, every piece of text the loader dropped (each is also
	// reported as a warning, possibly shortened); tests use it to prove nothing is
	// lost silently.
	removed []string
	root    string // folder that bounds image paths (absolute, symlinks resolved)
	images  map[string]*book.Asset
	fm      book.Metadata // first front matter seen
	text    book.Metadata // metadata the text shows (title line, 作者 line)
	fmTitle string        // title from the current Markdown file's front matter
	noteSeq int           // footnotes numbered across the book
	// markup records structural text the loader consumed without putting it in
	// the model as such: heading lines (their label and title reach chapter
	// titles, separators do not), the 作者： label, 《》 around a title, link
	// reference definitions and the <img> tags read into Image blocks.
	markup []string
	// script counts the characters of the body written only in simplified or
	// only in traditional Chinese, to choose the default language tag.
	script cjk.ScriptGuess
}

func newLoader(opts Options) *loader {
	return &loader{opts: opts, images: map[string]*book.Asset{}}
}

// warn records a warning at pos.
func (l *loader) warn(at book.Pos, format string, args ...any) {
	l.diags.Warnf(at, format, args...)
}

// drop records removed text and warns about it.
func (l *loader) drop(at book.Pos, why, text string) {
	l.removed = append(l.removed, text)
	l.warn(at, "%s: removed %q", why, shorten(text, 120))
}

// run is Load's table of contents.
func (l *loader) run(path string) (*book.Book, error) {
	// Resolve the encoding setting once.
	enc, err := parseEncoding(l.opts.Encoding)
	if err != nil {
		return nil, err
	}
	// List the manuscript files in reading order.
	root, files, err := l.listFiles(path)
	if err != nil {
		return nil, err
	}
	l.root = root
	// Read, decode and parse each file into chapters.
	var chapters []*book.Chapter
	byFile := map[string][]*book.Chapter{} // the chapters of each file, by its rel name
	encodings := map[string]bool{}
	for _, f := range files {
		cs, encName, err := l.loadFile(f, enc, len(files) == 1)
		if err != nil {
			return nil, err
		}
		encodings[encName] = true
		l.stats.Sources = append(l.stats.Sources, Source{File: f.name, Format: formatName(f.name), Encoding: encName})
		if l.stats.Encoding == "" {
			l.stats.Encoding = encName
		}
		chapters = append(chapters, cs...)
		byFile[f.rel] = cs
		l.stats.Files++
	}
	if len(encodings) > 1 {
		l.stats.Encoding = "mixed"
	}
	if len(chapters) == 0 {
		return nil, fmt.Errorf("load %s: %w: the files hold no text; add paragraphs or headings", path, ErrNoChapters)
	}
	// Label the chapters whose headings all repeat the book title.
	labelRepeats(l, chapters, l.title(path))
	l.setSubtitles(chapters, byFile)
	// Assemble the book: IDs, metadata precedence, counts.
	b := &book.Book{Chapters: chapters, Images: l.images}
	l.assignIDs(b)
	l.count(b)
	b.Meta = l.metadata(path)
	if c := l.opts.Meta.Cover; c != "" {
		// A cover named in book.toml is relative to the source folder.
		key, ok := l.readImage(srcFile{name: "book.toml", path: filepath.Join(l.root, "book.toml")}, c, book.Pos{File: "book.toml"})
		if ok {
			b.Meta.Cover = key
		} else {
			b.Meta.Cover = ""
		}
	}
	return b, nil
}

// listFiles returns the folder that bounds image paths and the manuscript files
// (display name and absolute path) in reading order.
func (l *loader) listFiles(path string) (string, []srcFile, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", nil, fmt.Errorf("load %s: %w", path, err)
	}
	if !st.IsDir() {
		if !isManuscript(path) {
			return "", nil, fmt.Errorf("load %s: not a .txt, .md or .docx file, nor a saved web page (.html, .htm) or an .epub; give a folder or such a file", path)
		}
		root, err := realDir(filepath.Dir(path))
		if err != nil {
			return "", nil, fmt.Errorf("load %s: %w", path, err)
		}
		return root, []srcFile{{name: filepath.ToSlash(path), path: path, rel: filepath.Base(path)}}, nil
	}
	root, err := realDir(path)
	if err != nil {
		return "", nil, fmt.Errorf("load %s: %w", path, err)
	}
	display := func(name string) string { return filepath.ToSlash(filepath.Join(path, name)) }
	if len(l.opts.Chapters) > 0 {
		var files []srcFile
		for i, name := range l.opts.Chapters {
			clean := filepath.Clean(filepath.FromSlash(name))
			if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
				return "", nil, fmt.Errorf("load %s: chapters[%d] %q is outside the folder; list files inside it", path, i, name)
			}
			p := filepath.Join(path, clean)
			fi, err := os.Stat(p)
			if err != nil {
				return "", nil, fmt.Errorf("load %s: chapters[%d] %q: %w; fix the chapters list in book.toml", path, i, name, err)
			}
			if fi.IsDir() || !isManuscript(p) {
				return "", nil, fmt.Errorf("load %s: chapters[%d] %q is not a .txt, .md, .docx, .html or .epub file", path, i, name)
			}
			if err := insideRoot(root, p); err != nil {
				return "", nil, fmt.Errorf("load %s: chapters[%d] %q: %w", path, i, name, err)
			}
			files = append(files, srcFile{name: display(clean), path: p, rel: filepath.ToSlash(clean)})
		}
		return root, files, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "", nil, fmt.Errorf("load %s: %w", path, err)
	}
	var names []string
	var summary string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isManuscript(name) || strings.HasPrefix(name, ".") {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if err := insideRoot(root, filepath.Join(path, name)); err != nil {
				l.warn(book.Pos{File: display(name)}, "skipped: %v", err)
				continue
			}
		}
		if strings.EqualFold(name, "SUMMARY.md") {
			summary = filepath.Join(path, name)
			l.warn(book.Pos{File: display(name)}, "not a chapter: an mdBook table of contents; the files it links to come first, in its order")
			continue
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return "", nil, fmt.Errorf("load %s: %w: the folder has no .txt, .md, .docx or .html files, nor an .epub; put the manuscript there or name a file", path, ErrNoChapters)
	}
	sort.SliceStable(names, func(i, j int) bool { return naturalLess(names[i], names[j]) })
	if summary != "" {
		names = summaryOrder(summary, names)
	}
	files := make([]srcFile, len(names))
	for i, n := range names {
		files[i] = srcFile{name: display(n), path: filepath.Join(path, n), rel: n}
	}
	return root, files, nil
}

// srcFile is one manuscript file: the name used in positions, its path on disk
// and its name relative to the folder (as book.toml's chapters lists it).
type srcFile struct {
	name string
	path string
	rel  string
}

func isManuscript(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm" || isWord(name) || ext == ".epub"
}

// formatName names the format a manuscript file is read as.
func formatName(name string) string {
	switch {
	case isMarkdown(name):
		return "markdown"
	case isWord(name):
		return "docx"
	case isHTML(name):
		return "html"
	case isEPUB(name):
		return "epub"
	}
	return "text"
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// maxFileSize bounds one manuscript file; larger files are refused with a message.
const maxFileSize = 256 << 20

// loadFile reads, decodes and parses one file into chapters.
func (l *loader) loadFile(f srcFile, enc encSetting, single bool) ([]*book.Chapter, string, error) {
	fi, err := os.Stat(f.path)
	if err != nil {
		return nil, "", fmt.Errorf("load %s: %w", f.name, err)
	}
	if fi.Size() > maxFileSize {
		return nil, "", fmt.Errorf("load %s: %d bytes is more than the %d MB a manuscript file may have; split it", f.name, fi.Size(), maxFileSize>>20)
	}
	if isEPUB(f.name) {
		return l.loadEPUB(f)
	}
	raw, err := os.ReadFile(f.path)
	if err != nil {
		return nil, "", fmt.Errorf("load %s: %w", f.name, err)
	}
	if isWord(f.name) {
		cs, err := l.parseWord(f, raw, single)
		if err != nil {
			return nil, "", fmt.Errorf("load %s: %w", f.name, err)
		}
		return cs, "utf-8", nil
	}
	if isHTML(f.name) {
		return l.parseHTML(f, raw, enc, single)
	}
	text, encName, err := decode(raw, enc)
	if err != nil {
		return nil, "", fmt.Errorf("load %s: %w", f.name, err)
	}
	if strings.TrimSpace(text) == "" { // TrimSpace trims U+3000 too
		return nil, "", fmt.Errorf("load %s: the file is empty; add text or remove it", f.name)
	}
	if isMarkdown(f.name) {
		return l.parseMarkdown(f, text, single), encName, nil
	}
	return l.parseText(f.name, text, single), encName, nil
}

// assignIDs gives chapters their stable IDs (ch001 …) and headings book-unique ones.
func (l *loader) assignIDs(b *book.Book) {
	for i, c := range b.Chapters {
		c.ID = fmt.Sprintf("ch%03d", i+1)
		n := 0
		c.Walk(func(bl book.Block) bool {
			if h, ok := bl.(*book.Heading); ok {
				n++
				h.ID = c.ID + "-s" + strconv.Itoa(n)
			}
			return true
		})
	}
}

// metadata merges book.toml overrides, front matter and what the text shows.
func (l *loader) metadata(path string) book.Metadata {
	m := l.opts.Meta
	pick := func(dst *string, vals ...string) {
		if *dst != "" {
			return
		}
		for _, v := range vals {
			if v != "" {
				*dst = v
				return
			}
		}
	}
	if m.Title == "" {
		m.Title = l.title(path)
		l.stats.TitleFromName = firstNonEmpty(l.fm.Title, l.text.Title) == ""
	}
	pick(&m.Subtitle, l.fm.Subtitle, l.text.Subtitle)
	pick(&m.Author, l.fm.Author, l.text.Author)
	lang := "zh-CN"
	if l.script.Script() == cjk.Traditional {
		lang = "zh-TW" // mostly traditional characters
	}
	pick(&m.Language, l.fm.Language, lang)
	pick(&m.Publisher, l.fm.Publisher)
	pick(&m.Date, l.fm.Date, l.text.Date)
	pick(&m.Description, l.fm.Description, l.text.Description)
	pick(&m.Identifier, l.fm.Identifier)
	pick(&m.Cover, l.fm.Cover)
	pick(&m.Source, filepath.ToSlash(path))
	pick(&m.Encoding, l.stats.Encoding)
	return m
}

// title returns the book's title: book.toml's, the front matter's, the one
// the text shows, else the name of the folder or file at path.
func (l *loader) title(path string) string {
	if t := firstNonEmpty(l.opts.Meta.Title, l.fm.Title, l.text.Title); t != "" {
		return t
	}
	p := path
	if abs, err := filepath.Abs(path); err == nil {
		p = abs
	}
	base := filepath.Base(p)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// count fills the book-wide counts in Stats.
func (l *loader) count(b *book.Book) {
	l.stats.Chapters = len(b.Chapters)
	l.stats.Images = len(b.Images)
	for _, c := range b.Chapters {
		l.stats.Chars += runeCount(c.Title) + runeCount(c.Subtitle)
		c.Walk(func(bl book.Block) bool {
			switch bl := bl.(type) {
			case *book.Paragraph:
				l.stats.Paragraphs++
				for _, r := range bl.Runs {
					l.stats.Chars += runeCount(r.Text)
					if !l.script.Enough() {
						l.script.Add(r.Text)
					}
				}
			case *book.Heading:
				for _, r := range bl.Runs {
					l.stats.Chars += runeCount(r.Text)
				}
			case *book.CodeBlock:
				l.stats.Chars += runeCount(bl.Text)
			case *book.Table:
				l.stats.Chars += runeCount(book.Text(bl))
			default: // quotes and lists hold blocks, which Walk visits; breaks and images hold no text
			}
			return true
		})
	}
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// shorten cuts s to at most n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// naturalLess orders names with embedded numbers by value: "2.txt" before "10.txt".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// summaryOrder puts the files an mdBook SUMMARY.md links to first, in its
// order; the others follow in name order.
func summaryOrder(summary string, names []string) []string {
	data, err := os.ReadFile(summary)
	if err != nil {
		return names
	}
	present := make(map[string]bool, len(names))
	for _, n := range names {
		present[n] = true
	}
	var out []string
	used := map[string]bool{}
	text := string(data)
	for {
		i := strings.Index(text, "](")
		if i < 0 {
			break
		}
		text = text[i+2:]
		j := strings.IndexAny(text, ")\n")
		if j < 0 {
			break
		}
		target := strings.TrimPrefix(strings.TrimSpace(text[:j]), "./")
		if k := strings.IndexByte(target, '#'); k >= 0 {
			target = target[:k]
		}
		if present[target] && !used[target] {
			used[target] = true
			out = append(out, target)
		}
	}
	for _, n := range names {
		if !used[n] {
			out = append(out, n)
		}
	}
	return out
}

// sortDiags orders the warnings by line within each file, files in reading order.
func (l *loader) sortDiags() {
	order := map[string]int{}
	for _, d := range l.diags {
		if _, ok := order[d.At.File]; !ok {
			order[d.At.File] = len(order)
		}
	}
	sort.SliceStable(l.diags, func(i, j int) bool {
		a, b := l.diags[i].At, l.diags[j].At
		if a.File != b.File {
			return order[a.File] < order[b.File]
		}
		return a.Line < b.Line
	})
}
