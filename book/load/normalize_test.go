package load

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
)

// TestNormalizeSpaces: spaces and tabs beside full-width marks go; every other
// space stays.
func TestNormalizeSpaces(t *testing.T) {
	tests := []struct {
		name, in, want string
		spaces         int // gaps removed
	}{
		{"quotes around CJK", "人直觉上的 “字符” 可能与", "人直觉上的“字符”可能与", 2},
		{"parens around Latin", "中文 （English） 文本", "中文（English）文本", 2},
		{"after comma", "的语言中， GC 记录", "的语言中，GC 记录", 1},
		{"before comma", "一部 iPhone ，好开心！", "一部 iPhone，好开心！", 1},
		{"enumeration comma", "生命周期、 trait、类型", "生命周期、trait、类型", 1},
		{"before period", "内存 。", "内存。", 1},
		{"all stops", "甲 ； 乙 ： 丙 ？ 丁 ！ 戊", "甲；乙：丙？丁！戊", 8},
		{"book title marks", "和 《书名》 的 〈篇名〉 例", "和《书名》的〈篇名〉例", 4},
		{"brackets", "【注】 〔口牛〕 〖上兆下鼓〗 「引」 『号』", "【注】〔口牛〕〖上兆下鼓〗「引」『号』", 4},
		{"inside brackets", "（ 注 ）", "（注）", 2},
		{"several spaces and tabs", "多个  \t （括号）\t\t也", "多个（括号）也", 2},
		{"quote then paren", "“integer overflow” ），对", "“integer overflow”），对", 1},
		{"double space before quote", "增加  “hay”（“apple”", "增加“hay”（“apple”", 1},
		{"straight quotes converted first", `他说 "你好" 然后`, "他说“你好”然后", 2},
		{"lone spaced dash becomes two", "中文 — 破折号", "中文——破折号", 2},
		{"dash pair", "以及 —— 然后", "以及——然后", 2},
		{"ellipsis", "等等 …… 然后", "等等……然后", 2},
		{"comma then ASCII comma converts", "中 , 。", "中，。", 2},
		{"Chinese quote around Latin", "会变成 “irst-fay”。", "会变成“irst-fay”。", 1},
		{"closing quote before Latin", "“字符” type", "“字符”type", 1},
		{"before note-like digit", "值 “一” ， 二", "值“一”，二", 3},

		// Kept.
		{"between Latin words", "Hello world 中文", "Hello world 中文", 0},
		{"Latin around CJK", "用 Rust 写", "用 Rust 写", 0},
		{"English curly quotes", "English “quotes” stay", "English “quotes” stay", 0},
		{"English dash", "x — y stays", "x — y stays", 0},
		{"English ellipsis", "fine … really", "fine … really", 0},
		{"apostrophe", "it’s fine", "it’s fine", 0},
		{"Latin-context straight quote", `他说 "Hello world" 然后`, `他说 "Hello world" 然后`, 0},
		{"ASCII comma between spaces", "中 , 文", "中 , 文", 0},
		{"ideographic space", "全角空格　“保留”　不变", "全角空格　“保留”　不变", 0},
		{"beside a URL", "网址 https://example.com/a ，不变", "网址 https://example.com/a ，不变", 0},
		{"leading and trailing", " ，中文。 ", " ，中文。 ", 0},
		{"before a line break", "中文， \n下一行", "中文， \n下一行", 0},
		{"no marks", "中文 English 中文", "中文 English 中文", 0},
		{"half-width parens", "中文 (English) text", "中文 (English) text", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &normalizer{}
			got := n.normalize(tt.in)
			if got != tt.want {
				t.Errorf("normalize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if n.counts.Space != tt.spaces {
				t.Errorf("Space = %d, want %d (%+v)", n.counts.Space, tt.spaces, n.counts)
			}
			if n.counts.Total() < n.counts.Space {
				t.Errorf("Total %d leaves out Space %d", n.counts.Total(), n.counts.Space)
			}
			// Normalising again changes nothing.
			n2 := &normalizer{}
			if again := n2.normalize(got); again != got || n2.counts.Total() != 0 {
				t.Errorf("not idempotent: %q → %q (%+v)", got, again, n2.counts)
			}
		})
	}
}

// TestNormalizeRuns: in Markdown the spaces beside a mark go across run
// boundaries; code and note-reference runs never change.
func TestNormalizeRuns(t *testing.T) {
	type runs = []book.Run
	tests := []struct {
		name    string
		in      runs
		want    runs
		spaces  int
		comment string
	}{
		{"strong quote then text",
			runs{{Text: "“强调”", Style: book.Strong}, {Text: " 之后"}},
			runs{{Text: "“强调”", Style: book.Strong}, {Text: "之后"}}, 1, ""},
		{"text then link",
			runs{{Text: "和 "}, {Text: "“链接”", Style: book.Link, Href: "https://x.cn/ a"}, {Text: " 之后"}},
			runs{{Text: "和"}, {Text: "“链接”", Style: book.Link, Href: "https://x.cn/ a"}, {Text: "之后"}}, 2, ""},
		{"code then comma",
			runs{{Text: "有一个 "}, {Text: "u8", Style: book.Code}, {Text: " ，它"}},
			runs{{Text: "有一个 "}, {Text: "u8", Style: book.Code}, {Text: "，它"}}, 1, ""},
		{"code keeps its spaces",
			runs{{Text: "见"}, {Text: "“ x ” ， y", Style: book.Code}, {Text: " 之类"}},
			runs{{Text: "见"}, {Text: "“ x ” ， y", Style: book.Code}, {Text: " 之类"}}, 0, ""},
		{"note reference then period",
			runs{{Text: "脚注 "}, {Text: "1", Style: book.NoteRef, Href: "fn1"}, {Text: " 。"}},
			runs{{Text: "脚注 "}, {Text: "1", Style: book.NoteRef, Href: "fn1"}, {Text: "。"}}, 1, ""},
		{"gap split over two runs",
			runs{{Text: "中文 ", Style: book.Emphasis}, {Text: " （注）"}},
			runs{{Text: "中文", Style: book.Emphasis}, {Text: "（注）"}}, 1, ""},
		{"space-only run between marks",
			runs{{Text: "“甲”", Style: book.Strong}, {Text: " "}, {Text: "“乙”", Style: book.Strong}},
			runs{{Text: "“甲”", Style: book.Strong}, {Text: ""}, {Text: "“乙”", Style: book.Strong}}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &normalizer{}
			got := append(runs(nil), tt.in...)
			n.normalizeRuns(got)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d runs, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], tt.want[i]) {
					t.Errorf("run %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if n.counts.Space != tt.spaces {
				t.Errorf("Space = %d, want %d", n.counts.Space, tt.spaces)
			}
		})
	}
}

// TestTitleKind: Markdown chapter titles that make front and back matter.
func TestTitleKind(t *testing.T) {
	tests := []struct {
		title string
		want  book.ChapterKind
	}{
		{"序", book.Front}, {"序言", book.Front}, {"前言", book.Front}, {"引言", book.Front},
		{"引子", book.Front}, {"小引", book.Front}, {"题辞", book.Front}, {"自序", book.Front},
		{"序言：写在前面", book.Front}, {"前言 关于本书", book.Front}, {"题辞　野草", book.Front},
		{" 小引 ", book.Front},
		{"后记", book.Back}, {"跋", book.Back}, {"后记 二〇二六年春", book.Back}, {"附录 A：关键字", book.Back},
		{"序列化", book.Body}, {"跋涉", book.Body}, {"前言不搭后语", book.Body}, {"引言，以及其他", book.Body},
		{"第一章 序", book.Body}, {"介绍", book.Body}, {"楔子", book.Body}, {"", book.Body},
	}
	for _, tt := range tests {
		if got := titleKind(tt.title); got != tt.want {
			t.Errorf("titleKind(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestCorpusNoSpaceBesideMarks: the Markdown samples, which type spaces beside
// full-width marks (人直觉上的 “字符” 可能与), load without them outside code.
func TestCorpusNoSpaceBesideMarks(t *testing.T) {
	const marks = "《》〈〉「」『』（）【】〔〕〖〗，。、；：？！"
	bad := regexp.MustCompile(`[` + marks + `][ \t]+[^\s]|[^\s][ \t]+[` + marks + `]|[\p{Han}][ \t]+[“”]|[“”][ \t]+[\p{Han}]`)
	for _, path := range []string{"trpl-zh-cn/src", "zh-copywriting-guide"} {
		t.Run(path, func(t *testing.T) {
			b, st, _, err := LoadWithStats(testenv.Corpus(t, path), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if st.Punct.Space == 0 {
				t.Error("no spaces removed; the corpus has some")
			}
			check := func(at book.Pos, rs []book.Run) {
				var sb strings.Builder
				for _, r := range rs {
					if r.Style&(book.Code|book.NoteRef) != 0 {
						sb.WriteString("\x00") // a code span is a neighbour, not text to check
						continue
					}
					sb.WriteString(r.Text)
				}
				if m := bad.FindString(sb.String()); m != "" && !strings.Contains(m, "\x00") && !strings.Contains(sb.String(), "://") {
					t.Errorf("%v: space beside a mark: %q in %q", at, m, shorten(sb.String(), 120))
				}
			}
			for _, c := range b.Chapters {
				check(c.At, []book.Run{{Text: c.Title}})
				c.Walk(func(bl book.Block) bool {
					switch bl := bl.(type) {
					case *book.Paragraph:
						check(bl.At, bl.Runs)
					case *book.Heading:
						check(bl.At, bl.Runs)
					case *book.Table:
						for _, row := range append([][]book.Cell{bl.Header}, bl.Rows...) {
							for _, cell := range row {
								check(bl.At, cell.Runs)
							}
						}
					default:
						// code keeps its spaces; the other blocks hold no runs of their own
					}
					return true
				})
			}
		})
	}
}
