package gopdf

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTextVertical: a vertical text is shown with the face's Identity-V resource, a
// Type0 font over the same CIDFont, which gets /DW2 and a /W2 entry for a shifted glyph
// that the subset has; spacing down the column is a
// negative Tc and moves down are positive TJ numbers, rounded so that the errors do
// not add up; a turned text is placed by a turned text matrix in the same text object;
// a document without vertical text has neither.
func TestTextVertical(t *testing.T) {
	font, err := os.ReadFile("../../../fonts/LXGWWenKai-Regular.ttf")
	if err != nil {
		t.Skipf("no font: %v", err)
	}
	s := pageContent(t, func(gp *GoPdf) {
		if err := gp.AddTTFFontData("F", font); err != nil {
			t.Fatal(err)
		}
		if err := gp.AddVerticalFont("F", 928); err != nil {
			t.Fatal(err)
		}
		// 天 half an em right and up in its cell; 丁 is not drawn: no entry
		for _, r := range "天丁" {
			if err := gp.SetVerticalShift("F", r, 500, -500); err != nil {
				t.Fatal(err)
			}
		}
		if err := gp.SetFont("F", "", 10); err != nil {
			t.Fatal(err)
		}
		gp.SetXY(50, 20)
		if err := gp.TextVertical("天地玄黄", []TextMove{{At: 2, X: 2.5}}); err != nil {
			t.Fatal(err)
		}
		if err := gp.SetCharSpacing(-0.3333); err != nil {
			t.Fatal(err)
		}
		gp.SetXY(30, 20)
		if err := gp.TextVertical("宇宙洪荒", []TextMove{{At: 1, X: 1}, {At: 3, X: 1}}); err != nil {
			t.Fatal(err)
		}
		if err := gp.SetCharSpacing(0); err != nil {
			t.Fatal(err)
		}
		gp.SetTextTurned(true)
		gp.SetXY(10, 20)
		gp.Text("ABC")
		gp.SetTextTurned(false)
		gp.SetXY(10, 60)
		gp.Text("中")
	})
	for _, re := range []string{
		`/Encoding /Identity-V\n/Subtype /Type0\n`,
		`/DW2 \[928 -1000\]\n/W2 \[(\d+) (\d+) -1000 0 428\]\n`,
		`/F1 \d+ 0 R\n\s*/F2 \d+ 0 R\n`,
		// 2.5 pt down before 玄: 250 thousandths of 10 pt
		`BT\n50 180 Td\n/F2 10 Tf\n0 Tc\n\[<[0-9A-F]{8}>250<[0-9A-F]{8}>\] TJ\n`,
		// Tc -0.333 written for -0.3333: 0.0003 pt too little per glyph, made up by
		// the moves (1 pt = 100, then 100 + 0.0009 pt rounds to 100 again)
		`-20 0 Td\n-0.333 Tc\n\[<[0-9A-F]{4}>100<[0-9A-F]{8}>100<[0-9A-F]{4}>\] TJ\n`,
		`0 -1 1 0 10 180 Tm\n/F1 10 Tf\n0 Tc\n\[<[0-9A-F]+>\] TJ\n1 0 0 1 10 140 Tm\n\[<[0-9A-F]+>\] TJ\nET\n`,
	} {
		if !regexp.MustCompile(re).MatchString(s) {
			t.Errorf("no %q in\n%s", re, s)
		}
	}
	if n := strings.Count(s, "BT\n"); n != 1 {
		t.Errorf("%d text objects, want 1", n)
	}
	plain := pageContent(t, func(gp *GoPdf) {
		if err := gp.AddTTFFontData("F", font); err != nil {
			t.Fatal(err)
		}
		if err := gp.SetFont("F", "", 10); err != nil {
			t.Fatal(err)
		}
		if err := gp.TextVertical("天", nil); err == nil {
			t.Error("vertical text without AddVerticalFont: no error")
		}
	})
	if strings.Contains(plain, "Identity-V") || strings.Contains(plain, "/DW2") || strings.Contains(plain, "/W2") {
		t.Error("Identity-V, DW2 or W2 written without AddVerticalFont")
	}
}

// TestVerticalForm: a character given a vertical form is drawn in vertical text as that
// glyph, under a code of its own whose ToUnicode entry is the character, with a /W2
// entry when it is shifted; horizontal text keeps the character's glyph, and a form
// never drawn leaves no trace.
func TestVerticalForm(t *testing.T) {
	font, err := os.ReadFile("../../../fonts/LXGWWenKai-Regular.ttf")
	if err != nil {
		t.Skipf("no font: %v", err)
	}
	s := pageContent(t, func(gp *GoPdf) {
		if err := gp.AddTTFFontData("F", font); err != nil {
			t.Fatal(err)
		}
		if err := gp.AddVerticalFont("F", 880); err != nil {
			t.Fatal(err)
		}
		// WenKai's vertical forms of 「 and ： (the glyphs of ﹁ and ︓), and of 』, not drawn
		for _, f := range []struct {
			r      rune
			g      uint
			dx, dy float64
		}{{'「', 27263, 0, 0}, {'：', 27244, -200, -250}, {'』', 27266, 0, 0}} {
			if err := gp.SetVerticalForm("F", f.r, f.g, f.dx, f.dy); err != nil {
				t.Fatal(err)
			}
		}
		if err := gp.SetVerticalForm("F", '」', 0, 0, 0); err == nil {
			t.Error("vertical form glyph 0: no error")
		}
		if err := gp.SetVerticalForm("G", '」', 27264, 0, 0); err != ErrMissingFontFamily {
			t.Errorf("vertical form of an unknown family: %v", err)
		}
		if err := gp.SetFont("F", "", 10); err != nil {
			t.Fatal(err)
		}
		gp.SetXY(50, 20)
		if err := gp.TextVertical("「天：」", []TextMove{{At: 3, X: -5}}); err != nil {
			t.Fatal(err)
		}
		gp.SetXY(10, 60)
		gp.Text("「天：」")
	})
	v := regexp.MustCompile(`\[<([0-9A-F]{4})([0-9A-F]{4})([0-9A-F]{4})>-500<([0-9A-F]{4})>\] TJ`).FindStringSubmatch(s)
	h := regexp.MustCompile(`\[<([0-9A-F]{4})([0-9A-F]{4})([0-9A-F]{4})([0-9A-F]{4})>\] TJ`).FindStringSubmatch(s)
	if v == nil || h == nil {
		t.Fatalf("no vertical and horizontal text of four glyphs in\n%s", s)
	}
	if v[1] == h[1] || v[3] == h[3] {
		t.Errorf("「 or ： drawn with the same code in vertical (%s %s) and horizontal (%s %s) text", v[1], v[3], h[1], h[3])
	}
	if v[2] != h[2] || v[4] != h[4] {
		t.Errorf("天 or 」 drawn with another code in vertical text (%s %s) than in horizontal (%s %s)", v[2], v[4], h[2], h[4])
	}
	for _, want := range []string{"<" + v[1] + "><300C>", "<" + h[1] + "><300C>", "<" + v[3] + "><FF1A>", "<" + h[3] + "><FF1A>"} {
		if !strings.Contains(s, want) {
			t.Errorf("no ToUnicode entry %s", want)
		}
	}
	if strings.Contains(s, "><300F>") {
		t.Error("ToUnicode entry for 』, never drawn")
	}
	cid, _ := strconv.ParseUint(v[3], 16, 16)
	if want := fmt.Sprintf("/W2 [%d %d -1000 700 630]", cid, cid); !strings.Contains(s, want) {
		t.Errorf("no %q in\n%s", want, s)
	}
}
