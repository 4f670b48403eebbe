package epub

import (
	"bytes"
	"testing"

	"cjkbook/book"
)

// TestInlineMarkup checks the upright-digit spans of vertical books and the full-cell
// quote spans of horizontal ones, across run boundaries.
func TestInlineMarkup(t *testing.T) {
	for _, tc := range []struct {
		name     string
		vertical bool
		runs     []book.Run
		want     string
	}{
		{"digits", true, []book.Run{{Text: "6月11日，第123場，2024年"}},
			`<span class="tcy">6</span>月<span class="tcy">11</span>日，第<span class="tcy">123</span>場，2024年`},
		{"digits in code", true, []book.Run{{Text: "端口 80", Style: book.Code}}, `<code>端口 80</code>`},
		{"digits horizontal", false, []book.Run{{Text: "6月11日"}}, `6月11日`},
		{"cjk quotes", false, []book.Run{{Text: "控“硬仗”。"}},
			`控<span class="cq">“</span>硬仗<span class="cq">”</span>。`},
		{"latin quotes", false, []book.Run{{Text: `他说 “hello” 了`}}, `他说 “hello” 了`},
		{"quote after quote", false, []book.Run{{Text: "“‘中’”"}},
			`“<span class="cq">‘</span>中<span class="cq">’</span><span class="cq">”</span>`},
		{"across runs", false, []book.Run{{Text: "说“"}, {Text: "好", Style: book.Strong}, {Text: "”"}},
			`说<span class="cq">“</span><strong>好</strong><span class="cq">”</span>`},
		{"before a run", false, []book.Run{{Text: "“"}, {Text: "好"}},
			`<span class="cq">“</span>好`},
		{"vertical quotes untouched", true, []book.Run{{Text: "控“硬仗”"}}, `控“硬仗”`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &renderer{inline: inline{vertical: tc.vertical, quotes: !tc.vertical}}
			var buf bytes.Buffer
			r.runs(&buf, &chapterPlan{}, tc.runs, &noteRefs{})
			if got := buf.String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			used := map[string]bool{}
			r.inline.classes(&book.Book{Chapters: []*book.Chapter{{Blocks: []book.Block{&book.Paragraph{Runs: tc.runs}}}}}, used)
			if used["tcy"] != bytes.Contains(buf.Bytes(), []byte(`"tcy"`)) && tc.name != "digits in code" {
				t.Errorf("classes: tcy %v", used["tcy"])
			}
			if used["cq"] != bytes.Contains(buf.Bytes(), []byte(`"cq"`)) {
				t.Errorf("classes: cq %v", used["cq"])
			}
		})
	}
}
