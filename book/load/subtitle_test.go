package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"cjkbook/book/cjk"
	"cjkbook/book/internal/golden"
	"cjkbook/book/internal/testenv"
)

// TestSeedSubtitles pins the seed's chapter labels and subtitles against
// testdata/subtitles/seed.golden (go test -run TestSeedSubtitles -update).
func TestSeedSubtitles(t *testing.T) {
	b, _, err := Load(testenv.Seed(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, c := range b.Chapters {
		fmt.Fprintf(&sb, "%s\t%s\t%s\t%s\n", c.Title, origin(c.TitleGenerated), c.Subtitle, origin(c.SubtitleGenerated))
		if c.Subtitle != "" {
			checkSubtitle(t, c.Subtitle)
		}
	}
	golden.Open(t, filepath.Join("testdata", "subtitles")).Check(t, "seed.golden", []byte(sb.String()))
}

// origin names where a label or subtitle comes from, for the golden files.
func origin(generated bool) string {
	if generated {
		return "generated"
	}
	return "manuscript"
}

// checkSubtitle checks what every generated subtitle must be: at most 16
// characters and the closing marks the cut adds, balanced quotes and brackets,
// no lone … and no trailing clause stop.
func checkSubtitle(t *testing.T, s string) {
	t.Helper()
	if n := utf8.RuneCountInString(strings.TrimRight(s, cjk.NoStartClosing)); n > subtitleMax || n == 0 {
		t.Errorf("subtitle %q has %d characters", s, n)
	}
	var st []rune
	for _, r := range s {
		switch {
		case cjk.ClosingOf(r) != 0:
			st = append(st, cjk.ClosingOf(r))
		case len(st) > 0 && r == st[len(st)-1]:
			st = st[:len(st)-1]
		case strings.ContainsRune(cjk.NoStartClosing, r):
			t.Errorf("subtitle %q closes %q it never opened", s, r)
		}
	}
	if len(st) > 0 {
		t.Errorf("subtitle %q leaves %q open", s, string(st))
	}
	if strings.Count(s, "…")%2 != 0 {
		t.Errorf("subtitle %q has a lone …", s)
	}
	if r, _ := utf8.DecodeLastRuneInString(s); cjk.IsClauseStop(r) || r == '。' || r == '、' {
		t.Errorf("subtitle %q ends in %q", s, r)
	}
}
