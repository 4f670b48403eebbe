package cjk

// UprightDigits returns the length of the run of ASCII digits that starts at rs[i] when
// it is one to three digits long, and 0 otherwise (rs[i] not a digit, not the first digit
// of its run, or a run of four or more). Vertical text sets such a run upright and side
// by side in one cell (縱中橫, tate-chu-yoko; clreq §2.3.3): 6月11日, 第40頁; longer numbers
// such as years turn with the Latin text. Both books use it: the PDF's vertical layout
// and the EPUB's text-combine-upright markup.
func UprightDigits(rs []rune, i int) int {
	if i < 0 || i >= len(rs) || !isDigit(rs[i]) || i > 0 && isDigit(rs[i-1]) {
		return 0
	}
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	if j-i > 3 {
		return 0
	}
	return j - i
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
