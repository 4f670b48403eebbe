package cjk

import "strings"

// Numeral writes n (1–9999) in Chinese numerals: 1 一, 10 十, 21 二十一, 105
// 一百零五; 零 outside that range. Headings count with them (第二十一章), and
// so do Word's chineseCounting lists.
func Numeral(n int) string {
	const digits = "零一二三四五六七八九"
	d := []rune(digits)
	if n <= 0 || n > 9999 {
		return "零"
	}
	if n < 10 {
		return string(d[n])
	}
	if n < 20 {
		if n == 10 {
			return "十"
		}
		return "十" + string(d[n-10])
	}
	units := []string{"", "十", "百", "千"}
	var parts []string
	zero := false
	for i := 3; i >= 0; i-- {
		p := 1
		for k := 0; k < i; k++ {
			p *= 10
		}
		v := n / p % 10
		if v == 0 {
			if len(parts) > 0 {
				zero = true
			}
			continue
		}
		if zero {
			parts = append(parts, "零")
			zero = false
		}
		parts = append(parts, string(d[v])+units[i])
	}
	return strings.Join(parts, "")
}
