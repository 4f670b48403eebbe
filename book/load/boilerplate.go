package load

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// boilerplateMarkers are phrases that mark a sentence or line as scraped-page
// furniture rather than the author's text: editor asides (小编整理), reading
// invitations, disclaimers, source and copyright notes, and navigation between
// articles. A sentence holding one of them is removed, each removal reported.
// They are chosen to be specific: none occurs in the corpus novels or essays
// (TestCorpusNoBoilerplate pins that).
var boilerplateMarkers = []string{
	"小编",
	"欢迎阅读", "欢迎大家阅读", "欢迎浏览", "欢迎访问", "欢迎转载",
	"仅供参考", "仅供大家参考", "以供参考",
	"本文来源", "来源于网络", "来源：网络", "文章来源", "来自网络",
	"版权归", "版权所有", "如有侵权", "侵删", "转载请注明", "转载自",
	"相关文章", "相关推荐", "推荐阅读", "延伸阅读", "猜你喜欢", "热门文章",
	"上一篇：", "下一篇：", "上一篇:", "下一篇:",
	"点击下载", "点击查看", "点击阅读", "点击这里", "点击进入",
	"本站", "本网站", "关注公众号", "微信公众号",
	"希望对你有帮助", "希望对您有帮助", "希望对大家有所帮助", "希望对你有所帮助", "希望对您有所帮助",
	"为大家整理", "为您整理", "为你整理",
	"更多精彩", "更多相关",
}

// boilerplate removes boilerplate sentences from the lines of one file.
type boilerplate struct {
	markers []string // the markers that occur in this file at all
}

// newBoilerplate keeps only the markers present in text, so a clean novel pays
// for one scan per marker instead of one per line.
func newBoilerplate(text string) *boilerplate {
	b := &boilerplate{}
	var found [64]bool
	nfound := 0
	// One pass over the text: strings.Contains per marker would be slow, because
	// every CJK character shares the marker's first byte.
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0xE0 || c >= 0xF0 || i+2 >= len(text) {
			i++ // ASCII, continuation bytes, 2- and 4-byte runes: no marker starts there
			continue
		}
		r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
		if markerStart[r>>6]&(1<<(r&63)) == 0 {
			i += 3
			continue
		}
		for k, m := range boilerplateMarkers {
			if !found[k] && m[1] == text[i+1] && m[2] == text[i+2] && m[0] == c && strings.HasPrefix(text[i:], m) {
				found[k] = true
				nfound++
			}
		}
		if nfound == len(boilerplateMarkers) {
			break
		}
		i += 3
	}
	for k, m := range boilerplateMarkers {
		if found[k] {
			b.markers = append(b.markers, m)
		}
	}
	return b
}

// markerStart is a bit set of the first runes of the markers (BMP only).
var markerStart = func() (t [1024]uint64) {
	for _, m := range boilerplateMarkers {
		r := []rune(m)[0]
		t[r>>6] |= 1 << (r & 63)
	}
	return t
}()

func (b *boilerplate) match(s string) bool {
	for _, m := range b.markers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// clean returns the line without its boilerplate sentences and the removed parts.
func (b *boilerplate) clean(line string) (string, []string) {
	if len(b.markers) == 0 || !b.match(line) {
		return line, nil
	}
	var kept strings.Builder
	var removed []string
	for _, s := range sentences(line) {
		if b.match(s) {
			removed = append(removed, strings.TrimSpace(s))
			continue
		}
		kept.WriteString(s)
	}
	return kept.String(), removed
}

// sentences splits s after each sentence end (cjk.SentenceStops, with the closing
// marks and further stops that follow one), keeping the marks with their sentence.
func sentences(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	pos := 0 // byte offset of rs[i]
	for i := 0; i < len(rs); i++ {
		size := len(string(rs[i]))
		end := pos + size
		if cjk.IsSentenceStop(rs[i]) {
			for i+1 < len(rs) && (cjk.ClassOf(rs[i+1]) == cjk.Close || cjk.IsSentenceStop(rs[i+1])) {
				i++
				end += len(string(rs[i]))
			}
			out = append(out, s[start:end])
			start = end
		}
		pos = end
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// removeBoilerplate drops boilerplate sentences from the lines, reporting each one.
func (l *loader) removeBoilerplate(name, text string, lines []txtLine) {
	if l.opts.KeepBoilerplate {
		return
	}
	bp := newBoilerplate(text)
	if len(bp.markers) == 0 {
		return
	}
	for i := range lines {
		ln := &lines[i]
		if ln.blank {
			continue
		}
		kept, removed := bp.clean(ln.text)
		if removed == nil {
			continue
		}
		for _, r := range removed {
			l.drop(book.Pos{File: name, Line: ln.no}, "boilerplate", r)
			l.stats.Boilerplate++
		}
		ln.text = strings.TrimSpace(kept)
		if trimSpace(ln.text) == "" {
			ln.gone = true
		}
	}
}
