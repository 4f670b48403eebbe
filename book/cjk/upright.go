package cjk

// UprightDigits returns the length of the run of ASCII digits that starts at rs[i] when
// it is one to three digits long and a number of its own, and 0 otherwise (rs[i] not a
// digit, not the first digit of its run, a run of four or more, or a part of a longer
// number or word: 3.14, 1,000, MP3, 3D). Vertical text sets such a run upright and side
// by side in one cell (縱中橫, tate-chu-yoko; clreq §2.3.3): 6月11日, 第40頁; longer numbers
// such as years, decimals and words with digits turn with the Latin text. Both books use
// it: the PDF's vertical layout and the EPUB's text-combine-upright markup.
func UprightDigits(rs []rune, i int) int {
	if i < 0 || i >= len(rs) || !isDigit(rs[i]) || i > 0 && isDigit(rs[i-1]) {
		return 0
	}
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	if j-i > 3 || i > 0 && joinsNumber(rs, i-1, i-2) || j < len(rs) && joinsNumber(rs, j, j+1) {
		return 0
	}
	return j - i
}

// joinsNumber reports whether rs[k], next to a run of digits, makes it part of a longer
// number or word: a Latin letter, or a decimal point or thousands comma with a digit at
// rs[beyond] on its other side.
func joinsNumber(rs []rune, k, beyond int) bool {
	r := rs[k]
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
		return true
	}
	return (r == '.' || r == ',') && beyond >= 0 && beyond < len(rs) && isDigit(rs[beyond])
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
