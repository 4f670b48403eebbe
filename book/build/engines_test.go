package build_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// engineBook is a book the engines test opens, and what it checks there.
type engineBook struct {
	name, src string
	opts      build.Options
	vertical  bool
	rich      bool // footnotes, tables, pictures and code
}

// engineSizes are the screens the books are shown at: a phone and a tablet, in CSS pixels.
var engineSizes = []struct {
	name string
	w, h int64
}{{"phone", 390, 844}, {"tablet", 820, 1180}}

// TestEngines opens the seed (horizontal), the seed as a vertical Traditional book and
// the rich Markdown book (horizontal and vertical) in foliate-js, the engine of the
// Foliate reader, inside Debian's Chromium, at phone and tablet size, and checks what a
// reader sees: the embedded font is the one drawn; in the vertical seed the ink of ，。、
// lies in the upper right of its cell, columns run top to bottom and right to left, the
// next page is to the left, short numbers stand upright in one cell; in the horizontal
// one the quotes of Chinese text fill a full em, the ink on the side of the quoted words,
// or half an em next to another mark (text-spacing-trim); footnotes, tables, pictures and
// code render, and in the vertical rich book stand apart across the columns; every
// contents entry and sampled page-list entries navigate; with a reader's night mode,
// 150 % text and a user font (Readium CSS's user settings) the book's CSS fights none of
// them. With CJKBOOK_PICTURES set to a folder, a screenshot of each book's first text
// page at each size is written there (scripts/pictures.sh).
//
// foliate-js and Readium CSS come from npm: `npm ci --prefix scripts/engines` (or a
// folder named by CJKBOOK_ENGINES holding their node_modules).
func TestEngines(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIP: opens four books in foliate-js inside Chromium (~1.5 min); run without -short")
	}
	t.Parallel()
	chromium := testenv.Tool(t, "chromium")
	testenv.Tool(t, "node")
	root := testenv.RepoRoot(t)
	engines := enginesDir(t, "foliate-js/view.js")
	enginesDir(t, "@readium/css/css/dist/cjk-vertical/ReadiumCSS-after.css")
	pictures := os.Getenv("CJKBOOK_PICTURES")
	if pictures != "" {
		if err := os.MkdirAll(pictures, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	stamp := time.Unix(1700000000, 0).UTC()
	books := []engineBook{
		{name: "seed", src: filepath.Join(root, "source")},
		{name: "seed-vertical", src: filepath.Join(root, "source"), opts: build.Options{Vertical: true, Script: "traditional"}, vertical: true},
		{name: "rich", src: filepath.Join(root, "book", "build", "testdata", "books", "rich"), rich: true},
		{name: "rich-vertical", src: filepath.Join(root, "book", "build", "testdata", "books", "rich"), opts: build.Options{Vertical: true}, vertical: true, rich: true},
	}
	shelf := t.TempDir()
	for i := range books {
		b := &books[i]
		o := b.opts
		o.Src, o.Out, o.EPUB, o.Time = b.src, filepath.Join(shelf, b.name), true, stamp
		res, err := build.Run(context.Background(), o)
		if err != nil {
			t.Fatalf("build %s: %v", b.name, err)
		}
		if err := os.Rename(res.EPUBPath, filepath.Join(shelf, b.name+".epub")); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/engines/", http.StripPrefix("/engines/", http.FileServer(http.Dir(engines))))
	mux.Handle("/books/", http.StripPrefix("/books/", http.FileServer(http.Dir(shelf))))
	srv := httptest.NewServer(mux) // on 127.0.0.1
	defer srv.Close()

	ctx := openEngine(t, chromium)
	for _, b := range books {
		for _, size := range engineSizes {
			t.Run(b.name+"/"+size.name, func(t *testing.T) {
				p := &enginePage{t: t, ctx: ctx}
				p.open(srv.URL+"/engines/reader.html?book=/books/"+b.name+".epub", size.w, size.h)
				shot := p.screenshot()
				if pictures != "" {
					out := filepath.Join(pictures, b.name+"-"+size.name+".png")
					if err := os.WriteFile(out, shot, 0o644); err != nil {
						t.Fatal(err)
					}
					t.Logf("screenshot: %s", out)
				}
				p.checkFont()
				switch {
				case b.vertical && b.rich:
					p.checkWritingMode()
					p.checkVerticalBlocks()
				case b.vertical:
					p.checkVertical(shot)
				case !b.rich:
					p.checkQuotes(shot)
				}
				if b.rich {
					p.checkRich()
				}
				p.checkNavigation()
				p.checkUserSettings(srv.URL+"/engines/node_modules/@readium/css/css/dist/", b.vertical)
			})
		}
	}
}

// openEngine starts headless Chromium and returns its tab's context.
func openEngine(t *testing.T, chromium string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// enginePage is the reader page of one book at one size.
type enginePage struct {
	t   *testing.T
	ctx context.Context
}

// enginePatience bounds every step in the browser.
const enginePatience = 60 * time.Second

// eval runs JavaScript in the reader page (awaiting a promise it gives) into T.
func eval[T any](p *enginePage, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, enginePatience)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, func(e *runtime.EvaluateParams) { e.AwaitPromise = ptr(true) }))
	if err != nil {
		p.t.Fatalf("%v\nin: %.300s", err, js)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

// open loads the reader page at the given size and waits until foliate shows the text,
// its fonts loaded.
func (p *enginePage) open(url string, w, h int64) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, enginePatience)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h), chromedp.Navigate(url)); err != nil {
		p.t.Fatal(err)
	}
	state := eval[string](p, `new Promise(done => { const t0 = Date.now(); const poll = async () => {
		if (window.cjk?.error) return done("error: " + cjk.error);
		if (window.cjk?.ready) { const d = cjk.view.renderer.getContents()[0]?.doc;
			if (d) { await d.fonts.ready; await new Promise(r => setTimeout(r, 400)); return done("ready"); } }
		if (Date.now() - t0 > 30000) return done("timeout");
		setTimeout(poll, 100); }; poll(); })`)
	if state != "ready" {
		p.t.Fatalf("foliate-js did not show the book: %s", state)
	}
	eval[bool](p, engineProbe)
}

// engineProbe defines the page helpers the checks call: the shown document, the rectangles
// on screen of sampled characters and elements, and whether a rectangle is on screen.
const engineProbe = `(() => {
	window.cjkDoc = () => cjk.view.renderer.getContents()[0].doc;
	const shift = (r, doc) => { const f = doc.defaultView.frameElement.getBoundingClientRect();
		return { x: r.left + f.left, y: r.top + f.top, w: r.width, h: r.height }; };
	window.cjkOnScreen = r => r.w > 0 && r.h > 0 && r.x >= 0 && r.y >= 0 && r.x + r.w <= innerWidth && r.y + r.h <= innerHeight;
	// cjkAtScreen is cjkOnScreen for a box that may be empty (a page-break marker).
	window.cjkAtScreen = r => r.x >= 0 && r.y >= 0 && r.x <= innerWidth && r.y <= innerHeight;
	window.cjkRect = el => shift(el.getBoundingClientRect(), el.ownerDocument);
	// cjkChars returns up to max on-screen boxes of the characters of chars in body text.
	window.cjkChars = (chars, max) => {
		const doc = cjkDoc(), out = [];
		const w = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
		for (let n = w.nextNode(); n && out.length < max; n = w.nextNode()) {
			const p = n.parentElement;
			if (!p.closest("p") || p.closest("a, sup, code")) continue;
			const s = n.data;
			for (let i = 0; i < s.length && out.length < max; i++) {
				if (!chars.includes(s[i])) continue;
				const r = doc.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
				const b = shift(r.getBoundingClientRect(), doc);
				b.ch = s[i]; b.fs = parseFloat(getComputedStyle(p).fontSize);
				if (cjkOnScreen(b)) out.push(b);
			}
		}
		return out;
	};
	return true;
})()`

// box is a rectangle on screen with the character it holds and its font size.
type box struct {
	X, Y, W, H, Fs float64
	Ch             string
	Half           bool // a quote compressed next to a mark (checkQuotes)
}

func (p *enginePage) screenshot() []byte {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, enginePatience)
	defer cancel()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	return shot
}

// ink returns the centre of the dark pixels of a screen rectangle, relative to the
// rectangle's centre in units of its size (−0.5…0.5; x grows rightwards, y downwards),
// and how many there are.
func ink(t *testing.T, shot []byte, b box) (dx, dy float64, n int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	var sx, sy float64
	for y := int(b.Y + 0.5); y < int(b.Y+b.H); y++ {
		for x := int(b.X + 0.5); x < int(b.X+b.W); x++ {
			if !dark(img, x, y) {
				continue
			}
			sx += float64(x) + 0.5
			sy += float64(y) + 0.5
			n++
		}
	}
	if n == 0 {
		return 0, 0, 0
	}
	return (sx/float64(n) - b.X - b.W/2) / b.W, (sy/float64(n) - b.Y - b.H/2) / b.H, n
}

func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (299*r+587*g+114*b)/1000 < 0x8000
}

// checkFont checks that Chromium draws a body paragraph with the EPUB's embedded font.
func (p *enginePage) checkFont() {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, enginePatience)
	defer cancel()
	var fonts []*css.PlatformFontUsage
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, dom.Enable, dom.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, css.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, dom.GetDocument, dom.GetDocumentParams{Depth: ptr(int64(-1)), Pierce: ptr(true)}); err != nil {
			return err
		}
		res, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{
			Expression: `[...cjkDoc().querySelectorAll("p")].find(p => p.textContent.trim().length > 20 && !p.closest("nav"))`})
		if err != nil {
			return err
		}
		if res.Result == nil || res.Result.ObjectID == "" {
			return fmt.Errorf("no body paragraph in the shown document")
		}
		node, err := cdp.Call(ctx, t, dom.RequestNode, dom.RequestNodeParams{ObjectID: res.Result.ObjectID})
		if err != nil {
			return err
		}
		pf, err := cdp.Call(ctx, t, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: node.NodeID})
		fonts = pf.Fonts
		return err
	}))
	if err != nil {
		p.t.Fatalf("platform fonts: %v", err)
	}
	var names []string
	total, wenkai := 0.0, 0.0
	for _, f := range fonts {
		names = append(names, fmt.Sprintf("%s (custom %v, %v glyphs)", f.FamilyName, f.IsCustomFont, f.GlyphCount))
		total += f.GlyphCount
		if f.IsCustomFont && strings.Contains(f.FamilyName, "WenKai") {
			wenkai += f.GlyphCount
		}
	}
	if total == 0 || wenkai < 0.95*total {
		p.t.Errorf("a body paragraph is drawn with %v, want the embedded LXGW WenKai", names)
	}
}

// checkWritingMode checks that a vertical book is set in vertical-rl and that foliate-js
// reads its pages right to left.
func (p *enginePage) checkWritingMode() {
	p.t.Helper()
	mode := eval[string](p, `getComputedStyle(cjkDoc().body).writingMode + " " + cjk.view.book.dir`)
	if mode != "vertical-rl rtl" {
		p.t.Errorf("writing mode and page progression %q, want vertical-rl rtl", mode)
	}
}

// checkVerticalBlocks checks, in every section of a vertical book, that section titles,
// quotes, lists, tables, code and the footnotes stand apart from the block before them
// across the columns (to its left, by their margins turned) and that the footnotes' rule
// is a vertical line on their right, not a horizontal one across the columns.
func (p *enginePage) checkVerticalBlocks() {
	t := p.t
	t.Helper()
	got := eval[map[string][]string](p, `(async () => {
		const v = cjk.view, bad = [], ok = [];
		for (let i = 0; i < v.book.sections.length; i++) {
			await v.goTo(i); await new Promise(r => setTimeout(r, 150));
			const d = cjkDoc(), fs = parseFloat(getComputedStyle(d.body).fontSize);
			for (const el of d.querySelectorAll("h2, blockquote, ul, ol, table, pre, section.footnotes")) {
				const prev = el.previousElementSibling, what = el.localName + (el.className ? "." + el.className : "");
				if (!prev) continue;
				const a = [...prev.getClientRects()].at(-1), b = el.getClientRects()[0];
				if (!a || !b || a.top >= b.bottom || b.top >= a.bottom) continue; // on different pages
				const gap = (a.left - b.right) / fs;
				if (gap < 0.45) bad.push(what + " after " + prev.localName + ": " + gap.toFixed(2) + " em, want at least 0.45 em to the left");
				else ok.push(what + " after " + prev.localName + ": " + gap.toFixed(2) + " em");
			}
			const fn = d.querySelector("section.footnotes");
			if (fn) { const cs = getComputedStyle(fn);
				if (cs.borderTopStyle !== "none" || !(parseFloat(cs.borderRightWidth) > 0)) bad.push("footnotes: border top " + cs.borderTopStyle + ", right " + cs.borderRightWidth + ", want a rule on the right only");
				else ok.push("footnotes rule on the right"); }
		}
		return {bad, ok}; })()`)
	for _, b := range got["bad"] {
		t.Errorf("vertical block spacing: %s", b)
	}
	if len(got["ok"]) < 4 {
		t.Errorf("vertical block spacing: only %d blocks measured (%v)", len(got["ok"]), got["ok"])
	}
	t.Logf("vertical block spacing: %v", got["ok"])
}

// checkVertical checks the vertical book: writing mode, page progression, columns, the
// spacing of title and subtitle, punctuation in the upper right, upright numbers.
func (p *enginePage) checkVertical(shot []byte) {
	t := p.t
	t.Helper()
	p.checkWritingMode()
	// Columns: a long paragraph's line boxes stand tall, each left of the one before.
	cols := eval[[]box](p, `(() => { const p = [...cjkDoc().querySelectorAll("p")].find(p => p.textContent.length > 80);
		const r = cjkDoc().createRange(); r.selectNodeContents(p);
		return [...r.getClientRects()].filter(c => c.height > c.width).slice(0, 4).map(c => ({X: c.left, Y: c.top, W: c.width, H: c.height})); })()`)
	if len(cols) < 2 {
		t.Errorf("a long paragraph has %d tall line boxes, want columns", len(cols))
	}
	for i := 1; i < len(cols); i++ {
		if cols[i].X >= cols[i-1].X {
			t.Errorf("column %d at x=%.0f is not left of column %d at x=%.0f", i, cols[i].X, i-1, cols[i-1].X)
		}
	}
	// Block spacing turned: the title, the subtitle (when the chapter prints one) and the
	// text stand right to left with a gap between them (margins on the vertical sides, not
	// above and below).
	gaps := eval[[]float64](p, `(() => { const d = cjkDoc(), h = d.querySelector("h1"), s = d.querySelector("p.subtitle");
		const t = h && (s || h).nextElementSibling, fs = parseFloat(getComputedStyle(d.body).fontSize);
		if (!h || !t) return [];
		const a = h.getBoundingClientRect(), b = (s || h).getBoundingClientRect(), c = t.getClientRects()[0]; // the first column fragment
		return s ? [(a.left - b.right) / fs, (b.left - c.right) / fs] : [(a.left - c.right) / fs]; })()`)
	switch {
	case len(gaps) == 2 && (gaps[0] < 0.4 || gaps[1] < 1):
		t.Errorf("gaps title–subtitle and subtitle–text %.2v em, want at least 0.4 and 1 em to the left", gaps)
	case len(gaps) == 1 && gaps[0] < 0.6: // the h1's bottom margin, 0.5 of its 1.6 em
		t.Errorf("gap title–text %.2v em, want at least 0.6 em to the left", gaps)
	case len(gaps) == 0:
		t.Errorf("no chapter title followed by text in the shown chapter")
	}
	// Punctuation: the ink of ，。、 lies in the upper right of the character's box.
	marks := eval[[]box](p, `cjkChars("，。、", 12)`)
	if len(marks) < 3 {
		t.Fatalf("only %d of ，。、 on the first page", len(marks))
	}
	for _, m := range marks {
		dx, dy, n := ink(t, shot, m)
		if n == 0 || dx <= 0.05 || dy >= -0.05 {
			t.Errorf("%s at (%.0f,%.0f) %.0f×%.0f: ink centre off by (%+.2f, %+.2f) of the box (%d px), want upper right", m.Ch, m.X, m.Y, m.W, m.H, dx, dy, n)
		}
	}
	// Short numbers stand upright in one cell: one em along the column (a lone digit
	// turned sideways takes about 0.7 em, two about 1.3 em).
	tcy := eval[[]box](p, `[...cjkDoc().querySelectorAll("span.tcy")].map(s => { const b = cjkRect(s);
		return {X: b.x, Y: b.y, W: b.w, H: b.h, Ch: s.textContent + " " + getComputedStyle(s).textCombineUpright, Fs: parseFloat(getComputedStyle(s).fontSize)}; })`)
	if len(tcy) == 0 {
		t.Errorf("no upright number (span.tcy) in the shown chapter")
	}
	for _, s := range tcy {
		if !strings.HasSuffix(s.Ch, " all") || s.H < 0.85*s.Fs || s.H > 1.15*s.Fs || s.W > 1.6*s.Fs {
			t.Errorf("number %q: %.1f×%.1f px at %.1f px text, want upright in one cell", s.Ch, s.W, s.H, s.Fs)
		}
	}
	// The next page is to the left: goLeft turns forward, and the new first column stands
	// at the right.
	turn := eval[[]float64](p, `(async () => { const before = cjk.view.lastLocation.fraction;
		await cjk.view.goLeft(); await new Promise(r => setTimeout(r, 300));
		const after = cjk.view.lastLocation.fraction;
		const first = cjkChars("的一是了不在人有我他这中大来上国个到说们为子和你地出道也时年", 1)[0];
		await cjk.view.goRight(); await new Promise(r => setTimeout(r, 300));
		return [before, after, first ? first.x + first.w : -1, innerWidth]; })()`)
	if turn[1] <= turn[0] {
		t.Errorf("turning left went from %.3f to %.3f of the book, want forward", turn[0], turn[1])
	}
	if turn[2] < 0.6*turn[3] {
		t.Errorf("after turning, the first character is at x=%.0f of %.0f px, want the right-hand column", turn[2], turn[3])
	}
}

// checkQuotes checks that the quotes of Chinese text fill a full em, opening ones inked
// on the right of it and closing ones on the left; a quote that meets another mark on its
// blank side (”。 ，“), or an opening one that starts a wrapped line, gives its blank
// half up under text-spacing-trim, as in the PDF, and takes half an em.
func (p *enginePage) checkQuotes(shot []byte) {
	t := p.t
	t.Helper()
	chars := eval[[]box](p, `[...cjkDoc().querySelectorAll("span.cq")].filter(s => cjkOnScreen(cjkRect(s))).slice(0, 12).map(s => {
		const b = cjkRect(s), q = s.textContent, marks = "，。、；：）」』》〉】“”‘’（「『《〈【";
		const opening = q === "“" || q === "‘", fs = parseFloat(getComputedStyle(s).fontSize);
		const near = opening ? s.previousSibling?.textContent?.slice(-1) : s.nextSibling?.textContent?.[0];
		// An opening quote that starts a wrapped line drops its blank (text-spacing-trim: space-first).
		let wrapped = false, prev = s.previousSibling;
		if (opening && prev?.nodeType === 3 && prev.data.length) { const r = cjkDoc().createRange();
			r.setStart(prev, prev.data.length - 1); r.setEnd(prev, prev.data.length); wrapped = cjkRect(s).y > r.getBoundingClientRect().top + fs / 2 + cjkDoc().defaultView.frameElement.getBoundingClientRect().top; }
		return {X: b.x, Y: b.y, W: b.w, H: b.h, Ch: q, Fs: fs, Half: !!near && marks.includes(near) || wrapped}; })`)
	if len(chars) == 0 {
		t.Fatalf("no full-cell quote (span.cq) on the first page")
	}
	halves := 0
	for _, q := range chars {
		want := 1.0
		if q.Half {
			want, halves = 0.5, halves+1
		}
		if q.W < (want-0.05)*q.Fs || q.W > (want+0.05)*q.Fs {
			t.Errorf("quote %s (half %v) is %.1f px wide at %.1f px text, want %.1f em", q.Ch, q.Half, q.W, q.Fs, want)
		}
		if q.Half {
			continue // its ink fills the half it keeps
		}
		dx, _, n := ink(t, shot, q)
		opening := q.Ch == "“" || q.Ch == "‘"
		if n == 0 || opening && dx <= 0.1 || !opening && dx >= -0.1 {
			t.Errorf("quote %s at (%.0f,%.0f): ink centre %+.2f of the cell (%d px), want the %s side", q.Ch, q.X, q.Y, dx, n, map[bool]string{true: "right", false: "left"}[opening])
		}
	}
	t.Logf("%d quotes on the first page, %d of them compressed (next to a mark or at a line start)", len(chars), halves)
}

// checkRich finds the rich book's table, picture, code block and footnote and checks
// that each is drawn.
func (p *enginePage) checkRich() {
	t := p.t
	t.Helper()
	got := eval[map[string]string](p, `(async () => {
		const v = cjk.view, out = {};
		const probe = {
			table: d => d.querySelector("table td"),
			picture: d => [...d.querySelectorAll("div.figure img")].find(i => i.complete && i.naturalWidth > 0),
			code: d => d.querySelector("pre"),
			footnote: d => d.querySelector('a[role="doc-noteref"]'),
		};
		for (const [name, find] of Object.entries(probe)) {
			out[name] = "not found";
			for (let i = 0; i < v.book.sections.length; i++) {
				await v.goTo(i); await new Promise(r => setTimeout(r, 150));
				const el = find(cjkDoc());
				if (!el) continue;
				await v.renderer.scrollToAnchor(el); await new Promise(r => setTimeout(r, 300));
				const b = cjkRect(el);
				out[name] = cjkOnScreen(b) ? "shown" : "off screen " + JSON.stringify(b);
				if (name === "footnote") {
					const note = cjkDoc().getElementById(el.getAttribute("href").slice(1));
					out[name] += note && note.textContent.trim() ? ", note text present" : ", note missing";
				}
				break;
			}
		}
		return out; })()`)
	for _, name := range []string{"table", "picture", "code", "footnote"} {
		if !strings.HasPrefix(got[name], "shown") || strings.Contains(got[name], "missing") {
			t.Errorf("%s: %s", name, got[name])
		}
	}
}

// checkNavigation follows every contents entry and sampled page-list entries and checks
// that each shows its target.
func (p *enginePage) checkNavigation() {
	t := p.t
	t.Helper()
	bad := eval[[]string](p, `(async () => {
		const v = cjk.view, bad = [];
		const flat = items => items.flatMap(i => [i, ...flat(i.subitems ?? [])]);
		const toc = flat(v.book.toc ?? []);
		if (!toc.length) bad.push("no contents");
		const pages = v.book.pageList ?? [];
		const sample = pages.filter((_, i) => i === 0 || i === pages.length - 1 || i % Math.max(1, Math.floor(pages.length / 4)) === 0);
		for (const [kind, items] of [["contents", toc], ["page list", sample]]) {
			for (const item of items) {
				await v.goTo(item.href); await new Promise(r => setTimeout(r, 250));
				const want = v.resolveNavigation(item.href);
				const shown = v.renderer.getContents()[0];
				if (shown.index !== want.index) { bad.push(kind + " " + item.label + ": section " + shown.index + ", want " + want.index); continue; }
				const el = want.anchor?.(shown.doc);
				if (item.href.includes("#") && !el) { bad.push(kind + " " + item.label + ": no element " + item.href); continue; }
				if (el && el.nodeType === 1 && !cjkAtScreen(cjkRect(el))) bad.push(kind + " " + item.label + ": target off screen " + JSON.stringify(cjkRect(el)));
			}
		}
		if (!pages.length) bad.push("no page list");
		return bad; })()`)
	for _, b := range bad {
		t.Error(b)
	}
}

// userSettings are the reader's settings checkUserSettings applies, as Readium CSS's
// user-settings variables: night mode, 150 % text and a user font.
const userSettings = `{"--USER__backgroundColor": "#000000", "--USER__textColor": "#fefefe",
	"--USER__fontFamily": "HanaMinA", "--USER__fontSize": "150%"}`

// checkUserSettings applies Readium CSS (the stylesheets of its CJK variant for the
// writing mode, from base) with userSettings to each document of the book and checks that the
// book's CSS fights none of them: every element is drawn in the user's text colour (links
// aside) on the user's background, the text in the user's font (code aside), and the
// characters grow by half.
func (p *enginePage) checkUserSettings(base string, vertical bool) {
	t := p.t
	t.Helper()
	variant := "cjk-horizontal"
	if vertical {
		variant = "cjk-vertical"
	}
	bad := eval[[]string](p, `(async (base, settings, vertical) => {
		const sheets = {};
		for (const name of ["before", "after"]) sheets[name] = await (await fetch(base + "ReadiumCSS-" + name + ".css")).text();
		const v = cjk.view, bad = [];
		let measured = 0;
		for (let i = 0; i < v.book.sections.length; i++) {
			await v.goTo(i); await new Promise(r => setTimeout(r, 150));
			const d = cjkDoc(), root = d.documentElement, at = v.book.sections[i].id + ": ";
			const para = [...d.querySelectorAll("p")].find(p => /[\u4e00-\u9fff]/.test(p.textContent) && !p.closest("nav"));
			const cell = () => { if (!para) return 0; const w = d.createTreeWalker(para, NodeFilter.SHOW_TEXT);
				for (let n = w.nextNode(); n; n = w.nextNode()) { const k = n.data.search(/[\u4e00-\u9fff]/);
					if (k < 0) continue; const r = d.createRange(); r.setStart(n, k); r.setEnd(n, k + 1);
					const b = r.getBoundingClientRect(); return vertical ? b.width : b.height; } return 0; }; // across the line: justification stretches along it
			const sheet = name => { const s = d.createElement("style"); s.textContent = sheets[name]; return s; };
			d.head.prepend(sheet("before"));
			d.head.append(sheet("after"));
			const settle = async () => { await d.fonts.ready; await new Promise(r => setTimeout(r, 300)); };
			// The text size last, so that the growth is measured in the user's font.
			for (const [k, val] of Object.entries(settings)) if (k !== "--USER__fontSize") root.style.setProperty(k, val);
			await settle();
			const before = cell();
			root.style.setProperty("--USER__fontSize", settings["--USER__fontSize"]);
			await settle();
			const rs = getComputedStyle(root), text = rs.color, font = rs.fontFamily;
			if (rs.backgroundColor !== "rgb(0, 0, 0)") bad.push(at + "page background " + rs.backgroundColor + ", want the user's black");
			if (text !== "rgb(254, 254, 254)") bad.push(at + "page text colour " + text + ", want the user's");
			if (font.replaceAll('"', "") !== settings["--USER__fontFamily"]) bad.push(at + "page font " + font + ", want the user's " + settings["--USER__fontFamily"]);
			const seen = new Set();
			for (const el of d.body.querySelectorAll("*")) {
				const cs = getComputedStyle(el), what = el.localName + (el.className ? "." + el.className : "");
				const fault = (prop, got) => { if (!seen.has(what + prop)) { seen.add(what + prop); bad.push(at + what + ": " + prop + " " + got); } };
				if (cs.backgroundColor !== "rgba(0, 0, 0, 0)") fault("background", cs.backgroundColor);
				if (!el.closest("a") && cs.color !== text) fault("colour", cs.color);
				if (cs.textEmphasisStyle !== "none" && cs.textEmphasisColor !== cs.color) fault("emphasis colour", cs.textEmphasisColor);
				if (!el.closest("pre, code, kbd, samp, svg, math") && el.textContent.trim() && cs.fontFamily !== font) fault("font", cs.fontFamily);
			}
			if (!before) continue;
			measured++;
			const grown = cell() / before;
			if (!(grown > 1.4 && grown < 1.6)) bad.push(at + "a character grew " + grown.toFixed(2) + " times at 150 % text (" + before.toFixed(1) + " px before)");
		}
		if (!measured) bad.push("no paragraph of Chinese text in any section");
		return bad; })`+fmt.Sprintf("(%q, %s, %v)", base+variant+"/", userSettings, vertical))
	for _, b := range bad {
		t.Errorf("with the reader's settings: %s", b)
	}
}
