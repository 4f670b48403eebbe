package preview

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"

	"github.com/chromedp/chromedp"
)

// TestBrowserVertical renders the seed's vertical Traditional EPUB chapter in Chromium, an
// engine with CSS writing modes (Debian's MuPDF has none: its CSS knows no writing-mode),
// and measures where the characters land: each column runs top to bottom, the next column
// stands to the left of the previous one, the text is in the embedded font and in
// Traditional characters (font faces are listed as family/weight/status). The screenshot goes to $CJKBOOK_SCREENSHOT_VERTICAL when set.
func TestBrowserVertical(t *testing.T) {
	chromium := testenv.Tool(t, "chromium")
	s, base := startServerWith(t, build.Options{Src: testenv.Seed(t), Vertical: true, Script: "traditional"})
	waitGen(t, s, 1)
	bctx := openBrowser(t, chromium)
	// Twice the pixels, so the screenshot shows the brush strokes.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1100, 860, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("open the preview: %v", err)
	}
	waitFor(t, bctx, `document.querySelectorAll("#toc-list a").length > 2`, "the contents")
	// Open the first essay (the third entry: 引言 comes first).
	if err := chromedp.Do(bctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#toc-list li.depth-0 a")[1].click()`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, bctx, `(() => { const d = document.getElementById("chapter").contentDocument;
		return !!d && !!d.body && d.querySelectorAll("p").length > 3 && d.fonts.status === "loaded"; })()`, "the chapter")
	type glyphBox struct{ X, Y, W, H float64 }
	type layoutInfo struct {
		Mode     string     `json:"mode"`
		Family   string     `json:"family"`
		Text     string     `json:"text"`
		Boxes    []glyphBox `json:"boxes"`
		Columns  int        `json:"columns"`
		FontUsed bool       `json:"fontUsed"`
		Loaded   []string   `json:"loaded"`
	}
	li, err := chromedp.Run(bctx, chromedp.Evaluate[layoutInfo](`(async () => {
		const d = document.getElementById("chapter").contentDocument, w = document.getElementById("chapter").contentWindow;
		await d.fonts.ready;
		const p = [...d.querySelectorAll("p")].find(p => p.textContent.length > 80);
		const node = [...p.childNodes].find(n => n.nodeType === 3 && n.textContent.length > 60);
		const boxes = [];
		for (let i = 0; i < node.textContent.length; i++) {
			const r = d.createRange();
			r.setStart(node, i); r.setEnd(node, i + 1);
			const b = r.getBoundingClientRect();
			boxes.push({X: b.left, Y: b.top, W: b.width, H: b.height});
		}
		const xs = new Set(boxes.map(b => Math.round(b.X)));
		return {
			mode: w.getComputedStyle(p).writingMode,
			family: w.getComputedStyle(p).fontFamily,
			text: node.textContent,
			boxes: boxes,
			columns: xs.size,
			fontUsed: d.fonts.check("16px \"LXGW WenKai\"", node.textContent.slice(0, 10)),
			loaded: [...d.fonts].map(x => x.family.replaceAll('"', "") + "/" + x.weight + "/" + x.status),
		};
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if li.Mode != "vertical-rl" {
		t.Errorf("writing-mode %q, want vertical-rl", li.Mode)
	}
	if !li.FontUsed || !slices.Contains(li.Loaded, "LXGW WenKai/normal/loaded") || !strings.HasPrefix(strings.Trim(li.Family, `"`), "LXGW WenKai") {
		t.Errorf("font family %q, loaded faces %q: the text is not set in LXGW WenKai", li.Family, li.Loaded)
	}
	if li.Columns < 2 {
		t.Fatalf("the paragraph sits in %d column(s); want several", li.Columns)
	}
	// Down each column, then one column to the left: never rightwards, never upwards
	// within a column.
	down, left := 0, 0
	for i := 1; i < len(li.Boxes); i++ {
		a, b := li.Boxes[i-1], li.Boxes[i]
		if a.W == 0 || b.W == 0 {
			continue
		}
		switch {
		case abs(b.X-a.X) < a.W/2: // same column
			if b.Y <= a.Y {
				t.Errorf("character %d (%q) is not below the one before it: %+v then %+v", i, []rune(li.Text)[i], a, b)
			}
			down++
		case b.X < a.X: // next column, to the left
			left++
		default:
			t.Errorf("character %d moved right: %+v then %+v", i, a, b)
		}
	}
	if down < len(li.Boxes)/2 || left == 0 {
		t.Errorf("%d steps down a column and %d to a new column for %d characters: not vertical text", down, left, len(li.Boxes))
	}
	for _, r := range "观后感" { // Simplified forms the Traditional edition must not show
		for _, c := range li.Text {
			if c == r {
				t.Errorf("Simplified %q in the Traditional edition: %s", r, li.Text)
			}
		}
	}
	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("CJKBOOK_SCREENSHOT_VERTICAL")
	if out == "" {
		out = filepath.Join(t.TempDir(), "vertical.png")
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d characters in %d columns; screenshot %s", len(li.Boxes), li.Columns, out)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
