package layout_test

import (
	"fmt"

	"cjkbook/book/pdf/layout"
)

// ExampleBreakParagraph sets a sentence in lines of five characters (50 pt at 10 pt) with
// the fake metrics: ：“ and ？” are compressed to 1.5 em, the first line is justified by
// spreading the space it has left, the closing quote at the paragraph end drops its
// blank, and the last line is flush left at natural spacing.
func ExampleBreakParagraph() {
	text := []rune("他说：“我们明天去北京，好吗？”")
	for _, ln := range layout.BreakParagraph(text, layout.FakeMetrics{}, 10, 50, 0, layout.DefaultOptions()) {
		fmt.Printf("%s  width %.1f, spacing %.2f\n", string(text[ln.Start:ln.End]), ln.Right, ln.Spacing)
	}
	// Output:
	// 他说：“我  width 50.0, spacing 1.25
	// 们明天去北  width 50.0, spacing 0.00
	// 京，好吗？”  width 48.5, spacing 0.00
}
