package load

import (
	"fmt"
	"strings"

	east "github.com/yuin/goldmark/extension/ast"

	"cjkbook/book"
)

// table converts a GFM table.
func (c *mdConv) table(t *east.Table, at book.Pos) *book.Table {
	tb := &book.Table{At: at}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			tb.Align = append(tb.Align, "left")
		case east.AlignCenter:
			tb.Align = append(tb.Align, "center")
		case east.AlignRight:
			tb.Align = append(tb.Align, "right")
		default:
			tb.Align = append(tb.Align, "")
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []book.Cell
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, book.Cell{Runs: c.cellRuns(cell)})
		}
		if _, ok := row.(*east.TableHeader); ok {
			tb.Header = cells
		} else {
			tb.Rows = append(tb.Rows, cells)
			if r, ok := row.(*east.TableRow); ok {
				c.checkRow(r, len(t.Alignments))
			}
		}
	}
	return tb
}

// checkRow reports a table row with more cells than the header: GFM drops the
// extra cells, so their text is reported as removed.
func (c *mdConv) checkRow(r *east.TableRow, cols int) {
	start := r.Pos()
	if start < 0 || start >= len(c.src) {
		return
	}
	end := start
	for end < len(c.src) && c.src[end] != '\n' {
		end++
	}
	line := strings.TrimSpace(string(c.src[start:end]))
	if countCells(line) > cols {
		c.l.drop(c.pos(start), fmt.Sprintf("table row has more cells than the header's %d; the extra cells are dropped", cols), line)
	}
}

// countCells counts the |-separated cells of a table row (escaped pipes and
// pipes inside code spans do not separate).
func countCells(line string) int {
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, "\\|") {
		line = line[:len(line)-1]
	}
	n, code := 1, false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '`':
			code = !code
		case '|':
			if !code {
				n++
			}
		}
	}
	return n
}
