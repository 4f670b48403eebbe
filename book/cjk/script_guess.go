package cjk

// ScriptGuess counts the characters of a text written only in Simplified or only in
// Traditional Chinese, to guess the script of a book whose language is not given.
// The zero value is ready to use.
type ScriptGuess struct {
	// Simplified and Traditional are the characters counted of each script.
	Simplified, Traditional int
}

// simplifiedOnly and traditionalOnly are frequent characters whose forms differ
// between the scripts (the simplified forms of the 简化字总表 and their traditional
// forms), pairwise: the n-th character of one is the n-th of the other. A few
// traditional forms also occur in Simplified text (著 in 著名, 後 in names), which
// is why Script asks for a clear majority.
const (
	simplifiedOnly  = "这来国个说们为会着过学对里后么没于还发当无开从动两长样现将与进点种声话儿问机给几业间东听气关并内却军产万体别处总场师书员华报马张难数车应亲务记边风战许觉题统请爱让认论义术结条远资队带联权该领传决达办区转众轻语满写识极黄脸钱党设双历广议际则单据导网专谁读飞观争组视济离虽编宝谈随尽剑讲杀调准团终乐级"
	traditionalOnly = "這來國個說們為會著過學對裡後麼沒於還發當無開從動兩長樣現將與進點種聲話兒問機給幾業間東聽氣關並內卻軍產萬體別處總場師書員華報馬張難數車應親務記邊風戰許覺題統請愛讓認論義術結條遠資隊帶聯權該領傳決達辦區轉眾輕語滿寫識極黃臉錢黨設雙歷廣議際則單據導網專誰讀飛觀爭組視濟離雖編寶談隨盡劍講殺調準團終樂級"
)

// hanBits is a set of characters of the CJK Unified Ideographs block (U+4E00–U+9FFF).
type hanBits [(0x9FFF - 0x4E00 + 64) / 64]uint64

func (t *hanBits) has(r rune) bool {
	i := r - 0x4E00
	return t[i>>6]&(1<<(i&63)) != 0
}

func newHanBits(s string) *hanBits {
	var t hanBits
	for _, r := range s {
		i := r - 0x4E00
		t[i>>6] |= 1 << (i & 63)
	}
	return &t
}

var simplifiedBits, traditionalBits = newHanBits(simplifiedOnly), newHanBits(traditionalOnly)

// Add counts the script-telling characters of s.
func (g *ScriptGuess) Add(s string) {
	for _, r := range s {
		if r < 0x4E00 || r > 0x9FFF {
			continue
		}
		if simplifiedBits.has(r) {
			g.Simplified++
		} else if traditionalBits.has(r) {
			g.Traditional++
		}
	}
}

// guessEnough is how many script-telling characters settle the guess.
const guessEnough = 2000

// Enough reports whether g has counted enough characters (2,000) that more text
// would not change the guess, so a caller may stop adding.
func (g ScriptGuess) Enough() bool { return g.Simplified+g.Traditional >= guessEnough }

// Script returns Traditional when the text shows at least 20 traditional-only
// characters and more than twice as many as simplified-only ones, else Simplified.
func (g ScriptGuess) Script() Script {
	if g.Traditional > 2*g.Simplified && g.Traditional >= 20 {
		return Traditional
	}
	return Simplified
}
