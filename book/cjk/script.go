package cjk

import (
	"unicode"

	"golang.org/x/text/language"
)

// IsCJKOnly reports whether r belongs only to CJK text: the blocks from CJK Radicals
// Supplement (U+2E80) to the CJK Unified Ideographs (CJK symbols and punctuation,
// kana, Extension A), hangul syllables, compatibility ideographs and forms, the half-
// and full-width forms, and the ideographs of the supplementary planes.
func IsCJKOnly(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r <= 0x9FFF:
		return true
	case r >= 0xAC00 && r <= 0xD7AF: // hangul syllables
		return true
	case r >= 0xF900 && r <= 0xFAFF: // compatibility ideographs
		return true
	case r >= 0xFE30 && r <= 0xFE4F: // CJK compatibility forms
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // half- and full-width forms
		return true
	case r >= 0x20000 && r <= 0x3FFFF: // ideograph extensions B and beyond
		return true
	}
	return false
}

// IsCJK reports whether r may be part of Chinese text: IsCJKOnly or one of SharedMarks.
func IsCJK(r rune) bool {
	return IsCJKOnly(r) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// IsHanScript reports whether r is of the Unicode script Han (Scripts.txt): the
// ideographs of every block and extension, the radicals, 々, 〇 and the Hangzhou numerals,
// but no kana and no punctuation. It decides which characters may carry a reading (pinyin
// and a single-character ruby base); IsHan, the wider test of the Han–Latin gap, also takes
// kana.
func IsHanScript(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// Script is the Chinese script a book is written in.
type Script uint8

const (
	// Simplified is Simplified Chinese (zh-Hans).
	Simplified Script = iota
	// Traditional is Traditional Chinese (zh-Hant).
	Traditional
)

// ScriptOf returns the script of a book in language lang (a BCP 47 tag): Traditional
// when the tag's script, written or most likely (CLDR likely subtags), is Hant — zh-Hant,
// zh-TW, zh-HK, zh-MO, yue — and Simplified otherwise. A book converted to the other
// script carries the converted language, so this one decision serves the language and
// the script setting alike.
func ScriptOf(lang string) Script {
	tag, err := language.Parse(lang)
	if err != nil {
		return Simplified
	}
	if s, _ := tag.Script(); s.String() == "Hant" {
		return Traditional
	}
	return Simplified
}

// ContentsTitle returns the heading of the table of contents in script s: 目錄 or 目录.
// Both books (the EPUB's navigation and the PDF's contents pages) use it.
func (s Script) ContentsTitle() string {
	return s.Generated().Contents
}

// ContentsTitles are the contents titles of both scripts, for font subsets that must
// hold whichever a book uses.
const ContentsTitles = "目录目錄"

// SceneBreak is the ornament both books draw for a scene break: three full-width
// asterisks spaced by ideographic spaces. It is chosen over the asterism ⁂ (U+2042)
// because every Chinese font has ＊ and U+3000 (both are in GB 2312 and Big5), while ⁂
// is in neither and missing from many reading systems' fonts, so the EPUB would show it
// in a fallback font or as a box.
const SceneBreak = "＊　＊　＊"
