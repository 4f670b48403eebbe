package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book"
)

// TestWebPageBadInput runs saved pages that are broken or hostile: each either
// loads with a warning or fails with an error naming the file, never panics.
func TestWebPageBadInput(t *testing.T) {
	deep := strings.Repeat("<div>", 50000) + "深处的字" + strings.Repeat("</div>", 50000)
	for _, tc := range []struct {
		name, page string
		err        string // substring of the error; "" = loads
		warn       string // substring of a warning when it loads
	}{
		{"empty", "", "the file is empty", ""},
		{"white space", " \n\t\n", "the file is empty", ""},
		{"binary", "<html>\x00\x01\x02\x00\x00\x00PK\x03\x04" + strings.Repeat("\x00", 64), "in.html", ""},
		{"scripts only", "<html><head><script>var x='字';</script></head><body><script>y()</script></body></html>", "no chapters", ""},
		{"deep nesting", deep, "exceeds 512", ""},
		{"unclosed everything", "<html><body><p>开头<b>粗<i>斜<table><tr><td>格", "", "开头"},
		{"unknown charset", `<meta charset="shift_jis"><p>一段中文。</p>`, "", "not read by cjkbook"},
		{"lying charset", "<meta charset=\"gbk\"><p>\xe4\xb8\xad\xe6\x96\x87\xe7\x9a\x84\xe4\xb8\x80\xe6\xae\xb5\xe3\x80\x82</p>", "", "bytes are not in it"},
		{"javascript links and data images", `<p><a href="javascript:alert(1)">链接</a><img src="data:image/png;base64,AAAA" alt="图"></p>`, "", "data: URL"},
		{"image outside the folder", `<p>图：<img src="../../etc/passwd" alt="外面"></p>`, "", "outside the source folder"},
		{"frameset", `<frameset><frame src="a.html"></frameset><noframes>没有框架时的字</noframes>`, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "in.html")
			if err := os.WriteFile(p, []byte(tc.page), 0o644); err != nil {
				t.Fatal(err)
			}
			b, diags, err := Load(p, Options{})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error = %v, want one containing %q", err, tc.err)
				}
				if !strings.Contains(err.Error(), "in.html") {
					t.Errorf("error %q does not name the file", err)
				}
				return
			}
			if err != nil {
				if errors.Is(err, ErrNoChapters) && tc.warn == "" {
					return
				}
				t.Fatalf("error = %v", err)
			}
			all := ""
			for _, d := range diags {
				all += d.String() + "\n"
			}
			for _, c := range b.Chapters {
				for _, bl := range c.Blocks {
					all += book.Text(bl) + "\n"
				}
			}
			if tc.warn != "" && !strings.Contains(all, tc.warn) {
				t.Errorf("want %q in the warnings or text; got:\n%s", tc.warn, all)
			}
		})
	}
}

// FuzzWebPage loads arbitrary bytes as a saved page: no panic, an error names
// the file, and a page of at most 64 KB loads in well under a second.
func FuzzWebPage(f *testing.F) {
	for _, s := range []string{
		"<html><head><title>题_站</title></head><body><p>正文。</p></body></html>",
		"<meta charset=gbk><p>\xd6\xd0\xce\xc4</p>",
		"<table><tr><td colspan=99999>格</td></tr></table><ol start=-5><li>项</li></ol>",
		"<ruby>汉<rt>hàn</rt></ruby><sup><sub><kbd>键</kbd></sub></sup><a href=\"https://x\">链</a>",
		"<pre><code class=language-go>x := 1\n</code></pre><blockquote><blockquote><p>引</p></blockquote></blockquote>",
		"<p>作者：某某　时间：2020-01-01</p><h1>题</h1><p>文</p>",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		p := filepath.Join(dir, "page.html")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, _, err := Load(p, Options{})
		if err != nil && !strings.Contains(err.Error(), "page.html") {
			t.Errorf("error %q does not name the file", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%d bytes took %v", len(data), d)
		}
	})
}

// BenchmarkLoadWebPage loads a 1 MB saved page: 600 paragraphs of article
// inside a page's navigation, sidebar and comments.
func BenchmarkLoadWebPage(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<html><head><meta charset="utf-8"><title>长文_某网</title></head><body><ul class="nav">`)
	for i := 0; i < 50; i++ {
		sb.WriteString(`<li><a href="/c.html">栏目</a></li>`)
	}
	sb.WriteString(`</ul><div class="article"><h1>长文</h1>`)
	para := strings.Repeat("夜里下起了雨，我坐在窗前听雨点敲在铁皮屋顶上，<em>一声比一声急</em>。", 20)
	for sb.Len() < 1<<20 {
		sb.WriteString("<p>" + para + "</p>\n")
	}
	sb.WriteString(`</div><div class="comments"><p>好文。</p></div></body></html>`)
	dir := b.TempDir()
	p := filepath.Join(dir, "long.html")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(sb.Len()))
	for b.Loop() {
		if _, _, err := Load(p, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestByline checks the byline fields that name the author and date, with the
// author labels the text loader takes too.
func TestByline(t *testing.T) {
	cases := []struct {
		line, author, date string
	}{
		{"作者：林海音　时间：2020-01-01", "林海音", "2020-01-01"},
		{"著者：林海音 | 来源：某某网", "林海音", ""},
		{"作　者：林海音", "林海音", ""},
		{"作者： 林海音", "林海音", ""},
		{"文/林海音 2023年5月1日", "林海音", "2023-05-01"},
	}
	for _, c := range cases {
		if !bylineRe.MatchString(c.line) {
			t.Errorf("%q is not taken as a byline", c.line)
			continue
		}
		var m pageInfo
		m.fromByline(c.line)
		if m.author != c.author || m.date != c.date {
			t.Errorf("%q: author %q, date %q; want %q, %q", c.line, m.author, m.date, c.author, c.date)
		}
	}
}
