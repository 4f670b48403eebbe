package load

import (
	"strings"

	"cjkbook/book"
)

// openingWords returns the first words of the chapter's first paragraph, for a
// subtitle that tells apart chapters whose headings repeat the book title.
func openingWords(blocks []book.Block) string {
	for _, bl := range blocks {
		p, ok := bl.(*book.Paragraph)
		if !ok {
			continue
		}
		t := strings.TrimLeft(book.Plain(p.Runs), "“「『\"'‘")
		var sb strings.Builder
		n := 0
		for _, r := range t {
			if strings.ContainsRune("，。！？；：、,.!?;:”」』…", r) {
				if n >= 8 {
					break
				}
				if strings.ContainsRune("。！？!?…", r) {
					break
				}
			}
			if n >= 16 {
				sb.WriteString("…")
				break
			}
			sb.WriteRune(r)
			n++
		}
		return strings.TrimRight(sb.String(), "，、,；;：:")
	}
	return ""
}
