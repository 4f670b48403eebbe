package epub

import "testing"

func TestContentsTitle(t *testing.T) {
	for lang, want := range map[string]string{"zh-CN": "目录", "zh": "目录", "zh-Hans": "目录", "": "目录",
		"zh-Hant": "目錄", "zh-TW": "目錄", "zh-hk": "目錄", "zh-Hant-TW": "目錄"} {
		if got := contentsTitle(lang); got != want {
			t.Errorf("contentsTitle(%q) = %s, want %s", lang, got, want)
		}
	}
}
