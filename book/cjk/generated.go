package cjk

import (
	"fmt"
	"strconv"
)

// Generated are the words a book adds to the manuscript itself, in one script: the
// labels of the navigation and its landmarks, the page list's title, the accessibility
// summary and the cover's description. Script.Generated chooses them, so a Traditional
// book says nothing in Simplified.
type Generated struct {
	Contents     string // heading of the table of contents: 目录
	Landmarks    string // label of the landmarks navigation: 导览
	Cover        string // the cover's landmark and the start of its description: 封面
	BodyMatter   string // the landmark of the first chapter: 正文
	PageList     string // label of the list of printed pages: 页码
	Footnotes    string // label of a chapter's footnotes: 注释
	Note         string // mark of a footnote without a label of its own: 注
	Untitled     string // title of a book that has none: 未命名
	PrintEdition string // the print edition the page numbers come from, unnamed: 印刷版
	// SummaryText, SummaryAlt and SummaryPages make up the accessibility summary: what
	// every book offers, that every picture is described, and (%s: the print edition)
	// that the printed page numbers are marked.
	SummaryText, SummaryAlt, SummaryPages string
}

// generated holds the strings of each script; the Traditional ones are the Simplified
// ones in Traditional characters and Taiwan's wording (標註, 頁碼, 導覽).
var generated = [...]Generated{
	Simplified: {
		Contents: "目录", Landmarks: "导览", Cover: "封面", BodyMatter: "正文", PageList: "页码",
		Footnotes: "注释", Note: "注", Untitled: "未命名", PrintEdition: "印刷版",
		SummaryText:  "本书为可重排的文字内容，已标注语言，提供层级目录、结构化标题与正确的阅读顺序，字号与字体可由阅读器调整。",
		SummaryAlt:   "所有图片均附有文字说明。",
		SummaryPages: "书中标有与印刷版（%s）一致的页码，可按页码跳转和引用。",
	},
	Traditional: {
		Contents: "目錄", Landmarks: "導覽", Cover: "封面", BodyMatter: "正文", PageList: "頁碼",
		Footnotes: "註釋", Note: "註", Untitled: "未命名", PrintEdition: "印刷版",
		SummaryText:  "本書為可重排的文字內容，已標註語言，提供層級目錄、結構化標題與正確的閱讀順序，字號與字體可由閱讀器調整。",
		SummaryAlt:   "所有圖片均附有文字說明。",
		SummaryPages: "書中標有與印刷版（%s）一致的頁碼，可按頁碼跳轉和引用。",
	},
}

// Generated returns the strings a book in script s adds itself.
func (s Script) Generated() Generated {
	if int(s) < len(generated) {
		return generated[s]
	}
	return generated[Simplified]
}

// CoverAlt is the description of the cover image: 封面：title, or 封面：title，author.
func (g Generated) CoverAlt(title, author string) string {
	alt := g.Cover + "：" + title
	if author != "" {
		alt += "，" + author
	}
	return alt
}

// ChapterLabel is the contents label of chapter n (from 1) when it has no title: 第n章,
// the same in both scripts.
func (g Generated) ChapterLabel(n int) string {
	return "第" + strconv.Itoa(n) + "章"
}

// Summary is the accessibility summary of a book: what every book offers, then that every
// picture is described when alt, and that the pages of the print edition source are
// marked when pages.
func (g Generated) Summary(alt, pages bool, source string) string {
	s := g.SummaryText
	if alt {
		s += g.SummaryAlt
	}
	if pages {
		s += fmt.Sprintf(g.SummaryPages, source)
	}
	return s
}
