package cjk

import (
	"reflect"
	"strings"
	"testing"
)

// TestGenerated checks that every generated string is set in both scripts and that the
// Traditional ones hold no Simplified-only character.
func TestGenerated(t *testing.T) {
	const simplifiedOnly = "书为标层级录构题与阅读顺页码转号调图说导释"
	for _, tc := range []struct {
		s    Script
		want string // the contents title
	}{{Simplified, "目录"}, {Traditional, "目錄"}} {
		g := tc.s.Generated()
		if g.Contents != tc.want || tc.s.ContentsTitle() != tc.want {
			t.Errorf("script %d: contents %q, want %q", tc.s, g.Contents, tc.want)
		}
		v := reflect.ValueOf(g)
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i).String()
			if f == "" {
				t.Errorf("script %d: %s is empty", tc.s, v.Type().Field(i).Name)
			}
			if tc.s == Traditional && strings.ContainsAny(f, simplifiedOnly) {
				t.Errorf("Traditional %s = %q holds Simplified characters", v.Type().Field(i).Name, f)
			}
		}
		if !strings.Contains(ContentsTitles, g.Contents) {
			t.Errorf("ContentsTitles lacks %s", g.Contents)
		}
	}
	g := Traditional.Generated()
	if got, want := g.Summary(true, true, "書.pdf"), g.SummaryText+g.SummaryAlt+"書中標有與印刷版（書.pdf）一致的頁碼，可按頁碼跳轉和引用。"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := Simplified.Generated().CoverAlt("野草", "鲁迅"); got != "封面：野草，鲁迅" {
		t.Errorf("CoverAlt = %q", got)
	}
	if got := Script(9).Generated(); got != Simplified.Generated() {
		t.Errorf("an unknown script gets %+v, want the Simplified strings", got)
	}
}
