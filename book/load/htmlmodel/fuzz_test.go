package htmlmodel

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"cjkbook/book"
)

// FuzzConvert parses and converts arbitrary HTML: no panic, valid UTF-8 runs,
// no empty paragraphs, and every position inside the source's lines.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"<p>2<sup>8</sup><br>行</p>",
		"<ul><li>甲<ol><li>乙</ol></ul><table><tr><th>头<td colspan=3>格</table>",
		"<pre>a\n<b>b</b></pre><blockquote><h2>题</h2></blockquote>",
		"<ruby>汉<rp>(<rt>hàn<rp>)</ruby><abbr title=t>A</abbr><img src=local/a.png alt=图>",
		"<a href=https://x>链<a href=javascript:1>坏</a><script>x</script><p hidden>藏</p>",
		strings.Repeat("<blockquote>", 40) + "深",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		res, err := ConvertBytes(data, Options{File: "f.html", Image: func(src string, _ book.Pos) (string, bool) { return src, true }})
		if err != nil {
			return // the parser's own limits (nesting) are errors, not panics
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		ch := &book.Chapter{Blocks: res.Blocks}
		ch.Walk(func(b book.Block) bool {
			if l := b.Pos().Line; l < 0 || l > lines {
				t.Errorf("%s at line %d of %d", b.Kind(), l, lines)
			}
			if p, ok := b.(*book.Paragraph); ok {
				if len(p.Runs) == 0 {
					t.Error("empty paragraph")
				}
				for _, r := range p.Runs {
					if !utf8.ValidString(r.Text) {
						t.Errorf("invalid UTF-8 in %q", r.Text)
					}
				}
			}
			return true
		})
	})
}
