package layout

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
)

// chapterHead matches the chapter headings of the corpus novels (第X回, 楔子).
var chapterHead = regexp.MustCompile(`^[ 　]?(第[一二三四五六七八九十百千零〇两0-9]+[回章篇]|楔子)([ 　\t]|$)`)

// textBook is a small stand-in for the loader: it turns a plain-text file into a book
// whose chapters start at 第X回 headings (or one chapter per file), with paragraphs
// split at blank lines when the file has them (joining hard-wrapped lines), else one
// per line.
func textBook(t testing.TB, paths ...string) *book.Book {
	t.Helper()
	b := &book.Book{Meta: book.Metadata{Title: "测试", Author: "佚名", Language: "zh-CN"}}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		lines := strings.Split(text, "\n")
		blank := strings.Contains(text, "\n\n")
		var ch *book.Chapter
		var para strings.Builder
		flush := func(line int) {
			s := strings.TrimSpace(strings.Trim(para.String(), "　\t "))
			para.Reset()
			if s == "" {
				return
			}
			if ch == nil {
				ch = &book.Chapter{Title: filepath.Base(p), ID: "ch" + strconv.Itoa(len(b.Chapters)+1)}
				b.Chapters = append(b.Chapters, ch)
			}
			ch.Blocks = append(ch.Blocks, &book.Paragraph{Runs: []book.Run{{Text: s}}, At: book.Pos{File: p, Line: line}})
		}
		for i, ln := range lines {
			ln = strings.TrimRight(ln, " \t\r")
			if chapterHead.MatchString(ln) {
				flush(i)
				ch = &book.Chapter{Title: strings.TrimSpace(strings.Trim(ln, "　 ")), ID: "ch" + strconv.Itoa(len(b.Chapters)+1), At: book.Pos{File: p, Line: i + 1}}
				b.Chapters = append(b.Chapters, ch)
				continue
			}
			trimmed := strings.Trim(ln, " 　\t")
			if trimmed == "" {
				flush(i)
				continue
			}
			if !blank {
				para.WriteString(trimmed)
				flush(i + 1)
				continue
			}
			para.WriteString(trimmed)
		}
		flush(len(lines))
	}
	return b
}

// corpusTexts returns every plain text of the shared corpus plus the seed, by name.
func corpusTexts(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{"seed": {testenv.Seed(t)}}
	add := func(name, dir, glob string) {
		if _, err := os.Stat(filepath.Join(testenv.RepoRoot(t), "..", "shared", "corpus")); err != nil && os.Getenv("CJKBOOK_CORPUS") == "" {
			return
		}
		base := testenv.Corpus(t, dir)
		m, _ := filepath.Glob(filepath.Join(base, glob))
		sort.Strings(m)
		if len(m) > 0 {
			out[name] = m
		}
	}
	add("hongloumeng", "hongloumeng", "*.txt")
	add("shuihuzhuan", "shuihuzhuan", "*.txt")
	add("yecao", "luxun-essays", "yecao/*.txt")
	add("zhaohua", "luxun-essays", "zhaohua-xishi/*.txt")
	add("trpl", "trpl-zh-cn", "src/*.md")
	add("copywriting", "zh-copywriting-guide", "*.md")
	return out
}
