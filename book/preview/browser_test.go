package preview

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cjkbook/book/internal/testenv"

	"github.com/chromedp/chromedp"
)

// TestBrowser drives Debian's Chromium (headless) against a running preview: the contents list
// every chapter, the first chapter's text is visible in the embedded CJK font, an edit to the
// manuscript appears without a reload, and a screenshot is taken (written to
// $CJKBOOK_SCREENSHOT when set, e.g. docs/preview.png).
func TestBrowser(t *testing.T) {
	chromium := testenv.Tool(t, "chromium")
	src := newBook(t)
	s, base := startServer(t, src)
	waitGen(t, s, 1)

	bctx := openBrowser(t, chromium)

	if err := chromedp.Do(bctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("open the preview: %v", err)
	}
	waitFor(t, bctx, `document.querySelectorAll("#toc-list a").length > 0`, "the contents")
	// Every chapter of the book is in the contents.
	toc, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#toc-list li.depth-0 a")].map(a => a.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"第一章 开篇", "第二章　散文"}; !slices.Equal(toc, want) {
		t.Errorf("contents = %q, want %q", toc, want)
	}
	// The first chapter is shown, visibly, in the EPUB's embedded font.
	first := "这是用 Markdown 写的一章"
	waitFor(t, bctx, `(() => { const d = document.getElementById("chapter").contentDocument;
		return !!d && !!d.body && d.body.innerText.includes(`+jsString(first)+`); })()`, "the first chapter's text")
	type fontInfo struct {
		Family  string   `json:"family"`
		Visible bool     `json:"visible"`
		Loaded  []string `json:"loaded"`
		Check   bool     `json:"check"`
	}
	fi, err := chromedp.Run(bctx, chromedp.Evaluate[fontInfo](`(async () => {
		const f = document.getElementById("chapter"), d = f.contentDocument;
		await d.fonts.ready;
		const p = [...d.querySelectorAll("p")].find(p => p.innerText.includes(`+jsString(first)+`));
		const r = p.getBoundingClientRect(), fr = f.getBoundingClientRect();
		const cs = f.contentWindow.getComputedStyle(p);
		return {
			family: cs.fontFamily,
			visible: cs.visibility === "visible" && r.width > 0 && r.height > 0 && fr.top + r.top < window.innerHeight,
			loaded: [...d.fonts].filter(x => x.status === "loaded").map(x => x.family.replaceAll('"', "")),
			check: d.fonts.check("16px \"LXGW WenKai\"", "这是"),
		};
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.Trim(fi.Family, `"`), "LXGW WenKai") || !fi.Visible || !slices.Contains(fi.Loaded, "LXGW WenKai") || !fi.Check {
		t.Errorf("first paragraph: %+v, want visible in the loaded font LXGW WenKai", fi)
	}

	// An edit shows up without a reload: a marker on the page survives it.
	if err := chromedp.Do(bctx, chromedp.Evaluate[chromedp.Void](`window.__noReload = 1`)); err != nil {
		t.Fatal(err)
	}
	chapter := filepath.Join(src, "01-开篇.md")
	old, err := os.ReadFile(chapter)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(old), first, "刚刚写下的这一句，保存后就出现在预览里", 1)
	writeAtomic(t, chapter, edited)
	prose := filepath.Join(src, "02-散文.txt")
	old, _ = os.ReadFile(prose)
	writeAtomic(t, prose, string(old)+"\n本文来源：网络\n") // a boilerplate line: a warning with file:line
	waitFor(t, bctx, `(() => { const d = document.getElementById("chapter").contentDocument;
		return !!d && !!d.body && d.body.innerText.includes("刚刚写下的这一句") &&
			document.getElementById("warnings").innerText.includes("02-散文.txt:") &&
			d.fonts.status === "loaded" && document.fonts.status === "loaded"; })()`, "the edited text and the new warning")
	if n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`window.__noReload || 0`)); err != nil || n != 1 {
		t.Errorf("the page reloaded as a whole (marker %d, %v)", n, err)
	}

	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("CJKBOOK_SCREENSHOT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "preview.png")
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d KB)", out, len(png)/1024)

	// A broken book.toml: the page says why, and the last good chapter stays readable.
	toml := filepath.Join(src, "book.toml")
	good, _ := os.ReadFile(toml)
	writeAtomic(t, toml, string(good)+"\nno-such-setting = 1\n")
	waitFor(t, bctx, `(() => { const e = document.getElementById("error"), d = document.getElementById("chapter").contentDocument;
		return getComputedStyle(e).display !== "none" && e.innerText.includes("no-such-setting") &&
			!!d && !!d.body && d.body.innerText.includes("刚刚写下的这一句"); })()`, "the build error next to the last good chapter")
	writeAtomic(t, toml, string(good))
	waitFor(t, bctx, `getComputedStyle(document.getElementById("error")).display === "none"`, "the error cleared after the fix")

	// The next-chapter button turns the page to chapter 2.
	if err := chromedp.Do(bctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("next").click()`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, bctx, `(() => { const d = document.getElementById("chapter").contentDocument;
		return !!d && !!d.body && d.body.innerText.includes("这一章是纯文本文件") &&
			document.querySelector("#toc-list a.current").textContent === "第二章　散文"; })()`, "chapter 2 after next")
}

// openBrowser starts headless Chromium for the test and returns its tab's context.
func openBrowser(t *testing.T, chromium string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1100, 860),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 2*patienceBrowser)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(bcancel)
	return bctx
}

// patienceBrowser bounds the whole browser session; nothing is timed against it.
const patienceBrowser = 90 * time.Second

// waitFor evaluates a boolean expression in the page until it is true.
func waitFor(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	deadline := time.Now().Add(patienceBrowser)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("%s never appeared (%v)", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
