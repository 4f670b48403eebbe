package golden

import (
	"fmt"
	"strings"
)

// context is how many equal lines Diff shows around each change.
const context = 3

// maxCells bounds the table of the longest common subsequence (lines × lines);
// past it Diff shows the differing middle as removed, then added, in one hunk.
const maxCells = 4 << 20

// Diff returns a line diff from want to got in the unified style: hunks headed
// "@@ -want +got @@" with "-" for want's lines, "+" for got's and three lines of
// context; "" when the texts are equal.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	ops := edits(w, g)
	var sb strings.Builder
	for start := 0; start < len(ops); {
		if ops[start].kind == ' ' {
			start++
			continue
		}
		// A hunk runs from context lines before the first change to context lines
		// after the last change that is not more than 2·context equal lines away.
		end := start
		for i := start; i < len(ops); i++ {
			if ops[i].kind != ' ' {
				end = i
			} else if i-end > 2*context {
				break
			}
		}
		from, to := max(start-context, 0), min(end+context+1, len(ops))
		fmt.Fprintf(&sb, "@@ -%d +%d @@\n", ops[from].w+1, ops[from].g+1)
		for _, op := range ops[from:to] {
			sb.WriteByte(op.kind)
			sb.WriteString(op.text)
			sb.WriteByte('\n')
		}
		start = to
	}
	return sb.String()
}

// edit is one line of a diff: kind ' ' (in both), '-' (want only) or '+' (got only),
// with the line's index in want and in got where the line stands.
type edit struct {
	kind byte
	text string
	w, g int
}

// edits returns the lines of w and g as a shortest edit script: the longest common
// subsequence of their lines after the common prefix and suffix are set aside.
func edits(w, g []string) []edit {
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	var ops []edit
	for i := range pre {
		ops = append(ops, edit{' ', w[i], i, i})
	}
	mw, mg := w[pre:len(w)-suf], g[pre:len(g)-suf]
	if len(mw)*len(mg) > maxCells {
		for i, s := range mw {
			ops = append(ops, edit{'-', s, pre + i, pre})
		}
		for j, s := range mg {
			ops = append(ops, edit{'+', s, pre + len(mw), pre + j})
		}
	} else {
		ops = append(ops, lcs(mw, mg, pre)...)
	}
	for k := range suf {
		i, j := len(w)-suf+k, len(g)-suf+k
		ops = append(ops, edit{' ', w[i], i, j})
	}
	return ops
}

// lcs diffs w and g (whose first lines stand at index off) through the table of
// their longest common subsequences.
func lcs(w, g []string, off int) []edit {
	n, m := len(w), len(g)
	// l[i*(m+1)+j] is the length of the longest common subsequence of w[i:] and g[j:].
	l := make([]int32, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if w[i] == g[j] {
				l[i*(m+1)+j] = l[(i+1)*(m+1)+j+1] + 1
			} else {
				l[i*(m+1)+j] = max(l[(i+1)*(m+1)+j], l[i*(m+1)+j+1])
			}
		}
	}
	var ops []edit
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && w[i] == g[j]:
			ops = append(ops, edit{' ', w[i], off + i, off + j})
			i, j = i+1, j+1
		case i < n && (j == m || l[(i+1)*(m+1)+j] >= l[i*(m+1)+j+1]):
			ops = append(ops, edit{'-', w[i], off + i, off + j})
			i++
		default:
			ops = append(ops, edit{'+', g[j], off + i, off + j})
			j++
		}
	}
	return ops
}
