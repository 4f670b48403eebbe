package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"cjkbook/book/cjk"
)

// encodingKind is a source encoding the loader can read.
type encodingKind int

const (
	encAuto encodingKind = iota
	encUTF8
	encGB18030
	encBig5
	encUTF16LE
	encUTF16BE
)

// encSetting is a resolved Options.Encoding.
type encSetting struct{ kind encodingKind }

// encodingNames are the names reported in Metadata.Encoding and Stats.
var encodingNames = [...]string{encAuto: "auto", encUTF8: "utf-8", encGB18030: "gb18030", encBig5: "big5", encUTF16LE: "utf-16le", encUTF16BE: "utf-16be"}

// parseEncoding resolves an Options.Encoding value.
func parseEncoding(s string) (encSetting, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return encSetting{encAuto}, nil
	case "utf-8", "utf8":
		return encSetting{encUTF8}, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		// Always GB18030: the superset; the GBK decoder turns 4-byte sequences into U+FFFD.
		return encSetting{encGB18030}, nil
	case "big5", "big-5", "cp950":
		return encSetting{encBig5}, nil
	case "utf-16le", "utf16le":
		return encSetting{encUTF16LE}, nil
	case "utf-16be", "utf16be":
		return encSetting{encUTF16BE}, nil
	}
	return encSetting{}, fmt.Errorf("load: unknown encoding %q; use utf-8, gb18030, gbk, big5, utf-16le or utf-16be", s)
}

// decode turns raw file bytes into UTF-8 text with LF line endings and no BOM, and
// returns the name of the encoding used.
func decode(raw []byte, enc encSetting) (string, string, error) {
	kind := enc.kind
	// A BOM decides, whatever the setting says about the UTF flavour.
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
		if kind == encAuto {
			kind = encUTF8
		}
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		kind = encUTF16LE
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		kind = encUTF16BE
	}
	var text string
	switch kind {
	case encUTF16LE, encUTF16BE:
		if len(raw)%2 != 0 {
			return "", "", fmt.Errorf("odd number of bytes (%d) for %s; the file is cut short or not UTF-16", len(raw), encodingNames[kind])
		}
		order := xunicode.LittleEndian
		if kind == encUTF16BE {
			order = xunicode.BigEndian
		}
		out, err := xunicode.UTF16(order, xunicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil {
			out, err = xunicode.UTF16(order, xunicode.IgnoreBOM).NewDecoder().Bytes(raw)
			if err != nil {
				return "", "", fmt.Errorf("decode %s: %w", encodingNames[kind], err)
			}
		}
		text = string(out)
	case encUTF8:
		if off := invalidUTF8(raw); off >= 0 {
			return "", "", fmt.Errorf("invalid UTF-8 at byte offset %d (line %d); fix the bytes there or set encoding to the file's real one", off, lineAt(raw, off))
		}
		if err := checkBinary(raw); err != nil {
			return "", "", err
		}
		text = string(raw)
	case encGB18030, encBig5:
		if err := checkBinary(raw); err != nil {
			return "", "", err
		}
		out, bad := legacyDecode(raw, kind)
		if bad > 0 {
			return "", "", fmt.Errorf("%d byte sequences are not valid %s (first at byte offset %d); check the encoding setting", bad, encodingNames[kind], firstBad(raw, kind))
		}
		text = out
	default:
		var err error
		text, kind, err = detect(raw)
		if err != nil {
			return "", "", err
		}
	}
	return normalizeNewlines(text), encodingNames[kind], nil
}

// detect picks the encoding of a file without BOM: valid UTF-8 first; a file that
// is mostly UTF-8 with a few bad bytes is an error (it is damaged, not legacy);
// otherwise GB18030 or Big5, whichever decodes cleanly and reads more like Chinese.
func detect(raw []byte) (string, encodingKind, error) {
	if err := checkBinary(raw); err != nil {
		return "", 0, err
	}
	if utf8.Valid(raw) {
		return string(raw), encUTF8, nil
	}
	if good, bad := utf8Sequences(raw); good > 0 && good >= 4*bad {
		off := invalidUTF8(raw)
		return "", 0, fmt.Errorf("invalid UTF-8 at byte offset %d (line %d) in an otherwise UTF-8 file; fix the bytes there or set encoding", off, lineAt(raw, off))
	}
	// Choose on a sample; decode the whole file once with the winner.
	sample := raw
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	best, bestScore := encodingKind(0), -1.0
	for _, k := range []encodingKind{encGB18030, encBig5} {
		out, bad := legacyDecode(sample, k)
		score := chineseScore(out) - 10*float64(bad)/float64(len(sample)+1)
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	out, bad := legacyDecode(raw, best)
	if n := runeCount(out); bad > 0 && bad*100 > n {
		return "", 0, fmt.Errorf("cannot tell the encoding: not UTF-8, and %d byte sequences are invalid as %s (first at byte offset %d); set encoding", bad, encodingNames[best], firstBad(raw, best))
	}
	return out, best, nil
}

// legacyDecode decodes GB18030 or Big5 and counts the byte sequences that turned
// into U+FFFD (the x/text decoders never return an error for them).
func legacyDecode(raw []byte, kind encodingKind) (string, int) {
	var e encoding.Encoding
	if kind == encBig5 {
		e = traditionalchinese.Big5
	} else {
		e = simplifiedchinese.GB18030
	}
	out, err := e.NewDecoder().Bytes(raw)
	if err != nil {
		return "", len(raw)
	}
	bad := bytes.Count(out, []byte("\uFFFD")) - bytes.Count(raw, []byte("\uFFFD"))
	if bad < 0 {
		bad = 0
	}
	return string(out), bad
}

// firstBad returns the byte offset of the first sequence that does not decode.
func firstBad(raw []byte, kind encodingKind) int {
	lo, hi := 0, len(raw)
	// Binary search on prefixes: the decoders are stateless per character.
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if _, bad := legacyDecode(raw[:mid], kind); bad > 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	// Step back to the start of the bad sequence.
	if lo > 0 && raw[lo-1] >= 0x80 {
		lo--
	}
	return lo
}

// chineseScore is the share of decoded characters that are common Chinese
// characters (simplified or traditional). A right guess scores far higher than
// mojibake from the wrong legacy encoding.
func chineseScore(s string) float64 {
	total, common := 0, 0
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		total++
		if commonHan[r] {
			common++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(common) / float64(total)
}

// commonHan holds frequent characters in simplified and traditional Chinese plus
// full-width punctuation; it only has to separate text from mojibake.
var commonHan = func() map[rune]bool {
	const s = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域" +
		"這來國個說們為會著過學對裡後麼沒於還發當無開從動兩長樣現將與進點種聲話兒問機給幾業間東聽氣關並內卻軍產萬體別處總場師書員華報馬張難數車應親務記邊風戰許覺題統請愛讓認論義術結條遠資隊帶聯權該領傳決達辦區轉眾輕語滿寫識極黃臉錢黨設雙歷廣議際則單據導網專誰讀飛觀爭組視濟離雖編寶談隨盡劍講殺調準團終樂級" +
		cjk.CommonMarks
	m := make(map[rune]bool, 1200)
	for _, r := range s {
		m[r] = true
	}
	return m
}()

// checkBinary refuses data that is clearly not text: NUL bytes or many control bytes.
func checkBinary(raw []byte) error {
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		if le, be := utf16Zeros(raw); le || be {
			name := "utf-16le"
			if be {
				name = "utf-16be"
			}
			return fmt.Errorf("NUL bytes (first at byte offset %d): this looks like UTF-16 without a BOM; set encoding to %s", i, name)
		}
		return fmt.Errorf("binary data (a NUL byte at byte offset %d); this is not a text file", i)
	}
	n := len(raw)
	if n > 8192 {
		n = 8192
	}
	ctl := 0
	for _, c := range raw[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	if ctl*20 > n && ctl > 4 {
		return fmt.Errorf("binary data (%d control bytes in the first %d); this is not a text file", ctl, n)
	}
	return nil
}

// invalidUTF8 returns the byte offset of the first invalid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// utf8Sequences counts valid multi-byte UTF-8 sequences and invalid bytes.
func utf8Sequences(b []byte) (good, bad int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		i += size
	}
	return good, bad
}

// lineAt returns the 1-based line number of byte offset off.
func lineAt(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	return bytes.Count(b[:off], []byte{'\n'}) + 1
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// utf16Zeros guesses UTF-16 without BOM: in mostly-ASCII UTF-16 text every
// other byte is zero (the odd ones in little-endian, the even ones in big-endian).
func utf16Zeros(raw []byte) (le, be bool) {
	n := len(raw)
	if n > 4096 {
		n = 4096
	}
	n &^= 1
	if n < 4 {
		return false, false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if raw[i] == 0 {
			even++
		}
		if raw[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return odd*10 >= half*7 && even*10 < half, even*10 >= half*7 && odd*10 < half
}
