package build_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/pdf/layout"
)

// lostPage is a saved 范文-site page: the article's paragraphs (articleParas)
// inside navigation, breadcrumbs, an ad, a byline, share buttons, prev/next
// links, a related list, comments, a footer and scripts.
const lostPage = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>看海的日子_美文欣赏_某某文章网</title>
<script>var a = "脚本里的字";</script></head>
<body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/meiwen/">美文</a></li><li><a href="/zuowen/">作文大全</a></li></ul>
<div class="crumbs">您现在的位置：<a href="/">首页</a> &gt; 美文欣赏 &gt; 正文</div>
<div class="ad"><a href="http://ads.example.com/"><img src="http://ads.example.com/x.gif" alt="广告位招租"></a></div>
<div class="main"><div class="article">
<h1>看海的日子</h1>
<p class="info">作者：海边人　发布时间：2022-08-15　点击：886</p>
<div class="content">
%s
</div>
<div class="share"><a href="#">分享到微信</a><a href="#">分享到微博</a></div>
<div class="page"><p>上一篇：<a href="/a.html">山里的雾</a></p><p>下一篇：<a href="/b.html">城里的灯</a></p></div>
</div>
<div class="related"><h3>相关阅读</h3><ul><li><a href="/1.html">大海的声音</a></li><li><a href="/2.html">夏天的沙滩</a></li></ul></div>
<div class="comments"><h3>网友点评</h3><div class="comment">好文章，收藏了！</div></div>
</div>
<div class="footer">Copyright 2022 某某文章网 版权所有 备案号：沪ICP备00000000号</div>
<script>document.write("统计代码");</script>
</body></html>`

var articleParas = []string{
	"　　那年夏天，我第一次看见海。海是灰蓝色的，远处和天连在一起，分不清哪里是水，哪里是云。",
	"　　父亲牵着我的手走到水边。浪一层一层地涌上来，打湿了我的鞋子，我吓得往后退，父亲却哈哈大笑。",
	"　　傍晚，渔船陆续回港。码头上挤满了人，鱼腥味、柴油味和海风混在一起，成了我记忆里夏天的味道。",
	"　　后来我又去过许多地方的海，却再也没有那样的心情。大概人一生中，第一次总是最难忘的。",
}

// TestNothingLostWebPage builds a saved GBK web page and checks that every
// character of the article reaches both books, in order, that the article is
// all the page kept (its Han characters are exactly the article's), and that
// the one warning about the page furniture reports as dropped exactly the
// characters of the page that are not in the book.
func TestNothingLostWebPage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a PDF and runs pdftotext: not in -short")
	}
	var paras strings.Builder
	for _, p := range articleParas {
		paras.WriteString("<p>" + p + "</p>\n")
	}
	page := strings.Replace(lostPage, "%s", paras.String(), 1)
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "看海的日子.html")
	if err := os.WriteFile(src, []byte(gbk), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: filepath.Join(dir, "out")})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	b := res.Book
	if b.Meta.Title != "看海的日子" || b.Meta.Author != "海边人" || b.Meta.Date != "2022-08-15" {
		t.Errorf("metadata: title %q author %q date %q", b.Meta.Title, b.Meta.Author, b.Meta.Date)
	}
	n := checkInOrder(t, b, bodyText(t, res.PDFPath, layout.DefaultOptions()))
	m := checkInOrder(t, b, epubText(t, res.EPUBPath))
	if n != len(articleParas) || m != len(articleParas) {
		t.Errorf("%d blocks in the PDF, %d in the EPUB; want %d", n, m, len(articleParas))
	}
	han := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Han, r) {
				return r
			}
			return -1
		}, s)
	}
	var model strings.Builder
	for _, c := range b.Chapters {
		c.Walk(func(bl book.Block) bool {
			model.WriteString(book.Text(bl))
			return true
		})
	}
	if got, want := han(model.String()), han(strings.Join(articleParas, "")); got != want {
		t.Errorf("the book's text is not the article's:\n got %s\nwant %s", got, want)
	}
	// The page's visible characters (body text outside scripts) minus the book's are
	// what the warning must report as dropped.
	body := page[strings.Index(page, "<body>"):]
	body = regexp.MustCompile(`(?s)<script>.*?</script>|<[^>]*>`).ReplaceAllString(body, "")
	body = strings.ReplaceAll(body, "&gt;", ">")
	visible := func(s string) int {
		k := 0
		for _, r := range s {
			if !unicode.IsSpace(r) && r != '\u3000' {
				k++
			}
		}
		return k
	}
	kept := visible(model.String())
	want := visible(body) - kept
	re := regexp.MustCompile(`kept the article \((\d+) characters.*dropped (\d+) characters`)
	found := false
	for _, d := range res.Diagnostics {
		if mm := re.FindStringSubmatch(d.Msg); mm != nil {
			found = true
			if k, _ := strconv.Atoi(mm[1]); k != kept {
				t.Errorf("warning says %s characters kept, the book holds %d: %s", mm[1], kept, d)
			}
			if dr, _ := strconv.Atoi(mm[2]); dr != want {
				t.Errorf("warning says %s characters dropped, the page has %d not in the book: %s", mm[2], want, d)
			}
		}
	}
	if !found {
		t.Errorf("no warning about the dropped page furniture; diagnostics: %v", res.Diagnostics)
	}
	t.Logf("kept %d characters, dropped %d; %d pages", kept, want, res.Pages)
}
